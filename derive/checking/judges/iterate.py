"""Iterates of an update map (jax.lax.scan) against a closed form in the step count k."""

import jax
import jax.numpy as jnp
import sympy as sp
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixSymbol

from derive.checking.comparison import relative_error
from derive.checking.jax_eval import evaluate
from derive.checking.sampling import concrete_shape
from derive.core.symbols import Given


def step_count(steps, sizes) -> int:
    """``steps`` as an int: a number, or a dimension symbol (or expression in them) at its size."""
    return int(steps.subs(sizes)) if isinstance(steps, sp.Basic) else int(steps)


def run(spec, env):
    """The iterates x_0, ..., x_K of every state variable: {symbol: array with leading axis K + 1}."""
    sizes = env["__sizes__"]
    steps = step_count(spec.steps, sizes)
    symbols = [symbol for symbol, _ in spec.state]
    shapes = {symbol: concrete_shape(Given(symbol), sizes) for symbol, _ in (*spec.state, *spec.inputs)}
    start = tuple(
        jnp.reshape(evaluate(_sympify(value), env), shapes[symbol]).astype(float) for symbol, value in spec.state
    )
    rows = tuple(evaluate(sequence, env)[:steps] for _, sequence in spec.inputs)
    if any(row.shape[0] < steps for row in rows):
        raise ValueError(f"an input sequence of the iteration has fewer than {steps} rows")
    updates = dict(spec.update)

    def body(carry, per_step):
        k, row_values = per_step
        local = {**env, **dict(zip(symbols, carry))}
        if spec.counter is not None:
            local[spec.counter] = k
        for (symbol, _), value in zip(spec.inputs, row_values):
            local[symbol] = jnp.reshape(value, shapes[symbol])
        new = tuple(
            jnp.reshape(evaluate(_sympify(updates[symbol]), local), shapes[symbol]) if symbol in updates else value
            for symbol, value in zip(symbols, carry)
        )
        return new, new

    _, history = jax.lax.scan(body, start, (jnp.arange(steps, dtype=float), rows))
    return {
        symbol: jnp.concatenate([first[None], later], axis=0) for symbol, first, later in zip(symbols, start, history)
    }


def judge(spec, env):
    sizes = env["__sizes__"]
    steps = step_count(spec.steps, sizes)
    iterates = run(spec, env)
    observe = spec.observe if spec.observe is not None else spec.state[0][0]
    errors = []
    for k in range(spec.first, steps + 1):
        local = {**env, **{symbol: values[k] for symbol, values in iterates.items()}}
        at_k = {spec.counter: sp.Integer(k)} if spec.counter is not None else {}
        if spec.counter is not None:
            local[spec.counter] = jnp.asarray(float(k))
        for expression in (observe, spec.claim):
            for symbol in _sympify(expression).atoms(MatrixSymbol):  # a counter in a shape: keep the value
                if symbol in local:
                    local.setdefault(symbol.xreplace(at_k), local[symbol])
        observed = evaluate(_sympify(observe).xreplace(at_k), local)
        claimed = evaluate(_sympify(spec.claim).xreplace(at_k), local)
        errors.append(relative_error(observed, claimed))
    errors = jnp.stack(errors)
    return jnp.max(errors), {"final_iterate_error": errors[-1], "iterates_compared": jnp.asarray(float(len(errors)))}

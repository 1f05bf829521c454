"""The numeric second opinion of ``derive verify``: every step's two sides evaluated with JAX on
random inputs drawn from the declared domains, all steps in one jit+vmap batch.

Derivatives are computed by JAX autodiff of the function written (derive.checking.jax_eval), so a
claimed gradient is compared with ``jax.grad`` of the objective, never with a formula.

Speed (a 3-step derivation should verify in under 2 s): the inputs are drawn on the host with
NumPy, because XLA compiles JAX's threefry sampler several times slower than the expressions
themselves, and the batch is compiled with XLA's cheap optimisation level. One compilation
serves all the steps.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from derive.checking.comparison import relative_error
from derive.checking.expectations import written_out
from derive.checking.jax_eval import evaluate
from derive.checking.numeric import CHEAP_COMPILE, device_for, numeric_sizes
from derive.checking.sampling import concrete_shape
from derive.core.checks import IdentityCheck
from derive.core.defaults import SEED, VERIFY_TRIALS
from derive.core.errors import DeriveError
from derive.verifying.constants import lifted, placeholder
from derive.verifying.opinion import NumericResult

TOLERANCE = 1e-7


def draws(givens, sizes: dict, trials: int, seed: int) -> dict:
    """``trials`` random values of every given (its domain's ``sample_numpy``), by name, each with a
    leading trials axis: float64 NumPy arrays, so their precision does not depend on JAX's setting."""
    rng = np.random.default_rng(seed)
    found = {}
    for given in givens:
        shape = (trials, *concrete_shape(given, sizes))
        found[given.name] = np.asarray(given.domain.sample_numpy(rng, shape), dtype=np.float64)
    return found


def environment(values: dict, givens, sizes: dict) -> dict:
    """One trial's values as derive.checking.jax_eval expects them (dimension symbols bound to their sizes)."""
    env = {given.symbol: values[given.name] for given in givens}
    env.update({dim: jnp.asarray(float(size)) for dim, size in sizes.items()})
    env["__sizes__"] = sizes
    return env


def value_of(expr, env):
    return jnp.asarray(evaluate(expr, env), dtype=float)


# Compiled batches by structure (derive.verifying.constants): verify_many's items that differ only
# in their coefficients reuse one compilation. Bounded, as a long-running process sees many shapes.
_COMPILED: dict = {}
_COMPILED_MAX = 256


def batched(function, givens, trials: int, seed: int, device=None, constants=(), structure=None):
    """``function(env)`` for ``trials`` random environments, as one compiled batch (NumPy arrays).

    ``constants``: the values of the lifted coefficients' placeholders, the same in every trial;
    ``structure``: a key that names ``function`` up to those values, to reuse its compilation."""
    givens = tuple(givens)
    chosen = device_for(device)  # first: it switches JAX to float64 before any array is made
    sizes = numeric_sizes(givens, IdentityCheck())
    inputs = draws(givens, sizes, trials, seed)
    key = (structure, tuple((g.name, g.domain.name, g.shape) for g in givens), trials, chosen)
    compiled = _COMPILED.get(key) if structure is not None else None
    if compiled is None:
        options = CHEAP_COMPILE if chosen.platform == "cpu" else None

        def one_trial(values, lifted_values):
            env = environment(values, givens, sizes)
            env.update({placeholder(k): value for k, value in enumerate(lifted_values)})
            return function(env)

        compiled = jax.jit(jax.vmap(one_trial, in_axes=(0, None)), compiler_options=options)
        if structure is not None:
            if len(_COMPILED) >= _COMPILED_MAX:
                _COMPILED.pop(next(iter(_COMPILED)))
            _COMPILED[key] = compiled
    with jax.default_device(chosen):
        return jax.device_get(compiled(inputs, jnp.asarray(constants, dtype=float)))


def traceable(function, givens) -> bool:
    """Whether ``function(env)`` can be evaluated by JAX at all (traced once, nothing compiled)."""
    givens = tuple(givens)
    sizes = numeric_sizes(givens, IdentityCheck())
    inputs = {name: value[0] for name, value in draws(givens, sizes, 1, 0).items()}
    try:
        jax.eval_shape(lambda values: function(environment(values, givens, sizes)), inputs)
    except Exception:  # a node JAX cannot evaluate, or shapes it refuses: no numeric opinion
        return False
    return True


def _pair_values(pair, env):
    lhs, rhs = value_of(pair[0], env), value_of(pair[1], env)
    if lhs.shape != rhs.shape and lhs.size == rhs.size == 1:
        lhs, rhs = jnp.reshape(lhs, ()), jnp.reshape(rhs, ())
    if lhs.shape != rhs.shape:
        raise ValueError(f"the sides have shapes {lhs.shape} and {rhs.shape}")
    return lhs, rhs


def compare_numerically(pairs, givens, trials: int = VERIFY_TRIALS, seed: int = SEED, device=None) -> list:
    """A NumericResult for each (lhs, rhs) pair; a ``None`` pair gets "unavailable".

    All pairs go into one batch. Only when JAX cannot trace that batch is each pair traced alone,
    to find the ones it cannot evaluate (tracing every pair first would double the tracing).
    """
    results: list = [None] * len(pairs)
    sizes = numeric_sizes(tuple(givens), IdentityCheck())
    pairs = [
        pair and tuple(written_out(side, givens, sizes) for side in pair) for pair in pairs
    ]  # E[...] at these sizes
    batch = [position for position, pair in enumerate(pairs) if pair is not None]
    for position in set(range(len(pairs))) - set(batch):
        results[position] = NumericResult("unavailable", reason="the sides have different shapes")
    try:
        errors = _batch_errors([pairs[p] for p in batch], givens, trials, seed, device) if batch else None
    except DeriveError:
        raise
    except Exception:  # some pair JAX cannot evaluate: leave those out
        untraceable = [p for p in batch if not traceable(lambda env, pair=pairs[p]: _pair_values(pair, env), givens)]
        for position in untraceable:
            results[position] = NumericResult("unavailable", reason="JAX cannot evaluate these sides")
        batch = [p for p in batch if p not in untraceable]
        errors = _batch_errors([pairs[p] for p in batch], givens, trials, seed, device) if batch else None
    for column, position in enumerate(batch):
        results[position] = _judged(np.asarray(errors[:, column]), trials)
    return results


def _batch_errors(chosen, givens, trials, seed, device):
    """The relative error of every pair on every trial: an array (trials, pairs). The pairs'
    coefficients are lifted out (derive.verifying.constants), so the compiled batch is reused by any
    later derivation of the same structure."""
    constants: list = []
    pairs = [tuple(lifted(pair, constants)) for pair in chosen]
    return batched(
        lambda env: jnp.stack([relative_error(*_pair_values(p, env)) for p in pairs]),
        givens,
        trials,
        seed,
        device,
        constants=tuple(constants),
        structure=tuple(pairs),  # SymPy expressions hash and compare by structure (srepr took 40 ms an item)
    )


def _judged(errors, trials: int) -> NumericResult:
    finite = errors[np.isfinite(errors)]
    if finite.size < max(1, trials // 2):
        reason = f"the sides are not finite at {trials - finite.size} of {trials} random inputs"
        return NumericResult("unavailable", reason=reason)
    worst = float(finite.max())
    return NumericResult("agree" if worst <= TOLERANCE else "differ", worst, int(finite.size))

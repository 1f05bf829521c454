"""Turn a SymPy expression into a JAX computation ("lambdify to JAX").

A visitor over the expression tree, one ``_eval_<Class>`` method per node class (looked up
along the MRO, like SymPy's printers), for SymPy's own classes. derive's operations
(derive.core.operation.Operation) carry their own translation, their ``jax`` form. It is
traced once under ``jit``, so the generated computation is as fast as lambdify's, while every
node it cannot translate raises a clear error naming that node.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import jax.scipy.special
import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from derive.checking import integrals
from derive.core.operation import Absent, Operation, to_scalar


class NotTranslatable(TypeError):
    """An expression node that has no JAX translation."""


def evaluate(expr, env: dict):
    """The value of ``expr`` with symbols (and dimension symbols) bound by ``env``."""
    own = expr.form("jax") if isinstance(expr, Operation) else None
    if own is not None:
        return own(evaluate, env)
    if isinstance(expr, Operation) and isinstance(expr.jax, Absent):
        raise NotTranslatable(f"no JAX value for {type(expr).__name__} ({expr.jax.reason}): {expr}")
    for cls in type(expr).__mro__:
        method = _HANDLERS.get(cls.__name__)
        if method is not None:
            return method(expr, env)
    raise NotTranslatable(f"no JAX translation for {type(expr).__name__}: {expr}")


def _size(extent, env) -> int:
    """A dimension, or a bound of a sum, as a number: a number, or made of dimensions with sizes."""
    if not isinstance(extent, sp.Basic):
        return int(extent)
    value = extent.subs(env["__sizes__"])
    if not value.is_number or not value.is_finite:
        raise NotTranslatable(f"the bound {extent} is not finite or not made of dimensions with sizes")
    return int(value)


def _matmul(expr, env):
    result = None
    for arg in expr.args:
        value = evaluate(arg, env)
        if not isinstance(arg, MatrixExpr):
            result = value if result is None else result * value
        elif result is None:
            result = value
        elif jnp.ndim(result) == 0:
            result = result * value
        else:
            result = result @ value
    return result


def _product(expr, env):
    return functools.reduce(lambda a, b: a * b, (evaluate(arg, env) for arg in expr.args))


def _sum(expr, env):
    return functools.reduce(lambda a, b: a + b, (evaluate(arg, env) for arg in expr.args))


def _symbol(expr, env):
    try:
        return env[expr]
    except KeyError:
        sizes = env.get("__sizes__", {})
        if expr in sizes:  # a dimension used as a number (1/n, sqrt(d))
            return jnp.asarray(float(sizes[expr]))
        raise NotTranslatable(f"symbol {expr} has no value: declare it among the givens") from None


def _finite_sum(expr, env):
    """sp.Sum with limits that are numbers or dimension symbols: its term traced once, with the index
    a batch of its values (jax.vmap), and added up. Unrolled one term per value instead when the term
    needs the index as a number while tracing: a term traced a hundred times made XLA compile for a
    minute (bayesian-ab-test's sum of binomial terms)."""
    index, low, high = expr.limits[-1]  # the outermost index; inner limits may not depend on it
    if high == sp.oo and env.get(integrals.ALLOWED):
        return _approximated(integrals.series, expr, env)
    inner = type(expr)(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else expr.function
    first, last = _size(low, env), _size(high, env)
    if last < first:
        return jnp.asarray(0.0)
    try:
        terms = jax.vmap(lambda value: evaluate(inner, {**env, index: value}))(jnp.arange(first, last + 1, dtype=float))
    except jax.errors.ConcretizationTypeError:
        return _unrolled(expr, lambda term, i, value: evaluate(term, {**env, i: jnp.asarray(float(value))}), env)
    return jnp.sum(terms, axis=0)


def _integral(expr, env):
    """sp.Integral, where the environment allows approximations (derive.checking.integrals)."""
    if not env.get(integrals.ALLOWED):
        raise NotTranslatable(f"no JAX translation for Integral (only the per-step check approximates one): {expr}")
    return _approximated(integrals.integral, expr, env)


def _approximated(rule, expr, env):
    try:
        return rule(expr, env, evaluate)
    except integrals.NotApproximated as exc:
        raise NotTranslatable(str(exc)) from None


def _finite_product(expr, env):
    """sp.Product likewise; the index is substituted, so that it may index a vector (x_i)."""
    return _unrolled(expr, lambda term, index, value: evaluate(term.xreplace({index: sp.Integer(value)}), env), env)


def _unrolled(expr, term_at, env):
    """The terms of a sp.Sum or sp.Product, ``term_at(term, index, value)`` for each value of its
    outermost index, added or multiplied."""
    combine, empty = (jnp.multiply, 1.0) if isinstance(expr, sp.Product) else (jnp.add, 0.0)
    total = None
    index, low, high = expr.limits[-1]  # the outermost index; inner limits may not depend on it
    inner = type(expr)(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else expr.function
    for value in range(_size(low, env), _size(high, env) + 1):
        term = term_at(inner, index, value)
        total = term if total is None else combine(total, term)
    return jnp.asarray(empty) if total is None else total


def log_beta(a, b):
    """log B(a, b) by log-gamma: JAX's betaln errs by 1.2e-8 at (13, 39) and 1.7e-9 at (5, 60)
    (jax 0.10), as much as a numeric check's tolerance; this, by about 1e-14 there."""
    gammaln = jax.scipy.special.gammaln
    return gammaln(a) + gammaln(b) - gammaln(a + b)


def _elementwise(expr, env):
    variable, body = expr.function.variables[0], expr.function.expr
    return evaluate(body, {**env, variable: evaluate(expr.expr, env)})


def _with_value(env, variable, value):
    return {**env, variable: value}


def _derivative(expr, env):
    """sp.Derivative of any order: one jax.grad per differentiation, innermost first."""

    def differentiate(function, variable):
        return lambda env: jax.grad(lambda value: to_scalar(function(_with_value(env, variable, value))))(env[variable])

    function = functools.partial(evaluate, expr.expr)
    for variable, count in expr.variable_count:
        for _ in range(int(count)):
            function = differentiate(function, variable)
    return function(env)


def _subs(expr, env):
    """sp.Subs: the expression with its variables bound to the points' values (a derivative in them,
    taken by jax.grad, is then taken at the points)."""
    bound = dict(env)
    for variable, point in zip(expr.variables, expr.point):
        bound[variable] = jnp.asarray(evaluate(point, env), dtype=float)
    return evaluate(expr.expr, bound)


def _piecewise(expr, env):
    result = jnp.nan
    for value, condition in reversed(expr.args):
        result = jnp.where(evaluate(condition, env), evaluate(value, env), result)
    return result


def _relational(op):
    return lambda expr, env: op(evaluate(expr.lhs, env), evaluate(expr.rhs, env))


def _unary(function):
    return lambda expr, env: function(evaluate(expr.args[0], env))


def _number(expr, env):
    return jnp.asarray(float(expr))


_HANDLERS = {
    "Symbol": _symbol,
    "Dummy": _symbol,
    "MatrixSymbol": _symbol,
    "Number": _number,
    "NumberSymbol": _number,
    "BooleanTrue": lambda expr, env: jnp.asarray(True),
    "Add": _sum,
    "MatAdd": _sum,
    "Mul": _product,
    "HadamardProduct": _product,
    "HadamardPower": lambda expr, env: jnp.power(evaluate(expr.args[0], env), evaluate(expr.args[1], env)),
    "MatMul": _matmul,
    "Pow": lambda expr, env: jnp.power(evaluate(expr.base, env), evaluate(expr.exp, env)),
    "MatPow": lambda expr, env: jnp.linalg.matrix_power(evaluate(expr.base, env), int(expr.exp)),
    "Transpose": lambda expr, env: jnp.swapaxes(evaluate(expr.arg, env), -1, -2),
    "Inverse": lambda expr, env: jnp.linalg.inv(evaluate(expr.arg, env)),
    "Trace": lambda expr, env: jnp.trace(evaluate(expr.arg, env)),
    "Determinant": lambda expr, env: jnp.linalg.det(evaluate(expr.arg, env)),
    "Identity": lambda expr, env: jnp.eye(_size(expr.rows, env)),
    "ZeroMatrix": lambda expr, env: jnp.zeros((_size(expr.rows, env), _size(expr.cols, env))),
    "OneMatrix": lambda expr, env: jnp.ones((_size(expr.rows, env), _size(expr.cols, env))),
    "MatrixElement": lambda expr, env: evaluate(expr.parent, env)[int(expr.i), int(expr.j)],
    "ImmutableDenseMatrix": lambda expr, env: jnp.stack(
        [jnp.stack([jnp.asarray(evaluate(v, env), dtype=float) for v in row]) for row in expr.tolist()]
    ),
    "ElementwiseApplyFunction": _elementwise,
    "Derivative": _derivative,
    "Subs": _subs,
    "exp": _unary(jnp.exp),
    "log": _unary(jnp.log),
    "tanh": _unary(jnp.tanh),
    "Abs": _unary(jnp.abs),
    "loggamma": _unary(jax.scipy.special.gammaln),
    "Sum": _finite_sum,
    "Integral": _integral,
    "factorial": _unary(lambda x: jnp.exp(jax.scipy.special.gammaln(x + 1))),
    "Product": _finite_product,
    "binomial": lambda expr, env: jnp.exp(
        jax.scipy.special.gammaln(evaluate(expr.args[0], env) + 1)
        - jax.scipy.special.gammaln(evaluate(expr.args[1], env) + 1)
        - jax.scipy.special.gammaln(evaluate(expr.args[0], env) - evaluate(expr.args[1], env) + 1)
    ),
    "beta": lambda expr, env: jnp.exp(log_beta(*(evaluate(a, env) for a in expr.args))),
    "erf": _unary(jax.scipy.special.erf),
    "erfc": _unary(jax.scipy.special.erfc),
    "erfinv": _unary(jax.scipy.special.erfinv),
    "gamma": _unary(lambda x: jnp.exp(jax.scipy.special.gammaln(x))),
    "sin": _unary(jnp.sin),
    "cos": _unary(jnp.cos),
    "tan": _unary(jnp.tan),
    "sec": _unary(lambda x: 1 / jnp.cos(x)),
    "csc": _unary(lambda x: 1 / jnp.sin(x)),
    "cot": _unary(lambda x: 1 / jnp.tan(x)),
    "asin": _unary(jnp.arcsin),
    "acos": _unary(jnp.arccos),
    "atan": _unary(jnp.arctan),
    "sinh": _unary(jnp.sinh),
    "cosh": _unary(jnp.cosh),
    "sign": _unary(jnp.sign),
    "Heaviside": _unary(lambda x: jnp.where(x > 0, 1.0, 0.0)),
    "Max": lambda expr, env: functools.reduce(jnp.maximum, (evaluate(a, env) for a in expr.args)),
    "Min": lambda expr, env: functools.reduce(jnp.minimum, (evaluate(a, env) for a in expr.args)),
    "Piecewise": _piecewise,
    "StrictGreaterThan": _relational(jnp.greater),
    "GreaterThan": _relational(jnp.greater_equal),
    "StrictLessThan": _relational(jnp.less),
    "LessThan": _relational(jnp.less_equal),
}

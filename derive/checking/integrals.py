"""Numeric values of definite integrals and of series to infinity, for the per-step numeric check.

An integral is computed by double-exponential quadrature: the substitution x = φ(t) below makes
the integrand decay double-exponentially in t, so the trapezoid rule with step STEP on [-T, T]
converges fast for analytic integrands, endpoint singularities and infinite ranges included:

    [a, b]     x = (a + b)/2 + (b - a)/2 · tanh(π/2 · sinh t)
    [a, ∞)     x = a + exp(π/2 · sinh t)
    (-∞, b]    x = b - exp(π/2 · sinh t)
    (-∞, ∞)    x = sinh(π/2 · sinh t)

A value is given only where it can be trusted (or is negligible: NEGLIGIBLE); elsewhere it is NaN, which the per-step check
leaves out like any value that is not finite (never a verdict of its own). Trusted means: the rule
with step STEP and the rule with step 2·STEP (every other node) agree within AGREEMENT of the
integral of |f|, and the outermost nodes add less than ENDS of it, so stopping at ±T lost nothing.
A narrow peak between the nodes can still fool both rules alike; so these values are used by the
catalog's per-step check only, where a wrong value can make a step FAIL but never PASS a wrong one,
and not by ``derive verify``, where a false "invalid" would be a false verdict.

A series Σ_{k ≥ a} is summed over its first TERMS terms, NaN likewise unless its last half adds
less than ENDS of the sum of |term|.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

STEP = 1 / 64
FINITE_HALF_WIDTH = 3.0  # beyond t = 3 the nodes of [a, b] come within 1e-14 of its ends
INFINITE_HALF_WIDTH = 4.0  # at t = 4, x reaches 2e18 (and a + 2e-19 on a half-line)
AGREEMENT = 1e-8  # the finer rule then errs by about the square of that: DE quadrature doubles its digits as the step halves
ENDS = 1e-12
# An integral of |f| below this is taken as computed, trusted or not: it and the true value are both
# within about NEGLIGIBLE of 0 (an inner integral near the end of an outer range, whose terms fall
# to where floats lose their precision); the per-step check compares values to max(|value|, 1).
NEGLIGIBLE = 1e-250
TERMS = 256

# the key in ``evaluate``'s environment that allows these approximations (the per-step check sets it)
ALLOWED = "__integrals_and_series__"


class NotApproximated(TypeError):
    """An integral or series these rules do not cover (an indefinite integral, a symbolic start)."""


def _finite(bound) -> bool:
    """Whether a bound is not ±∞ (a symbol's ``is_finite`` may be None: it is a finite value here)."""
    return bound not in (sp.oo, -sp.oo, sp.zoo)


def _half_width(low, high) -> float:
    return FINITE_HALF_WIDTH if _finite(low) and _finite(high) else INFINITE_HALF_WIDTH


def nodes(half_width: float) -> np.ndarray:
    """The points t = k·STEP, k = -K..K (K even, so that every other node is the 2·STEP rule's)."""
    count = round(half_width / STEP) // 2 * 2
    return np.arange(-count, count + 1) * STEP


def _substitution(t, low, high, a, b):
    """(x, dx/dt) at the nodes ``t`` for the range from ``low`` to ``high`` (SymPy bounds, to tell
    which are infinite), with ``a``, ``b`` their values."""
    u = np.pi / 2 * np.sinh(t)
    du = np.pi / 2 * np.cosh(t)
    if _finite(low) and _finite(high):
        half = (b - a) / 2
        # the distance to the nearer end, 1 - tanh|u| = 2 / (exp(2|u|) + 1), without cancellation
        gap = 2 / (np.exp(2 * np.abs(u)) + 1)
        x = jnp.where(t < 0, a + half * gap, b - half * gap)
        return x, half * du / np.cosh(u) ** 2
    if _finite(low):
        return a + np.exp(u), du * np.exp(u)
    if _finite(high):
        return b - np.exp(u), du * np.exp(u)
    return jnp.asarray(np.sinh(u)), du * np.cosh(u)


def integral(expr: sp.Integral, env: dict, evaluate):
    """The value of a definite integral (its variables integrated innermost first), or NaN."""
    variable, *bounds = expr.limits[-1]
    if len(bounds) != 2:
        raise NotApproximated(f"the integral over {variable} has no bounds: {expr}")
    low, high = bounds
    if low == high:
        return jnp.asarray(0.0)
    if low == sp.oo or high == -sp.oo:  # from +∞ down, or down to -∞: the reversed range, negated
        return -integral(type(expr)(expr.function, *expr.limits[:-1], (variable, high, low)), env, evaluate)
    inner = type(expr)(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else expr.function
    a, b = (evaluate(bound, env) if _finite(bound) else None for bound in (low, high))
    t = nodes(_half_width(low, high))
    x, dx = _substitution(t, low, high, a, b)
    values = jax.vmap(lambda point: jnp.asarray(evaluate(inner, {**env, variable: point}), float))(x)
    terms = values * jnp.reshape(dx, (-1,) + (1,) * (values.ndim - 1))
    fine, coarse = STEP * terms.sum(axis=0), 2 * STEP * terms[::2].sum(axis=0)
    magnitude = STEP * jnp.abs(terms).sum(axis=0)
    ends = STEP * jnp.maximum(jnp.abs(terms[0]), jnp.abs(terms[-1]))
    trusted = (jnp.abs(fine - coarse) <= AGREEMENT * magnitude) & (ends <= ENDS * magnitude)
    trusted = trusted | (magnitude < NEGLIGIBLE)
    return jnp.where(jnp.all(trusted), fine, jnp.nan)


def series(expr: sp.Sum, env: dict, evaluate):
    """The value of a sum whose outermost index runs to infinity, or NaN."""
    index, low, _ = expr.limits[-1]
    inner = type(expr)(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else expr.function
    start = low.subs(env.get("__sizes__", {}))
    if not (start.is_number and _finite(start)):
        raise NotApproximated(f"the sum over {index} starts at {low}, not a number")
    points = jnp.arange(int(start), int(start) + TERMS, dtype=float)
    try:
        terms = jax.vmap(lambda value: jnp.asarray(evaluate(inner, {**env, index: value}), float))(points)
    except jax.errors.ConcretizationTypeError:
        raise NotApproximated(f"the term of the sum over {index} needs its index as a number: {expr}") from None
    magnitude = jnp.abs(terms).sum(axis=0)
    trusted = jnp.abs(terms[TERMS // 2 :]).sum(axis=0) <= ENDS * magnitude
    return jnp.where(jnp.all(trusted), terms.sum(axis=0), jnp.nan)

"""Monte Carlo: the sample mean of the integrand within k standard errors of the claim.

k comes from a Bonferroni bound: with ``tests`` comparisons in one run (trials times the
entries of the estimate), each is allowed a two-sided normal tail of failure_rate / tests,
so a correct claim fails a run with probability below failure_rate (to the accuracy of the
normal approximation of the sample mean, which the default 100,000 draws make good).

The same estimate is also compared with perturbed claims (derive.checking.power): a check must
refuse them, or it is WEAK.
"""

from statistics import NormalDist

import jax
import jax.numpy as jnp
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings

from derive.checking import power
from derive.checking.comparison import matched
from derive.checking.jax_eval import evaluate
from derive.checking.sampling import concrete_shape
from derive.core.symbols import Given


def z_bound(failure_rate: float, tests: int) -> float:
    """k with P(|N(0,1)| > k) = failure_rate / tests: every test passes together with
    probability at least 1 - failure_rate when the claim is right."""
    return NormalDist().inv_cdf(1 - failure_rate / (2 * tests))


def estimate_and_error(values, weights=None):
    """The sample mean and its standard error over axis 0; with weights, the self-normalised
    mean sum w f / sum w and its delta-method standard error."""
    samples = values.shape[0]
    if weights is None:
        return jnp.mean(values, axis=0), jnp.std(values, axis=0, ddof=1) / jnp.sqrt(samples)
    weights = jnp.reshape(weights, (samples,) + (1,) * (values.ndim - 1))
    mean_weight = jnp.mean(weights, axis=0)
    estimate = jnp.mean(weights * values, axis=0) / mean_weight
    residual = weights * (values - estimate)
    spread = jnp.sqrt(jnp.sum(residual**2, axis=0) / (samples - 1))
    return estimate, spread / (mean_weight * jnp.sqrt(samples))


def sampled(spec, env):
    """(estimate, claim, standard error, bound, k): the estimate of E[integrand] and the claim, of one
    shape (exactly: derive.checking.comparison.matched), the standard error and k of them (the bound)
    for each of their entries."""
    sizes = env["__sizes__"]
    shapes = {symbol: concrete_shape(Given(symbol), sizes) for symbol, _ in spec.draws}
    weighted = getattr(spec, "weight", None) is not None

    # every draw of each distribution at once (its parameters depend on the trial's givens only)
    drawn = []
    for k, (symbol, distribution) in zip(jax.random.split(env["__key__"], len(spec.draws)), spec.draws):
        values = [evaluate(_sympify(param), env) for param in distribution.params]  # normal(0, 1) too
        drawn.append(distribution.sample_many(k, spec.samples, shapes[symbol], *values))

    def one_draw(draw):
        local = {**env, **{symbol: value for (symbol, _), value in zip(spec.draws, draw)}}
        value = jnp.asarray(evaluate(spec.integrand, local), dtype=jnp.float64)
        weight = jnp.reshape(jnp.asarray(evaluate(spec.weight, local), dtype=jnp.float64), ()) if weighted else 0.0
        return value, weight

    values, weights = jax.vmap(one_draw)(tuple(drawn))
    estimate, standard_error = estimate_and_error(values, weights if weighted else None)
    claim, estimate = matched(evaluate(spec.claim, env), estimate)
    standard_error = jnp.reshape(standard_error, jnp.shape(estimate))
    k = z_bound(spec.failure_rate, env["__trials__"] * max(int(jnp.size(estimate)), 1))
    floor = 1e-12 * jnp.maximum(jnp.abs(claim), 1.0)  # a deterministic integrand has no spread
    return estimate, claim, standard_error, k * jnp.maximum(standard_error, floor), k


def details_at(estimate, claim, standard_error, bound, k, errors):
    """The diagnostics of a run, at the entry of the estimate with the largest error."""
    worst = jnp.argmax(jnp.ravel(errors))
    return {
        "estimate": jnp.ravel(estimate)[worst],
        "claim": jnp.ravel(claim)[worst],
        "standard_error": jnp.max(standard_error),
        "bound": jnp.max(bound),
        "k": jnp.asarray(k),
        # the smallest relative error of the claim this run can detect: a wrong claim passes
        # unless it is off by more than the bound (so keep this well under the error to catch)
        "resolution": power.resolution(bound, claim),
    }


def judged(spec, env, error_of):
    """(error, details) of one trial, where ``error_of(claim, estimate, bound)`` is the error of a
    claim entry by entry: the claim's and those of the perturbed claims (power), from one estimate."""
    estimate, claim, standard_error, bound, k = sampled(spec, env)
    errors = error_of(claim, estimate, bound)
    details = details_at(estimate, claim, standard_error, bound, k, errors)
    refusals = power.refusal_errors(spec, claim, env, lambda wrong: error_of(wrong, estimate, bound))
    return jnp.max(errors), {**details, **refusals}


def error_of(claim, estimate, bound):
    return jnp.abs(estimate - claim) / bound


def judge(spec, env):
    return judged(spec, env, error_of)

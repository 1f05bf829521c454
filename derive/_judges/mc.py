"""Monte Carlo: the sample mean of the integrand within k standard errors of the claim."""

from statistics import NormalDist

import jax
import jax.numpy as jnp

from .._jax_eval import evaluate
from .._sampling import concrete_shape
from .._symbols import Given


def z_bound(failure_rate: float, tests: int) -> float:
    """k with P(|N(0,1)| > k) = failure_rate / tests: every test passes together with
    probability at least 1 - failure_rate when the claim is right."""
    return NormalDist().inv_cdf(1 - failure_rate / (2 * tests))


def judge(spec, env):
    sizes = env["__sizes__"]
    shapes = {symbol: concrete_shape(Given(symbol), sizes) for symbol, _ in spec.draws}

    def one_draw(key):
        keys = jax.random.split(key, len(spec.draws))
        local = dict(env)
        for k, (symbol, distribution) in zip(keys, spec.draws):
            values = [evaluate(param, env) for param in distribution.params]
            local[symbol] = distribution.sample(k, shapes[symbol], *values)
        return jnp.asarray(evaluate(spec.integrand, local), dtype=jnp.float64)

    values = jax.vmap(one_draw)(jax.random.split(env["__key__"], spec.samples))
    estimate = jnp.mean(values, axis=0)
    standard_error = jnp.std(values, axis=0, ddof=1) / jnp.sqrt(spec.samples)
    claim = jnp.reshape(evaluate(spec.claim, env), jnp.shape(estimate))
    k = z_bound(spec.failure_rate, env["__trials__"] * max(int(jnp.size(estimate)), 1))
    floor = 1e-12 * jnp.maximum(jnp.abs(claim), 1.0)  # a deterministic integrand has no spread
    bound = k * jnp.maximum(standard_error, floor)
    error = jnp.max(jnp.abs(estimate - claim) / bound)
    details = {
        "estimate": jnp.ravel(estimate)[0],
        "claim": jnp.ravel(claim)[0],
        "standard_error": jnp.max(standard_error),
        "bound": jnp.max(bound),
        "k": jnp.asarray(k),
    }
    return error, details

"""Distributions used by entries, in one place: a log-density as a SymPy expression (for
derivations, and evaluated by JAX like any expression) and a JAX sampler (for Monte Carlo).

Example::

    mu, sigma = scalar("mu"), scalar("sigma", POSITIVE)
    normal(mu, sigma).log_density(x)   # -(x - mu)**2 / (2 sigma**2) - log(sigma sqrt(2 pi))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Distribution:
    """A parametric family member: ``name``, its parameter expressions, and how to draw from it."""

    name: str
    params: tuple
    density: Callable  # (x, *params) -> SymPy log-density
    sampler: Callable  # (key, shape, *param_values) -> JAX array
    batch_sampler: Callable | None = None  # (key, count, shape, *param_values): when the sampler cannot broadcast

    def log_density(self, x):
        return self.density(x, *self.params)

    def sample(self, key, shape, *values):
        return self.sampler(key, shape, *values)

    def sample_many(self, key, count: int, shape, *values):
        """``count`` independent draws of ``shape`` at once, stacked on a leading axis: one call of the
        sampler (the parameters broadcast over the leading axis), not one key split per draw."""
        if self.batch_sampler is not None:
            return self.batch_sampler(key, count, shape, *values)
        return self.sampler(key, (count, *shape), *values)

    def log_likelihood(self, data, weights=None):
        """sum_i log p(data_i) over the entries of a column vector of iid scalar observations
        (or sum_i weights_i log p(data_i)), as a scalar: the log-density applied elementwise."""
        from derive.core.operations import scalar_of

        if self.name == "multivariate_normal":
            return _gaussian_rows_log_likelihood(data, weights, *self.params)
        point = sp.Dummy("t", real=True)
        terms = data.applyfunc(sp.Lambda(point, self.log_density(point)))
        total = weights if weights is not None else sp.OneMatrix(data.shape[0], 1)
        return scalar_of(sp.Transpose(total) * terms)


def _gaussian_rows_log_likelihood(data, weights, mean, cov):
    """sum_i w_i log N(x_i | mean, cov) over the rows x_i^T of an n x d data matrix, summed in closed
    form: the quadratic terms add up to tr(cov^-1 C^T diag(w) C), C = data - 1 mean^T (tested against
    the row-by-row sum of the log-density)."""
    from derive.core.operations import diag, hadamard, scalar_of

    n, d = data.shape
    ones = sp.OneMatrix(n, 1)
    w = weights if weights is not None else ones
    centred = data - ones * sp.Transpose(mean)
    # tr(P Q) = 1^T (P * Q^T) 1 with P = cov^-1 C^T diag(w), Q = C
    weighted = sp.Inverse(cov) * sp.Transpose(centred) * diag(w)
    quadratic = scalar_of(sp.Transpose(sp.OneMatrix(d, 1)) * hadamard(weighted, sp.Transpose(centred)) * ones)
    total = scalar_of(sp.Transpose(w) * ones)
    return -quadratic / 2 - total * sp.log(sp.Determinant(cov)) / 2 - total * d * sp.log(2 * sp.pi) / 2


def _jax():
    import jax

    return jax


def normal(mu, sigma) -> Distribution:
    """N(mu, sigma^2), parametrised by the standard deviation."""
    return Distribution(
        "normal",
        (mu, sigma),
        lambda x, m, s: -((x - m) ** 2) / (2 * s**2) - sp.log(s * sp.sqrt(2 * sp.pi)),
        lambda key, shape, m, s: m + s * _jax().random.normal(key, shape),
    )


def bernoulli(p) -> Distribution:
    return Distribution(
        "bernoulli",
        (p,),
        lambda x, q: x * sp.log(q) + (1 - x) * sp.log(1 - q),
        lambda key, shape, q: _jax().random.bernoulli(key, q, shape).astype("float64"),
    )


def uniform(low, high) -> Distribution:
    return Distribution(
        "uniform",
        (low, high),
        lambda x, a, b: -sp.log(b - a),
        lambda key, shape, a, b: _jax().random.uniform(key, shape, minval=a, maxval=b),
    )


def poisson(rate) -> Distribution:
    return Distribution(
        "poisson",
        (rate,),
        lambda x, lam: x * sp.log(lam) - lam - sp.loggamma(x + 1),
        lambda key, shape, lam: _jax().random.poisson(key, lam, shape).astype("float64"),
    )


def beta(a, b) -> Distribution:
    return Distribution(
        "beta",
        (a, b),
        lambda x, p, q: (
            (p - 1) * sp.log(x) + (q - 1) * sp.log(1 - x) - (sp.loggamma(p) + sp.loggamma(q) - sp.loggamma(p + q))
        ),
        lambda key, shape, p, q: _jax().random.beta(key, p, q, shape),
    )


def binomial(trials, p) -> Distribution:
    return Distribution(
        "binomial",
        (trials, p),
        lambda x, n, q: (
            sp.loggamma(n + 1) - sp.loggamma(x + 1) - sp.loggamma(n - x + 1) + x * sp.log(q) + (n - x) * sp.log(1 - q)
        ),
        lambda key, shape, n, q: _jax().random.binomial(key, n, q, shape),
    )


def multivariate_normal(mu, cov) -> Distribution:
    """N(mu, cov) for a column vector mu (d x 1) and a symmetric positive definite cov (d x d).

    Its log-density at a column vector x is a 1x1-free scalar:
    -1/2 (x - mu)^T cov^{-1} (x - mu) - 1/2 log det cov - d/2 log(2 pi). Draws are mu + L z with
    L the Cholesky factor of cov and z standard normal."""
    from derive.core.operations import scalar_of

    def density(x, m, s):
        d = x.shape[0]
        quadratic = scalar_of(sp.Transpose(x - m) * sp.Inverse(s) * (x - m))
        return -quadratic / 2 - sp.log(sp.Determinant(s)) / 2 - d * sp.log(2 * sp.pi) / 2

    def sampler(key, shape, m, s):
        jax = _jax()
        return m + jax.numpy.linalg.cholesky(s) @ jax.random.normal(key, shape)

    return Distribution("multivariate_normal", (mu, cov), density, sampler)


def categorical(probs) -> Distribution:
    """One draw from the probability vector ``probs`` (k x 1), as a one-hot column vector e:
    its log-density is e^T log probs."""
    from derive.core.operations import scalar_of

    def density(x, p):
        return scalar_of(x.T * p.applyfunc(sp.log))

    def sampler(key, shape, p):
        jax = _jax()
        index = jax.random.categorical(key, jax.numpy.log(jax.numpy.reshape(p, (-1,))))
        return jax.numpy.reshape(jax.nn.one_hot(index, shape[0]), shape)

    def batch_sampler(key, count, shape, p):
        """By the inverse of the cumulative distribution: one uniform a draw (the Gumbel-max trick of
        jax.random.categorical takes one a category)."""
        jnp = _jax().numpy
        cumulative = jnp.cumsum(jnp.reshape(p, (-1,)))
        uniform = _jax().random.uniform(key, (count,)) * cumulative[-1]
        index = jnp.minimum(jnp.searchsorted(cumulative, uniform, side="right"), shape[0] - 1)
        return jnp.reshape(_jax().nn.one_hot(index, shape[0]), (count, *shape))

    return Distribution("categorical", (probs,), density, sampler, batch_sampler)

"""Distributions used by entries, in one place: a log-density as a SymPy expression (for
derivations, and evaluated by JAX like any expression), a JAX sampler and, for most, a NumPy one (for
Monte Carlo: on the CPU the samples are drawn on the host, derive.checking.host_samples).

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
    # (rng, shape, *param_values) -> NumPy draws of ``shape`` (its last axes the draw's), the parameters
    # broadcast against it, in a form (standard draws, booleans, indices) that ``unpack`` makes the draws
    numpy_sampler: Callable | None = None
    unpack: Callable | None = None  # (host draws, shape, *param_values) -> JAX draws; default: as float64

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

    def sample_numpy(self, rng, shape, *values):
        """Draws of ``shape`` from NumPy's Generator ``rng``, in the form ``unpacked`` takes; the
        parameter ``values`` broadcast against ``shape`` (right-aligned, as NumPy broadcasts)."""
        return self.numpy_sampler(rng, shape, *values)

    def unpacked(self, host, shape, *values):
        """In JAX, the draws of ``shape`` (after leading axes) made from ``sample_numpy``'s: standard
        draws moved and scaled by the parameter ``values`` (in the compiled batch, fused with what uses
        them), indices made one-hot, booleans made numbers."""
        if self.unpack is not None:
            return self.unpack(host, shape, *values)
        return _jax().numpy.asarray(host, dtype="float64")

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


def aligned(shape, dtype="float64", alignment: int = 64):
    """An empty NumPy array at an address that is a multiple of ``alignment``: JAX takes such an array
    on the CPU without copying it (NumPy's own are 16-byte aligned; copying 400 MB of draws costs
    about as much as drawing them)."""
    import numpy as np

    size = int(np.prod(shape)) * np.dtype(dtype).itemsize
    memory = np.empty(size + alignment, np.uint8)
    start = -memory.ctypes.data % alignment
    return memory[start : start + size].view(dtype).reshape(shape)


def _whole(count):
    """A count given as a float (a JAX value) as NumPy's integer, refused unless it is whole."""
    import numpy as np

    whole = np.rint(count)
    if not np.all(whole == count):
        raise ValueError(f"a binomial's number of trials must be whole, not {count}")
    return whole.astype(np.int64)


def normal(mu, sigma) -> Distribution:
    """N(mu, sigma^2), parametrised by the standard deviation."""
    return Distribution(
        "normal",
        (mu, sigma),
        lambda x, m, s: -((x - m) ** 2) / (2 * s**2) - sp.log(s * sp.sqrt(2 * sp.pi)),
        lambda key, shape, m, s: m + s * _jax().random.normal(key, shape),
        numpy_sampler=lambda rng, shape, m, s: rng.standard_normal(out=aligned(shape)),
        unpack=lambda z, shape, m, s: m + s * z,
    )


def bernoulli(p) -> Distribution:
    return Distribution(
        "bernoulli",
        (p,),
        lambda x, q: x * sp.log(q) + (1 - x) * sp.log(1 - q),
        lambda key, shape, q: _jax().random.bernoulli(key, q, shape).astype("float64"),
        numpy_sampler=_bernoulli_numpy,
    )


def uniform(low, high) -> Distribution:
    return Distribution(
        "uniform",
        (low, high),
        lambda x, a, b: -sp.log(b - a),
        lambda key, shape, a, b: _jax().random.uniform(key, shape, minval=a, maxval=b),
        numpy_sampler=lambda rng, shape, a, b: rng.random(out=aligned(shape)),
        unpack=lambda u, shape, a, b: a + (b - a) * u,
    )


def _bernoulli_numpy(rng, shape, q):
    """Booleans (an eighth of float64's memory): 32 random bits below q 2^32, P = q within 2^-32, at
    half the cost of a uniform double."""
    import numpy as np

    return rng.integers(0, 2**32, shape, dtype=np.uint32) < q * 2.0**32


def poisson(rate) -> Distribution:
    return Distribution(
        "poisson",
        (rate,),
        lambda x, lam: x * sp.log(lam) - lam - sp.loggamma(x + 1),
        lambda key, shape, lam: _jax().random.poisson(key, lam, shape).astype("float64"),
        numpy_sampler=lambda rng, shape, lam: rng.poisson(lam, shape),
    )


def beta(a, b) -> Distribution:
    return Distribution(
        "beta",
        (a, b),
        lambda x, p, q: (
            (p - 1) * sp.log(x) + (q - 1) * sp.log(1 - x) - (sp.loggamma(p) + sp.loggamma(q) - sp.loggamma(p + q))
        ),
        lambda key, shape, p, q: _jax().random.beta(key, p, q, shape),
        numpy_sampler=lambda rng, shape, p, q: rng.beta(p, q, shape),
    )


def binomial(trials, p) -> Distribution:
    return Distribution(
        "binomial",
        (trials, p),
        lambda x, n, q: (
            sp.loggamma(n + 1) - sp.loggamma(x + 1) - sp.loggamma(n - x + 1) + x * sp.log(q) + (n - x) * sp.log(1 - q)
        ),
        lambda key, shape, n, q: _jax().random.binomial(key, n, q, shape),
        numpy_sampler=lambda rng, shape, n, q: rng.binomial(_whole(n), q, shape),
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
        return sampler_of_standard(_jax().random.normal(key, shape), shape, m, s)

    def sampler_of_standard(z, shape, m, s):
        return m + _jax().numpy.linalg.cholesky(s) @ z

    def numpy_sampler(rng, shape, m, s):
        return rng.standard_normal(out=aligned(shape))

    return Distribution("multivariate_normal", (mu, cov), density, sampler, None, numpy_sampler, sampler_of_standard)


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

    def numpy_sampler(rng, shape, p):
        """The category's index (int32: the one-hot draws would take 8k times the memory), by the
        inverse of the cumulative distribution as batch_sampler draws it, one row of ``p`` (a trial's,
        its leading axes flattened) at a time."""
        import numpy as np

        rows = np.reshape(p, (np.shape(p)[0], -1))  # the draw's k x 1 -> k
        cumulative = np.cumsum(rows, axis=-1)
        uniform = rng.random(shape[:-2])
        index = np.empty(uniform.shape, np.int32)
        for cumulative_row, uniform_row, index_row in zip(
            cumulative, np.reshape(uniform, (len(rows), -1)), np.reshape(index, (len(rows), -1))
        ):
            index_row[:] = np.searchsorted(cumulative_row, uniform_row * cumulative_row[-1], side="right")
        return np.minimum(index, shape[-2] - 1, out=index)

    def unpack(index, shape, p):
        jax = _jax()
        return jax.numpy.reshape(jax.nn.one_hot(index, shape[0]), (*jax.numpy.shape(index), *shape))

    return Distribution("categorical", (probs,), density, sampler, batch_sampler, numpy_sampler, unpack)

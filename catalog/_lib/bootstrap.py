"""Bootstrap resampling for the bootstrap-ci entry: the exact bootstrap variance of a mean, the
quantiles of resample means, and the law of a resample's indices."""

from __future__ import annotations

import itertools

import sympy as sp
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings

from derive import Distribution

from .procedures import NumericProcedure


class BootstrapVariance(NumericProcedure):
    """The variance of the resample mean over all n^n equally likely resamples (index tuples) of
    the entries of x, by exact enumeration in JAX (keep n <= 7)."""

    name = "Var"

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        x = jnp.ravel(evaluate(self.args[0], env))
        n = x.shape[0]
        indices = jnp.asarray(list(itertools.product(range(n), repeat=n)))
        means = jnp.mean(x[indices], axis=1)
        return jnp.mean((means - jnp.mean(means)) ** 2)


def bootstrap_variance(x):
    """The exact bootstrap variance of the mean of x, enumerating all n^n resamples (numeric only)."""
    return BootstrapVariance(x)


class ResampleQuantile(NumericProcedure):
    """The q-quantile of the B resample means x[I[:, b]] (I an n x B matrix of indices 0..n-1):
    an endpoint of the percentile bootstrap interval."""

    name = "quantile"

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        x = jnp.ravel(evaluate(self.args[0], env))
        indices = jnp.asarray(evaluate(self.args[1], env), dtype=jnp.int32)
        means = jnp.mean(x[indices], axis=0)
        return jnp.quantile(means, evaluate(self.args[2], env))


def resample_quantile(x, indices, q):
    """The q-quantile of the resample means of x over the columns of the index matrix (numeric only)."""
    return ResampleQuantile(x, indices, _sympify(q))


def resample_indices(n):
    """Uniform indices 0..n-1 (a bootstrap resample's draws with replacement), for Monte Carlo draws."""

    def sampler(key, shape, size):
        import jax

        return jax.random.randint(key, shape, 0, size.astype("int32") if hasattr(size, "astype") else int(size))

    def numpy_sampler(rng, shape, size):
        """On the host (derive.checking.host_samples), as bytes where n <= 256: the indices of 8,000
        experiments of 150 resamples of 30 take 36 MB a trial, not 144 MB as int32."""
        import numpy as np

        high = np.rint(size).astype(np.int64)
        if np.all(high == high.flat[0]):  # one n for every trial: NumPy's fast path
            high = int(high.flat[0])
        return rng.integers(0, high, shape, dtype=np.uint8 if np.max(high) <= 256 else np.int32)

    def unpack(indices, shape, size):
        return indices  # kept integers: ResampleQuantile indexes with them

    return Distribution("resample indices", (n,), lambda x, size: -sp.log(size), sampler, None, numpy_sampler, unpack)

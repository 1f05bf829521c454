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

    def log_density(self, x):
        return self.density(x, *self.params)

    def sample(self, key, shape, *values):
        return self.sampler(key, shape, *values)


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

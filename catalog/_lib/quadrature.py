"""Exact expectations under a normal distribution by Gauss-Hermite quadrature (numeric only), for
uncorrelated-not-independent.

``normal_expectation(f, t, mu, sigma)`` is E f(t) for t ~ N(mu, sigma^2), computed as
sum_i w_i f(mu + sigma z_i) with the probabilists' Hermite nodes z_i and weights w_i / sqrt(2 pi).
With 40 nodes it is exact (to rounding) for polynomials of degree up to 79, and very accurate for
smooth integrands of moderate growth: an independent reference for moment identities where
Monte Carlo would only be approximate.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings

from derive.core.operation import Operation, absent
from derive.core.operations import NO_PICTURE, NOT_IN_NOTATION

NODES = 40


class NormalExpectation(Operation, sp.Expr):
    """E f(t), t ~ N(mu, sigma^2); args (f, t, mu, sigma). Opaque to the symbolic checker."""

    is_commutative = True
    meaning = absent("numeric only: Gauss-Hermite quadrature in JAX, opaque to the symbolic checker")
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def __new__(cls, f, variable, mean, std):
        return sp.Expr.__new__(cls, _sympify(f), variable, _sympify(mean), _sympify(std))

    def jax(self, evaluate, env):
        import jax.numpy as jnp
        import numpy as np

        f, variable, mean, std = self.args
        nodes, weights = np.polynomial.hermite_e.hermegauss(NODES)
        points = evaluate(mean, env) + evaluate(std, env) * jnp.asarray(nodes)
        values = evaluate(f, {**env, variable: points})
        return jnp.sum(jnp.asarray(weights) * values) / np.sqrt(2 * np.pi)

    def latex(self, printer):
        f, variable, mean, std = (printer._print(a) for a in self.args)
        return r"\mathbb{E}_{%s \sim \mathcal{N}(%s, %s^{2})}\left[%s\right]" % (variable, mean, std, f)

    def _sympystr(self, printer):
        f, variable, mean, std = (printer._print(a) for a in self.args)
        return f"E[{f}; {variable} ~ N({mean}, {std}^2)]"


def normal_expectation(f, variable, mean=0, std=1):
    """E f(variable) for variable ~ N(mean, std^2), by Gauss-Hermite quadrature (numeric checks only)."""
    return NormalExpectation(f, variable, mean, std)

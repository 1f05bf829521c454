"""Special functions for the Bayesian entries: the Beta function (bayesian-ab-test)."""

from __future__ import annotations

import sympy as sp

from derive.core.statistics import _pretty_call


class BetaFunction(sp.Function):
    """The Beta function B(x, y) = Gamma(x) Gamma(y) / Gamma(x + y); on explicit instances it becomes
    that ratio (a rational number at whole-number arguments), in JAX exp(betaln)."""

    nargs = 2

    def doit(self, **hints):
        x, y = (arg.doit(**hints) for arg in self.args)
        return sp.gamma(x) * sp.gamma(y) / sp.gamma(x + y)

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp
        import jax.scipy.special

        return jnp.exp(jax.scipy.special.betaln(*(evaluate(arg, env) for arg in self.args)))

    def _latex(self, printer):
        return r"\mathrm{B}\left(%s, %s\right)" % tuple(printer._print(arg) for arg in self.args)

    _ml_latex = _latex  # the ML printer's own print method (derive.rendering.latex.MLLatexPrinter)

    def _pretty(self, printer):
        return _pretty_call(printer, "B", *self.args)


def beta_function(x, y):
    """B(x, y), the Beta function (the normaliser of the Beta(x, y) density)."""
    return BetaFunction(x, y)

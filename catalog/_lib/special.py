"""Special functions for the Bayesian entries: the Beta function (bayesian-ab-test)."""

from __future__ import annotations

import sympy as sp

from derive.core.operation import BY_DOIT, Operation, latex_call, pretty_call
from derive.core.operations import NOT_IN_NOTATION


class BetaFunction(Operation, sp.Function):
    """The Beta function B(x, y) = Gamma(x) Gamma(y) / Gamma(x + y); on explicit instances it becomes
    that ratio (a rational number at whole-number arguments), in JAX SymPy's beta (by log-gamma)."""

    nargs = 2
    meaning = BY_DOIT
    parser_names = NOT_IN_NOTATION

    def doit(self, **hints):
        x, y = (arg.doit(**hints) for arg in self.args)
        return sp.gamma(x) * sp.gamma(y) / sp.gamma(x + y)

    def jax(self, evaluate, env):
        return evaluate(sp.beta(*self.args, evaluate=False), env)

    def latex(self, printer):
        return latex_call(printer, r"\mathrm{B}", *self.args)

    def pretty(self, printer):
        return pretty_call(printer, "B", *self.args)


def beta_function(x, y):
    """B(x, y), the Beta function (the normaliser of the Beta(x, y) density)."""
    return BetaFunction(x, y)

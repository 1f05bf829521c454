"""σ decided by its derivative rule, not by its definition.

Written out, σ(z) = 1/(1 + e^{-z}) makes a Hessian of the logistic loss a sum of exponentials that
SymPy takes minutes to cancel. Kept as a function whose derivative is σ(1 − σ), the difference
of the two sides is rational in the values σ(u_i), and cancels at once. That is a proof: an
identity in σ's values taken as independent unknowns holds for every value of them, and the
derivative rule is σ's. It can miss an identity that needs σ's definition (σ(−z) = 1 − σ(z)), so
a difference that does not cancel this way is decided again with the definition written out.
"Cancels" is the quick test only (derive.checking.rational_zero, as a rational function of the
σ values): SymPy's slower ways of simplifying are left to the attempt with the definition, which
needs them anyway when σ's values alone do not cancel (logistic-hessian's read-back: the Hessian of
log(1 + e^z) has no σ at all; its step took 21 CPU s, now 0.9).
Sample points evaluate σ exactly, so a refutation this way is a true counterexample.
"""

from __future__ import annotations

import dataclasses

import sympy as sp

from derive.checking.rational_zero import vanishes
from derive.checking.symbolic import _decide
from derive.checking.verdicts import PROVED, REFUTED
from derive.core.operations import Sigmoid


class SigmoidValue(sp.Function):
    """σ(z) with its derivative rule σ' = σ(1 − σ) and its numeric value; no definition to expand."""

    nargs = 1

    def fdiff(self, argindex=1):
        value = SigmoidValue(self.args[0])
        return value * (1 - value)

    def _eval_evalf(self, prec):
        return (1 / (1 + sp.exp(-self.args[0])))._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real


def with_opaque_sigmoid(expr):
    """``expr`` with every σ kept as SigmoidValue (the same expression where it has no σ)."""
    return expr.replace(Sigmoid, SigmoidValue) if isinstance(expr, sp.Basic) and expr.has(Sigmoid) else expr


def decide(index, lhs, step, givens, sizes):
    """derive.checking.symbolic's ``_decide``, first with σ by its derivative rule when a side has σ."""
    opaque = with_opaque_sigmoid(lhs), with_opaque_sigmoid(step.expr)
    if opaque != (lhs, step.expr):
        verdict = _decide(index, opaque[0], dataclasses.replace(step, expr=opaque[1]), givens, sizes, zero=vanishes)
        if verdict.status == PROVED:
            return dataclasses.replace(verdict, method=f"{verdict.method}, σ by its derivative σ(1 − σ)")
        if verdict.status == REFUTED:
            return verdict
    return _decide(index, lhs, step, givens, sizes)

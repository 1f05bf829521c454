"""The base of the scalar values only a numeric procedure computes (bootstrap enumeration, rank)."""

from __future__ import annotations

import sympy as sp

from derive.core.operation import Operation, absent, latex_call, pretty_call
from derive.core.operations import NOT_IN_NOTATION

NUMERIC_ONLY = absent("numeric only: a JAX procedure computes it; opaque to the symbolic checker")


class NumericProcedure(Operation, sp.Expr):
    """A value only a numeric procedure computes: opaque to the symbolic checker; printed
    name(args). Subclasses set ``name`` and ``jax``."""

    is_commutative = True
    name = "procedure"
    meaning = NUMERIC_ONLY
    parser_names = NOT_IN_NOTATION

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{%s}" % self.name, *self.args)

    def pretty(self, printer):
        return pretty_call(printer, self.name, *self.args)

"""The base of the scalar values only a numeric procedure computes (bootstrap enumeration, rank)."""

from __future__ import annotations

import sympy as sp

from derive.core.statistics import _pretty_call


class NumericProcedure(sp.Expr):
    """A value only a numeric procedure computes: opaque to the symbolic checker; printed
    name(args). Subclasses set ``name`` and ``_jax_eval``."""

    is_commutative = True
    name = "procedure"

    def _latex(self, printer):
        return r"\operatorname{%s}\left(%s\right)" % (self.name, ", ".join(printer._print(a) for a in self.args))

    _ml_latex = _latex  # the ML printer's own print method (derive.rendering.latex.MLLatexPrinter)

    def _pretty(self, printer):
        return _pretty_call(printer, self.name, *self.args)

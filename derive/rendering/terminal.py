"""Terminal rendering of expressions with SymPy's Unicode pretty printer, in the ML notation."""

from __future__ import annotations

from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm

from derive.core.model import Equation
from derive.rendering.latex import ElementwiseArguments, OperationForms


class MLPrettyPrinter(OperationForms, ElementwiseArguments, PrettyPrinter):
    """derive's operations print their own ``pretty`` form (OperationForms)."""

    form = "pretty"

    def _print_OneMatrix(self, expr):
        return prettyForm("𝟏")

    def _print_Identity(self, expr):
        return prettyForm("I")


def render_pretty(expr) -> str:
    """A possibly multi-line Unicode picture of an expression or an Equation."""
    printer = MLPrettyPrinter({"use_unicode": True, "wrap_line": False})
    if isinstance(expr, Equation):
        left = printer._print(expr.lhs)
        return prettyForm(*left.right(" = ", printer._print(expr.rhs))).render(wrap_line=False)
    return printer.doprint(expr)

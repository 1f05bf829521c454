"""Terminal rendering of expressions with SymPy's Unicode pretty printer, in the ML notation."""

from __future__ import annotations

from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm

from derive.core.model import Equation
from derive.rendering.latex import ElementwiseArguments


class MLPrettyPrinter(ElementwiseArguments, PrettyPrinter):
    def _named(self, name, expr):
        return self._print_Function(expr, func_name=name)

    def _print_Sigmoid(self, expr):
        return self._named("σ", expr)

    def _print_ReLU(self, expr):
        return self._named("ReLU", expr)

    def _print_Step(self, expr):
        return self._named("𝟙₊", expr)

    def _print_OneMatrix(self, expr):
        return prettyForm("𝟏")

    def _print_Identity(self, expr):
        return prettyForm("I")

    def _print_Softmax(self, expr):
        return self._wrap("softmax", expr.args[0])

    def _print_DiagonalOf(self, expr):
        return self._wrap("diag", expr.args[0])

    def _wrap(self, name, arg):
        inner = self._print(arg)
        return prettyForm(*prettyForm(*inner.parens()).left(name))

    def _print_Gradient(self, expr):
        return self._wrap(f"∇_{expr.variable}", expr.function)

    def _print_Hessian(self, expr):
        return self._wrap(f"∇²_{expr.variable}", expr.function)

    def _print_Jacobian(self, expr):
        return self._wrap(f"J_{expr.variable}", expr.function)


def render_pretty(expr) -> str:
    """A possibly multi-line Unicode picture of an expression or an Equation."""
    printer = MLPrettyPrinter({"use_unicode": True, "wrap_line": False})
    if isinstance(expr, Equation):
        left = printer._print(expr.lhs)
        return prettyForm(*left.right(" = ", printer._print(expr.rhs))).render(wrap_line=False)
    return printer.doprint(expr)

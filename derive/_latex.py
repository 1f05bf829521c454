"""LaTeX in the NOTATION.md conventions: a SymPy LatexPrinter subclass, one method per node class."""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

from ._model import Equation


class ElementwiseArguments:
    """Printer mixin: an elementwise application f.(x) prints as f(x), its lambda variable as x."""

    def _print_ElementwiseApplyFunction(self, expr):
        variable = expr.function.variables[0]
        saved = dict(getattr(self, "_bound", {}))
        self._bound = {**saved, variable: expr.expr}
        try:
            return self._print(expr.function.expr)
        finally:
            self._bound = saved

    def _print_Dummy(self, expr):
        bound = getattr(self, "_bound", {})
        if expr in bound:
            return self._print(bound[expr])
        return super()._print_Dummy(expr)


def _bold(name: str) -> str:
    base, _, subscript = name.partition("_")
    latex_base = sp.latex(sp.Symbol(base))
    bold = rf"\boldsymbol{{{latex_base}}}" if latex_base.startswith("\\") else rf"\mathbf{{{latex_base}}}"
    return f"{bold}_{{{subscript}}}" if subscript else bold


class MLLatexPrinter(ElementwiseArguments, LatexPrinter):
    """Bold vectors and matrices, ^{\\top}, \\operatorname{tr}, \\sigma, \\odot, \\nabla_{\\mathbf{w}}."""

    printmethod = "_ml_latex"

    def _print_MatrixSymbol(self, expr):
        return _bold(expr.name)

    def _print_Transpose(self, expr):
        return rf"{self.parenthesize_super(self._print_operand(expr.arg))}^{{\top}}"

    def _print_operand(self, arg):
        text = self._print(arg)
        if isinstance(arg, (sp.MatrixSymbol, sp.Identity, sp.OneMatrix)):
            return text
        return rf"\left({text}\right)"

    def _print_Inverse(self, expr):
        return rf"{self._print_operand(expr.arg)}^{{-1}}"

    def _print_Trace(self, expr):
        return rf"\operatorname{{tr}}\left({self._print(expr.arg)}\right)"

    def _print_Determinant(self, expr):
        return rf"\det\left({self._print(expr.arg)}\right)"

    def _print_HadamardProduct(self, expr):
        return r" \odot ".join(
            self._print_operand(arg) if isinstance(arg, sp.MatAdd) else self._print(arg) for arg in expr.args
        )

    def _print_OneMatrix(self, expr):
        return r"\mathbf{1}"

    def _print_Identity(self, expr):
        return r"\mathbf{I}"

    def _print_ZeroMatrix(self, expr):
        return r"\mathbf{0}"

    def _print_Sigmoid(self, expr):
        return rf"\sigma\left({self._print(expr.args[0])}\right)"

    def _print_ReLU(self, expr):
        return rf"\operatorname{{ReLU}}\left({self._print(expr.args[0])}\right)"

    def _print_Step(self, expr):
        return rf"\mathbb{{1}}\left[{self._print(expr.args[0])} > 0\right]"

    def _print_log(self, expr):
        return rf"\log\left({self._print(expr.args[0])}\right)"

    def _print_Softmax(self, expr):
        return rf"\operatorname{{softmax}}\left({self._print(expr.args[0])}\right)"

    def _print_DiagonalOf(self, expr):
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_Gradient(self, expr):
        return rf"\nabla_{{{self._print(expr.variable)}}} {self._print_operand(expr.function)}"

    def _print_Hessian(self, expr):
        return rf"\nabla^{{2}}_{{{self._print(expr.variable)}}} {self._print_operand(expr.function)}"

    def _print_Jacobian(self, expr):
        return rf"\frac{{\partial {self._print_operand(expr.function)}}}{{\partial {self._print(expr.variable)}}}"


def render_latex(expr) -> str:
    """LaTeX for an expression or an Equation."""
    printer = MLLatexPrinter()
    if isinstance(expr, Equation):
        return f"{printer.doprint(expr.lhs)} = {printer.doprint(expr.rhs)}"
    return printer.doprint(expr)

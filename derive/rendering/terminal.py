"""Terminal rendering of expressions with SymPy's Unicode pretty printer, in the ML notation.

Pictures wider than the terminal are broken before a top-level + or - (each later row starts with
its sign, as the LaTeX rows do); a single term still too wide falls back to SymPy's own wrapping.
"""

from __future__ import annotations

import shutil

import sympy as sp
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm, stringPict

from derive.core.model import Equation
from derive.rendering.latex import (
    ElementwiseArguments,
    OperationForms,
    _is_negative,
    textbook_order,
    transposed_column,
    without_symmetric_transposes,
)
from derive.rendering.products import roots_to_denominator, textbook_factors

SUPERSCRIPT_T, SUPERSCRIPT_INVERSE = "ᵀ", "⁻¹"


class MLPrettyPrinter(OperationForms, ElementwiseArguments, PrettyPrinter):
    """derive's operations print their own ``pretty`` form (OperationForms)."""

    form = "pretty"

    def _print_OneMatrix(self, expr):
        rows, cols = expr.shape
        if rows == cols == 1:
            return prettyForm("1")
        if cols == 1:
            return prettyForm("𝟏")
        return prettyForm("𝟏ᵀ" if rows == 1 else "𝟏𝟏ᵀ", binding=prettyForm.POW)

    def _print_Identity(self, expr):
        return prettyForm("I")

    def _as_ordered_terms(self, expr, order=None):
        return textbook_order(super()._as_ordered_terms(expr, order=order))  # 1 - y, not -y + 1

    def _print_MatAdd(self, expr):
        """Terms in textbook order joined with + and - (SymPy wrote ``μ -2⋅X``), bound as a sum so that
        (a + b)^{∘2} and 2(a + b) keep their parentheses; a row of transposes as (𝟏 - y)ᵀ, as the LaTeX."""
        column = transposed_column(expr)
        if column is not None:
            return self._print(sp.Transpose(column))
        form = None
        for term in textbook_order(expr.args):
            if form is None:
                form = self._print(term)
                continue
            sign = " - " if _is_negative(term) else " + "
            form = prettyForm(*stringPict.next(form, sign, self._print(-term if sign == " - " else term)))
        return prettyForm("\n".join(form.picture), form.baseline, binding=prettyForm.ADD)

    def _print_Mul(self, product):
        """A product in the LaTeX's textbook order (n⋅μ, σ⋅√(2⋅π), σ/√n), split into numerator and
        denominator as SymPy splits it; an unevaluated or noncommutative product as SymPy prints it."""
        args = product.args
        if not product.is_commutative or args[0] is sp.S.One or any(isinstance(a, sp.Number) for a in args[1:]):
            return super()._print_Mul(product)
        numer, denom = [], []
        for item in product.as_ordered_factors():
            if item.is_Pow and item.exp.is_Rational and item.exp.is_negative:
                denom.append(sp.Pow(item.base, -item.exp, evaluate=item.exp == -1))
            elif item.is_Rational:
                numer += [sp.Integer(item.p)] if item.p != 1 else []
                denom += [sp.Integer(item.q)] if item.q != 1 else []
            else:
                numer.append(item)
        if denom:
            numer, denom = roots_to_denominator(numer, denom)
        top = prettyForm.__mul__(*(self._print(f) for f in textbook_factors(numer or [sp.S.One])))
        return top / prettyForm.__mul__(*(self._print(f) for f in textbook_factors(denom))) if denom else top

    def _print_MatMul(self, expr):
        """Factors joined as SymPy joins them; a sum or Hadamard product in parentheses unless it
        prints as a transposed column, (𝟏 - y)ᵀ, which has its own."""
        forms = []
        for arg in expr.args:
            form = self._print(arg)
            grouped = isinstance(arg, (sp.Add, sp.MatAdd, sp.HadamardProduct)) and transposed_column(arg) is None
            forms.append(prettyForm(*form.parens()) if grouped and len(expr.args) > 1 else form)
        return prettyForm.__mul__(*forms)

    def _print_HadamardProduct(self, expr):
        column = transposed_column(expr)  # αᵀ∘yᵀ as (α∘y)ᵀ, as the LaTeX prints it
        return super()._print_HadamardProduct(expr) if column is None else self._print(sp.Transpose(column))

    def _inline_superscript(self, arg, mark: str):
        """``Xᵀ``, ``𝟏ᵀ``, ``(a + b)ᵀ``, ``Σ⁻¹`` on one line where the operand is one line high; None otherwise."""
        form = self._print(arg)
        if form.height() != 1:
            return None
        if not isinstance(arg, (sp.MatrixSymbol, sp.OneMatrix)):
            form = prettyForm(*form.parens())
        return prettyForm(form.picture[0] + mark, binding=prettyForm.POW)

    def _print_Transpose(self, expr):
        return self._inline_superscript(expr.arg, SUPERSCRIPT_T) or super()._print_Transpose(expr)

    def _print_Inverse(self, expr):
        return self._inline_superscript(expr.arg, SUPERSCRIPT_INVERSE) or super()._print_MatPow(expr)


def terminal_width() -> int:
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def _printer() -> MLPrettyPrinter:
    return MLPrettyPrinter({"use_unicode": True, "wrap_line": False})


def _terms(expr) -> list | None:
    if isinstance(expr, sp.Add):
        return textbook_order(expr.as_ordered_terms())
    if isinstance(expr, sp.MatAdd):
        return textbook_order(expr.args)
    return None


def _rows(expr, width: int, printer: MLPrettyPrinter) -> list[prettyForm]:
    """``expr`` as pictures that each fit ``width`` columns where a cut between terms allows."""
    whole = printer._print(expr)
    terms = _terms(expr)
    if whole.width() <= width or not terms:
        return [whole]
    rows, current = [], None
    for i, term in enumerate(terms):
        sign = " - " if i and _is_negative(term) else " + " if i else ""
        piece = printer._print(-term if sign == " - " else term)
        piece = prettyForm(*piece.left(sign)) if sign else piece
        if current is not None and current.width() + piece.width() > width:
            rows.append(current)
            current = None
        current = piece if current is None else prettyForm(*current.right(piece))
    return [*rows, current]


def picture_rows(expr, width: int | None = None) -> list[tuple[list[str], int]]:
    """The picture of ``expr`` (or of an Equation) as rows at most ``width`` columns wide where it can
    be cut, each its lines and the index of its baseline; a term wider than that is cut by SymPy's
    wrapping, with ↪ marks."""
    width = width or terminal_width()
    printer = _printer()
    if isinstance(expr, Equation):
        expr = Equation(without_symmetric_transposes(expr.lhs), without_symmetric_transposes(expr.rhs))
    else:
        expr = without_symmetric_transposes(expr)
    if isinstance(expr, Equation):
        left = prettyForm(*printer._print(expr.lhs).right(" = "))
        rows = _rows(expr.rhs, max(20, width - left.width()), printer)
        rows[0] = prettyForm(*left.right(rows[0]))
    else:
        rows = _rows(expr, width, printer)
    found = []
    for row in rows:
        text = row.render(wrap_line=row.width() > width, num_columns=width, use_unicode=True)
        found.append((text.splitlines(), row.baseline if row.width() <= width else 0))
    return found


def render_pretty(expr, width: int | None = None) -> str:
    """A possibly multi-line Unicode picture of an expression or an Equation."""
    return "\n".join(line for lines, _ in picture_rows(expr, width) for line in lines)

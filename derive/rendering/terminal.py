"""Terminal rendering of expressions with SymPy's Unicode pretty printer, in the ML notation.

Pictures wider than the terminal are broken before a top-level + or - (each later row starts with
its sign, as the LaTeX rows do); a single term still too wide falls back to SymPy's own wrapping.
"""

from __future__ import annotations

import shutil

import sympy as sp
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm

from derive.core.model import Equation
from derive.rendering.latex import ElementwiseArguments, OperationForms, _is_negative


class MLPrettyPrinter(OperationForms, ElementwiseArguments, PrettyPrinter):
    """derive's operations print their own ``pretty`` form (OperationForms)."""

    form = "pretty"

    def _print_OneMatrix(self, expr):
        rows, cols = expr.shape
        if rows == cols == 1:
            return prettyForm("1")
        one = prettyForm("𝟏")
        if cols == 1:
            return one
        transposed = one ** prettyForm("T")
        return transposed if rows == 1 else prettyForm(*one.right(transposed))

    def _print_Identity(self, expr):
        return prettyForm("I")

    def _print_MatAdd(self, expr):
        # SymPy leaves a matrix sum bound as an atom, so (a + b)^{∘2} and 2(a + b) lost their parentheses
        form = super()._print_MatAdd(expr)
        return prettyForm("\n".join(form.picture), form.baseline, binding=prettyForm.ADD)


def terminal_width() -> int:
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def _printer() -> MLPrettyPrinter:
    return MLPrettyPrinter({"use_unicode": True, "wrap_line": False})


def _terms(expr) -> list | None:
    if isinstance(expr, sp.Add):
        return list(expr.as_ordered_terms())
    if isinstance(expr, sp.MatAdd):
        return list(expr.args)
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

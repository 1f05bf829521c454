"""LaTeX in the NOTATION.md conventions: a SymPy LatexPrinter subclass, one method per node class.

What it prints stays inside what `derive verify` reads back (NOTATION.md): bold vectors and
matrices, ``^{\\top}``, ``(...)^{-1}``, ``\\operatorname{tr}``, ``\\sigma``, ``\\odot``, ``\\mathbf{1}``,
``I``, ``\\operatorname{diag}``, ``\\nabla_{\\mathbf{w}}``, natural ``\\log``, and scalar factors such as
``\\frac{1}{2}`` written plainly in front of a product.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.conventions import split_super_sub
from sympy.printing.latex import LatexPrinter, translate

from derive.core.model import Equation
from derive.core.operation import Operation
from derive.rendering.binding import reading
from derive.rendering.products import TextbookProducts

SYMMETRIC_DOMAINS = ("symmetric", "spd")
_SYMMETRIC: ContextVar[frozenset] = ContextVar("symmetric_matrices", default=frozenset())


@contextmanager
def symmetric_givens(givens) -> Iterator[None]:
    """While printing an entry: its givens whose domain says symmetric print S^T as S, so
    (\\Sigma^\\top)^{-1} is \\Sigma^{-1} (the givens' declarations make it so when read back)."""
    symbols = frozenset(g.symbol for g in givens if g.domain.name in SYMMETRIC_DOMAINS)
    token = _SYMMETRIC.set(symbols)
    try:
        yield
    finally:
        _SYMMETRIC.reset(token)


def without_symmetric_transposes(expr):
    """``expr`` with S^T written S for every symmetric given S in scope (see symmetric_givens)."""
    symmetric = _SYMMETRIC.get()
    if not symmetric or not isinstance(expr, sp.Basic):
        return expr

    def symmetric_transpose(e) -> bool:
        arg = e.arg if isinstance(e, sp.Transpose) else None
        base = arg.args[0] if isinstance(arg, (sp.Inverse, sp.MatPow)) else arg
        return base is not None and base in symmetric

    return expr.replace(symmetric_transpose, lambda e: e.arg)


class OperationForms:
    """Printer mixin: derive's operations print in their own declared form (``form``: "latex" or
    "pretty", see derive.core.operation); where that form is absent, SymPy's dispatch prints them."""

    form = ""

    def _print(self, expr, **kwargs):
        own = expr.form(self.form) if isinstance(expr, Operation) else None
        if own is None:
            return super()._print(expr, **kwargs)
        self._print_level += 1  # as SymPy's own dispatch counts it
        try:
            printed = own(self)
        finally:
            self._print_level -= 1
        exp = kwargs.get("exp")  # LaTeX printers ask for f(x)**n as (f(x))^{n}
        return printed if exp is None else rf"\left({printed}\right)^{{{exp}}}"


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
            value = bound[expr]
            return value if isinstance(value, str) else self._print(value)
        return self._print_Symbol(expr)  # LatexPrinter has no _print_Dummy: a dummy prints as its name


def bold_name(name: str) -> str:
    """A vector or matrix name in bold: ``W1`` -> ``\\mathbf{W}_{1}``, ``Sigma`` -> ``\\boldsymbol{\\Sigma}``."""
    base, supers, subs = split_super_sub(name)
    base_tex = translate(base)
    accented = _ACCENTED.fullmatch(base_tex)
    if accented:  # the accent over the bold letter: \tilde{\mathbf{x}} (TeX fails on \bar{\boldsymbol{\tilde{x}}})
        tex = rf"\{accented[1]}{{{_bold(accented[2])}}}"
    else:
        tex = _bold(base_tex)
    if subs:
        tex += "_{%s}" % " ".join(translate(s) for s in subs)
    if supers:
        tex += "^{%s}" % " ".join(translate(s) for s in supers)
    return tex


_ACCENTED = re.compile(r"\\(hat|tilde|bar|check|dot|ddot|breve|vec|acute|grave)\{([^{}]+)\}")


def _bold(letter_tex: str) -> str:
    return rf"\boldsymbol{{{letter_tex}}}" if letter_tex.startswith("\\") else rf"\mathbf{{{letter_tex}}}"


def _is_row(expr) -> bool:
    rows, cols = expr.shape
    return rows == 1 and cols != 1


def _is_negative(term) -> bool:
    """A term with a negative numeric factor in front: -2 lambda v, -y; not a sum such as sigma(z) - y."""
    if isinstance(term, sp.MatMul):
        term = term.as_coeff_matrices()[0]
    if isinstance(term, (sp.Add, sp.MatAdd)):
        return False
    coeff = term.as_coeff_Mul()[0] if isinstance(term, sp.Expr) else sp.Integer(1)
    return bool(coeff.is_negative)


def _is_constant(term) -> bool:
    return isinstance(term, (sp.OneMatrix, sp.Identity, sp.Number))


def textbook_order(terms) -> list:
    """A sum's terms led by a positive term (a constant where there is one): 1 - sigma(z) rather
    than -sigma(z) + 1, and 1 + exp(z) rather than exp(z) + 1; the others in their order."""
    terms = list(terms)
    positive = [i for i, t in enumerate(terms) if not _is_negative(t)]
    lead = next((i for i in positive if _is_constant(terms[i])), positive[0] if positive else 0)
    return [terms[lead], *terms[:lead], *terms[lead + 1 :]]


def _is_transposed(term) -> bool:
    """A term that prints as the transpose of a column: X^T, 1^T, or a scalar multiple of one."""
    if isinstance(term, sp.MatMul):
        factors = term.as_coeff_matrices()[1]
        return len(factors) == 1 and _is_transposed(factors[0])
    return isinstance(term, sp.Transpose) or (isinstance(term, sp.OneMatrix) and _is_row(term))


def transposed_column(expr):
    """The column c of a row vector written as a sum or Hadamard product of transposes (1^T - y^T
    is (1 - y)^T), which prints as c^T; None for any other expression."""
    if not (isinstance(expr, sp.MatrixExpr) and _is_row(expr) and all(_is_transposed(arg) for arg in expr.args)):
        return None
    return sp.Transpose(expr).doit()


def _index(arg) -> str:
    """The entry index of a vector (i) or a matrix (ij)."""
    return "i" if arg.shape[1] == 1 else "ij"


def _summed_entrywise(expr) -> bool:
    """An elementwise function whose sum over entries 1^T f(v) prints written out: a compound one, or |v|."""
    return _compound(expr) or (isinstance(expr, ElementwiseApplyFunction) and isinstance(expr.function.expr, sp.Abs))


def _compound(expr) -> bool:
    """An elementwise function whose body is a formula (-alpha t^2 / 2 - log c), not f(t) or f(g(t))."""
    return isinstance(expr, ElementwiseApplyFunction) and isinstance(expr.function.expr, (sp.Add, sp.Mul, sp.Pow))


class MLLatexPrinter(TextbookProducts, OperationForms, ElementwiseArguments, LatexPrinter):
    """Bold vectors and matrices, ^{\\top}, \\operatorname{tr}, \\sigma, \\odot, \\nabla_{\\mathbf{w}}.
    derive's operations print their own ``latex`` form (OperationForms)."""

    form = "latex"
    # SymPy classes' own _latex methods must not override the visitor methods below, so there is
    # no print method; SymPy objects that have only _latex (pi, oo) go through _print_Basic.
    printmethod = None

    def _print_Basic(self, expr):
        if hasattr(expr, "_latex"):
            return expr._latex(self)
        return super()._print_Basic(expr)

    def doprint(self, expr):
        return super().doprint(without_symmetric_transposes(expr))

    def _entrywise(self, expr) -> str:
        """A compound elementwise function written for one entry: -alpha w_i^2 / 2 - log c."""
        arg = expr.expr
        index = _index(arg)
        if isinstance(arg, sp.MatrixSymbol) and not split_super_sub(arg.name)[2]:
            entry = f"{translate(arg.name)}_{{{index}}}"
        else:
            entry = rf"\left({self._print(arg)}\right)_{{{index}}}"
        saved = dict(getattr(self, "_bound", {}))
        self._bound = {**saved, expr.function.variables[0]: entry}
        try:
            return self._print(expr.function.expr)
        finally:
            self._bound = saved

    def _print_ElementwiseApplyFunction(self, expr):
        if isinstance(expr.expr, sp.Transpose) and not _compound(expr):  # sign(x)^T, not sign(x^T)
            column = ElementwiseApplyFunction(expr.function, expr.expr.arg)
            return rf"{self._print(column)}^{{\top}}"
        if _compound(expr):
            return rf"\left[{self._entrywise(expr)}\right]_{{{_index(expr.expr)}}}"
        return super()._print_ElementwiseApplyFunction(expr)

    # -- grouping -----------------------------------------------------------------------------
    def parenthesize(self, item, level, is_neg=False, strict=False) -> str:
        """SymPy's rule, with derive's operations bound as the form they print binds: (x^T x)^{2},
        (\\sum_i x_i)^{3}, where SymPy would take them for atoms."""
        if not isinstance(item, Operation):
            return super().parenthesize(item, level, is_neg, strict)
        text = self._print(item)
        binding = reading(text).precedence
        return rf"\left({text}\right)" if binding < level or (not strict and binding <= level) else text

    def _needs_mul_brackets(self, expr, first=False, last=False) -> bool:
        if isinstance(expr, Operation):
            return reading(self._print(expr)).needs_group_as_factor(first, last)
        return super()._needs_mul_brackets(expr, first, last)

    def group(self, arg) -> str:
        """An operand in parentheses unless it is a single symbol-like object."""
        text = self._print(arg)
        atomic = (sp.MatrixSymbol, sp.Identity, sp.OneMatrix, sp.ZeroMatrix, sp.Symbol, sp.Number, sp.Function)
        if isinstance(arg, atomic) or (isinstance(arg, ElementwiseApplyFunction) and not _compound(arg)):
            return text
        return rf"\left({text}\right)"

    def _as_transposed_group(self, expr) -> str | None:
        """A row vector written as a sum or product of transposes prints as (column)^T: (1 - y)^T."""
        column = transposed_column(expr)
        return None if column is None else rf"\left({self._print(column)}\right)^{{\top}}"

    # -- symbols and constants ----------------------------------------------------------------
    def _print_MatrixSymbol(self, expr):
        return bold_name(expr.name)

    def _print_OneMatrix(self, expr):
        rows, cols = expr.shape
        if rows == cols == 1:  # 1^T 1 of length 1: the number
            return "1"
        if cols == 1:
            return r"\mathbf{1}"
        if rows == 1:
            return r"\mathbf{1}^{\top}"
        return r"\mathbf{1}\mathbf{1}^{\top}"

    def _print_Identity(self, expr):
        return "I"

    def _print_ZeroMatrix(self, expr):
        return r"\mathbf{0}"

    # -- sums and products --------------------------------------------------------------------
    def _signed_sum(self, terms) -> str:
        """Terms joined with + and -, in textbook order (see textbook_order)."""
        terms = textbook_order(terms)
        tex = ""
        for i, term in enumerate(terms):
            if i and _is_negative(term):
                tex += " - " + self._print(-term)
            elif i:
                tex += " + " + self._print(term)
            else:
                tex += self._print(term)
        return tex

    def _print_Add(self, expr, order=None):
        return self._signed_sum(list(self._as_ordered_terms(expr, order=order)))

    def _print_MatAdd(self, expr):
        return self._as_transposed_group(expr) or self._signed_sum(list(expr.args))

    def _print_MatMul(self, expr):
        coeff, factors = expr.as_coeff_matrices()
        sign = ""
        if _is_negative(coeff):
            sign, coeff = "- ", -coeff
        factors = list(self._flat_factors(factors))
        ones = [f for f in factors if isinstance(f, (sp.OneMatrix, sp.Identity)) and f.shape == (1, 1)]
        if (ones and len(ones) < len(factors)) or coeff != 1:  # a 1x1 ones or identity factor is the number 1
            factors = [f for f in factors if not any(f is one for one in ones)]
        parts = []
        if coeff != 1:
            text = self._print(coeff)
            grouped = isinstance(coeff, sp.Add) or reading(text).needs_group_as_factor(not sign, False)
            parts.append(rf"\left({text}\right)" if grouped else text)
        if len(factors) == 2 and isinstance(factors[0], sp.OneMatrix) and _summed_entrywise(factors[1]):
            return sign + " ".join([*parts, self._sum_of_entries(factors[1])])
        for i, factor in enumerate(factors):
            text = self._print(factor)
            if isinstance(factor, (sp.MatAdd, sp.HadamardProduct)):
                grouped = self._as_transposed_group(factor) is None
            else:  # v \odot v (a Hadamard power), \nabla_w f, a sign
                grouped = isinstance(factor, (Operation, sp.HadamardPower)) and reading(text).needs_group_as_factor(
                    not (sign or parts or i), i == len(factors) - 1
                )
            parts.append(rf"\left({text}\right)" if grouped else text)
        return sign + " ".join(parts)

    def _sum_of_entries(self, expr) -> str:
        """1^T f(v) for a compound elementwise f, or |v|: the sum over entries, written out
        (\\sum_{i=1}^{d} \\left|v_{i}\\right|, the 1-norm, which derive verify reads back)."""
        count, entry = self._print(expr.shape[0]), self._entrywise(expr)
        return rf"\sum_{{i=1}}^{{{count}}} " + (rf"\left({entry}\right)" if _compound(expr) else entry)

    def _print_Abs(self, expr, exp=None):
        tex = rf"\left|{self._print(expr.args[0])}\right|"
        return tex if exp is None else rf"{tex}^{{{exp}}}"

    def _print_sign(self, expr, exp=None):
        return self._applied(r"\operatorname{sign}", expr, exp)

    def _flat_factors(self, factors):
        """Nested products flattened: (1/2)((Xw - y)^T (Xw - y)) prints as 1/2 (Xw - y)^T (Xw - y)."""
        for factor in factors:
            if isinstance(factor, sp.MatMul) and factor.as_coeff_matrices()[0] == 1:
                yield from self._flat_factors(factor.as_coeff_matrices()[1])
            else:
                yield factor

    def _print_HadamardProduct(self, expr):
        grouped = self._as_transposed_group(expr)
        if grouped:
            return grouped
        return r" \odot ".join(
            self.group(arg) if isinstance(arg, (sp.MatAdd, sp.MatMul)) else self._print(arg) for arg in expr.args
        )

    def _print_HadamardPower(self, expr):
        """v^{∘2} as v ⊙ v (NOTATION.md has ⊙, not Hadamard powers); other powers as (v)^{⊙ k}."""
        base = self.group(expr.base) if isinstance(expr.base, (sp.MatAdd, sp.MatMul)) else self._print(expr.base)
        if expr.exp in (2, 3):
            return r" \odot ".join([base] * int(expr.exp))
        return rf"{base}^{{\odot {self._print(expr.exp)}}}"

    # -- matrix operations --------------------------------------------------------------------
    def _print_Transpose(self, expr):
        return rf"{self.group(expr.arg)}^{{\top}}"

    def _print_Inverse(self, expr):
        return rf"{self.group(expr.arg)}^{{-1}}"

    def _print_MatPow(self, expr):
        if expr.exp.is_negative and expr.exp != -1:  # S^{-2} as (S^{-1})^{2}: NOTATION.md has ^{-1} only
            return rf"\left({self._print(sp.Inverse(expr.base))}\right)^{{{self._print(-expr.exp)}}}"
        return rf"{self.group(expr.base)}^{{{self._print(expr.exp)}}}"

    def _print_Trace(self, expr):
        return rf"\operatorname{{tr}}\left({self._print(expr.arg)}\right)"

    def _print_Determinant(self, expr):
        return rf"\det\left({self._print(expr.arg)}\right)"

    # -- functions (elementwise on vectors) ---------------------------------------------------
    def _applied(self, name: str, expr, exp=None) -> str:
        """``name(arg)``; ``exp`` is the power SymPy passes for f(x)**n, printed (f(x))^{n}."""
        tex = rf"{name}\left({self._print(expr.args[0])}\right)"
        return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"

    def _print_log(self, expr, exp=None):
        return self._applied(r"\log", expr, exp)

    def _print_tanh(self, expr, exp=None):
        return self._applied(r"\tanh", expr, exp)

    def _print_exp(self, expr, exp=None):
        arg, bound = expr.args[0], getattr(self, "_bound", {})
        if any(isinstance(bound.get(s), sp.MatrixExpr) for s in arg.free_symbols):
            return self._applied(r"\exp", expr, exp)  # elementwise on a vector: exp(Xw), exp(exp(x)), not e^{Xw}
        tex = self._exp_as_powers(arg) or f"e^{{{self._print(arg)}}}"
        return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"


def render_latex(expr) -> str:
    """LaTeX for an expression or an Equation, e.g. ``\\mathbf{X}^{\\top} \\left(\\sigma\\left(...\\right) - \\mathbf{y}\\right)``."""
    printer = MLLatexPrinter()
    if isinstance(expr, Equation):
        return f"{printer.doprint(expr.lhs)} = {printer.doprint(expr.rhs)}"
    return printer.doprint(expr)

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
from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.printing.conventions import split_super_sub
from sympy.printing.latex import LatexPrinter, _between_two_numbers_p, translate
from sympy.printing.precedence import PRECEDENCE
from sympy.simplify.radsimp import fraction

from derive.core.model import Equation
from derive.core.operation import Operation

# Commands that apply to everything after them in a product (the parser reads them so too):
# \sum_{i=1}^{n} x_i y is the sum of x_i y, so a sum followed by a factor is grouped.
PREFIX_COMMANDS = (r"\sum", r"\prod", r"\nabla", r"\int", r"\operatorname{argmin}", r"\operatorname{quad}",
                   r"\operatorname{mean}")  # fmt: skip
_DELIMITER = re.compile(r"\\(left|right|bigl|bigr)(?![A-Za-z])(\\.|.)|\\[A-Za-z]+|\\.|.", re.DOTALL)
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


@dataclass(frozen=True)
class Reading:
    """How a printed formula binds, read from its top level (outside braces and \\left...\\right):
    a leading minus, a top-level + or -, a Hadamard product (looser than a matrix product: the
    parser reads a b \\odot c as (a b) \\odot c), a prefix command (\\sum) whose scope runs to
    the end, a juxtaposition (x^T x) or a fraction."""

    leading_minus: bool
    top_level_sum: bool
    hadamard: bool
    open_right: bool
    product: bool

    @property
    def precedence(self) -> int:
        if self.leading_minus or self.top_level_sum or self.hadamard:
            return PRECEDENCE["Add"]
        return PRECEDENCE["Mul"] if self.open_right or self.product else PRECEDENCE["Atom"]

    def needs_group_as_factor(self, first: bool, last: bool) -> bool:
        """A factor of a product in parentheses when it is a sum or a Hadamard product (or
        negative, unless it leads), or when a prefix operator in it would take in the factors after it."""
        return (
            self.top_level_sum or self.hadamard or (self.leading_minus and not first) or (self.open_right and not last)
        )


def reading(tex: str) -> Reading:
    """The top-level structure of printed LaTeX (see Reading)."""
    tex = tex.strip()
    braces = delimiters = 0
    top_sum = hadamard = open_right = product = False
    for match in _DELIMITER.finditer(tex):
        token, at = match.group(), match.start()
        if match.group(1) in ("left", "bigl"):
            delimiters += 1
        elif match.group(1) in ("right", "bigr"):
            delimiters -= 1
        elif token == "{":
            braces += 1
        elif token == "}":
            braces -= 1
        elif braces or delimiters:
            continue
        elif token in "+-" and at > 0 and tex[at - 1] == " " and tex[at + 1 : at + 2] == " ":
            top_sum = True
        elif token == r"\odot":
            hadamard = True
        elif token == " " and at > 0:
            product = True
        elif token == r"\frac":
            product = True
        elif any(tex.startswith(command, at) for command in PREFIX_COMMANDS):
            open_right = True
    return Reading(tex.startswith("-"), top_sum, hadamard, open_right, product)


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
    tex = rf"\boldsymbol{{{base_tex}}}" if base_tex.startswith("\\") else rf"\mathbf{{{base_tex}}}"
    if subs:
        tex += "_{%s}" % " ".join(translate(s) for s in subs)
    if supers:
        tex += "^{%s}" % " ".join(translate(s) for s in supers)
    return tex


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


def _index(arg) -> str:
    """The entry index of a vector (i) or a matrix (ij)."""
    return "i" if arg.shape[1] == 1 else "ij"


def _summed_entrywise(expr) -> bool:
    """An elementwise function whose sum over entries 1^T f(v) prints written out: a compound one, or |v|."""
    return _compound(expr) or (isinstance(expr, ElementwiseApplyFunction) and isinstance(expr.function.expr, sp.Abs))


def _compound(expr) -> bool:
    """An elementwise function whose body is a formula (-alpha t^2 / 2 - log c), not f(t) or f(g(t))."""
    return isinstance(expr, ElementwiseApplyFunction) and isinstance(expr.function.expr, (sp.Add, sp.Mul, sp.Pow))


def _factor_rank(factor) -> int:
    """Where a factor stands in a printed product, as textbooks order them: numbers and roots of
    numbers (2, \\sqrt{2}), constants (\\pi), counts (n, k: integer symbols), roots of monomials
    (\\sqrt{2 c}), other symbols and their powers, entries (\\alpha w_{i}^{2}), roots of constants
    (\\sigma \\sqrt{2 \\pi}), then functions, sums and other roots."""
    if _is_square_root(factor):
        if factor.base.is_Number:
            return 0
        if _monomial(factor.base):
            return 3 if factor.free_symbols else 6
        return 7
    base = factor.base if isinstance(factor, sp.Pow) else factor
    if factor.is_Number:
        return 0
    if base.is_NumberSymbol:
        return 1
    if isinstance(base, (sp.Dummy, sp.Indexed)):  # an entry w_{i} of a vector (a bound dummy)
        return 5
    if isinstance(base, sp.Symbol):
        return 2 if base.is_integer else 4
    return 7


def _monomial(expr) -> bool:
    """A product of numbers, constants and symbols to numeric powers: 2 \\pi, 2 c, \\sigma^{2}."""
    if isinstance(expr, sp.Mul):
        return all(_monomial(arg) for arg in expr.args)
    if isinstance(expr, sp.Pow):
        return expr.exp.is_Number and _monomial(expr.base)
    return expr.is_Number or expr.is_NumberSymbol or isinstance(expr, sp.Symbol)


def _is_square_root(factor) -> bool:
    return isinstance(factor, sp.Pow) and factor.exp == sp.S.Half


def _roots_to_denominator(numer: list, denom: list) -> tuple[list, list]:
    """\\frac{\\sqrt{2}}{2 \\sigma} and \\frac{\\sigma \\sqrt{n}}{n} (SymPy's forms) as \\frac{1}{\\sigma \\sqrt{2}}
    and \\frac{\\sigma}{\\sqrt{n}}: a root of p in the numerator goes to the denominator when p is a
    factor there (an integer p: when it divides the denominator's number)."""
    for root in [f for f in numer if _is_square_root(f) and (f.base.is_Integer or isinstance(f.base, sp.Symbol))]:
        p = root.base
        found = next((f for f in denom if f == p or (p.is_Integer and f.is_Integer and f % p == 0)), None)
        if found is None:
            continue
        numer.remove(root)
        denom.remove(found)
        denom += [root] if found == p else [found / p, root]
    return numer or [sp.S.One], denom


def _log_power(term):
    """``(u, c)`` for a term c log(u) whose coefficient c is symbolic (k log lambda), else None."""
    logs = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.log)]
    if len(logs) != 1:
        return None
    power = term / logs[0]
    return None if power.is_Number or power.has(sp.log) else (logs[0].args[0], power)


class MLLatexPrinter(OperationForms, ElementwiseArguments, LatexPrinter):
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
        if not (_is_row(expr) and all(_is_transposed(arg) for arg in expr.args)):
            return None
        return rf"\left({self._print(sp.Transpose(expr).doit())}\right)^{{\top}}"

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

    def _print_Mul(self, expr):
        """A product in textbook order (2 n \\mu, \\sigma \\sqrt{2 \\pi}, \\frac{\\lambda^{k} e^{-\\lambda}}{k!}),
        square roots of nonnegative factors under one root; an author's unevaluated product as written."""
        args = expr.args
        if not expr.is_commutative or args[0] is sp.S.One or any(isinstance(arg, sp.Number) for arg in args[1:]):
            return super()._print_Mul(expr)  # unevaluated, identities shown: SymPy prints it as written
        if len(args) > 1 and all(arg == args[0] for arg in args):  # an author's c c
            return self._print(sp.Pow(args[0], len(args), evaluate=False))
        if any(isinstance(arg, sp.Mul) for arg in args):  # an author's (\\sqrt{2} x_1)(\\sqrt{2} z_1)
            return " ".join(
                rf"\left({self._print(arg)}\right)" if isinstance(arg, sp.Mul) else self.group(arg) for arg in args
            )
        if expr.could_extract_minus_sign():
            # an author's unevaluated -a b / c keeps its form: negating it would evaluate it
            positive = sp.Mul(*args[1:], evaluate=False) if args[0] is sp.S.NegativeOne else -expr
            text = self._print(positive)
            signed = isinstance(positive, sp.Add) or reading(text).precedence <= PRECEDENCE["Add"]  # - (- a x)
            return rf"- \left({text}\right)" if signed else f"- {text}"
        numer, denom = fraction(expr, exact=True)
        if denom is sp.S.One and sp.Pow(1, -1, evaluate=False) not in args:
            return self._product(sp.Mul.make_args(expr))
        numer, denom = _roots_to_denominator(list(sp.Mul.make_args(numer)), list(sp.Mul.make_args(denom)))
        return rf"\frac{{{self._product(numer)}}}{{{self._product(denom)}}}"

    def _product(self, factors) -> str:
        """Factors juxtaposed in textbook order, roots of nonnegative factors merged: \\sqrt{2 \\pi}."""
        if len(factors) == 1:
            return self._print(factors[0])
        roots = [f for f in factors if _is_square_root(f) and f.base.is_nonnegative]
        if len(roots) > 1:  # \\sqrt{2} \\sqrt{\\pi} as \\sqrt{2 \\pi}: the same number for nonnegative radicands
            factors = [f for f in factors if not any(f is root for root in roots)]
            factors.append(sp.Pow(sp.Mul(*(root.base for root in roots)), sp.S.Half, evaluate=False))
        factors = sorted(factors, key=lambda factor: (_factor_rank(factor), factor.sort_key()))
        tex = previous = ""
        for i, factor in enumerate(factors):
            text = self._print(factor)
            if self._needs_mul_brackets(factor, first=i == 0, last=i == len(factors) - 1):
                text = rf"\left({text}\right)"
            between_numbers = _between_two_numbers_p[0].search(previous) and _between_two_numbers_p[1].match(text)
            tex += (r" \cdot " if between_numbers else " ") + text if tex else text
            previous = text
        return tex

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

    def _exp_as_powers(self, arg) -> str | None:
        """e^{k \\log \\lambda - \\lambda} as \\lambda^{k} e^{-\\lambda}: each term c log(u) with a symbolic
        c a power u^{c} (the same number: u^c is e^{c log u}); None when no term is one."""
        terms = sp.Add.make_args(arg)
        powers = [found for term in terms if (found := _log_power(term))]
        if not powers:
            return None
        rest = sp.Add(*(term for term in terms if not _log_power(term)))
        parts = [self._print(sp.Pow(base, power, evaluate=False)) for base, power in powers]
        return " ".join(parts + ([f"e^{{{self._print(rest)}}}"] if rest != 0 else []))


def render_latex(expr) -> str:
    """LaTeX for an expression or an Equation, e.g. ``\\mathbf{X}^{\\top} \\left(\\sigma\\left(...\\right) - \\mathbf{y}\\right)``."""
    printer = MLLatexPrinter()
    if isinstance(expr, Equation):
        return f"{printer.doprint(expr.lhs)} = {printer.doprint(expr.rhs)}"
    return printer.doprint(expr)

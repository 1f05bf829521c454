"""Products as textbooks write them, for derive's LaTeX printer (a mixin of MLLatexPrinter):
numbers, constants and counts first (2 n \\mu), roots of nonnegative factors under one root and
after the symbols (\\sigma \\sqrt{2 \\pi}), a root of a denominator's factor moved there
(\\frac{\\sigma}{\\sqrt{n}}), e^{k \\log \\lambda - \\lambda} as \\lambda^{k} e^{-\\lambda}, and an author's
unevaluated product as written (c c as c^{2}, (\\sqrt{2} x_1)(\\sqrt{2} z_1)). Every form is the same
number as SymPy's and reads back through derive verify (tests/test_printer_roundtrip.py)."""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import _between_two_numbers_p
from sympy.printing.precedence import PRECEDENCE
from sympy.simplify.radsimp import fraction

from derive.rendering.binding import reading


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


def textbook_factors(factors) -> list:
    """The factors of a product in textbook order (see _factor_rank), the square roots of its
    nonnegative factors merged into one: \\sqrt{2} \\sqrt{\\pi} \\sigma as \\sigma \\sqrt{2 \\pi} (the same number)."""
    factors = list(factors)
    roots = [f for f in factors if _is_square_root(f) and f.base.is_nonnegative]
    if len(roots) > 1:
        factors = [f for f in factors if not any(f is root for root in roots)]
        factors.append(sp.Pow(sp.Mul(*(root.base for root in roots)), sp.S.Half, evaluate=False))
    return sorted(factors, key=lambda factor: (_factor_rank(factor), factor.sort_key()))


def roots_to_denominator(numer: list, denom: list) -> tuple[list, list]:
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


class TextbookProducts:
    """Printer mixin: products in textbook order and form (see the module docstring)."""

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
        numer, denom = roots_to_denominator(list(sp.Mul.make_args(numer)), list(sp.Mul.make_args(denom)))
        return rf"\frac{{{self._product(numer)}}}{{{self._product(denom)}}}"

    def _product(self, factors) -> str:
        """Factors juxtaposed in textbook order, roots of nonnegative factors merged: \\sqrt{2 \\pi}."""
        if len(factors) == 1:
            return self._print(factors[0])
        factors = textbook_factors(factors)
        tex = previous = ""
        for i, factor in enumerate(factors):
            text = self._print(factor)
            if self._needs_mul_brackets(factor, first=i == 0, last=i == len(factors) - 1):
                text = rf"\left({text}\right)"
            between_numbers = _between_two_numbers_p[0].search(previous) and _between_two_numbers_p[1].match(text)
            tex += (r" \cdot " if between_numbers else " ") + text if tex else text
            previous = text
        return tex

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

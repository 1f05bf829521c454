"""Whether an expression is 0 as a rational function, decided in SymPy's sparse polynomial ring.

The expression is written over a common denominator the way sp.together does (the least common
multiple of its denominators' factors, a rational's denominator among them), but the expanding is
done in SymPy's sparse polynomial ring over the integers (PolyRing), not by sp.expand on expression
trees: on t-SNE's gradient about seventy times quicker than together and expand (0.02 against
1.5 CPU s an entry). The unknowns of the ring are the expression's symbols and its other parts that are no sum,
product or integer power: exp(t), sqrt(y), log(z), a Float. Each is taken as an independent
unknown, so a numerator that is the zero polynomial is 0 for every value of them, in particular for
the values they have: a proof wherever the expression is defined. Powers of one unknown are
recognised as such, as SymPy's polynomials do (exp(-2 t) = exp(t)^-2, x^(3/2) = (x^(1/2))^3), and
exp of a sum is the product of the exps (exp(a + b) = exp(a) exp(b)), which holds for every a, b.

Anything else (a relation the unknowns have, σ(-z) = 1 - σ(z), log(ab) = log a + log b) is not
seen: the answer is then False, "not shown", and the caller tries its other ways.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.exprtools import decompose_power
from sympy.polys.rings import PolyRing


class _NotRational(Exception):
    """A part the ring cannot hold: a zero denominator, an unknown with no power decomposition."""


def vanishes(expr) -> bool:
    """True only when ``expr``'s numerator over a common denominator is the zero polynomial."""
    if expr == 0:
        return True
    try:
        unknowns: set = set()
        for factor, _ in _powers(expr):
            unknowns.add(factor)
        if not unknowns:
            return False  # a number that SymPy did not make 0
        order = sorted(unknowns, key=sp.default_sort_key)
        ring = PolyRing(order, sp.ZZ)
        coefficient, _ = _Products(ring, dict(zip(order, ring.gens))).of(expr)
    except _NotRational:
        return False
    return coefficient == 0


def _powers(expr):
    """(unknown, integer power) for each leaf of ``expr`` below its sums, products and integer powers."""
    if expr.is_Add or expr.is_Mul:
        for arg in expr.args:
            yield from _powers(arg)
    elif expr.is_Pow and expr.exp.is_Integer:
        yield from _powers(expr.base)
    elif expr.is_Rational:
        return
    elif isinstance(expr, sp.exp) and expr.args[0].is_Add:
        for term in expr.args[0].args:
            yield from _powers(sp.exp(term))
    else:
        base, power = decompose_power(expr)
        if not isinstance(power, int) or base.is_Add or base.is_Mul or base.is_Rational:
            raise _NotRational
        yield base, power


class _Products:
    """Values as (an integer, {factor: integer exponent}): the integer times the product of the
    factors' powers. A factor is an unknown or a sum, as a polynomial that is not 0 and has a positive
    leading coefficient; a value is 0 only as (0, {}). Products add exponents, so a factor divided by
    and multiplied by again cancels without being expanded; a sum takes each factor's least exponent
    out (the least common denominator, and common factors too) and expands only the rest, as
    sp.together and the expansion of its numerator would. No gcd is ever computed."""

    def __init__(self, ring: PolyRing, unknowns: dict):
        self.ring, self.unknowns = ring, unknowns

    def of(self, expr):
        if expr.is_Rational:
            return self._power((int(expr.q), {}), -1, int(expr.p))
        if expr.is_Add:
            return self._sum([self.of(arg) for arg in expr.args])
        if expr.is_Mul:
            return self._product([self.of(arg) for arg in expr.args])
        if expr.is_Pow and expr.exp.is_Integer:
            return self._power(self.of(expr.base), int(expr.exp))
        if isinstance(expr, sp.exp) and expr.args[0].is_Add:
            return self._product([self.of(sp.exp(term)) for term in expr.args[0].args])
        (base, power), *_ = _powers(expr)
        return 1, {self.unknowns[base]: power}

    def _sum(self, terms):
        terms = [term for term in terms if term[0]]
        least: dict = {}
        for _, factors in terms:
            for factor in factors:
                least.setdefault(factor, 0)
        for factor in least:
            least[factor] = min(factors.get(factor, 0) for _, factors in terms)
        total = self.ring.zero
        for coefficient, factors in terms:
            polynomial = self.ring.ground_new(coefficient)
            for factor, exponent in least.items():
                if factors.get(factor, 0) > exponent:
                    polynomial *= factor ** (factors.get(factor, 0) - exponent)
            total += polynomial
        if not total:
            return 0, {}
        if total.is_ground:
            return self._product([(int(total.LC), {}), (1, least)])
        sign, total = (-1, -total) if total.LC < 0 else (1, total)
        return self._product([(sign, {total: 1}), (1, least)])

    def _product(self, values):
        coefficient, factors = 1, {}
        for value, its_factors in values:
            coefficient *= value
            for factor, exponent in its_factors.items():
                factors[factor] = factors.get(factor, 0) + exponent
        if not coefficient:
            return 0, {}
        return coefficient, {factor: exponent for factor, exponent in factors.items() if exponent}

    def _power(self, value, power: int, scale: int = 1):
        """``value`` to the integer ``power``, times ``scale``."""
        coefficient, factors = value
        factors = {factor: exponent * power for factor, exponent in factors.items()}
        if power >= 0:
            return scale * coefficient**power, factors
        if not coefficient:
            raise _NotRational  # 1/0
        if coefficient < 0:
            coefficient, scale = -coefficient, scale * (-1) ** -power
        if coefficient != 1:
            ground = self.ring.ground_new(coefficient)
            factors[ground] = factors.get(ground, 0) + power
        return scale, factors

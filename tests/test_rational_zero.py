"""derive.checking.rational_zero: a difference is proved 0 in the polynomial ring only when it is 0.

The wrong steps are the ones a tired author writes (a sign, a factor of 2, a swapped softmax
argument, (a - b)^-3 taken for (b - a)^-3); each must come back "not shown". A random check then
compares every answer with the value at exact random points.
"""

import random

import pytest
import sympy as sp

from derive.checking.rational_zero import vanishes
from derive.checking.symbolic import is_zero

x, y, a, b, c = sp.symbols("x y a b c", real=True)
sigma = 1 / (1 + sp.exp(-x))

IDENTITIES = {
    "partial fractions": 1 / (x - 1) + 1 / (1 - x),
    "nested fraction": 1 / (1 + 1 / x) - x / (x + 1),
    "softmax shifted": sp.exp(a) / (sp.exp(a) + sp.exp(b)) - 1 / (1 + sp.exp(b - a)),
    "sigmoid two ways": sigma - sp.exp(x) / (1 + sp.exp(x)),
    "sigmoid derivative": sp.diff(sigma, x) - sigma * (1 - sigma),
    "powers of a root": x ** sp.Rational(3, 2) - sp.sqrt(x) * x,
    "exp of a multiple": sp.exp(2 * x) - sp.exp(x) ** 2,
    "rational coefficients": x / 2 + x / 3 - 5 * x / 6,
    "odd power, either sign": (a - b) ** -3 + (b - a) ** -3,
    "common factor": (x + 1) ** 2 * (x + 2) - (x + 1) * (x**2 + 3 * x + 2),
    "quotient rule": sp.diff(x / (x**2 + y), x) - (y - x**2) / (x**2 + y) ** 2,
}

WRONG = {
    "sign of a partial fraction": 1 / (x - 1) - 1 / (1 - x),
    "nested fraction, numerator dropped": 1 / (1 + 1 / x) - 1 / (x + 1),
    "softmax argument swapped": sp.exp(a) / (sp.exp(a) + sp.exp(b)) - 1 / (1 + sp.exp(a - b)),
    "sigmoid sign": sigma - 1 / (1 + sp.exp(x)),
    "sigmoid derivative without 1 - σ": sp.diff(sigma, x) - sigma,
    "factor of 2": 2 * x * (x + 1) - x**2 - x,
    "denominator 7 for 6": x / 2 + x / 3 - 5 * x / 7,
    "odd power taken as even": (a - b) ** -3 - (b - a) ** -3,
    "quotient rule, sign": sp.diff(x / (x**2 + y), x) - (x**2 - y) / (x**2 + y) ** 2,
    "log of a product (needs a relation)": sp.log(a * b) - sp.log(a) - sp.log(b),
}


@pytest.mark.parametrize("name", IDENTITIES)
def test_an_identity_is_proved(name):
    assert vanishes(IDENTITIES[name])


@pytest.mark.parametrize("name", WRONG)
def test_a_wrong_step_is_not_proved(name):
    assert not vanishes(WRONG[name])
    if name != "log of a product (needs a relation)":
        assert not is_zero(WRONG[name])  # nor by the checker's later ways


def _random_rational(rng: random.Random, depth: int):
    atoms = [x, y, a, sp.exp(b), sp.exp(-b), sp.Rational(rng.randint(-3, 3) or 1, rng.randint(1, 3))]
    if depth == 0:
        return rng.choice(atoms)
    left, right = _random_rational(rng, depth - 1), _random_rational(rng, depth - 1)
    return rng.choice([left + right, left - right, left * right, left / (right + 2), (left + 1) ** rng.randint(-2, 2)])


def _value(expr, point):
    return sp.N(expr.xreplace(point), 40)


def test_random_differences_are_proved_only_when_zero():
    """An expression against its own together/expand form (0) and against that form nudged by a
    small term (not 0): vanishes is True exactly for the first, and never for a nonzero value."""
    rng = random.Random(17)
    proved = refused = 0
    for _ in range(60):
        expr = _random_rational(rng, 3)
        if not expr.free_symbols or expr.has(sp.zoo, sp.nan):
            continue
        other = sp.expand(sp.together(expr))
        nudge = rng.choice([x, y / 3, sp.exp(b), 1 / (a + 5)])
        assert vanishes(expr - other) or not vanishes(expr - other + nudge)
        point = {s: sp.Rational(rng.randint(5, 40), 7) for s in (x, y, a, b)}
        if vanishes(expr - other + nudge):
            pytest.fail(f"proved 0, but {expr - other + nudge} is {_value(expr - other + nudge, point)}")
        if vanishes(expr - other):
            proved += 1
        refused += 1
    assert proved >= refused * 0.9  # the identities are found, not just the wrong ones refused

"""Whether ``E \\implies v = value`` names the only root of E in the variable v.

A catalog ``solves`` step, and an ``\\implies`` row of ``derive verify``, is proved only when the
value substituted satisfies the equation and is its only root, shown here. The variable's entries are
first freed of their domain's structure (a probability vector's last entry 1 minus the others, a
symmetric matrix's mirrored entries), keeping only their sign: the roots on that larger set include
those on the domain, so one root there is one root on the domain. Then either

- linear: the equation, with its denominators shown nonzero, is affine in the entries with a
  nonsingular matrix (derive.checking.conditions.root_unshown), as written or multiplied on one
  or both sides by the variable or its inverse when the variable is an invertible matrix
  (positive definite, or ``\\det(V) \\neq 0`` assumed): Sigma^{-1} S Sigma^{-1} = N Sigma^{-1}
  times Sigma on both sides is S = N Sigma;
- entry by entry: every entry of the variable is the only unknown of some entry of the equation,
  and SymPy's solveset finds at most one root of it in the entry's range (log p_i = c_i).

Anything else is not shown (""), and the step stays undecided.
"""

from __future__ import annotations

import dataclasses

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol
from sympy.polys.polyerrors import CoercionFailed, GeneratorsError

from derive.checking.conditions import known_bases, known_nonzero, root_unshown, shown_nonzero
from derive.checking.instances import Instance, explicit
from derive.core.domains import POSITIVE, REAL
from derive.core.model import Equation, residual

# the range of one entry, by domain name (a simplex's entries lie in (0, 1) too)
RANGES = {
    "probability": sp.Interval.open(0, 1),
    "simplex": sp.Interval.open(0, 1),
    "positive": sp.Interval.open(0, sp.oo),
}
INVERTIBLE = ("spd",)  # domains whose square matrices are invertible


def only_root(before, after: Equation, givens, sizes, conditions=()) -> str:
    """Why ``after.rhs`` is the only root of ``before`` (an equation, or E for E = 0) in the
    variable ``after.lhs``, or "" when that is not shown."""
    variable = after.lhs
    given = next((g for g in givens if g.symbol == variable), None)
    if given is None:
        return ""
    instance = Instance.build(givens, sizes)
    if not _free(explicit(variable, instance)):  # a structured domain: its entries freed
        givens = tuple(_relaxed(g) if g.symbol == variable else g for g in givens)
        instance = Instance.build(givens, sizes)
    invertible = _invertible(variable, given, conditions)
    conditions = (*conditions, variable) if invertible and variable not in conditions else tuple(conditions)
    equation = residual(before)
    for side, multiplied in _multiplied(equation, variable if invertible else None):
        value = _cancelled(explicit(multiplied, instance))
        if root_unshown(value, variable, after.rhs, givens, instance, conditions) is None:
            return "the only root: the equation" + side + " is linear in its entries, with a nonsingular matrix"
    ranges = RANGES.get(given.domain.name, sp.S.Reals)
    known = known_bases(known_nonzero(givens, instance, conditions))
    if _entrywise_unique(explicit(equation, instance), explicit(variable, instance), ranges, known):
        where = "the reals" if ranges == sp.S.Reals else f"({ranges.start}, {ranges.end})"
        return (
            f"the only root in {where}: each entry is the only unknown of an equation with one root (SymPy's solveset)"
        )
    return ""


def _relaxed(given):
    """The given with its domain's structure dropped, keeping its entries' sign."""
    positive = dict(given.domain.assumptions).get("positive", False)
    return dataclasses.replace(given, domain=POSITIVE if positive else REAL)


def _invertible(variable, given, conditions) -> bool:
    if not isinstance(variable, MatrixSymbol) or variable.shape[0] != variable.shape[1]:
        return False
    return given.domain.name in INVERTIBLE or variable in conditions


def _multiplied(equation, invertible):
    """The equation E, and for an invertible matrix variable V, E multiplied by V or V^{-1} on
    the left, the right or both sides: the same roots."""
    yield "", equation
    if invertible is None:
        return
    for factor, name in ((invertible, invertible.name), (sp.Inverse(invertible), f"{invertible.name}^-1")):
        yield f" times {name} on the left", factor * equation
        yield f" times {name} on the right", equation * factor
        yield f" times {name} on both sides", factor * equation * factor


def _cancelled(value):
    """Each entry over a common denominator with common factors cancelled (a factor det(V) of both)."""
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(_lowest_terms))
    return _lowest_terms(value)


def _lowest_terms(entry):
    """One fraction in lowest terms: in SymPy's sparse field of rational functions over QQ when the
    entry is one (gmm-em-mstep's Sigma step: 5.6 -> 2.9 CPU s), else by together and cancel."""
    unknowns = sorted(entry.free_symbols, key=sp.default_sort_key)
    if unknowns and not entry.atoms(sp.Function):
        try:
            field = sp.QQ.frac_field(*unknowns)
            return field.to_sympy(field.from_sympy(entry))
        except (CoercionFailed, GeneratorsError, ValueError):
            pass
    return sp.cancel(sp.together(entry))


def _entries(value) -> list:
    return list(value) if isinstance(value, sp.MatrixBase) else [value]


def _free(value) -> bool:
    """Whether the entries are distinct symbols (no domain structure ties them)."""
    entries = _entries(value)
    return all(isinstance(u, sp.Symbol) for u in entries) and len(set(entries)) == len(entries)


def _entrywise_unique(equation, variable, ranges, known) -> bool:
    unknowns = _entries(variable)
    if not _free(variable):
        return False
    pending = set(unknowns)
    for entry in _entries(equation):
        present = entry.free_symbols & set(unknowns)
        if len(present) != 1:
            continue
        (unknown,) = present
        if unknown in pending and _one_root_at_most(entry, unknown, ranges, known):
            pending.discard(unknown)
    return not pending


def _one_root_at_most(entry, unknown, ranges, known) -> bool:
    """Whether ``entry = 0`` has at most one root ``unknown`` in ``ranges``. SymPy's solveset
    divides by what does not involve the unknown (a (x - b) = 0 gives x = b, as if a != 0), so its
    numerator's factors free of the unknown, and the leading coefficient of a factor polynomial in
    it, must be shown nonzero first (from the domains or a condition); then solveset decides."""
    numerator, _ = sp.fraction(sp.together(entry))  # where the entry is defined, its roots are the numerator's
    try:
        _, factors = sp.factor_list(numerator)
    except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, NotImplementedError):
        factors = [(numerator, 1)]
    for factor, _ in factors:
        if unknown not in factor.free_symbols:
            if not shown_nonzero(factor, known):
                return False
        elif factor.is_polynomial(unknown) and not shown_nonzero(sp.Poly(factor, unknown).LC(), known):
            return False
    return _at_most_one(sp.solveset(numerator, unknown, ranges))


def _at_most_one(roots) -> bool:
    """Whether SymPy's answer is a set with at most one element (a finite set, or a part of one)."""
    if isinstance(roots, sp.FiniteSet):
        return len(roots) <= 1
    if isinstance(roots, sp.Intersection):
        return any(_at_most_one(part) for part in roots.args)
    if isinstance(roots, sp.Complement):
        return _at_most_one(roots.args[0])
    return roots is sp.S.EmptySet

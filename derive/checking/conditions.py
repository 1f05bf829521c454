"""The side conditions of EQUIVALENT and SOLVES steps, decided on the explicit instance.

An equivalence ``E = 0 <=> F = 0`` shown as ``E = factor * F`` holds only where the factor is
nonzero and finite; a solution substituted into an equation is the solution only when it is
the only root. A factor (a matrix factor: its determinant and its entries' denominators) is
shown nonzero and finite when every irreducible factor of its numerator and denominator is
nonzero by SymPy's assumptions (the domains' ``positive``), by a domain (1 - p for p in (0, 1),
det S for S positive definite), or by a condition the step names in ``nonzero``. A solution is
the only one when the equation is affine in the variable's entries with a nonsingular Jacobian.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol

from derive.checking.instances import Instance, explicit


def _entries(value) -> list:
    return list(value) if isinstance(value, sp.MatrixBase) else [value]


def _scalar_condition(value):
    """A condition's value as one scalar that must be nonzero: a square matrix's determinant."""
    if isinstance(value, sp.MatrixBase):
        if value.shape == (1, 1):
            return value[0, 0]
        return value.det(method="berkowitz")
    return value


def known_nonzero(givens, instance: Instance, conditions=()) -> list:
    """Scalars known nonzero on the instance: from the domains, and the step's named conditions."""
    known = []
    for given in givens:
        value = explicit(given.symbol, instance)
        if given.domain.name == "probability":
            known += [1 - entry for entry in _entries(value)]
        elif given.domain.name == "spd" and isinstance(given.symbol, MatrixSymbol):
            known.append(value.det(method="berkowitz"))
    return known + [_scalar_condition(explicit(condition, instance)) for condition in conditions]


def _bases(expr) -> list:
    """The non-constant irreducible factors of a polynomial (up to sign)."""
    _, factors = sp.factor_list(sp.expand(expr))
    return [base for base, _ in factors]


def known_bases(known) -> set:
    bases = set()
    for value in known:
        numerator, denominator = sp.fraction(sp.cancel(sp.together(value)))
        for base in _bases(numerator) + _bases(denominator):  # a named condition is nonzero and finite
            bases |= {base, sp.expand(-base)}
    return bases


def shown_nonzero(value, known_bases: set) -> bool:
    """True when ``value`` is shown nonzero and finite on the instance; False means "not shown"."""
    try:
        numerator, denominator = sp.fraction(sp.cancel(sp.together(value)))
        if numerator == 0:
            return False
        bases = _bases(numerator) + _bases(denominator)
    except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, NotImplementedError):
        return value.is_zero is False and value.is_finite is True
    return all(base in known_bases or (base.is_zero is False and base.is_finite is True) for base in bases)


def factor_unshown(factor, givens, instance: Instance, conditions=()) -> str | None:
    """Why the factor of an equivalence is not shown nonzero and finite, or None when it is."""
    value = explicit(factor, instance)
    known = known_bases(known_nonzero(givens, instance, conditions))
    if isinstance(value, sp.MatrixBase):
        if value.shape[0] != value.shape[1]:
            return "the factor is not a square matrix, so the equivalence may lose solutions"
        denominators = [sp.fraction(sp.together(entry))[1] for entry in value]
        checks = [value.det(method="berkowitz"), *denominators]
    else:
        checks = [value]
    if all(shown_nonzero(check, known) for check in checks):
        return None
    return (
        f"the factor {factor} is not shown nonzero and finite on the givens' domains (name the condition in nonzero=)"
    )


def root_unshown(previous_residual, variable, value, givens, instance: Instance, conditions=()) -> str | None:
    """Why the solution is not shown to be the only root of the previous equation, or None."""
    unknowns = _entries(explicit(variable, instance))
    if not all(isinstance(u, sp.Symbol) for u in unknowns):
        return "the variable's entries are not free symbols on the instance, so its only root is not shown"
    known = known_bases(known_nonzero(givens, instance, conditions))
    numerators = []
    for entry in _entries(explicit(previous_residual, instance)):
        numerator, denominator = sp.fraction(sp.together(entry))
        if not shown_nonzero(denominator, known):
            return "the equation has a denominator not shown nonzero (name it in nonzero=)"
        numerators.append(numerator)  # a denominator shown nonzero: the same roots as its numerator
    jacobian = sp.Matrix([[sp.diff(r, u) for u in unknowns] for r in numerators])
    if any(sp.expand(sp.diff(entry, u)) != 0 for entry in jacobian for u in unknowns):
        return "the equation is not linear in the variable, so its only root is not shown"
    if jacobian.shape[0] != jacobian.shape[1]:
        return "the equation does not determine the variable alone, so its only root is not shown"
    if shown_nonzero(jacobian.det(method="berkowitz"), known):
        return None
    return "the solution is not shown to be unique: the equation's matrix is not shown invertible (name it in nonzero=)"

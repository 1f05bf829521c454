"""STATED steps bound to the numeric checks that test them (issue 14, class 2).

A ``states`` step is not proved: it names, in ``checked_by``, the check(s) whose claim is the
step's claim. Here the engine confirms that on the step's explicit instance: an inequality check's
``greater - lesser`` is the step's ``greater - lesser`` (proved equal), an equality-type check's
claimed value is the step's right side (and its left side, where the check has one). At least one
bound check must claim the step in the same direction; the others may test its converse (an
inequality bound to ``1 <= |1 - 2 eta|`` for the learning rates where it must fail). Whether the
bound checks then PASS is settled by the runner (derive.checking.settle).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derive.core.model import Equation, Step

LESS = ("<", "<=")
EQUALITIES = ("=", "expectation", "approx")
_FLIPPED = {">": "<", ">=": "<="}


@dataclass(frozen=True)
class Claim:
    """``lhs relation rhs``; ``lhs`` is None where a check compares with a reference it computes
    (autodiff, an estimate) rather than with an expression of the entry."""

    lhs: object
    relation: str
    rhs: object


def step_claim(previous, step: Step) -> Claim | None:
    """What a ``states`` step claims, with > and >= turned around; None when it claims no relation."""
    expr = step.expr
    if isinstance(expr, Equation):
        return Claim(expr.lhs, "=", expr.rhs)
    if isinstance(expr, sp.Eq):
        return Claim(expr.lhs, "=", expr.rhs)
    if isinstance(expr, sp.core.relational.Relational) and expr.rel_op in ("<", "<=", ">", ">="):
        return _oriented(expr.lhs, expr.rel_op, expr.rhs)
    if step.states:
        return _oriented(previous, step.states, expr)
    return None


def _oriented(lhs, relation, rhs) -> Claim:
    if relation in _FLIPPED:
        return Claim(rhs, _FLIPPED[relation], lhs)
    return Claim(lhs, relation, rhs)


def check_claims(check) -> tuple[Claim, ...]:
    """The claims a numeric check tests, by kind."""
    if check.kind == "inequality":
        return (Claim(check.lesser, "<=", check.greater),)
    if check.kind == "identity":
        return (Claim(check.lhs, "=", check.rhs),)
    if check.kind == "stationary":
        return tuple(Claim(variable, "=", value) for variable, value in check.at)
    if check.kind == "kkt":
        return tuple(Claim(variable, "=", value) for variable, value in check.closed_form)
    if getattr(check, "claim", None) is not None:  # grad, Monte Carlo, iterate: a computed reference
        return (Claim(None, "=", check.claim),)
    return ()


def pairs_to_prove(claim: Claim, check) -> list[tuple[str, list[tuple]]]:
    """For each claim of ``check`` that could be the step's: (its direction, the (a, b) pairs that
    must be proved equal for it to be). Directions: "same", or "converse" for an inequality check
    of the opposite direction."""
    candidates = []
    for claimed in check_claims(check):
        if claim.relation in LESS and claimed.relation in LESS:
            step_gap, check_gap = claim.rhs - claim.lhs, claimed.rhs - claimed.lhs
            candidates.append(("same", [(check_gap, step_gap)]))
            candidates.append(("converse", [(check_gap, -step_gap)]))
        elif claim.relation in EQUALITIES and claimed.relation == "=":
            if claimed.lhs is None:
                candidates.append(("same", [(claimed.rhs, claim.rhs)]))
            else:  # an equation reads either way round
                candidates.append(("same", [(claimed.rhs, claim.rhs), (claimed.lhs, claim.lhs)]))
                candidates.append(("same", [(claimed.lhs, claim.rhs), (claimed.rhs, claim.lhs)]))
    return candidates

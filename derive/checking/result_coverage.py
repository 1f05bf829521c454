"""Which numeric check states an entry's result: the rule that every entry has one (issue 14, class 9).

A check states the result when one of its claim fields (or a value of ``at``/``closed_form``) is the
result expression itself, the right-hand side when the result is an equation. Only then can a wrong
result be caught numerically: a check that tests something else passes whatever the result says.

A result of several parts (``Derivation.results``, issue 15 point 5) needs every part covered: stated
by a check in the same way, or an equation ``lhs = rhs`` whose ``lhs`` starts a chain of equalities
that reaches ``rhs`` (then the steps prove it; a ``Stated`` part's chain may also pass through stated
steps of its relation, bound to their checks); a part ``g >= 0`` may also be a positive given's domain,
which the problem declares. No part is only printed.
"""

from __future__ import annotations

import sympy as sp

from derive.checking.verdicts import FAIL, NumericVerdict
from derive.core.intermediates import expanded
from derive.core.model import EQUALS, EQUIVALENT, SOLVES, STATES, Derivation, Equation, Stated
from derive.core.plain import plain

CLAIM_FIELDS = ("claim", "lhs", "rhs", "lesser", "greater", "dual_objective", "integrand")
PAIR_FIELDS = ("at", "closed_form")


def result_expression(derivation: Derivation):
    """The result a numeric check must state: the last step's expression, its rhs for an equation."""
    return _value(derivation.result)


def _value(part):
    return part.rhs if isinstance(part, (Equation, Stated)) else part


def stated_values(spec):
    """Every expression of ``spec`` that can state a result."""
    for name in CLAIM_FIELDS:
        if getattr(spec, name, None) is not None:
            yield getattr(spec, name)
    for name in PAIR_FIELDS:
        for _, value in getattr(spec, name, ()):
            yield value


def states_the_result(spec, derivation: Derivation) -> bool:
    return _states(spec, result_expression(derivation))


def _states(spec, value) -> bool:
    return any(stated == value for stated in stated_values(spec))


def proved_by_a_chain(derivation: Derivation, part) -> bool:
    """``part`` is ``lhs = rhs`` and a chain starting at one side reaches the other by equalities only;
    or ``Stated(lhs, relation, rhs)`` and equalities and stated steps of that relation (each bound to
    its checks) reach it; or a step solves for the equation or is equivalent to it."""
    if not isinstance(part, (Equation, Stated)):
        return False
    allowed = getattr(part, "relation", None)
    if any(step.relation in (SOLVES, EQUIVALENT) and step.expr == part for step in derivation.steps):
        return True  # an equation a step solves for, or is equivalent to, is that step's claim
    ends = [(part.lhs, part.rhs)] + ([(part.rhs, part.lhs)] if isinstance(part, Equation) else [])
    for start, steps in derivation.chains():
        for step in steps:
            stated = step.relation == STATES and step.states == allowed and step.checked_by
            if step.relation != EQUALS and not stated:
                break
            if (start, step.expr) in ends:
                return True
    return False


def declared_by_a_domain(derivation: Derivation, part) -> bool:
    """``part`` is ``g >= 0`` (or ``g > 0``) for a given ``g`` whose domain is positive: the problem
    declares it (the multipliers of inequality constraints), nothing derives it."""
    if not (isinstance(part, Stated) and part.relation in (">=", ">") and _is_zero(part.rhs)):
        return False
    return any(g.symbol == part.lhs and dict(g.domain.assumptions).get("positive") for g in derivation.givens)


def _is_zero(value) -> bool:
    return value == 0 or isinstance(value, sp.ZeroMatrix)


def uncovered_parts(derivation: Derivation) -> list:
    """The parts of the boxed result (intermediates written out) that no check states and no chain proves."""
    derivation = expanded(derivation)
    return [
        part
        for part in derivation.results
        if not any(_states(spec, _value(part)) for spec in derivation.checks)
        and not proved_by_a_chain(derivation, part)
        and not declared_by_a_domain(derivation, part)
    ]


def unstated_result_verdict(derivation: Derivation) -> NumericVerdict | None:
    """A failing verdict when no check of ``derivation`` states its result, or a part of its result is
    covered by nothing; None when every part is covered."""
    derivation = expanded(derivation)
    if not any(states_the_result(spec, derivation) for spec in derivation.checks):
        reason = (
            "no numeric check states the result: some check's claim (claim, lhs, rhs, lesser, greater, "
            "dual_objective, integrand, or a value of at/closed_form) must be the result expression itself"
        )
    elif uncovered := uncovered_parts(derivation):
        reason = "parts of the result no check states and no chain of equalities proves: " + "; ".join(
            str(part) if isinstance(part, Equation) else plain(part) for part in uncovered
        )
    else:
        return None
    return NumericVerdict(
        kind="result",
        label="a check that states the result",
        status=FAIL,
        max_error=float("nan"),
        tolerance=0.0,
        trials=0,
        seed=0,
        device="none",
        reason=reason,
    )

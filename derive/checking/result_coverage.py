"""Which numeric check states an entry's result: the rule that every entry has one (issue 14, class 9).

A check states the result when one of its claim fields (or a value of ``at``/``closed_form``) is the
result expression itself, the right-hand side when the result is an equation. Only then can a wrong
result be caught numerically: a check that tests something else passes whatever the result says.
"""

from __future__ import annotations

from derive.checking.verdicts import FAIL, NumericVerdict
from derive.core.model import Derivation, Equation

CLAIM_FIELDS = ("claim", "lhs", "rhs", "lesser", "greater", "dual_objective", "integrand")
PAIR_FIELDS = ("at", "closed_form")


def result_expression(derivation: Derivation):
    """The result a numeric check must state: the last step's expression, its rhs for an equation."""
    result = derivation.result
    return result.rhs if isinstance(result, Equation) else result


def stated_values(spec):
    """Every expression of ``spec`` that can state a result."""
    for name in CLAIM_FIELDS:
        if getattr(spec, name, None) is not None:
            yield getattr(spec, name)
    for name in PAIR_FIELDS:
        for _, value in getattr(spec, name, ()):
            yield value


def states_the_result(spec, derivation: Derivation) -> bool:
    result = result_expression(derivation)
    return any(value == result for value in stated_values(spec))


def unstated_result_verdict(derivation: Derivation) -> NumericVerdict | None:
    """A failing verdict when no check of ``derivation`` states its result; None when one does."""
    if any(states_the_result(spec, derivation) for spec in derivation.checks):
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
        reason=(
            "no numeric check states the result: some check's claim (claim, lhs, rhs, lesser, greater, "
            "dual_objective, integrand, or a value of at/closed_form) must be the result expression itself"
        ),
    )

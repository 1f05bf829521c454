"""The last word on each step, once both checkers have run: a STATED step holds only if the checks
bound to it passed (class 2), and a step that assumes equations is proved only under sourced
assumptions that hold themselves (class 3). The verdict names both ("PROVED assuming ...")."""

from __future__ import annotations

from dataclasses import replace

from derive.checking.assumptions import sources
from derive.checking.verdicts import PASS, PROVED, STATED, UNKNOWN, NumericVerdict, StepVerdict
from derive.core.model import Derivation


def settled(
    derivation: Derivation, steps: tuple[StepVerdict, ...], numeric: tuple[NumericVerdict, ...] | None
) -> tuple[StepVerdict, ...]:
    """``steps`` with bound checks and assumptions taken into account; ``numeric`` is None when the
    numeric checks did not run (a STATED step then says its checks were not run)."""
    final: list[StepVerdict] = []
    for verdict, step in zip(steps, derivation.steps):
        if verdict.status == STATED:
            verdict = _with_bound_checks(verdict, step, numeric)
        if step.using:
            verdict = _with_assumptions(verdict, derivation, final)
        final.append(verdict)
    return tuple(final)


def _with_bound_checks(verdict: StepVerdict, step, numeric) -> StepVerdict:
    numbers = step.checked_by
    named = ", ".join(f"check {n}" for n in numbers)
    if numeric is None:
        return replace(verdict, method=f"{verdict.method}; bound to {named} (numeric checks not run)")
    statuses = [numeric[n - 1].status if n <= len(numeric) else "missing" for n in numbers]
    if all(status == PASS for status in statuses):
        return replace(verdict, method=f"{verdict.method}; bound to {named}: PASS")
    failed = ", ".join(f"check {n} {status}" for n, status in zip(numbers, statuses) if status != PASS)
    return replace(verdict, status=UNKNOWN, reason=f"a check bound to this stated step did not pass ({failed})")


def _with_assumptions(verdict: StepVerdict, derivation: Derivation, earlier: list[StepVerdict]) -> StepVerdict:
    found = sources(derivation, verdict.index)
    unsupported = [s for s in found if not s.text]
    if unsupported:
        listed = "; ".join(str(s.equation) for s in unsupported)
        reason = f"assumes {listed}: not a given's definition, an earlier step, or a cited entry's equation"
        return replace(verdict, status=UNKNOWN, reason=reason)
    unproved = [s for s in found if s.step and not earlier[s.step - 1].ok]
    if unproved and verdict.ok:
        steps = ", ".join(f"step {s.step}" for s in unproved)
        return replace(verdict, status=UNKNOWN, reason=f"assumes what {steps} shows, which did not hold")
    if verdict.status != PROVED:
        return verdict
    assumed = "; ".join(f"{s.equation} ({s.text})" for s in found)
    return replace(verdict, method=f"{verdict.method}, assuming {assumed}")

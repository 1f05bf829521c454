"""Corrupt a derivation's result and see whether both checkers refuse it.

A mutation replaces the result (the last step's expression; the right-hand side when the result
is an Equation) by a wrong one, in the last step and in every numeric check field that states
the result (claim, lhs, rhs, lesser, greater, dual_objective, integrand, and the values of
``at`` and ``closed_form``). Both checkers must then refuse: the last step REFUTED (not merely
UNKNOWN) and at least one numeric check FAIL.
"""

from __future__ import annotations

import dataclasses

import sympy as sp

import derive
from derive import Equation
from derive.checking.numeric import SAMPLING_KINDS, run_checks
from derive.checking.result_coverage import CLAIM_FIELDS, PAIR_FIELDS
from derive.checking.symbolic import check_step
from derive.core.intermediates import expanded

from .catalog_core import slow_unless_core


def run_check(derivation, spec, trials=None, seed=0, device=None):
    """One numeric check of ``derivation`` (the engine runs an entry's checks together)."""
    return run_checks(derivation, (spec,), trials, seed, device)[0]


def _replace(value, old, new):
    return new if value == old else value


def _mutate_check(spec, old, new):
    changes = {}
    for name in CLAIM_FIELDS:
        if hasattr(spec, name):
            changes[name] = _replace(getattr(spec, name), old, new)
    for name in PAIR_FIELDS:
        if hasattr(spec, name):
            changes[name] = tuple((key, _replace(value, old, new)) for key, value in getattr(spec, name))
    return dataclasses.replace(spec, **changes)


def with_wrong_result(entry: derive.Derivation, corrupt) -> derive.Derivation:
    """``entry`` with ``corrupt(result)`` in place of its result (of the equation's rhs)."""
    last = entry.steps[-1]
    if isinstance(last.expr, Equation):
        old = last.expr.rhs
        new = corrupt(old)
        new_expr = Equation(last.expr.lhs, new)
    else:
        old = last.expr
        new = new_expr = corrupt(old)
    steps = (*entry.steps[:-1], dataclasses.replace(last, expr=new_expr))
    checks = tuple(_mutate_check(spec, old, new) for spec in entry.checks)
    return dataclasses.replace(entry, steps=steps, checks=checks)


def _previous(entry, index):
    step = entry.steps[index]
    if step.start is not None:
        return step.start
    return entry.steps[index - 1].expr if index else entry.start


def refusals(entry: derive.Derivation, original: derive.Derivation, trials: int = 8):
    """(symbolic verdict of the last step, numeric verdicts of the checks the mutation changed)."""
    entry, original = expanded(entry), expanded(original)  # named intermediates written out, as the engine does
    index = len(entry.steps) - 1
    symbolic = check_step(
        index + 1, _previous(entry, index), entry.steps[-1], entry.givens, dict(entry.sizes), timeout=120
    )
    changed = [spec for spec, before in zip(entry.checks, original.checks) if spec != before]
    # a Monte Carlo trial draws 10^5 or more samples: two trials show a corrupted claim as well as eight
    numeric = [run_check(entry, spec, trials=2 if spec.kind in SAMPLING_KINDS else trials) for spec in changed]
    return symbolic, numeric


def assert_refused(entry: derive.Derivation, original: derive.Derivation, description: str):
    """Both checkers refuse ``entry``, a corruption of ``original``."""
    symbolic, numeric = refusals(entry, original)
    assert symbolic.status == derive.REFUTED, (
        f"{entry.id} / {description}: symbolic said {symbolic.status} ({symbolic.reason})"
    )
    assert numeric, f"{entry.id} / {description}: no numeric check states the result, so none can refuse it"
    assert any(v.status == derive.FAIL for v in numeric), f"{entry.id} / {description}: every numeric check passed"


def negated(result):
    return -result


def doubled(result):
    return 2 * result


def plus_a_term(result):
    """A wrong extra term of the right shape: the all-ones matrix (or 1 for a scalar)."""
    shape = getattr(result, "shape", None)
    if shape is None:
        return result + 1
    return result + sp.OneMatrix(*shape)


GENERIC = {"sign flipped": negated, "factor changed": doubled, "wrong term": plus_a_term}


def refusal_test(table: dict):
    """The test that both checkers refuse every corruption in ``table``: {id: {description: corrupt}}.

    Use it as ``test_both_checkers_refuse = refusal_test(SPECIFIC)`` in a test module.
    """
    import pytest

    cases = [
        pytest.param(i, name, corrupt, id=f"{i}:{name}", marks=slow_unless_core(i))
        for i, corruptions in table.items()
        for name, corrupt in corruptions.items()
    ]

    @pytest.mark.parametrize(("entry_id", "description", "corrupt"), cases)
    def test_both_checkers_refuse(entry_id, description, corrupt):
        original = derive.get(entry_id)
        assert_refused(with_wrong_result(original, corrupt), original, description)

    return test_both_checkers_refuse

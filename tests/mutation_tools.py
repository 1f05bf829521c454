"""Corrupt a derivation's result and see whether both checkers refuse it.

A mutation replaces the result (the last step's expression; the right-hand side when the result
is an Equation) by a wrong one, in the last step and in every numeric check field that states
the result (claim, lhs, rhs, lesser, greater, dual_objective, integrand, and the values of
``at`` and ``closed_form``). Both checkers must then refuse: the last step REFUTED (not merely
UNKNOWN) and at least one numeric check FAIL.
"""

from __future__ import annotations

import dataclasses
import functools

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


def _changed_checks(entry: derive.Derivation, original: derive.Derivation) -> list:
    """The checks of ``entry`` that its corruption changed (those stating the result)."""
    return [spec for spec, before in zip(entry.checks, original.checks) if spec != before]


def _numeric_trials(spec, trials: int) -> int:
    # a Monte Carlo trial draws 10^5 or more samples: two trials show a corrupted claim as well as eight
    return 2 if spec.kind in SAMPLING_KINDS else trials


def _symbolic_refusal(entry: derive.Derivation):
    """The symbolic verdict of the last step of ``entry`` (expanded: named intermediates written out)."""
    index = len(entry.steps) - 1
    return check_step(index + 1, _previous(entry, index), entry.steps[-1], entry.givens, dict(entry.sizes), timeout=120)


def refusals(entry: derive.Derivation, original: derive.Derivation, trials: int = 8):
    """(symbolic verdict of the last step, numeric verdicts of the checks the mutation changed)."""
    entry, original = expanded(entry), expanded(original)  # named intermediates written out, as the engine does
    numeric = [
        run_check(entry, spec, trials=_numeric_trials(spec, trials)) for spec in _changed_checks(entry, original)
    ]
    return _symbolic_refusal(entry), numeric


# entry id -> [(description, corrupt), ...] of every table given to refusal_test (each test module's)
_REGISTERED: dict[str, list] = {}


@functools.cache
def _registered_refusals(entry_id: str, trials: int = 8) -> dict:
    """{corrupt: (the corrupted entry, expanded, and the numeric verdicts of the checks it changed)}
    for every corruption of the entry registered by refusal_test. The changed checks of all of them
    run as the engine runs an entry's checks: together, one compiled batch per trial count
    (run_checks; each check keeps its own random draws, so its verdict is the one it gets alone)."""
    entry = derive.get(entry_id)
    original = expanded(entry)  # named intermediates written out, as the engine does
    corrupted = {corrupt: expanded(with_wrong_result(entry, corrupt)) for _, corrupt in _REGISTERED[entry_id]}
    changed = {corrupt: _changed_checks(wrong, original) for corrupt, wrong in corrupted.items()}
    by_trials: dict[int, list] = {}
    for spec in (spec for specs in changed.values() for spec in specs):
        by_trials.setdefault(_numeric_trials(spec, trials), []).append(spec)
    assert all(wrong.givens == original.givens for wrong in corrupted.values())  # the inputs are drawn from them
    verdicts = {}  # id of a changed check -> its verdict
    for count, specs in by_trials.items():
        verdicts.update(zip(map(id, specs), run_checks(original, specs, count)))
    return {corrupt: (wrong, [verdicts[id(spec)] for spec in changed[corrupt]]) for corrupt, wrong in corrupted.items()}


def assert_registered_refused(entry_id: str, description: str, corrupt):
    """Both checkers refuse the registered corruption ``corrupt`` of the entry: the symbolic checker
    its last step, the numeric checker one of the checks it changed (run in the entry's batch)."""
    wrong, numeric = _registered_refusals(entry_id)[corrupt]
    assert_refused(wrong, (_symbolic_refusal(wrong), numeric), description)


def assert_refused(entry: derive.Derivation, verdicts: tuple, description: str):
    """Both checkers refuse ``entry``: ``verdicts`` is its (symbolic, numeric) ``refusals``."""
    symbolic, numeric = verdicts
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

    Use it as ``test_both_checkers_refuse = refusal_test(SPECIFIC)`` in a test module. The tests of
    one entry share an xdist group (``--dist loadgroup`` runs them in one worker): the numeric checks
    of all its registered corruptions are compiled and run once there, as one batch.
    """
    import pytest

    for i, corruptions in table.items():
        _REGISTERED.setdefault(i, []).extend(corruptions.items())
    cases = [
        pytest.param(i, name, corrupt, id=f"{i}:{name}", marks=(*slow_unless_core(i), pytest.mark.xdist_group(i)))
        for i, corruptions in table.items()
        for name, corrupt in corruptions.items()
    ]

    @pytest.mark.parametrize(("entry_id", "description", "corrupt"), cases)
    def test_both_checkers_refuse(entry_id, description, corrupt):
        assert_registered_refused(entry_id, description, corrupt)

    return test_both_checkers_refuse

"""Every registered entry: both checks pass, and it renders in every format."""

import json

import pytest

import derive

from .catalog_core import slow_unless_core

IDS = derive.ids()


@pytest.mark.parametrize("entry_id", IDS)
def test_entry_is_well_formed(entry_id):
    entry = derive.get(entry_id)
    assert entry.statement and entry.givens and entry.references, "statement, givens and references are required"
    assert all(step.because for step in entry.steps), "every step needs its justification"
    assert entry.checks, "every entry needs a numeric check"
    assert entry.topic in derive.topics()


@pytest.mark.parametrize("fmt", derive.FORMATS)
@pytest.mark.parametrize("entry_id", IDS)
def test_entry_renders(entry_id, fmt):
    text = derive.render(derive.get(entry_id), fmt)
    assert derive.get(entry_id).title in text or fmt == "latex"
    if fmt == "json":
        assert json.loads(text)["id"] == entry_id


@pytest.mark.parametrize("entry_id", [pytest.param(i, marks=slow_unless_core(i)) for i in IDS])
def test_entry_passes_both_checks(entry_id):
    # as `derive check` runs it; a generous timeout: CI runs two workers on two cores; reuse=False: no stored report
    report = derive.check(derive.get(entry_id), timeout=120, reuse=False)  # each check with its own trials
    not_proved = [(v.index, v.status, v.reason) for v in report.steps if not v.ok]
    assert not not_proved, f"steps not proved: {not_proved}"
    stated = [step for step in derive.get(entry_id).steps if step.relation == derive.STATES]
    assert all(len(step.because) > 20 for step in stated), "a stated step must give its reason"
    failed = [(v.label, v.max_error, v.reason) for v in report.numeric if not v.ok]
    assert not failed, f"numeric checks failed: {failed}"
    failed_steps = [(v.index, v.reason) for v in report.step_numeric if not v.ok]
    assert not failed_steps, f"steps that fail numerically: {failed_steps}"
    assert report.ok

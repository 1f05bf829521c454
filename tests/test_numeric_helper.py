"""The helper process for many catalog entries: same verdicts as checking them all in one process."""

import dataclasses

import derive
from derive.checking import helper as _numeric_helper
from derive.checking import numeric as _numeric

ENTRIES = ("sigmoid-derivative", "softplus-derivative", "entropy-bernoulli")


def _numbers(reports):
    return [[dataclasses.replace(v, seconds=0.0) for v in r.numeric] for r in reports]


def test_the_helper_gives_the_verdicts_of_a_single_process(monkeypatch):
    entries = [derive.get(i) for i in ENTRIES]
    options = {"trials": 8, "symbolic": False, "reuse": False, "jobs": 2}  # one helper, every other entry
    alone = list(derive.check_many(entries, **options))
    monkeypatch.setattr(_numeric_helper, "MIN_ENTRIES", 2)
    here = []
    run_entry = _numeric.run_entry  # what the runner calls in this process for an entry's checks and steps
    monkeypatch.setattr(_numeric, "run_entry", lambda entry, *rest: here.append(entry.id) or run_entry(entry, *rest))
    helped = list(derive.check_many(entries, **options))
    assert here == [ENTRIES[0], ENTRIES[2]], "the helper process did not take the second entry"
    assert [r.entry_id for r in helped] == list(ENTRIES)
    assert _numbers(helped) == _numbers(alone)
    assert all(r.ok for r in helped)


def test_a_modified_copy_of_an_entry_is_never_sent_to_the_helper():
    entry = derive.get("sigmoid-derivative")
    assert _numeric_helper._loaded_alike(derive.get, entry)
    assert not _numeric_helper._loaded_alike(derive.get, dataclasses.replace(entry, title="a copy"))

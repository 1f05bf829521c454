"""Stored check reports: reused only for the same derivation, options and sources; never for a
changed (mutated) derivation; never when undecided."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

import derive
from cli import main
from derive.cache.fingerprint import content_digest

from .mutation_tools import doubled, with_wrong_result

ENTRY = "normal-equations"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path))
    return tmp_path


def _statuses(report):
    return [v.status for v in report.steps], [(v.status, v.max_error) for v in report.numeric]


def test_an_unchanged_entry_is_answered_with_its_stored_report(cache_dir):
    entry = derive.get(ENTRY)
    first = derive.check(entry, trials=4)
    second = derive.check(entry, trials=4)
    assert first.ok and not first.stored
    assert second.stored and _statuses(second) == _statuses(first)
    assert not derive.check(entry, trials=4, reuse=False).stored
    assert not derive.check(entry, trials=5).stored  # other options: checked afresh


def test_a_mutated_derivation_is_never_answered_by_the_original_report(cache_dir):
    entry = derive.get(ENTRY)
    assert derive.check(entry, trials=4).ok
    wrong = derive.check(with_wrong_result(entry, doubled), trials=4)
    assert not wrong.stored and not wrong.ok
    again = derive.check(entry, trials=4)  # one version is kept per entry: the mutated one replaced it
    assert again.ok and not again.stored


def test_an_undecided_report_is_not_stored(cache_dir):
    entry = derive.get("gmm-em-mstep")
    undecided = derive.check(entry, trials=2, timeout=0.1, numeric=True)
    assert not undecided.ok and any(v.status == derive.UNKNOWN for v in undecided.steps)
    assert not (cache_dir / "checks" / entry.id).exists()


def test_no_cache_stores_nothing(cache_dir):
    derive.check(derive.get(ENTRY), trials=4, cache=False)
    assert not (cache_dir / "checks").exists()


def test_the_content_digest_is_the_same_in_another_process_and_differs_for_another_derivation():
    code = f"import derive; from derive.cache.fingerprint import content_digest; print(content_digest(derive.get('{ENTRY}')))"
    other_process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    entry = derive.get(ENTRY)
    assert content_digest(entry) == other_process
    assert content_digest(with_wrong_result(entry, doubled)) != other_process


def test_functions_are_told_apart_by_their_code_and_closures():
    def scaled(factor):
        return lambda x: factor * x

    assert content_digest(scaled(2)) == content_digest(scaled(2))
    assert content_digest(scaled(2)) != content_digest(scaled(3))
    assert content_digest(lambda x: x + 1) != content_digest(lambda x: x - 1)
    assert content_digest(object()) is None  # cannot be taken apart: its results are not stored


def test_the_command_line_marks_stored_reports_and_rechecks_on_request(cache_dir):
    run = ["check", ENTRY, "--trials", "4"]
    assert "stored report" not in CliRunner().invoke(main, run).output
    assert "stored report" in CliRunner().invoke(main, run).output
    assert "stored report" not in CliRunner().invoke(main, [*run, "--recheck"]).output

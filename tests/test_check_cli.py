"""`derive check --topic / --jsonl / --fail-fast / --jobs` as a user runs them (issue 17)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from derive.checking import helper, numeric
from tests.test_processes import _all_gone, _descendants, ctrl_c_answered  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent


def _run(*args):
    return CliRunner().invoke(main, ["check", *args])


def test_fail_fast_stops_at_the_first_entry_that_is_not_ok_and_jsonl_streams_its_report():
    # 0.1 s of CPU is too little for gmm-em-mstep's Sigma step (about 3 s): undecided, so not ok
    result = _run("gmm-em-mstep", "tanh-derivative", "--timeout", "0.1", "--no-cache", "--jsonl", "--fail-fast")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, result.stdout  # the second entry was never checked
    report = json.loads(lines[0])
    assert report["id"] == "gmm-em-mstep" and report["ok"] is False


def test_a_topic_and_ids_together_are_refused():
    result = _run("sigmoid-derivative", "--topic", "calculus")
    assert result.exit_code == 2 and "--all or --topic" in result.output


def test_an_unknown_topic_is_named():
    result = _run("--topic", "astrology")
    assert result.exit_code == 2 and "no topic 'astrology'" in result.output


def test_json_and_jsonl_together_are_refused():
    result = _run("--all", "--json", "--jsonl")
    assert result.exit_code == 2 and "pass one" in result.output


# --- --jobs ----------------------------------------------------------------------------------

FEW = ("sigmoid-derivative", "softplus-derivative", "entropy-bernoulli")


def _jsonl_reports(result):
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def _verdicts(reports):
    return [(r["id"], [s["status"] for s in r["symbolic"]], [(v["status"], v["max_error"]) for v in r["numeric"]])
            for r in reports]  # fmt: skip


def test_jobs_checks_entries_in_other_processes_and_reports_them_in_order(monkeypatch):
    alone = _jsonl_reports(_run(*FEW, "--jobs", "1", "--trials", "16", "--no-cache", "--jsonl"))
    monkeypatch.setattr(helper, "MIN_ENTRIES", 2)  # helpers for three entries (the catalog has more)
    here = []
    run_entry = numeric.run_entry  # what this process runs for an entry; the helpers run the others
    monkeypatch.setattr(numeric, "run_entry", lambda entry, *rest: here.append(entry.id) or run_entry(entry, *rest))
    together = _jsonl_reports(_run(*FEW, "--jobs", "3", "--trials", "16", "--no-cache", "--jsonl"))
    assert here == [FEW[0]], "the two helper processes did not take the other entries"
    assert [r["id"] for r in together] == list(FEW)
    assert _verdicts(together) == _verdicts(alone)


def test_jobs_below_one_is_refused():
    result = _run("--all", "--jobs", "0")
    assert result.exit_code == 2 and "--jobs" in result.output


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.usefixtures("ctrl_c_answered")
def test_ctrl_c_during_check_with_jobs_leaves_nothing_running(tmp_path):
    """SIGINT once the helper processes and a symbolic child run: derive and every process it
    started are gone within 2 s."""
    environment = dict(os.environ, DERIVE_CACHE_DIR=str(tmp_path), JAX_PLATFORMS="cpu")
    command = [sys.executable, "-m", "derive", "check", "--all", "--no-cache", "--trials", "1", "--jobs", "3"]
    run = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        family = _wait_for_descendants(run.pid, at_least=3)  # two helpers and a symbolic child at least
        run.send_signal(signal.SIGINT)
        run.wait(timeout=5)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
            pytest.fail("derive check --jobs 3 was still running 5 s after SIGINT")
    assert not (alive := _all_gone(family)), f"still running 2 s after Ctrl-C: {alive}"


def _wait_for_descendants(root: int, at_least: int, within: float = 120.0) -> set[int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if len(found := _descendants(root)) >= at_least:
            return found
        time.sleep(0.05)
    raise AssertionError(f"derive check had fewer than {at_least} processes after {within} s")

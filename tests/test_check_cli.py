"""`derive check --topic / --jsonl / --fail-fast` as a user runs them (issue 17)."""

import json

from click.testing import CliRunner

from cli import main


def _run(*args):
    return CliRunner().invoke(main, ["check", *args])


def test_fail_fast_stops_at_the_first_entry_that_is_not_ok_and_jsonl_streams_its_report():
    # 0.1 s of CPU is too little for a symbolic step: the first entry is undecided, so not ok
    result = _run("sigmoid-derivative", "tanh-derivative", "--timeout", "0.1", "--no-cache", "--jsonl", "--fail-fast")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1, result.stdout  # the second entry was never checked
    report = json.loads(lines[0])
    assert report["id"] == "sigmoid-derivative" and report["ok"] is False


def test_a_topic_and_ids_together_are_refused():
    result = _run("sigmoid-derivative", "--topic", "calculus")
    assert result.exit_code == 2 and "--all or --topic" in result.output


def test_an_unknown_topic_is_named():
    result = _run("--topic", "astrology")
    assert result.exit_code == 2 and "no topic 'astrology'" in result.output


def test_json_and_jsonl_together_are_refused():
    result = _run("--all", "--json", "--jsonl")
    assert result.exit_code == 2 and "pass one" in result.output

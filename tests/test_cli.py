"""The command line, through click's runner: output, exit statuses 0/1/2, help everywhere."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

import derive
from cli import main

from .mutation_tools import negated, with_wrong_result


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_list_prints_every_entry():
    result = run("list")
    assert result.exit_code == 0
    for entry_id in derive.ids():
        assert entry_id in result.output


def test_list_topic_and_json():
    result = run("list", "--topic", "linear-algebra", "--json")
    assert result.exit_code == 0
    listed = json.loads(result.output)
    assert listed and all(item["topic"] == "linear-algebra" for item in listed)
    assert {"id", "title", "topic"} <= set(listed[0])


def test_unknown_topic_is_exit_2():
    result = run("list", "--topic", "astrology")
    assert result.exit_code == 2 and "no topic 'astrology'" in result.output


def test_show_prints_a_worked_solution():
    result = run("show", "logistic-grad")
    assert result.exit_code == 0
    for part in ("Problem", "Given", "Derivation", "Result", "References", "Evidence", "[factor out Xᵀ]"):
        assert part in result.output


@pytest.mark.parametrize("fmt", derive.FORMATS)
def test_show_every_format(fmt):
    assert run("show", "normal-equations", "--format", fmt).exit_code == 0


def test_unknown_id_suggests_and_exits_2():
    result = run("show", "logistic-gradient")
    assert result.exit_code == 2
    assert "no derivation 'logistic-gradient'; did you mean 'logistic-grad'?" in result.output
    assert "Traceback" not in result.output


def test_bad_option_value_is_exit_2():
    assert run("show", "logistic-grad", "--format", "pdf").exit_code == 2
    assert run("check", "logistic-grad", "--trials", "0").exit_code == 2


def test_check_without_ids_is_exit_2():
    result = run("check")
    assert result.exit_code == 2 and "--all" in result.output


@pytest.mark.slow
def test_check_passes_with_exit_0_and_reports_details():
    result = run("check", "logistic-grad", "--trials", "8", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "PROVED" in result.output and "PASS" in result.output
    assert "trials 8" in result.output and "seed 3" in result.output and "device cpu" in result.output


@pytest.mark.slow
def test_check_json():
    result = run("check", "logistic-grad", "--trials", "4", "--json")
    assert result.exit_code == 0
    (report,) = json.loads(result.output)
    assert report["ok"] and report["numeric"][0]["status"] == "PASS"
    assert all(step["status"] == "PROVED" for step in report["symbolic"])


@pytest.mark.slow
def test_check_of_a_wrong_derivation_is_exit_1(monkeypatch):
    wrong = with_wrong_result(derive.get("logistic-grad"), negated)
    monkeypatch.setattr(derive, "get", lambda entry_id: wrong)
    result = run("check", "logistic-grad", "--trials", "4")
    assert result.exit_code == 1
    assert "REFUTED" in result.output and "FAIL" in result.output and "counterexample" in result.output


def test_missing_device_is_exit_2():
    result = run("check", "logistic-grad", "--device", "tpu")
    assert result.exit_code == 2
    assert "no tpu backend" in result.output and "Traceback" not in result.output


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command


@pytest.mark.parametrize("path", [(), *[p for p, _ in _commands(main)]], ids=lambda p: " ".join(p) or "derive")
def test_every_command_has_help_with_an_example(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_every_command_is_in_the_docs():
    from pathlib import Path

    guide = (Path(__file__).parent.parent / "docs" / "index.md").read_text()
    for path, _ in _commands(main):
        assert f"derive {' '.join(path)}" in guide, f"docs/index.md does not mention `derive {' '.join(path)}`"


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and derive.__version__ in result.output


def test_python_dash_m_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "derive", "show", "nope-entry"], capture_output=True, text=True)
    assert result.returncode == 2 and "no derivation 'nope-entry'" in result.stderr


def test_the_console_entry_point_flushes_its_output_and_keeps_the_exit_status():
    """`python -m derive` ends with os._exit (skipping JAX's slow teardown): nothing may be lost."""
    listed = subprocess.run([sys.executable, "-m", "derive", "list", "--json"], capture_output=True, text=True)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == len(derive.ids())
    wrong = subprocess.run([sys.executable, "-m", "derive", "show", "no-such-entry"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "no derivation 'no-such-entry'" in wrong.stderr
    usage = subprocess.run([sys.executable, "-m", "derive", "check", "--trials", "0"], capture_output=True, text=True)
    assert usage.returncode == 2 and "--trials" in usage.stderr


def test_an_absent_device_is_a_clear_error():
    import jax

    if any(device.platform == "gpu" for device in jax.devices()):
        pytest.skip("this machine has a GPU")
    result = CliRunner().invoke(main, ["check", "logistic-grad", "--device", "gpu"])
    assert result.exit_code == 2, result.output
    assert "no gpu backend" in result.output and "Traceback" not in result.output

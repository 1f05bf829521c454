"""`derive verify` through click's runner: input from the argument, stdin or a file, --against,
the NOTATION.md JSON object, and exit statuses 0 (valid), 1 (invalid), 2 (not understood)."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main

WHERE = ["--where", r"X \in \mathbb{R}^{n \times d}", "--where", r"w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}"]
VALID = r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top X w - X^\top y = X^\top(Xw - y)"
INVALID = r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top X w - X^\top y = 2X^\top(Xw - y)"
STEP_KEYS = {"index", "lhs", "relation", "rhs", "status", "method", "counterexample", "diagnosis"}


def run(*args, stdin=None):
    return CliRunner().invoke(main, ["verify", "--trials", "8", *args], input=stdin)


def assert_notation_shape(answer: dict):
    assert set(answer) == {"verdict", "first_invalid_step", "steps", "message"}
    assert answer["verdict"] in ("valid", "invalid", "error", "unknown")
    assert isinstance(answer["message"], str) and answer["message"]
    for step in answer["steps"]:
        assert set(step) == STEP_KEYS
        assert step["status"] in ("valid", "invalid", "unknown")
        assert isinstance(step["lhs"], str) and isinstance(step["rhs"], str) and isinstance(step["method"], str)


def test_valid_derivation_exits_0_and_prints_each_step():
    result = run(*WHERE, VALID)
    assert result.exit_code == 0, result.output
    assert "step 1  VALID" in result.output and "step 2  VALID" in result.output
    assert "symbolic" in result.output and "numeric" in result.output


def test_invalid_step_exits_1_with_counterexample_and_diagnosis_in_json():
    result = run(*WHERE, "--json", INVALID)
    assert result.exit_code == 1, result.output
    answer = json.loads(result.output)
    assert_notation_shape(answer)
    assert answer["verdict"] == "invalid" and answer["first_invalid_step"] == 2
    first, second = answer["steps"]
    assert first["status"] == "valid" and first["counterexample"] is None and first["diagnosis"] is None
    assert second["status"] == "invalid" and second["lhs"] == r"X^\top X w - X^\top y"
    assert {"X", "w", "y", "lhs", "rhs"} <= set(second["counterexample"])
    assert "off by a factor of 2" in second["diagnosis"]


def test_parse_error_exits_2_with_column_and_caret():
    result = run(*WHERE, r"\frac{1}{2}}x = y")
    assert result.exit_code == 2
    assert "error: unexpected '}' at column 12" in result.output
    assert "             ^" in result.output


def test_parse_error_with_json_prints_the_error_object():
    result = run(*WHERE, "--json", r"X y = w")
    assert result.exit_code == 2
    answer = json.loads(result.output)
    assert_notation_shape(answer)
    assert answer == {"verdict": "error", "first_invalid_step": None, "steps": [], "message": answer["message"]}
    assert "X (n×d matrix) times y (n-vector)" in answer["message"] and "column 3" in answer["message"]


def test_bad_declaration_exits_2():
    result = run("--where", r"X \in \mathbb{Q}", "--json", "x = x")
    assert result.exit_code == 2
    assert "--where" in json.loads(result.output)["message"]


def test_reads_stdin_when_no_argument():
    result = run(*WHERE, stdin=VALID)
    assert result.exit_code == 0, result.output


def test_reads_an_align_environment_from_a_file(tmp_path):
    tex = tmp_path / "mine.tex"
    tex.write_text(
        "% my homework\n\\begin{align*}\n\\nabla_w \\tfrac12\\|Xw-y\\|^2 &= X^\\top X w - X^\\top y \\\\\n"
        "&= X^\\top(Xw - y).\n\\end{align*}\n"
    )
    result = run(*WHERE, "--file", str(tex))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("final", "status"),
    [(r"X^\top(\sigma(Xw) - y)", 0), (r"X^\top(y - \sigma(Xw))", 1)],
)
def test_against_a_catalog_entry(final, status):
    result = run("--against", "logistic-grad", "--json", rf"X^\top\sigma(Xw) - X^\top y = {final}")
    assert result.exit_code == status, result.output
    answer = json.loads(result.output)
    assert_notation_shape(answer)
    last = answer["steps"][-1]
    assert last["method"].startswith("against the catalog entry logistic-grad")
    assert last["rhs"].startswith("the result of logistic-grad")


def test_against_an_unknown_entry_suggests_one():
    result = run("--against", "logistic-grd", "x = x")
    assert result.exit_code == 2
    assert "did you mean 'logistic-grad'" in result.output


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["verify", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "--where" in result.output


def test_a_parse_error_does_not_start_jax():
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom cli import main\n"
        "r = CliRunner().invoke(main, ['verify', 'x = }'])\n"
        "assert r.exit_code == 2, r.output\n"
        "assert 'jax' not in sys.modules and 'latex2sympy2' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_fresh_process_computes_in_float64():
    """In a new process nothing else has switched JAX to float64: verify itself must, before its
    first array, or the valid chain comes back undecided with errors near 1e-7 (float32)."""
    command = [sys.executable, "-m", "derive", "verify", "--json", *WHERE, VALID]
    answer = json.loads(subprocess.run(command, capture_output=True, text=True).stdout)
    assert answer["verdict"] == "valid", answer
    assert all("max rel. error" in step["method"] for step in answer["steps"])
    errors = [float(step["method"].split("max rel. error ")[1].rstrip(")")) for step in answer["steps"]]
    assert max(errors) < 1e-12


@pytest.mark.parametrize(
    ("condition", "problem"),
    [
        (r"X \neq 1", r"a condition is 'E \neq 0'"),
        (r"X^\top X \neq 0", r"write '\det(M) \neq 0' for an invertible M"),
    ],
)
def test_a_condition_that_is_not_e_neq_0_exits_2_naming_it(condition, problem):
    result = run("--where", r"X \in \mathbb{R}^{n \times d}", "--where", condition, "X = X")
    assert result.exit_code == 2 and problem in result.output, result.output
    assert "Traceback" not in result.output


def test_a_stated_row_exits_3_and_says_stated():
    result = run("--json", r"(x - 1)^2 \\ \le (x - 1)^2 + 1")
    answer = json.loads(result.output)
    assert_notation_shape(answer)
    assert result.exit_code == 3 and answer["verdict"] == "unknown"
    assert answer["steps"][0]["relation"] == r"\le" and answer["steps"][0]["method"].startswith("stated:")

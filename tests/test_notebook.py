"""What a notebook shows (issue 15, point 7): reports as tables with their verdicts."""

import derive
from derive.checking.verdicts import CheckReport, NumericVerdict, StepVerdict


def test_a_check_report_is_a_table_of_step_and_check_verdicts():
    steps = (StepVerdict(1, "PROVED", "explicit instance (d=2)"), StepVerdict(2, "UNKNOWN", "stated", "not bound"))
    numeric = (NumericVerdict("grad", "a | b", "PASS", 1e-15, 1e-8, 64, 0, "cpu:0"),)
    shown = CheckReport("some-entry", steps, numeric)._repr_markdown_()
    assert shown.startswith("**some-entry**: NOT OK")
    assert "| 2 | UNKNOWN | stated: not bound |" in shown
    assert "| grad: a \\| b | PASS |" in shown  # a | in a cell does not split it


def test_a_verify_report_is_a_table_with_the_counterexample():
    shown = derive.verify("(x + 1)^2 = x^2 + 1")._repr_markdown_()
    assert shown.startswith("**invalid**")
    assert "| 1 | $(x + 1)^2 = x^2 + 1$ | invalid |" in shown and "'x': " in shown


def test_an_entry_displays_its_whole_worked_solution():
    """pca-lagrangian showed only lambda once: now its statement, givens, every row with its reason
    and the complete boxed result (the maximiser and its value)."""
    entry = derive.get("pca-lagrangian")
    shown = derive.typeset(entry)._repr_markdown_()
    assert "## Problem" in shown and "| symbol |" in shown and "## Result" in shown
    assert shown.count("\n— ") >= len(entry.steps)  # each row's reason
    assert (
        r"\mathbf{v} = \mathbf{u}_{1}" in shown
        and r"\mathbf{v}^{\top} \boldsymbol{\Sigma} \mathbf{v} = \lambda_{1}" in shown
    )

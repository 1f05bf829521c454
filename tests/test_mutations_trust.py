"""Wrong derivations made the way a careful author errs (issue 14): `derive check` must refuse each,
with no false step PROVED. Each test builds a purpose-made wrong entry of one class of hole."""

import dataclasses

import sympy as sp

import derive
from derive import EQUIVALENT, SOLVES, Derivation, Equation, Given, Step, dims, inv, matrix, scalar, vector
from derive.checking.symbolic import check_steps
from derive.rendering.check_report import report_text

from .mutation_tools import refusals, with_wrong_result


def _refused_with_nothing_false_proved(wrong, original):
    symbolic, numeric = refusals(wrong, original)
    assert symbolic.status != derive.PROVED, symbolic
    assert any(v.status == derive.FAIL for v in numeric)
    return symbolic


def test_normal_equations_through_a_singular_inverse_is_not_proved():
    """Class 1: X^T (X X^T)^{-1} y; X X^T is singular at n=3, d=2, and adjugate/det is 0/0."""
    n, d = dims("n d")
    X, y = matrix("X", n, d), vector("y", n)
    original = derive.get("normal-equations")
    symbolic = _refused_with_nothing_false_proved(
        with_wrong_result(original, lambda old: X.T * inv(X * X.T) * y), original
    )
    assert "degenerate instance" in symbolic.reason


def test_least_norm_through_a_singular_inverse_is_not_proved():
    """Class 1: (A^T A)^{-1} A^T b for a wide A, whose A^T A is singular."""
    m, n = dims("m n")
    A, b = matrix("A", m, n), vector("b", m)
    original = derive.get("least-norm-solution")
    symbolic = _refused_with_nothing_false_proved(
        with_wrong_result(original, lambda old: inv(A.T * A) * A.T * b), original
    )
    assert "degenerate instance" in symbolic.reason


def _root_losing_chain(**solves_options) -> Derivation:
    """x = 1 <=> x (x - 1) = 0 (multiplied by x, which may be 0) => x = 0: every step "equal"."""
    x = scalar("x")
    return Derivation(
        id="root-losing",
        title="a wrong root",
        topic="test",
        statement="x = 1",
        givens=(Given(x, "a real number"),),
        start=Equation(x, sp.Integer(1)),
        steps=(
            Step(Equation(x * (x - 1), sp.Integer(0)), "multiply by x", EQUIVALENT, factor=1 / x),
            Step(Equation(x, sp.Integer(0)), "a root", SOLVES, **solves_options),
        ),
    )


def test_an_equivalence_by_a_factor_that_may_vanish_is_not_proved():
    """Class 4: the factor 1/x is infinite at x = 0 on the declared domain (the reals)."""
    verdicts = check_steps(_root_losing_chain(), timeout=60)
    assert [v.status for v in verdicts] == [derive.UNKNOWN, derive.UNKNOWN]
    assert "factor" in verdicts[0].reason and "not shown nonzero" in verdicts[0].reason
    assert "which root" in verdicts[1].reason


def test_a_solution_that_is_not_the_only_one_is_not_proved():
    """Class 4: a linear equation with a singular matrix has many roots; naming one proves nothing."""
    d = dims("d")[0]
    A, x, b = matrix("A", d, d), vector("x", d), vector("b", d)
    entry = Derivation(
        id="singular-solve",
        title="a root of a singular system",
        topic="test",
        statement="A x = b",
        givens=(Given(A, "a matrix"), Given(x, "unknown"), Given(b, "right-hand side")),
        start=Equation(A * x, A * b),
        steps=(Step(Equation(x, b), "x = b solves it", SOLVES),),
    )
    (verdict,) = check_steps(entry, timeout=60)
    assert verdict.status == derive.UNKNOWN and "not shown to be unique" in verdict.reason
    named = dataclasses.replace(entry, steps=(dataclasses.replace(entry.steps[0], nonzero=(A,)),))
    (verdict,) = check_steps(named, timeout=60)
    assert verdict.status == derive.PROVED and "assuming A invertible" in verdict.method


def test_an_entry_whose_checks_do_not_state_the_result_is_refused():
    """Class 9: a doubled result, and only the check of an earlier gradient kept (it passes)."""
    original = derive.get("trace-gradients")
    wrong = with_wrong_result(original, lambda old: 2 * old)
    wrong = dataclasses.replace(wrong, checks=original.checks[:1])
    report = derive.check(wrong, trials=4, timeout=60, cache=False)
    assert not report.ok
    assert all(v.status != derive.PROVED for v in report.steps[-1:])
    passed, refusal = report.numeric
    assert passed.status == derive.PASS  # the kept check cannot see the result
    assert refusal.status == derive.FAIL and "no numeric check states the result" in refusal.reason
    assert "no numeric check states the result" in report_text(wrong, report)
    numeric_only = derive.check(wrong, trials=4, symbolic=False, cache=False)
    assert not numeric_only.ok and numeric_only.numeric[-1].kind == "result"

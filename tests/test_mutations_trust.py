"""Wrong derivations made the way a careful author errs (issue 14): `derive check` must refuse each,
with no false step PROVED. Each test builds a purpose-made wrong entry of one class of hole."""

import dataclasses

import jax.numpy as jnp
import pytest
import sympy as sp

import derive
from derive import (
    EQUIVALENT,
    PROBABILITY,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Step,
    dims,
    hadamard,
    inv,
    matrix,
    ones,
    scalar,
    softmax,
    sqrt,
    step,
    vector,
)
from derive.checking.comparison import ShapeMismatch, relative_error
from derive.checking.symbolic import check_step, check_steps
from derive.core.distributions import uniform
from derive.core.statistics import MonteCarloRate
from derive.rendering.check_report import report_text

from .mutation_tools import refusals, run_check, with_wrong_result


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
    assert "only root is not shown" in verdicts[1].reason


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


def test_a_root_reason_in_prose_does_not_prove_a_root_that_is_not_the_only_one():
    """x^2 = 4 has two real roots: a tired author's root="the root we want" once made x = 2 PROVED.
    For a positive x it is the only root, shown by solveset, and the reason is not needed."""
    x = scalar("x")
    entry = Derivation(
        id="chosen-root",
        title="a root of a quadratic",
        topic="test",
        statement="x^2 = 4",
        givens=(Given(x, "unknown"),),
        start=Equation(x**2, 4),
        steps=(Step(Equation(x, 2), "take the square root", SOLVES, root="the root we want"),),
    )
    (verdict,) = check_steps(entry, timeout=60)
    assert verdict.status == derive.UNKNOWN and "root= reason is printed, not proved" in verdict.reason
    y = scalar("y", derive.POSITIVE)
    positive = dataclasses.replace(
        entry, givens=(Given(y, "unknown", derive.POSITIVE),), start=Equation(y**2, 4),
        steps=(Step(Equation(y, 2), "take the positive square root", SOLVES),),
    )  # fmt: skip
    (verdict,) = check_steps(positive, timeout=60)
    assert verdict.status == derive.PROVED and "the only root" in verdict.method


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


def test_a_row_for_a_column_is_refused():
    """Class 8: the logistic gradient transposed into a row; it used to be reshaped back to a column."""
    original = derive.get("logistic-grad")
    symbolic = _refused_with_nothing_false_proved(with_wrong_result(original, lambda old: old.T), original)
    assert "different shapes" in symbolic.reason
    with pytest.raises(ShapeMismatch):
        relative_error(jnp.ones((1, 3)), jnp.ones((3, 1)))
    with pytest.raises(ShapeMismatch):
        relative_error(jnp.ones(3), jnp.ones((3, 1)))  # no broadcasting either
    assert relative_error(jnp.ones((1, 1)), jnp.asarray(1.0)) == 0  # a 1x1 matrix is a number


def test_a_vector_of_rates_is_judged_entry_by_entry():
    """Class 8: P(U < q_i) = q_i for U uniform on (0, 1), claimed q_1 for every i: right only in the
    first entry, the one the rate judge used to look at."""
    n = dims("n")[0]
    q, u = vector("q", n), scalar("u")
    ones = sp.OneMatrix(n, 1)
    rates = step(q - u * ones)
    check = MonteCarloRate(integrand=rates, claim=q[0, 0] * ones, draws=((u, uniform(0, 1)),))
    entry = Derivation(
        id="equal-rates",
        title="every rate the first",
        topic="test",
        statement="P(U < q_i) = q_1",
        givens=(Given(q, "thresholds in (0, 1)", PROBABILITY),),
        start=Equation(rates, rates),
        steps=(Step(Equation(rates, rates), "nothing"),),
        checks=(check,),
    )
    verdict = run_check(entry, check)
    assert verdict.status == derive.FAIL, verdict
    assert verdict.max_error > 10
    # a rate within a slack shows its power against a rival (the x1.02 claims lie inside the slack)
    right = dataclasses.replace(check, claim=q, slack=0.01, rival=q / 2, samples=100_000)
    assert run_check(entry, right).status == derive.PASS


def test_a_loose_tolerance_without_a_reason_is_refused():
    """Class 6: gd-quadratic off by one step, (1 - 2 eta)^(k+1), hidden by tolerance=10 on its iterate checks."""
    original = derive.get("gd-quadratic")
    k = sp.Symbol("k", integer=True, nonnegative=True)
    wrong = with_wrong_result(original, lambda old: old.subs(k, k + 1))
    loose = tuple(
        dataclasses.replace(spec, tolerance=10) if spec != before else spec
        for spec, before in zip(wrong.checks, original.checks)
    )
    wrong = dataclasses.replace(wrong, checks=loose)
    _refused_with_nothing_false_proved(wrong, original)
    verdict = run_check(wrong, wrong.checks[0], trials=8)
    assert verdict.status == derive.FAIL and "tolerance 10 above 1e-06" in verdict.reason
    assert "no reason given" in verdict.reason


def test_a_looser_setting_with_a_reason_is_allowed_and_reported():
    """Class 6: the same bound met by a reason; the verdict carries it into the report."""
    original = derive.get("gd-quadratic")
    spec = dataclasses.replace(original.checks[0], trials=4, reason="a test of the rule")
    verdict = run_check(original, spec)
    assert verdict.status == derive.PASS, verdict
    assert "4 trials, fewer than 16" in verdict.reason and "a test of the rule" in verdict.reason


def test_the_counterexample_is_multiplied_by_jax_not_by_sympy():
    """Class 10: E F - F E was evaluated by SymPy when the entry was built, so its check compared a
    constant with itself; it must reach JAX as products, and a wrong commutator must fail."""
    entry = derive.get("matrix-product-rules")
    (check,) = [spec for spec in entry.checks if "counterexample" in spec.label]
    assert check.lhs.has(sp.MatMul), check.lhs
    assert run_check(entry, check).status == derive.PASS
    wrong = dataclasses.replace(check, rhs=sp.ImmutableMatrix([[1, 0], [0, 1]]))
    assert run_check(entry, wrong).status == derive.FAIL


def test_a_global_normaliser_for_the_per_row_one_is_refused():
    """Class 5: the attention gradient with one sum over all rows of A . P in place of the row sums
    r_i = a_i^T p_i. At n = 1 (the instance attention-grad used) the two are the same, so the wrong
    step was PROVED; an instance with a dimension below 2 is now refused, and at n = 2 it is refuted."""
    n, m, d, e = dims("n m d e")
    Q, K, V, G = matrix("Q", n, d), matrix("K", m, d), matrix("V", m, e), matrix("G", n, e)
    A = softmax(sp.MatMul(1 / sqrt(d), Q * K.T), axis=1)
    weighted = hadamard(A, G * V.T)
    everything = ones(n).T * weighted * ones(m)  # one normaliser for every row
    global_result = sp.MatMul(1 / sqrt(d), hadamard(A, G * V.T - ones(n) * everything * ones(m).T), K)
    original = derive.get("attention-grad")
    assert min(size for _, size in original.sizes) >= 2
    wrong = with_wrong_result(original, lambda old: global_result)
    symbolic = _refused_with_nothing_false_proved(wrong, original)
    assert symbolic.status == derive.REFUTED, symbolic
    at_one_row = dataclasses.replace(wrong, sizes=((n, 1), (m, 2), (d, 2), (e, 1)))
    verdict = check_step(2, wrong.steps[0].expr, wrong.steps[1], wrong.givens, dict(at_one_row.sizes))
    assert verdict.status == derive.UNKNOWN and "e=1, n=1: a free dimension must be at least 2" in verdict.reason


def test_every_entry_instantiates_each_free_dimension_at_2_or_more():
    """Class 5: no catalog entry asks the symbolic checker for a dimension of size 1."""
    small = {entry.id: sizes for entry in derive.entries() if (sizes := {d: s for d, s in entry.sizes if s < 2})}
    assert not small

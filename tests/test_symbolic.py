"""The symbolic checker: PROVED, REFUTED with a counterexample, UNKNOWN with a reason, never a bare bool."""

import sympy as sp

from derive import (
    EQUIVALENT,
    PROVED,
    REFUTED,
    SOLVES,
    STATES,
    SYMMETRIC,
    UNKNOWN,
    Equation,
    Given,
    Step,
    dims,
    grad,
    inv,
    log,
    matrix,
    norm_sq,
    scalar,
    sigmoid,
    trace,
    vector,
)
from derive.checking import symbolic as _symbolic
from derive.checking.symbolic import check_step

n, d = dims("n d")
X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
A = matrix("A", d, d)
GIVENS = (Given(X), Given(w), Given(y), Given(A))


def test_gradient_of_least_squares_is_proved():
    # d/dw 1/2 ||Xw - y||^2 = X^T (Xw - y)   (CS229 part I, section 2)
    loss = sp.MatMul(sp.Rational(1, 2), norm_sq(X * w - y))
    verdict = check_step(1, grad(loss, w), Step(X.T * (X * w - y), "chain rule"), GIVENS)
    assert verdict.status == PROVED, verdict.reason
    assert "d=2, n=3" in verdict.method


def test_dropped_transpose_is_refuted_with_counterexample():
    # grad_w w^T A w = (A + A^T) w, so 2Aw is wrong unless A is symmetric
    verdict = check_step(1, grad(w.T * A * w, w), Step(2 * A * w, "symmetric?"), GIVENS)
    assert verdict.status == REFUTED
    example = verdict.counterexample
    assert set(example) >= {"A", "w", "lhs", "rhs"} and example["lhs"] != example["rhs"]


def test_symmetric_domain_makes_the_same_step_true():
    givens = (Given(w), Given(A, domain=SYMMETRIC))
    verdict = check_step(1, grad(w.T * A * w, w), Step(2 * A * w, "A symmetric"), givens)
    assert verdict.status == PROVED, verdict.reason


def test_shape_mismatch_is_refuted_and_named():
    verdict = check_step(1, X.T * y, Step(w.T, "wrong shape"), GIVENS)
    assert verdict.status == REFUTED and "2x1 and 1x2" in verdict.reason


def test_solves_and_equivalent_relations():
    normal = Equation(X.T * X * w, X.T * y)
    assert check_step(1, X.T * (X * w - y), Step(normal, "zero gradient", EQUIVALENT), GIVENS).status == PROVED
    solved = Step(Equation(w, inv(X.T * X) * X.T * y), "invert", SOLVES, nonzero=(X.T * X,))
    assert check_step(2, normal, solved, GIVENS).status == PROVED
    unnamed = Step(Equation(w, inv(X.T * X) * X.T * y), "invert", SOLVES)  # unique only if X^T X is invertible
    assert check_step(2, normal, unnamed, GIVENS).status == UNKNOWN
    wrong = Step(Equation(w, inv(X.T * X) * X.T * y * 2), "invert", SOLVES)
    assert check_step(2, normal, wrong, GIVENS).status == REFUTED


def test_scalar_identity_with_logs_is_proved_and_base_10_is_refuted():
    z = scalar("z")
    assert check_step(1, log(sigmoid(z)), Step(z - log(1 + sp.exp(z)), "algebra"), (Given(z),)).status == PROVED
    base_ten = Step(z - sp.log(1 + sp.exp(z), 10), "log base 10")
    assert check_step(1, log(sigmoid(z)), base_ten, (Given(z),)).status == REFUTED


def test_trace_gradient():
    # d tr(AX)/dX = A^T  (Matrix Cookbook eq. 100)
    B, M = matrix("B", d, n), matrix("M", n, d)
    verdict = check_step(1, grad(trace(B * M), M), Step(B.T, "cookbook 100"), (Given(B), Given(M)))
    assert verdict.status == PROVED


def test_timeout_is_unknown_not_refuted():
    loss = sp.MatMul(sp.Rational(1, 2), norm_sq(X * w - y))
    verdict = check_step(1, grad(loss, w), Step(X.T * (X * w - y), "x"), GIVENS, timeout=0.001)
    assert verdict.status == UNKNOWN and "timed out" in verdict.reason


def test_exception_inside_sympy_is_unknown(monkeypatch):
    def broken(*args):
        raise ZeroDivisionError("boom inside SymPy")

    monkeypatch.setattr(_symbolic, "_decide", broken)
    verdict = check_step(1, w, Step(w, "same"), GIVENS)
    assert verdict.status == UNKNOWN and "boom inside SymPy" in verdict.reason


def test_undecidable_difference_is_unknown(monkeypatch):
    monkeypatch.setattr(_symbolic, "is_zero", lambda expr: expr == 0)
    z = scalar("z")
    verdict = check_step(1, log(sigmoid(z)), Step(z - log(1 + sp.exp(z)), "algebra"), (Given(z),))
    assert verdict.status == UNKNOWN and "could not simplify" in verdict.reason


def test_a_stated_step_bound_to_no_check_is_unknown():
    verdict = check_step(1, w, Step(w, "a limit, checked numerically", STATES), GIVENS)
    assert verdict.status == UNKNOWN and "no numeric check is bound" in verdict.reason


def test_using_equations_are_solved_and_substituted():
    lam = scalar("lambda")
    v, S = vector("v", d), matrix("S", d, d)
    step = Step(lam * (v.T * v), "S v = lambda v", using=(Equation(S * v, lam * v),))
    verdict = check_step(1, v.T * S * v, step, (Given(v), Given(S, domain=SYMMETRIC), Given(lam)))
    assert verdict.status == PROVED, verdict.reason


def test_a_wrong_softmax_step_is_refused_at_an_exact_point():
    # the probe's quick values (exps as Floats) only find a candidate; the refutation is exact
    z, t = scalar("z"), scalar("t")
    givens = (Given(z), Given(t))
    lhs = grad(log(sp.exp(z) + sp.exp(t)), z)
    assert check_step(1, lhs, Step(sp.exp(z) / (sp.exp(z) + sp.exp(t)), "softmax"), givens).status == PROVED
    verdict = check_step(1, lhs, Step(sp.exp(t) / (sp.exp(z) + sp.exp(t)), "arguments swapped"), givens)
    assert verdict.status == REFUTED and verdict.counterexample["lhs"] != verdict.counterexample["rhs"]


def test_quick_probe_values_agree_with_exact_ones_and_share_their_domain():
    x = sp.Symbol("x", real=True)
    differences = sp.ImmutableMatrix([[sp.exp(x) * sp.sqrt(2) - 1 / (1 + sp.exp(-x))], [sp.log(x) / (x - 1)]])
    at = {x: sp.Rational(3, 64)}
    quick, exact = _symbolic._values_at(differences, x, at, {}), _symbolic._values_at(differences, x, at)
    assert all(abs(q - e) < 1e-25 for q, e in zip(quick[0], exact[0])) and quick[1] == exact[1]
    at_pole = {x: sp.Integer(1)}
    assert (
        _symbolic._values_at(differences, x, at_pole, {})
        == _symbolic._values_at(differences, x, at_pole)
        == (None, None)
    )


def test_hyperbolic_differences_are_decided_through_exponentials():
    z = sp.Symbol("z", real=True)
    derivative = sp.diff(sp.tanh(z), z)
    assert _symbolic.is_zero(derivative - (1 - sp.tanh(z) ** 2))
    assert not _symbolic.is_zero(derivative - (1 + sp.tanh(z) ** 2))  # the sign a tired author drops
    assert not _symbolic.is_zero(sp.sinh(2 * z) - sp.sinh(z) * sp.cosh(z))  # the factor of 2

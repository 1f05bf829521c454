"""derive.verifying.opaque: σ kept by its derivative rule is tried first, by the quick ring test
only; a wrong step is refused either way, and a step that needs σ's definition is still proved."""

import sympy as sp

from derive import PROVED, REFUTED, Given, Step, dims, exp, grad, log, matrix, ones, scalar, sigmoid, vector
from derive.verifying.opaque import decide

z = scalar("z")
n, d = dims("n d")
X, w = matrix("X", n, d), vector("w", d)
SIZES = {n: 2, d: 2}


def _decided(lhs, rhs, givens, sizes=None):
    return decide(1, lhs, Step(rhs, "as written"), givens, sizes or {})


def test_the_derivative_rule_proves_a_step_in_sigma():
    verdict = _decided(grad(sigmoid(z), z), sigmoid(z) * (1 - sigmoid(z)), (Given(z),))
    assert verdict.status == PROVED and "σ by its derivative" in verdict.method


def test_a_step_that_needs_the_definition_is_proved_by_it():
    verdict = _decided(grad(log(1 + sp.exp(z)), z), sigmoid(z), (Given(z),))
    assert verdict.status == PROVED and "σ by its derivative" not in verdict.method


def test_wrong_steps_in_sigma_are_refused():
    givens = (Given(z),)
    assert _decided(grad(sigmoid(z), z), sigmoid(z) * (1 + sigmoid(z)), givens).status == REFUTED  # sign
    assert _decided(grad(log(sigmoid(z)), z), sigmoid(z), givens).status == REFUTED  # 1 - σ, not σ
    assert _decided(grad(log(1 + sp.exp(z)), z), sigmoid(-z), givens).status == REFUTED


def test_a_gradient_with_sigma_in_it_is_refused_without_its_transpose_factor():
    loss = ones(n).T * log(ones(n) + exp(X * w))  # the sum of softplus(x_i^T w)
    right, wrong = X.T * sigmoid(X * w), 2 * X.T * sigmoid(X * w)
    givens = (Given(X), Given(w))
    assert _decided(grad(loss, w), right, givens, SIZES).status == PROVED
    assert _decided(grad(loss, w), wrong, givens, SIZES).status == REFUTED

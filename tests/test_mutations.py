"""Corrupted derivations must be refused by BOTH checkers (a checker that lets one through is a bug).

Every entry gets the generic corruptions of its result (sign flipped, factor changed, a wrong
term); SPECIFIC adds hand-made ones (a transpose dropped, the wrong product order, ...).
Catalog sections keep their own SPECIFIC tables in tests/test_mutations_<section>.py.
"""

import sympy as sp

import derive
from derive import dims, matrix, relu, scalar, scalar_of, sigmoid, vector

from .mutation_tools import GENERIC, refusal_test


def _logistic_symbols():
    n, d = dims("n d")
    return matrix("X", n, d), vector("w", d), vector("y", n)


def _logistic_dropped_transpose_inside(result):
    X, w, y = _logistic_symbols()
    return X.T * (sigmoid(X * w) - y) + X.T * sigmoid(X * w) - X.T * sigmoid(-(X * w))  # sigma(z) vs sigma(-z)


def _normal_equations_wrong_order(rhs):
    n, d = dims("n d")
    X, y = matrix("X", n, d), vector("y", n)
    return derive.inv(X.T * X + sp.Identity(d)) * X.T * y  # a ridge term that is not there


def _svm_missing_labels(dual):
    n, d = dims("n d")
    X, alpha = matrix("X", n, d), vector("alpha", n)
    return derive.ones(n).T * alpha - sp.MatMul(sp.Rational(1, 2), derive.norm_sq(X.T * alpha))


def _pca_wrong_multiplier(result):
    return 2 * scalar("lambda") - 1


def _backprop_dropped_relu_derivative(result):
    d, h = dims("d h")
    x, W1, b1, w2 = vector("x", d), matrix("W1", h, d), vector("b1", h), vector("w2", h)
    y, b2 = scalar("y"), scalar("b2")
    z1 = W1 * x + b1
    delta2 = sigmoid(scalar_of(w2.T * relu(z1)) + b2) - y
    return delta2 * w2 * x.T  # forgot the ReLU derivative 1[z1 > 0]


SPECIFIC = {
    "logistic-grad": {"sigma(-z) for sigma(z)": _logistic_dropped_transpose_inside},
    "normal-equations": {"a ridge term that is not there": _normal_equations_wrong_order},
    "svm-kkt": {"labels dropped from the dual": _svm_missing_labels},
    "pca-lagrangian": {"variance 2 lambda - 1": _pca_wrong_multiplier},
    "backprop-mlp": {"ReLU derivative dropped": _backprop_dropped_relu_derivative},
}

GENERIC_CASES = {entry_id: GENERIC for entry_id in derive.ids()}

test_generic_corruptions_are_refused = refusal_test(GENERIC_CASES)
test_specific_corruptions_are_refused = refusal_test(SPECIFIC)

"""Section C (calculus): hand-made corruptions of each entry's result that both checkers must refuse.

The generic corruptions (sign flipped, factor changed, a wrong term) run for every entry in
tests/test_mutations.py; these are the mistakes a student makes on these derivations.
"""

import sympy as sp

import derive
from derive import diag, dims, exp, hadamard, matrix, ones, scalar, scalar_of, sigmoid, softmax, tanh, vector

from .mutation_tools import refusal_test


def _z():
    return scalar("z")


def _sigmoid_plus(result):
    z = _z()
    return sigmoid(z) * (1 + sigmoid(z))  # sigma(1 + sigma) for sigma(1 - sigma)


def _sigmoid_dropped_factor(result):
    z = _z()
    return 1 - sigmoid(z)  # dropped the factor sigma


def _softplus_answer_reused(result):
    return sigmoid(_z())  # the derivative of log(1 + e^z), not of log sigma(z)


def _tanh_plus(result):
    return 1 + tanh(_z()) ** 2  # the sign of sec^2 / cosh-type confusion


def _tanh_square_dropped(result):
    return 1 - tanh(_z())


def _mse_symbols():
    (n,) = dims("n")
    x, y, w, b = vector("x", n), vector("y", n), scalar("w"), scalar("b")
    return n, x, y, w * x + b * ones(n) - y


def _mse_x_in_db(result):
    n, x, _y, residual = _mse_symbols()
    return 2 * scalar_of(x.T * residual) / n  # the factor x_i of dL/dw carried into dL/db


def _mse_mean_dropped(result):
    n, _x, _y, residual = _mse_symbols()
    return 2 * scalar_of(ones(n).T * residual)  # the 1/n of the mean forgotten


def _softmax_symbols():
    (k,) = dims("k")
    z = vector("z", k)
    return k, z, softmax(z)


def _softmax_elementwise(result):
    k, _z, s = _softmax_symbols()
    return diag(hadamard(s, ones(k) - s))  # treated like an elementwise sigmoid: off-diagonal terms lost


def _softmax_outer_with_ones(result):
    k, _z, s = _softmax_symbols()
    return diag(s) - s * ones(k).T  # s 1^T for s s^T


def _ce_sigmoid_for_softmax(result):
    k, z, _s = _softmax_symbols()
    return sigmoid(z) - vector("y", k)


def _ce_unnormalised(result):
    k, z, _s = _softmax_symbols()
    return exp(z) - vector("y", k)  # the softmax normaliser forgotten


def _chain_symbols():
    m, n = dims("m n")
    x, A, b, B = vector("x", n), matrix("A", m, n), vector("b", m), matrix("B", m, m)
    return m, A, B, A * x + b


def _tanh_prime(v, m):
    return ones(m) - hadamard(tanh(v), tanh(v))


def _chain_wrong_side(result):
    m, A, B, inner = _chain_symbols()
    return B * diag(_tanh_prime(B * inner, m)) * A  # diag(f') on the wrong side of B


def _chain_wrong_point(result):
    m, A, B, inner = _chain_symbols()
    return diag(_tanh_prime(inner, m)) * B * A  # tanh' evaluated at g(x) instead of B g(x)


def _logistic_symbols():
    n, d = dims("n d")
    X, w = matrix("X", n, d), vector("w", d)
    return n, d, X, sigmoid(X * w)


def _hessian_plus_sign(result):
    n, _d, X, p = _logistic_symbols()
    return X.T * diag(hadamard(p, ones(n) + p)) * X  # sigma(1 + sigma) weights


def _hessian_weights_dropped(result):
    _n, _d, X, _p = _logistic_symbols()
    return sp.MatMul(sp.Rational(1, 4), X.T * X)  # the curvature bound X^T X / 4 taken for the Hessian


def _newton_symbols():
    (d,) = dims("d")
    return vector("x", d), matrix("A", d, d), vector("b", d)


def _newton_times_hessian(result):
    x, A, b = _newton_symbols()
    return x - A * (A * x - b)  # multiplied by the Hessian instead of its inverse


def _newton_gradient_step(result):
    x, A, b = _newton_symbols()
    return x - (A * x - b)  # a plain gradient step with rate 1: H^(-1) dropped


def _sigma():
    return scalar("sigma", derive.POSITIVE)


def _gaussian_sqrt_pi(result):
    return _sigma() * sp.sqrt(sp.pi)  # the factor 2 of 2 sigma^2 lost


def _gaussian_squared(result):
    return 2 * sp.pi * _sigma() ** 2  # I^2 reported as I


def _gd_symbols():
    eta = scalar("eta", derive.POSITIVE)
    return scalar("x0"), eta, sp.Symbol("k", integer=True, nonnegative=True)


def _gd_derivative_factor_lost(result):
    x0, eta, k = _gd_symbols()
    return 3 + (1 - eta) ** k * (x0 - 3)  # f'(x) = x - 3: the 2 of the derivative lost


def _gd_off_by_one(result):
    x0, eta, k = _gd_symbols()
    return 3 + (1 - 2 * eta) ** (k + 1) * (x0 - 3)  # one step too many


SPECIFIC = {
    "sigmoid-derivative": {
        "sigma(1 + sigma) for sigma(1 - sigma)": _sigmoid_plus,
        "the factor sigma dropped": _sigmoid_dropped_factor,
    },
    "softplus-derivative": {"sigma(z), the softplus derivative, for 1 - sigma(z)": _softplus_answer_reused},
    "logistic-hessian": {
        "weights sigma(1 + sigma)": _hessian_plus_sign,
        "X^T X / 4, the bound, for the Hessian": _hessian_weights_dropped,
    },
    "newton-step": {
        "x - H (grad f) for x - H^(-1) (grad f)": _newton_times_hessian,
        "H^(-1) dropped: a gradient step": _newton_gradient_step,
    },
    "gaussian-integral": {
        "sigma sqrt(pi)": _gaussian_sqrt_pi,
        "2 pi sigma^2, I^2 for I": _gaussian_squared,
    },
    "gd-quadratic": {
        "(1 - eta)^k: the 2 of f' lost": _gd_derivative_factor_lost,
        "(1 - 2 eta)^(k + 1): off by one step": _gd_off_by_one,
    },
    "mse-grad": {
        "the x_i factor of dL/dw in dL/db": _mse_x_in_db,
        "the 1/n of the mean dropped": _mse_mean_dropped,
    },
    "softmax-jacobian": {
        "diag(s(1 - s)): off-diagonal terms dropped": _softmax_elementwise,
        "s 1^T for s s^T": _softmax_outer_with_ones,
    },
    "softmax-ce-grad": {
        "sigma(z) - y for softmax(z) - y": _ce_sigmoid_for_softmax,
        "exp(z) - y: normaliser forgotten": _ce_unnormalised,
    },
    "vector-chain-rule": {
        "B diag(f') A: the elementwise derivative on the wrong side": _chain_wrong_side,
        "tanh' at g(x) instead of B g(x)": _chain_wrong_point,
    },
    "tanh-derivative": {"1 + tanh^2 for 1 - tanh^2": _tanh_plus, "the square dropped": _tanh_square_dropped},
}

test_both_checkers_refuse = refusal_test(SPECIFIC)

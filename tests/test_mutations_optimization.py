"""Section F (optimisation): hand-made corruptions of each entry's result that both checkers must refuse.

The generic corruptions (sign flipped, factor changed, a wrong term) run for every entry in
tests/test_mutations.py; these are the mistakes a student makes on these derivations.
"""

import sympy as sp

import derive
from derive import dims, entry, eye, grad, inv, matrix, ones, relu, scalar, softmax, step, transpose, vector

from .mutation_tools import refusal_test


def _ridge_forgot_penalty(rhs):
    n, d = dims("n d")
    X, y = matrix("X", n, d), vector("y", n)
    return inv(X.T * X + sp.Rational(1, 2) * scalar("lambda", derive.POSITIVE) * eye(d)) * X.T * y  # lambda/2


def _ridge_normal_equations(rhs):
    n, d = dims("n d")
    X, y = matrix("X", n, d), vector("y", n)
    return inv(X.T * X) * X.T * y  # the penalty dropped (X^T X is invertible in the symbolic instance)


def _lasso_hard_threshold(result):
    z, lam = scalar("z"), scalar("lambda", derive.PROBABILITY)
    return z * (step(z - lam) + step(-z - lam))  # keeps z unshrunk outside the dead zone


def _lasso_half_shrink(result):
    z, lam = scalar("z"), scalar("lambda", derive.PROBABILITY)
    return relu(z - lam / 2) - relu(-z - lam / 2)  # threshold lambda/2 (the derivative of lambda x^2/2 confused in)


def _hinge_every_example(result):
    n, d = dims("n d")
    X, y, w = matrix("X", n, d), vector("y", n), vector("w", d)
    return w - scalar("C", derive.POSITIVE) * X.T * y  # the indicator of margin violations dropped


def _momentum_reversed_weights(result):
    (T,) = dims("T")
    g, beta = vector("g", T), scalar("beta", derive.PROBABILITY)
    s = sp.Symbol("s", integer=True, positive=True)
    return (1 - beta) * sp.Sum(beta ** (s - 1) * entry(g, s), (s, 1, T))  # the oldest gradient weighted most


def _adam_uncorrected(result):
    (T,) = dims("T")
    return (1 - scalar("beta_1", derive.PROBABILITY) ** T) * result  # the bias of m_T left in


def _adam_wrong_power(result):
    return result / (1 - scalar("beta_1", derive.PROBABILITY))  # corrected by 1 - beta_1 instead of 1 - beta_1^T


def _sgd_divided_by_batch_size(result):
    n, d, b = dims("n d b")
    X, y, w = matrix("X", n, d), vector("y", n), vector("w", d)
    return sp.MatMul(1 / b, X.T * (X * w - y))  # 1/b where the expectation leaves 1/n


def _descent_lemma_no_half(result):
    n, d = dims("n d")
    A, c, x = matrix("A", n, d), vector("c", d), vector("x", d)
    f = derive.scalar_of(ones(n).T * derive.log(ones(n) + derive.exp(A * x))) + derive.scalar_of(c.T * x)
    gg = derive.scalar_of(transpose(grad(f, x)) * grad(f, x))
    return f - gg / scalar("L", derive.POSITIVE)  # the decrease ||grad f||^2 / L is twice too optimistic


def _rate_of_step_one_over_lmax(result):
    lmin, lmax = scalar("lambda_min", derive.POSITIVE), scalar("lambda_max", derive.POSITIVE)
    return 1 - lmin / lmax  # the rate of eta = 1/lambda_max, not of the best eta


def _max_entropy_sign(result):
    (k,) = dims("k")
    return softmax(-scalar("beta") * vector("f", k))  # exp(-beta f), the physicists' sign with beta flipped


def _simplex_clip_without_threshold(result):
    (n,) = dims("n")
    return relu(vector("z", n))  # max(z, 0) does not sum to 1


SPECIFIC = {
    "ridge-closed-form": {"penalty lambda/2": _ridge_forgot_penalty, "penalty dropped": _ridge_normal_equations},
    "lasso-soft-threshold": {"hard threshold": _lasso_hard_threshold, "threshold lambda/2": _lasso_half_shrink},
    "hinge-loss-svm": {"indicator dropped": _hinge_every_example},
    "momentum-ema": {"weights reversed": _momentum_reversed_weights},
    "adam-bias-correction": {"no correction": _adam_uncorrected, "corrected by 1 - beta_1": _adam_wrong_power},
    "sgd-unbiased": {"1/b for 1/n": _sgd_divided_by_batch_size},
    "descent-lemma": {"decrease ||g||^2/L": _descent_lemma_no_half},
    "gd-quadratic-rate": {"rate of eta = 1/lambda_max": _rate_of_step_one_over_lmax},
    "max-entropy-softmax": {"softmax(-beta f)": _max_entropy_sign},
    "simplex-projection": {"clip without threshold": _simplex_clip_without_threshold},
}

test_both_checkers_refuse = refusal_test(SPECIFIC)

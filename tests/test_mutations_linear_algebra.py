"""Entry-specific corruptions of the linear-algebra entries (SYLLABUS section B): each must be
refused by BOTH checkers. The generic corruptions (sign, factor, extra term) run for every
entry in tests/test_mutations.py."""

import sympy as sp

import derive
from derive import dims, inv, matrix, scalar_of, transpose, vector

from .mutation_tools import refusal_test


def _projection_wrong_denominator(result):
    (d,) = dims("d")
    a, b = vector("a", d), vector("b", d)
    return scalar_of(a.T * b) / scalar_of(b.T * b)  # divided by b^T b instead of a^T a


def _projection_matrix_inverse_dropped(result):
    n, k = dims("n k")
    A, y = matrix("A", n, k), vector("y", n)
    return A * A.T * y  # (A^T A)^{-1} forgotten


def _transpose_order_kept(result):
    (d,) = dims("d")
    C, D = matrix("C", d, d), matrix("D", d, d)
    return C.T * D.T  # transposes without reversing the order


def _l1_gradient_as_l2(result):
    (d,) = dims("d")
    x = vector("x", d)
    return x / derive.sqrt(scalar_of(x.T * x))  # the L2 norm's gradient


def _quadratic_hessian_as_symmetric(result):
    (d,) = dims("d")
    return 2 * matrix("A", d, d)  # the symmetric-A formula 2A used for a non-symmetric A


def _quadratic_hessian_transpose_dropped(result):
    (d,) = dims("d")
    A = matrix("A", d, d)
    return A + A  # A + A instead of A + A^T


def _trace_transpose_dropped(result):
    k, n = dims("k n")
    B, X = matrix("B", n, n), matrix("X", n, k)
    return 2 * B * X  # 2BX: B assumed symmetric


def _logdet_transpose_dropped(result):
    (d,) = dims("d")
    return inv(matrix("X", d, d))  # X^{-1}: right only for symmetric X


def _inverse_transposes_dropped(result):
    (d,) = dims("d")
    X, a, b = matrix("X", d, d), vector("a", d), vector("b", d)
    return -(inv(X) * a * b.T * inv(X))  # -X^{-1} a b^T X^{-1}


def _inverse_outer_product_reversed(result):
    (d,) = dims("d")
    X, a, b = matrix("X", d, d), vector("a", d), vector("b", d)
    return -(transpose(inv(X)) * b * a.T * transpose(inv(X)))  # b a^T instead of a b^T


def _covariance_uncentred(result):
    d, n = dims("d n")
    X = matrix("X", n, d)
    return sp.MatMul(1 / n, X.T * X)  # centring forgotten


def _pca_scores_without_sigma(result):
    d, n = dims("d n")
    return matrix("U", n, d)  # scores U instead of U Sigma


def _rayleigh_unnormalised(result):
    (d,) = dims("d")
    A, x = matrix("A", d, d), vector("x", d)
    return scalar_of(x.T * A * x) * x  # x^T A x, not divided by x^T x


def _least_norm_inverse_dropped(result):
    m, n = dims("m n")
    return matrix("A", m, n).T * vector("b", m)  # A^T b: (A A^T)^{-1} forgotten


def _ridge_complementary_factor(result):
    (d,) = dims("d")
    V, mu, h = matrix("V", d, d), vector("mu", d), vector("h", d)
    lam = derive.scalar("lambda", derive.POSITIVE)
    M = derive.diag(mu)
    wrong_factor = lam * inv(M + lam * sp.Identity(d))  # lambda/(mu + lambda), not mu/(mu + lambda)
    return wrong_factor * V.T * inv(V * M * V.T) * h


def _low_rank_kept_instead_of_dropped(result):
    (d,) = dims("d")
    s, m = vector("s", d), vector("m", d)
    return scalar_of(derive.norm_sq(derive.hadamard(m, s)))  # the kept singular values


def _low_rank_not_squared(result):
    (d,) = dims("d")
    s, m = vector("s", d), vector("m", d)
    return scalar_of(derive.ones(d).T * derive.hadamard(derive.ones(d) - m, s))  # sum of s_i, not s_i^2


SPECIFIC = {
    "projection-onto-vector": {"denominator b^T b": _projection_wrong_denominator},
    "projection-matrix": {"(A^T A)^{-1} dropped": _projection_matrix_inverse_dropped},
    "matrix-product-rules": {"(CD)^T = C^T D^T": _transpose_order_kept},
    "norm-gradients": {"x/||x|| for the L1 gradient": _l1_gradient_as_l2},
    "quadratic-form-gradient": {
        "Hessian 2A for non-symmetric A": _quadratic_hessian_as_symmetric,
        "A + A instead of A + A^T": _quadratic_hessian_transpose_dropped,
    },
    "trace-gradients": {"2BX for non-symmetric B": _trace_transpose_dropped},
    "logdet-gradient": {"X^{-1} for X^{-T}": _logdet_transpose_dropped},
    "rayleigh-quotient": {"x^T A x without / x^T x": _rayleigh_unnormalised},
    "least-norm-solution": {"A^T b": _least_norm_inverse_dropped},
    "ridge-eigen-shift": {"lambda/(mu + lambda)": _ridge_complementary_factor},
    "low-rank-approximation": {
        "kept instead of dropped": _low_rank_kept_instead_of_dropped,
        "s_i instead of s_i^2": _low_rank_not_squared,
    },
    "covariance-matrix": {"(1/n) X^T X, not centred": _covariance_uncentred},
    "pca-svd": {"scores U without Sigma": _pca_scores_without_sigma},
    "inverse-derivative": {
        "-X^{-1} a b^T X^{-1}": _inverse_transposes_dropped,
        "b a^T for a b^T": _inverse_outer_product_reversed,
    },
}

test_both_checkers_refuse = refusal_test(SPECIFIC)

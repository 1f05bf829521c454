"""Entry-specific corruptions for catalog sections E (information theory) and G (models).

Each corruption is a plausible student mistake; both checkers must refuse it (see
tests/mutation_tools.py). The generic corruptions run for every entry in tests/test_mutations.py.
"""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    det,
    diag,
    dims,
    exp,
    eye,
    hadamard,
    inv,
    log,
    matrix,
    ones,
    scalar,
    scalar_of,
    sigmoid,
    softmax,
    sqrt,
    trace,
    transpose,
    vector,
)

from .mutation_tools import refusal_test

HALF = sp.Rational(1, 2)


def _entropy_in_bits(result):
    return sp.Integer(1)  # the maximum is 1 bit, but H uses the natural log: log 2 nats


def _cross_entropy_swapped_kl(result):
    (k,) = dims("k")
    p, q = vector("p", k), vector("q", k)
    return -scalar_of(p.T * log(p)) + scalar_of(q.T * (log(q) - log(p)))  # KL(q || p)


def _kl_gaussians_flipped_logdet(result):
    (d,) = dims("d")
    m0, m1 = vector("m0", d), vector("m1", d)
    S0, S1 = matrix("Sigma0", d, d), matrix("Sigma1", d, d)
    quad = scalar_of(transpose(m1 - m0) * inv(S1) * (m1 - m0))
    return HALF * (trace(inv(S1) * S0) + quad - d + log(det(S0)) - log(det(S1)))


def _kl_nonnegative_inverted_ratio(result):
    (k,) = dims("k")
    p, q = vector("p", k), vector("q", k)
    inverted = hadamard(p, q.applyfunc(lambda t: 1 / t))  # p_i / q_i instead of q_i / p_i
    return scalar_of(p.T * (inverted - ones(k) - (log(q) - log(p))))


def _vae_missing_half(result):
    (d,) = dims("d")
    return exp(vector("v", d)) - ones(d)


def _softmax_over_columns(result):
    n, d, k = dims("n d k")
    X, W, Y = matrix("X", n, d), matrix("W", d, k), matrix("Y", n, k)
    return X.T * (softmax(X * W, axis=0) - Y)  # normalised over examples instead of classes


def _kmeans_unbiased_divisor(rhs):
    n, d = dims("n d")
    return sp.MatMul(1 / (n - 1), matrix("X", n, d).T * ones(n))


def _poly_kernel_missing_root2(result):
    x1, x2, z1, z2 = (scalar(name) for name in ("x1", "x2", "z1", "z2"))
    return result - x1 * x2 * z1 * z2  # cross feature x1 x2 instead of sqrt(2) x1 x2


def _bias_variance_no_noise(result):
    f, m, tau = scalar("f"), scalar("m"), scalar("tau", POSITIVE)
    return (m - f) ** 2 + tau**2  # the irreducible noise forgotten


def _lda_covariance_not_inverted(result):
    (d,) = dims("d")
    x, mu0, mu1, Sigma = vector("x", d), vector("mu0", d), vector("mu1", d), matrix("Sigma", d, d)
    prior = scalar("pi", PROBABILITY)

    def quad(v):
        return scalar_of(transpose(v) * inv(Sigma) * v)

    b = -HALF * quad(mu1) + HALF * quad(mu0) + log(prior) - log(1 - prior)
    return sigmoid(scalar_of(transpose(Sigma * (mu1 - mu0)) * x) + b)  # w = Sigma (mu1 - mu0)


def _fisher_covariance_not_inverted(result):
    (d,) = dims("d")
    delta = vector("m1", d) - vector("m0", d)
    return scalar_of(transpose(delta) * matrix("S_W", d, d) * delta)


def _dropout_without_rescaling(result):
    return scalar("p", PROBABILITY) * result  # E[m . h] = p h: what plain dropout gives


def _reinforce_no_mean_term(result):
    (k,) = dims("k")
    theta, f = vector("theta", k), vector("f", k)
    return hadamard(softmax(theta), f)  # grad log pi_a taken as e_a, forgetting - pi


def _reparameterisation_sigma_factor(result):
    return scalar("sigma", POSITIVE) * result  # the derivative in sigma's chain rule factor


def _batchnorm_statistics_as_constants(result):
    (n,) = dims("n")
    x, g = vector("x", n), vector("g", n)
    eps = scalar("epsilon", POSITIVE)
    centred = x - sp.MatMul(1 / n, ones(n) * ones(n).T * x)
    scale = sqrt(scalar_of(centred.T * centred) / n + eps)
    return sp.MatMul(scalar("gamma") / scale, g)  # mean and variance treated as constants


def _attention_unscaled(result):
    (d,) = dims("d")
    return sp.MatMul(sqrt(d), result)  # the 1/sqrt(d) of the scores dropped


def _tsne_without_kernel_weight(result):
    n, s = dims("n s")
    Y, P = matrix("Y", n, s), matrix("P", n, n)
    one = ones(n)
    norms = hadamard(Y, Y) * ones(s)
    distances = norms * one.T + one * norms.T - 2 * Y * Y.T
    W = (one * one.T + distances).applyfunc(lambda t: 1 / t)
    off = one * one.T - eye(n)
    Z = scalar_of(one.T * hadamard(W, off) * one)
    M = P - sp.MatMul(1 / Z, hadamard(W, off))  # (P - Q) without the factor w_ij
    return 4 * (diag(M * one) - M) * Y


SPECIFIC = {
    "entropy-bernoulli": {"the maximum in bits (1) instead of nats": _entropy_in_bits},
    "cross-entropy-decomposition": {"KL with its arguments swapped": _cross_entropy_swapped_kl},
    "kl-gaussians": {"log-determinant ratio upside down": _kl_gaussians_flipped_logdet},
    "kl-nonnegative": {"ratio p/q in place of q/p": _kl_nonnegative_inverted_ratio},
    "vae-kl-term": {"the 1/2 dropped from the gradient": _vae_missing_half},
    "softmax-regression-grad": {"softmax over the examples instead of the classes": _softmax_over_columns},
    "kmeans-centroid": {"divided by n - 1": _kmeans_unbiased_divisor},
    "poly-kernel-feature-map": {"cross feature without sqrt(2)": _poly_kernel_missing_root2},
    "bias-variance": {"noise term forgotten": _bias_variance_no_noise},
    "lda-posterior-is-logistic": {"w = Sigma (mu1 - mu0), not inverted": _lda_covariance_not_inverted},
    "fisher-lda": {"S_W in place of its inverse": _fisher_covariance_not_inverted},
    "dropout-scaling": {"no 1/p rescaling": _dropout_without_rescaling},
    "reinforce-score-function": {"score e_a instead of e_a - pi": _reinforce_no_mean_term},
    "reparameterization-trick": {"a sigma factor in the mu gradient": _reparameterisation_sigma_factor},
    "batchnorm-backward": {"batch statistics treated as constants": _batchnorm_statistics_as_constants},
    "attention-grad": {"1/sqrt(d) dropped": _attention_unscaled},
    "tsne-gradient": {"kernel factor w_ij dropped": _tsne_without_kernel_weight},
}

test_both_checkers_refuse = refusal_test(SPECIFIC)

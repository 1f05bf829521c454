"""Section D (probability and statistics): hand-made corruptions of each entry's result that both
checkers must refuse.

The generic corruptions (sign flipped, factor changed, a wrong term) run for every entry in
tests/test_mutations.py; these are the mistakes a student makes on these derivations. Every entry
with a Monte Carlo check also gets a claim off by 5% (relative), which its bound must catch.
"""

import sympy as sp

import derive
from catalog._lib.hmm import hmm_paths
from derive import (
    POSITIVE,
    PROBABILITY,
    dims,
    eye,
    hadamard,
    inv,
    matrix,
    norm_sq,
    ones,
    scalar,
    scalar_of,
    vector,
)

from .mutation_tools import refusal_test


def five_percent_high(result):
    return result * sp.Rational(105, 100)


def five_percent_low(result):
    return result * sp.Rational(95, 100)


def _bayes_true_negatives_for_false_positives(result):
    prev, sens, spec = scalar("pi", PROBABILITY), scalar("s", PROBABILITY), scalar("c", PROBABILITY)
    return sens * prev / (sens * prev + spec * (1 - prev))  # specificity where 1 - specificity belongs


def _binomial_forgot_one_minus_p(result):
    return scalar("n", POSITIVE) * scalar("p", PROBABILITY)  # Var = np (the Poisson answer)


def _poisson_second_moment(result):
    lam = scalar("lambda", POSITIVE)
    return lam**2 + lam  # E X^2, not the variance


def _variance_shift_kept(result):
    return result + scalar("b") ** 2  # the shift b does not cancel


def _mle_bernoulli_laplace(rhs):
    (n,) = dims("n")
    x = vector("x", n)
    return (scalar_of(ones(n).T * x) + 1) / (n + 2)  # Laplace's rule of succession is not the MLE


def _mle_gaussian_unbiased(result):
    return scalar("sigma^2", POSITIVE)  # claiming the 1/n estimator is unbiased


def _mle_poisson_n_minus_one(rhs):
    (n,) = dims("n")
    x = vector("x", n)
    return scalar_of(ones(n).T * x) / (n - 1)


def _least_squares_unbiased_variance(rhs):
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    return scalar_of(norm_sq(y - X * w)) / (n - d)  # the unbiased estimator, not the MLE


def _map_ridge_inverted_lambda(rhs):
    n, d = dims("n d")
    X, y = matrix("X", n, d), vector("y", n)
    var, prior_var = scalar("sigma^2", POSITIVE), scalar("tau^2", POSITIVE)
    return inv(X.T * X + prior_var / var * eye(d)) * X.T * y  # lambda = tau^2 / sigma^2, upside down


def _beta_bernoulli_mode(result):
    (n,) = dims("n")
    x = vector("x", n)
    a, b = scalar("a", POSITIVE), scalar("b", POSITIVE)
    k = scalar_of(ones(n).T * x)
    return (a + k - 1) / (a + b + n - 2)  # the posterior mode (MAP), not the mean


def _sample_mean_n_minus_one(result):
    (n,) = dims("n")
    return scalar("sigma", POSITIVE) ** 2 / (n - 1)


def _confidence_two_sided_twice(result):
    return 1 - 2 * scalar("alpha", PROBABILITY)  # alpha counted in both tails


def _uncorrelated_fourth_moment(result):
    return sp.Integer(3)  # E X^4, forgetting to subtract E X^2 E Y


def _monte_carlo_n_squared(result):
    (N,) = dims("N")
    mu, s = scalar("mu"), scalar("s", POSITIVE)
    return (4 * mu**2 * s**2 + 2 * s**4) / N**2  # Var of a sum divided by N^2 twice


def _metropolis_no_hastings_correction(result):
    px, py = scalar("pi_x", POSITIVE), scalar("pi_y", POSITIVE)
    qyx = scalar("q_{x|y}", POSITIVE)
    return py * qyx * sp.Min(1, px / py)  # the Metropolis ratio with a non-symmetric proposal


def _naive_bayes_laplace(rhs):
    K, n = dims("K n")
    Y = matrix("Y", K, n)
    return (Y * ones(n) + ones(K)) / (n + K)  # add-one smoothing is not the MLE


def _gmm_divided_by_n(rhs):
    p, n = dims("p n")
    X, r = matrix("X", n, p), vector("r", n)
    return X.T * r / n  # divided by n instead of N_k


def _hmm_untransposed(result):
    K, M, T = dims("K M T")
    pi, A, B = vector("pi", K), matrix("A", K, K), matrix("B", K, M)
    obs, o = matrix("O", M, T), vector("o", M)
    return hadamard(A * hmm_paths(pi, A, B, obs), B * o)  # A where A^T belongs


def _bayes_linreg_dropped_beta(rhs):
    n, d = dims("n d")
    X, y = matrix("X", n, d), vector("y", n)
    alpha, beta = scalar("alpha", POSITIVE), scalar("beta", POSITIVE)
    return inv(alpha * eye(d) + beta * X.T * X) * X.T * y  # m = S X^T y without beta


SPECIFIC = {
    "bayes-rule-diagnostic": {
        "specificity for 1 - specificity": _bayes_true_negatives_for_false_positives,
        "5% high": five_percent_high,
    },
    "binomial-moments": {"variance np": _binomial_forgot_one_minus_p, "5% high": five_percent_high},
    "poisson-moments": {"E X^2 for the variance": _poisson_second_moment, "5% low": five_percent_low},
    "variance-identities": {"the shift kept": _variance_shift_kept, "5% high": five_percent_high},
    "mle-bernoulli": {"Laplace's rule": _mle_bernoulli_laplace},
    "mle-gaussian": {"claimed unbiased": _mle_gaussian_unbiased, "5% low": five_percent_low},
    "mle-poisson": {"divided by n - 1": _mle_poisson_n_minus_one},
    "least-squares-as-mle": {"RSS/(n - d)": _least_squares_unbiased_variance},
    "map-ridge": {"lambda inverted": _map_ridge_inverted_lambda},
    "beta-bernoulli": {"the mode for the mean": _beta_bernoulli_mode, "5% high": five_percent_high},
    "sample-mean-variance": {"sigma^2/(n - 1)": _sample_mean_n_minus_one, "5% high": five_percent_high},
    "confidence-interval": {"1 - 2 alpha": _confidence_two_sided_twice, "5% high": five_percent_high},
    "uncorrelated-not-independent": {"E X^4 alone": _uncorrelated_fourth_moment, "5% high": five_percent_high},
    "monte-carlo-estimator": {"divided by N^2": _monte_carlo_n_squared, "5% low": five_percent_low},
    "metropolis-detailed-balance": {"no Hastings correction": _metropolis_no_hastings_correction},
    "naive-bayes-mle": {"add-one smoothing": _naive_bayes_laplace},
    "gmm-em-mstep": {"scatter / n": _gmm_divided_by_n},
    "hmm-forward": {"A for A^T": _hmm_untransposed},
    "bayesian-linreg-posterior": {"beta dropped from the mean": _bayes_linreg_dropped_beta},
}

test_both_checkers_refuse = refusal_test(SPECIFIC)


def test_every_section_d_entry_has_a_specific_mutation():
    section_d = {entry.id for entry in derive.entries("probability")}
    assert set(SPECIFIC) <= section_d
    mc_entries = {e.id for e in derive.entries("probability") if any(c.kind == "mc" for c in e.checks)}
    has_five_percent = {i for i, table in SPECIFIC.items() if any(name.startswith("5%") for name in table)}
    assert mc_entries & set(SPECIFIC) <= has_five_percent

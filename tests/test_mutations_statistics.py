"""Section H (statistics for evaluating models): hand-made corruptions both checkers must refuse.

The generic corruptions (sign, factor, extra term) run for these entries in tests/test_mutations.py.
Here: the mistakes a student makes (an unbiased variance where the plug-in one belongs, a
wrongly scaled standard error, a wrong posterior parameter, ...), and for the statistical claims
(coverage, type-I error) a wrong claim that the Monte Carlo check must fail.
"""

import dataclasses

import pytest
import sympy as sp

import derive
from catalog._lib.bootstrap import resample_quantile
from catalog._lib.hmm import hmm_backward, hmm_forward, hmm_model
from derive import dims, matrix, sample_mean, scalar, step, sum_entries, vector

from .mutation_tools import refusal_test, run_check


def _central_limit_gamma_over_n(result):
    (n,) = dims("n")
    return scalar("gamma") / n


def _bootstrap_unbiased_variance(result):
    (n,) = dims("n")
    x = vector("x", n)
    xbar = sample_mean(x)
    return sum_entries(lambda t: (t - xbar) ** 2, x) / (n * (n - 1))


def _bayesian_failures_are_trials(result):
    """beta_A = b + n_A (the number of trials) instead of b + f_A = b + n_A - k_A, in the closed form."""
    b, k_a, f_a, beta_a = dims("b k_A f_A beta_A")
    return result.xreplace({beta_a: b + f_a + k_a})


def _bayesian_prior_forgotten_for_b(result):
    """alpha_B = k_B: the prior's a left out of B's posterior, in the closed form."""
    k_b, alpha_b = dims("k_B alpha_B")
    return result.xreplace({alpha_b: k_b})


def _rmsprop_symbols():
    (T,) = dims("T")
    g, rho, eta = vector("g", T), scalar("rho", derive.PROBABILITY), scalar("eta", derive.POSITIVE)
    eps, v0 = scalar("epsilon", derive.POSITIVE), scalar("v_0", derive.POSITIVE)
    return T, g, rho, eta, eps, v0


def _rmsprop_no_square_root(result):
    """-eta g_T / (v_T + epsilon): the root forgotten, so the step no longer has unit scale."""
    T, g, rho, eta, eps, v0 = _rmsprop_symbols()
    s = sp.Symbol("s", integer=True, positive=True)
    v_closed = rho**T * v0 + (1 - rho) * sp.Sum(rho ** (T - s) * derive.entry(g, s) ** 2, (s, 1, T))
    return -eta * derive.entry(g, T) / (v_closed + eps)


def _rmsprop_reversed_weights(result):
    """The oldest gradient weighted most: rho^(s - 1) instead of rho^(T - s)."""
    T, g, rho, eta, eps, v0 = _rmsprop_symbols()
    s = sp.Symbol("s", integer=True, positive=True)
    v_wrong = rho**T * v0 + (1 - rho) * sp.Sum(rho ** (s - 1) * derive.entry(g, s) ** 2, (s, 1, T))
    return -eta * derive.entry(g, T) / sp.sqrt(v_wrong + eps)


def _rank_nullity_rows(result):
    """rank A + dim null A = n: counting rows instead of columns."""
    (n,) = dims("n")
    return n


def _rank_nullity_rank_only(result):
    """dim null A forgotten: rank A + dim null A = r."""
    (r,) = dims("r")
    return r


def _hmm_symbols():
    h = hmm_model()
    (S,) = dims("S")
    return h, matrix("F", h.M, S), scalar("P", derive.POSITIVE)


def _hmm_not_normalised(result):
    """alpha_t * beta_t without dividing by P(o): the joint P(o, s_t = i), not the posterior."""
    h, later, _ = _hmm_symbols()
    return derive.hadamard(hmm_forward(h.pi, h.A, h.B, h.obs), hmm_backward(h.A, h.B, h.o, later))


def _hmm_backward_transposed(result):
    """The backward recursion run with A^T (the forward direction's transitions)."""
    h, later, likelihood = _hmm_symbols()
    beta = hmm_backward(h.A.T, h.B, h.o, later)
    return derive.hadamard(hmm_forward(h.pi, h.A, h.B, h.obs), beta) / likelihood


SPECIFIC = {
    "central-limit": {"skewness gamma / n instead of gamma / sqrt(n)": _central_limit_gamma_over_n},
    "bootstrap-ci": {"unbiased s^2 / n in place of the plug-in sigma-hat^2 / n": _bootstrap_unbiased_variance},
    "rmsprop-update": {
        "the square root forgotten": _rmsprop_no_square_root,
        "the weights reversed (oldest gradient weighted most)": _rmsprop_reversed_weights,
    },
    "rank-nullity": {
        "n (the number of rows) in place of d": _rank_nullity_rows,
        "the rank alone": _rank_nullity_rank_only,
    },
    "hmm-forward-backward": {
        "the joint alpha_t * beta_t, not divided by P(o)": _hmm_not_normalised,
        "the backward recursion with A^T": _hmm_backward_transposed,
    },
    "bayesian-ab-test": {
        "posterior beta_A = b + n_A (a wrong posterior parameter)": _bayesian_failures_are_trials,
        "the prior left out of B's posterior": _bayesian_prior_forgotten_for_b,
    },
}

test_both_checkers_refuse = refusal_test(SPECIFIC)


def _check_labelled(entry, words):
    return next(spec for spec in entry.checks if words in spec.label)


def _fails(entry, spec):
    verdict = run_check(entry, spec)
    assert verdict.status == derive.FAIL, f"{entry.id}: a wrong claim passed: {verdict.details}"


@pytest.mark.slow
def test_bootstrap_coverage_at_the_wrong_percentiles_fails():
    """The interval [q_alpha, q_{1-alpha}] covers about 1 - 2 alpha, not 1 - alpha: the coverage check fails."""
    entry = derive.get("bootstrap-ci")
    spec = _check_labelled(entry, "percentile interval")
    n, b = dims("n B")
    x, indices, mu, alpha = vector("x", n), matrix("I", n, b), scalar("mu"), scalar("alpha", derive.PROBABILITY)
    low, high = resample_quantile(x, indices, alpha), resample_quantile(x, indices, 1 - alpha)
    _fails(entry, dataclasses.replace(spec, integrand=step(mu - low) * step(high - mu)))


@pytest.mark.slow
def test_bootstrap_coverage_claimed_too_high_fails():
    """Claiming coverage 1 - alpha / 2 for the 1 - alpha interval fails."""
    entry = derive.get("bootstrap-ci")
    spec = _check_labelled(entry, "percentile interval")
    alpha = scalar("alpha", derive.PROBABILITY)
    _fails(entry, dataclasses.replace(spec, claim=1 - alpha / 2))


@pytest.mark.slow
def test_central_limit_wrong_berry_esseen_claim_fails():
    """P(Z <= 1) claimed to be Phi(1/2) is outside the Berry-Esseen band: the CLT check fails."""
    entry = derive.get("central-limit")
    spec = _check_labelled(entry, "Berry-Esseen")
    _fails(entry, dataclasses.replace(spec, claim=derive.normal_cdf(sp.Rational(1, 2))))


def _step_refuted(entry, index):
    """The symbolic verdict of step ``index`` (1-based) of ``entry``."""
    from derive.checking.symbolic import check_step

    step_ = entry.steps[index - 1]
    previous = step_.start if step_.start is not None else entry.steps[index - 2].expr
    verdict = check_step(index, previous, step_, entry.givens, dict(entry.sizes))
    assert verdict.status == derive.REFUTED, f"{entry.id} step {index}: {verdict.status} ({verdict.reason})"


def _standard_error_cases():
    return {
        "SE^2 = p(1 - p) / (n_A + n_B) (wrongly scaled)": lambda p, n_a, n_b: p * (1 - p) / (n_a + n_b),
        "the variance used as the standard error": lambda p, n_a, n_b: (p * (1 - p) * (1 / n_a + 1 / n_b)) ** 2,
        "SE^2 = p(1 - p) / n_B (group A's noise forgotten)": lambda p, n_a, n_b: p * (1 - p) / n_b,
    }


@pytest.mark.slow
@pytest.mark.parametrize("description", list(_standard_error_cases()))
def test_z_test_with_a_wrong_standard_error_is_refused(description):
    """A wrong SE: the variance step is REFUTED and the simulated type-I error is far from alpha."""
    from catalog import two_proportion_z_test

    entry = two_proportion_z_test.derivation(variance=_standard_error_cases()[description])
    _step_refuted(entry, 5)
    _fails(entry, _check_labelled(entry, "type-I error"))

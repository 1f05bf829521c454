"""Bayesian A/B test: Beta posteriors for two conversion rates and P(p_B > p_A) in closed form."""

import sympy as sp

from derive import (
    PROBABILITY,
    STATES,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    beta,
    dims,
    grad,
    log,
    probability,
    scalar,
    step,
)

from ._lib.special import beta_function

# (a, b, k_A, f_A, k_B, f_B) for the Monte Carlo checks: a flat prior and two realistic experiments.
EXPERIMENTS = (
    (1, 1, 12, 38, 20, 30),  # 12 of 50 against 20 of 50: B is probably better
    (2, 3, 30, 70, 33, 67),  # close: 30 of 100 against 33 of 100
)


def _density(x, alpha, beta_):
    return x ** (alpha - 1) * (1 - x) ** (beta_ - 1) / beta_function(alpha, beta_)


def derivation() -> Derivation:
    a, b, k_a, f_a, k_b, f_b = dims("a b k_A f_A k_B f_B")
    p_a, p_b = scalar("p_A", PROBABILITY), scalar("p_B", PROBABILITY)
    x, t = sp.symbols("x t", positive=True)
    i = sp.Symbol("i", integer=True, nonnegative=True)
    alpha_a, beta_a, alpha_b, beta_b = a + k_a, b + f_a, a + k_b, b + f_b
    m = alpha_b + beta_b - 1
    log_prior_times_likelihood = beta(a, b).log_density(p_a) + k_a * log(p_a) + f_a * log(1 - p_a)
    tail = sp.Sum(sp.binomial(m, i) * x**i * (1 - x) ** (m - i), (i, 0, alpha_b - 1))
    result = sp.Sum(
        sp.binomial(m, i) * beta_function(alpha_a + i, beta_a + m - i) / beta_function(alpha_a, beta_a),
        (i, 0, alpha_b - 1),
    )
    draws = ((p_a, beta(alpha_a, beta_a)), (p_b, beta(alpha_b, beta_b)))
    names = (a, b, k_a, f_a, k_b, f_b)
    return Derivation(
        id="bayesian-ab-test",
        title="Bayesian A/B testing: the probability that B beats A",
        topic="statistics",
        statement=(
            "The Bayesian answer to the A/B test of two-proportion-z-test. Model A converts k_A of n_A = k_A + f_A "
            "users (f_A failures), model B converts k_B of k_B + f_B. "
            "Put the same Beta(a, b) prior on each conversion rate. Show that the posterior of p_A is "
            "Beta(a + k_A, b + f_A) (and likewise for B), and compute P(p_B > p_A | data), the posterior "
            "probability that B is better, in closed form when the posterior parameters are whole numbers "
            "(a, b, the counts). Write alpha_A = a + k_A, beta_A = b + f_A, alpha_B, beta_B likewise and "
            "m = alpha_B + beta_B - 1. The counts are whole numbers: the symbolic checker instantiates them at "
            "small values, the Monte Carlo check at two realistic experiments."
        ),
        givens=(
            Given(p_a, "conversion rate of model A", PROBABILITY),
            Given(p_b, "conversion rate of model B", PROBABILITY),
        ),
        start=grad(log_prior_times_likelihood, p_a),
        steps=(
            Step(
                (alpha_a - 1) / p_a - (beta_a - 1) / (1 - p_a),
                "log prior + log likelihood = (a - 1 + k_A) log p + (b - 1 + f_A) log(1 - p) + const",
            ),
            Step(
                grad(beta(alpha_a, beta_a).log_density(p_a), p_a),
                "the derivative of the Beta(a + k_A, b + f_A) log-density: the log posterior differs from it by a "
                "constant, and both densities integrate to 1, so the posterior is Beta(a + k_A, b + f_A)",
            ),
            Step(
                sp.Integral(
                    _density(x, alpha_a, beta_a) * sp.Integral(_density(t, alpha_b, beta_b), (t, x, 1)), (x, 0, 1)
                ),
                "the posteriors are independent: P(p_B > p_A) = integral of f_A(x) P(p_B > x) dx; checked by "
                "sampling both posteriors (Monte Carlo)",
                STATES,
                states="=",
                checked_by=(1, 2),
                start=probability(sp.StrictGreaterThan(p_b, p_a)),
            ),
            Step(
                sp.Integral(_density(x, alpha_a, beta_a) * tail, (x, 0, 1)),
                "for whole-number parameters, p_B > x exactly when fewer than alpha_B of m uniforms fall below x: "
                "P(p_B > x) is the binomial probability P(Bin(m, x) <= alpha_B - 1)",
            ),
            Step(
                result,
                "integrate term by term: the integral of x^(alpha_A + i - 1) (1 - x)^(beta_A + m - i - 1) is "
                "B(alpha_A + i, beta_A + m - i)",
            ),
        ),
        checks=tuple(
            MonteCarlo(
                label=(
                    f"P(p_B > p_A) in closed form vs 2 10^5 draws from the two posteriors (a = {e[0]}, b = {e[1]}; "
                    f"A: {e[2]} of {e[2] + e[3]}, B: {e[4]} of {e[4] + e[5]})"
                ),
                integrand=step(p_b - p_a),
                claim=result,
                draws=draws,
                sizes=tuple(zip(names, e)),
                trials=2,
                samples=200_000,
            )
            for e in EXPERIMENTS
        ),
        references=(
            Reference("Gelman et al., Bayesian Data Analysis (3rd ed.)", "section 2.4 (the beta-binomial model)"),
            Reference("Wasserman, All of Statistics", "section 11.2"),
            Reference("Evan Miller, Formulas for Bayesian A/B testing (2015)", "P(p_B > p_A) for integer parameters"),
        ),
        tags=("Bayesian inference", "conjugate prior", "A/B test", "model comparison"),
        notes=(
            "Evan Miller's equivalent form sums B(alpha_A + i, beta_A + beta_B) / ((beta_B + i) B(1 + i, beta_B) "
            "B(alpha_A, beta_A)) over i < alpha_B. A wrong posterior parameter (b + n_A instead of b + n_A - k_A) "
            "is refuted by the symbolic checker and moves the probability far outside the Monte Carlo bound."
        ),
        sizes=tuple(zip(names, (2, 3, 2, 3, 3, 2))),
    )

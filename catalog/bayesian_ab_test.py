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
SIZES = (2, 3, 2, 3, 3, 2)  # the symbolic checker's instance


def _with_posteriors(counts):
    """The counts followed by the posterior parameters alpha_A, beta_A, alpha_B, beta_B they give."""
    a, b, k_a, f_a, k_b, f_b = counts
    return (*counts, a + k_a, b + f_a, a + k_b, b + f_b)


def _density(x, alpha, beta_):
    return x ** (alpha - 1) * (1 - x) ** (beta_ - 1) / beta_function(alpha, beta_)


def derivation() -> Derivation:
    a, b, k_a, f_a, k_b, f_b = dims("a b k_A f_A k_B f_B")
    # the posterior parameters, whole numbers: the second part is written in them, as the reasons are
    alpha_a, beta_a, alpha_b, beta_b = dims("alpha_A beta_A alpha_B beta_B")
    p_a, p_b = scalar("p_A", PROBABILITY), scalar("p_B", PROBABILITY)
    x, t = sp.symbols("x t", positive=True)
    i = sp.Symbol("i", integer=True, nonnegative=True)
    m = alpha_b + beta_b - 1
    log_prior_times_likelihood = beta(a, b).log_density(p_a) + k_a * log(p_a) + f_a * log(1 - p_a)
    tail = sp.Sum(sp.binomial(m, i) * x**i * (1 - x) ** (m - i), (i, 0, alpha_b - 1))
    result = sp.Sum(
        sp.binomial(m, i) * beta_function(alpha_a + i, beta_a + m - i) / beta_function(alpha_a, beta_a),
        (i, 0, alpha_b - 1),
    )
    # drawn from the posteriors in the counts, the closed form evaluated at the alphas and betas the
    # checks' sizes give: a wrong alpha_A = a + k_A (...) in _with_posteriors fails the Monte Carlo check
    draws = ((p_a, beta(a + k_a, b + f_a)), (p_b, beta(a + k_b, b + f_b)))
    names = (a, b, k_a, f_a, k_b, f_b, alpha_a, beta_a, alpha_b, beta_b)
    return Derivation(
        id="bayesian-ab-test",
        title="Bayesian A/B testing: the probability that B beats A",
        topic="statistics",
        statement=(
            r"The Bayesian answer to the A/B test of two-proportion-z-test. Model $A$ converts $k_{A}$ of $n_{A} "
            r"= k_{A} + f_{A}$ users ($f_{A}$ failures), model $B$ converts $k_{B}$ of $k_{B} + f_{B}$. Put the "
            r"same $\operatorname{Beta}(a, b)$ prior on each conversion rate. Show that the posterior of $p_{A}$ "
            r"is $\operatorname{Beta}(a + k_{A}, b + f_{A})$ (and likewise for $B$), and compute $P(p_{B} > p_{A} "
            r"\mid \text{data})$, the posterior probability that $B$ is better, in closed form when the posterior "
            r"parameters are whole numbers ($a, b$, the counts). Write $\alpha_{A} = a + k_{A}$, $\beta_{A} = b + "
            r"f_{A}$, and $\alpha_{B}$, $\beta_{B}$ likewise. The counts are whole numbers: the symbolic checker "
            r"instantiates them at small values, the Monte Carlo check at two realistic experiments."
        ),
        givens=(
            Given(p_a, "conversion rate of model $A$", PROBABILITY),
            Given(p_b, "conversion rate of model $B$", PROBABILITY),
        ),
        start=grad(log_prior_times_likelihood, p_a),
        steps=(
            Step(
                (a + k_a - 1) / p_a - (b + f_a - 1) / (1 - p_a),
                (
                    r"$\log \text{prior} + \log \text{likelihood} = (a + k_{A} - 1) \log p_{A} + (b + f_{A} - 1) "
                    r"\log(1 - p_{A}) + \text{const}$"
                ),
            ),
            Step(
                grad(beta(a + k_a, b + f_a).log_density(p_a), p_a),
                (
                    r"the derivative of the $\operatorname{Beta}(a + k_{A}, b + f_{A})$ log-density: the log posterior "
                    r"differs from it by a constant, and both densities integrate to $1$, so the posterior is "
                    r"$\operatorname{Beta}(a + k_{A}, b + f_{A})$"
                ),
            ),
            Step(
                sp.Integral(
                    _density(x, alpha_a, beta_a) * sp.Integral(_density(t, alpha_b, beta_b), (t, x, 1)), (x, 0, 1)
                ),
                (
                    r"the posteriors $\operatorname{Beta}(\alpha_{A}, \beta_{A})$ and $\operatorname{Beta}(\alpha_{B}, "
                    r"\beta_{B})$ are independent: $P(p_{B} > p_{A}) = \int f_{A}(x) P(p_{B} > x)\,dx$; checked by "
                    r"sampling both posteriors (Monte Carlo)"
                ),
                STATES,
                states="=",
                checked_by=(1, 2),
                start=probability(sp.StrictGreaterThan(p_b, p_a)),
            ),
            Step(
                sp.Integral(_density(x, alpha_a, beta_a) * tail, (x, 0, 1)),
                (
                    r"for whole-number parameters, $p_{B} > x$ exactly when fewer than $\alpha_{B}$ of $\alpha_{B} + "
                    r"\beta_{B} - 1$ uniforms fall below $x$: $P(p_{B} > x)$ is the binomial probability "
                    r"$P(\operatorname{Bin}(\alpha_{B} + \beta_{B} - 1, x) \leq \alpha_{B} - 1)$"
                ),
            ),
            Step(
                result,
                (
                    r"integrate term by term: with $m = \alpha_{B} + \beta_{B} - 1$, the integral of $x^{\alpha_{A} + i - "
                    r"1} (1 - x)^{\beta_{A} + m - i - 1}$ is $\mathrm{B}(\alpha_{A} + i, \beta_{A} + m - i)$"
                ),
            ),
        ),
        checks=tuple(
            MonteCarlo(
                label=(
                    rf"$P(p_{{B}} > p_{{A}})$ in closed form vs $2 \times 10^{{5}}$ draws from the two posteriors ($a = {e[0]}$, $b = {e[1]}$; "
                    f"A: {e[2]} of {e[2] + e[3]}, B: {e[4]} of {e[4] + e[5]})"
                ),
                integrand=step(p_b - p_a),
                claim=result,
                draws=draws,
                sizes=tuple(zip(names, _with_posteriors(e))),
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
            r"Evan Miller's equivalent form sums $B (\alpha_{A} + i, \beta_{A} + \beta_{B}) / ((\beta_{B} + i) B "
            r"(1 + i, \beta_{B}) B (\alpha_{A}, \beta_{A}))$ over $i < \alpha_{B}$. A wrong posterior parameter "
            r"($b + n_{A}$ instead of $b + n_{A} - k_{A}$) is refuted by the symbolic checker and moves the "
            r"probability far outside the Monte Carlo bound."
        ),
        sizes=tuple(zip(names, _with_posteriors(SIZES))),
    )

"""A/B test for two conversion rates: the pooled two-proportion z-test and its type-I error."""

import sympy as sp

from derive import (
    BINARY,
    PROBABILITY,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    MonteCarlo,
    MonteCarloRate,
    Reference,
    Stated,
    Step,
    absolute,
    bernoulli_law,
    binomial,
    dims,
    expectation,
    grad,
    log,
    normal_cdf,
    normal_quantile,
    probability,
    sample_mean,
    scalar,
    sqrt,
    step,
    vector,
)

N_A, N_B, ALPHA, SLACK, EXPERIMENTS = 400, 600, 0.05, 0.005, 200_000
RIVAL_RATE = 0.04  # the nearest wrong type-I error the check must refuse (its power)


def pooled_variance(p, n_a, n_b):
    """Var(p-hat_B - p-hat_A) under H0: p(1 - p)(1/n_A + 1/n_B)."""
    return p * (1 - p) * (1 / n_a + 1 / n_b)


def z_statistic(k_a, k_b, n_a, n_b, variance=pooled_variance):
    """(p-hat_B - p-hat_A) / sqrt(variance at the pooled p-hat)."""
    pooled = (k_a + k_b) / (n_a + n_b)
    return (k_b / n_b - k_a / n_a) / sqrt(variance(pooled, n_a, n_b))


def derivation(variance=pooled_variance) -> Derivation:
    """``variance`` is the standard error's square as a function of (p, n_A, n_B); the mutation
    tests pass a wrong one to see both checkers refuse it."""
    n_a, n_b = dims("n_A n_B")
    a, b = vector("a", n_a), vector("b", n_b)
    p, alpha = scalar("p", PROBABILITY), scalar("alpha", PROBABILITY)
    k_a, k_b = scalar("k_A"), scalar("k_B")
    outcome = bernoulli_law(p)  # each user's outcome under H0
    laws = (outcome.of(a), outcome.of(b))
    difference = sample_mean(b) - sample_mean(a)
    z = z_statistic(k_a, k_b, n_a, n_b, variance)
    z_symbol = scalar("z")  # z as a name in the printed derivation; the checks use its formula
    critical = normal_quantile(1 - alpha / 2)
    pooled = (k_a + k_b) / (n_a + n_b)
    pooled_log_likelihood = (k_a + k_b) * log(p) + (n_a + n_b - k_a - k_b) * log(1 - p)
    draws = ((k_a, binomial(n_a, p)), (k_b, binomial(n_b, p)))
    sizes = ((n_a, N_A), (n_b, N_B))
    return Derivation(
        id="two-proportion-z-test",
        title="A/B testing two models: the two-proportion z-test",
        topic="statistics",
        statement=(
            r"Model $A$ is shown to $n_{A}$ users and $k_{A}$ of them convert (or: classifies $k_{A}$ of $n_{A}$ "
            r"test examples correctly); model $B$, $k_{B}$ of $n_{B}$. Is B's rate $p_{B}$ higher than A's, or is "
            r"the difference noise (the frequentist answer; bayesian-ab-test gives the Bayesian one)? Under the "
            r"null hypothesis $H_{0}$: $p_{A} = p_{B} = p$, derive the mean and the variance of the difference of "
            r"the observed rates, $k_{B} / n_{B} - k_{A} / n_{A}$, the pooled estimate of $p$, and the test that "
            r"rejects $H_{0}$ when $|z| > z_{\alpha/2} = \Phi^{-1}(1 - \alpha/2)$, $z = (k_{B} / n_{B} - k_{A} / "
            r"n_{A}) / \sqrt{q(1 - q)(1/n_{A} + 1/n_{B})}$, $q = (k_{A} + k_{B}) / (n_{A} + n_{B})$ the pooled "
            r"estimate. Show that it rejects a true $H_{0}$ with probability $\alpha$ (its type-I error)."
        ),
        givens=(
            Given(a, "outcomes of the users shown $A(1$ = converted)", BINARY, law=outcome),
            Given(b, "outcomes of the users shown $B$", BINARY, law=outcome),
            Given(p, "the common conversion rate under $H_{0}$", PROBABILITY),
            Given(k_a, r"conversions in $A$: $k_{A} = \sum_{i} a_{i}$, so $A's$ rate is estimated by $k_{A} / n_{A}$"),
            Given(k_b, r"conversions in $B$: $k_{B} = \sum_{i} b_{i}$"),
            Given(alpha, "significance level", PROBABILITY),
            Given(
                z_symbol,
                (
                    r"the test statistic $(k_{B} / n_{B} - k_{A} / n_{A}) / \sqrt{q(1 - q)(1/n_{A} + 1/n_{B})}$, $q$ the "
                    r"pooled estimate"
                ),
            ),
        ),
        start=expectation(difference, *laws),
        steps=(
            Step(
                expectation(sample_mean(b), *laws) - expectation(sample_mean(a), *laws),
                "linearity of expectation",
            ),
            Step(sp.Integer(0), "under $H_{0}$ both sample means have expectation $p$"),
            Step(
                expectation((sample_mean(b) - p) ** 2, *laws) + expectation((sample_mean(a) - p) ** 2, *laws),
                (
                    r"$\operatorname{Var}$ = E(difference)$^2$ since its mean is $0$; the cross term of the two means is "
                    r"$0$ because the two groups are independent"
                ),
                start=expectation(difference**2, *laws),
            ),
            Step(
                p * (1 - p) / n_b + p * (1 - p) / n_a,
                "the variance of a mean of $n$ independent Bernoulli(p) outcomes is $p(1 - p) / n$",
            ),
            Step(variance(p, n_a, n_b), "factor out $p(1 - p)$: the standard error is its square root"),
            Step(
                (k_a + k_b) / p - (n_a + n_b - k_a - k_b) / (1 - p),
                (
                    r"$p$ is unknown: under $H_{0}$ all $n_{A} + n_{B}$ outcomes share it; differentiate the pooled "
                    r"log-likelihood $(k_{A} + k_{B}) \log p + (n_{A} + n_{B} - k_{A} - k_{B}) \log(1 - p)$"
                ),
                start=grad(pooled_log_likelihood, p),
            ),
            Step(
                Equation(p, pooled),
                "the maximum-likelihood estimate zeroes the derivative: the pooled estimate of $p$",
                SOLVES,
            ),
            Step(
                2 * (1 - normal_cdf(critical)),
                (
                    r"under $H_{0}$, $z = (k_{B} / n_{B} - k_{A} / n_{A}) / \mathrm{SE}$ is approximately $\mathcal{N}(0, 1)$: the "
                    r"central limit theorem for the difference of means with the variance above, and the pooled estimate "
                    r"$\to p$ (Slutsky); so $P(|z | > c) \to 2(1 - \Phi(c))$ by symmetry. Checked by simulating the test "
                    r"under $H_{0}$ (Monte Carlo type-I error)"
                ),
                STATES,
                states="approx",
                checked_by=2,
                start=probability(sp.StrictGreaterThan(sp.Abs(z_symbol), critical)),
            ),
            Step(
                alpha,
                r"$\Phi(\Phi^{-1}(1 - \alpha /2)) = 1 - \alpha /2$: the test rejects a true $H_{0}$ at rate $\alpha$",
            ),
        ),
        results=(
            Equation(expectation(difference**2, *laws), variance(p, n_a, n_b)),
            Equation(p, pooled),
            Stated(probability(sp.StrictGreaterThan(sp.Abs(z_symbol), critical)), "approx", alpha),
        ),
        checks=(
            MonteCarlo(
                label=rf"$\operatorname{{Var}}(k_{{B}} / n_{{B}} - k_{{A}} / n_{{A}}) = p(1 - p)(1/n_{{A}} + 1/n_{{B}})$ under $H_{{0}}$ ($n_{{A}} = {N_A}$, $n_{{B}} = {N_B}$)",
                integrand=(k_b / n_b - k_a / n_a) ** 2,
                claim=variance(p, n_a, n_b),
                draws=draws,
                sizes=sizes,
                trials=2,
                samples=500_000,
            ),
            MonteCarloRate(
                label=(
                    rf"type-I error: under $H_{{0}}$ the test at $\alpha = {ALPHA}$ rejects in {ALPHA} of {EXPERIMENTS} "
                    rf"simulated A/B tests ($n_{{A}} = {N_A}$, $n_{{B}} = {N_B}$, random $p$), within {SLACK} (the normal "
                    "approximation; exact enumeration gives at most 0.0013 here); a correct claim fails fewer "
                    f"than 1 in $10^{{6}}$ runs; it refuses a rate of {RIVAL_RATE} (a test a fifth too conservative)"
                ),
                integrand=step(absolute(z) - critical),
                claim=alpha,
                rival=sp.Float(RIVAL_RATE),
                slack=SLACK,
                draws=draws,
                where=((alpha, sp.Float(ALPHA)),),
                sizes=sizes,
                samples=EXPERIMENTS,
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 10.1 (the Wald test), example 10.7 (two proportions)"),
            Reference("Casella & Berger, Statistical Inference", "section 10.3 (score and Wald tests)"),
        ),
        tags=("hypothesis test", "A/B test", "standard error", "type-I error", "model comparison"),
        notes=(
            r"The pooled estimate is the score-test choice; the unpooled standard error, with each group's own "
            r"rate (the Wald test), is also consistent under $H_{0}$, so both reject at rate close to $\alpha$ "
            r"for large $n$. A wrongly scaled one ($p(1 - p)/(n_{A} + n_{B})$, or the variance in place of the "
            r"standard error) is refuted by the symbolic checker and inflates the simulated type-I error."
        ),
        sizes=((n_a, 2), (n_b, 3)),
    )

"""The central limit theorem through moments: the standardised mean has mean 0, variance 1,
and a skewness that shrinks like gamma / sqrt(n)."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    REAL,
    Derivation,
    Given,
    IdentityCheck,
    MonteCarloRate,
    Reference,
    Step,
    bernoulli,
    dims,
    expectation,
    iid,
    normal_cdf,
    sample_mean,
    scalar,
    sqrt,
    step,
    sum_entries,
    vector,
)

# Berry-Esseen: sup_z |P(Z <= z) - Phi(z)| <= C rho / (sigma^3 sqrt n), C = 0.4748 (Shevtsova 2011).
BERRY_ESSEEN_C = 0.4748
# n = 400 and p = 1/2 make the Berry-Esseen slack 0.024, small enough to refuse Phi(1.25) (power)
CLT_N, CLT_P, CLT_SAMPLES = 400, 0.5, 40_000


def _over_counts(z_of, p, power, size):
    """E[Z^power] for Bernoulli(p) draws at n = size, exactly: a sum over the count k ~ Binomial(size, p)."""
    return sum(sp.binomial(size, k) * p**k * (1 - p) ** (size - k) * z_of(k, size) ** power for k in range(size + 1))


def _berry_esseen_bound(p: float, n: int) -> float:
    sigma = (p * (1 - p)) ** 0.5
    rho = p * (1 - p) * (p**2 + (1 - p) ** 2)  # E|x - p|^3 for a Bernoulli(p) draw
    return BERRY_ESSEEN_C * rho / (sigma**3 * n**0.5)


def derivation() -> Derivation:
    (n,) = dims("n")
    x = vector("x", n)
    mu, sigma, gamma = scalar("mu"), scalar("sigma", POSITIVE), scalar("gamma")
    p = scalar("p", PROBABILITY)
    draws_law = iid(mu, sigma**2, gamma * sigma**3)  # mean, variance, third central moment
    law = draws_law.of(x)
    z = sp.sqrt(n) * (sample_mean(x) - mu) / sigma

    def z_of(count, size):  # Z when the draws sum to count
        return sp.sqrt(size) * (sp.Rational(count, size) - mu) / sigma

    centred_sum = sum_entries(lambda t: t - mu, x)
    result = gamma / sp.sqrt(n)
    # Monte Carlo draws: Bernoulli(p) data, whose mean, sd and skewness are known in closed form.
    bernoulli_moments = (
        (mu, p),
        (sigma, sqrt(p * (1 - p))),
        (gamma, (1 - 2 * p) / sqrt(p * (1 - p))),
    )
    extra = (Given(p, "success probability of the Bernoulli draws used by the Monte Carlo checks", PROBABILITY),)
    draws = ((x, bernoulli(p)),)
    bound = _berry_esseen_bound(CLT_P, CLT_N)
    return Derivation(
        id="central-limit",
        title="The central limit theorem: moments of the standardised mean",
        topic="statistics",
        statement=(
            r"Why can we trust an average of many evaluations? Let $x_{1}$, ..., $x_{n}$ be independent draws "
            r"from one distribution with mean $\mu$, variance $\sigma^{2}$ and skewness $\gamma = \mathbb{E} (x - "
            r"\mu)^{3} / \sigma^{3}$. Standardise their mean: $Z = \sqrt{n} (\bar{x} - \mu) / \sigma$. Show that "
            r"$\mathbb{E} Z = 0$ and $\operatorname{Var} Z = \mathbb{E} Z^{2} = 1$ for every $n$, and that the "
            r"skewness of $Z$, $\mathbb{E} Z^{3}$, equals $\gamma / \sqrt{n}$: it shrinks to $0$, the skewness of "
            r"the normal distribution, as $n$ grows. This is why an average of many evaluations is close to "
            r"Gaussian (the central limit theorem), why the standard error $\sigma / \sqrt{n}$ describes its "
            r"spread, and what the bootstrap interval (bootstrap-ci) and the A/B test (two-proportion-z-test) "
            r"rely on."
        ),
        givens=(
            Given(x, "independent, identically distributed draws", REAL, law=draws_law),
            Given(mu, "mean of one draw"),
            Given(sigma, "standard deviation of one draw", POSITIVE),
            Given(gamma, r"skewness of one draw, $\mathbb{E} (x - \mu)^{3} / \sigma^{3}$"),
        ),
        start=expectation(z, law),
        steps=(
            Step(
                sp.sqrt(n) / sigma * (expectation(sample_mean(x), law) - mu),
                r"linearity of expectation: constants leave $\mathbb{E}$",
            ),
            Step(sp.Integer(0), r"$\mathbb{E} \bar{x} = (1/n) \sum_{i} \mathbb{E} x_{i} = \mu$"),
            Step(
                n / sigma**2 * expectation((sample_mean(x) - mu) ** 2, law),
                (
                    r"$\mathbb{E} Z = 0$, so $\operatorname{Var} Z = \mathbb{E} Z^{2}$; the constant $n / \sigma^{2}$ "
                    r"leaves $\mathbb{E}$"
                ),
                start=expectation(z**2, law),
            ),
            Step(
                expectation(sum_entries(lambda t: (t - mu) ** 2, x), law) / (n * sigma**2),
                (
                    r"expand $(\sum_{i} (x_{i} - \mu))^{2}$: a cross term $\mathbb{E} (x_{i} - \mu)(x_{j} - \mu)$, $i "
                    r"\neq j$, factors by independence into $0 \cdot 0$"
                ),
            ),
            Step(sp.Integer(1), r"each of the $n$ terms has expectation $\sigma^{2}$"),
            Step(
                expectation(centred_sum**3, law) / (sigma**3 * n ** sp.Rational(3, 2)),
                r"$Z = \sum_{i} (x_{i} - \mu) / (\sigma \sqrt{n})$; the constant leaves $\mathbb{E}$",
                start=expectation(z**3, law),
            ),
            Step(
                expectation(sum_entries(lambda t: (t - mu) ** 3, x), law) / (sigma**3 * n ** sp.Rational(3, 2)),
                (
                    r"expand the cube: every term with some $(x_{i} - \mu)$ to the first power has expectation $0$ by "
                    r"independence; only the $n$ cubes remain"
                ),
            ),
            Step(
                result,
                (
                    r"$\mathbb{E} (x_{i} - \mu)^{3} = \gamma \sigma^{3}$ for each of the $n$ terms: $n \gamma \sigma^{3} "
                    r"/ (\sigma^{3} n^{3/2})$"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"$\mathbb{E} Z = 0$ and $\mathbb{E} Z^{2} = 1$ for $\operatorname{Bernoulli}(p)$ draws at $n = 5$, "
                    r"by exact enumeration of the count $\sum_{i} x_{i} \sim \operatorname{Binomial}(5, p)$"
                ),
                lhs=sp.ImmutableMatrix([_over_counts(z_of, p, 1, 5), _over_counts(z_of, p, 2, 5)]),
                rhs=sp.ImmutableMatrix([0, 1]),
                where=bernoulli_moments,
                extra=extra,
                sizes=((n, 5),),
            ),
            IdentityCheck(
                label=(
                    r"$\mathbb{E} Z^{3} = \gamma / \sqrt{n}$ at $n = 5$, by exact enumeration of the "
                    r"$\operatorname{Binomial}(5, p)$ count"
                ),
                lhs=_over_counts(z_of, p, 3, 5),
                rhs=result,
                where=bernoulli_moments,
                extra=extra,
                sizes=((n, 5),),
            ),
            IdentityCheck(
                label=r"$\mathbb{E} Z^{3} = \gamma / \sqrt{n}$ at $n = 40$, by exact enumeration: the skewness has shrunk",
                lhs=_over_counts(z_of, p, 3, 40),
                rhs=result,
                where=bernoulli_moments,
                extra=extra,
                sizes=((n, 40),),
            ),
            MonteCarloRate(
                label=(
                    f"the CLT itself: $P(Z \\leq 1)$ is within the Berry-Esseen bound {bound:.3f} of $\\Phi(1)$ "
                    f"($\\operatorname{{Bernoulli}}({CLT_P})$, $n = {CLT_N}$, {CLT_SAMPLES} simulated means per trial; "
                    r"a correct claim fails fewer than 1 in $10^{6}$ runs) and refuses $\Phi(1.25)$"
                ),
                integrand=step(1 - z),
                claim=normal_cdf(sp.Integer(1)),
                rival=normal_cdf(sp.Rational(5, 4)),
                slack=bound,
                draws=draws,
                where=((p, sp.Float(CLT_P)), *bernoulli_moments),
                extra=extra,
                sizes=((n, CLT_N),),
                samples=CLT_SAMPLES,
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 5.4 (the central limit theorem), theorem 5.8"),
            Reference("Casella & Berger, Statistical Inference", "section 5.5.3"),
            Reference(
                "Shevtsova (2011), On the absolute constants in the Berry-Esseen type inequalities", "C = 0.4748"
            ),
        ),
        tags=("central limit theorem", "moments", "standard error", "skewness"),
        notes=(
            r"The skewness of $Z$ is $\mathbb{E} Z^{3} / (\operatorname{Var} Z)^{\tfrac{3}{2}} = \mathbb{E} "
            r"Z^{3}$, since $\mathbb{E} Z = 0$ and $\operatorname{Var} Z = 1$. The symbolic checker computes each "
            r"expectation exactly from the moments on an instance with $n = 4$ (every monomial of the centred "
            r"draws replaced by its product of moments, which is what independence gives). The numeric checks "
            r"enumerate the $\operatorname{Bernoulli}(p)$ sums exactly at $n = 5$ and $n = 40$, and the Monte Carlo "
            f"check simulates {CLT_SAMPLES} means of $n = {CLT_N}$ draws in each of its trials."
        ),
        sizes=((n, 4),),
    )

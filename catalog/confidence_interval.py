"""The z confidence interval x-bar +- z sigma / sqrt(n) covers mu with probability 1 - alpha."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    Derivation,
    Equation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    dims,
    normal,
    normal_cdf,
    normal_quantile,
    ones,
    scalar,
    scalar_of,
    step,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x = vector("x", n)
    mu, sigma = scalar("mu"), scalar("sigma", POSITIVE)
    alpha, z = scalar("alpha", PROBABILITY), scalar("z", POSITIVE)
    mean = scalar_of(ones(n).T * x) / n
    quantile = normal_quantile(1 - alpha / 2)
    covered = step(z * sigma / sp.sqrt(n) - sp.Abs(mean - mu))  # 1 when mu lies in the interval
    result = 1 - alpha
    return Derivation(
        id="confidence-interval",
        title="Coverage of the z confidence interval for a mean",
        topic="probability",
        statement=(
            r"$x_{1}$, ..., $x_{n}$ are independent draws from $\mathcal{N}(\mu, \sigma^{2})$ with $\sigma$ "
            r"known. Show that the interval $\bar{x} \pm z \sigma / \sqrt{n}$ with $z = \Phi^{-1}(1 - \alpha /2)$ "
            r"contains $\mu$ with probability $1 - \alpha$, where $\Phi$ is the standard normal CDF."
        ),
        givens=(
            Given(x, "the sample"),
            Given(mu, "the unknown mean"),
            Given(sigma, "the known standard deviation", POSITIVE),
            Given(alpha, r"the miss rate (the checks use $\alpha$ in $(0.01, 0.19)$)", PROBABILITY),
            Given(z, "the critical value", POSITIVE, defined_by=Equation(z, quantile)),
        ),
        start=normal_cdf(z) - normal_cdf(-z),
        steps=(
            Step(
                2 * normal_cdf(z) - 1,
                (
                    r"$\mu$ is in the interval iff $|Z| \leq z$ for $Z = \sqrt{n}(\bar{x} - \mu)/\sigma \sim "
                    r"\mathcal{N}(0, 1)$ ($\bar{x} \sim \mathcal{N}(\mu, \sigma^{2}/n)$), which has probability $\Phi(z) "
                    r"- \Phi(-z)$; by symmetry $\Phi(-z) = 1 - \Phi(z)$"
                ),
            ),
            Step(
                result,
                r"$z = \Phi^{-1}(1 - \alpha /2)$, so $\Phi(z) = 1 - \alpha /2$",
                using=(Equation(z, quantile),),
            ),
        ),
        checks=(
            MonteCarlo(
                label=r"the interval covers $\mu$ in a fraction $1 - \alpha$ of Gaussian samples",
                integrand=covered,
                claim=result,
                draws=((x, normal(mu, sigma)),),
                where=((alpha, alpha / 5), (z, quantile)),
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 6.3.2, example 6.14 (normal-based intervals)"),
            Reference("Casella & Berger, Statistical Inference", "section 9.2.1, example 9.2.1"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 6.6.1 (confidence intervals)"),
        ),
        tags=("confidence interval", "coverage", "Gaussian"),
    )

"""The variance of the sample mean is sigma^2 / n; its square root is the standard error."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    bernoulli,
    dims,
    eye,
    normal,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x = vector("x", n)
    mu, sigma, p = scalar("mu"), scalar("sigma", POSITIVE), scalar("p", PROBABILITY)
    one = ones(n)
    mean = scalar_of(one.T * x) / n
    covariance = sigma**2 * eye(n)
    result = sigma**2 / n
    return Derivation(
        id="sample-mean-variance",
        title="The variance of the sample mean and the standard error",
        topic="probability",
        statement=(
            r"$x_{1}$, ..., $x_{n}$ are independent with mean $\mu$ and variance $\sigma^{2}$, and $\bar{x} = "
            r"(1/n) \sum_{i} x_{i} = (1/n) 1^{\top} \mathbf{x}$. Show that $\operatorname{Var} \bar{x} = "
            r"\sigma^{2} / n$, so the standard error of the mean is $\sigma / \sqrt{n}$."
        ),
        givens=(
            Given(x, "the sample"),
            Given(mu, "the common mean"),
            Given(sigma, "the common standard deviation", POSITIVE),
            Given(p, "a success probability (for a non-Gaussian check)", PROBABILITY),
        ),
        start=sp.sqrt(scalar_of(one.T * covariance * one)) / n,
        steps=(
            Step(
                sigma * sp.sqrt(scalar_of(one.T * one)) / n,
                (
                    r"the standard error is the standard deviation of $\bar{x} = \mathbf{1}^{\top} \mathbf{x} / n$: "
                    r"$\sqrt{\operatorname{Var}(\mathbf{1}^{\top} \mathbf{x})} / n$, with "
                    r"$\operatorname{Var}(\mathbf{1}^{\top} \mathbf{x}) = \mathbf{1}^{\top} "
                    r"\operatorname{Cov}(\mathbf{x})\, \mathbf{1}$ and $\operatorname{Cov}(\mathbf{x}) = \sigma^{2} I$ "
                    r"for independent draws with equal variances"
                ),
            ),
            Step(sigma / sp.sqrt(n), r"$\mathbf{1}^{\top} \mathbf{1} = n$: the standard error $\sigma / \sqrt{n}$"),
            Step(
                sigma**2 * scalar_of(one.T * one) / n**2,
                (
                    r"$\operatorname{Var}(a^{\top} \mathbf{x}) = a^{\top}$ Cov(x) a with a = $1/n$; independence with "
                    r"equal variances gives Cov(x) = $\sigma^{2} I$"
                ),
                start=scalar_of(one.T * covariance * one) / n**2,
            ),
            Step(result, r"$1^{\top} 1 = n$"),
        ),
        checks=(
            MonteCarlo(
                label=r"the mean of ($\bar{x} - \mu)^{2}$ over Gaussian samples is $\sigma^{2} / n$",
                integrand=(mean - mu) ** 2,
                claim=result,
                draws=((x, normal(mu, sigma)),),
                sizes=((n, 10),),
                samples=600_000,
            ),
            MonteCarlo(
                label="and over Bernoulli(p) samples it is $p(1 - p) / n$ (any distribution with a variance)",
                integrand=(mean - p) ** 2,
                claim=p * (1 - p) / n,
                draws=((x, bernoulli(p)),),
                sizes=((n, 10),),
                samples=600_000,
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 3.5, theorem 3.17"),
            Reference("Casella & Berger, Statistical Inference", "section 5.2, theorem 5.2.6"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 6.2.2 (the standard error)"),
        ),
        tags=("sample mean", "standard error", "variance"),
    )

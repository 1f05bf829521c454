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
            "x_1, ..., x_n are independent with mean mu and variance sigma^2, and x-bar = (1/n) sum_i x_i = "
            "(1/n) 1^T x. Show that Var x-bar = sigma^2 / n, so the standard error of the mean is sigma / sqrt(n)."
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
                "the standard error is the standard deviation of x-bar = 1^T x / n: sqrt(Var(1^T x)) / n, with "
                "Var(1^T x) = 1^T Cov(x) 1 and Cov(x) = sigma^2 I for independent draws with equal variances",
            ),
            Step(sigma / sp.sqrt(n), "1^T 1 = n: the standard error sigma / sqrt(n)"),
            Step(
                sigma**2 * scalar_of(one.T * one) / n**2,
                "Var(a^T x) = a^T Cov(x) a with a = 1/n; independence with equal variances gives Cov(x) = sigma^2 I",
                start=scalar_of(one.T * covariance * one) / n**2,
            ),
            Step(result, "1^T 1 = n"),
        ),
        checks=(
            MonteCarlo(
                label="the mean of (x-bar - mu)^2 over Gaussian samples is sigma^2 / n",
                integrand=(mean - mu) ** 2,
                claim=result,
                draws=((x, normal(mu, sigma)),),
                sizes=((n, 10),),
                samples=600_000,
            ),
            MonteCarlo(
                label="and over Bernoulli(p) samples it is p(1 - p) / n (any distribution with a variance)",
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

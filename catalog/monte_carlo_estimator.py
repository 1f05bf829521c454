"""The Monte Carlo estimator (1/N) sum f(x_i) is unbiased, with variance Var f(X) / N."""

import sympy as sp

from derive import (
    POSITIVE,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    dims,
    eye,
    hadamard,
    normal,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (N,) = dims("N")
    x = vector("x", N)
    mu, s = scalar("mu"), scalar("s", POSITIVE)
    t = sp.Symbol("t", real=True)
    density = sp.exp(normal(mu, s).log_density(t))

    def expect(f):
        return sp.Integral(f * density, (t, -sp.oo, sp.oo))

    one = ones(N)
    f_mean = mu**2 + s**2  # E f(X) for f(x) = x^2
    f_var = 4 * mu**2 * s**2 + 2 * s**4  # Var f(X)
    estimator = scalar_of(one.T * hadamard(x, x)) / N  # (1/N) sum_i f(x_i)
    result = f_var / N
    return Derivation(
        id="monte-carlo-estimator",
        title="The Monte Carlo estimator: unbiased, with variance sigma_f^2 / N",
        topic="probability",
        statement=(
            "To estimate I = E f(X) draw x_1, ..., x_N independently from p and average: I-hat = (1/N) sum_i f(x_i). "
            "Show that E I-hat = I and Var I-hat = sigma_f^2 / N with sigma_f^2 = Var f(X); work it out for "
            "f(x) = x^2 and X ~ N(mu, s^2)."
        ),
        givens=(
            Given(x, "the N independent draws"),
            Given(mu, "mean of X"),
            Given(s, "standard deviation of X", POSITIVE),
        ),
        start=expect(t**2),
        steps=(
            Step(f_mean, "the Gaussian moment E X^2 = Var X + (E X)^2"),
            Step(
                mu**4 + 6 * mu**2 * s**2 + 3 * s**4 - f_mean**2,
                "sigma_f^2 = E f(X)^2 - (E f(X))^2, with the Gaussian fourth moment E X^4",
                start=expect(t**4) - expect(t**2) ** 2,
            ),
            Step(f_var, "expand (mu^2 + s^2)^2"),
            Step(
                f_mean,
                "E I-hat = (1/N) sum_i E f(x_i) = I: each draw has the distribution of X (unbiased)",
                start=scalar_of(one.T * (f_mean * one)) / N,
            ),
            Step(
                f_var * scalar_of(one.T * one) / N**2,
                "Var I-hat = (1/N^2) 1^T Cov(f(x)) 1, and independent draws have Cov(f(x)) = sigma_f^2 I",
                start=scalar_of(one.T * (f_var * eye(N)) * one) / N**2,
            ),
            Step(result, "1^T 1 = N: the error shrinks like 1/sqrt(N)"),
        ),
        checks=(
            MonteCarlo(
                label="the estimator averages to E X^2 = mu^2 + s^2 (unbiased)",
                integrand=estimator,
                claim=f_mean,
                draws=((x, normal(mu, s)),),
                sizes=((N, 10),),
            ),
            MonteCarlo(
                label="its mean squared error is Var f(X) / N",
                integrand=(estimator - f_mean) ** 2,
                claim=result,
                draws=((x, normal(mu, s)),),
                sizes=((N, 10),),
                samples=800_000,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 11.1, eqs. 11.2-11.3"),
            Reference(
                "Murphy, Machine Learning: A Probabilistic Perspective", "section 2.7 (Monte Carlo approximation)"
            ),
            Reference("Wasserman, All of Statistics", "section 24.2 (simple Monte Carlo integration)"),
        ),
        tags=("Monte Carlo", "unbiased", "variance"),
    )

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
        title="The Monte Carlo estimator: unbiased, with variance falling as 1/N",
        topic="probability",
        statement=(
            r"To estimate $I = \mathbb{E} f(X)$ draw $x_{1}$, ..., $x_{N}$ independently from $p$ and average: "
            r"$\hat{I} = (1/N) \sum_{i} f(x_{i})$. Show that $\mathbb{E}\hat{I} = I$ and "
            r"$\operatorname{Var}\hat{I} = \sigma_{f}^{2} / N$ with $\sigma_{f}^{2} = \operatorname{Var} f(X)$; "
            r"work it out for $f(x) = x^{2}$ and $X \sim \mathcal{N}(\mu, s^{2})$."
        ),
        givens=(
            Given(x, "the $N$ independent draws"),
            Given(mu, "mean of $X$"),
            Given(s, "standard deviation of $X$", POSITIVE),
        ),
        start=expect(t**2),
        steps=(
            Step(f_mean, r"the Gaussian moment $\mathbb{E} X^{2} = \operatorname{Var} X + (\mathbb{E} X)^{2}$"),
            Step(
                mu**4 + 6 * mu**2 * s**2 + 3 * s**4 - f_mean**2,
                (
                    r"$\sigma_{f}^{2} = \mathbb{E} f(X)^{2} - (\mathbb{E} f(X))^{2}$, with the Gaussian fourth moment "
                    r"$\mathbb{E} X^{4}$"
                ),
                start=expect(t**4) - expect(t**2) ** 2,
            ),
            Step(f_var, r"expand $(\mu^{2} + s^{2})^{2}$"),
            Step(
                f_mean,
                (
                    r"$\mathbb{E}\hat{I} = (1/N) \sum_{i} \mathbb{E} f(x_{i}) = I$: each draw has the distribution of $X$ "
                    r"(unbiased)"
                ),
                start=scalar_of(one.T * (f_mean * one)) / N,
            ),
            Step(
                f_var * scalar_of(one.T * one) / N**2,
                (
                    r"$\operatorname{Var}\hat{I} = (1/N^{2})\, \mathbf{1}^{\top} \operatorname{Cov}(f(\mathbf{x}))\, "
                    r"\mathbf{1}$, and independent draws have $\operatorname{Cov}(f(\mathbf{x})) = \sigma_{f}^{2} I$"
                ),
                start=scalar_of(one.T * (f_var * eye(N)) * one) / N**2,
            ),
            Step(result, r"$\mathbf{1}^{\top} \mathbf{1} = N$: the error shrinks like $1/\sqrt{N}$"),
        ),
        checks=(
            MonteCarlo(
                label=r"the estimator averages to $\mathbb{E} X^{2} = \mu^{2} + s^{2}$ (unbiased)",
                integrand=estimator,
                claim=f_mean,
                draws=((x, normal(mu, s)),),
                sizes=((N, 10),),
            ),
            MonteCarlo(
                label=r"its mean squared error is $\operatorname{Var} f(X) / N$",
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

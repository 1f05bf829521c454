"""X ~ N(0, 1) and Y = X^2 are uncorrelated, yet dependent."""

import sympy as sp

from derive import (
    Derivation,
    Given,
    IdentityCheck,
    MonteCarlo,
    Reference,
    Step,
    normal,
    scalar,
)

from ._lib.quadrature import normal_expectation


def derivation() -> Derivation:
    x = scalar("x")
    t = sp.Symbol("t", real=True)
    density = sp.exp(normal(0, 1).log_density(t))

    def expect(f):
        return sp.Integral(f * density, (t, -sp.oo, sp.oo))

    result = sp.Integer(2)
    return Derivation(
        id="uncorrelated-not-independent",
        title="Uncorrelated does not mean independent",
        topic="probability",
        statement=(
            r"Let $X \sim \mathcal{N}(0, 1)$ and $Y = X^{2}$. Show that Cov(X, $Y) = 0$, and that $X$ and $Y$ are "
            r"nevertheless dependent: if they were independent, every function of $X$ would be uncorrelated with "
            r"$Y$, but Cov(X$^2$, $Y) = 2$."
        ),
        givens=(Given(x, "$X$, a standard normal variable"),),
        start=expect(t * t**2) - expect(t) * expect(t**2),
        steps=(
            Step(
                sp.Integer(0),
                (
                    r"Cov(X, $Y$) = E XY - $\mathbb{E} X \mathbb{E} Y$ with $Y = X^{2}$; the odd moments $\mathbb{E} "
                    r"X^{3}$ and $\mathbb{E} X$ of the symmetric $N (0, 1)$ vanish: $X$ and $Y$ are uncorrelated"
                ),
            ),
            Step(
                result,
                (
                    r"independence would give Cov(f(X), $Y) = 0$ for every $f$; take $f(X) = X^{2}$: $\mathbb{E} X^{4} = "
                    r"3$ and $\mathbb{E} X^{2} = 1$ for the standard normal, so Cov(X$^2$, $Y$) = $\operatorname{Var} "
                    r"X^{2} = 3 - 1 = 2$, not $0$: $X$ and $Y$ are dependent (also $Y$ is a function of $X$: $P(Y > 1 | "
                    r"|X | > 1) = 1$)"
                ),
                start=expect(t**2 * t**2) - expect(t**2) * expect(t**2),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"Cov(X, $Y$) = $\mathbb{E} X^{3} - \mathbb{E} X \mathbb{E} X^{2} = 0$ by Gauss-Hermite quadrature "
                    r"(exact for polynomials)"
                ),
                lhs=normal_expectation(t**3, t) - normal_expectation(t, t) * normal_expectation(t**2, t),
                rhs=sp.Integer(0),
                trials=1,
                reason="no random input: the quadrature of a fixed polynomial is the same in every trial",
            ),
            IdentityCheck(
                label=(
                    r"Cov(X$^2$, $Y$) = $\mathbb{E} X^{4} - (\mathbb{E} X^{2})^{2} = 2$ by Gauss-Hermite quadrature"
                ),
                lhs=normal_expectation(t**4, t) - normal_expectation(t**2, t) ** 2,
                rhs=result,
                trials=1,
                reason="no random input: the quadrature of a fixed polynomial is the same in every trial",
            ),
            MonteCarlo(
                label=r"Cov(X, $Y) = \mathbb{E} [X \cdot X^{2}]$ over $\mathcal{N}(0, 1)$ draws is $0$",
                integrand=x * x**2,
                claim=sp.Integer(0),
                draws=((x, normal(0, 1)),),
                samples=3_000_000,
                trials=1,  # no random given: one trial of 3 10^6 draws, for an error of 0.02 to show
            ),
            MonteCarlo(
                label=r"Cov(X$^2$, $Y) = \mathbb{E} [(X^{2} - 1)(Y - 1)]$ over $\mathcal{N}(0, 1)$ draws is $2$",
                integrand=(x**2 - 1) * (x**2 - 1),
                claim=result,
                draws=((x, normal(0, 1)),),
                samples=3_000_000,
                trials=1,
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 3.3, example 3.25 (uncorrelated but dependent)"),
            Reference("Casella & Berger, Statistical Inference", "section 4.5, example 4.5.9"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.5.1, figure 2.12"),
        ),
        tags=("covariance", "independence", "counterexample"),
    )

"""Maximum likelihood for a Poisson rate: the sample mean."""

import sympy as sp

from derive import (
    EQUIVALENT,
    POSITIVE,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    Grad,
    Inequality,
    Reference,
    Stationary,
    Step,
    dims,
    ones,
    poisson,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x, lam = vector("x", n), scalar("lambda", POSITIVE)
    loglik = poisson(lam).log_likelihood(x)  # sum_i x_i log(lambda) - lambda - log(x_i!)
    total = scalar_of(ones(n).T * x)
    score = total / lam - n
    curvature = -total / lam**2
    lam_hat = total / n
    return Derivation(
        id="mle-poisson",
        title="Maximum likelihood for a Poisson rate",
        topic="probability",
        statement=(
            r"Counts $x_{1}$, ..., $x_{n}$ are independent draws from $\operatorname{Poisson}(\lambda)$, $p(x) = "
            r"\lambda^{x} e^{-\lambda} / x!$. Maximise the log-likelihood $\ell(\lambda) = \sum_{i} [x_{i} "
            r"\log(\lambda) - \lambda - \log(x_{i}!)]$ over $\lambda > 0$ and show that the maximiser is the "
            r"sample mean."
        ),
        givens=(
            Given(
                x,
                "the observed counts (the checks draw positive reals: the algebra does not use integrality)",
                POSITIVE,
            ),
            Given(lam, "the rate", POSITIVE),
        ),
        start=sp.Derivative(loglik, (lam, 2)),
        steps=(
            Step(
                curvature,
                (
                    r"$d /d \lambda$ of $\mathbf{x} \log(\lambda)$ is $\mathbf{x} /\lambda$; $\log(\mathbf{x}!)$ does not "
                    r"depend on $\lambda$"
                ),
            ),
            Step(
                sp.StrictLessThan(curvature, 0),
                (
                    r"the counts are nonnegative and not all $0$ (otherwise $l$ is decreasing and the supremum is at "
                    r"$\lambda \to 0$, again the sample mean): $l$ is strictly concave, so its stationary point is the "
                    r"maximum"
                ),
                STATES,
                checked_by=2,
            ),
            Step(score, "differentiate once: the score", start=sp.Derivative(loglik, lam)),
            Step(
                Equation(n * lam, total),
                r"set the score to zero and multiply by $\lambda$",
                EQUIVALENT,
                factor=-1 / lam,
            ),
            Step(Equation(lam, lam_hat), r"divide by $n$: the estimate is the sample mean $\bar{x}$", SOLVES),
        ),
        checks=(
            Grad(
                label=r"the score vs \texttt{jax.grad} of the Poisson log-likelihood",
                objective=loglik,
                wrt=lam,
                claim=score,
            ),
            Inequality(
                label=r"the second derivative (\texttt{jax.grad} twice) is negative",
                lesser=sp.Derivative(loglik, (lam, 2)),
                greater=sp.Integer(0),
            ),
            Stationary(
                label=r"\texttt{jax.grad} vanishes at the sample mean, second derivative negative",
                objective=loglik,
                at=((lam, lam_hat),),
                wrt=(lam,),
                second_order="max",
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 9.3 (maximum likelihood), exercise 9.2"),
            Reference("Casella & Berger, Statistical Inference", "section 7.2.2, example 7.2.7"),
            Reference(
                "Murphy, Machine Learning: A Probabilistic Perspective", "section 2.3.3 (the Poisson distribution)"
            ),
        ),
        tags=("maximum likelihood", "estimation", "counts"),
    )

"""Maximum likelihood for a Bernoulli parameter: the sample frequency, a strict maximum."""

import sympy as sp

from derive import (
    BINARY,
    EQUIVALENT,
    PROBABILITY,
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
    bernoulli,
    dims,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x, p = vector("x", n), scalar("p", PROBABILITY)
    loglik = bernoulli(p).log_likelihood(x)  # sum_i x_i log p + (1 - x_i) log(1 - p)
    k = scalar_of(ones(n).T * x)  # the number of successes
    score = k / p - (n - k) / (1 - p)
    curvature = -k / p**2 - (n - k) / (1 - p) ** 2
    p_hat = k / n
    return Derivation(
        id="mle-bernoulli",
        title="Maximum likelihood for a Bernoulli parameter",
        topic="probability",
        statement=(
            r"$n$ coin flips $x_{1}$, ..., $x_{n}$ in $\{0$, $1\}$ are independent draws from Bernoulli(p). "
            r"Maximise the log-likelihood $l(p) = \sum_{i} [x_{i} \log p + (1 - x_{i}) \log(1 - p)]$ over $p$ in "
            r"$(0, 1)$: show that it is strictly concave, and that its maximiser is the fraction of successes $p "
            r"= k /n$, $k = \sum_{i} x_{i}$."
        ),
        givens=(
            Given(x, "the observed flips", BINARY),
            Given(p, "success probability", PROBABILITY),
        ),
        start=sp.Derivative(loglik, (p, 2)),
        steps=(
            Step(
                curvature,
                (
                    r"$\frac{d}{dp} \log p = 1/p$, $\frac{d}{dp} \log(1 - p) = -1/(1 - p)$, differentiated twice; $k = "
                    r"\sum_{i} x_{i}$"
                ),
            ),
            Step(
                sp.StrictLessThan(curvature, 0),
                (
                    r"$0 \leq k \leq n$, so both terms are $\leq 0$ and they are not both $0$: $l$ is strictly concave "
                    r"on $(0, 1)$, so a stationary point is its unique maximum"
                ),
                STATES,
                checked_by=2,
            ),
            Step(score, "differentiate once: the score", start=sp.Derivative(loglik, p)),
            Step(
                Equation(n * p, k),
                "set the score to zero and multiply by $p(1 - p)$: $k(1 - p) - (n - k)p = k$ - np",
                EQUIVALENT,
                factor=-1 / (p * (1 - p)),
            ),
            Step(Equation(p, p_hat), "divide by $n$: the maximum-likelihood estimate is the sample frequency", SOLVES),
        ),
        checks=(
            Grad(
                label=r"the score vs \texttt{jax.grad} of the Bernoulli log-likelihood",
                objective=loglik,
                wrt=p,
                claim=score,
            ),
            Inequality(
                label=r"the second derivative (\texttt{jax.grad} twice) is negative",
                lesser=sp.Derivative(loglik, (p, 2)),
                greater=sp.Integer(0),
            ),
            Stationary(
                label=r"\texttt{jax.grad} vanishes at $p = k /n$ and the second derivative is negative there",
                objective=loglik,
                at=((p, p_hat),),
                wrt=(p,),
                second_order="max",
                sizes=((n, 10),),
                avoid=(p_hat * (1 - p_hat),),
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 9.3, example 9.11 (Bernoulli MLE)"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 2.1, eqs. 2.5-2.8"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 3.3.1"),
        ),
        tags=("maximum likelihood", "concavity", "estimation"),
    )

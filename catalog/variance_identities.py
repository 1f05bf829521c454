"""Var X = E X^2 - (E X)^2 and Var(aX + b) = a^2 Var X, for any distribution on finitely many values."""

from derive import (
    SIMPLEX,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    categorical,
    dims,
    hadamard,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (m,) = dims("m")
    v, q, e = vector("v", m), vector("q", m), vector("e", m)
    a, b = scalar("a"), scalar("b")
    one = ones(m)
    mu = scalar_of(q.T * v)  # E X = sum_i q_i v_i
    centred = v - mu * one
    variance = scalar_of(q.T * hadamard(centred, centred))  # E (X - E X)^2
    second_moment = scalar_of(q.T * hadamard(v, v))
    y_values = a * v + b * one
    y_mean = scalar_of(q.T * y_values)
    y_centred = y_values - y_mean * one
    x = scalar_of(e.T * v)  # the value picked by a one-hot draw e
    result = a**2 * variance
    return Derivation(
        id="variance-identities",
        title="Two variance identities",
        topic="probability",
        statement=(
            "X takes the value v_i with probability q_i (any distribution on m values; expectations are "
            "E f(X) = sum_i q_i f(v_i) = q^T f(v)). Show that Var X = E (X - E X)^2 equals E X^2 - (E X)^2, and that "
            "Var(aX + b) = a^2 Var X."
        ),
        givens=(
            Given(v, "the values X can take"),
            Given(q, "their probabilities", SIMPLEX),
            Given(a, "scale"),
            Given(b, "shift"),
        ),
        start=variance,
        steps=(
            Step(
                second_moment - 2 * mu * scalar_of(q.T * v) + mu**2 * scalar_of(q.T * one),
                "expand (X - mu)^2 = X^2 - 2 mu X + mu^2, mu = E X, and use linearity of E",
            ),
            Step(second_moment - mu**2, "E X = mu and E 1 = sum_i q_i = 1: Var X = E X^2 - (E X)^2"),
            Step(
                scalar_of(q.T * hadamard(a * centred, a * centred)),
                "Var(aX + b) = E (aX + b - E(aX + b))^2 and E(aX + b) = a E X + b (linearity, sum_i q_i = 1): "
                "the shift b cancels",
                start=scalar_of(q.T * hadamard(y_centred, y_centred)),
            ),
            Step(result, "take a^2 out of the square and out of the expectation"),
        ),
        checks=(
            MonteCarlo(
                label="the mean of (X - E X)^2 over draws of X is E X^2 - (E X)^2",
                integrand=(x - mu) ** 2,
                claim=second_moment - mu**2,
                draws=((e, categorical(q)),),
                samples=1_000_000,
            ),
            MonteCarlo(
                label="the mean of (aX + b - E(aX + b))^2 over draws of X is a^2 Var X",
                integrand=(a * x + b - (a * mu + b)) ** 2,
                claim=result,
                draws=((e, categorical(q)),),
                samples=1_000_000,
            ),
        ),
        references=(
            Reference("Wasserman, All of Statistics", "section 3.3, theorem 3.15"),
            Reference("Casella & Berger, Statistical Inference", "section 2.3, theorem 2.3.4"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 6.4.3, eqs. 6.44 and 6.50"),
        ),
        tags=("variance", "expectation", "linearity"),
        sizes=((m, 3),),
    )

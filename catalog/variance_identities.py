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
            r"$X$ takes the value $v_{i}$ with probability $q_{i}$ (any distribution on $m$ values; "
            r"expectations are $\mathbb{E} f(X) = \sum_{i} q_{i} f(v_{i}) = \mathbf{q}^{\top} f(\mathbf{v})$). "
            r"Show that $\operatorname{Var} X = \mathbb{E} (X - \mathbb{E} X)^{2}$ equals $\mathbb{E} X^{2} - "
            r"(\mathbb{E} X)^{2}$, and that $\operatorname{Var} (a X + b) = a^{2} \operatorname{Var} X$."
        ),
        givens=(
            Given(v, "the values $X$ can take"),
            Given(q, "their probabilities", SIMPLEX),
            Given(a, "scale"),
            Given(b, "shift"),
        ),
        start=variance,
        steps=(
            Step(
                second_moment - 2 * mu * scalar_of(q.T * v) + mu**2 * scalar_of(q.T * one),
                r"expand $(X - \mu)^{2} = X^{2} - 2 \mu X + \mu^{2}$, $\mu = \mathbb{E} X$, and use linearity of E",
            ),
            Step(
                second_moment - mu**2,
                (
                    r"$\mathbb{E} X = \mu$ and $\mathbb{E} 1 = \sum_{i} q_{i} = 1$: $\operatorname{Var} X = \mathbb{E} "
                    r"X^{2} - (\mathbb{E} X)^{2}$"
                ),
            ),
            Step(
                scalar_of(q.T * hadamard(a * centred, a * centred)),
                (
                    r"$\operatorname{Var}(a X + b) = \mathbb{E} (a X + b - \mathbb{E} (a X + b))^{2}$ and $\mathbb{E} "
                    r"(a X + b) = a \mathbb{E} X + b$ (linearity, $\sum_{i} q_{i} = 1$): the shift $b$ cancels"
                ),
                start=scalar_of(q.T * hadamard(y_centred, y_centred)),
            ),
            Step(result, "take $a^{2}$ out of the square and out of the expectation"),
        ),
        checks=(
            MonteCarlo(
                label=r"the mean of ($X - \mathbb{E} X)^{2}$ over draws of $X$ is $\mathbb{E} X^{2} - (\mathbb{E} X)^{2}$",
                integrand=(x - mu) ** 2,
                claim=second_moment - mu**2,
                draws=((e, categorical(q)),),
                samples=1_000_000,
            ),
            MonteCarlo(
                label=r"the mean of $(a X + b - \mathbb{E} (a X + b))^{2}$ over draws of $X$ is $a^{2} \operatorname{Var} X$",
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

"""The entropy of a coin: maximal at p = 1/2, where it is log 2."""

import sympy as sp

from derive import (
    PROBABILITY,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Grad,
    IdentityCheck,
    Inequality,
    Reference,
    Stationary,
    Step,
    grad,
    log,
    scalar,
)


def derivation() -> Derivation:
    p = scalar("p", PROBABILITY)
    half = sp.Rational(1, 2)
    entropy = -p * log(p) - (1 - p) * log(1 - p)
    derivative = log(1 - p) - log(p)
    result = log(2)
    return Derivation(
        id="entropy-bernoulli",
        title="The entropy of a Bernoulli variable is maximal for a fair coin",
        topic="information-theory",
        statement=(
            r"A coin lands heads with probability $p$. Its entropy (in nats) is $H (p) = -p \log p - (1 - p) "
            r"\log(1 - p)$. Find where $H$ is maximal by setting $\frac{\partial H}{\partial p}$ to zero, check "
            r"that the stationary point is a maximum, and compute the maximal entropy."
        ),
        givens=(Given(p, "probability of heads", PROBABILITY),),
        start=grad(entropy, p),
        steps=(
            Step(
                sp.Add(-log(p), -1, log(1 - p), 1, evaluate=False),
                (
                    r"product rule: $\frac{d}{dp} [p \log p] = \log p + 1$ and $\frac{d}{dp} [(1 - p) \log(1 - p)] = "
                    r"-\log(1 - p) - 1$"
                ),
            ),
            Step(derivative, r"the constants cancel: $H'(p) = \log((1 - p)/p)$, the negative log-odds"),
            Step(
                Equation(p, half),
                r"$H'(p) = 0$ means $(1 - p)/p = 1$: the only stationary point is $p = \tfrac{1}{2}$",
                SOLVES,
                root="H'(p) = log((1 - p)/p) is strictly decreasing on (0, 1), so p = 1/2 is its only zero",
            ),
            Step(
                -1 / p - 1 / (1 - p),
                (
                    "differentiate again: $H''(p) = -1/(p(1 - p)) < 0$ on $(0, 1)$, so $H$ is strictly concave and the "
                    "stationary point is the global maximum"
                ),
                start=grad(derivative, p),
            ),
            Step(
                result,
                (
                    r"$H(\tfrac{1}{2}) = -\tfrac{1}{2} \log(\tfrac{1}{2}) - \tfrac{1}{2} \log(\tfrac{1}{2}) = \log 2$ "
                    r"(one bit)"
                ),
                start=entropy,
                using=(Equation(p, half),),
            ),
        ),
        checks=(
            Grad(label=r"$H'(p)$ vs \texttt{jax.grad} of $H$", objective=entropy, wrt=p, claim=derivative),
            Stationary(
                label=r"\texttt{jax.grad} of $H$ vanishes at $p = \tfrac{1}{2}$ and the second derivative is negative",
                objective=entropy,
                at=((p, half),),
                wrt=(p,),
                second_order="max",
            ),
            IdentityCheck(label=r"$H(\tfrac{1}{2}) = \log 2$", lhs=entropy, rhs=result, where=((p, half),)),
            Inequality(
                label=r"$H(p) \leq \log 2$ for random $p$ in $(0, 1)$",
                lesser=entropy,
                greater=result,
                trials=256,
            ),
        ),
        references=(
            Reference(
                "Cover & Thomas, Elements of Information Theory (2nd ed.)", "section 2.1, example 2.1.1, fig. 2.1"
            ),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 1.6, eq. 1.93"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.8.1, fig. 2.21"),
        ),
        tags=("entropy", "maximum", "information"),
        notes=r"In bits ($\log$ base $2$) the maximum is $1$ bit; the natural log gives $\log 2$ nats.",
    )

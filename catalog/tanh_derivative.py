"""The derivative of tanh: tanh' = 1 - tanh^2."""

from derive import Derivation, Given, Grad, Reference, Step, exp, grad, scalar, sigmoid, tanh


def derivation() -> Derivation:
    z = scalar("z")
    plus, minus = exp(z) + exp(-z), exp(z) - exp(-z)
    result = 1 - tanh(z) ** 2
    return Derivation(
        id="tanh-derivative",
        title="The derivative of tanh",
        topic="calculus",
        statement=(
            r"The hyperbolic tangent is $\tanh(z) = (e^{z} - e^{-z}) / (e^{z} + e^{-z})$. Differentiate it with "
            r"the quotient rule and write the derivative in terms of $\tanh$ itself."
        ),
        givens=(Given(z, "a real number (a pre-activation)"),),
        start=grad(tanh(z), z),
        steps=(
            Step(grad(minus / plus, z), r"the definition of $\tanh$ as a quotient of exponentials"),
            Step(
                (plus * plus - minus * minus) / plus**2,
                (
                    "quotient rule ($u /v)' = (u'v$ - uv')/v$^2$ with $u' = e^{z} + e^{-z} = v$ and $v' = e^{z} - e^{-z} "
                    "= u$"
                ),
            ),
            Step(1 - (minus / plus) ** 2, "split the fraction: $v^{2}/v^{2} - u^{2}/v^{2}$"),
            Step(result, r"$u /v = \tanh(z)$"),
        ),
        checks=(
            Grad(label=r"$1 - \tanh^{2}$ vs \texttt{jax.grad} of $\tanh$", objective=tanh(z), wrt=z, claim=result),
            Grad(
                label=r"$\tanh(z) = 2 \sigma(2z) - 1$ has the same derivative",
                objective=2 * sigmoid(2 * z) - 1,
                wrt=z,
                claim=result,
            ),
        ),
        references=(
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 6.3.2 (tanh hidden units)"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 5.3.2, eq. 5.60"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.1.2 (quotient rule)"),
        ),
        tags=("derivative", "tanh", "quotient rule", "activation functions"),
        notes=(
            r"Like $\sigma' = \sigma(1 - \sigma)$, the derivative is a function of the activation itself, so "
            r"backpropagation can reuse the forward pass: $\tanh'(z) = 1 - a^{2}$ with a = $\tanh(z)$. Its "
            r"maximum is $1$ (at $z = 0$), four times the sigmoid's, since $\tanh(z) = 2 \sigma(2z) - 1$."
        ),
    )

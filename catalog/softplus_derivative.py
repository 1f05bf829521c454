"""The derivatives of softplus log(1 + e^z) and of log sigma(z)."""

import sympy as sp

from derive import Derivation, Given, Grad, Reference, Step, exp, grad, log, scalar, sigmoid


def derivation() -> Derivation:
    z = scalar("z")
    softplus = log(1 + exp(z))
    result = 1 - sigmoid(z)
    return Derivation(
        id="softplus-derivative",
        title="The derivatives of softplus and of the log-sigmoid",
        topic="calculus",
        statement=(
            r"The softplus function $\zeta(z) = \log(1 + e^{z})$ is a smooth version of $\max(0, z)$, and $\log "
            r"\sigma(z)$ is the log-likelihood of a positive label under logistic regression. Show that "
            r"$\frac{d}{dz} \log(1 + e^{z}) = \sigma(z)$ and that $\frac{d}{dz} \log \sigma(z) = 1 - \sigma(z)$, "
            r"where $\sigma(z) = 1 / (1 + e^{-z})$."
        ),
        givens=(Given(z, "a real number (a logit)"),),
        start=grad(softplus, z),
        steps=(
            Step(exp(z) / (1 + exp(z)), r"chain rule: $\frac{d}{dz} \log u = u'/u$ with $u = 1 + e^{z}$, $u' = e^{z}$"),
            Step(1 / (1 + exp(-z)), "divide numerator and denominator by $e^{z}$"),
            Step(sigmoid(z), r"the definition of the sigmoid: softplus' = $\sigma$"),
            Step(
                sp.Mul(sigmoid(z), 1 - sigmoid(z), sp.Pow(sigmoid(z), -1), evaluate=False),
                (
                    r"chain rule $\frac{d}{dz} \log u = u'/u$ with $u = \sigma(z)$ and $\sigma' = \sigma(1 - \sigma)$ "
                    r"(sigmoid-derivative)"
                ),
                start=grad(log(sigmoid(z)), z),
            ),
            Step(result, r"cancel $\sigma(z)$, which is never $0$"),
        ),
        checks=(
            Grad(
                label=r"$\sigma(z)$ vs \texttt{jax.grad} of $\log(1 + e^{z})$",
                objective=softplus,
                wrt=z,
                claim=sigmoid(z),
            ),
            Grad(
                label=r"$1 - \sigma(z)$ vs \texttt{jax.grad} of $\log \sigma(z)$",
                objective=log(sigmoid(z)),
                wrt=z,
                claim=result,
            ),
        ),
        references=(
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 3.10, eqs. 3.31-3.41 (softplus)"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.2, eq. 4.88"),
            Reference("CS229 lecture notes (Ng)", "part II, section 5: logistic regression"),
        ),
        tags=("derivative", "softplus", "sigmoid", "chain rule"),
        notes=(
            r"$\log \sigma(z) = -\zeta(-z)$, so the second result also follows from the first: $\frac{d}{dz} "
            r"[-\zeta(-z)] = \sigma(-z) = 1 - \sigma(z)$. Summed over examples, these two derivatives give the "
            r"logistic-regression gradient $\mathbf{X}^{\top}(\sigma(\mathbf{X}\mathbf{w}) - \mathbf{y})$."
        ),
    )

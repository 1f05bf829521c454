"""Gradient of the logistic-regression loss (Bernoulli negative log-likelihood)."""

from derive import (
    BINARY,
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    exp,
    grad,
    log,
    matrix,
    ones,
    sigmoid,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    p = sigmoid(X * w)
    loss = -(y.T * log(p) + (ones(n) - y).T * log(ones(n) - p))
    softplus_form = ones(n).T * log(ones(n) + exp(X * w)) - y.T * X * w
    result = X.T * (p - y)
    return Derivation(
        id="logistic-grad",
        title="Gradient of the logistic-regression loss",
        topic="models",
        statement=(
            r"Logistic regression models $P(y_{i} = 1 \mid x_{i}) = \sigma(x_{i}^{\top} \mathbf{w})$. Find the "
            r"gradient with respect to $\mathbf{w}$ of the negative log-likelihood $L (\mathbf{w}) = -\sum_{i} "
            r"[y_{i} \log p_{i} + (1 - y_{i}) \log(1 - p_{i})]$, $p = \sigma(\mathbf{X} \mathbf{w})$."
        ),
        givens=(
            Given(X, "design matrix, one example per row"),
            Given(w, "weights"),
            Given(y, "labels", BINARY),
        ),
        start=grad(loss, w),
        steps=(
            Step(
                grad(softplus_form, w),
                r"$\log \sigma(z) = z - \log(1 + e^{z})$ and $\log(1 - \sigma(z)) = -\log(1 + e^{z})$",
            ),
            Step(
                X.T * p - X.T * y,
                (
                    r"chain rule with $\frac{d}{dz} \log(1 + e^{z}) = \sigma(z)$; the gradient of $\mathbf{y}^{\top} "
                    r"\mathbf{X} \mathbf{w}$ is $\mathbf{X}^{\top} \mathbf{y}$"
                ),
            ),
            Step(result, r"factor out $\mathbf{X}^{\top}$"),
        ),
        checks=(Grad(label=r"claimed gradient vs \texttt{jax.grad} of the loss", objective=loss, wrt=w, claim=result),),
        references=(
            Reference("CS229 lecture notes (Ng)", "part II, section 5: logistic regression"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.2, eq. 4.91"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 8.3.1"),
        ),
        tags=("gradient", "classification", "maximum likelihood"),
    )

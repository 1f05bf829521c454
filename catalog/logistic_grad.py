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
            "Logistic regression models P(y_i = 1 | x_i) = sigma(x_i^T w). Find the gradient with respect to w "
            "of the negative log-likelihood L(w) = -sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)], p = sigma(Xw)."
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
                "log sigma(z) = z - log(1 + e^z) and log(1 - sigma(z)) = -log(1 + e^z)",
            ),
            Step(
                X.T * p - X.T * y,
                "chain rule with d/dz log(1 + e^z) = sigma(z); the gradient of y^T X w is X^T y",
            ),
            Step(result, "factor out X^T"),
        ),
        checks=(Grad(label="claimed gradient vs jax.grad of the loss", objective=loss, wrt=w, claim=result),),
        references=(
            Reference("CS229 lecture notes (Ng)", "part II, section 5: logistic regression"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.2, eq. 4.91"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 8.3.1"),
        ),
        tags=("gradient", "classification", "maximum likelihood"),
    )

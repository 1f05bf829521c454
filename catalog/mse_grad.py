"""The gradient of the mean squared error of a one-variable linear model."""

from derive import (
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    grad,
    norm_sq,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x, y = vector("x", n), vector("y", n)
    w, b = scalar("w"), scalar("b")
    residual = w * x + b * ones(n) - y  # the vector of yhat_i - y_i
    loss = scalar_of(norm_sq(residual)) / n

    def mean(v):
        return scalar_of(ones(n).T * v) / n

    d_w = 2 * scalar_of(x.T * residual) / n
    d_b = 2 * scalar_of(ones(n).T * residual) / n
    result = 2 * (w * mean(x) + b - mean(y))
    return Derivation(
        id="mse-grad",
        title="Gradient of the mean squared error for y = wx + b",
        topic="calculus",
        statement=(
            "A one-variable linear model predicts yhat_i = w x_i + b. On n points (x_i, y_i) its mean squared "
            "error is L(w, b) = (1/n) sum_i (w x_i + b - y_i)^2. Compute the partial derivatives dL/dw and "
            "dL/db, the quantities gradient descent needs (and that autograd computes)."
        ),
        givens=(
            Given(x, "inputs x_1 ... x_n"),
            Given(y, "targets y_1 ... y_n"),
            Given(w, "slope"),
            Given(b, "intercept"),
        ),
        start=grad(loss, w),
        steps=(
            Step(
                d_w,
                "chain rule on each square: d/dw (w x_i + b - y_i)^2 = 2 (w x_i + b - y_i) x_i; summed over i this "
                "is 2 x^T r with r = wx + b1 - y",
            ),
            Step(
                2 * (w * scalar_of(x.T * x) + b * scalar_of(ones(n).T * x) - scalar_of(x.T * y)) / n,
                "expand x^T r = w x^T x + b 1^T x - x^T y",
            ),
            Step(
                d_b,
                "chain rule on each square: d/db (w x_i + b - y_i)^2 = 2 (w x_i + b - y_i); summed: 2 * 1^T r",
                start=grad(loss, b),
            ),
            Step(
                result,
                "1^T r = w 1^T x + n b - 1^T y, and 1^T v / n is the mean of v: twice the mean residual",
            ),
        ),
        checks=(
            Grad(label="dL/dw vs jax.grad of the MSE", objective=loss, wrt=w, claim=d_w),
            Grad(
                label="dL/db = 2 (w mean(x) + b - mean(y)) vs jax.grad of the MSE", objective=loss, wrt=b, claim=result
            ),
        ),
        references=(
            Reference("CS229 lecture notes (Ng)", "part I, section 1.1: LMS algorithm"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 9.2.1, eq. 9.11"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 5.1.4 (linear regression)"),
        ),
        sizes=((n, 4),),
        tags=("gradient", "regression", "chain rule", "autograd"),
        notes=(
            "Setting dL/db = 0 gives b = mean(y) - w mean(x): the fitted line passes through the mean point. "
            "Setting dL/dw = 0 as well gives the least-squares slope (normal-equations in matrix form)."
        ),
    )

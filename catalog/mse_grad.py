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
            r"A one-variable linear model predicts $\hat{y}_{i} = w x_{i} + b$. On $n$ points $(x_{i}, y_{i})$ its "
            r"mean squared error is $L(w, b) = (1/n) \sum_{i} (w x_{i} + b - y_{i})^{2}$. Compute the partial "
            r"derivatives $\frac{\partial L}{\partial w}$ and $\frac{\partial L}{\partial b}$, the quantities "
            r"gradient descent needs (and that autograd computes)."
        ),
        givens=(
            Given(x, "inputs $x_{1}$ ... $x_{n}$"),
            Given(y, "targets $y_{1}$ ... $y_{n}$"),
            Given(w, "slope"),
            Given(b, "intercept"),
        ),
        start=grad(loss, w),
        steps=(
            Step(
                d_w,
                (
                    r"chain rule on each square: $\frac{d}{dw} (w x_{i} + b - y_{i})^{2} = 2 (w x_{i} + b - y_{i}) "
                    r"x_{i}$; summed over $i$ this is $2 \mathbf{x}^{\top} r$ with $r = w \mathbf{x} + b_{1} - \mathbf{y}$"
                ),
            ),
            Step(
                2 * (w * scalar_of(x.T * x) + b * scalar_of(ones(n).T * x) - scalar_of(x.T * y)) / n,
                (
                    r"expand $\mathbf{x}^{\top} r = w \mathbf{x}^{\top} \mathbf{x} + b 1^{\top} \mathbf{x} - "
                    r"\mathbf{x}^{\top} \mathbf{y}$"
                ),
            ),
            Step(
                d_b,
                (
                    r"chain rule on each square: $\frac{d}{db} (w x_{i} + b - y_{i})^{2} = 2 (w x_{i} + b - y_{i})$; "
                    r"summed: $2 \cdot 1^{\top} r$"
                ),
                start=grad(loss, b),
            ),
            Step(
                result,
                (
                    r"$1^{\top} r = w 1^{\top} \mathbf{x} + n b - 1^{\top} \mathbf{y}$, and $1^{\top} v / n$ is the mean "
                    r"of $v$: twice the mean residual"
                ),
            ),
        ),
        checks=(
            Grad(
                label=r"$\frac{\partial L}{\partial w}$ vs \texttt{jax.grad} of the MSE",
                objective=loss,
                wrt=w,
                claim=d_w,
            ),
            Grad(
                label=r"$\frac{\partial L}{\partial b} = 2 (w$ mean(x) + $b$ - mean(y)) vs \texttt{jax.grad} of the MSE",
                objective=loss,
                wrt=b,
                claim=result,
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
            r"Setting $\frac{\partial L}{\partial b} = 0$ gives $b$ = mean(y) - $w$ mean(x): the fitted line "
            r"passes through the mean point. Setting $\frac{\partial L}{\partial w} = 0$ as well gives the "
            r"least-squares slope (normal-equations in matrix form)."
        ),
    )

"""Softmax (multinomial logistic) regression: the gradient of the cross-entropy is X^T (S - Y)."""

from derive import (
    Derivation,
    Equation,
    Given,
    Grad,
    Reference,
    Step,
    diag,
    dims,
    grad,
    log,
    matrix,
    ones,
    softmax,
    trace,
)


def derivation() -> Derivation:
    n, d, k = dims("n d k")
    X, W, Y, U = matrix("X", n, d), matrix("W", d, k), matrix("Y", n, k), matrix("U", n, k)
    S = softmax(X * W, axis=1)  # row i: the predicted class probabilities of example i
    loss = -trace(Y.T * log(S))
    result = X.T * (S - Y)
    rows_sum_to_one = Equation(Y * ones(k), ones(n))
    return Derivation(
        id="softmax-regression-grad",
        title="Gradient of the softmax-regression (multinomial cross-entropy) loss",
        topic="models",
        statement=(
            r"Softmax regression with $k$ classes computes logits $Z = \mathbf{X} \mathbf{W}$ and class "
            r"probabilities $S = \operatorname{softmax}(Z)$ row by row: $S_{i j} = \exp(z_{i j}) / \sum_{l} "
            r"\exp(z_{i l})$. With targets $\mathbf{Y}$ whose rows are one-hot (or any distributions), the loss "
            r"is the cross-entropy $L(\mathbf{W}) = -\sum_{i} \sum_{j} Y_{i j} \log S_{i j}$. Show that grad\_W "
            r"$L = \mathbf{X}^{\top} (S - \mathbf{Y})$."
        ),
        givens=(
            Given(X, "design matrix, one example per row"),
            Given(W, "weights, one column per class"),
            Given(Y, "targets: each row a probability vector (one-hot for hard labels)", defined_by=rows_sum_to_one),
        ),
        start=grad(loss, W),
        steps=(
            Step(
                X.T * (diag(Y * ones(k)) * S - Y),
                (
                    r"chain rule through $Z = \mathbf{X} \mathbf{W}$: $\frac{\partial L}{\partial \mathbf{W}} = "
                    r"\mathbf{X}^{\top} \frac{\partial L}{\partial Z}$, and with the $\operatorname{softmax}$ Jacobian $d "
                    r"S_{i l} /d z_{i j} = S_{i l} (\mathbb{I}[l = j] - S_{i j})$, $\frac{\partial L}{\partial z}_{i j} = "
                    r"-Y_{i j} + S_{i j} \sum_{l} Y_{i l}$"
                ),
            ),
            Step(
                result,
                (
                    r"each row of $\mathbf{Y}$ sums to $1 (\sum_{l} Y_{i l} = 1)$, so $\operatorname{diag} (\mathbf{Y} 1) "
                    r"= I$"
                ),
                using=(rows_sum_to_one,),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"$\mathbf{X}^{\top}(S - \mathbf{Y})$ vs \texttt{jax.grad} of the cross-entropy (rows of $\mathbf{Y}$ "
                    r"random distributions)"
                ),
                objective=loss,
                wrt=W,
                claim=result,
                where=((Y, softmax(U, axis=1)),),
                extra=(Given(U, "logits of the random target distributions"),),
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.4, eqs. 4.104-4.109"),
            Reference("CS229 lecture notes (Ng)", "part III, section 9.3: softmax regression"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 8.3.7, eq. 8.38"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 6.2.2.3 (softmax units)"),
        ),
        tags=("gradient", "classification", "softmax", "cross-entropy"),
        notes=(
            r"With $k = 2$ and one column of $\mathbf{W}$ fixed at $0$ this is logistic regression (entry "
            r"logistic-grad)."
        ),
        sizes=((n, 2), (d, 2), (k, 3)),
    )

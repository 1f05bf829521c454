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
            "Softmax regression with k classes computes logits Z = XW and class probabilities S = softmax(Z) "
            "row by row: S_ij = exp(z_ij) / sum_l exp(z_il). With targets Y whose rows are one-hot (or any "
            "distributions), the loss is the cross-entropy L(W) = -sum_i sum_j Y_ij log S_ij. Show that "
            "grad_W L = X^T (S - Y)."
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
                "chain rule through Z = XW: dL/dW = X^T dL/dZ, and with the softmax Jacobian "
                "dS_il/dz_ij = S_il (1[l = j] - S_ij), dL/dz_ij = -Y_ij + S_ij sum_l Y_il",
            ),
            Step(
                result,
                "each row of Y sums to 1 (sum_l Y_il = 1), so diag(Y 1) = I",
                using=(rows_sum_to_one,),
            ),
        ),
        checks=(
            Grad(
                label="X^T(S - Y) vs jax.grad of the cross-entropy (rows of Y random distributions)",
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
        notes="With k = 2 and one column of W fixed at 0 this is logistic regression (entry logistic-grad).",
        sizes=((n, 2), (d, 2), (k, 3)),
    )

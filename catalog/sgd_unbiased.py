"""A uniformly sampled minibatch gradient is an unbiased estimate of the full gradient."""

import sympy as sp

from derive import (
    BINARY,
    Derivation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    diag,
    dims,
    grad,
    matrix,
    minibatch_mean,
    norm_sq,
    ones,
    transpose,
    vector,
)


def derivation() -> Derivation:
    n, d, b = dims("n d b")
    X, y, w, m = matrix("X", n, d), vector("y", n), vector("w", d), vector("m", n)
    residual = X * w - y
    full = sp.MatMul(1 / (2 * n), norm_sq(residual))  # the mean of l_i = 1/2 (x_i^T w - y_i)^2
    batch = sp.MatMul(1 / (2 * b), transpose(residual) * diag(m) * residual)  # the mean over the batch
    batch_gradient = sp.MatMul(1 / b, X.T * diag(m) * residual)
    result = grad(full, w)
    return Derivation(
        id="sgd-unbiased",
        title="The minibatch gradient is unbiased",
        topic="optimization",
        statement=(
            "The training loss is the mean f(w) = (1/n) sum_i l_i(w) of per-example losses, here "
            "l_i(w) = 1/2 (x_i^T w - y_i)^2. SGD draws a minibatch B of b distinct indices uniformly at random and "
            "steps along the batch gradient g_B = (1/b) sum_{i in B} grad l_i(w). Describe B by its indicator "
            "vector m (m_i = 1 if i is in B) and show that E_B g_B = grad f(w), the exact expectation over all "
            "C(n, b) equally likely batches."
        ),
        givens=(
            Given(X, "examples x_i^T, one per row"),
            Given(y, "targets"),
            Given(w, "current weights"),
            Given(m, "indicator of the minibatch: b ones and n - b zeros", BINARY),
        ),
        start=grad(batch, w),
        steps=(
            Step(
                batch_gradient,
                "the batch loss (1/b) sum_{i in B} l_i = (1/2b) (Xw - y)^T diag(m) (Xw - y); its gradient is "
                "(1/b) X^T diag(m) (Xw - y), with diag(m) symmetric",
            ),
            Step(
                sp.MatMul(1 / b, X.T * diag(sp.MatMul(b / n, ones(n))) * residual),
                "average over every batch: g_B is linear in m, so E g_B puts E m in place of m, and each index lies "
                "in C(n-1, b-1) of the C(n, b) batches, so E m_i = C(n-1, b-1)/C(n, b) = b/n",
                start=minibatch_mean(batch_gradient, m, b),
            ),
            Step(sp.MatMul(1 / n, X.T * residual), "diag((b/n) 1) = (b/n) I, and the b cancels"),
            Step(result, "this is the gradient of f(w) = (1/2n) ||Xw - y||^2: the full-batch gradient"),
        ),
        checks=(
            IdentityCheck(
                label="average of jax.grad of the batch loss over all C(6, 2) batches = jax.grad of the full loss",
                lhs=minibatch_mean(grad(batch, w), m, b),
                rhs=result,
                sizes=((n, 6), (d, 3), (b, 2)),
            ),
            IdentityCheck(
                label="the same over all C(7, 3) batches",
                lhs=minibatch_mean(grad(batch, w), m, b),
                rhs=result,
                sizes=((n, 7), (d, 2), (b, 3)),
                trials=16,
            ),
        ),
        references=(
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 8.1.3 (batch and minibatch algorithms)"),
            Reference(
                "Bottou, Curtis, Nocedal: Optimization Methods for Large-Scale Machine Learning (2018)", "section 4.1"
            ),
            Reference("Nocedal & Wright, Numerical Optimization", "2nd ed., section 2.1 (the gradient of a sum)"),
        ),
        tags=("sgd", "unbiased estimator", "expectation"),
        notes=(
            "Nothing here depends on the squared loss: g_B = (1/b) sum_i m_i grad l_i is linear in m for any "
            "per-example losses, and E m_i = b/n. Unbiased is not low-variance: the variance of g_B shrinks like "
            "1/b (with a finite-population correction (n - b)/(n - 1))."
        ),
        sizes=((n, 4), (d, 2), (b, 2)),
    )

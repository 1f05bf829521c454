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
    minibatch_law,
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
            r"The training loss is the mean $f(\mathbf{w}) = (1/n) \sum_{i} l_{i} (\mathbf{w})$ of per-example "
            r"losses, here $l_{i} (\mathbf{w}) = \tfrac{1}{2} (x_{i}^{\top} \mathbf{w} - y_{i})^{2}$. SGD draws a "
            r"minibatch $B$ of $b$ distinct indices uniformly at random and steps along the batch gradient $g_{B} "
            r"= (1/b) \sum_{i \in B} \nabla l_{i} (\mathbf{w})$. Describe $B$ by its indicator vector "
            r"$\mathbf{m}$ ($m_{i} = 1$ if $i$ is in $B$) and show that $\mathbb{E}_{B} g_{B} = \nabla f "
            r"(\mathbf{w})$, the exact expectation over all $C (n, b)$ equally likely batches."
        ),
        givens=(
            Given(X, r"examples $x_{i}^{\top}$, one per row"),
            Given(y, "targets"),
            Given(w, "current weights"),
            Given(m, "indicator of the minibatch: $b$ ones and $n - b$ zeros", BINARY, law=minibatch_law(b)),
        ),
        start=grad(batch, w),
        steps=(
            Step(
                batch_gradient,
                (
                    r"the batch loss $(1/b) \sum_{i \in B} l_{i} = (1/2b) (\mathbf{X} \mathbf{w} - \mathbf{y})^{\top} "
                    r"\operatorname{diag} (\mathbf{m}) (\mathbf{X} \mathbf{w} - \mathbf{y})$; its gradient is $(1/b) "
                    r"\mathbf{X}^{\top} \operatorname{diag} (\mathbf{m}) (\mathbf{X} \mathbf{w} - \mathbf{y})$, with "
                    r"$\operatorname{diag}(\mathbf{m})$ symmetric"
                ),
            ),
            Step(
                sp.MatMul(1 / b, X.T * diag(sp.MatMul(b / n, ones(n))) * residual),
                (
                    r"average over every batch: $g_{B}$ is linear in $\mathbf{m}$, so $\mathbb{E} g_{B}$ puts $\mathbb{E} "
                    r"\mathbf{m}$ in place of $\mathbf{m}$, and each index lies in $C (n -1, b -1)$ of the $C (n, b)$ "
                    r"batches, so $\mathbb{E} m_{i} = C(n -1, b -1)/C(n, b) = b /n$"
                ),
                start=minibatch_mean(batch_gradient, m, b),
            ),
            Step(sp.MatMul(1 / n, X.T * residual), r"$\operatorname{diag}((b /n) 1) = (b /n) I$, and the $b$ cancels"),
            Step(
                result,
                (
                    r"this is the gradient of $f(\mathbf{w}) = (1/2n) \|\mathbf{X} \mathbf{w} - \mathbf{y} \|^{2}$: the "
                    r"full-batch gradient"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"average of \texttt{jax.grad} of the batch loss over all $C(6, 2)$ batches = \texttt{jax.grad} of "
                    r"the full loss"
                ),
                lhs=minibatch_mean(grad(batch, w), m, b),
                rhs=result,
                sizes=((n, 6), (d, 3), (b, 2)),
            ),
            IdentityCheck(
                label="the same over all $C(7, 3)$ batches",
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
            r"Nothing here depends on the squared loss: $g_{B} = (1/b) \sum_{i} m_{i} \nabla l_{i}$ is linear in "
            r"$\mathbf{m}$ for any per-example losses, and $\mathbb{E} m_{i} = b /n$. Unbiased is not "
            r"low-variance: the variance of $g_{B}$ shrinks like $1/b$ (with a finite-population correction $(n - "
            r"b)/(n - 1)$)."
        ),
        sizes=((n, 4), (d, 2), (b, 2)),
    )

"""Gradients of traces with respect to a matrix: tr(AX) and tr(X^T B X)."""

from derive import (
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    grad,
    matrix,
    trace,
)


def derivation() -> Derivation:
    k, n = dims("k n")
    A, B, X = matrix("A", k, n), matrix("B", n, n), matrix("X", n, k)
    linear = trace(A * X)
    quadratic = trace(X.T * B * X)
    return Derivation(
        id="trace-gradients",
        title="Gradients of traces",
        topic="linear-algebra",
        statement=(
            r"Let $\mathbf{X}$ be $n \times k$. Find the gradient (a matrix of the shape of $\mathbf{X}$, entry $(i, "
            r"j) = \frac{\partial f}{\partial \mathbf{X}}_{i j}$) of $f (\mathbf{X}) = \operatorname{tr} "
            r"(\mathbf{A} \mathbf{X})$ for $\mathbf{A}$ of shape $k \times n$, and of $g (\mathbf{X}) = "
            r"\operatorname{tr} (\mathbf{X}^{\top} \mathbf{B} \mathbf{X})$ for a square $n \times n$ matrix "
            r"$\mathbf{B}$ that is not necessarily symmetric."
        ),
        givens=(
            Given(A, "$k \times n$ matrix"),
            Given(B, "square matrix, not necessarily symmetric"),
            Given(X, "$n \times k$ matrix, the variable"),
        ),
        start=grad(linear, X),
        steps=(
            Step(
                A.T,
                (
                    r"$\operatorname{tr}(\mathbf{A} \mathbf{X}) = \sum_{i} \sum_{j} A_{j i} X_{i j}$, so $\frac{\partial "
                    r"f}{\partial \mathbf{X}}_{i j} = A_{j i} = (\mathbf{A}^{\top})_{i j}$"
                ),
            ),
            Step(
                B * X + B.T * X,
                (
                    r"$\operatorname{tr} (\mathbf{X}^{\top} \mathbf{B} \mathbf{X}) = \sum_{j} \sum_{a b} X_{a j} B_{a b} "
                    r"X_{b j}$; the product rule gives $\frac{\partial g}{\partial \mathbf{X}}_{i j} = (\mathbf{B} "
                    r"\mathbf{X})_{i j} + (\mathbf{B}^{\top} \mathbf{X})_{i j}$"
                ),
                start=grad(quadratic, X),
            ),
            Step((B + B.T) * X, r"factor out $\mathbf{X}$ (column by column this is the quadratic-form gradient)"),
        ),
        checks=(
            Grad(
                label=r"grad\_X $\operatorname{tr}(\mathbf{A} \mathbf{X}) = \mathbf{A}^{\top}$ vs \texttt{jax.grad}",
                objective=linear,
                wrt=X,
                claim=A.T,
            ),
            Grad(
                label=(
                    r"grad\_X $\operatorname{tr} (\mathbf{X}^{\top} \mathbf{B} \mathbf{X}) = (\mathbf{B} + "
                    r"\mathbf{B}^{\top}) \mathbf{X}$ vs \texttt{jax.grad}"
                ),
                objective=quadratic,
                wrt=X,
                claim=(B + B.T) * X,
            ),
        ),
        references=(
            Reference(
                "Petersen & Pedersen, The Matrix Cookbook", "section 2.5, eqs. 100 (tr(XA)) and 108 (tr(X^T B X))"
            ),
            Reference("CS229 linear algebra review (Kolter, Do)", "section 4.1: grad_A tr(AB) = B^T"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.5, eqs. 5.100-5.102"),
        ),
        tags=("gradient", "trace", "matrix calculus"),
        notes=(
            r"$\operatorname{tr}(\mathbf{A} \mathbf{X}) = \operatorname{tr}(\mathbf{X} \mathbf{A})$, so eq. "
            r"$100$ of the Matrix Cookbook $(d \operatorname{tr} (\mathbf{X} \mathbf{A})/d \mathbf{X} = "
            r"\mathbf{A}^{\top})$ is the same statement."
        ),
    )

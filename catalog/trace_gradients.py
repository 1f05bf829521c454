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
            "Let X be n x k. Find the gradient (a matrix of the shape of X, entry (i, j) = df/dX_ij) of "
            "f(X) = tr(AX) for A of shape k x n, and of g(X) = tr(X^T B X) for a square n x n matrix B that is "
            "not necessarily symmetric."
        ),
        givens=(
            Given(A, "k x n matrix"),
            Given(B, "square matrix, not necessarily symmetric"),
            Given(X, "n x k matrix, the variable"),
        ),
        start=grad(linear, X),
        steps=(
            Step(A.T, "tr(AX) = sum_i sum_j A_ji X_ij, so df/dX_ij = A_ji = (A^T)_ij"),
            Step(
                B * X + B.T * X,
                "tr(X^T B X) = sum_j sum_ab X_aj B_ab X_bj; the product rule gives dg/dX_ij = (BX)_ij + (B^T X)_ij",
                start=grad(quadratic, X),
            ),
            Step((B + B.T) * X, "factor out X (column by column this is the quadratic-form gradient)"),
        ),
        checks=(
            Grad(label="grad_X tr(AX) = A^T vs jax.grad", objective=linear, wrt=X, claim=A.T),
            Grad(label="grad_X tr(X^T B X) = (B + B^T) X vs jax.grad", objective=quadratic, wrt=X, claim=(B + B.T) * X),
        ),
        references=(
            Reference(
                "Petersen & Pedersen, The Matrix Cookbook", "section 2.5, eqs. 100 (tr(XA)) and 108 (tr(X^T B X))"
            ),
            Reference("CS229 linear algebra review (Kolter, Do)", "section 4.1: grad_A tr(AB) = B^T"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.5, eqs. 5.100-5.102"),
        ),
        tags=("gradient", "trace", "matrix calculus"),
        notes="tr(AX) = tr(XA), so eq. 100 of the Matrix Cookbook (d tr(XA)/dX = A^T) is the same statement.",
    )

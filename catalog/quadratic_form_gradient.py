"""Gradient and Hessian of the quadratic form x^T A x."""

from derive import (
    SYMMETRIC,
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    grad,
    hessian,
    matrix,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    A, S, x = matrix("A", d, d), matrix("S", d, d), vector("x", d)
    form = scalar_of(x.T * A * x)
    symmetric_form = scalar_of(x.T * S * x)
    return Derivation(
        id="quadratic-form-gradient",
        title="Gradient and Hessian of a quadratic form",
        topic="linear-algebra",
        statement=(
            "For a square matrix A (not necessarily symmetric) find the gradient and the Hessian of "
            "f(x) = x^T A x = sum_ij x_i A_ij x_j, and specialise to a symmetric S."
        ),
        givens=(
            Given(A, "square matrix, not necessarily symmetric"),
            Given(S, "symmetric matrix", SYMMETRIC),
            Given(x, "point"),
        ),
        start=grad(form, x),
        steps=(
            Step(
                A * x + A.T * x,
                "product rule on sum_ij x_i A_ij x_j: d/dx_k gives sum_j A_kj x_j + sum_i x_i A_ik = (Ax)_k + (A^T x)_k",
            ),
            Step((A + A.T) * x, "factor out x"),
            Step(2 * S * x, "for symmetric S, S + S^T = 2S", start=grad(symmetric_form, x)),
            Step(
                A + A.T,
                "differentiate (A + A^T) x once more: the Hessian is constant, and symmetric even when A is not",
                start=hessian(form, x),
            ),
        ),
        checks=(
            Grad(label="(A + A^T) x vs jax.grad, non-symmetric A", objective=form, wrt=x, claim=(A + A.T) * x),
            Grad(label="2 S x vs jax.grad, symmetric S", objective=symmetric_form, wrt=x, claim=2 * S * x),
            Grad(label="A + A^T vs jax.hessian", objective=form, wrt=x, claim=A + A.T, order="hessian"),
        ),
        references=(
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 2.4.2, eq. 81: d(x^T B x)/dx = (B + B^T) x"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.5, eq. 5.107"),
            Reference(
                "CS229 linear algebra review (Kolter, Do)", "section 4.3, gradients and Hessians of quadratic forms"
            ),
        ),
        tags=("gradient", "hessian", "quadratic form"),
        notes="Only the symmetric part (A + A^T)/2 of A matters: x^T A x = x^T ((A + A^T)/2) x.",
    )

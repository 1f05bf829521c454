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
            r"For a square matrix $\mathbf{A}$ (not necessarily symmetric) find the gradient and the Hessian of "
            r"$f(\mathbf{x}) = \mathbf{x}^{\top} \mathbf{A} \mathbf{x} = \sum_{i j} x_{i} A_{i j} x_{j}$, and "
            r"specialise to a symmetric $\mathbf{S}$."
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
                (
                    r"product rule on $\sum_{i j} x_{i} A_{i j} x_{j}$: $\frac{d}{d\mathbf{x}}_{k}$ gives $\sum_{j} A_{k "
                    r"j} x_{j} + \sum_{i} x_{i} A_{i k} = (\mathbf{A} \mathbf{x})_{k} + (\mathbf{A}^{\top} "
                    r"\mathbf{x})_{k}$"
                ),
            ),
            Step((A + A.T) * x, r"factor out $\mathbf{x}$"),
            Step(
                2 * S * x,
                r"for symmetric $\mathbf{S}$, $\mathbf{S} + \mathbf{S}^{\top} = 2\mathbf{S}$",
                start=grad(symmetric_form, x),
            ),
            Step(
                A + A.T,
                (
                    r"differentiate $(\mathbf{A} + \mathbf{A}^{\top}) \mathbf{x}$ once more: the Hessian is constant, and "
                    r"symmetric even when $\mathbf{A}$ is not"
                ),
                start=hessian(form, x),
            ),
        ),
        checks=(
            Grad(
                label=r"$(\mathbf{A} + \mathbf{A}^{\top}) \mathbf{x}$ vs \texttt{jax.grad}, non-symmetric $\mathbf{A}$",
                objective=form,
                wrt=x,
                claim=(A + A.T) * x,
            ),
            Grad(
                label=r"$2 \mathbf{S} \mathbf{x}$ vs \texttt{jax.grad}, symmetric $\mathbf{S}$",
                objective=symmetric_form,
                wrt=x,
                claim=2 * S * x,
            ),
            Grad(
                label=r"$\mathbf{A} + \mathbf{A}^{\top}$ vs \texttt{jax.hessian}",
                objective=form,
                wrt=x,
                claim=A + A.T,
                order="hessian",
            ),
        ),
        references=(
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 2.4.2, eq. 81: d(x^T B x)/dx = (B + B^T) x"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.5, eq. 5.107"),
            Reference(
                "CS229 linear algebra review (Kolter, Do)", "section 4.3, gradients and Hessians of quadratic forms"
            ),
        ),
        tags=("gradient", "hessian", "quadratic form"),
        notes=(
            r"Only the symmetric part $(\mathbf{A} + \mathbf{A}^{\top})/2$ of $\mathbf{A}$ matters: "
            r"$\mathbf{x}^{\top} \mathbf{A} \mathbf{x} = \mathbf{x}^{\top} ((\mathbf{A} + \mathbf{A}^{\top})/2) "
            r"\mathbf{x}$."
        ),
    )

"""The Rayleigh quotient: its gradient vanishes exactly at the eigenvectors."""

import sympy as sp

from derive import (
    EQUIVALENT,
    POSITIVE,
    SYMMETRIC,
    Derivation,
    Equation,
    Given,
    Grad,
    IdentityCheck,
    Inequality,
    Reference,
    Stationary,
    Step,
    dims,
    eigvec,
    grad,
    matrix,
    norm_sq,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    A, x = matrix("A", d, d), vector("x", d)
    c = scalar("c", POSITIVE)
    xx = scalar_of(x.T * x)
    R = scalar_of(x.T * A * x) / xx
    gradient = (2 / xx) * (A * x - R * x)
    eigen_rhs = R * x
    return Derivation(
        id="rayleigh-quotient",
        title="The Rayleigh quotient and eigenvectors",
        topic="linear-algebra",
        statement=(
            "For a symmetric matrix A, the Rayleigh quotient R(x) = x^T A x / x^T x (x != 0) is the variance-like "
            "quantity PCA maximises. Compute its gradient and show that it vanishes exactly when A x = R(x) x, "
            "i.e. exactly at the eigenvectors of A, where R equals the eigenvalue."
        ),
        givens=(
            Given(A, "symmetric matrix", SYMMETRIC),
            Given(x, "nonzero vector"),
            Given(c, "a nonzero scale (R is scale-invariant)"),
        ),
        start=grad(R, x),
        steps=(
            Step(
                (2 * A * x) / xx - (scalar_of(x.T * A * x) / xx**2) * (2 * x),
                "quotient rule with grad x^T A x = 2 A x (A symmetric) and grad x^T x = 2x",
            ),
            Step(gradient, "factor out 2 / x^T x"),
            Step(
                Equation(A * x, eigen_rhs),
                "2 / x^T x is never 0, so the gradient vanishes if and only if A x = R(x) x: x is an eigenvector and "
                "R(x) its eigenvalue; conversely A x = lambda x gives R(x) = lambda x^T x / x^T x = lambda",
                EQUIVALENT,
                factor=2 / xx,
                nonzero=(xx,),
            ),
        ),
        checks=(
            Grad(label="claimed gradient vs jax.grad of R", objective=R, wrt=x, claim=gradient),
            Stationary(
                label="jax.grad of R vanishes at the top eigenvector (eigh), a maximum",
                objective=R,
                at=((x, eigvec(A, 0)),),
                wrt=(x,),
                second_order="max",
            ),
            Stationary(
                label="and at a scaled second eigenvector",
                objective=R,
                at=((x, c * eigvec(A, 1)),),
                wrt=(x,),
            ),
            IdentityCheck(
                label="A x = R(x) x at a scaled eigenvector",
                lhs=A * x,
                rhs=eigen_rhs,
                where=((x, c * eigvec(A, 2)),),
            ),
            Inequality(
                label="only there: at random x the gradient is nonzero",
                lesser=sp.Float(1e-10),
                greater=scalar_of(norm_sq(grad(R, x))),
                trials=256,
            ),
        ),
        references=(
            Reference("Strang, Introduction to Linear Algebra", "section 7.2 (the Rayleigh quotient and PCA)"),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning",
                "section 10.2 (maximum variance perspective)",
            ),
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 2.4.2, eq. 81 (gradient of x^T B x)"),
        ),
        tags=("eigenvectors", "rayleigh quotient", "pca"),
        notes=(
            "R is largest at the top eigenvector (value lambda_max) and smallest at the bottom one: this is the "
            "variational characterisation of the extreme eigenvalues that PCA uses."
        ),
    )

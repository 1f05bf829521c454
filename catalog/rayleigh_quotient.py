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
            r"For a symmetric matrix $\mathbf{A}$, the Rayleigh quotient $R (\mathbf{x}) = \mathbf{x}^{\top} "
            r"\mathbf{A} \mathbf{x} / \mathbf{x}^{\top} \mathbf{x} (\mathbf{x} \neq 0)$ is the variance-like "
            r"quantity PCA maximises. Compute its gradient and show that it vanishes exactly when $\mathbf{A} "
            r"\mathbf{x} = R (\mathbf{x}) \mathbf{x}$, i.e. exactly at the eigenvectors of $\mathbf{A}$, where "
            r"$R$ equals the eigenvalue."
        ),
        givens=(
            Given(A, "symmetric matrix", SYMMETRIC),
            Given(x, "nonzero vector"),
            Given(c, "a nonzero scale ($R$ is scale-invariant)"),
        ),
        start=grad(R, x),
        steps=(
            Step(
                (2 * A * x) / xx - (scalar_of(x.T * A * x) / xx**2) * (2 * x),
                (
                    r"quotient rule with grad $\mathbf{x}^{\top} \mathbf{A} \mathbf{x} = 2 \mathbf{A} \mathbf{x} "
                    r"(\mathbf{A}$ symmetric) and grad $\mathbf{x}^{\top} \mathbf{x} = 2\mathbf{x}$"
                ),
            ),
            Step(gradient, r"factor out $2 / \mathbf{x}^{\top} \mathbf{x}$"),
            Step(
                Equation(A * x, eigen_rhs),
                (
                    r"$2 / \mathbf{x}^{\top} \mathbf{x}$ is never $0$, so the gradient vanishes if and only if "
                    r"$\mathbf{A} \mathbf{x} = R(\mathbf{x}) \mathbf{x}$: $\mathbf{x}$ is an eigenvector and $R "
                    r"(\mathbf{x})$ its eigenvalue; conversely $\mathbf{A} \mathbf{x} = \lambda \mathbf{x}$ gives $R "
                    r"(\mathbf{x}) = \lambda \mathbf{x}^{\top} \mathbf{x} / \mathbf{x}^{\top} \mathbf{x} = \lambda$"
                ),
                EQUIVALENT,
                factor=2 / xx,
                nonzero=(xx,),
            ),
        ),
        checks=(
            Grad(label=r"claimed gradient vs \texttt{jax.grad} of $R$", objective=R, wrt=x, claim=gradient),
            Stationary(
                label=r"\texttt{jax.grad} of $R$ vanishes at the top eigenvector (eigh), a maximum",
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
                label=r"A $\mathbf{x} = R(\mathbf{x}) \mathbf{x}$ at a scaled eigenvector",
                lhs=A * x,
                rhs=eigen_rhs,
                where=((x, c * eigvec(A, 2)),),
            ),
            Inequality(
                label=r"only there: at random $\mathbf{x}$ the gradient is nonzero",
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
            r"$R$ is largest at the top eigenvector (value $\lambda_{\max}$) and smallest at the bottom one: this "
            r"is the variational characterisation of the extreme eigenvalues that PCA uses."
        ),
    )

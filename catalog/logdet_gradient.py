"""Jacobi's formula and the gradient of log det X."""

import sympy as sp

from derive import (
    SPD,
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    det,
    dims,
    grad,
    inv,
    log,
    matrix,
    transpose,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    X, S = matrix("X", d, d), matrix("S", d, d)
    half = sp.Rational(1, 2)
    inverse_transpose = transpose(inv(X))
    log_abs_det = half * log(det(X) ** 2)  # log |det X|, differentiable wherever det X != 0
    return Derivation(
        id="logdet-gradient",
        title="Gradient of log det: Jacobi's formula",
        topic="linear-algebra",
        statement=(
            r"Derive Jacobi's formula $d \det(\mathbf{X}) / d \mathbf{X} = \det(\mathbf{X}) \mathbf{X}^{-T}$ for "
            r"an invertible square $\mathbf{X}$ from the cofactor expansion, and use it to show that the gradient "
            r"of $\log \det \mathbf{S}$ for a symmetric positive definite $\mathbf{S}$ (as in a Gaussian "
            r"log-likelihood) is $\mathbf{S}^{-1}$. For a general invertible $\mathbf{X}$ the gradient of $\log "
            r"|\det \mathbf{X} |$ is $\mathbf{X}^{-T}$: the transpose matters when $\mathbf{X}$ is not symmetric."
        ),
        givens=(
            Given(X, "invertible square matrix, not necessarily symmetric"),
            Given(S, "symmetric positive definite matrix (a covariance)", SPD),
        ),
        start=grad(det(X), X),
        steps=(
            Step(
                det(X) * inverse_transpose,
                (
                    r"Jacobi: expanding $\det \mathbf{X}$ along row $i$, $d \det \mathbf{X} / d X_{i j}$ is the cofactor "
                    r"$C_{i j}$, and the cofactor matrix is $C = \det(\mathbf{X}) \mathbf{X}^{-T}$ (the adjugate "
                    r"$C^{\top}$ equals $\det(\mathbf{X}) \mathbf{X}^{-1}$)"
                ),
            ),
            Step(
                grad(det(S), S) / det(S),
                r"chain rule with $d \log(u)/d u = 1/u(\det \mathbf{S} > 0$ for $\mathbf{S}$ positive definite)",
                start=grad(log(det(S)), S),
            ),
            Step(transpose(inv(S)), r"Jacobi's formula: the $\det \mathbf{S}$ factors cancel"),
            Step(inv(S), r"$\mathbf{S}$ is symmetric, so $\mathbf{S}^{-T} = \mathbf{S}^{-1}$"),
            Step(
                grad(det(X), X) / det(X),
                (
                    r"$\log |\det \mathbf{X} | = \tfrac{1}{2} \log((\det \mathbf{X})^{2})$; the chain rule gives "
                    r"$\tfrac{1}{2} \cdot 2 \det(\mathbf{X}) / \det(\mathbf{X})^{2}$ times $d \det \mathbf{X} / d "
                    r"\mathbf{X}$"
                ),
                start=grad(log_abs_det, X),
            ),
            Step(
                inverse_transpose,
                (
                    r"Jacobi's formula again: the gradient is $\mathbf{X}^{-T}$, not $\mathbf{X}^{-1}$, for non-symmetric "
                    r"$\mathbf{X}$"
                ),
            ),
        ),
        checks=(
            Grad(
                label=r"Jacobi's formula vs \texttt{jax.grad} of $\det$",
                objective=det(X),
                wrt=X,
                claim=det(X) * inverse_transpose,
            ),
            Grad(
                label=r"grad $\log \det \mathbf{S} = \mathbf{S}^{-1}$ vs \texttt{jax.grad}, $\mathbf{S}$ SPD",
                objective=log(det(S)),
                wrt=S,
                claim=inv(S),
            ),
            Grad(
                label=r"grad $\log |\det \mathbf{X} | = \mathbf{X}^{-T}$ vs \texttt{jax.grad}, $\mathbf{X}$ not symmetric",
                objective=log_abs_det,
                wrt=X,
                claim=inverse_transpose,
            ),
        ),
        references=(
            Reference(
                "Petersen & Pedersen, The Matrix Cookbook",
                "section 2.1.1, eqs. 49 (d det X/dX) and 57 (d log|det X|/dX)",
            ),
            Reference("Bishop, Pattern Recognition and Machine Learning", "appendix C, eqs. C.22 and C.28"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.5, eqs. 5.101-5.103"),
        ),
        tags=("determinant", "gradient", "gaussian likelihood"),
        notes=(
            r"The gradient with respect to $\mathbf{S}$ treats its $d^{2}$ entries as independent, the convention "
            r"of the Matrix Cookbook and of \texttt{jax.grad}; with $\mathbf{S}$ symmetric the answer "
            r"$\mathbf{S}^{-1}$ is itself symmetric."
        ),
    )

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
            "Derive Jacobi's formula d det(X) / dX = det(X) X^{-T} for an invertible square X from the cofactor "
            "expansion, and use it to show that the gradient of log det S for a symmetric positive definite S "
            "(as in a Gaussian log-likelihood) is S^{-1}. For a general invertible X the gradient of log |det X| "
            "is X^{-T}: the transpose matters when X is not symmetric."
        ),
        givens=(
            Given(X, "invertible square matrix, not necessarily symmetric"),
            Given(S, "symmetric positive definite matrix (a covariance)", SPD),
        ),
        start=grad(det(X), X),
        steps=(
            Step(
                det(X) * inverse_transpose,
                "Jacobi: expanding det X along row i, d det X / dX_ij is the cofactor C_ij, and the cofactor matrix "
                "is C = det(X) X^{-T} (the adjugate C^T equals det(X) X^{-1})",
            ),
            Step(
                grad(det(S), S) / det(S),
                "chain rule with d log(u)/du = 1/u (det S > 0 for S positive definite)",
                start=grad(log(det(S)), S),
            ),
            Step(transpose(inv(S)), "Jacobi's formula: the det S factors cancel"),
            Step(inv(S), "S is symmetric, so S^{-T} = S^{-1}"),
            Step(
                grad(det(X), X) / det(X),
                "log |det X| = 1/2 log((det X)^2); the chain rule gives 1/2 * 2 det(X) / det(X)^2 times d det X / dX",
                start=grad(log_abs_det, X),
            ),
            Step(inverse_transpose, "Jacobi's formula again: the gradient is X^{-T}, not X^{-1}, for non-symmetric X"),
        ),
        checks=(
            Grad(
                label="Jacobi's formula vs jax.grad of det", objective=det(X), wrt=X, claim=det(X) * inverse_transpose
            ),
            Grad(label="grad log det S = S^{-1} vs jax.grad, S SPD", objective=log(det(S)), wrt=S, claim=inv(S)),
            Grad(
                label="grad log|det X| = X^{-T} vs jax.grad, X not symmetric",
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
            "The gradient with respect to S treats its d^2 entries as independent, the convention of the Matrix "
            "Cookbook and of jax.grad; with S symmetric the answer S^{-1} is itself symmetric."
        ),
    )

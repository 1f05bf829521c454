"""The orthogonal projection onto the column space of A: symmetric, idempotent, and the least-squares fit."""

import sympy as sp

from derive import (
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    dims,
    inv,
    lstsq,
    matrix,
    transpose,
    vector,
)


def derivation() -> Derivation:
    n, k = dims("n k")
    A, y, w = matrix("A", n, k), vector("y", n), vector("w", k)
    gram_inv = inv(A.T * A)
    P = A * gram_inv * A.T
    fit = A * gram_inv * A.T * y
    normal_solution = Equation(w, gram_inv * A.T * y)
    return Derivation(
        id="projection-matrix",
        title="The projection matrix onto a column space",
        topic="linear-algebra",
        statement=(
            "Let A be n x k with full column rank (k <= n) and P = A (A^T A)^{-1} A^T. Show that P is symmetric "
            "(P^T = P) and idempotent (P P = P), so it is an orthogonal projection, and that the least-squares "
            "fit A w* of y, with w* = (A^T A)^{-1} A^T y from the normal equations, is P y."
        ),
        givens=(
            Given(A, "matrix with full column rank, k <= n"),
            Given(y, "vector to project (targets)"),
            Given(w, "least-squares coefficients (normal-equations)", defined_by=normal_solution),
        ),
        start=transpose(P),
        steps=(
            Step(
                sp.MatMul(A, transpose(gram_inv), A.T, evaluate=False),
                "(XYZ)^T = Z^T Y^T X^T, and (A^T)^T = A",
            ),
            Step(P, "(M^{-1})^T = (M^T)^{-1} and A^T A is symmetric: P^T = P"),
            Step(
                sp.MatMul(A, gram_inv, A.T * A, gram_inv, A.T, evaluate=False),
                "write P P out; group the middle A^T A",
                start=sp.MatMul(P, P, evaluate=False),
            ),
            Step(P, "(A^T A)^{-1} (A^T A) = I: P P = P"),
            Step(
                fit,
                "the least-squares fit A w* with w* = (A^T A)^{-1} A^T y (normal equations)",
                start=A * w,
                using=(normal_solution,),
            ),
        ),
        checks=(
            IdentityCheck(label="P^T = P", lhs=transpose(P), rhs=P),
            IdentityCheck(label="P P = P", lhs=P * P, rhs=P),
            IdentityCheck(label="A times a least-squares solver's w equals P y", lhs=A * lstsq(A, y), rhs=fit),
        ),
        references=(
            Reference(
                "Strang, Introduction to Linear Algebra",
                "section 4.2, projection onto a subspace, P = A(A^T A)^{-1} A^T",
            ),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 3.8.2, eq. 3.59"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 3.1.2 (geometry of least squares)"),
        ),
        tags=("projection", "least squares", "hat matrix"),
        sizes=((n, 3), (k, 2)),
        notes=(
            "P is the 'hat matrix' of regression: y-hat = P y. I - P projects onto the orthogonal complement, so "
            "the residual y - P y is orthogonal to every column of A."
        ),
    )

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
            r"Let $\mathbf{A}$ be $n \times k$ with full column rank $(k \leq n)$ and $P = \mathbf{A} "
            r"(\mathbf{A}^{\top} \mathbf{A})^{-1} \mathbf{A}^{\top}$. Show that $P$ is symmetric $(P^{\top} = P)$ "
            r"and idempotent $(P P = P)$, so it is an orthogonal projection, and that the least-squares fit "
            r"$\mathbf{A} \mathbf{w}^{\star}$ of $\mathbf{y}$, with $\mathbf{w}^{\star} = (\mathbf{A}^{\top} "
            r"\mathbf{A})^{-1} \mathbf{A}^{\top} \mathbf{y}$ from the normal equations, is $P \mathbf{y}$."
        ),
        givens=(
            Given(A, r"matrix with full column rank, $k \leq n$"),
            Given(y, "vector to project (targets)"),
            Given(w, "least-squares coefficients (normal-equations)", defined_by=normal_solution),
        ),
        start=transpose(P),
        steps=(
            Step(
                sp.MatMul(A, transpose(gram_inv), A.T, evaluate=False),
                (r"$(XYZ)^{\top} = Z^{\top} Y^{\top} X^{\top}$, and $(\mathbf{A}^{\top})^{\top} = \mathbf{A}$"),
            ),
            Step(
                P,
                r"$(M^{-1})^{\top} = (M^{\top})^{-1}$ and $\mathbf{A}^{\top} \mathbf{A}$ is symmetric: $P^{\top} = P$",
            ),
            Step(
                sp.MatMul(A, gram_inv, A.T * A, gram_inv, A.T, evaluate=False),
                r"write $P P$ out; group the middle $\mathbf{A}^{\top} \mathbf{A}$",
                start=sp.MatPow(P, 2),
            ),
            Step(P, r"$(\mathbf{A}^{\top} \mathbf{A})^{-1} (\mathbf{A}^{\top} \mathbf{A}) = I$: $P P = P$"),
            Step(
                fit,
                (
                    r"the least-squares fit $\mathbf{A} \mathbf{w}^{\star}$ with $\mathbf{w}^{\star} = (\mathbf{A}^{\top} "
                    r"\mathbf{A})^{-1} \mathbf{A}^{\top} \mathbf{y}$ (normal equations)"
                ),
                start=A * w,
                using=(normal_solution,),
            ),
        ),
        checks=(
            IdentityCheck(label=r"$P^{\top} = P$", lhs=transpose(P), rhs=P),
            IdentityCheck(label="$P P = P$", lhs=P * P, rhs=P),
            IdentityCheck(
                label=r"A times a least-squares solver's $\mathbf{w}$ equals $P \mathbf{y}$",
                lhs=A * lstsq(A, y),
                rhs=fit,
            ),
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
            r"$P$ is the 'hat matrix' of regression: $\hat{\mathbf{y}} = P \mathbf{y}$. $I - P$ projects onto "
            r"the orthogonal complement, so the residual $\mathbf{y} - P \mathbf{y}$ is orthogonal to every "
            r"column of $\mathbf{A}$."
        ),
    )

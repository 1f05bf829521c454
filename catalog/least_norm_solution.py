"""The minimum-norm solution of an underdetermined linear system, by a Lagrangian."""

import sympy as sp

from derive import (
    EQUIVALENT,
    KKT,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Reference,
    Step,
    dims,
    grad,
    inv,
    matrix,
    norm_sq,
    vector,
)


def derivation() -> Derivation:
    m, n = dims("m n")
    A, b, x, nu = matrix("A", m, n), vector("b", m), vector("x", n), vector("nu", m)
    half = sp.Rational(1, 2)
    objective = sp.MatMul(half, norm_sq(x))
    constraint = A * x - b
    lagrangian = objective + nu.T * constraint
    stationary_x = Equation(x, -A.T * nu)
    multiplier = Equation(nu, -inv(A * A.T) * b)
    solution = A.T * inv(A * A.T) * b
    return Derivation(
        id="least-norm-solution",
        title="The least-norm solution of Ax = b",
        topic="linear-algebra",
        statement=(
            "A has more columns than rows (m < n) and full row rank, so Ax = b has infinitely many solutions. "
            "Find the one of smallest norm: minimise 1/2 ||x||^2 (the same minimiser as ||x||^2) subject to "
            "Ax = b, with a Lagrange multiplier vector nu for the m equality constraints."
        ),
        givens=(
            Given(A, "wide matrix with full row rank, m < n"),
            Given(b, "right-hand side"),
            Given(x, "unknown"),
            Given(nu, "Lagrange multipliers, one per equation"),
        ),
        start=grad(lagrangian, x),
        steps=(
            Step(x + A.T * nu, "grad of 1/2 x^T x is x; grad of nu^T A x is A^T nu"),
            Step(stationary_x, "stationarity: x = -A^T nu lies in the row space of A", SOLVES),
            Step(-(A * A.T) * nu - b, "put x = -A^T nu into the constraint A x - b", start=A * (-A.T * nu) - b),
            Step(
                Equation(A * A.T * nu, -b),
                "feasibility A x = b",
                EQUIVALENT,
                factor=sp.Integer(-1),
            ),
            Step(multiplier, "A A^T (m x m) is invertible when A has full row rank", SOLVES, nonzero=(A * A.T,)),
            Step(
                solution,
                "substitute nu into x = -A^T nu",
                start=x,
                using=(stationary_x, multiplier),
            ),
        ),
        checks=(
            KKT(
                label="random instance solved as a QP; KKT holds and x = A^T (A A^T)^{-1} b, nu = -(A A^T)^{-1} b",
                objective=objective,
                variables=(x,),
                equalities=constraint,
                equality_multiplier=nu,
                closed_form=((x, solution), (nu, multiplier.rhs)),
                dual_objective=-sp.MatMul(half, norm_sq(A.T * nu)) - b.T * nu,
            ),
        ),
        references=(
            Reference(
                "Boyd & Vandenberghe, Convex Optimization", "section 5.5.3 (KKT) and section 6.2, least-norm problems"
            ),
            Reference(
                "Boyd & Vandenberghe, Introduction to Applied Linear Algebra (VMLS)",
                "section 16.3 (least-norm problem)",
            ),
            Reference(
                "Strang, Introduction to Linear Algebra", "section 7.4 (the pseudoinverse: the minimum-norm solution)"
            ),
        ),
        tags=("lagrange multipliers", "pseudoinverse", "underdetermined systems"),
        notes=(
            "A^T (A A^T)^{-1} is the pseudoinverse of a wide full-row-rank A. The objective is convex and the "
            "constraint affine, so the KKT point is the global minimiser; the dual function is "
            "-1/2 ||A^T nu||^2 - b^T nu and strong duality holds."
        ),
    )

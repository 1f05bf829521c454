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
            r"A has more columns than rows $(m < n)$ and full row rank, so $\mathbf{A} \mathbf{x} = \mathbf{b}$ "
            r"has infinitely many solutions. Find the one of smallest norm: minimise $\tfrac{1}{2} \|\mathbf{x} "
            r"\|^{2}$ (the same minimiser as $\|\mathbf{x} \|^{2}$) subject to $\mathbf{A} \mathbf{x} = "
            r"\mathbf{b}$, with a Lagrange multiplier vector $\boldsymbol{\nu}$ for the $m$ equality constraints."
        ),
        givens=(
            Given(A, "wide matrix with full row rank, $m < n$"),
            Given(b, "right-hand side"),
            Given(x, "unknown"),
            Given(nu, "Lagrange multipliers, one per equation"),
        ),
        start=grad(lagrangian, x),
        steps=(
            Step(
                x + A.T * nu,
                (
                    r"grad of $\tfrac{1}{2} \mathbf{x}^{\top} \mathbf{x}$ is $\mathbf{x}$; grad of "
                    r"$\boldsymbol{\nu}^{\top} \mathbf{A} \mathbf{x}$ is $\mathbf{A}^{\top} \boldsymbol{\nu}$"
                ),
            ),
            Step(
                stationary_x,
                (
                    r"stationarity: $\mathbf{x} = -\mathbf{A}^{\top} \boldsymbol{\nu}$ lies in the row space of "
                    r"$\mathbf{A}$"
                ),
                SOLVES,
            ),
            Step(
                -(A * A.T) * nu - b,
                (
                    r"put $\mathbf{x} = -\mathbf{A}^{\top} \boldsymbol{\nu}$ into the constraint $\mathbf{A} \mathbf{x} - "
                    r"\mathbf{b}$"
                ),
                start=constraint,
                using=(stationary_x,),
            ),
            Step(
                Equation(A * A.T * nu, -b),
                r"feasibility $\mathbf{A} \mathbf{x} = \mathbf{b}$",
                EQUIVALENT,
                factor=sp.Integer(-1),
            ),
            Step(
                multiplier,
                r"$\mathbf{A} \mathbf{A}^{\top} (m \mathbf{x} m)$ is invertible when $\mathbf{A}$ has full row rank",
                SOLVES,
                nonzero=(A * A.T,),
            ),
            Step(
                solution,
                r"substitute $\boldsymbol{\nu}$ into $\mathbf{x} = -\mathbf{A}^{\top} \boldsymbol{\nu}$",
                start=x,
                using=(stationary_x, multiplier),
            ),
        ),
        checks=(
            KKT(
                label=(
                    r"random instance solved as a QP; KKT holds and $\mathbf{x} = \mathbf{A}^{\top} (\mathbf{A} "
                    r"\mathbf{A}^{\top})^{-1} \mathbf{b}$, $\boldsymbol{\nu} = -(\mathbf{A} \mathbf{A}^{\top})^{-1} "
                    r"\mathbf{b}$"
                ),
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
            r"$\mathbf{A}^{\top} (\mathbf{A} \mathbf{A}^{\top})^{-1}$ is the pseudoinverse of a wide "
            r"full-row-rank $\mathbf{A}$. The objective is convex and the constraint affine, so the KKT point is "
            r"the global minimiser; the dual function is $-\tfrac{1}{2} \|\mathbf{A}^{\top} \boldsymbol{\nu} "
            r"\|^{2} - \mathbf{b}^{\top} \boldsymbol{\nu}$ and strong duality holds."
        ),
    )

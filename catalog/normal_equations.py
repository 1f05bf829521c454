"""Least squares: the gradient, the normal equations and their solution."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Grad,
    IdentityCheck,
    Reference,
    Stationary,
    Step,
    dims,
    grad,
    inv,
    lstsq,
    matrix,
    norm_sq,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    half = sp.Rational(1, 2)
    loss = sp.MatMul(half, norm_sq(X * w - y))
    expanded = sp.MatMul(half, w.T * X.T * X * w) - y.T * X * w + sp.MatMul(half, y.T * y)
    solution = inv(X.T * X) * X.T * y
    return Derivation(
        id="normal-equations",
        title="Least squares and the normal equations",
        topic="linear-algebra",
        statement=(
            r"Minimise the squared error $L (\mathbf{w}) = \tfrac{1}{2} \|\mathbf{X} \mathbf{w} - \mathbf{y} "
            r"\|^{2}$ over $\mathbf{w}$. Compute the gradient, set it to zero to get the normal equations, and "
            r"solve them when $\mathbf{X}$ has full column rank."
        ),
        givens=(
            Given(X, r"design matrix with full column rank $(n \geq d)$"),
            Given(w, "weights"),
            Given(y, "targets"),
        ),
        start=grad(loss, w),
        steps=(
            Step(
                grad(expanded, w),
                (
                    r"expand the square: $(\mathbf{X} \mathbf{w} - \mathbf{y})^{\top} (\mathbf{X} \mathbf{w} - "
                    r"\mathbf{y}) = \mathbf{w}^{\top} \mathbf{X}^{\top} \mathbf{X} \mathbf{w} - 2 \mathbf{y}^{\top} "
                    r"\mathbf{X} \mathbf{w} + \mathbf{y}^{\top} \mathbf{y}$"
                ),
            ),
            Step(
                X.T * X * w - X.T * y,
                (
                    r"grad of $\mathbf{w}^{\top} A \mathbf{w}$ is $2A \mathbf{w}$ for symmetric $A = \mathbf{X}^{\top} "
                    r"\mathbf{X}$; grad of $b^{\top} \mathbf{w}$ is $b$"
                ),
            ),
            Step(X.T * (X * w - y), r"factor out $\mathbf{X}^{\top}$"),
            Step(Equation(X.T * X * w, X.T * y), "a minimum of the convex $L$ has zero gradient", EQUIVALENT),
            Step(
                Equation(w, solution),
                r"$\mathbf{X}^{\top} \mathbf{X}$ is invertible when $\mathbf{X}$ has full column rank",
                SOLVES,
                nonzero=(X.T * X,),
            ),
        ),
        checks=(
            Grad(
                label=r"$\mathbf{X}^{\top}(\mathbf{X} \mathbf{w} - \mathbf{y})$ vs \texttt{jax.grad} of the loss",
                objective=loss,
                wrt=w,
                claim=X.T * (X * w - y),
            ),
            Stationary(
                label=r"\texttt{jax.grad} vanishes at the closed form, Hessian PSD",
                objective=loss,
                at=((w, solution),),
                wrt=(w,),
                second_order="min",
            ),
            IdentityCheck(
                label="closed form equals a least-squares solver", lhs=solution, rhs=lstsq(X, y), tolerance=1e-7
            ),
        ),
        references=(
            Reference("CS229 lecture notes (Ng)", "part I, section 2: the normal equations"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 9.2.1"),
            Reference("Petersen & Pedersen, The Matrix Cookbook", "eq. 81 (derivative of a quadratic form)"),
        ),
        tags=("gradient", "regression", "closed form"),
    )

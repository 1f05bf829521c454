"""Ridge regression: the gradient of the penalised squared error and its closed-form minimiser."""

import sympy as sp

from derive import (
    EQUIVALENT,
    POSITIVE,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Grad,
    Reference,
    Stationary,
    Step,
    dims,
    eye,
    grad,
    inv,
    matrix,
    norm_sq,
    scalar,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    lam = scalar("lambda", POSITIVE)
    half = sp.Rational(1, 2)
    loss = sp.MatMul(half, norm_sq(X * w - y)) + lam * sp.MatMul(half, norm_sq(w))
    expanded = sp.MatMul(half, w.T * (X.T * X + lam * eye(d)) * w) - y.T * X * w + sp.MatMul(half, y.T * y)
    gradient = X.T * (X * w - y) + lam * w
    solution = inv(X.T * X + lam * eye(d)) * X.T * y
    return Derivation(
        id="ridge-closed-form",
        title="Ridge regression in closed form",
        topic="optimization",
        statement=(
            "Ridge regression minimises L(w) = 1/2 ||Xw - y||^2 + lambda/2 ||w||^2 with lambda > 0. Compute the "
            "gradient, set it to zero, and solve for w. Why is the solution unique even when X^T X is singular?"
        ),
        givens=(
            Given(X, "design matrix, one example per row (any rank)"),
            Given(w, "weights"),
            Given(y, "targets"),
            Given(lam, "regularisation strength", POSITIVE),
        ),
        start=grad(loss, w),
        steps=(
            Step(
                grad(expanded, w),
                "expand the squares: ||Xw - y||^2 + lambda ||w||^2 = w^T (X^T X + lambda I) w - 2 y^T X w + y^T y",
            ),
            Step(
                (X.T * X + lam * eye(d)) * w - X.T * y,
                "grad of 1/2 w^T A w is Aw for symmetric A = X^T X + lambda I; grad of y^T X w is X^T y",
            ),
            Step(gradient, "regroup: the data term X^T (Xw - y) plus the penalty term lambda w"),
            Step(
                Equation((X.T * X + lam * eye(d)) * w, X.T * y),
                "L is strictly convex (Hessian X^T X + lambda I is positive definite), so its minimum is where the "
                "gradient vanishes",
                EQUIVALENT,
            ),
            Step(
                Equation(w, solution),
                "X^T X + lambda I is invertible: v^T (X^T X + lambda I) v = ||Xv||^2 + lambda ||v||^2 > 0 for v != 0",
                SOLVES,
                nonzero=(X.T * X + lam * eye(d),),
            ),
        ),
        checks=(
            Grad(label="X^T(Xw - y) + lambda w vs jax.grad of the loss", objective=loss, wrt=w, claim=gradient),
            Stationary(
                label="jax.grad vanishes at the closed form, Hessian positive definite",
                objective=loss,
                at=((w, solution),),
                wrt=(w,),
                second_order="min",
            ),
            Stationary(
                label="also when X^T X is singular (fewer examples than features)",
                objective=loss,
                at=((w, solution),),
                wrt=(w,),
                second_order="min",
                sizes=((n, 3), (d, 6)),
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 3.1.4, eq. 3.28"),
            Reference("Hastie, Tibshirani, Friedman: The Elements of Statistical Learning", "section 3.4.1, eq. 3.44"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 6.3.2 (regularized approximation)"),
        ),
        tags=("gradient", "regularization", "closed form"),
        notes=(
            "Unlike the normal equations, the ridge system has a unique solution for every X: the penalty makes "
            "the Hessian X^T X + lambda I positive definite, so the solution exists even with more features than "
            "examples."
        ),
        sizes=((n, 3), (d, 2)),
    )

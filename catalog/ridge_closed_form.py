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
            r"Ridge regression minimises $L (\mathbf{w}) = \tfrac{1}{2} \|\mathbf{X} \mathbf{w} - \mathbf{y} "
            r"\|^{2} + \lambda /2 \|\mathbf{w} \|^{2}$ with $\lambda > 0$. Compute the gradient, set it to zero, "
            r"and solve for $\mathbf{w}$. Why is the solution unique even when $\mathbf{X}^{\top} \mathbf{X}$ is "
            r"singular?"
        ),
        givens=(
            Given(X, r"design matrix, one example per row ($a n \mathbf{y}$ rank)"),
            Given(w, "weights"),
            Given(y, "targets"),
            Given(lam, "regularisation strength", POSITIVE),
        ),
        start=grad(loss, w),
        steps=(
            Step(
                grad(expanded, w),
                (
                    r"expand the squares: $\|\mathbf{X} \mathbf{w} - \mathbf{y} \|^{2} + \lambda \|\mathbf{w} \|^{2} = "
                    r"\mathbf{w}^{\top} (\mathbf{X}^{\top} \mathbf{X} + \lambda I) \mathbf{w} - 2 \mathbf{y}^{\top} "
                    r"\mathbf{X} \mathbf{w} + \mathbf{y}^{\top} \mathbf{y}$"
                ),
            ),
            Step(
                (X.T * X + lam * eye(d)) * w - X.T * y,
                (
                    r"grad of $\tfrac{1}{2} \mathbf{w}^{\top} A \mathbf{w}$ is Aw for symmetric $A = \mathbf{X}^{\top} "
                    r"\mathbf{X} + \lambda I$; grad of $\mathbf{y}^{\top} \mathbf{X} \mathbf{w}$ is $\mathbf{X}^{\top} "
                    r"\mathbf{y}$"
                ),
            ),
            Step(
                gradient,
                (
                    r"regroup: the data term $\mathbf{X}^{\top} (\mathbf{X} \mathbf{w} - \mathbf{y})$ plus the penalty "
                    r"term $\lambda \mathbf{w}$"
                ),
            ),
            Step(
                Equation((X.T * X + lam * eye(d)) * w, X.T * y),
                (
                    r"$L$ is strictly convex (Hessian $\mathbf{X}^{\top} \mathbf{X} + \lambda I$ is positive definite), "
                    r"so its minimum is where the gradient vanishes"
                ),
                EQUIVALENT,
            ),
            Step(
                Equation(w, solution),
                (
                    r"$\mathbf{X}^{\top} \mathbf{X} + \lambda I$ is invertible: $v^{\top} (\mathbf{X}^{\top} \mathbf{X} + "
                    r"\lambda I) v = \|\mathbf{X} v \|^{2} + \lambda \|v \|^{2} > 0$ for $v \neq 0$"
                ),
                SOLVES,
                nonzero=(X.T * X + lam * eye(d),),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"$\mathbf{X}^{\top}(\mathbf{X} \mathbf{w} - \mathbf{y}) + \lambda \mathbf{w}$ vs \texttt{jax.grad} "
                    r"of the loss"
                ),
                objective=loss,
                wrt=w,
                claim=gradient,
            ),
            Stationary(
                label=r"\texttt{jax.grad} vanishes at the closed form, Hessian positive definite",
                objective=loss,
                at=((w, solution),),
                wrt=(w,),
                second_order="min",
            ),
            Stationary(
                label=r"also when $\mathbf{X}^{\top} \mathbf{X}$ is singular (fewer examples than features)",
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
            r"Unlike the normal equations, the ridge system has a unique solution for every $\mathbf{X}$: the "
            r"penalty makes the Hessian $\mathbf{X}^{\top} \mathbf{X} + \lambda I$ positive definite, so the "
            r"solution exists even with more features than examples."
        ),
        sizes=((n, 3), (d, 2)),
    )

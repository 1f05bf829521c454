"""Newton's method: minimise the second-order Taylor model; on a quadratic one step is exact."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SOLVES,
    SPD,
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
    hessian,
    inv,
    matrix,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    x, g, delta, b = vector("x", d), vector("g", d), vector("delta", d), vector("b", d)
    H, A = matrix("H", d, d), matrix("A", d, d)
    f0 = scalar("f0")
    half = sp.Rational(1, 2)
    model = f0 + scalar_of(g.T * delta) + half * scalar_of(delta.T * H * delta)
    quadratic = half * scalar_of(x.T * A * x) - scalar_of(b.T * x)
    newton_from_x = x - inv(hessian(quadratic, x)) * grad(quadratic, x)
    result = inv(A) * b
    return Derivation(
        id="newton-step",
        title="Newton's step from the second-order Taylor model",
        topic="calculus",
        statement=(
            r"Near a point $\mathbf{x}$, a twice-differentiable $f$ is approximated by its second-order Taylor "
            r"model $m (\boldsymbol{\delta}) = f (\mathbf{x}) + \mathbf{g}^{\top} \boldsymbol{\delta} + "
            r"\tfrac{1}{2} \boldsymbol{\delta}^{\top} \mathbf{H} \boldsymbol{\delta}$, with $\mathbf{g}$ = grad "
            r"$f(\mathbf{x})$ and $\mathbf{H}$ = the Hessian at $\mathbf{x}$ (positive definite). Find the step "
            r"$\boldsymbol{\delta}$ that minimises the model, giving Newton's update $\mathbf{x} - "
            r"\mathbf{H}^{-1} \mathbf{g}$. Then show that on a quadratic $f (\mathbf{x}) = \tfrac{1}{2} "
            r"\mathbf{x}^{\top} \mathbf{A} \mathbf{x} - \mathbf{b}^{\top} \mathbf{x} (\mathbf{A}$ positive "
            r"definite) one Newton step from any $\mathbf{x}$ lands exactly on the minimiser."
        ),
        givens=(
            Given(f0, r"$f(\mathbf{x})$, the value at the current point"),
            Given(g, "gradient of $f$ at the current point"),
            Given(H, "Hessian of $f$ at the current point", SPD),
            Given(delta, "a step away from the current point"),
            Given(x, "the current point, for the quadratic"),
            Given(A, "curvature of the quadratic", SPD),
            Given(b, "linear term of the quadratic"),
        ),
        start=grad(model, delta),
        steps=(
            Step(
                g + H * delta,
                (
                    r"the gradient of $\mathbf{g}^{\top} \boldsymbol{\delta}$ is $\mathbf{g}$; of $\tfrac{1}{2} "
                    r"\boldsymbol{\delta}^{\top} \mathbf{H} \boldsymbol{\delta}$ it is $\mathbf{H} \boldsymbol{\delta} "
                    r"(\mathbf{H}$ symmetric)"
                ),
            ),
            Step(
                Equation(H * delta, -g),
                (
                    r"$\mathbf{H}$ is positive definite, so the model is strictly convex and its minimiser is where its "
                    r"gradient vanishes"
                ),
                EQUIVALENT,
            ),
            Step(
                Equation(delta, -(inv(H) * g)),
                (
                    r"$\mathbf{H}$ is invertible: the Newton step $\boldsymbol{\delta} = -\mathbf{H}^{-1} \mathbf{g}$, so "
                    r"$\mathbf{x}_{\mathrm{new}} = \mathbf{x} - \mathbf{H}^{-1} \nabla f(\mathbf{x})$"
                ),
                SOLVES,
            ),
            Step(
                x - inv(A) * (A * x - b),
                (
                    r"on the quadratic, grad $f(\mathbf{x}) = \mathbf{A} \mathbf{x} - \mathbf{b}$ and the Hessian is "
                    r"$\mathbf{A} (\mathbf{A}$ symmetric)"
                ),
                start=newton_from_x,
            ),
            Step(
                result,
                (
                    r"$\mathbf{A}^{-1} \mathbf{A} \mathbf{x} = \mathbf{x}$: the step lands on $\mathbf{A}^{-1} "
                    r"\mathbf{b}$, wherever it starts"
                ),
            ),
        ),
        checks=(
            Grad(
                label=r"$\mathbf{g} + \mathbf{H} \boldsymbol{\delta}$ vs \texttt{jax.grad} of the Taylor model",
                objective=model,
                wrt=delta,
                claim=g + H * delta,
            ),
            Stationary(
                label=(
                    r"the model's \texttt{jax.grad} vanishes at $\boldsymbol{\delta} = -\mathbf{H}^{-1} \mathbf{g}$, "
                    r"Hessian PSD"
                ),
                objective=model,
                at=((delta, -(inv(H) * g)),),
                wrt=(delta,),
                second_order="min",
            ),
            IdentityCheck(
                label=(
                    r"one Newton step from a random $\mathbf{x}$, with \texttt{jax.grad} and \texttt{jax.hessian} of $f$, "
                    r"equals $\mathbf{A}^{-1} \mathbf{b}$"
                ),
                lhs=newton_from_x,
                rhs=result,
                tolerance=1e-7,
            ),
            Stationary(
                label=r"$\mathbf{A}^{-1} \mathbf{b}$ is the minimiser: \texttt{jax.grad} of $f$ vanishes there, Hessian PSD",
                objective=quadratic,
                at=((x, result),),
                wrt=(x,),
                second_order="min",
                tolerance=1e-7,
            ),
        ),
        references=(
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 9.5.1 (the Newton step)"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.8 (Taylor series)"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 8.6.1, eqs. 8.26-8.27"),
            Reference("CS229 lecture notes (Ng)", "part II, section 7: Newton's method"),
        ),
        sizes=((d, 3),),
        tags=("newton's method", "taylor expansion", "hessian", "second-order"),
        notes=(
            "On a non-quadratic $f$ the model is only local, so Newton's method iterates, usually with a line "
            "search; near a minimiser with a positive definite Hessian it converges quadratically. Applied to "
            "the logistic loss (logistic-hessian) it is iteratively reweighted least squares."
        ),
    )

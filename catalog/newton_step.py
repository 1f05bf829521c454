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
            "Near a point x, a twice-differentiable f is approximated by its second-order Taylor model "
            "m(delta) = f(x) + g^T delta + 1/2 delta^T H delta, with g = grad f(x) and H = the Hessian at x "
            "(positive definite). Find the step delta that minimises the model, giving Newton's update "
            "x - H^(-1) g. Then show that on a quadratic f(x) = 1/2 x^T A x - b^T x (A positive definite) one "
            "Newton step from any x lands exactly on the minimiser."
        ),
        givens=(
            Given(f0, "f(x), the value at the current point"),
            Given(g, "gradient of f at the current point"),
            Given(H, "Hessian of f at the current point", SPD),
            Given(delta, "a step away from the current point"),
            Given(x, "the current point, for the quadratic"),
            Given(A, "curvature of the quadratic", SPD),
            Given(b, "linear term of the quadratic"),
        ),
        start=grad(model, delta),
        steps=(
            Step(g + H * delta, "the gradient of g^T delta is g; of 1/2 delta^T H delta it is H delta (H symmetric)"),
            Step(
                Equation(H * delta, -g),
                "H is positive definite, so the model is strictly convex and its minimiser is where its "
                "gradient vanishes",
                EQUIVALENT,
            ),
            Step(
                Equation(delta, -(inv(H) * g)),
                "H is invertible: the Newton step delta = -H^(-1) g, so x_new = x - H^(-1) grad f(x)",
                SOLVES,
            ),
            Step(
                x - inv(A) * (A * x - b),
                "on the quadratic, grad f(x) = Ax - b and the Hessian is A (A symmetric)",
                start=newton_from_x,
            ),
            Step(result, "A^(-1) A x = x: the step lands on A^(-1) b, wherever it starts"),
        ),
        checks=(
            Grad(label="g + H delta vs jax.grad of the Taylor model", objective=model, wrt=delta, claim=g + H * delta),
            Stationary(
                label="the model's jax.grad vanishes at delta = -H^(-1) g, Hessian PSD",
                objective=model,
                at=((delta, -(inv(H) * g)),),
                wrt=(delta,),
                second_order="min",
            ),
            IdentityCheck(
                label="one Newton step from a random x, with jax.grad and jax.hessian of f, equals A^(-1) b",
                lhs=newton_from_x,
                rhs=result,
                tolerance=1e-7,
            ),
            Stationary(
                label="A^(-1) b is the minimiser: jax.grad of f vanishes there, Hessian PSD",
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
            "On a non-quadratic f the model is only local, so Newton's method iterates, usually with a line "
            "search; near a minimiser with a positive definite Hessian it converges quadratically. Applied to "
            "the logistic loss (logistic-hessian) it is iteratively reweighted least squares."
        ),
    )

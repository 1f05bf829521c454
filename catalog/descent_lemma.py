"""The descent lemma: a gradient step of length 1/L decreases an L-smooth function."""

import sympy as sp

from derive import (
    POSITIVE,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Inequality,
    Reference,
    Stationary,
    Step,
    dims,
    eigval,
    exp,
    grad,
    log,
    matrix,
    norm_sq,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    A, c, x, y, u = matrix("A", n, d), vector("c", d), vector("x", d), vector("y", d), vector("u", d)
    L = scalar("L", POSITIVE)

    def f(at):
        """A smooth, non-quadratic test function: softplus of Ax plus a linear term."""
        return scalar_of(ones(n).T * log(ones(n) + exp(A * at))) + scalar_of(c.T * at)

    g = grad(f(x), x)

    def model(at):
        """The quadratic upper model that L-smoothness gives at x."""
        return f(x) + scalar_of(g.T * (at - x)) + L / 2 * scalar_of(norm_sq(at - x))

    step_point = x - sp.MatMul(1 / L, g)
    gg = scalar_of(norm_sq(g))
    result = f(x) - gg / (2 * L)
    smooth = {"where": ((L, sp.MatMul(sp.Rational(1, 4), eigval(A.T * A, 0))),), "trials": 256}
    return Derivation(
        id="descent-lemma",
        title="The descent lemma: a 1/L gradient step decreases an L-smooth function",
        topic="optimization",
        statement=(
            "f is L-smooth: its gradient is L-Lipschitz, which gives the quadratic upper bound "
            "f(y) <= f(x) + grad f(x)^T (y - x) + L/2 ||y - x||^2 for all x, y. Minimise the right-hand side over y, "
            "and conclude that the gradient step y = x - grad f(x)/L guarantees "
            "f(x - grad f(x)/L) <= f(x) - ||grad f(x)||^2 / (2L). The derivation is written for the test function "
            "f(x) = sum_i log(1 + exp(a_i^T x)) + c^T x, which is L-smooth with L = lambda_max(A^T A)/4, but no step "
            "uses its form."
        ),
        givens=(
            Given(A, "rows a_i of the test function"),
            Given(c, "linear term of the test function"),
            Given(x, "the current point"),
            Given(y, "the next point, a variable"),
            Given(L, "smoothness constant: grad f is L-Lipschitz", POSITIVE),
        ),
        start=grad(model(y), y),
        steps=(
            Step(g + L * (y - x), "the gradient in y of the upper model: grad f(x) + L (y - x)"),
            Step(
                Equation(y, step_point),
                "the model is a convex quadratic in y (Hessian L I): its minimiser is the gradient step with "
                "learning rate 1/L",
                SOLVES,
            ),
            Step(
                model(step_point),
                "L-smoothness: f lies below its quadratic upper model at every y, in particular at y = x - grad f/L",
                STATES,
                start=f(step_point),
                states="<=",
                checked_by=1,
            ),
            Step(
                f(x) - gg / L + gg / (2 * L),
                "substitute y - x = -grad f/L: the linear term is -||grad f||^2/L and the quadratic term is "
                "L/2 ||grad f||^2/L^2",
            ),
            Step(result, "collect: f(x - grad f/L) <= f(x) - ||grad f(x)||^2/(2L), a guaranteed decrease"),
        ),
        checks=(
            Inequality(
                label="descent lemma on random instances: f(x - grad f/L) <= f(x) - ||grad f||^2/(2L)",
                lesser=f(step_point),
                greater=result,
                **smooth,
            ),
            IdentityCheck(
                label="the minimum value of the quadratic upper model is f(x) - ||grad f||^2/(2L)",
                lhs=model(step_point),
                rhs=result,
                **smooth,
            ),
            Stationary(
                label="the upper model's jax.grad vanishes at y = x - grad f/L, Hessian positive definite",
                objective=model(y),
                at=((y, step_point),),
                wrt=(y,),
                second_order="min",
                **smooth,
            ),
            Inequality(
                label="the instances are L-smooth: f(u) <= its quadratic upper model at random u",
                lesser=f(u),
                greater=model(u),
                extra=(Given(u, "a random point"),),
                **smooth,
            ),
        ),
        references=(
            Reference("Nesterov, Lectures on Convex Optimization", "2nd ed., lemma 1.2.3 and eq. 1.2.19"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 9.3.1 (gradient descent analysis), eq. 9.9"),
            Reference("Nocedal & Wright, Numerical Optimization", "2nd ed., section 3.2 (sufficient decrease)"),
        ),
        tags=("smoothness", "gradient descent", "inequality"),
        notes=(
            "Summing the guaranteed decrease over K steps gives min_k ||grad f(x_k)||^2 <= 2L (f(x_0) - f*)/K, the "
            "basic convergence rate of gradient descent on smooth (even non-convex) functions."
        ),
        sizes=((n, 3), (d, 2)),
    )

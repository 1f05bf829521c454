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
    Intermediate,
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

    g = vector("g", d)  # the gradient at x, named: the rows keep g, the checkers write it out
    gradient = Intermediate(g, grad(f(x), x), r"the gradient $\nabla f(\mathbf{x})$")

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
            r"$f$ is $L$-smooth: its gradient is $L$-Lipschitz, which gives the quadratic upper bound "
            r"$f(\mathbf{y}) \leq f(\mathbf{x}) + \nabla f(\mathbf{x})^{\top} (\mathbf{y} - \mathbf{x}) + "
            r"\tfrac{L}{2} \|\mathbf{y} - \mathbf{x}\|^{2}$ for all $\mathbf{x}$, $\mathbf{y}$. Minimise the "
            r"right-hand side over $\mathbf{y}$, and conclude that the gradient step $\mathbf{y} = \mathbf{x} - "
            r"\nabla f(\mathbf{x})/L$ guarantees $f(\mathbf{x} - \nabla f(\mathbf{x})/L) \leq f(\mathbf{x}) - "
            r"\|\nabla f(\mathbf{x})\|^{2} / (2L)$. The derivation is written for the test function "
            r"$f(\mathbf{x}) = \sum_{i} \log(1 + \exp(a_{i}^{\top} \mathbf{x})) + \mathbf{c}^{\top} \mathbf{x}$, "
            r"which is $L$-smooth with $L = \lambda_{\max} (\mathbf{A}^{\top} \mathbf{A})/4$, but no step uses "
            r"its form."
        ),
        givens=(
            Given(A, "rows $a_{i}$ of the test function"),
            Given(c, "linear term of the test function"),
            Given(x, "the current point"),
            Given(y, "the next point, a variable"),
            Given(L, r"smoothness constant: $\nabla f$ is $L$-Lipschitz", POSITIVE),
        ),
        start=grad(model(y), y),
        steps=(
            Step(
                g + L * (y - x),
                r"the gradient in $\mathbf{y}$ of the upper model: $\nabla f(\mathbf{x}) + L(\mathbf{y} - \mathbf{x})$",
            ),
            Step(
                Equation(y, step_point),
                (
                    r"the model is a convex quadratic in $\mathbf{y}$ (Hessian $L I$): its minimiser is the gradient step "
                    r"with learning rate $1/L$"
                ),
                SOLVES,
            ),
            Step(
                sp.Add(f(x), -gg / L, gg / (2 * L), evaluate=False),
                (
                    r"$L$-smoothness: $f$ lies below its quadratic upper model at every $\mathbf{y}$, in particular at "
                    r"$\mathbf{y} = \mathbf{x} - \mathbf{g}/L$, where $\mathbf{y} - \mathbf{x} = -\mathbf{g}/L$ makes "
                    r"the linear term $-\mathbf{g}^{\top} \mathbf{g}/L$ and the quadratic term "
                    r"$\tfrac{L}{2} \mathbf{g}^{\top} \mathbf{g}/L^{2}$"
                ),
                STATES,
                start=f(step_point),
                states="<=",
                checked_by=1,
            ),
            Step(
                result,
                (
                    r"collect: $f(\mathbf{x} - \nabla f/L) \leq f(\mathbf{x}) - \|\nabla f(\mathbf{x})\|^{2}/(2L)$, a "
                    r"guaranteed decrease"
                ),
            ),
        ),
        intermediates=(gradient,),
        checks=(
            Inequality(
                label=(
                    r"descent lemma on random instances: $f(\mathbf{x} - \nabla f/L) \leq f(\mathbf{x}) - \|\nabla "
                    r"f\|^{2}/(2L)$"
                ),
                lesser=f(step_point),
                greater=result,
                **smooth,
            ),
            IdentityCheck(
                label=(r"the minimum value of the quadratic upper model is $f(\mathbf{x}) - \|\nabla f\|^{2}/(2L)$"),
                lhs=model(step_point),
                rhs=result,
                **smooth,
            ),
            Stationary(
                label=(
                    r"the upper model's \texttt{jax.grad} vanishes at $\mathbf{y} = \mathbf{x} - \nabla f/L$, Hessian "
                    r"positive definite"
                ),
                objective=model(y),
                at=((y, step_point),),
                wrt=(y,),
                second_order="min",
                **smooth,
            ),
            Inequality(
                label=(
                    r"the instances are $L$-smooth: $f(\mathbf{u}) \leq$ its quadratic upper model at random $\mathbf{u}$"
                ),
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
            r"Summing the guaranteed decrease over $K$ steps gives $\min_{k} \|\nabla f(\mathbf{x}_{k})\|^{2} "
            r"\leq 2L (f(\mathbf{x}_{0}) - f^{*})/K$, the basic convergence rate of gradient descent on smooth "
            r"(even non-convex) functions."
        ),
        sizes=((n, 3), (d, 2)),
    )

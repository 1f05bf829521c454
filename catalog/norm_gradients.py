"""Gradients of the squared L2 norm, the L2 norm, and a subgradient of the L1 norm."""

import sympy as sp

from derive import (
    BINARY,
    STATES,
    Derivation,
    Given,
    Grad,
    Inequality,
    Reference,
    Step,
    absolute,
    dims,
    grad,
    hadamard,
    norm_sq,
    ones,
    scalar_of,
    sign,
    sqrt,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    x, y, x0, mask = vector("x", d), vector("y", d), vector("x0", d), vector("m", d)
    squared = norm_sq(x)
    norm = sqrt(scalar_of(norm_sq(x)))

    def l1(v):
        return scalar_of(ones(d).T * absolute(v))

    signs = sign(x)  # one object: an elementwise sign built twice would not compare equal
    subgradient_bound = l1(x) + scalar_of(signs.T * (y - x))
    return Derivation(
        id="norm-gradients",
        title="Gradients of norms: ||x||^2, ||x|| and a subgradient of ||x||_1",
        topic="linear-algebra",
        statement=(
            "Compute the gradient of ||x||_2^2 = x^T x and of ||x||_2 = sqrt(x^T x) (for x != 0). The L1 norm "
            "||x||_1 = sum_i |x_i| is not differentiable where some x_i = 0: show that sign(x) is its gradient "
            "where it is differentiable and a subgradient everywhere, i.e. ||y||_1 >= ||x||_1 + sign(x)^T (y - x) "
            "for all y."
        ),
        givens=(
            Given(x, "point (nonzero for ||x||_2; entries nonzero where the L1 gradient is taken)"),
            Given(y, "any other point"),
        ),
        start=grad(squared, x),
        steps=(
            Step(2 * x, "x^T x = sum_i x_i^2 and d/dx_i x_i^2 = 2 x_i"),
            Step(
                (1 / (2 * norm)) * grad(squared, x),
                "chain rule: d/du sqrt(u) = 1 / (2 sqrt(u)) with u = x^T x",
                start=grad(norm, x),
            ),
            Step(x / norm, "the gradient of x^T x is 2x: the unit vector x / ||x||_2"),
            Step(
                sp.GreaterThan(l1(y), subgradient_bound),
                "subgradient inequality, coordinate by coordinate: |x_i| = sign(x_i) x_i and |y_i| >= sign(x_i) y_i "
                "since |sign(x_i)| <= 1; at x_i = 0, sign(0) = 0 lies in the subdifferential [-1, 1] (checked "
                "numerically with points that have zero coordinates)",
                STATES,
                start=l1(y),
                checked_by=3,
            ),
            Step(
                signs,
                "where every x_i != 0, d|x_i|/dx_i = sign(x_i): the gradient, and then the only subgradient",
                start=grad(l1(x), x),
            ),
        ),
        checks=(
            Grad(label="grad ||x||^2 = 2x vs jax.grad", objective=squared, wrt=x, claim=2 * x),
            Grad(label="grad ||x|| = x/||x|| vs jax.grad", objective=norm, wrt=x, claim=x / norm),
            Inequality(
                label="sign(x) is a subgradient of ||.||_1, also at points with zero coordinates",
                lesser=subgradient_bound,
                greater=l1(y),
                where=((x, hadamard(mask, x0)),),
                extra=(
                    Given(x0, "random point"),
                    Given(mask, "which coordinates of x are kept (others are 0)", BINARY),
                ),
                trials=256,
                tolerance=1e-12,
            ),
            Grad(
                label="grad ||x||_1 = sign(x) vs jax.grad (inputs away from the kinks x_i = 0)",
                objective=l1(x),
                wrt=x,
                claim=signs,
                avoid=(x,),
            ),
        ),
        references=(
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 2.6.1 (derivative of the two-norm)"),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning",
                "section 5.5 (useful identities for gradients)",
            ),
            Reference(
                "Boyd & Vandenberghe, Convex Optimization",
                "section 3.1.3: the first-order condition f(y) >= f(x) + grad f(x)^T (y - x), which a subgradient extends to nonsmooth f",
            ),
        ),
        tags=("norms", "gradient", "subgradient"),
        notes=(
            "The L1 check leaves out random points with a coordinate within 1e-3 of 0, where |.| has its kink; the "
            "subgradient inequality is checked at points whose coordinates are set to exactly 0 at random."
        ),
    )

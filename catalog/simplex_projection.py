"""Euclidean projection onto the probability simplex through the KKT conditions."""

import sympy as sp

from derive import (
    KKT,
    POSITIVE,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    Reference,
    Step,
    dims,
    grad,
    norm_sq,
    ones,
    relu,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    z, x, gamma = vector("z", n), vector("x", n), vector("gamma", n)
    nu = scalar("nu")
    half = sp.Rational(1, 2)
    objective = sp.MatMul(half, norm_sq(x - z))
    lagrangian = scalar_of(objective) + nu * (scalar_of(ones(n).T * x) - 1) - scalar_of(gamma.T * x)
    slack = relu(nu * ones(n) - z)
    result = relu(z - nu * ones(n))
    return Derivation(
        id="simplex-projection",
        title="Projection onto the probability simplex",
        topic="optimization",
        statement=(
            r"Project a point $\mathbf{z}$ onto the probability simplex: minimise $\tfrac{1}{2} \|\mathbf{x} - "
            r"\mathbf{z} \|^{2}$ subject to $\sum_{i} x_{i} = 1$ and $\mathbf{x} \geq 0$. Write the Lagrangian "
            r"with a multiplier $\nu$ for the equality and $\boldsymbol{\gamma} \geq 0$ for $\mathbf{x} \geq 0$, "
            r"and use the KKT conditions to show that $x_{i} = \max(z_{i} - \nu, 0)$, where the threshold $\nu$ "
            r"is fixed by $\sum_{i} \max(z_{i} - \nu, 0) = 1$."
        ),
        givens=(
            Given(z, "the point to project"),
            Given(x, "the projection"),
            Given(nu, r"multiplier of $\sum_{i} x_{i} = 1$ (the threshold)"),
            Given(gamma, r"multipliers of $x_{i} \geq 0$", POSITIVE),
        ),
        start=grad(lagrangian, x),
        steps=(
            Step(
                x - z + nu * ones(n) - gamma,
                (
                    r"grad of $\tfrac{1}{2} \|\mathbf{x} - \mathbf{z} \|^{2}$ is $\mathbf{x} - \mathbf{z}$; the "
                    r"constraints are linear"
                ),
            ),
            Step(
                Equation(x, z - nu * ones(n) + gamma), "stationarity: the gradient of the Lagrangian vanishes", SOLVES
            ),
            Step(
                Equation(gamma, slack),
                (
                    r"complementary slackness $\gamma_{i} x_{i} = 0$ with $\gamma_{i} \geq 0$, $x_{i} \geq 0$: if $x_{i} "
                    r"> 0$ then $\gamma_{i} = 0$ (and $z_{i} - \nu > 0$); if $x_{i} = 0$ then $\gamma_{i} = \nu - z_{i}$, "
                    r"which must be $\geq 0$. Both cases: $\gamma_{i} = \max(\nu - z_{i}, 0)$"
                ),
                STATES,
                start=gamma,
                checked_by=1,
            ),
            Step(
                result,
                (
                    r"substitute: $z_{i} - \nu + \max(\nu - z_{i}, 0) = \max(z_{i} - \nu, 0)$; $\nu$ is then the unique "
                    r"value with $\sum_{i} \max(z_{i} - \nu, 0) = 1$ (the left side decreases in $\nu$), found by sorting "
                    r"$\mathbf{z}$"
                ),
                start=z - nu * ones(n) + gamma,
                using=(Equation(gamma, slack),),
            ),
        ),
        checks=(
            KKT(
                label=(
                    r"random projections solved as a QP: KKT holds, $\mathbf{x} = \max(\mathbf{z} - \nu, 0)$ and "
                    r"$\boldsymbol{\gamma} = \max(\nu - \mathbf{z}, 0)$ with $\nu$ the solver's multiplier"
                ),
                objective=objective,
                variables=(x,),
                inequalities=-x,
                equalities=ones(n).T * x - ones(1),
                inequality_multiplier=gamma,
                equality_multiplier=nu,
                closed_form=((x, result), (gamma, slack)),
                sizes=((n, 6),),
            ),
        ),
        references=(
            Reference(
                "Duchi, Shalev-Shwartz, Singer, Chandra: Efficient Projections onto the l1-Ball (2008)",
                "section 3, algorithm 1",
            ),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 5.5.3 (KKT optimality conditions)"),
            Reference("Parikh & Boyd, Proximal Algorithms", "section 6.2.5 (projection onto the simplex)"),
        ),
        tags=("kkt", "projection", "simplex"),
        notes=(
            r"Sorting $\mathbf{z}$ decreasingly as $\mathbf{z}_{1} \geq$ ... $\geq \mathbf{z}_{n}$, the "
            r"threshold is $\nu = (\sum_{j \leq r} \mathbf{z}_{j} - 1)/r$ for the largest $r$ with "
            r"$\mathbf{z}_{r} > \nu$. Coordinates below the threshold are set to $0$: the projection is sparse."
        ),
        sizes=((n, 3),),
    )

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
            "Project a point z onto the probability simplex: minimise 1/2 ||x - z||^2 subject to sum_i x_i = 1 and "
            "x >= 0. Write the Lagrangian with a multiplier nu for the equality and gamma >= 0 for x >= 0, and use "
            "the KKT conditions to show that x_i = max(z_i - nu, 0), where the threshold nu is fixed by "
            "sum_i max(z_i - nu, 0) = 1."
        ),
        givens=(
            Given(z, "the point to project"),
            Given(x, "the projection"),
            Given(nu, "multiplier of sum_i x_i = 1 (the threshold)"),
            Given(gamma, "multipliers of x_i >= 0", POSITIVE),
        ),
        start=grad(lagrangian, x),
        steps=(
            Step(x - z + nu * ones(n) - gamma, "grad of 1/2 ||x - z||^2 is x - z; the constraints are linear"),
            Step(
                Equation(x, z - nu * ones(n) + gamma), "stationarity: the gradient of the Lagrangian vanishes", SOLVES
            ),
            Step(
                Equation(gamma, slack),
                "complementary slackness gamma_i x_i = 0 with gamma_i >= 0, x_i >= 0: if x_i > 0 then gamma_i = 0 "
                "(and z_i - nu > 0); if x_i = 0 then gamma_i = nu - z_i, which must be >= 0. Both cases: "
                "gamma_i = max(nu - z_i, 0)",
                STATES,
                start=gamma,
                checked_by=1,
            ),
            Step(
                result,
                "substitute: z_i - nu + max(nu - z_i, 0) = max(z_i - nu, 0); nu is then the unique value with "
                "sum_i max(z_i - nu, 0) = 1 (the left side decreases in nu), found by sorting z",
                start=z - nu * ones(n) + gamma,
                using=(Equation(gamma, slack),),
            ),
        ),
        checks=(
            KKT(
                label="random projections solved as a QP: KKT holds, x = max(z - nu, 0) and gamma = max(nu - z, 0) "
                "with nu the solver's multiplier",
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
            "Sorting z decreasingly as z_(1) >= ... >= z_(n), the threshold is nu = (sum_{j<=r} z_(j) - 1)/r for "
            "the largest r with z_(r) > nu. Coordinates below the threshold are set to 0: the projection is sparse."
        ),
        sizes=((n, 3),),
    )

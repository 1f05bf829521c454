"""The sample covariance matrix: centred data, the mean of outer products, positive semidefinite."""

import sympy as sp

from derive import (
    STATES,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Inequality,
    Reference,
    Step,
    dims,
    matrix,
    mean_outer,
    norm_sq,
    ones,
    scalar_of,
    transpose,
    vector,
)


def derivation() -> Derivation:
    d, n = dims("d n")
    X, Xc, mu, v = matrix("X", n, d), matrix("X_c", n, d), vector("mu", d), vector("v", d)
    inv_n = 1 / n
    mean = Equation(mu, sp.MatMul(inv_n, X.T * ones(n)))  # the mean of the rows
    centred = Equation(Xc, X - ones(n) * mu.T)  # each row minus the mean
    definitions = ((mu, mean.rhs), (Xc, centred.rhs))
    C = sp.MatMul(inv_n, Xc.T * Xc)
    quadratic = scalar_of(v.T * C * v)
    spread = scalar_of(sp.MatMul(inv_n, norm_sq(Xc * v)))
    return Derivation(
        id="covariance-matrix",
        title="The sample covariance matrix",
        topic="linear-algebra",
        statement=(
            "The rows x_i^T of X (n x d) are n observations. With the mean mu = (1/n) X^T 1 and the centred data "
            "X_c = X - 1 mu^T, show that C = (1/n) X_c^T X_c is the mean of the outer products (x_i - mu)(x_i - mu)^T, "
            "that it also equals the mean of x_i x_i^T minus mu mu^T, and that it is positive semidefinite: "
            "v^T C v >= 0 for every v."
        ),
        givens=(
            Given(X, "data, one observation per row"),
            Given(mu, "the mean observation, (1/n) X^T 1", defined_by=mean),
            Given(Xc, "the centred data, X - 1 mu^T", defined_by=centred),
            Given(v, "any direction"),
        ),
        start=quadratic,
        steps=(
            Step(spread, "v^T X_c^T X_c v = (X_c v)^T (X_c v)"),
            Step(
                sp.GreaterThan(spread, 0),
                "a squared norm is >= 0: (1/n)||X_c v||^2 is the variance of the data along v, so C is positive "
                "semidefinite (checked numerically on random data and directions, also with n < d)",
                STATES,
                checked_by=1,
            ),
            Step(
                mean_outer(X) - mu * mu.T,
                "expand (x_i - mu)(x_i - mu)^T = x_i x_i^T - x_i mu^T - mu x_i^T + mu mu^T and average: the mean "
                "of the x_i is mu",
                start=mean_outer(Xc),
                using=(mean, centred),
            ),
            Step(
                C,
                "row by row: X_c^T X_c = sum_i (x_i - mu)(x_i - mu)^T, since row i of X_c is (x_i - mu)^T",
                start=mean_outer(Xc),
            ),
        ),
        checks=(
            Inequality(
                label="v^T C v >= 0 for random data and directions",
                lesser=sp.Integer(0),
                greater=quadratic,
                where=definitions,
                trials=256,
            ),
            Inequality(
                label="and with fewer observations than dimensions (C singular)",
                lesser=sp.Float(-1e-12),
                greater=quadratic,
                where=definitions,
                sizes=((n, 3), (d, 6)),
                trials=256,
            ),
            IdentityCheck(
                label="mean outer product of the centred rows = mean of x x^T - mu mu^T",
                lhs=mean_outer(Xc),
                rhs=mean_outer(X) - mu * transpose(mu),
                where=definitions,
            ),
            IdentityCheck(
                label="the mean outer product (an einsum over rows) equals (1/n) X_c^T X_c",
                lhs=mean_outer(Xc),
                rhs=C,
                where=definitions,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 12.1.1, eq. 12.3"),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 6.4.2, eqs. 6.41-6.42 (and 6.44)"
            ),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 4.1.3 (sample covariance)"),
        ),
        tags=("covariance", "outer product", "positive semidefinite"),
        notes="Dividing by n - 1 instead of n gives the unbiased estimator; every statement here holds for both.",
    )

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
    Stated,
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
    C = sp.MatMul(inv_n, Xc.T * Xc)
    covariance = matrix("C", d, d)  # named in the rows and the result, defined from the centred data
    sample_covariance = Equation(covariance, C)
    definitions = ((mu, mean.rhs), (Xc, centred.rhs), (covariance, C))
    quadratic = scalar_of(v.T * covariance * v)
    spread = scalar_of(sp.MatMul(inv_n, norm_sq(Xc * v)))
    return Derivation(
        id="covariance-matrix",
        title="The sample covariance matrix",
        topic="linear-algebra",
        statement=(
            r"The rows $x_{i}^{\top}$ of $\mathbf{X}$ ($n \times d$) are $n$ observations. With the mean "
            r"$\boldsymbol{\mu} = (1/n) \mathbf{X}^{\top} \mathbf{1}$ and the centred data $\mathbf{X}_{c} = \mathbf{X} - "
            r"\mathbf{1} \boldsymbol{\mu}^{\top}$, show that $C = (1/n) \mathbf{X}_{c}^{\top} \mathbf{X}_{c}$ is the mean "
            r"of the outer products $(x_{i} - \boldsymbol{\mu})(x_{i} - \boldsymbol{\mu})^{\top}$, that it also "
            r"equals the mean of $x_{i} x_{i}^{\top}$ minus $\boldsymbol{\mu} \boldsymbol{\mu}^{\top}$, and that "
            r"it is positive semidefinite: $\mathbf{v}^{\top} C \mathbf{v} \geq 0$ for every $\mathbf{v}$."
        ),
        givens=(
            Given(X, "data, one observation per row"),
            Given(mu, r"the mean observation, $(1/n) \mathbf{X}^{\top} \mathbf{1}$", defined_by=mean),
            Given(Xc, r"the centred data, $\mathbf{X} - \mathbf{1} \boldsymbol{\mu}^{\top}$", defined_by=centred),
            Given(
                covariance,
                r"the sample covariance, $(1/n) \mathbf{X}_{c}^{\top} \mathbf{X}_{c}$",
                defined_by=sample_covariance,
            ),
            Given(v, "any direction"),
        ),
        start=quadratic,
        steps=(
            Step(
                spread,
                (
                    r"$\mathbf{v}^{\top} \mathbf{X}_{c}^{\top} \mathbf{X}_{c} \mathbf{v} = (\mathbf{X}_{c} "
                    r"\mathbf{v})^{\top} (\mathbf{X}_{c} \mathbf{v})$"
                ),
                using=(sample_covariance,),
            ),
            Step(
                sp.Integer(0),
                (
                    r"a squared norm is $\geq 0$: $(1/n)\|\mathbf{X}_{c} \mathbf{v} \|^{2}$ is the variance of the data "
                    r"along $\mathbf{v}$, so $C$ is positive semidefinite (checked numerically on random data and "
                    r"directions, also with $n < d$)"
                ),
                STATES,
                states=">=",
                checked_by=1,
            ),
            Step(
                C,
                (
                    r"$C$ is the mean of the outer products: row $i$ of $\mathbf{X}_{c}$ is $(x_{i} - "
                    r"\boldsymbol{\mu})^{\top}$, so $\mathbf{X}_{c}^{\top} \mathbf{X}_{c} = \sum_{i=1}^{n} (x_{i} - "
                    r"\boldsymbol{\mu})(x_{i} - \boldsymbol{\mu})^{\top}$"
                ),
                start=covariance,
                using=(sample_covariance,),
            ),
            Step(
                sp.MatMul(inv_n, transpose(centred.rhs) * centred.rhs),
                r"write out the centred data",
                using=(centred,),
            ),
            Step(
                sp.MatMul(inv_n, X.T * X) - mu * mu.T,
                (
                    r"expand the product: $\mathbf{X}^{\top} \mathbf{1} = n \boldsymbol{\mu}$ and $\mathbf{1}^{\top} "
                    r"\mathbf{1} = n$, so the cross terms give $-2 \boldsymbol{\mu} \boldsymbol{\mu}^{\top}$ and the "
                    r"last $+\boldsymbol{\mu} \boldsymbol{\mu}^{\top}$; $(1/n) \mathbf{X}^{\top} \mathbf{X}$ is the "
                    r"mean of the $x_{i} x_{i}^{\top}$"
                ),
                using=(mean,),
            ),
        ),
        results=(
            Equation(covariance, sp.MatMul(inv_n, X.T * X) - mu * mu.T),
            Stated(quadratic, ">=", sp.Integer(0)),
        ),
        checks=(
            Inequality(
                label=r"$(1/n) \|\mathbf{X}_{c} \mathbf{v}\|^{2} \geq 0$ for random data and directions",
                lesser=sp.Integer(0),
                greater=spread,
                where=definitions,
                trials=256,
            ),
            Inequality(
                label="and with fewer observations than dimensions ($C$ singular)",
                lesser=sp.Float(-1e-12),
                greater=spread,
                where=definitions,
                sizes=((n, 3), (d, 6)),
                trials=256,
            ),
            IdentityCheck(
                label=(
                    r"the mean outer product of the centred rows (an einsum over rows) equals $(1/n) \mathbf{X}^{\top} "
                    r"\mathbf{X} - \boldsymbol{\mu} \boldsymbol{\mu}^{\top}$"
                ),
                lhs=mean_outer(Xc),
                rhs=sp.MatMul(inv_n, X.T * X) - mu * transpose(mu),
                where=definitions,
            ),
            IdentityCheck(
                label=r"the mean outer product (an einsum over rows) equals $(1/n) \mathbf{X}_{c}^{\top} \mathbf{X}_{c}$",
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
        notes=("Dividing by $n - 1$ instead of $n$ gives the unbiased estimator; every statement here holds for both."),
    )

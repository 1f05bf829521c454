"""PCA as a constrained maximisation: the Lagrangian gives the eigenvector equation."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SPD,
    UNIT,
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
    eigvec,
    grad,
    matrix,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    Sigma, v, u = matrix("Sigma", d, d), vector("v", d), vector("u", d)
    lam = scalar("lambda")
    lagrangian = scalar_of(v.T * Sigma * v) - lam * (scalar_of(v.T * v) - 1)
    variance = scalar_of(v.T * Sigma * v)
    top = eigvec(Sigma, 0)
    return Derivation(
        id="pca-lagrangian",
        title="PCA through a Lagrangian: the first principal direction",
        topic="linear-algebra",
        statement=(
            r"The first principal direction maximises the variance $\mathbf{v}^{\top} \boldsymbol{\Sigma} "
            r"\mathbf{v}$ of the data projected on a unit vector $\mathbf{v}$, where $\boldsymbol{\Sigma}$ is the "
            r"covariance matrix. Solve $\max \mathbf{v}^{\top} \boldsymbol{\Sigma} \mathbf{v}$ subject to "
            r"$\mathbf{v}^{\top} \mathbf{v} = 1$ with a Lagrange multiplier $\lambda$."
        ),
        givens=(
            Given(Sigma, "covariance matrix", SPD),
            Given(v, "a unit direction", defined_by=Equation(scalar_of(v.T * v), sp.Integer(1))),
            Given(lam, "Lagrange multiplier"),
        ),
        start=grad(lagrangian, v),
        steps=(
            Step(
                2 * Sigma * v - 2 * lam * v,
                (
                    r"grad of $\mathbf{v}^{\top} A \mathbf{v}$ is $2A \mathbf{v}$ for symmetric $A$; grad of "
                    r"$\mathbf{v}^{\top} \mathbf{v}$ is $2\mathbf{v}$"
                ),
            ),
            Step(
                Equation(Sigma * v, lam * v),
                (
                    r"stationarity of the Lagrangian: $\mathbf{v}$ is an eigenvector of $\boldsymbol{\Sigma}$, $\lambda$ "
                    r"its eigenvalue"
                ),
                EQUIVALENT,
                factor=sp.Integer(2),
            ),
            Step(
                lam * scalar_of(v.T * v),
                (
                    r"the variance along an eigenvector: multiply $\boldsymbol{\Sigma} \mathbf{v} = \lambda \mathbf{v}$ "
                    r"by $\mathbf{v}^{\top}$"
                ),
                start=variance,
                using=(Equation(Sigma * v, lam * v),),
            ),
            Step(
                lam,
                r"the constraint $\mathbf{v}^{\top} \mathbf{v} = 1$",
                using=(Equation(scalar_of(v.T * v), sp.Integer(1)),),
            ),
        ),
        checks=(
            Stationary(
                label="Lagrangian gradient vanishes at the top eigenpair (from eigh)",
                objective=lagrangian,
                at=((v, top), (lam, eigval(Sigma, 0))),
                wrt=(v, lam),
            ),
            Stationary(
                label="and at the second eigenpair",
                objective=lagrangian,
                at=((v, eigvec(Sigma, 1)), (lam, eigval(Sigma, 1))),
                wrt=(v, lam),
            ),
            IdentityCheck(
                label="the variance along the top eigenvector equals the top eigenvalue",
                lhs=variance,
                rhs=lam,
                where=((v, top), (lam, eigval(Sigma, 0))),
            ),
            Inequality(
                label="the top eigenvector's variance beats a random unit vector's",
                lesser=scalar_of(u.T * Sigma * u),
                greater=scalar_of(top.T * Sigma * top),
                extra=(Given(u, "random unit direction", UNIT),),
                trials=256,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 12.1.1, eqs. 12.4-12.5"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 10.2"),
        ),
        tags=("eigenvectors", "lagrange multipliers", "dimensionality reduction"),
        notes=(
            r"The variance at a stationary point equals $\lambda$, so the maximum is reached at the eigenvector "
            r"of the largest eigenvalue: the top eigenvector is the first principal direction."
        ),
    )

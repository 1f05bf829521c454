"""PCA as a constrained maximisation: the Lagrangian gives the eigenvector equation."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SPD,
    STATES,
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
    # the maximiser and its value, givens defined by the eigen-equation; the numeric checks take
    # them from eigh's top eigenpair
    u1, lam_top = vector("u_1", d), scalar("lambda_1")
    top_value = scalar_of(eigval(Sigma, 0))
    top_eigen = Equation(Sigma * u1, lam_top * u1)
    top_unit = Equation(scalar_of(u1.T * u1), sp.Integer(1))
    attained = scalar_of(u1.T * Sigma * u1)
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
            Given(lam_top, r"the largest eigenvalue of $\boldsymbol{\Sigma}$"),
            Given(
                u1,
                r"a unit eigenvector of $\boldsymbol{\Sigma}$ for $\lambda_{1}$ (the top eigenvector)",
                defined_by=(top_eigen, top_unit),
            ),
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
                lam_top,
                (
                    r"write $\boldsymbol{\Sigma} = \sum_{i} \lambda_{i} \mathbf{u}_{i} \mathbf{u}_{i}^{\top}$ with "
                    r"orthonormal eigenvectors: $\mathbf{v}^{\top} \boldsymbol{\Sigma} \mathbf{v} = \sum_{i} \lambda_{i} "
                    r"(\mathbf{u}_{i}^{\top} \mathbf{v})^{2} \leq \lambda_{1} \sum_{i} (\mathbf{u}_{i}^{\top} "
                    r"\mathbf{v})^{2} = \lambda_{1}$ for every unit $\mathbf{v}$"
                ),
                STATES,
                start=variance,
                states="<=",
                checked_by=4,
            ),
            Step(
                lam_top * scalar_of(u1.T * u1),
                (
                    r"the top eigenvector attains the bound: multiply $\boldsymbol{\Sigma} \mathbf{u}_{1} = "
                    r"\lambda_{1} \mathbf{u}_{1}$ by $\mathbf{u}_{1}^{\top}$"
                ),
                start=attained,
                using=(top_eigen,),
            ),
            Step(lam_top, r"$\mathbf{u}_{1}$ is a unit vector", using=(top_unit,)),
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
                at=((v, u1), (lam, lam_top)),
                wrt=(v, lam),
                where=((u1, top), (lam_top, top_value)),
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
                label=r"the variance along a random unit vector is at most $\lambda_{1}$ (from eigh)",
                lesser=variance,
                greater=lam_top,
                where=((v, u), (lam_top, top_value)),
                extra=(Given(u, "random unit direction", UNIT),),
                trials=256,
            ),
            IdentityCheck(
                label=r"the variance along eigh's top eigenvector is $\lambda_{1}$",
                lhs=attained,
                rhs=lam_top,
                where=((u1, top), (lam_top, top_value)),
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 12.1.1, eqs. 12.4-12.5"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 10.2"),
        ),
        tags=("eigenvectors", "lagrange multipliers", "dimensionality reduction"),
        results=(Equation(v, u1), Equation(variance, lam_top)),
        notes=(
            r"The variance at a stationary point equals its multiplier $\lambda$, an eigenvalue; no unit vector "
            r"does better than $\lambda_{1}$, and $\mathbf{u}_{1}$ reaches it: the top eigenvector is the "
            r"first principal direction."
        ),
    )

"""Gradient descent on a quadratic: the contraction factor per step and the best learning rate."""

import sympy as sp

from derive import (
    KKT,
    ORTHONORMAL,
    POSITIVE,
    SOLVES,
    STATES,
    SYMMETRIC,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Iterate,
    Reference,
    Step,
    diag,
    dims,
    eye,
    grad,
    matrix,
    ones,
    scalar,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    A, Q = matrix("A", d, d), matrix("Q", d, d)
    lam, x, x0 = vector("lambda", d), vector("x_k", d), vector("x0", d)
    eta, rho, delta = scalar("eta", POSITIVE), scalar("rho"), scalar("delta", POSITIVE)
    lmin, lmax = scalar("lambda_min", POSITIVE), scalar("lambda_max", POSITIVE)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    f = sp.MatMul(sp.Rational(1, 2), x.T * A * x)
    contraction = (ones(d) - eta * lam).applyfunc(lambda e: e**k)
    closed_form = Q * diag(contraction) * Q.T * x0
    best_eta = 2 / (lmin + lmax)
    eigendecomposition = Equation(A, Q * diag(lam) * Q.T)
    result = (lmax - lmin) / (lmax + lmin)
    rate_constraints = sp.ImmutableMatrix(
        [[1 - eta * lmin - rho], [eta * lmin - 1 - rho], [1 - eta * lmax - rho], [eta * lmax - 1 - rho]]
    )
    return Derivation(
        id="gd-quadratic-rate",
        title="Gradient descent on a quadratic: rate and best learning rate",
        topic="optimization",
        statement=(
            r"Run gradient descent $\mathbf{x}_{k+1} = \mathbf{x}_{k} - \eta \nabla f(\mathbf{x}_{k})$ on $f (\mathbf{x}) = "
            r"\tfrac{1}{2} \mathbf{x}^{\top} \mathbf{A} \mathbf{x}$, where $\mathbf{A}$ is symmetric positive "
            r"definite with eigendecomposition $\mathbf{A} = \mathbf{Q} \operatorname{diag} "
            r"(\boldsymbol{\lambda}) \mathbf{Q}^{\top}$ and eigenvalues between $\lambda_{min}$ and "
            r"$\lambda_{max}$. Show that the error contracts by $\max_{i} |1 - \eta \lambda_{i} |$ per step, and "
            r"find the learning rate $\eta$ that makes this factor smallest, and the factor it achieves."
        ),
        givens=(
            Given(
                A,
                r"the Hessian, symmetric positive definite, given by its eigendecomposition",
                SYMMETRIC,
                defined_by=eigendecomposition,
            ),
            Given(Q, r"eigenvectors of $\mathbf{A}$, orthonormal columns", ORTHONORMAL),
            Given(lam, r"eigenvalues of $\mathbf{A}$", POSITIVE),
            Given(x, "the iterate after $k$ steps (the error, since the minimiser is $0$)"),
            Given(x0, "the starting point"),
            Given(eta, "learning rate", POSITIVE),
            Given(lmin, r"smallest eigenvalue of $\mathbf{A}$", POSITIVE),
            Given(lmax, r"largest eigenvalue of $\mathbf{A}$", POSITIVE),
            Given(rho, r"the contraction factor $\max_{i} |1 - \eta \lambda_{i}|$"),
        ),
        start=x - eta * grad(f, x),
        steps=(
            Step(
                x - eta * A * x,
                (
                    r"grad of $\tfrac{1}{2} \mathbf{x}^{\top} \mathbf{A} \mathbf{x}$ is $\mathbf{A} \mathbf{x}$ for "
                    r"symmetric $\mathbf{A}$"
                ),
            ),
            Step((eye(d) - eta * A) * x, r"one step multiplies the iterate by the matrix $I - \eta \mathbf{A}$"),
            Step(
                Q * diag(ones(d) - eta * lam) * Q.T * x,
                (
                    r"$I - \eta \mathbf{A} = \mathbf{Q} \operatorname{diag} (1 - \eta \boldsymbol{\lambda}) "
                    r"\mathbf{Q}^{\top}$ has the eigenvectors of $\mathbf{A}$ ($\mathbf{Q} \mathbf{Q}^{\top} = I$): in the "
                    r"eigenbasis each component of the iterate is multiplied by $1 - \eta \lambda_{i}$"
                ),
                using=(eigendecomposition,),
            ),
            Step(
                Equation(x, closed_form),
                (
                    r"by induction on $k$: $x_{k} = (I - \eta \mathbf{A})^{k} x_{0} = \mathbf{Q} \operatorname{diag} "
                    r"((1 - \eta \lambda_{i})^{k}) \mathbf{Q}^{\top} x_{0}$, each step multiplying by the matrix above"
                ),
                STATES,
                checked_by=1,
            ),
            Step(
                Equation(rho, sp.Max(sp.Abs(1 - eta * lmin), sp.Abs(1 - eta * lmax))),
                (
                    r"$\mathbf{Q}$ is orthogonal, so $\|x_{k} \| \leq \rho^{k} \|x_{0} \|$ with $\rho = \max_{i} |1 - "
                    r"\eta \lambda_{i} |$; $|1 - \eta \boldsymbol{\lambda} |$ is convex in $\boldsymbol{\lambda}$, so the "
                    r"maximum over $[\lambda_{min}, \lambda_{max}]$ is at an end. GD converges iff $\rho < 1$, i.e. $0 < "
                    r"\eta < 2/\lambda_{max}$"
                ),
                STATES,
                checked_by=3,
            ),
            Step(
                Equation(eta, best_eta),
                (
                    r"as $\eta$ grows, $|1 - \eta \lambda_{min} |$ falls while $|1 - \eta \lambda_{max} |$ rises once "
                    r"$\eta > 1/\lambda_{max}$: the maximum is smallest where they balance, $1 - \eta \lambda_{min} = "
                    r"\eta \lambda_{max} - 1$"
                ),
                SOLVES,
                start=Equation(1 - eta * lmin, eta * lmax - 1),
            ),
            Step(
                result,
                (
                    r"the rate at the best learning rate: $1 - 2 \lambda_{min} /(\lambda_{min} + \lambda_{max}) = (\kappa "
                    r"- 1)/(\kappa + 1)$ with the condition number $\kappa = \lambda_{max} /\lambda_{min}$"
                ),
                start=1 - eta * lmin,
                using=(Equation(eta, best_eta),),
            ),
        ),
        checks=(
            Iterate(
                label=(
                    r"GD run with \texttt{jax.lax.scan} (\texttt{jax.grad} of $f$): every $x_{k}$ equals $\mathbf{Q} "
                    r"\operatorname{diag} ((1 - \eta \boldsymbol{\lambda})^{k}) \mathbf{Q}^{\top} x_{0}$"
                ),
                state=((x, x0),),
                update=((x, x - eta * grad(f, x)),),
                counter=k,
                steps=25,
                claim=closed_form,
                first=1,  # at k = 0 the elementwise power collapses to the constant 1
                where=((A, Q * diag(lam) * Q.T),),
                sizes=((d, 4),),
            ),
            KKT(
                label=(
                    r"min over $(\eta, \rho)$ of $\rho$ such that $|1 - \eta \boldsymbol{\lambda} | \leq \rho$ at both ends, "
                    r"solved numerically: the optimum is $\eta = 2/(\lambda_{min} + \lambda_{max})$ with rate "
                    r"$(\lambda_{max} - \lambda_{min})/(\lambda_{max} + \lambda_{min})$"
                ),
                objective=rho,
                variables=(eta, rho),
                inequalities=rate_constraints,
                closed_form=((eta, best_eta), (rho, result)),
                where=((lmax, lmin + delta),),
                extra=(
                    Given(rho, "the contraction factor"),
                    Given(delta, r"the gap $\lambda_{max} - \lambda_{min}$", POSITIVE),
                ),
            ),
            IdentityCheck(
                label=(
                    r"$\rho = \max_{i} |1 - \eta \lambda_{i} |$ over $4$ random eigenvalues is the larger of its values "
                    r"at $\lambda_{min}$ and $\lambda_{max}$"
                ),
                lhs=rho,
                rhs=sp.Max(sp.Abs(1 - eta * lmin), sp.Abs(1 - eta * lmax)),
                where=(
                    (rho, sp.Max(*(sp.Abs(1 - eta * lam[i, 0]) for i in range(4)))),
                    (lmin, sp.Min(*(lam[i, 0] for i in range(4)))),
                    (lmax, sp.Max(*(lam[i, 0] for i in range(4)))),
                ),
                extra=(Given(rho, "the contraction factor"),),
                sizes=((d, 4),),
            ),
        ),
        references=(
            Reference(
                "Nocedal & Wright, Numerical Optimization", "2nd ed., section 3.3 (rate of convergence, eq. 3.29)"
            ),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 9.3.2 (examples: quadratic problem)"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 4.3.1 (poor conditioning)"),
        ),
        tags=("gradient descent", "convergence rate", "condition number"),
        notes=(
            r"With $\eta = 1/\lambda_{max}$ (the descent-lemma step) the rate is $1 - 1/\kappa$; the best fixed "
            r"rate $(\kappa - 1)/(\kappa + 1)$ is about $1 - 2/\kappa$. Either way, ill-conditioned problems "
            r"converge slowly."
        ),
        sizes=((d, 2),),
    )

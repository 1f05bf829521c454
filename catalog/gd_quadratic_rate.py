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
    lam, x, x0 = vector("lambda", d), vector("x", d), vector("x0", d)
    eta, rho, delta = scalar("eta", POSITIVE), scalar("rho"), scalar("delta", POSITIVE)
    lmin, lmax = scalar("lambda_min", POSITIVE), scalar("lambda_max", POSITIVE)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    f = sp.MatMul(sp.Rational(1, 2), x.T * A * x)
    contraction = (ones(d) - eta * lam).applyfunc(lambda e: e**k)
    closed_form = Q * diag(contraction) * Q.T * x0
    best_eta = 2 / (lmin + lmax)
    result = (lmax - lmin) / (lmax + lmin)
    rate_constraints = sp.ImmutableMatrix(
        [[1 - eta * lmin - rho], [eta * lmin - 1 - rho], [1 - eta * lmax - rho], [eta * lmax - 1 - rho]]
    )
    return Derivation(
        id="gd-quadratic-rate",
        title="Gradient descent on a quadratic: rate and best learning rate",
        topic="optimization",
        statement=(
            "Run gradient descent x_(k+1) = x_k - eta grad f(x_k) on f(x) = 1/2 x^T A x, where A is symmetric "
            "positive definite with eigendecomposition A = Q diag(lambda) Q^T and eigenvalues between lambda_min "
            "and lambda_max. Show that the error contracts by max_i |1 - eta lambda_i| per step, and find the "
            "learning rate eta that makes this factor smallest, and the factor it achieves."
        ),
        givens=(
            Given(A, "the Hessian, symmetric positive definite: A = Q diag(lambda) Q^T", SYMMETRIC),
            Given(Q, "eigenvectors of A, orthonormal columns", ORTHONORMAL),
            Given(lam, "eigenvalues of A", POSITIVE),
            Given(x, "the iterate x_k (the error, since the minimiser is 0)"),
            Given(x0, "the starting point"),
            Given(eta, "learning rate", POSITIVE),
            Given(lmin, "smallest eigenvalue of A", POSITIVE),
            Given(lmax, "largest eigenvalue of A", POSITIVE),
        ),
        start=x - eta * grad(f, x),
        steps=(
            Step(x - eta * A * x, "grad of 1/2 x^T A x is Ax for symmetric A"),
            Step((eye(d) - eta * A) * x, "one step multiplies the iterate by the matrix I - eta A"),
            Step(
                closed_form,
                "by induction x_k = (I - eta A)^k x_0, and I - eta A = Q diag(1 - eta lambda) Q^T has the same "
                "eigenvectors, so (I - eta A)^k = Q diag((1 - eta lambda_i)^k) Q^T: in the eigenbasis each "
                "component of the error is multiplied by 1 - eta lambda_i per step",
                STATES,
                start=x,
                states="=",
                checked_by=1,
            ),
            Step(
                sp.Max(sp.Abs(1 - eta * lmin), sp.Abs(1 - eta * lmax)),
                "Q is orthogonal, so ||x_k|| <= rho^k ||x_0|| with rho = max_i |1 - eta lambda_i|; |1 - eta lambda| "
                "is convex in lambda, so the maximum over [lambda_min, lambda_max] is at an end. GD converges iff "
                "rho < 1, i.e. 0 < eta < 2/lambda_max",
                STATES,
                start=rho,
                states="=",
                checked_by=3,
            ),
            Step(
                Equation(eta, best_eta),
                "as eta grows, |1 - eta lambda_min| falls while |1 - eta lambda_max| rises once eta > 1/lambda_max: "
                "the maximum is smallest where they balance, 1 - eta lambda_min = eta lambda_max - 1",
                SOLVES,
                start=Equation(1 - eta * lmin, eta * lmax - 1),
            ),
            Step(
                result,
                "the rate at the best learning rate: 1 - 2 lambda_min/(lambda_min + lambda_max) = (kappa - 1)/(kappa + 1) "
                "with the condition number kappa = lambda_max/lambda_min",
                start=1 - eta * lmin,
                using=(Equation(eta, best_eta),),
            ),
        ),
        checks=(
            Iterate(
                label="GD run with jax.lax.scan (jax.grad of f): every x_k equals Q diag((1 - eta lambda)^k) Q^T x_0",
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
                label="min over (eta, rho) of rho s.t. |1 - eta lambda| <= rho at both ends, solved numerically: the "
                "optimum is eta = 2/(lambda_min + lambda_max) with rate (lambda_max - lambda_min)/(lambda_max + lambda_min)",
                objective=rho,
                variables=(eta, rho),
                inequalities=rate_constraints,
                closed_form=((eta, best_eta), (rho, result)),
                where=((lmax, lmin + delta),),
                extra=(Given(rho, "the contraction factor"), Given(delta, "the gap lambda_max - lambda_min", POSITIVE)),
            ),
            IdentityCheck(
                label="rho = max_i |1 - eta lambda_i| over 4 random eigenvalues is the larger of its values at "
                "lambda_min and lambda_max",
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
            "With eta = 1/lambda_max (the descent-lemma step) the rate is 1 - 1/kappa; the best fixed rate "
            "(kappa - 1)/(kappa + 1) is about 1 - 2/kappa. Either way, ill-conditioned problems converge slowly."
        ),
        sizes=((d, 2),),
    )

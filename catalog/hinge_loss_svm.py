"""The soft-margin SVM as unconstrained hinge-loss minimisation, and a subgradient of it."""

import sympy as sp

from derive import (
    KKT,
    POSITIVE,
    SIGNS,
    STATES,
    Derivation,
    Equation,
    Given,
    Grad,
    Inequality,
    Reference,
    Step,
    dims,
    grad,
    hadamard,
    matrix,
    norm_sq,
    ones,
    relu,
    scalar,
    scalar_of,
    step,
    vector,
    vstack,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, y, w, xi, v = matrix("X", n, d), vector("y", n), vector("w", d), vector("xi", n), vector("v", d)
    b, C = scalar("b"), scalar("C", POSITIVE)
    half = sp.Rational(1, 2)

    def margins(weights):
        return ones(n) - hadamard(y, X * weights + b * ones(n))

    def hinge_objective(weights):
        return sp.MatMul(half, norm_sq(weights)) + C * ones(n).T * relu(margins(weights))

    primal = sp.MatMul(half, norm_sq(w)) + C * ones(n).T * xi
    active = step(margins(w))  # 1 where the hinge is active (margin violated)
    result = w - C * X.T * hadamard(y, active)
    optimal_slack = Equation(xi, relu(margins(w)))
    return Derivation(
        id="hinge-loss-svm",
        title="Soft-margin SVM as hinge-loss minimisation, and its subgradient",
        topic="optimization",
        statement=(
            "The soft-margin SVM solves min 1/2 ||w||^2 + C sum_i xi_i subject to xi_i >= 1 - y_i (w^T x_i + b) "
            "and xi_i >= 0. Eliminate the slacks to show that it is the unconstrained minimisation of "
            "H(w, b) = 1/2 ||w||^2 + C sum_i max(0, 1 - y_i (w^T x_i + b)), then compute a subgradient of H in w."
        ),
        givens=(
            Given(X, "examples, one per row"),
            Given(y, "labels", SIGNS),
            Given(w, "normal of the separating hyperplane"),
            Given(b, "offset"),
            Given(xi, "slack variables, one per example"),
            Given(C, "cost of a margin violation", POSITIVE),
        ),
        start=xi,
        steps=(
            Step(
                optimal_slack,
                "for fixed (w, b) the objective grows with every xi_i, and xi_i must be at least both "
                "1 - y_i (w^T x_i + b) and 0: the best slack is the smallest allowed, their maximum",
                STATES,
                checked_by=1,
            ),
            Step(
                hinge_objective(w),
                "substitute the optimal slacks: the constrained problem is the unconstrained hinge-loss problem",
                start=primal,
                using=(optimal_slack,),
            ),
            Step(
                -C * scalar_of(y.T * active),
                "d/db max(0, 1 - y_i (w^T x_i + b)) = -y_i 1[margin violated] away from the kink",
                start=grad(hinge_objective(w), b),
            ),
            Step(
                result,
                "grad of 1/2 ||w||^2 is w; d/dw max(0, 1 - y_i (w^T x_i + b)) = -y_i x_i 1[margin violated] away "
                "from the kink, and at the kink (margin exactly 1) 0 is in the subdifferential [-y_i x_i, 0], so "
                "this is a subgradient everywhere",
                start=grad(hinge_objective(w), w),
            ),
        ),
        checks=(
            KKT(
                label="the soft-margin QP solved numerically: KKT holds and the slacks are the hinge losses",
                objective=primal,
                variables=(w, b, xi),
                inequalities=vstack(margins(w) - xi, -xi),
                closed_form=((xi, relu(margins(w))),),
                sizes=((n, 8), (d, 3)),
                trials=16,
            ),
            Grad(
                label="the subgradient equals jax.grad of H away from the kinks",
                objective=hinge_objective(w),
                wrt=w,
                claim=result,
                avoid=(margins(w),),
            ),
            Inequality(
                label="subgradient inequality H(v) >= H(w) + g^T (v - w) for random v (kinks included)",
                lesser=hinge_objective(w) + result.T * (v - w),
                greater=hinge_objective(v),
                extra=(Given(v, "a competing weight vector"),),
                trials=256,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 7.1.1, eqs. 7.21 and 7.44"),
            Reference("CS229 lecture notes (Ng)", "part V, section 8: regularization and the non-separable case"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 8.6.1 (support vector classifier)"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 5.7.2 (support vector machines)"),
        ),
        tags=("subgradient", "svm", "hinge loss"),
        notes=(
            "Only the examples that violate the margin (y_i (w^T x_i + b) < 1) contribute to the subgradient: a "
            "subgradient step pulls w towards them, scaled by C."
        ),
        sizes=((n, 3), (d, 2)),
    )

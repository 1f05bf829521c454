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
            r"The soft-margin SVM solves $\min \tfrac{1}{2} \|\mathbf{w} \|^{2} + C \sum_{i} \xi_{i}$ subject to "
            r"$\xi_{i} \geq 1 - y_{i} (\mathbf{w}^{\top} x_{i} + b)$ and $\xi_{i} \geq 0$. Eliminate the slacks "
            r"to show that it is the unconstrained minimisation of $H (\mathbf{w}, b) = \tfrac{1}{2} \|\mathbf{w} "
            r"\|^{2} + C \sum_{i} \max(0, 1 - y_{i} (\mathbf{w}^{\top} x_{i} + b))$, then compute a subgradient "
            r"of $H$ in $\mathbf{w}$."
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
                (
                    r"for fixed $(\mathbf{w}, b)$ the objective grows with every $\xi_{i}$, and $\xi_{i}$ must be at "
                    r"least both $1 - y_{i} (\mathbf{w}^{\top} x_{i} + b)$ and $0$: the best slack is the smallest "
                    r"allowed, their maximum"
                ),
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
                (
                    r"$\frac{d}{db} \max(0, 1 - y_{i} (\mathbf{w}^{\top} x_{i} + b)) = -y_{i}$ 1[margin violated] away "
                    r"from the kink"
                ),
                start=grad(hinge_objective(w), b),
            ),
            Step(
                result,
                (
                    r"grad of $\tfrac{1}{2} \|\mathbf{w} \|^{2}$ is $\mathbf{w}$; $\frac{d}{d\mathbf{w}} \max(0, 1 - "
                    r"y_{i} (\mathbf{w}^{\top} x_{i} + b)) = -y_{i} x_{i}$ 1[margin violated] away from the kink, and at "
                    r"the kink (margin exactly $1) 0$ is in the subdifferential $[-y_{i} x_{i}, 0]$, so this is a "
                    r"subgradient everywhere"
                ),
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
                label=r"the subgradient equals \texttt{jax.grad} of $H$ away from the kinks",
                objective=hinge_objective(w),
                wrt=w,
                claim=result,
                avoid=(margins(w),),
            ),
            Inequality(
                label=(
                    r"subgradient inequality $H(\mathbf{v}) \geq H(\mathbf{w}) + g^{\top} (\mathbf{v} - \mathbf{w})$ "
                    r"for random $\mathbf{v}$ (kinks included)"
                ),
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
            r"Only the examples that violate the margin $(y_{i} (\mathbf{w}^{\top} x_{i} + b) < 1)$ contribute to "
            r"the subgradient: a subgradient step pulls $\mathbf{w}$ towards them, scaled $b \mathbf{y} C$."
        ),
        sizes=((n, 3), (d, 2)),
    )

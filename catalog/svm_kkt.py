"""Hard-margin SVM: Lagrangian, stationarity, and the dual problem."""

import sympy as sp

from derive import (
    EQUIVALENT,
    KKT,
    POSITIVE,
    SIGNS,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Intermediate,
    Reference,
    Stated,
    Step,
    dims,
    grad,
    hadamard,
    matrix,
    norm_sq,
    ones,
    scalar,
    scalar_of,
    sign,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, y, w, alpha, u = matrix("X", n, d), vector("y", n), vector("w", d), vector("alpha", n), vector("u", d)
    b = scalar("b")
    half = sp.Rational(1, 2)
    margins = ones(n) - hadamard(y, X * w + b * ones(n))  # g(w, b) <= 0
    primal = sp.MatMul(half, norm_sq(w))
    lagrangian = primal + alpha.T * margins
    weighted = hadamard(alpha, y)
    stationary_w = X.T * weighted
    # the Gram matrix of inner products x_i^T x_j, named: the dual shows it, the checkers write it out
    K = matrix("K", n, n)
    gram = Intermediate(K, X * X.T, r"the Gram matrix: $K_{i j} = \mathbf{x}_{i}^{\top} \mathbf{x}_{j}$")
    dual = ones(n).T * alpha - sp.MatMul(half, weighted.T * K * weighted)
    # b from any support vector (x_s, y_s): alpha_s > 0 makes its margin constraint active
    x_s, y_s = vector("x_s", d), scalar("y_s")
    offset = Equation(b, y_s - scalar_of(w.T * x_s))
    return Derivation(
        id="svm-kkt",
        title="Hard-margin SVM: KKT conditions and the dual",
        topic="optimization",
        statement=(
            r"The hard-margin SVM solves $\min \tfrac{1}{2} \|\mathbf{w} \|^{2}$ subject to $y_{i} "
            r"(\mathbf{w}^{\top} x_{i} + b) \geq 1$ for every example. Form the Lagrangian with multipliers "
            r"$\alpha_{i} \geq 0$, derive the stationarity conditions in $\mathbf{w}$ and $b$, and substitute "
            r"them back to obtain the dual problem in $\boldsymbol{\alpha}$."
        ),
        givens=(
            Given(X, "examples, one per row (linearly separable)"),
            Given(y, "labels", SIGNS),
            Given(w, "normal of the separating hyperplane"),
            Given(b, "offset"),
            Given(alpha, "Lagrange multipliers, one per constraint", POSITIVE),
            Given(x_s, r"a support vector, an example with $\alpha_{s} > 0$"),
            Given(y_s, "its label", SIGNS, defined_by=Equation(y_s**2, sp.Integer(1))),
        ),
        start=grad(lagrangian, w),
        steps=(
            Step(
                w - X.T * weighted,
                (
                    r"grad of $\tfrac{1}{2} \mathbf{w}^{\top} \mathbf{w}$ is $\mathbf{w}$; $\boldsymbol{\alpha}^{\top} "
                    r"(\mathbf{y} \odot \mathbf{X} \mathbf{w}) = (\boldsymbol{\alpha} \odot \mathbf{y})^{\top} \mathbf{X} "
                    r"\mathbf{w}$"
                ),
            ),
            Step(
                Equation(w, stationary_w),
                r"stationarity in $\mathbf{w}$: $\mathbf{w}$ is a weighted sum of the examples",
                SOLVES,
            ),
            Step(
                -(y.T * alpha),
                r"only the term $-b \boldsymbol{\alpha}^{\top} \mathbf{y}$ depends on $b$",
                start=grad(lagrangian, b),
            ),
            Step(
                Equation(y.T * alpha, sp.Integer(0)),
                "stationarity in $b$",
                EQUIVALENT,
                factor=sp.Integer(-1),
            ),
            Step(
                offset,
                (
                    r"complementary slackness: $\alpha_{s} > 0$ makes the margin of $\mathbf{x}_{s}$ active, "
                    r"$y_{s} (\mathbf{w}^{\top} \mathbf{x}_{s} + b) = 1$; multiply by $y_{s}$, as $y_{s}^{2} = 1$"
                ),
                SOLVES,
                start=Equation(y_s * (scalar_of(w.T * x_s) + b), sp.Integer(1)),
                using=(Equation(y_s**2, sp.Integer(1)),),
                nonzero=(y_s,),
            ),
            Step(
                dual,
                (
                    r"substitute $\mathbf{w} = \mathbf{X}^{\top} (\boldsymbol{\alpha} \odot \mathbf{y})$ and "
                    r"$\mathbf{y}^{\top} \boldsymbol{\alpha} = 0$ into the Lagrangian: the dual objective, to be "
                    r"maximised over $\boldsymbol{\alpha} \geq 0$ with $\mathbf{y}^{\top} \boldsymbol{\alpha} = 0$"
                ),
                start=lagrangian,
                using=(Equation(w, stationary_w), Equation(y.T * alpha, sp.Integer(0))),
            ),
        ),
        results=(dual, Stated(alpha, ">=", sp.ZeroMatrix(n, 1)), Equation(y.T * alpha, sp.Integer(0)), offset),
        intermediates=(gram,),
        checks=(
            KKT(
                label=(
                    r"random separable instance solved as a QP; KKT, $\mathbf{w} = \mathbf{X}^{\top}(\boldsymbol{\alpha} "
                    r"\odot \mathbf{y})$, strong duality"
                ),
                objective=primal,
                variables=(w, b),
                inequalities=margins,
                inequality_multiplier=alpha,
                closed_form=((w, stationary_w),),
                dual_objective=dual,
                where=((y, sign(X * u)),),
                extra=(Given(u, "planted separating direction, used only to label the data"),),
                sizes=((n, 8), (d, 3)),
            ),
        ),
        references=(
            Reference("CS229 lecture notes (Ng)", "part V: support vector machines, sections 6-8"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 7.1, eqs. 7.6-7.10"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 5.5.3 (KKT conditions)"),
        ),
        tags=("kkt", "duality", "classification"),
        notes=(
            r"Complementary slackness $\alpha_{i} (1 - y_{i} (\mathbf{w}^{\top} x_{i} + b)) = 0$ then says that "
            r"$\alpha_{i} > 0$ only for points on the margin, the support vectors; the KKT check verifies it on "
            r"solved instances."
        ),
    )

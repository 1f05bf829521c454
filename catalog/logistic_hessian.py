"""The Hessian of the logistic-regression loss, X^T diag(sigma(1 - sigma)) X, is PSD: the loss is convex."""

import sympy as sp

from derive import (
    BINARY,
    PROBABILITY,
    STATES,
    Derivation,
    Given,
    Grad,
    Inequality,
    Intermediate,
    Reference,
    Step,
    diag,
    dims,
    eigvals,
    exp,
    hadamard,
    hessian,
    log,
    matrix,
    norm_sq,
    ones,
    scalar,
    scalar_of,
    sigmoid,
    sqrt,
    transpose,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, w, y, v = matrix("X", n, d), vector("w", d), vector("y", n), vector("v", d)
    w_a, w_b, theta = vector("w_a", d), vector("w_b", d), scalar("theta", PROBABILITY)

    def loss_at(weights):
        p = sigmoid(X * weights)
        return scalar_of(-(y.T * log(p) + (ones(n) - y).T * log(ones(n) - p)))

    loss = loss_at(w)
    p = sigmoid(X * w)
    weights = hadamard(p, ones(n) - p)  # sigma_i (1 - sigma_i), each in (0, 1/4]
    result = X.T * diag(weights) * X
    quadratic_form = scalar_of(v.T * X.T * diag(weights) * X * v)
    B = matrix("B", n, d)  # named: D^(1/2) X, whose entrywise root prints too small to read in every row
    root_weighted = diag(sqrt(weights)) * X
    sum_of_squares = scalar_of(norm_sq(B * v))
    softplus_form = scalar_of(ones(n).T * log(ones(n) + exp(X * w)) - y.T * X * w)
    return Derivation(
        id="logistic-hessian",
        title="The Hessian of the logistic loss, and its convexity",
        topic="calculus",
        statement=(
            r"Logistic regression minimises $L (\mathbf{w}) = -\sum_{i} [y_{i} \log p_{i} + (1 - y_{i}) \log(1 - "
            r"p_{i})]$ with $p = \sigma(\mathbf{X} \mathbf{w})$, whose gradient is $\mathbf{X}^{\top} "
            r"(\sigma(\mathbf{X} \mathbf{w}) - \mathbf{y})$ (logistic-grad). Differentiate once more to get the "
            r"$d \times d$ Hessian, and show that it is positive semidefinite for every $\mathbf{w}$, so that $L$ is "
            r"convex."
        ),
        givens=(
            Given(X, r"design matrix, one example $x_{i}^{\top}$ per row"),
            Given(w, "weights"),
            Given(y, "labels", BINARY),
            Given(v, "any direction in weight space"),
        ),
        start=loss,
        steps=(
            Step(
                softplus_form,
                (
                    r"$\log \sigma(z) = z - \log(1 + e^{z})$ and $\log(1 - \sigma(z)) = -\log(1 + e^{z})$ (as in "
                    r"logistic-grad): $L = \sum_{i} \log(1 + e^{x_{i}^{\top} \mathbf{w}}) - \mathbf{y}^{\top} \mathbf{X} "
                    r"\mathbf{w}$"
                ),
            ),
            Step(
                result,
                (
                    r"differentiate twice: the gradient is $\mathbf{X}^{\top} (\sigma(\mathbf{X} \mathbf{w}) - "
                    r"\mathbf{y})$, and $d \sigma(\mathbf{X} \mathbf{w})/d \mathbf{w} = \operatorname{diag} "
                    r"(\sigma'(\mathbf{X} \mathbf{w})) \mathbf{X}$ with $\sigma' = \sigma(1 - \sigma)$ "
                    r"(sigmoid-derivative); $\mathbf{y}$ drops out"
                ),
                start=hessian(softplus_form, w),
            ),
            Step(
                sum_of_squares,
                (
                    r"the quadratic form along any $\mathbf{v}$: $\mathbf{v}^{\top} \mathbf{X}^{\top} D \mathbf{X} "
                    r"\mathbf{v} = \sum_{i} \sigma_{i} (1 - \sigma_{i}) (x_{i}^{\top} \mathbf{v})^{2} = "
                    r"\|D^{\tfrac{1}{2}} \mathbf{X} \mathbf{v} \|^{2}$, a weighted sum of squares"
                ),
                start=quadratic_form,
            ),
            Step(
                sp.GreaterThan(sum_of_squares, 0),
                (
                    r"each weight $\sigma_{i} (1 - \sigma_{i})$ lies in ($0, \tfrac{1}{4}$] and each $(x_{i}^{\top} "
                    r"\mathbf{v})^{2} \geq 0$, so $\mathbf{v}^{\top} H \mathbf{v} \geq 0$ for every $\mathbf{v}$ and "
                    r"every $\mathbf{w}$: $H$ is positive semidefinite and $L$ is convex (checked numerically: the "
                    r"eigenvalues of the Hessian are $\geq 0$, and $L$ lies below its chords)"
                ),
                STATES,
                checked_by=5,
            ),
            Step(
                result,
                (
                    r"so the Hessian is the Gram matrix $B^{\top} B$ of $B = D^{\tfrac{1}{2}} \mathbf{X}$, PSD at every "
                    r"$\mathbf{w}$: $L$ is convex (Boyd \& Vandenberghe $3.1.4$), strictly when $\mathbf{X}$ has full "
                    r"column rank"
                ),
                start=transpose(B) * B,
            ),
        ),
        intermediates=(
            Intermediate(
                B,
                root_weighted,
                r"$D^{\tfrac{1}{2}} \mathbf{X}$: row $i$ is $\sqrt{\sigma_{i} (1 - \sigma_{i})}\, x_{i}^{\top}$",
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"$\mathbf{X}^{\top} \operatorname{diag}(\sigma(1 - \sigma)) \mathbf{X}$ vs \texttt{jax.hessian} of "
                    r"the loss"
                ),
                objective=loss,
                wrt=w,
                claim=result,
                order="hessian",
            ),
            Inequality(
                label=r"every eigenvalue of the claimed Hessian is $\geq 0$",
                lesser=sp.Integer(0),
                greater=eigvals(result),
            ),
            Inequality(
                label=r"every eigenvalue of \texttt{jax.hessian} of the loss is $\geq 0$, also when $n < d$",
                lesser=sp.Integer(0),
                greater=eigvals(hessian(loss, w)),
                sizes=((n, 3), (d, 5)),
            ),
            Inequality(
                label=(
                    r"convexity: $L (\theta \mathbf{w}_{a} + (1 - \theta) \mathbf{w}_{b}) \leq \theta L (\mathbf{w}_{a}) "
                    r"+ (1 - \theta) L (\mathbf{w}_{b})$"
                ),
                lesser=loss_at(theta * w_a + (1 - theta) * w_b),
                greater=theta * loss_at(w_a) + (1 - theta) * loss_at(w_b),
                extra=(
                    Given(w_a, "one weight vector"),
                    Given(w_b, "another weight vector"),
                    Given(theta, "mixing weight", PROBABILITY),
                ),
                trials=256,
            ),
            Inequality(
                label=(
                    r"$\mathbf{v}^{\top} H \mathbf{v} \geq 0$ with the claimed Hessian, for random $\mathbf{w}$ and "
                    r"directions $\mathbf{v}$"
                ),
                lesser=sp.Integer(0),
                greater=quadratic_form,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.3, eqs. 4.97-4.98"),
            Reference("CS229 lecture notes (Ng)", "part II, section 7: Newton's method for logistic regression"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 3.1.4 (second-order conditions)"),
            Reference("Petersen & Pedersen, The Matrix Cookbook", "eq. 81 (derivative of a quadratic form)"),
        ),
        sizes=((n, 2), (d, 2)),
        tags=("hessian", "convexity", "classification", "second-order"),
        notes=(
            r"The Hessian does not depend on the labels $\mathbf{y}$. Because each weight is at most "
            r"$\tfrac{1}{4}$, $H \leq \mathbf{X}^{\top} \mathbf{X} / 4$, which bounds the curvature (the "
            r"smoothness constant used to pick a gradient-descent step). Newton's method with this Hessian is "
            r"iteratively reweighted least squares (Bishop $4.3.3$). The symbolic instance is $2$ examples in $2$ "
            r"dimensions (SymPy's simplification of the exponentials grows quickly with the size); the numeric "
            r"checks use $8 \times 5$ and $3 \times 5$ designs."
        ),
    )

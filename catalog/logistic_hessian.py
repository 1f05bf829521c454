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
    root_weighted = diag(sqrt(weights)) * X  # B = D^(1/2) X
    sum_of_squares = scalar_of(norm_sq(root_weighted * v))
    softplus_form = scalar_of(ones(n).T * log(ones(n) + exp(X * w)) - y.T * X * w)
    return Derivation(
        id="logistic-hessian",
        title="The Hessian of the logistic loss, and its convexity",
        topic="calculus",
        statement=(
            "Logistic regression minimises L(w) = -sum_i [y_i log p_i + (1 - y_i) log(1 - p_i)] with "
            "p = sigma(Xw), whose gradient is X^T (sigma(Xw) - y) (logistic-grad). Differentiate once more to "
            "get the d x d Hessian, and show that it is positive semidefinite for every w, so that L is convex."
        ),
        givens=(
            Given(X, "design matrix, one example x_i^T per row"),
            Given(w, "weights"),
            Given(y, "labels", BINARY),
            Given(v, "any direction in weight space"),
        ),
        start=loss,
        steps=(
            Step(
                softplus_form,
                "log sigma(z) = z - log(1 + e^z) and log(1 - sigma(z)) = -log(1 + e^z) (as in logistic-grad): "
                "L = sum_i log(1 + e^(x_i^T w)) - y^T X w",
            ),
            Step(
                result,
                "differentiate twice: the gradient is X^T (sigma(Xw) - y), and d sigma(Xw)/dw = diag(sigma'(Xw)) X "
                "with sigma' = sigma(1 - sigma) (sigmoid-derivative); y drops out",
                start=hessian(softplus_form, w),
            ),
            Step(
                sum_of_squares,
                "the quadratic form along any v: v^T X^T D X v = sum_i sigma_i (1 - sigma_i) (x_i^T v)^2 "
                "= ||D^(1/2) X v||^2, a weighted sum of squares",
                start=quadratic_form,
            ),
            Step(
                sp.GreaterThan(sum_of_squares, 0),
                "each weight sigma_i (1 - sigma_i) lies in (0, 1/4] and each (x_i^T v)^2 >= 0, so v^T H v >= 0 "
                "for every v and every w: H is positive semidefinite and L is convex (checked numerically: the "
                "eigenvalues of the Hessian are >= 0, and L lies below its chords)",
                STATES,
                checked_by=5,
            ),
            Step(
                result,
                "so the Hessian is the Gram matrix B^T B of B = D^(1/2) X, PSD at every w: L is convex "
                "(Boyd & Vandenberghe 3.1.4), strictly when X has full column rank",
                start=transpose(root_weighted) * root_weighted,
            ),
        ),
        checks=(
            Grad(
                label="X^T diag(sigma(1 - sigma)) X vs jax.hessian of the loss",
                objective=loss,
                wrt=w,
                claim=result,
                order="hessian",
            ),
            Inequality(
                label="every eigenvalue of the claimed Hessian is >= 0",
                lesser=sp.Integer(0),
                greater=eigvals(result),
            ),
            Inequality(
                label="every eigenvalue of jax.hessian of the loss is >= 0, also when n < d",
                lesser=sp.Integer(0),
                greater=eigvals(hessian(loss, w)),
                sizes=((n, 3), (d, 5)),
            ),
            Inequality(
                label="convexity: L(theta w_a + (1 - theta) w_b) <= theta L(w_a) + (1 - theta) L(w_b)",
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
                label="v^T H v >= 0 with the claimed Hessian, for random w and directions v",
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
            "The Hessian does not depend on the labels y. Because each weight is at most 1/4, H <= X^T X / 4, "
            "which bounds the curvature (the smoothness constant used to pick a gradient-descent step). "
            "Newton's method with this Hessian is iteratively reweighted least squares (Bishop 4.3.3). "
            "The symbolic instance is 2 examples in 2 dimensions (SymPy's simplification of the exponentials "
            "grows quickly with the size); the numeric checks use 8 x 5 and 3 x 5 designs."
        ),
    )

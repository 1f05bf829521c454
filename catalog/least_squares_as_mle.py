"""Least squares is maximum likelihood under Gaussian noise; the noise variance estimate is RSS/n."""

import sympy as sp

from derive import (
    EQUIVALENT,
    POSITIVE,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Grad,
    Reference,
    Stationary,
    Step,
    dims,
    grad,
    inv,
    matrix,
    norm_sq,
    normal,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    var = scalar("sigma^2", POSITIVE)
    loglik = normal(0, sp.sqrt(var)).log_likelihood(y - X * w)  # y_i = x_i^T w + eps_i, eps_i ~ N(0, sigma^2)
    rss = scalar_of(norm_sq(y - X * w))
    score_w = X.T * (y - X * w) / var
    w_hat = inv(X.T * X) * X.T * y
    return Derivation(
        id="least-squares-as-mle",
        title="Least squares as maximum likelihood under Gaussian noise",
        topic="probability",
        statement=(
            "Model the targets as y_i = x_i^T w + eps_i with independent noise eps_i ~ N(0, sigma^2). Write the "
            "log-likelihood of w and sigma^2, show that maximising it over w is minimising the squared error "
            "||y - Xw||^2 (so w-hat is the least-squares solution), and that the maximum-likelihood noise variance "
            "is the residual sum of squares divided by n."
        ),
        givens=(
            Given(X, "design matrix with full column rank"),
            Given(w, "weights"),
            Given(y, "targets"),
            Given(var, "noise variance", POSITIVE),
        ),
        start=loglik,
        steps=(
            Step(
                -rss / (2 * var) - n * sp.log(2 * sp.pi * var) / 2,
                "log N(r; 0, sigma^2) = -r^2 / (2 sigma^2) - log(2 pi sigma^2) / 2 summed over the residuals "
                "r = y - Xw: only the squared error depends on w, so maximising l over w minimises ||y - Xw||^2",
            ),
            Step(score_w, "the gradient of ||y - Xw||^2 is -2 X^T (y - Xw)", start=grad(loglik, w)),
            Step(Equation(X.T * X * w, X.T * y), "set it to zero: the normal equations", EQUIVALENT, factor=-1 / var),
            Step(
                Equation(w, w_hat),
                "X^T X is invertible: w-hat is the least-squares solution",
                SOLVES,
                nonzero=(X.T * X,),
            ),
            Step(
                -n / (2 * var) + rss / (2 * var**2),
                "differentiate in sigma^2: d/dv [-r/(2v) - n log(v)/2] = r/(2v^2) - n/(2v)",
                start=sp.Derivative(loglik, var),
            ),
            Step(
                Equation(var, rss / n),
                "set it to zero and multiply by 2 sigma^4 / n: sigma^2-hat = RSS/n (at w = w-hat)",
                EQUIVALENT,
                factor=-n / (2 * var**2),
            ),
        ),
        checks=(
            Grad(
                label="X^T(y - Xw)/sigma^2 vs jax.grad of the Gaussian log-likelihood",
                objective=loglik,
                wrt=w,
                claim=score_w,
            ),
            Stationary(
                label="jax.grad in w vanishes at the least-squares solution, Hessian negative definite",
                objective=loglik,
                at=((w, w_hat),),
                wrt=(w,),
                second_order="max",
            ),
            Stationary(
                label="jax.grad in sigma^2 vanishes at RSS/n, second derivative negative",
                objective=loglik,
                at=((var, rss / n),),
                wrt=(var,),
                second_order="max",
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 3.1.1, eqs. 3.10-3.21"),
            Reference("CS229 lecture notes (Ng)", "part I, section 3: probabilistic interpretation"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 7.3"),
        ),
        tags=("maximum likelihood", "regression", "Gaussian noise"),
    )

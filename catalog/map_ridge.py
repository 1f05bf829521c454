"""MAP estimation with a Gaussian prior on the weights is ridge regression with lambda = sigma^2/tau^2."""

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
    eye,
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
    var, prior_var = scalar("sigma^2", POSITIVE), scalar("tau^2", POSITIVE)
    log_posterior = normal(0, sp.sqrt(var)).log_likelihood(y - X * w) + normal(0, sp.sqrt(prior_var)).log_likelihood(w)
    lam = var / prior_var
    ridge = scalar_of(norm_sq(y - X * w)) / 2 + lam * scalar_of(norm_sq(w)) / 2
    gradient = X.T * (y - X * w) / var - w / prior_var
    w_map = inv(X.T * X + lam * eye(d)) * X.T * y
    return Derivation(
        id="map-ridge",
        title="MAP with a Gaussian prior is ridge regression",
        topic="probability",
        statement=(
            r"Model $y_{i} = x_{i}^{\top} \mathbf{w}$ + eps\_i with eps\_i $\sim \mathcal{N}(0, \sigma^{2})$, "
            r"and put the prior $w_{j} \sim \mathcal{N}(0, \tau^{2})$ on each weight. Show that the log-posterior (up to a "
            r"constant) is $-1/\sigma^{2}$ times the ridge objective $\tfrac{1}{2} \|\mathbf{y} - \mathbf{X} "
            r"\mathbf{w} \|^{2} + \lambda /2 \|\mathbf{w} \|^{2}$ with $\lambda = \sigma^{2} / \tau^{2}$, and "
            r"find the MAP estimate."
        ),
        givens=(
            Given(X, "design matrix"),
            Given(w, "weights"),
            Given(y, "targets"),
            Given(var, "noise variance", POSITIVE),
            Given(prior_var, "prior variance of each weight", POSITIVE),
        ),
        start=log_posterior,
        steps=(
            Step(
                -ridge / var - n * sp.log(2 * sp.pi * var) / 2 - d * sp.log(2 * sp.pi * prior_var) / 2,
                (
                    r"log posterior = log likelihood + log prior + const, with $\log N (r ; 0, s^{2}) = -r^{2}/(2 s^{2}) "
                    r"- \log(2 \pi s^{2})/2$; factor out $-1/\sigma^{2}$: maximising it minimises the ridge objective"
                ),
            ),
            Step(gradient, "gradients of the two squared norms", start=grad(log_posterior, w)),
            Step(
                Equation((X.T * X + lam * eye(d)) * w, X.T * y),
                r"set it to zero and multiply by $-\sigma^{2}$: $\lambda = \sigma^{2} / \tau^{2}$",
                EQUIVALENT,
                factor=-1 / var,
            ),
            Step(
                Equation(w, w_map),
                r"$\mathbf{X}^{\top} \mathbf{X} + \lambda I$ is positive definite, hence invertible",
                SOLVES,
                nonzero=(X.T * X + lam * eye(d),),
            ),
        ),
        checks=(
            Grad(
                label=r"the gradient vs \texttt{jax.grad} of the log-posterior",
                objective=log_posterior,
                wrt=w,
                claim=gradient,
            ),
            Stationary(
                label=r"\texttt{jax.grad} of the log-posterior vanishes at the ridge solution, Hessian negative definite",
                objective=log_posterior,
                at=((w, w_map),),
                wrt=(w,),
                second_order="max",
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 1.2.5 (eq. 1.67) and section 3.3.1"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 7.5 (ridge regression)"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 9.2.3"),
        ),
        tags=("MAP", "regularisation", "Bayesian"),
        sizes=((n, 2), (d, 2)),
    )

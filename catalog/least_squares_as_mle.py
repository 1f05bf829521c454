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
            r"Model the targets as $y_{i} = \mathbf{x}_{i}^{\top} \mathbf{w} + \epsilon_{i}$ with independent "
            r"noise $\epsilon_{i} \sim \mathcal{N}(0, \sigma^{2})$. Write the log-likelihood of $\mathbf{w}$ and "
            r"$\sigma^{2}$, show that maximising it over $\mathbf{w}$ is minimising the squared error "
            r"$\|\mathbf{y} - \mathbf{X} \mathbf{w} \|^{2}$ (so $\hat{\mathbf{w}}$ is the least-squares "
            r"solution), and that the maximum-likelihood noise variance is the residual sum of squares divided by "
            r"$n$."
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
                (
                    r"$\log \mathcal{N}(r ; 0, \sigma^{2}) = -r^{2} / (2 \sigma^{2}) - \log(2 \pi \sigma^{2}) / 2$ summed over the "
                    r"residuals $r = \mathbf{y} - \mathbf{X} \mathbf{w}$: only the squared error depends on $\mathbf{w}$, "
                    r"so maximising $l$ over $\mathbf{w}$ minimises $\|\mathbf{y} - \mathbf{X} \mathbf{w} \|^{2}$"
                ),
            ),
            Step(
                score_w,
                (
                    r"the gradient of $\|\mathbf{y} - \mathbf{X} \mathbf{w} \|^{2}$ is $-2 \mathbf{X}^{\top} (\mathbf{y} "
                    r"- \mathbf{X} \mathbf{w})$"
                ),
                start=grad(loglik, w),
            ),
            Step(Equation(X.T * X * w, X.T * y), "set it to zero: the normal equations", EQUIVALENT, factor=-1 / var),
            Step(
                Equation(w, w_hat),
                r"$\mathbf{X}^{\top} \mathbf{X}$ is invertible: $\hat{\mathbf{w}}$ is the least-squares solution",
                SOLVES,
                nonzero=(X.T * X,),
            ),
            Step(
                -n / (2 * var) + rss / (2 * var**2),
                r"differentiate in $\sigma^{2}$: $\frac{d}{dv} [-r /(2v) - n \log(v)/2] = r /(2v^{2}) - n /(2v)$",
                start=sp.Derivative(loglik, var),
            ),
            Step(
                Equation(var, rss / n),
                (
                    r"set it to zero and multiply by $2 \sigma^{4} / n$: $\hat{\sigma}^{2} = \mathrm{RSS}/n$ (at "
                    r"$\mathbf{w} = \hat{\mathbf{w}}$)"
                ),
                EQUIVALENT,
                factor=-n / (2 * var**2),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"$\mathbf{X}^{\top}(\mathbf{y} - \mathbf{X} \mathbf{w})/\sigma^{2}$ vs \texttt{jax.grad} of the "
                    r"Gaussian log-likelihood"
                ),
                objective=loglik,
                wrt=w,
                claim=score_w,
            ),
            Stationary(
                label=r"\texttt{jax.grad} in $\mathbf{w}$ vanishes at the least-squares solution, Hessian negative definite",
                objective=loglik,
                at=((w, w_hat),),
                wrt=(w,),
                second_order="max",
            ),
            Stationary(
                label=r"\texttt{jax.grad} in $\sigma^{2}$ vanishes at RSS/n, second derivative negative",
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

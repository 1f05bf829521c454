"""The posterior of Bayesian linear regression: N(m, S) with S = (alpha I + beta X^T X)^-1, m = beta S X^T y."""

from derive import (
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
    hessian,
    inv,
    matrix,
    normal,
    scalar,
    sqrt,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    alpha, beta = scalar("alpha", POSITIVE), scalar("beta", POSITIVE)
    log_joint = normal(0, 1 / sqrt(beta)).log_likelihood(y - X * w) + normal(0, 1 / sqrt(alpha)).log_likelihood(w)
    precision = alpha * eye(d) + beta * X.T * X
    S = inv(precision)
    m = beta * S * X.T * y
    gradient = beta * X.T * (y - X * w) - alpha * w
    return Derivation(
        id="bayesian-linreg-posterior",
        title="The posterior of Bayesian linear regression",
        topic="probability",
        statement=(
            r"Prior $\mathbf{w} \sim \mathcal{N}(0, \alpha^{-1} I)$; likelihood $\mathbf{y} | \mathbf{w} \sim N "
            r"(\mathbf{X} \mathbf{w}, \beta^{-1} I)$. The log-posterior is the log-joint $\log p (\mathbf{y} | "
            r"\mathbf{w}) + \log p (\mathbf{w})$ up to a constant. Show that it is a quadratic in $\mathbf{w}$ "
            r"with Hessian $-S^{-1}$, $S = (\alpha I + \beta \mathbf{X}^{\top} \mathbf{X})^{-1}$, and gradient "
            r"$-S^{-1} (\mathbf{w} - m)$, $m = \beta S \mathbf{X}^{\top} \mathbf{y}$: the posterior is $\mathcal{N}(m, S)$."
        ),
        givens=(
            Given(X, "design matrix"),
            Given(w, "weights"),
            Given(y, "targets"),
            Given(alpha, "prior precision", POSITIVE),
            Given(beta, "noise precision", POSITIVE),
        ),
        start=hessian(log_joint, w),
        steps=(
            Step(
                -precision,
                (
                    r"the log-joint is $-\beta /2 \|\mathbf{y} - \mathbf{X} \mathbf{w} \|^{2} - \alpha /2 \|\mathbf{w} "
                    r"\|^{2}$ + const; differentiate twice. The Hessian $-(\alpha I + \beta \mathbf{X}^{\top} \mathbf{X}) "
                    r"= -S^{-1}$ is constant: the log-posterior is quadratic, so the posterior is Gaussian with "
                    r"covariance $S$"
                ),
            ),
            Step(gradient, "differentiate once", start=grad(log_joint, w)),
            Step(-precision * w + beta * X.T * y, r"collect the terms in $\mathbf{w}$"),
            Step(
                -inv(S) * (w - m),
                (
                    r"complete the square: $\beta \mathbf{X}^{\top} \mathbf{y} = S^{-1} (\beta S \mathbf{X}^{\top} "
                    r"\mathbf{y}) = S^{-1} m$"
                ),
            ),
            Step(
                Equation(w, m),
                r"the gradient vanishes at the posterior mean (which is also its mode) $m = \beta S \mathbf{X}^{\top} \mathbf{y}$",
                SOLVES,
                nonzero=(precision,),
            ),
        ),
        checks=(
            Grad(
                label=r"$-S^{-1} (\mathbf{w} - m)$ vs \texttt{jax.grad} of the log-joint",
                objective=log_joint,
                wrt=w,
                claim=-inv(S) * (w - m),
            ),
            Grad(
                label=r"$-S^{-1}$ vs \texttt{jax.hessian} of the log-joint",
                objective=log_joint,
                wrt=w,
                claim=-inv(S),
                order="hessian",
            ),
            Stationary(
                label=r"\texttt{jax.grad} of the log-joint vanishes at $m$, Hessian negative definite",
                objective=log_joint,
                at=((w, m),),
                wrt=(w,),
                second_order="max",
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 3.3.1, eqs. 3.49-3.54"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 7.6.1"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 9.3.3"),
        ),
        tags=("Bayesian", "posterior", "regression"),
        sizes=((n, 2), (d, 2)),
    )

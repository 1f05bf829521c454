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
            "Prior w ~ N(0, alpha^-1 I); likelihood y | w ~ N(Xw, beta^-1 I). The log-posterior is the log-joint "
            "log p(y | w) + log p(w) up to a constant. Show that it is a quadratic in w with Hessian -S^-1, "
            "S = (alpha I + beta X^T X)^-1, and gradient -S^-1 (w - m), m = beta S X^T y: the posterior is N(m, S)."
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
                "the log-joint is -beta/2 ||y - Xw||^2 - alpha/2 ||w||^2 + const; differentiate twice. The Hessian "
                "-(alpha I + beta X^T X) = -S^-1 is constant: the log-posterior is quadratic, so the posterior is "
                "Gaussian with covariance S",
            ),
            Step(gradient, "differentiate once", start=grad(log_joint, w)),
            Step(-precision * w + beta * X.T * y, "collect the terms in w"),
            Step(-inv(S) * (w - m), "complete the square: beta X^T y = S^-1 (beta S X^T y) = S^-1 m"),
            Step(
                Equation(w, m),
                "the gradient vanishes at the posterior mean (= mode) m = beta S X^T y",
                SOLVES,
                nonzero=(precision,),
            ),
        ),
        checks=(
            Grad(
                label="-S^-1 (w - m) vs jax.grad of the log-joint",
                objective=log_joint,
                wrt=w,
                claim=-inv(S) * (w - m),
            ),
            Grad(
                label="-S^-1 vs jax.hessian of the log-joint",
                objective=log_joint,
                wrt=w,
                claim=-inv(S),
                order="hessian",
            ),
            Stationary(
                label="jax.grad of the log-joint vanishes at m, Hessian negative definite",
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

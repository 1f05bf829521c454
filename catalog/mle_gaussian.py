"""Maximum likelihood for a Gaussian: the sample mean, the biased sample variance, and its bias."""

import sympy as sp

from derive import (
    EQUIVALENT,
    POSITIVE,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    Grad,
    MonteCarlo,
    Reference,
    Stationary,
    Step,
    dims,
    norm_sq,
    normal,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x, mu, var = vector("x", n), scalar("mu"), scalar("sigma^2", POSITIVE)
    loglik = normal(mu, sp.sqrt(var)).log_likelihood(x)
    total = scalar_of(ones(n).T * x)
    mean = total / n
    spread_at_mu = scalar_of(norm_sq(x - mu * ones(n)))
    spread = scalar_of(norm_sq(x - mean * ones(n)))
    var_hat = spread / n
    score_var = -n / (2 * var) + spread_at_mu / (2 * var**2)
    bias = (n - 1) * var / n
    return Derivation(
        id="mle-gaussian",
        title="Maximum likelihood for a Gaussian, and the bias of the variance estimate",
        topic="probability",
        statement=(
            r"$x_{1}$, ..., $x_{n}$ are independent draws from $\mathcal{N}(\mu, \sigma^{2})$. Maximise the log-likelihood "
            r"$l(\mu, \sigma^{2}) = \sum_{i} \log \mathcal{N}(x_{i} \mid \mu, \sigma^{2})$ over $\mu$ and $\sigma^{2}$, then "
            r"compute the expectation of the variance estimate: it is $(n - 1) \sigma^{2} / n$, not $\sigma^{2}$."
        ),
        givens=(
            Given(x, "the sample"),
            Given(mu, "the mean"),
            Given(var, "the variance", POSITIVE),
        ),
        start=sp.Derivative(loglik, mu),
        steps=(
            Step(
                (total - n * mu) / var,
                r"$d /d \mu$ of $-(x_{i} - \mu)^{2} / (2 \sigma^{2})$ is $(x_{i} - \mu) / \sigma^{2}$; sum over $i$",
            ),
            Step(Equation(n * mu, total), r"set it to zero and multiply by $\sigma^{2}$", EQUIVALENT, factor=-1 / var),
            Step(Equation(mu, mean), r"divide by $n$: $\hat{\mu}$ is the sample mean $\bar{x}$", SOLVES),
            Step(
                score_var,
                (
                    r"$d /d \sigma^{2}$ of $-(\mathbf{x} - \mu)^{2} / (2 \sigma^{2}) - \log(\sigma^{2}) / 2$ is "
                    r"$(\mathbf{x} - \mu)^{2} / (2 \sigma^{4}) - 1 / (2 \sigma^{2})$"
                ),
                start=sp.Derivative(loglik, var),
            ),
            Step(
                Equation(var, spread_at_mu / n),
                r"set it to zero and multiply by $2 \sigma^{4} / n$",
                EQUIVALENT,
                factor=-n / (2 * var**2),
            ),
            Step(
                Equation(var, var_hat),
                (r"at the joint maximum $\mu = \bar{x}$: $\hat{\sigma}^{2} = (1/n) \sum_{i} (x_{i} - \bar{x})^{2}$"),
                EQUIVALENT,
                using=(Equation(mu, mean),),
            ),
            Step(
                (scalar_of(x.T * x) - n * mean**2) / n,
                (
                    r"expand: $\sum_{i} (x_{i} - \bar{x})^{2} = \sum_{i} x_{i}^{2} - 2 \bar{x} \sum_{i} x_{i} + "
                    r"n \bar{x}^{2} = \sum_{i} x_{i}^{2} - n \bar{x}^{2}$"
                ),
                start=var_hat,
            ),
            Step(
                (n * (var + mu**2) - n * (var / n + mu**2)) / n,
                (
                    r"take expectations (the chain now reads $\mathbb{E}\hat{\sigma}^{2} = \ldots$): $\mathbb{E} "
                    r"x_{i}^{2} = \operatorname{Var} x_{i} + (\mathbb{E} x_{i})^{2} = \sigma^{2} + \mu^{2}$, and "
                    r"$\mathbb{E} \bar{x}^{2} = \operatorname{Var} \bar{x} + (\mathbb{E} \bar{x})^{2} = \sigma^{2}/n + "
                    r"\mu^{2}$"
                ),
                STATES,
                states="expectation",
                checked_by=3,
            ),
            Step(
                bias,
                (
                    r"collect terms: $\mathbb{E}\hat{\sigma}^{2} = (n - 1) \sigma^{2} / n$, biased low (hence the $1/(n - "
                    r"1)$ estimator)"
                ),
            ),
        ),
        checks=(
            Grad(
                label=r"the $\sigma^{2}$ score vs \texttt{jax.grad} of the Gaussian log-likelihood",
                objective=loglik,
                wrt=var,
                claim=score_var,
            ),
            Stationary(
                label=r"\texttt{jax.grad} in $(\mu, \sigma^{2})$ vanishes at $(\bar{x}, \hat{\sigma}^{2})$",
                objective=loglik,
                at=((mu, mean), (var, var_hat)),
                wrt=(mu, var),
            ),
            MonteCarlo(
                label=(
                    r"$\mathbb{E}\hat{\sigma}^{2}$ over samples of $n$ draws from $\mathcal{N}(\mu, \sigma^{2})$ is $(n - "
                    r"1) \sigma^{2} / n$"
                ),
                integrand=var_hat,
                claim=bias,
                draws=((x, normal(mu, sp.sqrt(var))),),
                samples=200_000,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 1.2.4, eqs. 1.55-1.58"),
            Reference("Wasserman, All of Statistics", "section 9.3, example 9.12"),
            Reference("Casella & Berger, Statistical Inference", "example 7.2.11 and section 7.3.1"),
        ),
        tags=("maximum likelihood", "bias", "Gaussian"),
        sizes=((n, 3),),
    )

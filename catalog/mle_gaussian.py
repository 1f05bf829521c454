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
            "x_1, ..., x_n are independent draws from N(mu, sigma^2). Maximise the log-likelihood "
            "l(mu, sigma^2) = sum_i log N(x_i | mu, sigma^2) over mu and sigma^2, then compute the expectation of "
            "the variance estimate: it is (n - 1) sigma^2 / n, not sigma^2."
        ),
        givens=(
            Given(x, "the sample"),
            Given(mu, "the mean"),
            Given(var, "the variance", POSITIVE),
        ),
        start=sp.Derivative(loglik, mu),
        steps=(
            Step((total - n * mu) / var, "d/d mu of -(x_i - mu)^2 / (2 sigma^2) is (x_i - mu) / sigma^2; sum over i"),
            Step(Equation(n * mu, total), "set it to zero and multiply by sigma^2", EQUIVALENT, factor=-1 / var),
            Step(Equation(mu, mean), "divide by n: mu-hat is the sample mean x-bar", SOLVES),
            Step(
                score_var,
                "d/d sigma^2 of -(x - mu)^2 / (2 sigma^2) - log(sigma^2) / 2 is (x - mu)^2 / (2 sigma^4) - 1 / (2 sigma^2)",
                start=sp.Derivative(loglik, var),
            ),
            Step(
                Equation(var, spread_at_mu / n),
                "set it to zero and multiply by 2 sigma^4 / n",
                EQUIVALENT,
                factor=-n / (2 * var**2),
            ),
            Step(
                Equation(var, var_hat),
                "at the joint maximum mu = x-bar: sigma^2-hat = (1/n) sum_i (x_i - x-bar)^2",
                EQUIVALENT,
                using=(Equation(mu, mean),),
            ),
            Step(
                (scalar_of(x.T * x) - n * mean**2) / n,
                "expand: sum_i (x_i - x-bar)^2 = sum_i x_i^2 - 2 x-bar sum_i x_i + n x-bar^2 = sum_i x_i^2 - n x-bar^2",
                start=var_hat,
            ),
            Step(
                (n * (var + mu**2) - n * (var / n + mu**2)) / n,
                "take expectations (the chain now reads E sigma^2-hat = ...): E x_i^2 = Var x_i + (E x_i)^2 = "
                "sigma^2 + mu^2, and E x-bar^2 = Var x-bar + (E x-bar)^2 = sigma^2/n + mu^2",
                STATES,
                states="expectation",
                checked_by=3,
            ),
            Step(
                bias, "collect terms: E sigma^2-hat = (n - 1) sigma^2 / n, biased low (hence the 1/(n - 1) estimator)"
            ),
        ),
        checks=(
            Grad(
                label="the sigma^2 score vs jax.grad of the Gaussian log-likelihood",
                objective=loglik,
                wrt=var,
                claim=score_var,
            ),
            Stationary(
                label="jax.grad in (mu, sigma^2) vanishes at (x-bar, sigma^2-hat)",
                objective=loglik,
                at=((mu, mean), (var, var_hat)),
                wrt=(mu, var),
            ),
            MonteCarlo(
                label="E sigma^2-hat over samples of n draws from N(mu, sigma^2) is (n - 1) sigma^2 / n",
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

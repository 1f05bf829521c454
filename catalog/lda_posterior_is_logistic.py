"""Gaussian classes with a shared covariance: the posterior is a logistic function of a linear score."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    SPD,
    Derivation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    dims,
    exp,
    inv,
    log,
    matrix,
    multivariate_normal,
    scalar,
    scalar_of,
    sigmoid,
    transpose,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    half = sp.Rational(1, 2)
    x, mu0, mu1 = vector("x", d), vector("mu0", d), vector("mu1", d)
    Sigma = matrix("Sigma", d, d)
    prior = scalar("pi", PROBABILITY)
    a0, a1 = scalar("a0", POSITIVE), scalar("a1", POSITIVE)
    log_p1 = multivariate_normal(mu1, Sigma).log_density(x)
    log_p0 = multivariate_normal(mu0, Sigma).log_density(x)
    posterior = prior * exp(log_p1) / (prior * exp(log_p1) + (1 - prior) * exp(log_p0))
    log_odds = log(prior) + log_p1 - log(1 - prior) - log_p0

    def quad(v, u=None):
        return scalar_of(transpose(v) * inv(Sigma) * (v if u is None else u))

    w = inv(Sigma) * (mu1 - mu0)
    b = -half * quad(mu1) + half * quad(mu0) + log(prior) - log(1 - prior)
    linear = scalar_of(transpose(w) * x) + b
    result = sigmoid(linear)
    return Derivation(
        id="lda-posterior-is-logistic",
        title="Shared-covariance Gaussian classes give a logistic posterior",
        topic="models",
        statement=(
            "In a generative classifier, P(y = 1) = pi and x | y = k ~ N(mu_k, Sigma) for k = 0, 1, with the same "
            "covariance Sigma for both classes (linear discriminant analysis). Show with Bayes' rule that "
            "P(y = 1 | x) = sigma(w^T x + b) with w = Sigma^{-1} (mu1 - mu0) and "
            "b = -1/2 mu1^T Sigma^{-1} mu1 + 1/2 mu0^T Sigma^{-1} mu0 + log(pi / (1 - pi)): the posterior has "
            "exactly the form of logistic regression. First, for any positive numbers a1, a0 (the two class "
            "densities at x), pi a1 / (pi a1 + (1 - pi) a0) = sigma(log-odds); then compute the log-odds."
        ),
        givens=(
            Given(x, "the input"),
            Given(mu0, "mean of class 0"),
            Given(mu1, "mean of class 1"),
            Given(Sigma, "the shared covariance", SPD),
            Given(prior, "prior probability of class 1", PROBABILITY),
            Given(a0, "p(x | y = 0), any positive value, for the first part", POSITIVE),
            Given(a1, "p(x | y = 1), any positive value, for the first part", POSITIVE),
        ),
        start=prior * a1 / (prior * a1 + (1 - prior) * a0),
        steps=(
            Step(
                sigmoid(log(prior) + log(a1) - log(1 - prior) - log(a0)),
                "divide numerator and denominator by pi a1: 1 / (1 + (1 - pi) a0 / (pi a1)) = 1 / (1 + e^{-a}) with "
                "the log-odds a = log(pi a1) - log((1 - pi) a0)",
            ),
            Step(
                -half * quad(x - mu1) + half * quad(x - mu0) + log(prior) - log(1 - prior),
                "the Gaussian log-density is -1/2 (x - mu)^T Sigma^{-1} (x - mu) - 1/2 log det Sigma - d/2 log 2 pi; "
                "with a shared Sigma the normalising terms cancel",
                start=log_odds,
            ),
            Step(
                linear,
                "expand the quadratic forms: x^T Sigma^{-1} x cancels (this is where the shared covariance matters), "
                "and the cross terms give (mu1 - mu0)^T Sigma^{-1} x = w^T x since Sigma^{-1} is symmetric",
            ),
            Step(
                sigmoid(log_odds),
                "the first part with a_k = N(x; mu_k, Sigma), whose logarithms are the log-densities",
                start=posterior,
            ),
            Step(result, "the log-odds computed in the second part is linear in x: w^T x + b"),
        ),
        checks=(
            IdentityCheck(
                label="Bayes' rule with the Gaussian densities vs sigma(w^T x + b)",
                lhs=posterior,
                rhs=result,
                sizes=((d, 3),),
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.2.1, eqs. 4.57-4.67"),
            Reference("CS229 lecture notes (Ng)", "part IV, section 1.2: GDA and logistic regression"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 4.2.2, eq. 4.38-4.41"),
        ),
        tags=("generative classifier", "Bayes' rule", "logistic regression", "Gaussian"),
        notes=(
            "With a separate covariance per class the quadratic terms x^T Sigma_k^{-1} x no longer cancel and the "
            "log-odds is quadratic in x (quadratic discriminant analysis). The converse fails: a logistic posterior "
            "does not imply Gaussian classes, which is why logistic regression makes weaker assumptions."
        ),
        sizes=((d, 2),),
    )

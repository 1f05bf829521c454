"""Gaussian classes with a shared covariance: the posterior is a logistic function of a linear score."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    SPD,
    Derivation,
    Given,
    IdentityCheck,
    Intermediate,
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
    # as written, before the shared normalising terms cancel
    log_odds = sp.Add(log(prior), *log_p1.args, -log(1 - prior), *(-term for term in log_p0.args), evaluate=False)

    def quad(v, u=None):
        return scalar_of(transpose(v) * inv(Sigma) * (v if u is None else u))

    # the weights and the bias of the linear score, named as in the statement; the checkers expand them
    w, b = vector("w", d), scalar("b")
    score = (
        Intermediate(w, inv(Sigma) * (mu1 - mu0)),
        Intermediate(b, -half * quad(mu1) + half * quad(mu0) + log(prior) - log(1 - prior)),
    )
    linear = scalar_of(w.T * x) + b
    result = sigmoid(linear)
    return Derivation(
        id="lda-posterior-is-logistic",
        title="Shared-covariance Gaussian classes give a logistic posterior",
        topic="models",
        statement=(
            r"In a generative classifier, $P(y = 1) = \pi$ and $\mathbf{x} \mid y = k \sim "
            r"\mathcal{N}(\boldsymbol{\mu}_{k}, \boldsymbol{\Sigma})$ for $k = 0$, $1$, with the same covariance "
            r"$\boldsymbol{\Sigma}$ for both classes (linear discriminant analysis). Show with Bayes' rule that "
            r"$P(y = 1 \mid \mathbf{x}) = \sigma(\mathbf{w}^{\top} \mathbf{x} + b)$ with $\mathbf{w} = \boldsymbol{\Sigma}^{-1} "
            r"(\boldsymbol{\mu}_{1} - \boldsymbol{\mu}_{0})$ and $b = -\tfrac{1}{2} \boldsymbol{\mu}_{1}^{\top} "
            r"\boldsymbol{\Sigma}^{-1} \boldsymbol{\mu}_{1} + \tfrac{1}{2} \boldsymbol{\mu}_{0}^{\top} "
            r"\boldsymbol{\Sigma}^{-1} \boldsymbol{\mu}_{0} + \log(\pi / (1 - \pi))$: the posterior has exactly "
            r"the form of logistic regression. First, for any positive numbers $a_{1}$, $a_{0}$ (the two class "
            r"densities at $\mathbf{x}$), $\pi a_{1} / (\pi a_{1} + (1 - \pi) a_{0}) = \sigma(\text{log-odds})$; "
            r"then compute the log-odds."
        ),
        givens=(
            Given(x, "the input"),
            Given(mu0, "mean of class $0$"),
            Given(mu1, "mean of class $1$"),
            Given(Sigma, "the shared covariance", SPD),
            Given(prior, "prior probability of class $1$", PROBABILITY),
            Given(a0, r"$p(\mathbf{x} \mid y = 0)$, any positive value, for the first part", POSITIVE),
            Given(a1, r"$p(\mathbf{x} \mid y = 1)$, any positive value, for the first part", POSITIVE),
        ),
        start=prior * a1 / (prior * a1 + (1 - prior) * a0),
        steps=(
            Step(
                sigmoid(log(prior) + log(a1) - log(1 - prior) - log(a0)),
                (
                    r"divide numerator and denominator by $\pi a_{1}$: $1 / (1 + (1 - \pi) a_{0} / (\pi a_{1})) = 1 / (1 "
                    r"+ e^{-a})$ with the log-odds a = $\log(\pi a_{1}) - \log((1 - \pi) a_{0})$"
                ),
            ),
            Step(
                -half * quad(x - mu1) + half * quad(x - mu0) + log(prior) - log(1 - prior),
                (
                    r"the Gaussian log-density is $-\tfrac{1}{2} (\mathbf{x} - \mu)^{\top} \boldsymbol{\Sigma}^{-1} "
                    r"(\mathbf{x} - \mu) - \tfrac{1}{2} \log \det \boldsymbol{\Sigma} - d /2 \log 2 \pi$; with a shared "
                    r"$\boldsymbol{\Sigma}$ the normalising terms cancel"
                ),
                start=log_odds,
            ),
            Step(
                linear,
                (
                    r"expand the quadratic forms: $\mathbf{x}^{\top} \boldsymbol{\Sigma}^{-1} \mathbf{x}$ cancels (this "
                    r"is where the shared covariance matters), and the cross terms give $(\boldsymbol{\mu}_{1} - "
                    r"\boldsymbol{\mu}_{0})^{\top} \boldsymbol{\Sigma}^{-1} \mathbf{x} = \mathbf{w}^{\top} \mathbf{x}$ since "
                    r"$\boldsymbol{\Sigma}^{-1}$ is symmetric"
                ),
            ),
            Step(
                sigmoid(log_odds),
                (
                    r"the first part with $a_{k} = \mathcal{N}(\mathbf{x} ; \mu_{k}, \boldsymbol{\Sigma})$, whose logarithms are "
                    r"the log-densities"
                ),
                start=posterior,
            ),
            Step(
                result,
                r"the log-odds computed in the second part is linear in $\mathbf{x}$: $\mathbf{w}^{\top} \mathbf{x} + b$",
            ),
        ),
        intermediates=score,
        checks=(
            IdentityCheck(
                label=r"Bayes' rule with the Gaussian densities vs $\sigma(\mathbf{w}^{\top} \mathbf{x} + b)$",
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
            r"With a separate covariance per class the quadratic terms $\mathbf{x}^{\top} \Sigma_{k}^{-1} "
            r"\mathbf{x}$ no longer cancel and the log-odds is quadratic in $\mathbf{x}$ (quadratic discriminant "
            r"analysis). The converse fails: a logistic posterior does not imply Gaussian classes, which is why "
            r"logistic regression makes weaker assumptions."
        ),
        sizes=((d, 2),),
    )

"""The Beta prior is conjugate to the Bernoulli likelihood: posterior Beta(a + k, b + n - k) and its mean."""

import sympy as sp

from derive import (
    BINARY,
    POSITIVE,
    PROBABILITY,
    Derivation,
    Given,
    IdentityCheck,
    MonteCarlo,
    Reference,
    Step,
    bernoulli,
    beta,
    dims,
    exp,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x = vector("x", n)
    theta, other = scalar("theta", PROBABILITY), scalar("theta'", PROBABILITY)
    a, b = scalar("a", POSITIVE), scalar("b", POSITIVE)
    k = scalar_of(ones(n).T * x)
    prior, posterior = beta(a, b), beta(a + k, b + n - k)

    def log_joint(t):
        return prior.log_density(t) + bernoulli(t).log_likelihood(x)

    def log_beta_function(p, q):
        return sp.loggamma(p) + sp.loggamma(q) - sp.loggamma(p + q)

    log_evidence = log_beta_function(a + k, b + n - k) - log_beta_function(a, b)
    alpha, beta_ = a + k, b + n - k
    result = (a + k) / (a + b + n)
    return Derivation(
        id="beta-bernoulli",
        title="Beta-Bernoulli conjugacy: the posterior and its mean",
        topic="probability",
        statement=(
            r"Put a $\operatorname{Beta}(a, b)$ prior on the success probability $\theta$ of $n$ Bernoulli trials "
            r"$x_{1}$, ..., $x_{n}$ with $k = \sum_{i} x_{i}$ successes. Show that the posterior is "
            r"$\operatorname{Beta}(a + k, b + n - k)$: prior times likelihood is that density times a constant "
            r"(the evidence $p(\mathbf{x})$). Then compute the posterior mean."
        ),
        givens=(
            Given(x, "the observed trials", BINARY),
            Given(theta, "success probability", PROBABILITY),
            Given(a, "prior pseudo-count of successes", POSITIVE),
            Given(b, "prior pseudo-count of failures", POSITIVE),
        ),
        start=log_joint(theta),
        steps=(
            Step(
                posterior.log_density(theta) + log_evidence,
                (
                    r"$\log \operatorname{Beta}(\theta \mid a, b) = (a - 1) \log \theta + (b - 1) \log(1 - \theta) - \log "
                    r"B(a, b)$ and the likelihood adds $k \log \theta + (n - k) \log(1 - \theta)$: the sum is the "
                    r"$\operatorname{Beta}(a + k, b + n - k)$ log-density plus $\log B(a + k, b + n - k) - \log B(a, b)$, "
                    r"which does not depend on $\theta$. So that constant is $\log p(\mathbf{x})$ and the posterior "
                    r"$p(\theta \mid \mathbf{x}) = p(\theta)\, p(\mathbf{x} \mid \theta) / p(\mathbf{x})$ is "
                    r"$\operatorname{Beta}(a + k, b + n - k)$"
                ),
            ),
            Step(
                alpha / (alpha + beta_),
                (
                    r"the mean of $\operatorname{Beta}(\alpha, \beta)$ is $B(\alpha + 1, \beta) / B(\alpha, \beta) = "
                    r"\alpha / (\alpha + \beta)$ by $\Gamma(z + 1) = z \Gamma(z)$; here $\alpha + \beta = a + b + n$"
                ),
                start=sp.gamma(alpha + 1) * sp.gamma(alpha + beta_) / (sp.gamma(alpha) * sp.gamma(alpha + beta_ + 1)),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"prior $\times$ likelihood is proportional to the $\operatorname{Beta}(a + k, b + n - k)$ density "
                    r"(ratio at two thetas)"
                ),
                lhs=exp(log_joint(theta) - log_joint(other)),
                rhs=exp(posterior.log_density(theta) - posterior.log_density(other)),
                extra=(Given(other, r"a second value of $\theta$", PROBABILITY),),
            ),
            MonteCarlo(
                label="the likelihood-weighted mean of prior draws (importance sampling) is the posterior mean",
                integrand=theta,
                weight=exp(bernoulli(theta).log_likelihood(x)),
                claim=result,
                draws=((theta, prior),),
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 2.1.1, eqs. 2.13-2.20"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 3.3.3"),
            Reference("Wasserman, All of Statistics", "section 11.2, example 11.1"),
        ),
        tags=("Bayesian", "conjugate prior", "posterior"),
    )

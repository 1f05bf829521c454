"""The VAE's KL term: KL(N(mu, diag sigma^2) || N(0, I)) and its gradient."""

import sympy as sp

from derive import (
    Derivation,
    Given,
    Grad,
    MonteCarlo,
    Reference,
    Step,
    det,
    diag,
    dims,
    exp,
    eye,
    grad,
    hadamard,
    log,
    multivariate_normal,
    ones,
    scalar_of,
    trace,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    half = sp.Rational(1, 2)
    mu, v, z = vector("mu", d), vector("v", d), vector("z", d)  # v = log sigma^2, elementwise
    covariance = diag(exp(v))
    general = half * (trace(covariance) + scalar_of(mu.T * mu) - d - log(det(covariance)))
    kl = half * scalar_of(ones(d).T * (hadamard(mu, mu) + exp(v) - v - ones(d)))
    result = half * (exp(v) - ones(d))
    posterior, prior = multivariate_normal(mu, covariance), multivariate_normal(sp.ZeroMatrix(d, 1), eye(d))
    return Derivation(
        id="vae-kl-term",
        title="The VAE's KL term and its gradient",
        topic="information-theory",
        statement=(
            "A VAE encoder outputs a mean mu and a log-variance v = log sigma^2 (elementwise) for the approximate "
            "posterior q(z | x) = N(mu, diag(sigma^2)); the prior is p(z) = N(0, I). Starting from the closed form "
            "KL(N(m0, Sigma0) || N(m1, Sigma1)) = 1/2 [tr(Sigma1^{-1} Sigma0) + (m1 - m0)^T Sigma1^{-1} (m1 - m0) - d "
            "+ log det Sigma1 - log det Sigma0] (entry kl-gaussians), show that the KL term of the ELBO is "
            "1/2 sum_j (mu_j^2 + sigma_j^2 - log sigma_j^2 - 1), and compute its gradients with respect to mu and v."
        ),
        givens=(
            Given(mu, "encoder mean"),
            Given(v, "encoder log-variance log sigma^2 (elementwise)"),
            Given(z, "a latent code (drawn from q in the expectation)"),
        ),
        start=general,
        steps=(
            Step(
                half * (scalar_of(ones(d).T * exp(v)) + scalar_of(mu.T * mu) - d - scalar_of(ones(d).T * v)),
                "the general formula with m1 = 0, Sigma1 = I and Sigma0 = diag(sigma^2): the trace of a diagonal "
                "matrix is the sum of its diagonal, and log det diag(e^v) = log prod_j e^{v_j} = sum_j v_j",
            ),
            Step(kl, "one sum over the d coordinates: mu^T mu = sum_j mu_j^2 and d = sum_j 1"),
            Step(mu, "d/d mu_j of mu_j^2 / 2 is mu_j", start=grad(kl, mu)),
            Step(
                result, "d/d v_j of (e^{v_j} - v_j) / 2 is (e^{v_j} - 1) / 2 = (sigma_j^2 - 1) / 2", start=grad(kl, v)
            ),
        ),
        checks=(
            MonteCarlo(
                label="E_q[log q(z) - log p(z)] vs the closed form, z ~ N(mu, diag(e^v)) (jax.random)",
                integrand=posterior.log_density(z) - prior.log_density(z),
                claim=kl,
                draws=((z, posterior),),
                where=((mu, ones(d) + hadamard(mu, mu)),),  # KL >= d/2: a divergence near 0 hides a 2% error
                samples=400_000,
                sizes=((d, 3),),
            ),
            Grad(label="dKL/dmu vs jax.grad", objective=kl, wrt=mu, claim=mu),
            Grad(label="dKL/dv vs jax.grad", objective=kl, wrt=v, claim=result),
        ),
        references=(
            Reference("Kingma & Welling, Auto-Encoding Variational Bayes (ICLR 2014)", "appendix B, eq. 10"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 20.10.3 (variational autoencoders)"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.8.2 and section 21.2"),
        ),
        tags=("KL divergence", "variational autoencoder", "gradient"),
        notes=(
            "Parametrising by the log-variance keeps sigma^2 = e^v positive without constraints; the KL term "
            "pulls mu towards 0 and sigma^2 towards 1, where both gradients vanish."
        ),
        sizes=((d, 3),),
    )

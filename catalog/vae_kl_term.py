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
            r"A VAE encoder outputs a mean $\boldsymbol{\mu}$ and a log-variance $\mathbf{v} = \log "
            r"\sigma^{2}$ (elementwise) for the approximate posterior $q (\mathbf{z} | x) = N (\boldsymbol{\mu}, "
            r"\operatorname{diag} (\sigma^{2}))$; the prior is $p (\mathbf{z}) = N (0, I)$. Starting from the "
            r"closed form KL(N(m0, $\Sigma_{0}) \| \mathcal{N}(m_{1}$, $\Sigma_{1})) = \tfrac{1}{2} [\operatorname{tr} "
            r"(\Sigma_{1}^{-1} \Sigma_{0}) + (m_{1} - m_{0})^{\top} \Sigma_{1}^{-1} (m_{1} - m_{0}) - d + \log "
            r"\det \Sigma_{1} - \log \det \Sigma_{0}$] (entry kl-gaussians), show that the KL term of the ELBO "
            r"is $\tfrac{1}{2} \sum_{j} (\mu_{j}^{2} + \sigma_{j}^{2} - \log \sigma_{j}^{2} - 1$), and compute "
            r"its gradients with respect to $\boldsymbol{\mu}$ and $\mathbf{v}$."
        ),
        givens=(
            Given(mu, "encoder mean"),
            Given(v, r"encoder log-variance $\log \sigma^{2}$ (elementwise)"),
            Given(z, "a latent code (drawn from $q$ in the expectation)"),
        ),
        start=general,
        steps=(
            Step(
                half * (scalar_of(ones(d).T * exp(v)) + scalar_of(mu.T * mu) - d - scalar_of(ones(d).T * v)),
                (
                    r"the general formula with $m_{1} = 0$, $\Sigma_{1} = I$ and $\Sigma_{0} = \operatorname{diag} "
                    r"(\sigma^{2})$: the trace of a diagonal matrix is the sum of its diagonal, and $\log \det "
                    r"\operatorname{diag} (e^{\mathbf{v}})$ = log prod\_j $e^{v_{j}} = \sum_{j} v_{j}$"
                ),
            ),
            Step(
                kl,
                (
                    r"one sum over the $d$ coordinates: $\boldsymbol{\mu}^{\top} \boldsymbol{\mu} = \sum_{j} \mu_{j}^{2}$ "
                    r"and $d = \sum_{j} 1$"
                ),
            ),
            Step(mu, r"$d /d \mu_{j}$ of $\mu_{j}^{2} / 2$ is $\mu_{j}$", start=grad(kl, mu)),
            Step(
                result,
                r"$d /d v_{j}$ of $(e^{v_{j}} - v_{j}) / 2$ is $(e^{v_{j}} - 1) / 2 = (\sigma_{j}^{2} - 1) / 2$",
                start=grad(kl, v),
            ),
        ),
        checks=(
            MonteCarlo(
                label=(
                    r"$\mathbb{E}_{q} [\log q(\mathbf{z}) - \log p(\mathbf{z})$] vs the closed form, $\mathbf{z} \sim N "
                    r"(\boldsymbol{\mu}, \operatorname{diag} (e^{\mathbf{v}}))$ (\texttt{jax.random})"
                ),
                integrand=posterior.log_density(z) - prior.log_density(z),
                claim=kl,
                draws=((z, posterior),),
                where=((mu, ones(d) + hadamard(mu, mu)),),  # KL >= d/2: a divergence near 0 hides a 2% error
                samples=400_000,
                sizes=((d, 3),),
            ),
            Grad(label=r"dKL/dmu vs \texttt{jax.grad}", objective=kl, wrt=mu, claim=mu),
            Grad(label=r"dKL/dv vs \texttt{jax.grad}", objective=kl, wrt=v, claim=result),
        ),
        references=(
            Reference("Kingma & Welling, Auto-Encoding Variational Bayes (ICLR 2014)", "appendix B, eq. 10"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 20.10.3 (variational autoencoders)"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.8.2 and section 21.2"),
        ),
        tags=("KL divergence", "variational autoencoder", "gradient"),
        notes=(
            r"Parametrising by the log-variance keeps $\sigma^{2} = e^{\mathbf{v}}$ positive without constraints; "
            r"the KL term pulls $\boldsymbol{\mu}$ towards $0$ and $\sigma^{2}$ towards $1$, where both gradients "
            r"vanish."
        ),
        sizes=((d, 3),),
    )

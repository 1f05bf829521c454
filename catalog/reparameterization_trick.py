"""The reparameterisation trick: differentiate through the sample z = mu + sigma eps."""

import sympy as sp

from derive import (
    POSITIVE,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    exp,
    grad,
    normal,
    scalar,
)


def derivation() -> Derivation:
    mu, eps = scalar("mu"), scalar("epsilon")
    sigma = scalar("sigma", POSITIVE)
    z = mu + sigma * eps
    f = sp.sin  # the example objective; any f with a bounded derivative works the same way
    mean_objective = sp.sin(mu) * exp(-(sigma**2) / 2)  # E sin(mu + sigma eps), eps ~ N(0, 1)
    standard_normal = normal(sp.Integer(0), sp.Integer(1))
    result = sp.cos(z)
    # mu in (0.36, 1.14), where sin and cos stay above 0.35, and sigma in (0.25, 1): claims near 0 would
    # need a vanishing standard error to refuse a 2% error (the checks' power)
    away_from_zeros = ((mu, sp.Rational(3, 4) + sp.atan(mu) / 4), (sigma, sigma / 2))

    def antithetic(g):  # E g(eps) = E (g(eps) + g(-eps))/2 for symmetric eps: far less variance, same mean
        return (g + g.subs(eps, -eps)) / 2

    return Derivation(
        id="reparameterization-trick",
        title="The reparameterisation trick",
        topic="models",
        statement=(
            r"To optimise $L(\mu, \sigma) = \mathbb{E}_{z \sim \mathcal{N}(\mu, \sigma^{2})}[f(z)]$ by gradient "
            r"descent (as a VAE does for its encoder), write the sample as a deterministic function of the "
            r"parameters and parameter-free noise: $z = \mu + \sigma\epsilon$ with $\epsilon \sim \mathcal{N}(0, "
            r"1)$. Then $L = \mathbb{E}_{\epsilon}[f(\mu + \sigma\epsilon)]$, the expectation no longer depends "
            r"on the parameters, and for a smooth $f$ with bounded derivative the gradient moves inside it: "
            r"$\nabla_{\mu} L = \mathbb{E}[f'(\mu + \sigma\epsilon)]$ and $\nabla_{\sigma} L = "
            r"\mathbb{E}[\epsilon f'(\mu + \sigma\epsilon)]$. Compute the per-sample (pathwise) gradients for $f "
            r"= \sin$, and check both estimators against the exact gradient of $L = \sin(\mu)\, "
            r"e^{-\sigma^{2}/2}$."
        ),
        givens=(
            Given(mu, "mean of the sampling distribution"),
            Given(sigma, "standard deviation of the sampling distribution", POSITIVE),
            Given(eps, r"standard normal noise, independent of $\mu$ and $\sigma$"),
        ),
        start=grad(f(z), sigma),
        steps=(
            Step(eps * sp.cos(z), r"chain rule: $d(\mu + \sigma$ eps)/d $\sigma$ = eps, and sin' = cos"),
            Step(
                result,
                (
                    r"chain rule: $d(\mu + \sigma$ eps)/d $\mu = 1$, so the pathwise gradient in $\mu$ is $f'(\mu + "
                    r"\sigma$ eps); its mean over eps is grad\_mu $L$ (differentiation under the expectation, justified "
                    r"by the bounded derivative; the Monte Carlo checks compare the means with the exact gradients)"
                ),
                start=grad(f(z), mu),
            ),
        ),
        checks=(
            MonteCarlo(
                label=r"the objective: mean of $\sin(\mu + \sigma\epsilon)$ over antithetic pairs $\pm\epsilon$ vs $\sin(\mu)\, e^{-\sigma^{2}/2}$",
                integrand=antithetic(f(z)),
                claim=mean_objective,
                draws=((eps, standard_normal),),
                where=away_from_zeros,
                samples=200_000,
            ),
            MonteCarlo(
                label=(
                    r"mean of the pathwise gradient $\cos(\mu + \sigma\epsilon)$ vs \texttt{jax.grad} in $\mu$ of the "
                    r"exact objective"
                ),
                integrand=result,  # as derived (the check that states the result), so plain draws
                claim=grad(mean_objective, mu),
                draws=((eps, standard_normal),),
                where=away_from_zeros,
                samples=2_000_000,
            ),
            MonteCarlo(
                label=r"mean of $\epsilon\cos(\mu + \sigma\epsilon)$ over antithetic pairs vs \texttt{jax.grad} in $\sigma$ of the exact objective",
                integrand=antithetic(eps * sp.cos(z)),
                claim=grad(mean_objective, sigma),
                draws=((eps, standard_normal),),
                where=away_from_zeros,
                samples=800_000,
            ),
        ),
        references=(
            Reference("Kingma & Welling, Auto-Encoding Variational Bayes (ICLR 2014)", "section 2.4, eq. 9"),
            Reference(
                "Goodfellow, Bengio, Courville: Deep Learning",
                "section 20.9 (back-propagation through random operations)",
            ),
            Reference(
                "Murphy, Probabilistic Machine Learning: Advanced Topics", "section 6.3.5 (reparameterization trick)"
            ),
        ),
        tags=("reparameterisation", "variational autoencoder", "Monte Carlo", "gradient estimator"),
        notes=(
            "Unlike the score-function estimator (entry reinforce-score-function), the pathwise estimator uses "
            "$f'$ and usually has much lower variance, but it needs $z$ to be a differentiable function of the "
            "parameters and $f$ to be differentiable."
        ),
    )

"""The KL divergence between two Gaussians in closed form (scalar and multivariate)."""

import sympy as sp

from derive import (
    POSITIVE,
    SPD,
    STATES,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    det,
    dims,
    hadamard,
    inv,
    log,
    matrix,
    multivariate_normal,
    normal,
    ones,
    scalar,
    scalar_of,
    trace,
    transpose,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    half = sp.Rational(1, 2)
    # scalar: p = N(mu1, s1^2), q = N(mu2, s2^2)
    x, mu1, mu2 = scalar("x"), scalar("mu1"), scalar("mu2")
    s1, s2 = scalar("sigma1", POSITIVE), scalar("sigma2", POSITIVE)
    p, q = normal(mu1, s1), normal(mu2, s2)
    log_ratio = p.log_density(x) - q.log_density(x)
    scalar_result = log(s2 / s1) + (s1**2 + (mu1 - mu2) ** 2) / (2 * s2**2) - half
    # multivariate: p = N(m0, S0), q = N(m1, S1) on R^d
    xv, m0, m1 = vector("x_v", d), vector("m0", d), vector("m1", d)
    S0, S1 = matrix("Sigma0", d, d), matrix("Sigma1", d, d)
    pv, qv = multivariate_normal(m0, S0), multivariate_normal(m1, S1)
    # as written, before the normalising terms cancel (evaluated, they would cancel in the first row)
    log_ratio_v = sp.Add(*pv.log_density(xv).args, *(-term for term in qv.log_density(xv).args), evaluate=False)
    # E(x - mu_1)^2 / (2 sigma_1^2) before it is simplified to 1/2
    unsimplified_half = sp.Mul(-1, s1**2, sp.Pow(sp.Mul(2, s1**2, evaluate=False), -1, evaluate=False), evaluate=False)

    def quad(v, a):
        return scalar_of(transpose(v) * a * v)

    # q's mean at least 2 away from p's: as q nears p the divergence vanishes faster than the spread of
    # log p - log q, and no sample size refuses a claim 2% off (the checks' power)
    apart = ((mu2, mu1 + 2 + mu2**2),)
    apart_v = ((m1, m0 + 2 * ones(d) + hadamard(m1, m1)),)
    result = half * (trace(inv(S1) * S0) + quad(m1 - m0, inv(S1)) - d + log(det(S1)) - log(det(S0)))
    return Derivation(
        id="kl-gaussians",
        title="KL divergence between two Gaussians",
        topic="information-theory",
        statement=(
            r"Compute $\operatorname{KL}(p \,\|\, q) = \mathbb{E}_{x \sim p}[\log p(x) - \log q(x)]$ in closed "
            r"form, first for scalar Gaussians $p = \mathcal{N}(\mu_{1}, \sigma_{1}^{2})$ and $q = "
            r"\mathcal{N}(\mu_{2}, \sigma_{2}^{2})$, then for multivariate Gaussians $p = "
            r"\mathcal{N}(\mathbf{m}_{0}, \boldsymbol{\Sigma}_{0})$ and $q = \mathcal{N}(\mathbf{m}_{1}, "
            r"\boldsymbol{\Sigma}_{1})$ on $\mathbb{R}^{d}$. Write the log-density ratio out, then take its "
            r"expectation under $p$ using only the mean and covariance of $x$."
        ),
        givens=(
            Given(x, "a point of the real line (drawn from $p$ in the expectation)"),
            Given(mu1, "mean of $p$"),
            Given(s1, "standard deviation of $p$", POSITIVE),
            Given(mu2, "mean of $q$"),
            Given(s2, "standard deviation of $q$", POSITIVE),
            Given(xv, r"a point of $\mathbb{R}^{d}$ (drawn from $p$ in the expectation)"),
            Given(m0, "mean of $p$"),
            Given(S0, "covariance of $p$", SPD),
            Given(m1, "mean of $q$"),
            Given(S1, "covariance of $q$", SPD),
        ),
        start=log_ratio,
        steps=(
            Step(
                log(s2 / s1) - (x - mu1) ** 2 / (2 * s1**2) + (x - mu2) ** 2 / (2 * s2**2),
                (
                    r"$\log \mathcal{N}(x ; \mu, s^{2}) = -(x - \mu)^{2}/(2 s^{2}) - \log s - \log\sqrt{2\pi}$; the "
                    r"$\log\sqrt{2\pi}$ terms cancel"
                ),
            ),
            Step(
                sp.Add(log(s2 / s1), unsimplified_half, (s1**2 + (mu1 - mu2) ** 2) / (2 * s2**2), evaluate=False),
                (
                    r"take the expectation under $x \sim p$: $\mathbb{E} (x - \mu_{1})^{2} = \sigma_{1}^{2}$, and "
                    r"$\mathbb{E} (x - \mu_{2})^{2} = \operatorname{Var} x + (\mathbb{E} x - \mu_{2})^{2} = "
                    r"\sigma_{1}^{2} + (\mu_{1} - \mu_{2})^{2}$ (the Monte Carlo check covers this)"
                ),
                STATES,
                states="expectation",
                checked_by=1,
            ),
            Step(scalar_result, r"simplify $\sigma_{1}^{2} / (2 \sigma_{1}^{2}) = \tfrac{1}{2}$"),
            Step(
                -half * quad(xv - m0, inv(S0))
                + half * quad(xv - m1, inv(S1))
                + half * log(det(S1))
                - half * log(det(S0)),
                (
                    r"the multivariate log-density is $-\tfrac{1}{2} (x - m)^{\top} \Sigma^{-1} (x - m) - \tfrac{1}{2} "
                    r"\log \det \Sigma - d /2 \log 2 \pi$; the $d /2 \log 2 \pi$ terms cancel"
                ),
                start=log_ratio_v,
            ),
            Step(
                -half * d
                + half * (trace(inv(S1) * S0) + quad(m0 - m1, inv(S1)))
                + half * log(det(S1))
                - half * log(det(S0)),
                (
                    r"take the expectation under $x \sim p$: for $x$ with mean $\mathbf{m}_{0}$ and covariance "
                    r"$\boldsymbol{\Sigma}_{0}$, $\mathbb{E} [(x - m)^{\top} A (x - m)] = \operatorname{tr} (A "
                    r"\boldsymbol{\Sigma}_{0}) + (\mathbf{m}_{0} - m)^{\top} A (\mathbf{m}_{0} - m)$ (write $x - m = (x - "
                    r"\mathbf{m}_{0}) + (\mathbf{m}_{0} - m)$, and $\mathbb{E} [u^{\top} A u] = \operatorname{tr} (A "
                    r"\mathbb{E} [u u^{\top}])$ for $u = x - \mathbf{m}_{0}$), so with $A = \boldsymbol{\Sigma}_{0}^{-1}$, $m = "
                    r"\mathbf{m}_{0}$ it is $\operatorname{tr} (I_{d}) = d$; the Monte Carlo check covers this"
                ),
                STATES,
                states="expectation",
                checked_by=2,
            ),
            Step(
                result,
                (
                    r"a quadratic form is even: $(\mathbf{m}_{0} - \mathbf{m}_{1})^{\top} A (\mathbf{m}_{0} - \mathbf{m}_{1}) = "
                    r"(\mathbf{m}_{1} - \mathbf{m}_{0})^{\top} A (\mathbf{m}_{1} - \mathbf{m}_{0})$"
                ),
            ),
        ),
        checks=(
            MonteCarlo(
                label=(
                    r"scalar: $\mathbb{E}_{p} [\log p(x) - \log q(x)$] vs the closed form, $x \sim N (\mu_{1}, "
                    r"\sigma_{1}^{2})$ (\texttt{jax.random})"
                ),
                integrand=log_ratio,
                claim=scalar_result,
                draws=((x, normal(mu1, s1)),),
                where=apart,
                samples=400_000,
            ),
            MonteCarlo(
                label=(
                    r"multivariate: $\mathbb{E}_{p} [\log p(x) - \log q(x)$] vs the closed form, $x \sim N "
                    r"(\mathbf{m}_{0}, \boldsymbol{\Sigma}_{0})$ (\texttt{jax.random})"
                ),
                integrand=log_ratio_v,
                claim=result,
                draws=((xv, multivariate_normal(m0, S0)),),
                where=apart_v,
                samples=400_000,
                sizes=((d, 3),),
            ),
        ),
        references=(
            Reference(
                "Murphy, Machine Learning: A Probabilistic Perspective",
                "section 2.8.2 (KL divergence) and section 21.2 (variational inference)",
            ),
            Reference(
                "Bishop, Pattern Recognition and Machine Learning", "section 2.3 (Gaussian moments, eq. 2.59, 2.62)"
            ),
            Reference("Kingma & Welling, Auto-Encoding Variational Bayes (2014)", "appendix B"),
            Reference(
                "Petersen & Pedersen, The Matrix Cookbook", "section 8.2 (eq. 380: expectation of a quadratic form)"
            ),
        ),
        tags=("KL divergence", "Gaussian", "closed form"),
        notes=(
            r"KL is not symmetric: swapping $p$ and $q$ changes the value. With $d = 1$ the multivariate formula "
            r"reduces to the scalar one $(\Sigma = \sigma^{2})$."
        ),
        sizes=((d, 2),),
    )

"""Mean and variance of the Poisson distribution, both lambda, by summing the series."""

import sympy as sp

from derive import POSITIVE, Derivation, Equation, Given, IdentityCheck, Intermediate, Reference, Step, poisson, scalar


def derivation() -> Derivation:
    lam = scalar("lambda", POSITIVE)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    j = sp.Symbol("j", integer=True, nonnegative=True)
    pmf = sp.exp(poisson(lam).log_density(k)).rewrite(sp.factorial)  # lambda^k e^-lambda / k!
    exp_series = sp.Sum(lam**j / sp.factorial(j), (j, 0, sp.oo))
    mean = sp.Sum(k * pmf, (k, 0, sp.oo))
    factorial_moment = sp.Sum(k * (k - 1) * pmf, (k, 0, sp.oo))
    mu, var = scalar("mu"), sp.Symbol("sigma^2", positive=True)  # the two moments, named in the rows
    moments = (
        Intermediate(mu, mean, r"$\mathbb{E} X$"),
        Intermediate(
            var,
            factorial_moment + mu - mu**2,
            r"$\operatorname{Var} X = \mathbb{E} X(X - 1) + \mathbb{E} X - (\mathbb{E} X)^{2}$",
        ),
    )

    def over_pmf(g):  # E g(X) by enumerating the pmf term by term up to k = 60 (the rate is in (0.5, 2))
        return sp.Add(*(g(i) * pmf.subs(k, i) for i in range(61)))

    return Derivation(
        id="poisson-moments",
        title="Mean and variance of the Poisson distribution",
        topic="probability",
        statement=(
            r"$X \sim \operatorname{Poisson}(\lambda)$ has $P(X = k) = \lambda^{k} e^{-\lambda} / k!$, $k = 0, 1, "
            r"2, \ldots$. Sum the series for $\mathbb{E} X$ and for the factorial moment $\mathbb{E} X (X - 1)$, "
            r"and show that $\mathbb{E} X = \operatorname{Var} X = \lambda$."
        ),
        givens=(Given(lam, "the rate", POSITIVE),),
        start=mu,
        steps=(
            Step(
                lam * sp.exp(-lam) * exp_series,
                r"the $k = 0$ term vanishes; $k / k! = 1/(k - 1)!$, and shift the index $j = k - 1$",
            ),
            Step(
                lam,
                (
                    r"the exponential series $\sum_{j} \lambda^{j} / j! = e^{\lambda}$, and $e^{-\lambda} e^{\lambda} = "
                    r"1$: $\mathbb{E} X = \lambda$"
                ),
            ),
            Step(
                lam**2 * sp.exp(-lam) * exp_series + lam - lam**2,
                (
                    r"$\operatorname{Var} X = \mathbb{E} X(X - 1) + \mathbb{E} X - (\mathbb{E} X)^{2}$; in "
                    r"$\mathbb{E} X(X - 1)$ the terms $k = 0$, $1$ vanish, $k(k - 1)/k! = 1/(k - 2)!$, shift $j = k - "
                    r"2$"
                ),
                start=var,
            ),
            Step(lam, r"the exponential series again: $\lambda^{2} + \lambda - \lambda^{2}$"),
        ),
        results=(Equation(mu, lam), Equation(var, lam)),
        intermediates=moments,
        checks=(
            IdentityCheck(
                label=r"$\mathbb{E} X$ summed over the pmf for $k = 0, \ldots, 60$ (the mass beyond is below $10^{-50}$ for "
                r"$\lambda \leq 2$) is $\lambda$",
                lhs=over_pmf(lambda k: k),
                rhs=lam,
            ),
            IdentityCheck(
                label=r"$\mathbb{E} (X - \lambda)^{2}$ summed over the pmf for $k = 0, \ldots, 60$ is $\lambda$",
                lhs=over_pmf(lambda k: (k - lam) ** 2),
                rhs=lam,
            ),
        ),
        references=(
            Reference("Casella & Berger, Statistical Inference", "section 3.2, the Poisson distribution (eq. 3.2.5)"),
            Reference("Wasserman, All of Statistics", "section 3.3, table of moments"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.3.3"),
        ),
        tags=("moments", "series", "Poisson"),
    )

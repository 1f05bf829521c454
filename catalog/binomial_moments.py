"""Mean and variance of a binomial count from its moment generating function."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    Derivation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    bernoulli,
    scalar,
)


def derivation() -> Derivation:
    n, p, t = scalar("n", POSITIVE), scalar("p", PROBABILITY), scalar("t")
    # E e^{tB} for one Bernoulli(p) trial, summed over b in {0, 1} with its pmf; X = B_1 + ... + B_n.
    mgf_one = sum(sp.exp(t * b + bernoulli(p).log_density(b)) for b in (0, 1))
    mgf = mgf_one**n  # independent trials: the MGF of the sum is the product
    first = sp.Subs(sp.Derivative(mgf, t), t, 0)
    second = sp.Subs(sp.Derivative(mgf, (t, 2)), t, 0)
    mean, variance = n * p, n * p * (1 - p)
    fixed_n = ((n, sp.Integer(20)),)

    def over_pmf(g):  # E g(X) for X ~ Binomial(20, p), by exact enumeration of the pmf (not the MGF)
        return sp.Add(*(g(k) * sp.binomial(20, k) * p**k * (1 - p) ** (20 - k) for k in range(21)))

    return Derivation(
        id="binomial-moments",
        title="Mean and variance of the binomial distribution",
        topic="probability",
        statement=(
            r"$X \sim \operatorname{Binomial}(n, p)$ counts the successes in $n$ independent "
            r"$\operatorname{Bernoulli}(p)$ trials. Its moment generating function is $M(t) = \mathbb{E}\, e^{tX} "
            r"= (1 - p + p e^{t})^{n}$, the product of the trials' MGFs. Use $\mathbb{E} X = M'(0)$ and "
            r"$\mathbb{E} X^{2} = M''(0)$ to show $\mathbb{E} X = n p$ and $\operatorname{Var} X = n p(1 - p)$."
        ),
        givens=(
            Given(n, "number of trials (the Monte Carlo checks use $n = 20$)", POSITIVE),
            Given(p, "success probability", PROBABILITY),
        ),
        start=first,
        steps=(
            Step(mean, "$M'(t) = n(1 - p + p e^{t})^{n -1} p e^{t}$, and $1 - p + p e^{0} = 1$"),
            Step(
                n * (n - 1) * p**2 + n * p - (n * p) ** 2,
                (
                    r"$\operatorname{Var} X = \mathbb{E} X^{2} - (\mathbb{E} X)^{2} = M''(0) - M'(0)^{2}$; $M''(0) = n "
                    r"(n - 1)p^{2} + n p$ by the product rule"
                ),
                start=second - first**2,
            ),
            Step(n * p - n * p**2, "$n(n - 1)p^{2} - n^{2} p^{2} = -n p^{2}$"),
            Step(variance, "factor out $n p$"),
        ),
        checks=(
            IdentityCheck(
                label=r"$\mathbb{E} X$ summed over the Binomial(20, $p$) pmf, $k = 0, \ldots, 20$, is $n p$",
                lhs=over_pmf(lambda k: k),
                rhs=mean,
                where=fixed_n,
            ),
            IdentityCheck(
                label=r"$\mathbb{E} (X - n p)^{2}$ summed over the Binomial(20, $p$) pmf is $n p (1 - p)$",
                lhs=over_pmf(lambda k: (k - 20 * p) ** 2),
                rhs=variance,
                where=fixed_n,
            ),
        ),
        references=(
            Reference("Casella & Berger, Statistical Inference", "section 2.3, example 2.3.9 (binomial MGF)"),
            Reference("Wasserman, All of Statistics", "section 3.3 (binomial moments) and section 3.6 (MGFs)"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 2.1, eqs. 2.11-2.12"),
        ),
        tags=("moments", "moment generating function", "binomial"),
    )

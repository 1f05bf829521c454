"""Bayes' rule for a diagnostic test: P(disease | positive) from prevalence, sensitivity and specificity."""

import sympy as sp

from derive import (
    PROBABILITY,
    Derivation,
    Equation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    bernoulli,
    scalar,
    step,
    uniform,
)


def derivation() -> Derivation:
    prev, sens, spec = scalar("pi", PROBABILITY), scalar("s", PROBABILITY), scalar("c", PROBABILITY)
    disease, u = scalar("D"), scalar("u")
    positive = scalar("P(+)", PROBABILITY)

    def joint(d, t):
        """P(D = d, T = t): D ~ Bernoulli(pi), and T | D ~ Bernoulli(s) if D = 1, Bernoulli(1 - c) if D = 0."""
        return sp.exp(bernoulli(prev).log_density(d) + bernoulli(d * sens + (1 - d) * (1 - spec)).log_density(t))

    positive_rate = sens * prev + (1 - spec) * (1 - prev)
    result = sens * prev / (sens * prev + (1 - spec) * (1 - prev))
    test = step(disease * sens + (1 - disease) * (1 - spec) - u)  # T drawn given D: 1[u < P(T = 1 | D)]
    draws = ((disease, bernoulli(prev)), (u, uniform(0, 1)))
    realistic = (
        (prev, (prev + sp.Rational(1, 4)) * sp.Rational(2, 3)),
        (sens, sp.Rational(2, 3) + sens / 3),
        (spec, sp.Rational(2, 3) + spec / 3),
    )
    total_probability = Equation(positive, joint(1, 1) + joint(0, 1))  # the law of total probability
    return Derivation(
        id="bayes-rule-diagnostic",
        title="Bayes' rule: the probability of disease after a positive test",
        topic="probability",
        statement=(
            r"A disease has prevalence $\pi = P(D)$. A test has sensitivity $s = P(+ \mid D)$ and specificity $c "
            r"= P(- \mid \neg D)$. Bayes' rule gives $P(D \mid +) = P(+ \mid D) P(D) / P(+) = s \pi / P(+)$; find "
            r"$P(+)$ and so $P(D \mid +)$. (With $\pi = 1\%$, $s = 99\%$, $c = 95\%$ it is only $\tfrac{1}{6}$: "
            r"most positives are false positives.)"
        ),
        givens=(
            Given(prev, r"prevalence $P(D = 1)$ (the checks use $\pi$ in $(0.2, 0.8)$)", PROBABILITY),
            Given(sens, r"sensitivity $P(T = 1 \mid D = 1)$ (the checks use $s > \tfrac{2}{3}$)", PROBABILITY),
            Given(spec, r"specificity $P(T = 0 \mid D = 0)$ (the checks use $c > \tfrac{2}{3}$)", PROBABILITY),
            Given(positive, "the probability of a positive test", PROBABILITY, defined_by=total_probability),
        ),
        start=sens * prev / positive,
        steps=(
            Step(
                result,
                (
                    r"the law of total probability: $P(+) = P(+ \mid D) P(D) + P(+ \mid \neg D) P(\neg D) = s \pi + (1 - "
                    r"c)(1 - \pi)$, from the Bernoulli pmfs of $D$ and of $T$ given $D$"
                ),
                using=(total_probability,),
            ),
        ),
        checks=(
            MonteCarlo(
                label="the fraction of positive tests among simulated patients is $P(+)$",
                integrand=test,
                claim=positive_rate,
                draws=draws,
                where=realistic,
                samples=600_000,
            ),
            MonteCarlo(
                label=r"among simulated patients who test positive, the fraction with the disease is $P(D \mid +)$",
                integrand=disease,
                weight=test,
                claim=result,
                draws=draws,
                where=realistic,
                # 800,000: its resolution (about 1.1%) stays clear of the 2% it must refuse whatever the
                # draws (at 400,000 it was 1.6%, and a refusal error of 1.0 to 1.2 depended on the seed)
                samples=800_000,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 1.2, eq. 1.12 (Bayes' theorem)"),
            Reference("Wasserman, All of Statistics", "section 1.7, example 1.18"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.2.3.1 (medical diagnosis)"),
        ),
        tags=("Bayes' rule", "conditional probability", "diagnostic test"),
    )

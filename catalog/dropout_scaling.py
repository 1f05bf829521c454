"""Inverted dropout: scaling the kept units by 1/p keeps the expected activation unchanged."""

import sympy as sp

from derive import (
    BINARY,
    PROBABILITY,
    STATES,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    bernoulli,
    dims,
    hadamard,
    ones,
    scalar,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    h, mask = vector("h", d), vector("m", d)
    p = scalar("p", PROBABILITY)
    dropped = sp.MatMul(1 / p, hadamard(mask, h))  # h_tilde = (m . h) / p
    result = h
    # keep probabilities of practice, 0.5 to 0.8: near 0 the mean, near 1 the added variance, is too noisy
    # for the checks to refuse a claim 2% off (their power)
    keep_rates = ((p, sp.Rational(1, 2) + sp.Rational(3, 10) * p),)
    return Derivation(
        id="dropout-scaling",
        title="Inverted dropout keeps the expected activation",
        topic="models",
        statement=(
            r"During training, inverted dropout keeps each unit of a layer's activation $\mathbf{h}$ "
            r"independently with probability $p$ and rescales the kept units: $\tilde{\mathbf{h}} = (\mathbf{m} "
            r"\odot \mathbf{h}) / p$ with $m_{j} \sim$ Bernoulli(p). Show that $\mathbb{E} [\tilde{\mathbf{h}}] "
            r"= \mathbf{h}$, so the network can be used at test time without dropout and without rescaling. Then "
            r"compute the variance the mask adds to each unit."
        ),
        givens=(
            Given(h, "the activations of one layer (fixed while the mask is drawn)"),
            Given(mask, "the dropout mask: $m_{j} = 1$ keeps unit $j$", BINARY),
            Given(p, "probability of keeping a unit", PROBABILITY),
        ),
        start=dropped,
        steps=(
            Step(
                sp.MatMul(1 / p, hadamard(p * ones(d), h)),
                (
                    r"take the expectation over the mask: it is linear and each $m_{j}$ is Bernoulli(p), so $\mathbb{E} "
                    r"m_{j} = 1 p + 0 (1 - p) = p$ and $\mathbb{E} [\mathbf{m} \odot \mathbf{h}] = (p 1) \odot "
                    r"\mathbf{h}$ (the Monte Carlo check covers this)"
                ),
                STATES,
                states="expectation",
                checked_by=1,
            ),
            Step(result, r"the factor $p$ cancels the $1/p$: $\mathbb{E} [\tilde{\mathbf{h}}] = \mathbf{h}$"),
        ),
        checks=(
            MonteCarlo(
                label=r"mean of $\tilde{\mathbf{h}}$ over Bernoulli(p) masks drawn with \texttt{jax.random} vs $\mathbf{h}$",
                integrand=dropped,
                claim=result,
                draws=((mask, bernoulli(p)),),
                where=keep_rates,
                samples=500_000,
            ),
            MonteCarlo(
                label=(
                    r"variance added per unit: $\mathbb{E} [(\tilde{\mathbf{h}} - \mathbf{h})^{2}] = \mathbf{h}^{2} (1 - "
                    r"p) / p$"
                ),
                integrand=hadamard(dropped - h, dropped - h),
                claim=sp.MatMul((1 - p) / p, hadamard(h, h)),
                draws=((mask, bernoulli(p)),),
                where=keep_rates,
                samples=500_000,
            ),
        ),
        references=(
            Reference(
                "Srivastava, Hinton, Krizhevsky, Sutskever, Salakhutdinov: Dropout (JMLR 2014)",
                "section 4 (model description, r_j ~ Bernoulli(p)) and figure 2 (weights scaled by p at test time)",
            ),
            Reference(
                "Goodfellow, Bengio, Courville: Deep Learning", "section 7.12 (the weight scaling inference rule)"
            ),
        ),
        tags=("dropout", "regularisation", "expectation"),
        notes=(
            r"The original dropout paper multiplies the weights by $p$ at test time instead; dividing by $p$ "
            r"during training (inverted dropout) moves that factor to training, which is what frameworks "
            r"implement. Only the mean is preserved: the mask adds variance $\mathbf{h}^{2} (1 - p) / p$ to each "
            r"unit."
        ),
    )

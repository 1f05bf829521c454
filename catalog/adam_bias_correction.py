"""Adam's bias correction: the moment estimates started at 0 are biased by (1 - beta^t)."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    Derivation,
    Given,
    Iterate,
    MonteCarlo,
    Reference,
    Step,
    dims,
    entry,
    expectation,
    normal,
    ones,
    scalar,
    vector,
)


def derivation() -> Derivation:
    (T,) = dims("T")
    g = vector("g", T)
    beta1, beta2 = scalar("beta_1", PROBABILITY), scalar("beta_2", PROBABILITY)
    mu, sigma = scalar("mu"), scalar("sigma", POSITIVE)
    m, v, g_t, k = scalar("m"), scalar("v"), scalar("g_t"), sp.Symbol("k", integer=True, nonnegative=True)
    s = sp.Symbol("s", integer=True, positive=True)
    law = (g, mu, (sigma**2,))

    def moving_average(beta, term):
        return (1 - beta) * sp.Sum(beta ** (T - s) * term, (s, 1, T))

    m_T = moving_average(beta1, entry(g, s))  # the unrolled first moment (momentum-ema)
    v_T = moving_average(beta2, entry(g, s) ** 2)  # the unrolled second moment
    m_hat = m_T / (1 - beta1**T)
    v_hat = v_T / (1 - beta2**T)
    second = sigma**2 + mu**2  # E[g^2]
    result = mu
    moments = ((m, 0), (v, 0))
    updates = ((m, beta1 * m + (1 - beta1) * g_t), (v, beta2 * v + (1 - beta2) * g_t**2))
    constant = {"where": ((g, mu * ones(T)),), "sizes": ((T, 15),), "first": 1}
    # mu kept at 1 or more: a claim near 0 needs a vanishing standard error to show a 2% error (power)
    random = {"draws": ((g, normal(mu, sigma)),), "sizes": ((T, 5),), "samples": 200_000, "where": ((mu, 1 + mu**2),)}
    return Derivation(
        id="adam-bias-correction",
        title="Adam's bias correction",
        topic="optimization",
        statement=(
            "Adam keeps moving averages of the gradient and of its square, m_t = beta_1 m_(t-1) + (1 - beta_1) g_t "
            "and v_t = beta_2 v_(t-1) + (1 - beta_2) g_t^2, both started at m_0 = v_0 = 0 (per coordinate). Unrolled "
            "(see momentum-ema), m_T = (1 - beta_1) sum_{s=1}^{T} beta_1^(T-s) g_s. If the gradients g_s are "
            "independent with mean mu and variance sigma^2, compute E m_T and E v_T, and show that the corrected "
            "estimates m_T / (1 - beta_1^T) and v_T / (1 - beta_2^T) are unbiased."
        ),
        givens=(
            Given(g, "the gradients g_1, ..., g_T (one coordinate), independent with mean mu and variance sigma^2"),
            Given(beta1, "decay rate of the first moment", PROBABILITY),
            Given(beta2, "decay rate of the second moment", PROBABILITY),
            Given(mu, "E g_s, the mean gradient"),
            Given(sigma, "standard deviation of each g_s", POSITIVE),
        ),
        start=expectation(m_T, law),
        steps=(
            Step(moving_average(beta1, mu), "linearity of expectation, and E g_s = mu for every s"),
            Step(
                (1 - beta1) * mu * (1 - beta1**T) / (1 - beta1),
                "geometric series: sum_{s=1}^{T} beta^(T-s) = 1 + beta + ... + beta^(T-1) = (1 - beta^T)/(1 - beta)",
            ),
            Step(
                (1 - beta1**T) * mu, "cancel 1 - beta_1: m_T is biased towards its start 0 by the factor 1 - beta_1^T"
            ),
            Step(
                moving_average(beta2, second),
                "the same for v_T, with E g_s^2 = Var g_s + (E g_s)^2 = sigma^2 + mu^2",
                start=expectation(v_T, law),
            ),
            Step((1 - beta2**T) * second, "the same geometric series with beta_2"),
            Step(
                second,
                "dividing by 1 - beta_2^T removes the bias of the second moment",
                start=expectation(v_hat, law),
            ),
            Step(
                result,
                "and dividing m_T by 1 - beta_1^T gives E[m_T / (1 - beta_1^T)] = (1 - beta_1^T) mu / (1 - beta_1^T) = mu: the "
                "bias-corrected first moment is an unbiased estimate of the mean gradient at every step T",
                start=expectation(m_hat, law),
            ),
        ),
        checks=(
            MonteCarlo(
                label="E[m_T / (1 - beta_1^T)] = mu over random gradient sequences",
                integrand=m_hat,
                claim=result,
                **random,
            ),
            MonteCarlo(
                label="E[v_T / (1 - beta_2^T)] = sigma^2 + mu^2 over random gradient sequences",
                integrand=v_hat,
                claim=second,
                **random,
            ),
            Iterate(
                label="Adam's recursions with jax.lax.scan on a constant gradient mu: m_k / (1 - beta_1^k) = mu at "
                "every step k >= 1 (m_k itself is (1 - beta_1^k) mu)",
                state=moments,
                update=updates,
                inputs=((g_t, g),),
                counter=k,
                steps=T,
                observe=m / (1 - beta1**k),
                claim=result,
                **constant,
            ),
            Iterate(
                label="and v_k / (1 - beta_2^k) = mu^2",
                state=moments,
                update=updates,
                inputs=((g_t, g),),
                counter=k,
                steps=T,
                observe=v / (1 - beta2**k),
                claim=mu**2,
                **constant,
            ),
        ),
        references=(
            Reference(
                "Kingma & Ba, Adam: A Method for Stochastic Optimization (2015)",
                "section 3 (initialization bias correction), algorithm 1",
            ),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 8.5.3 (Adam), algorithm 8.7"),
        ),
        tags=("adam", "bias correction", "exponential moving average", "expectation"),
        notes=(
            "Kingma & Ba assume the gradient distribution is stationary (E g_s the same for every s); if it drifts "
            "slowly, the correction is approximately right. Without it, the first steps of Adam would be far too "
            "small: m_1 = (1 - beta_1) g_1 is only a tenth of g_1 for beta_1 = 0.9."
        ),
        sizes=((T, 4),),
    )

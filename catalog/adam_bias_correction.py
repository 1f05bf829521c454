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
    iid,
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
    gradients = iid(mu, sigma**2)
    law = gradients.of(g)

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
            r"Adam keeps moving averages of the gradient and of its square, $m_{t} = \beta_{1} m_{t -1} + (1 - "
            r"\beta_{1}) g_{t}$ and $v_{t} = \beta_{2} v_{t -1} + (1 - \beta_{2}) g_{t}^{2}$, both started at "
            r"$m_{0} = v_{0} = 0$ (per coordinate). Unrolled (see momentum-ema), $m_{T} = (1 - \beta_{1}) \sum_{s "
            r"=1}^{T} \beta_{1}^{T -s} g_{s}$. If the gradients $g_{s}$ are independent with mean $\mu$ and "
            r"variance $\sigma^{2}$, compute $\mathbb{E} m_{T}$ and $\mathbb{E} v_{T}$, and show that the "
            r"corrected estimates $m_{T} / (1 - \beta_{1}^{T})$ and $v_{T} / (1 - \beta_{2}^{T})$ are unbiased."
        ),
        givens=(
            Given(
                g,
                (
                    r"the gradients $g_{1}$, ..., $g_{T}$ (one coordinate), independent with mean $\mu$ and variance "
                    r"$\sigma^{2}$"
                ),
                law=gradients,
            ),
            Given(beta1, "decay rate of the first moment", PROBABILITY),
            Given(beta2, "decay rate of the second moment", PROBABILITY),
            Given(mu, r"$\mathbb{E} g_{s}$, the mean gradient"),
            Given(sigma, "standard deviation of each $g_{s}$", POSITIVE),
        ),
        start=expectation(m_T, law),
        steps=(
            Step(moving_average(beta1, mu), r"linearity of expectation, and $\mathbb{E} g_{s} = \mu$ for every $s$"),
            Step(
                sp.Mul(1 - beta1, mu, 1 - beta1**T, sp.Pow(1 - beta1, -1), evaluate=False),
                (
                    r"geometric series: $\sum_{s =1}^{T} \beta^{T -s} = 1 + \beta + \dots + \beta^{T -1} = (1 - "
                    r"\beta^{T})/(1 - \beta)$"
                ),
            ),
            Step(
                (1 - beta1**T) * mu,
                r"cancel $1 - \beta_{1}$: $m_{T}$ is biased towards its start $0$ by the factor $1 - \beta_{1}^{T}$",
            ),
            Step(
                moving_average(beta2, second),
                (
                    r"the same for $v_{T}$, with $\mathbb{E} g_{s}^{2} = \operatorname{Var} g_{s} + (\mathbb{E} "
                    r"g_{s})^{2} = \sigma^{2} + \mu^{2}$"
                ),
                start=expectation(v_T, law),
            ),
            Step((1 - beta2**T) * second, r"the same geometric series with $\beta_{2}$"),
            Step(
                second,
                r"dividing by $1 - \beta_{2}^{T}$ removes the bias of the second moment",
                start=expectation(v_hat, law),
            ),
            Step(
                result,
                (
                    r"and dividing $m_{T}$ by $1 - \beta_{1}^{T}$ gives $\mathbb{E} [m_{T} / (1 - \beta_{1}^{T})] = (1 - "
                    r"\beta_{1}^{T}) \mu / (1 - \beta_{1}^{T}) = \mu$: the bias-corrected first moment is an unbiased "
                    r"estimate of the mean gradient at every step $T$"
                ),
                start=expectation(m_hat, law),
            ),
        ),
        checks=(
            MonteCarlo(
                label=r"$\mathbb{E} [m_{T} / (1 - \beta_{1}^{T})] = \mu$ over random gradient sequences",
                integrand=m_hat,
                claim=result,
                **random,
            ),
            MonteCarlo(
                label=r"$\mathbb{E} [v_{T} / (1 - \beta_{2}^{T})] = \sigma^{2} + \mu^{2}$ over random gradient sequences",
                integrand=v_hat,
                claim=second,
                **random,
            ),
            Iterate(
                label=(
                    r"Adam's recursions with \texttt{jax.lax.scan} on a constant gradient $\mu$: $m_{k} / (1 - "
                    r"\beta_{1}^{k}) = \mu$ at every step $k \geq 1 (m_{k}$ itself is $(1 - \beta_{1}^{k}) \mu$)"
                ),
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
                label=r"and $v_{k} / (1 - \beta_{2}^{k}) = \mu^{2}$",
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
            r"Kingma \& Ba assume the gradient distribution is stationary ($\mathbb{E} g_{s}$ the same for every "
            r"$s$); if it drifts slowly, the correction is approximately right. Without it, the first steps of "
            r"Adam would be far too small: $m_{1} = (1 - \beta_{1}) g_{1}$ is only a tenth of $g_{1}$ for "
            r"$\beta_{1} = 0.9$."
        ),
        sizes=((T, 4),),
    )

"""Momentum: the velocity is an exponentially weighted sum of the past gradients."""

import sympy as sp

from derive import (
    PROBABILITY,
    Derivation,
    Given,
    Iterate,
    Reference,
    Step,
    dims,
    entry,
    scalar,
    vector,
)


def derivation() -> Derivation:
    (T,) = dims("T")
    g, beta = vector("g", T), scalar("beta", PROBABILITY)
    v, g_t = scalar("v"), scalar("g_t")
    s = sp.Symbol("s", integer=True, positive=True)

    def ema(upto, power_of):
        """(1 - beta) sum_{s=1}^{upto} beta^(power_of - s) g_s."""
        return (1 - beta) * sp.Sum(beta ** (power_of - s) * entry(g, s), (s, 1, upto))

    result = ema(T, T)
    return Derivation(
        id="momentum-ema",
        title="Momentum as an exponential moving average of gradients",
        topic="optimization",
        statement=(
            r"SGD with momentum keeps a velocity $v_{t} = \beta v_{t -1} + (1 - \beta) g_{t}$ with $v_{0} = 0$ "
            r"and $0 < \beta < 1$, where $g_{t}$ is the gradient at step $t$, and steps along $-v_{t}$. (Each "
            r"coordinate of a vector parameter follows this recursion separately, so one coordinate is shown.) "
            r"Show by induction that after $T$ steps $v_{T} = (1 - \beta) \sum_{s =1}^{T} \beta^{T -s} g_{s}$: an "
            r"exponentially weighted average of all past gradients, where a gradient $s$ steps old has weight "
            r"proportional to $\beta^{s}$."
        ),
        givens=(
            Given(g, "the gradients $g_{1}$, ..., $g_{T}$ seen at steps $1$, ..., $T$ (one coordinate)"),
            Given(beta, "momentum coefficient", PROBABILITY),
        ),
        start=beta * 0 + (1 - beta) * entry(g, 1),
        steps=(
            Step(
                ema(1, 1),
                r"base case $T = 1$: $v_{1} = \beta v_{0} + (1 - \beta) g_{1}$ with $v_{0} = 0$, a sum with one term",
            ),
            Step(
                (1 - beta) * (sp.Sum(beta ** (T - s) * entry(g, s), (s, 1, T - 1)) + entry(g, T)),
                (
                    r"induction step: if $v_{T -1} = (1 - \beta) \sum_{s =1}^{T -1} \beta^{T -1-s} g_{s}$, then $v_{T} = "
                    r"\beta v_{T -1} + (1 - \beta) g_{T}$; multiply $\beta$ into the sum and factor out $(1 - \beta)$"
                ),
                start=beta * ema(T - 1, T - 1) + (1 - beta) * entry(g, T),
            ),
            Step(result, r"$g_{T}$ is the $s = T$ term of the sum, since $\beta^{0} = 1$"),
        ),
        checks=(
            Iterate(
                label=(
                    r"run $v \leftarrow \beta v + (1 - \beta) g_{t}$ with \texttt{jax.lax.scan}: every $v_{k}$ equals the "
                    r"weighted sum"
                ),
                state=((v, 0),),
                update=((v, beta * v + (1 - beta) * g_t),),
                inputs=((g_t, g),),
                counter=T,
                steps=T,
                claim=result,
                sizes=((T, 12),),
            ),
        ),
        references=(
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 8.3.2 (momentum), algorithm 8.2"),
            Reference("Kingma & Ba, Adam: A Method for Stochastic Optimization (2015)", "section 3, eq. for m_t"),
            Reference(
                "Sutskever, Martens, Dahl, Hinton: On the importance of initialization and momentum (2013)", "section 2"
            ),
        ),
        tags=("momentum", "exponential moving average", "induction"),
        notes=(
            r"The weights $(1 - \beta) \beta^{T -s}$ sum to $1 - \beta^{T}$, not $1$: early velocities are biased "
            r"towards the starting value $0$, which is what Adam's bias correction removes "
            r"(adam-bias-correction). Goodfellow et al. write $v \leftarrow \alpha v - \eta \mathbf{g}$ without "
            r"the factor $(1 - \beta)$; the same unrolling gives $v_{T} = -\eta \sum_{s} \alpha^{T -s} g_{s}$."
        ),
        sizes=((T, 4),),
    )

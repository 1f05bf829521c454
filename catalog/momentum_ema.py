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
            "SGD with momentum keeps a velocity v_t = beta v_(t-1) + (1 - beta) g_t with v_0 = 0 and 0 < beta < 1, "
            "where g_t is the gradient at step t, and steps along -v_t. (Each coordinate of a vector parameter "
            "follows this recursion separately, so one coordinate is shown.) Show by induction that after T steps "
            "v_T = (1 - beta) sum_{s=1}^{T} beta^(T-s) g_s: an exponentially weighted average of all past "
            "gradients, where a gradient s steps old has weight proportional to beta^s."
        ),
        givens=(
            Given(g, "the gradients g_1, ..., g_T seen at steps 1, ..., T (one coordinate)"),
            Given(beta, "momentum coefficient", PROBABILITY),
        ),
        start=beta * 0 + (1 - beta) * entry(g, 1),
        steps=(
            Step(ema(1, 1), "base case T = 1: v_1 = beta v_0 + (1 - beta) g_1 with v_0 = 0, a sum with one term"),
            Step(
                (1 - beta) * (sp.Sum(beta ** (T - s) * entry(g, s), (s, 1, T - 1)) + entry(g, T)),
                "induction step: if v_(T-1) = (1 - beta) sum_{s=1}^{T-1} beta^(T-1-s) g_s, then "
                "v_T = beta v_(T-1) + (1 - beta) g_T; multiply beta into the sum and factor out (1 - beta)",
                start=beta * ema(T - 1, T - 1) + (1 - beta) * entry(g, T),
            ),
            Step(result, "g_T is the s = T term of the sum, since beta^0 = 1"),
        ),
        checks=(
            Iterate(
                label="run v <- beta v + (1 - beta) g_t with jax.lax.scan: every v_k equals the weighted sum",
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
            "The weights (1 - beta) beta^(T-s) sum to 1 - beta^T, not 1: early velocities are biased towards the "
            "starting value 0, which is what Adam's bias correction removes (adam-bias-correction). Goodfellow et "
            "al. write v <- alpha v - eta g without the factor (1 - beta); the same unrolling gives "
            "v_T = -eta sum_s alpha^(T-s) g_s."
        ),
        sizes=((T, 4),),
    )

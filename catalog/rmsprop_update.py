"""RMSprop: the running mean square of the gradients unrolled as a weighted sum, and the step it scales."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    Derivation,
    Equation,
    Given,
    Iterate,
    Reference,
    Step,
    dims,
    entry,
    scalar,
    sqrt,
    vector,
)


def derivation() -> Derivation:
    (T,) = dims("T")
    g = vector("g", T)
    rho, eta, eps = scalar("rho", PROBABILITY), scalar("eta", POSITIVE), scalar("epsilon", POSITIVE)
    v0, v = scalar("v_0", POSITIVE), scalar("v_T", POSITIVE)
    state_v, state_step, g_t = scalar("v"), scalar("delta"), scalar("g_t")
    s = sp.Symbol("s", integer=True, positive=True)

    def unrolled(upto):
        """rho^upto v_0 + (1 - rho) sum_{s=1}^{upto} rho^(upto - s) g_s^2."""
        return rho**upto * v0 + (1 - rho) * sp.Sum(rho ** (upto - s) * entry(g, s) ** 2, (s, 1, upto))

    v_closed = unrolled(T)
    result = -eta * entry(g, T) / sqrt(v_closed + eps)
    new_v = rho * state_v + (1 - rho) * g_t**2
    return Derivation(
        id="rmsprop-update",
        title="RMSprop: a running mean square of the gradients scales each step",
        topic="optimization",
        statement=(
            r"Running averages are estimators too. RMSprop (Hinton, lecture 6e) keeps, for each coordinate of the "
            r"parameters, a running mean square $v_{t} = \rho v_{t -1} + (1 - \rho) g_{t}^{2}$ of its gradients "
            r"$g_{t}$ ($0 < \rho < 1$, typically $0.9$), and steps $\theta_{t} = \theta_{t-1} - \eta g_{t} / "
            r"\sqrt{v_{t} + \epsilon}$. Unroll the recursion: show by induction that $v_{T} = \rho^{T} v_{0} + (1 "
            r"- \rho) \sum_{s =1}^{T} \rho^{T -s} g_{s}^{2}$, an exponentially weighted average of the squared "
            r"gradients whose weights sum to $1 - \rho^{T}$, and write the T-th step in terms of the gradients "
            r"alone. A coordinate with consistently large gradients gets a small step, one with small gradients a "
            r"large step: the step has roughly unit size in every coordinate."
        ),
        givens=(
            Given(g, "the gradients $g_{1}$, ..., $g_{T}$ of one coordinate at steps $1$, ..., $T$"),
            Given(rho, "decay rate of the running mean square", PROBABILITY),
            Given(eta, "learning rate", POSITIVE),
            Given(eps, "a small constant that keeps the division safe", POSITIVE),
            Given(v0, "the starting mean square ($0$ in practice)", POSITIVE),
            Given(
                v,
                "the running mean square after $T$ steps, unrolled (steps $1-3$)",
                POSITIVE,
                defined_by=Equation(v, v_closed),
            ),
        ),
        start=rho * v0 + (1 - rho) * entry(g, 1) ** 2,
        steps=(
            Step(unrolled(1), r"base case $T = 1$: $v_{1} = \rho v_{0} + (1 - \rho) g_{1}^{2}$, a sum with one term"),
            Step(
                rho**T * v0 + (1 - rho) * (sp.Sum(rho ** (T - s) * entry(g, s) ** 2, (s, 1, T - 1)) + entry(g, T) ** 2),
                (
                    r"induction step: if $v_{T -1}$ has the unrolled form, $v_{T} = \rho v_{T -1} + (1 - \rho) "
                    r"g_{T}^{2}$; multiply $\rho$ into the sum and factor out $(1 - \rho)$"
                ),
                start=rho * unrolled(T - 1) + (1 - rho) * entry(g, T) ** 2,
            ),
            Step(v_closed, r"$g_{T}^{2}$ is the $s = T$ term of the sum, since $\rho^{0} = 1$"),
            Step(
                1 - rho**T,
                (
                    r"the weights form a geometric series: with $v_{0} = 0$, $v_{T}$ is a weighted average of "
                    r"$g_{1}^{2}..g_{T}^{2}$ biased towards $0$ by the factor $1 - \rho^{T}$ (the bias Adam corrects)"
                ),
                start=(1 - rho) * sp.Sum(rho ** (T - s), (s, 1, T)),
            ),
            Step(
                result,
                (
                    "substitute the unrolled $v_{T}$: the step divides $g_{T}$ by the root mean square of the recent "
                    "gradients"
                ),
                start=-eta * entry(g, T) / sqrt(v + eps),
                using=(Equation(v, v_closed),),
            ),
        ),
        checks=(
            Iterate(
                label=(
                    r"run $v \leftarrow \rho v + (1 - \rho) g_{t}^{2}$ with \texttt{jax.lax.scan}: every $v_{k}$ equals "
                    r"the unrolled sum"
                ),
                state=((state_v, v0),),
                update=((state_v, new_v),),
                inputs=((g_t, g),),
                counter=T,
                steps=T,
                claim=v_closed,
                sizes=((T, 12),),
            ),
            Iterate(
                label=r"run RMSprop's step $-\eta g_{t} / \sqrt{v_{t} + \epsilon}$: every step equals the closed form",
                state=((state_v, v0), (state_step, 0)),
                update=((state_v, new_v), (state_step, -eta * g_t / sqrt(new_v + eps))),
                inputs=((g_t, g),),
                counter=T,
                steps=T,
                observe=state_step,
                claim=result,
                first=1,
                sizes=((T, 12),),
            ),
        ),
        references=(
            Reference("Hinton, Srivastava, Swersky: Neural Networks for Machine Learning", "lecture 6e (rmsprop)"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 8.5.2, algorithm 8.5"),
            Reference("Ruder, An overview of gradient descent optimization algorithms (2016)", "section 4.5"),
        ),
        tags=("RMSprop", "adaptive learning rate", "exponential moving average", "induction"),
        notes=(
            r"Some implementations put $\epsilon$ outside the root, $-\eta g_{t} / (\sqrt{v_{t}} + \epsilon)$; "
            r"the unrolling of $v_{t}$ is the same. With momentum-ema and adam-bias-correction this completes the "
            r"adaptive optimisers."
        ),
        sizes=((T, 4),),
    )

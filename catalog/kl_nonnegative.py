"""Gibbs' inequality: KL(p || q) >= 0, from log x <= x - 1."""

import sympy as sp

from derive import (
    POSITIVE,
    SIMPLEX,
    STATES,
    Derivation,
    Given,
    IdentityCheck,
    Inequality,
    Reference,
    Step,
    dims,
    hadamard,
    log,
    ones,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (k,) = dims("k")
    p, q = vector("p", k), vector("q", k)
    x = scalar("x", POSITIVE)
    ratio = hadamard(q, p.applyfunc(lambda t: 1 / t))  # r_i = q_i / p_i
    kl = scalar_of(p.T * (log(p) - log(q)))
    added_zero = sp.Add(kl, scalar_of(ones(k).T * (q - p)), evaluate=False)
    log_ratio = log(q) - log(p)  # log r_i, written as a difference of logs
    result = scalar_of(p.T * (ratio - ones(k) - log_ratio))
    return Derivation(
        id="kl-nonnegative",
        title="Gibbs' inequality: the KL divergence is nonnegative",
        topic="information-theory",
        statement=(
            r"Show that $\operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q}) = \sum_{i} p_{i} \log(p_{i} / q_{i}) "
            r"\geq 0$ for any two distributions $\mathbf{p}$, $\mathbf{q}$ on $k$ outcomes with positive entries, "
            r"with equality only when $\mathbf{p} = \mathbf{q}$. Use the inequality $\log x \leq x - 1$ ($x > "
            r"0$): rewrite KL as a $\mathbf{p}$-weighted sum of the nonnegative terms $r - 1 - \log r$ at $r_{i} "
            r"= q_{i} / p_{i}$."
        ),
        givens=(
            Given(p, "first distribution", SIMPLEX),
            Given(q, "second distribution", SIMPLEX),
            Given(x, r"a positive number, for the lemma $\log x \leq x - 1$", POSITIVE),
        ),
        start=log(x),
        steps=(
            Step(
                x - 1,
                (
                    r"lemma: $\log x \leq x - 1$ for $x > 0$, since log is concave and $x - 1$ is its tangent line at $x "
                    r"= 1 (a$ concave function lies below its tangents); equality only at $x = 1$"
                ),
                STATES,
                states="<=",
                checked_by=1,
            ),
            Step(
                added_zero,
                r"add $0 = \sum_{i} q_{i} - \sum_{i} p_{i}$ (both distributions sum to $1$)",
                start=kl,
            ),
            Step(
                result,
                (
                    r"regroup term by term: $p_{i} \log(p_{i} /q_{i}) + q_{i} - p_{i} = p_{i} (r_{i} - 1 - \log r_{i}$) "
                    r"with $r_{i} = q_{i} /p_{i}$. Each bracket is $\geq 0$ by the lemma and each $p_{i} > 0$, so "
                    r"$\operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q}) \geq 0$, with equality iff every $r_{i} = 1$, i.e. "
                    r"$\mathbf{p} = \mathbf{q}$"
                ),
            ),
        ),
        checks=(
            Inequality(
                label=r"the lemma $\log x \leq x - 1$ on random $x > 0$", lesser=log(x), greater=x - 1, trials=256
            ),
            IdentityCheck(
                label=(
                    r"$\operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q}) = \sum_{i} p_{i} (r_{i} - 1 - \log r_{i})$ on "
                    r"random distributions"
                ),
                lhs=kl,
                rhs=result,
            ),
            Inequality(
                label=r"$\operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q}) \geq 0$ on random distributions",
                lesser=sp.Integer(0),
                greater=result,
                trials=256,
            ),
        ),
        references=(
            Reference("Cover & Thomas, Elements of Information Theory (2nd ed.)", "section 2.6, theorem 2.6.3"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 1.6.1, eqs. 1.113-1.118"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.8.2, theorem 2.8.1"),
        ),
        tags=("KL divergence", "inequality", "information"),
        notes=(
            r"Cover \& Thomas prove the same fact with Jensen's inequality; the $\log x \leq x - 1$ route proves "
            r"it term by term and shows where equality holds."
        ),
        sizes=((k, 3),),
    )

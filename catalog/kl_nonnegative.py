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
            "Show that KL(p || q) = sum_i p_i log(p_i / q_i) >= 0 for any two distributions p, q on k outcomes "
            "with positive entries, with equality only when p = q. Use the inequality log x <= x - 1 (x > 0): "
            "rewrite KL as a p-weighted sum of the nonnegative terms r - 1 - log r at r_i = q_i / p_i."
        ),
        givens=(
            Given(p, "first distribution", SIMPLEX),
            Given(q, "second distribution", SIMPLEX),
            Given(x, "a positive number, for the lemma log x <= x - 1", POSITIVE),
        ),
        start=log(x),
        steps=(
            Step(
                x - 1,
                "lemma: log x <= x - 1 for x > 0, since log is concave and x - 1 is its tangent line at x = 1 "
                "(a concave function lies below its tangents); equality only at x = 1",
                STATES,
                states="<=",
                checked_by=1,
            ),
            Step(
                added_zero,
                "add 0 = sum_i q_i - sum_i p_i (both distributions sum to 1)",
                start=kl,
            ),
            Step(
                result,
                "regroup term by term: p_i log(p_i/q_i) + q_i - p_i = p_i (r_i - 1 - log r_i) with r_i = q_i/p_i. "
                "Each bracket is >= 0 by the lemma and each p_i > 0, so KL(p || q) >= 0, with equality iff every "
                "r_i = 1, i.e. p = q",
            ),
        ),
        checks=(
            Inequality(label="the lemma log x <= x - 1 on random x > 0", lesser=log(x), greater=x - 1, trials=256),
            IdentityCheck(
                label="KL(p || q) = sum_i p_i (r_i - 1 - log r_i) on random distributions", lhs=kl, rhs=result
            ),
            Inequality(
                label="KL(p || q) >= 0 on random distributions", lesser=sp.Integer(0), greater=result, trials=256
            ),
        ),
        references=(
            Reference("Cover & Thomas, Elements of Information Theory (2nd ed.)", "section 2.6, theorem 2.6.3"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 1.6.1, eqs. 1.113-1.118"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.8.2, theorem 2.8.1"),
        ),
        tags=("KL divergence", "inequality", "information"),
        notes=(
            "Cover & Thomas prove the same fact with Jensen's inequality; the log x <= x - 1 route proves it term "
            "by term and shows where equality holds."
        ),
        sizes=((k, 3),),
    )

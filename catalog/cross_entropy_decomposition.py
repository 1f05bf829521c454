"""Cross-entropy is entropy plus KL divergence."""

import sympy as sp

from derive import (
    SIMPLEX,
    Derivation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    dims,
    log,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (k,) = dims("k")
    p, q = vector("p", k), vector("q", k)
    cross_entropy = -scalar_of(p.T * log(q))
    entropy = -scalar_of(p.T * log(p))
    kl = scalar_of(p.T * (log(p) - log(q)))
    result = entropy + kl
    return Derivation(
        id="cross-entropy-decomposition",
        title="Cross-entropy = entropy + KL divergence",
        topic="information-theory",
        statement=(
            "For two distributions p and q on k outcomes, the cross-entropy is H(p, q) = -sum_i p_i log q_i, the "
            "entropy is H(p) = -sum_i p_i log p_i and the Kullback-Leibler divergence is "
            "KL(p || q) = sum_i p_i log(p_i / q_i). Show that H(p, q) = H(p) + KL(p || q), so that minimising the "
            "cross-entropy over q (as a classifier's loss does) is minimising KL(p || q)."
        ),
        givens=(
            Given(p, "the true distribution (e.g. one-hot or smoothed labels)", SIMPLEX),
            Given(q, "the model's distribution (e.g. a softmax output)", SIMPLEX),
        ),
        start=cross_entropy,
        steps=(
            Step(
                sp.Add(entropy, scalar_of(p.T * log(p)), -scalar_of(p.T * log(q)), evaluate=False),
                "add and subtract sum_i p_i log p_i",
            ),
            Step(result, "group the last two sums: sum_i p_i (log p_i - log q_i) = KL(p || q)"),
        ),
        checks=(
            IdentityCheck(
                label="H(p, q) = H(p) + KL(p || q) on random distributions",
                lhs=cross_entropy,
                rhs=result,
                trials=256,
            ),
        ),
        references=(
            Reference(
                "Cover & Thomas, Elements of Information Theory (2nd ed.)",
                "section 2.3, eq. 2.26 (relative entropy) and theorem 5.4.3 (wrong code: expected length H(p) + D(p || q))",
            ),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 2.8.2"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 3.13, eqs. 3.50-3.51"),
        ),
        tags=("cross-entropy", "KL divergence", "entropy"),
        notes=(
            "H(p) does not depend on q, so argmin_q H(p, q) = argmin_q KL(p || q); with one-hot p, H(p) = 0 and the "
            "cross-entropy loss is exactly the KL divergence."
        ),
        sizes=((k, 3),),
    )

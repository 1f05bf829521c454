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
            r"For two distributions $\mathbf{p}$ and $\mathbf{q}$ on $k$ outcomes, the cross-entropy is "
            r"$H(\mathbf{p}, \mathbf{q}) = -\sum_{i} p_{i} \log q_{i}$, the entropy is $H(\mathbf{p}) = -\sum_{i} "
            r"p_{i} \log p_{i}$ and the Kullback-Leibler divergence is $\operatorname{KL}(\mathbf{p} \,\|\, "
            r"\mathbf{q}) = \sum_{i} p_{i} \log(p_{i} / q_{i})$. Show that $H(\mathbf{p}, \mathbf{q}) = "
            r"H(\mathbf{p}) + \operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q})$, so that minimising the "
            r"cross-entropy over $\mathbf{q}$ (as a classifier's loss does) is minimising "
            r"$\operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q})$."
        ),
        givens=(
            Given(p, "the true distribution (e.g. one-hot or smoothed labels)", SIMPLEX),
            Given(q, r"the model's distribution (e.g. a $\operatorname{softmax}$ output)", SIMPLEX),
        ),
        start=cross_entropy,
        steps=(
            Step(
                sp.Add(entropy, scalar_of(p.T * log(p)), -scalar_of(p.T * log(q)), evaluate=False),
                r"add and subtract $\sum_{i} p_{i} \log p_{i}$",
            ),
            Step(
                result,
                (
                    r"group the last two sums: $\sum_{i} p_{i} (\log p_{i} - \log q_{i}) = \operatorname{KL}(\mathbf{p} "
                    r"\,\|\, \mathbf{q})$"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"$H(\mathbf{p}, \mathbf{q}) = H(\mathbf{p}) + \operatorname{KL}(\mathbf{p} \,\|\, \mathbf{q})$ on "
                    r"random distributions"
                ),
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
            r"$H(\mathbf{p})$ does not depend on $\mathbf{q}$, so $\operatorname{arg\,min}_{\mathbf{q}} "
            r"H(\mathbf{p}, \mathbf{q}) = \operatorname{arg\,min}_{\mathbf{q}} \operatorname{KL}(\mathbf{p} "
            r"\,\|\, \mathbf{q})$; with one-hot $\mathbf{p}$, $H(\mathbf{p}) = 0$ and the cross-entropy loss is "
            r"exactly the KL divergence."
        ),
        sizes=((k, 3),),
    )

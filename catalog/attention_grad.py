"""The gradient of scaled dot-product attention with respect to the queries."""

import sympy as sp

from derive import (
    Derivation,
    Given,
    Grad,
    Intermediate,
    Reference,
    Step,
    diag,
    dims,
    grad,
    hadamard,
    matrix,
    ones,
    softmax,
    sqrt,
    trace,
)


def derivation() -> Derivation:
    n, m, d, e = dims("n m d e")
    Q, K, V, G = matrix("Q", n, d), matrix("K", m, d), matrix("V", m, e), matrix("G", n, e)
    weights = softmax(sp.MatMul(1 / sqrt(d), Q * K.T), axis=1)  # each row sums to 1
    loss = trace(G.T * weights * V)  # any loss whose gradient with respect to the output A V is G
    A, P = matrix("A", n, m), matrix("P", n, m)  # named: the attention weights and dL/dA
    weighted = hadamard(A, P)
    row_sums = weighted * ones(m)  # r_i = a_i^T p_i
    result = sp.MatMul(1 / sqrt(d), hadamard(A, P - row_sums * ones(m).T), K)
    return Derivation(
        id="attention-grad",
        title="Gradient of scaled dot-product attention with respect to the queries",
        topic="models",
        statement=(
            r"Scaled dot-product attention computes $O = \operatorname{softmax}(\mathbf{Q} \mathbf{K}^{\top} / "
            r"\sqrt{d})\, \mathbf{V}$ with the $\operatorname{softmax}$ taken row by row: $\mathbf{A} = "
            r"\operatorname{softmax} (S)$, $S = \mathbf{Q} \mathbf{K}^{\top} / \sqrt{d}$. Given the upstream "
            r"gradient $\mathbf{G} = \frac{\partial L}{\partial O}$, derive $\frac{\partial L}{\partial "
            r"\mathbf{Q}}$. ($L = \operatorname{tr} (\mathbf{G}^{\top} O)$ has gradient exactly $\mathbf{G}$ with "
            r"respect to $O$, so its gradient in $\mathbf{Q}$ is the backward pass.)"
        ),
        givens=(
            Given(Q, "queries, one per row"),
            Given(K, "keys, one per row"),
            Given(V, "values, one per row"),
            Given(G, r"upstream gradient $\frac{\partial L}{\partial O}$"),
        ),
        start=grad(loss, Q),
        steps=(
            Step(
                sp.MatMul(1 / sqrt(d), weighted - diag(row_sums) * A, K),
                (
                    r"chain rule: $\frac{\partial L}{\partial \mathbf{A}} = \mathbf{P}$; row $i$ of $\mathbf{A}$ is "
                    r"$\operatorname{softmax}(s_{i})$ with Jacobian $\operatorname{diag} (a_{i}) - a_{i} a_{i}^{\top}$, "
                    r"so $\frac{\partial L}{\partial s_{i}} = a_{i} \odot p_{i} - a_{i} (a_{i}^{\top} p_{i})$; and $S = "
                    r"\mathbf{Q} \mathbf{K}^{\top} / \sqrt{d}$ gives $\frac{\partial L}{\partial \mathbf{Q}} = "
                    r"(\frac{\partial L}{\partial S}) \mathbf{K} / \sqrt{d}$"
                ),
            ),
            Step(
                result,
                (
                    r"factor $\mathbf{A} \odot$ out of both terms: $\frac{\partial L}{\partial S} = \mathbf{A} \odot(\mathbf{P} - r \mathbf{1}^{\top})$ with "
                    r"$r_{i} = a_{i}^{\top} p_{i}$, the row sums of $\mathbf{A} \odot \mathbf{P}$"
                ),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"closed-form $\frac{\partial L}{\partial \mathbf{Q}}$ vs \texttt{jax.grad} through the "
                    r"$\operatorname{softmax}$"
                ),
                objective=loss,
                wrt=Q,
                claim=result,
            ),
        ),
        intermediates=(
            Intermediate(A, weights, r"the attention weights, row by row a $\operatorname{softmax}$"),
            Intermediate(P, G * V.T, r"$\frac{\partial L}{\partial \mathbf{A}}$"),
        ),
        references=(
            Reference("Vaswani et al., Attention Is All You Need (NeurIPS 2017)", "section 3.2.1, eq. 1"),
            Reference(
                "Goodfellow, Bengio, Courville: Deep Learning",
                "section 6.5 (back-propagation) and section 6.2.2.3 (softmax)",
            ),
            Reference(
                "Dao et al., FlashAttention (NeurIPS 2022)", "appendix B.2 (the backward pass, dS = P . (dP - D))"
            ),
        ),
        tags=("attention", "transformer", "softmax", "backpropagation"),
        notes=(
            r"The gradient with respect to $\mathbf{K}$ is $(\frac{\partial L}{\partial S})^{\top} \mathbf{Q} / "
            r"\sqrt{d}$ by the same argument, and with respect to $\mathbf{V}$ it is $\mathbf{A}^{\top} \mathbf{G}$. The "
            r"row sums $r_{i} = a_{i}^{\top} p_{i}$ are what FlashAttention precomputes as $D_{i} = "
            r"\mathrm{d}o_{i}^{\top} o_{i}$."
        ),
        sizes=((n, 2), (m, 2), (d, 2), (e, 2)),
    )

"""The gradient of scaled dot-product attention with respect to the queries."""

import sympy as sp

from derive import (
    Derivation,
    Given,
    Grad,
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
    A = softmax(sp.MatMul(1 / sqrt(d), Q * K.T), axis=1)  # attention weights, each row sums to 1
    loss = trace(G.T * A * V)  # any loss whose gradient with respect to the output A V is G
    P = G * V.T  # dL/dA
    weighted = hadamard(A, P)
    row_sums = weighted * ones(m)  # r_i = a_i^T p_i
    result = sp.MatMul(1 / sqrt(d), hadamard(A, P - row_sums * ones(m).T), K)
    return Derivation(
        id="attention-grad",
        title="Gradient of scaled dot-product attention with respect to the queries",
        topic="models",
        statement=(
            "Scaled dot-product attention computes O = softmax(Q K^T / sqrt(d)) V with the softmax taken row by "
            "row: A = softmax(S), S = Q K^T / sqrt(d). Given the upstream gradient G = dL/dO, derive dL/dQ. "
            "(L = tr(G^T O) has gradient exactly G with respect to O, so its gradient in Q is the backward pass.)"
        ),
        givens=(
            Given(Q, "queries, one per row"),
            Given(K, "keys, one per row"),
            Given(V, "values, one per row"),
            Given(G, "upstream gradient dL/dO"),
        ),
        start=grad(loss, Q),
        steps=(
            Step(
                sp.MatMul(1 / sqrt(d), weighted - diag(row_sums) * A, K),
                "chain rule: dL/dA = G V^T =: P; row i of A is softmax(s_i) with Jacobian diag(a_i) - a_i a_i^T, "
                "so dL/ds_i = a_i . p_i - a_i (a_i^T p_i); and S = Q K^T / sqrt(d) gives dL/dQ = (dL/dS) K / sqrt(d)",
            ),
            Step(
                result,
                "factor A . out of both terms: dL/dS = A . (P - r 1^T) with r_i = a_i^T p_i, the row sums of A . P",
            ),
        ),
        checks=(Grad(label="closed-form dL/dQ vs jax.grad through the softmax", objective=loss, wrt=Q, claim=result),),
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
            "The gradient with respect to K is (dL/dS)^T Q / sqrt(d) by the same argument, and with respect to V "
            "it is A^T G. The row sums r_i = a_i^T p_i are what FlashAttention precomputes as D_i = do_i^T o_i."
        ),
        sizes=((n, 2), (m, 2), (d, 2), (e, 2)),
    )

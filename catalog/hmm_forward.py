"""The HMM forward algorithm: alpha_t+1(j) = [sum_i alpha_t(i) A_ij] B_j(o_t+1)."""

import sympy as sp

from derive import (
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Intermediate,
    Reference,
    Step,
    diag,
    dims,
    hadamard,
    matrix,
    ones,
    scalar_of,
    transpose,
    vector,
)

from ._lib.hmm import hmm_forward, hmm_model, hmm_path_table, hmm_paths


def derivation() -> Derivation:
    h = hmm_model()
    pi, A, B, obs, o = h.pi, h.A, h.B, h.obs, h.o
    (N,) = dims("N")  # the number of state paths s_1..s_T: N = K^T
    W = matrix("W", N, h.K)
    # the forward variables, named by their definitions (sums over the state paths, listed as the rows
    # of W): the rows show the recursion in these names, the checkers write the definitions out
    alpha_T, alpha_next = vector("alpha_T", h.K), vector("alpha_T+1", h.K)
    extended = W * A * diag(B * o)  # row p, column j: path p followed by state j, with its weight
    named = (
        Intermediate(
            alpha_T,
            W.T * ones(N),
            r"$P(o_{1}, \ldots, o_{T}, s_{T} = i)$: the weights of the paths ending in $i$, summed",
        ),
        Intermediate(
            alpha_next,
            sp.MatMul(transpose(extended), ones(N), evaluate=False),  # as written: (W A diag(B o))^T 1
            (
                r"$P(o_{1}, \ldots, o_{T+1}, s_{T+1} = j)$: each path $p$ ending in $i$ followed by $j$ has the weight "
                r"$W_{p i} A_{i j} B_{j}(o_{T+1})$; the $N$ paths of length $T + 1$ ending in $j$ are summed"
            ),
        ),
    )
    result = hadamard(A.T * alpha_T, h.emission(o))
    table = (*h.row_stochastic, (W, hmm_path_table(N, pi, A, B, obs)))  # the checks' W: the real paths
    sizes = ((h.K, 2), (h.M, 3), (h.T, 3), (N, 8))
    return Derivation(
        id="hmm-forward",
        title="The HMM forward algorithm",
        topic="probability",
        statement=(
            r"A hidden Markov model has initial distribution $\boldsymbol{\pi}$, transitions $A_{i j} = P(s_{t} = j "
            r"\mid s_{t-1} = i)$ and emissions $B_{j}(\mathbf{o}) = P(\mathbf{o} \mid s_{t} = j)$. The forward "
            r"variable $\alpha_{t}(j) = P(o_{1}, \ldots, o_{t}, s_{t} = j)$ is by definition a sum over all "
            r"$K^{t}$ state paths ending in $j$, each weighted by $\pi_{s_{1}} B_{s_{1}}(o_{1}) \prod_{u=2}^{t} "
            r"A_{s_{u-1} s_{u}} B_{s_{u}}(o_{u})$; for $t = 1$ it is $\alpha_{1}(j) = \pi_{j} B_{j}(o_{1})$. List the "
            r"$N = K^{T}$ paths $s_{1}, \ldots, s_{T}$ as the rows of a table $\mathbf{W}$: row $p$ holds the weight "
            r"of path $p$ in the column of its last state $s_{T}$, and $0$ in the others. Show that "
            r"$\alpha_{T+1}(j) = \bigl[\sum_{i} \alpha_{T}(i) A_{i j}\bigr] B_{j}(o_{T+1})$, i.e. "
            r"$\boldsymbol{\alpha}_{T+1} = (\mathbf{A}^{\top} \boldsymbol{\alpha}_{T}) \odot (\mathbf{B} "
            r"\mathbf{o}_{T+1})$, which computes $P(o_{1}, \ldots, o_{T}) = \sum_{j} \alpha_{T}(j)$ in "
            r"$O(K^{2} T)$ operations instead of the $O(K^{T})$ of the definition."
        ),
        givens=(
            *h.givens,
            Given(
                W,
                (
                    r"the $N = K^{T}$ state paths $s_{1}, \ldots, s_{T}$, one per row: $W_{p i}$ is the weight "
                    r"$P(o_{1}, \ldots, o_{T}, \text{path } p)$ if path $p$ ends in $i$, $0$ otherwise (the checks "
                    r"build it from $\boldsymbol{\pi}$, $\mathbf{A}$, $\mathbf{B}$, $\mathbf{O}$ by listing every path)"
                ),
            ),
        ),
        start=alpha_next,
        steps=(
            Step(
                diag(h.emission(o)) * A.T * W.T * ones(N),
                (
                    r"transpose the product: $\alpha_{T+1}(j) = B_{j}(o_{T+1}) \sum_{i} A_{i j} \sum_{p} W_{p i}$, "
                    r"the sum over the paths $p$ ending in $i$ taken first"
                ),
            ),
            Step(
                result,
                (
                    r"the paths ending in $i$ sum to $\alpha_{T}(i) = (\mathbf{W}^{\top} \mathbf{1})_{i}$, and "
                    r"$\operatorname{diag}(\mathbf{v}) \mathbf{u} = \mathbf{u} \odot \mathbf{v}$: $K^{2}$ "
                    r"operations per step instead of a sum over the $K^{T}$ paths"
                ),
            ),
        ),
        results=(Equation(alpha_next, result),),
        intermediates=named,
        checks=(
            IdentityCheck(
                label="the recursion vs brute force over all state paths of length $T + 1$",
                lhs=hmm_paths(pi, A, B, obs, o),
                rhs=result,
                where=table,
                sizes=sizes,
                trials=16,
            ),
            IdentityCheck(
                label=r"$\boldsymbol{\alpha}_{T} = \mathbf{W}^{\top} \mathbf{1}$ vs brute force over all state paths",
                lhs=alpha_T,
                rhs=hmm_paths(pi, A, B, obs),
                where=table,
                sizes=sizes,
                trials=16,
            ),
            IdentityCheck(
                label=r"$P(o_{1}, \ldots, o_{T}) = \sum_{j} \alpha_{T}(j)$: the forward pass vs brute force over all paths",
                lhs=scalar_of(ones(h.K).T * hmm_forward(pi, A, B, obs)),
                rhs=scalar_of(ones(h.K).T * hmm_paths(pi, A, B, obs)),
                where=h.row_stochastic,
                sizes=sizes,
                trials=16,
            ),
        ),
        references=(
            Reference("Rabiner, A tutorial on hidden Markov models", "section III.A, eqs. 19-21"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 13.2.2, eq. 13.36"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 17.4.2"),
        ),
        tags=("HMM", "dynamic programming", "forward algorithm"),
        notes=(
            r"The rows hold for every table $\mathbf{W}$, so the symbolic checker proves them for any $N \times K$ "
            r"matrix; the numeric checks build $\mathbf{W}$ from the model by listing all $K^{T}$ paths and compare "
            r"with brute force over them."
        ),
        sizes=((h.K, 2), (h.M, 2), (h.T, 2), (N, 4)),
    )

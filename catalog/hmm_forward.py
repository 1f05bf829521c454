"""The HMM forward algorithm: alpha_t(j) = [sum_i alpha_t-1(i) A_ij] B_j(o_t)."""

from derive import (
    SIMPLEX,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Intermediate,
    Reference,
    Step,
    hadamard,
    ones,
    scalar_of,
    vector,
)

from ._lib.hmm import hmm_forward, hmm_model, hmm_paths


def derivation() -> Derivation:
    h = hmm_model()
    pi, A, B, obs, o = h.pi, h.A, h.B, h.obs, h.o
    o_1 = vector("o_1", h.M)
    # the forward variables, named by their definitions (sums over state paths): the rows show the
    # recursion in these names, the checkers write the definitions out
    alpha_1, alpha_T, alpha_next = vector("alpha_1", h.K), vector("alpha_T", h.K), vector("alpha_T+1", h.K)
    named = (
        Intermediate(alpha_1, hmm_paths(pi, A, B, o_1), r"$P(o_{1}, s_{1} = j)$, by definition a sum over $1$ state"),
        Intermediate(
            alpha_T,
            hmm_paths(pi, A, B, obs),
            r"$P(o_{1}, \ldots, o_{T}, s_{T} = i)$, by definition a sum over the $K^{T}$ state paths ending in $i$",
        ),
        Intermediate(
            alpha_next,
            hmm_paths(pi, A, B, obs, o),
            r"$P(o_{1}, \ldots, o_{T+1}, s_{T+1} = j)$, by definition a sum over the state paths ending in $j$",
        ),
    )
    result = hadamard(A.T * alpha_T, h.emission(o))
    sizes = ((h.K, 2), (h.M, 3), (h.T, 3))
    return Derivation(
        id="hmm-forward",
        title="The HMM forward algorithm",
        topic="probability",
        statement=(
            r"A hidden Markov model has initial distribution $\boldsymbol{\pi}$, transitions $A_{i j} = P(s_{t} = j "
            r"\mid s_{t-1} = i)$ and emissions $B_{j}(\mathbf{o}) = P(\mathbf{o} \mid s_{t} = j)$. The forward "
            r"variable $\alpha_{t}(j) = P(o_{1}, \ldots, o_{t}, s_{t} = j)$ is by definition a sum over all "
            r"$K^{t}$ state paths ending in $j$. Show that $\alpha_{1}(j) = \pi_{j} B_{j}(o_{1})$ and "
            r"$\alpha_{t+1}(j) = \bigl[\sum_{i} \alpha_{t}(i) A_{i j}\bigr] B_{j}(o_{t+1})$, i.e. "
            r"$\boldsymbol{\alpha}_{t+1} = (\mathbf{A}^{\top} \boldsymbol{\alpha}_{t}) \odot (\mathbf{B} "
            r"\mathbf{o}_{t+1})$, which computes $P(o_{1}, \ldots, o_{T}) = \sum_{j} \alpha_{T}(j)$ in "
            r"$O(K^{2} T)$ operations instead of the $O(K^{T})$ of the definition."
        ),
        givens=(
            *h.givens,
            Given(o_1, "the first observation $o_{1}$, one-hot (a probability vector in the checks)", SIMPLEX),
        ),
        start=alpha_1,
        steps=(
            Step(
                hadamard(pi, h.emission(o_1)),
                r"a path of length $1$ is its first state $j$, with probability $\pi_{j} B_{j}(o_{1})$",
            ),
            Step(
                result,
                (
                    r"split each path ending in $j$ at time $T+1$ into its prefix ending in some $i$ at time $T$, the "
                    r"transition $A_{i j}$ and the emission $B_{j}(o_{T+1})$; the prefixes ending in $i$ sum to "
                    r"$\alpha_{T}(i)$, so sum over them first"
                ),
                start=alpha_next,
            ),
        ),
        results=(Equation(alpha_1, hadamard(pi, h.emission(o_1))), Equation(alpha_next, result)),
        intermediates=named,
        checks=(
            IdentityCheck(
                label="the recursion vs brute force over all state paths",
                lhs=alpha_next,
                rhs=result,
                where=h.row_stochastic,
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
        sizes=((h.K, 2), (h.M, 2), (h.T, 2)),
    )

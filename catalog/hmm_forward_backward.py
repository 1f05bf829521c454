"""The HMM forward-backward algorithm: the backward recursion and the posterior state marginals."""

import sympy as sp

from derive import (
    POSITIVE,
    SIMPLEX,
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
    scalar,
    scalar_of,
    transpose,
    vector,
)

from ._lib.hmm import (
    hmm_marginals,
    hmm_model,
    hmm_path_table,
    hmm_paths,
    hmm_suffix_paths,
    hmm_suffix_table,
)


def derivation() -> Derivation:
    h = hmm_model()  # the same HMM as hmm-forward
    pi, A, B, past, o = h.pi, h.A, h.B, h.obs, h.o
    S, N, R = dims("S N R")  # later observations; paths up to t (N = K^t) and after t + 1 (R = K^S)
    later = matrix("F", h.M, S)
    W, V = matrix("W", N, h.K), matrix("V", R, h.K)  # the state paths as tables (hmm-forward's W)
    emission = diag(B * o)
    # the forward and backward variables and the marginals, named by their definitions (sums over the
    # paths in W and V): the rows show the recursions in these names, the checkers write them out
    alpha_t, beta_next = vector("alpha_t", h.K), vector("beta_t+1", h.K)
    beta_t, gamma_t = vector("beta_t", h.K), vector("gamma_t", h.K)
    likelihood = scalar("P", POSITIVE)  # P(o_1..o_T)
    named = (
        Intermediate(
            alpha_t,
            W.T * ones(N),
            r"$P(o_{1}, \ldots, o_{t}, s_{t} = i)$: the weights of the paths up to $t$ ending in $i$, summed (hmm-forward)",
        ),
        Intermediate(
            beta_next,
            A * V.T * ones(R),
            (
                r"$P(o_{t+2}, \ldots, o_{T} \mid s_{t+1} = j)$: from $j$, the transition $A_{j k}$ into the first "
                r"state $k$ of each path $q$ after $t + 1$, times its weight $V_{q k}$, summed"
            ),
        ),
        Intermediate(
            beta_t,
            sp.MatMul(A, transpose(V * A.T * emission), ones(R), evaluate=False),  # as written
            (
                r"$P(o_{t+1}, \ldots, o_{T} \mid s_{t} = i)$: a path after $t$ is a state $j$ at $t + 1$ followed by a "
                r"path $q$; from $i$ its weight is $A_{i j} B_{j}(o_{t+1}) A_{j k} V_{q k}$, summed over $j$ and $q$"
            ),
        ),
        Intermediate(
            gamma_t,
            sp.MatMul(1 / likelihood, diag(W.T * ones(N)) * A * emission * A * V.T * ones(R)),
            (
                r"$P(s_{t} = i \mid o_{1}, \ldots, o_{T})$: row $i$ sums the whole paths through $i$ at $t$ (each "
                r"path $p$ up to $t$ ending in $i$, a next state $j$, a path $q$ after $t + 1$), over their total $P$"
            ),
        ),
    )
    evidence = scalar_of(ones(N).T * W * A * emission * A * V.T * ones(R))  # every whole path, summed
    result = hadamard(alpha_t, beta_t) / likelihood
    tables = (
        *h.row_stochastic,
        (W, hmm_path_table(N, pi, A, B, past)),
        (V, hmm_suffix_table(R, A, B, later)),
    )
    brute_force = scalar_of(ones(h.K).T * hmm_paths(pi, A, B, past, o, later))  # P(o_1..o_T), all K^T paths
    numeric_sizes = ((h.K, 3), (h.M, 3), (h.T, 3), (S, 2), (N, 27), (R, 9))
    return Derivation(
        id="hmm-forward-backward",
        title="The HMM forward-backward algorithm: posterior state marginals",
        topic="probability",
        statement=(
            r"The last step of the week's toolkit: exact posterior inference in the hidden Markov model of "
            r"hmm-forward (initial distribution $\boldsymbol{\pi}$, transitions $A_{i j} = P(s_{t+1} = j \mid "
            r"s_{t} = i)$, emissions $B_{j}(\mathbf{o})$). Split the observations at time $t$ into the past "
            r"$\mathbf{O} = (o_{1}, \ldots, o_{t})$, the next observation $\mathbf{o} = o_{t+1}$ and the later "
            r"ones $\mathbf{F} = (o_{t+2}, \ldots, o_{T})$. As in hmm-forward, the $N = K^{t}$ state paths up to "
            r"$t$ are the rows of a table $\mathbf{W}$ (the weight of path $p$ in the column of its last state), "
            r"so that $\boldsymbol{\alpha}_{t} = \mathbf{W}^{\top} \mathbf{1}$; the $R = K^{T-t-1}$ state paths "
            r"$s_{t+2}, \ldots, s_{T}$ are the rows of a table $\mathbf{V}$ (their weight without the transition "
            r"into $s_{t+2}$, in the column of $s_{t+2}$). The backward variable $\beta_{t}(i) = P(o_{t+1}, "
            r"\ldots, o_{T} \mid s_{t} = i)$ is by definition a sum over all state paths after $t$. Show the "
            r"backward recursion $\beta_{t}(i) = \sum_{j} A_{i j} B_{j}(o_{t+1}) \beta_{t+1}(j)$ (with "
            r"$\beta_{T} = \mathbf{1}$), that $P(o_{1}, \ldots, o_{T}) = \sum_{i} \alpha_{t}(i) \beta_{t}(i)$ at "
            r"every $t$, and that the posterior marginal of the state is $\gamma_{t}(i) = P(s_{t} = i \mid o_{1}, "
            r"\ldots, o_{T}) = \alpha_{t}(i) \beta_{t}(i) / P(o_{1}, \ldots, o_{T})$: one forward and one backward "
            r"pass give every $\gamma_{t}$ in time proportional to $K^{2} T$, where the definition sums over "
            r"exponentially many paths ($K^{T}$)."
        ),
        givens=(
            *h.givens[:3],
            Given(
                past,
                r"the observations $o_{1}, \ldots, o_{t}$ as one-hot columns (the checks draw probability vectors)",
                SIMPLEX,
            ),
            Given(o, r"the next observation $o_{t+1}$, one-hot (a probability vector in the checks)", SIMPLEX),
            Given(later, r"the later observations $o_{t+2}, \ldots, o_{T}$ as columns", SIMPLEX),
            Given(
                W,
                (
                    r"the $N = K^{t}$ state paths $s_{1}, \ldots, s_{t}$, one per row: $W_{p i}$ is the weight "
                    r"$P(o_{1}, \ldots, o_{t}, \text{path } p)$ if path $p$ ends in $i$, $0$ otherwise (the checks "
                    r"build it by listing every path)"
                ),
            ),
            Given(
                V,
                (
                    r"the $R = K^{T-t-1}$ state paths $s_{t+2}, \ldots, s_{T}$, one per row: $V_{q k}$ is the weight "
                    r"$P(o_{t+2}, \ldots, o_{T}, \text{path } q \mid s_{t+2} = k)$ if path $q$ starts in $k$, $0$ "
                    r"otherwise (the checks build it by listing every path)"
                ),
            ),
            Given(
                likelihood,
                r"$P(o_{1}, \ldots, o_{T})$, the likelihood of all the observations: every whole path, summed",
                POSITIVE,
                defined_by=Equation(likelihood, evidence),
            ),
        ),
        start=beta_t,
        steps=(
            Step(
                A * emission * A * V.T * ones(R),
                r"transpose the product: $\beta_{t}(i) = \sum_{j} A_{i j} B_{j}(o_{t+1}) \sum_{k} A_{j k} \sum_{q} V_{q k}$",
            ),
            Step(
                A * hadamard(B * o, beta_next),
                (
                    r"the paths after $t + 1$ from $j$ sum to $\beta_{t+1}(j)$, and $\operatorname{diag}(\mathbf{v}) "
                    r"\mathbf{u} = \mathbf{v} \odot \mathbf{u}$: the backward recursion, $K^{2}$ operations per step"
                ),
            ),
            Step(
                scalar_of(alpha_t.T * beta_t),
                (
                    r"split every whole path at time $t$: its prefix ends in some state $i$ (these sum to "
                    r"$\alpha_{t}(i)$) and its suffix starts from $i$ (these sum to $\beta_{t}(i)$); true at every $t$"
                ),
                start=likelihood,
                using=(Equation(likelihood, evidence),),
            ),
            Step(
                result,
                (
                    r"Bayes: the whole paths through $i$ at $t$ are the prefixes ending in $i$, which sum to "
                    r"$\alpha_{t}(i)$, each followed by a suffix from $i$, which sum to $\beta_{t}(i)$; "
                    r"$\operatorname{diag}(\mathbf{u}) \mathbf{v} = \mathbf{u} \odot \mathbf{v}$"
                ),
                start=gamma_t,
            ),
        ),
        results=(Equation(gamma_t, result),),
        intermediates=named,
        checks=(
            IdentityCheck(
                label=(
                    r"$\gamma_{t} = \alpha_{t} \odot \beta_{t} / P(\mathbf{o})$ vs brute force over all $3^{6}$ state "
                    r"paths ($3$ states, $6$ observations)"
                ),
                lhs=hmm_marginals(pi, A, B, past, o, later),
                rhs=result,
                where=(*tables, (likelihood, brute_force)),
                sizes=numeric_sizes,
                trials=16,
            ),
            IdentityCheck(
                label="the backward recursion vs brute force over the paths after $t$",
                lhs=hmm_suffix_paths(A, B, o, later),
                rhs=A * hadamard(B * o, beta_next),
                where=tables,
                sizes=numeric_sizes,
                trials=16,
            ),
            IdentityCheck(
                label=r"$P(\mathbf{o}) = \alpha_{t}^{\top} \beta_{t}$ at a middle $t$ vs brute force over all paths",
                lhs=scalar_of(alpha_t.T * beta_t),
                rhs=brute_force,
                where=tables,
                sizes=numeric_sizes,
                trials=16,
            ),
        ),
        references=(
            Reference("Rabiner, A tutorial on hidden Markov models", "section III.A, eqs. 23-27 (backward), 26-27"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 13.2.2, eqs. 13.33, 13.38"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 17.4.3"),
        ),
        tags=("HMM", "dynamic programming", "forward-backward", "smoothing"),
        notes=(
            r"The rows hold for every pair of tables $\mathbf{W}$, $\mathbf{V}$, so the symbolic checker proves "
            r"them for any matrices of their sizes; the numeric checks build the tables from the model by listing "
            r"every path and compare with brute force over all $K^{T}$ paths of the whole sequence."
        ),
        sizes=((h.K, 2), (h.M, 2), (h.T, 2), (S, 2), (N, 4), (R, 4)),
    )

"""The HMM forward-backward algorithm: the backward recursion and the posterior state marginals."""

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
    dims,
    hadamard,
    matrix,
    ones,
    scalar,
    scalar_of,
    vector,
)

from ._lib.hmm import hmm_backward, hmm_forward, hmm_marginals, hmm_model, hmm_paths, hmm_suffix_paths


def derivation() -> Derivation:
    h = hmm_model()  # the same HMM as hmm-forward
    pi, A, B, past, o = h.pi, h.A, h.B, h.obs, h.o
    (S,) = dims("S")
    later = matrix("F", h.M, S)
    # the forward and backward variables and the marginals, named by their definitions (sums over paths):
    # the rows show the recursions in these names, the checkers write the definitions out
    beta_next, beta_t = vector("beta_t+1", h.K), vector("beta_t", h.K)
    alpha_t, gamma_t = vector("alpha_t", h.K), vector("gamma_t", h.K)
    named = (
        Intermediate(
            beta_next,
            hmm_suffix_paths(A, B, later),
            r"$P(o_{t+2}, \ldots, o_{T} \mid s_{t+1} = j)$, by definition a sum over the state paths after $t + 1$",
        ),
        Intermediate(
            beta_t,
            hmm_suffix_paths(A, B, o, later),
            r"$P(o_{t+1}, \ldots, o_{T} \mid s_{t} = i)$, by definition a sum over the state paths after $t$",
        ),
        Intermediate(
            alpha_t,
            hmm_paths(pi, A, B, past),
            r"$P(o_{1}, \ldots, o_{t}, s_{t} = i)$, by definition a sum over the paths up to $t$ (hmm-forward)",
        ),
        Intermediate(
            gamma_t,
            hmm_marginals(pi, A, B, past, o, later),
            r"$P(s_{t} = i \mid o_{1}, \ldots, o_{T})$, by definition a ratio of sums over paths",
        ),
    )
    evidence = scalar_of(ones(h.K).T * hmm_paths(pi, A, B, past, o, later))  # P(o_1..o_T)
    likelihood = scalar("P", POSITIVE)  # P(o_1..o_T)
    likelihood_forward = scalar_of(ones(h.K).T * hmm_forward(pi, A, B, past, o, later))
    result = hadamard(hmm_forward(pi, A, B, past), hmm_backward(A, B, o, later)) / likelihood
    numeric_sizes = ((h.K, 3), (h.M, 3), (h.T, 3), (S, 2))
    return Derivation(
        id="hmm-forward-backward",
        title="The HMM forward-backward algorithm: posterior state marginals",
        topic="probability",
        statement=(
            r"The last step of the week's toolkit: exact posterior inference in the hidden Markov model of "
            r"hmm-forward (initial distribution $\boldsymbol{\pi}$, transitions $A_{i j} = P(s_{t+1} = j \mid "
            r"s_{t} = i)$, emissions $B_{j}(\mathbf{o})$). Split the observations at time $t$ into the past "
            r"$\mathbf{O} = (o_{1}, \ldots, o_{t})$, the next observation $\mathbf{o} = o_{t+1}$ and the later "
            r"ones $\mathbf{F} = (o_{t+2}, \ldots, o_{T})$. The backward variable $\beta_{t}(i) = P(o_{t+1}, "
            r"\ldots, o_{T} \mid s_{t} = i)$ is by definition a sum over all state paths after $t$. Show the "
            r"backward recursion $\beta_{t}(i) = \sum_{j} A_{i j} B_{j}(o_{t+1}) \beta_{t+1}(j)$ (with "
            r"$\beta_{T} = \mathbf{1}$), that $P(o_{1}, \ldots, o_{T}) = \sum_{i} \alpha_{t}(i) \beta_{t}(i)$ at "
            r"every $t$, and that the posterior marginal of the state is $\gamma_{t}(i) = P(s_{t} = i \mid o_{1}, "
            r"\ldots, o_{T}) = \alpha_{t}(i) \beta_{t}(i) / P(o_{1}, \ldots, o_{T})$: one forward and one backward "
            r"pass give every $\gamma_{t}$ in time proportional to $K^{2} T$, where the definition sums over "
            r"exponentially many paths ($K^{T}$)."
        ),
        givens=(
            *h.givens,
            Given(later, r"the later observations $o_{t+2}, \ldots, o_{T}$ as columns", SIMPLEX),
            Given(
                likelihood,
                r"$P(o_{1}, \ldots, o_{T})$, the likelihood of all the observations (the forward pass gives it)",
                POSITIVE,
                defined_by=Equation(likelihood, evidence),
            ),
        ),
        start=beta_t,
        steps=(
            Step(
                A * hadamard(B * o, beta_next),
                (
                    r"split each path after $t$ at its first state $j$: the transition probability from $i$ to $j$, the "
                    r"emission $B_{j}(o_{t+1})$, and the paths after $t + 1$ from $j$, which sum to $\beta_{t+1}(j)$"
                ),
            ),
            Step(
                hmm_backward(A, B, later),
                r"applying the same split at every step, from $\boldsymbol{\beta}_{T} = \mathbf{1}$ backwards: the backward recursion",
                start=beta_next,
            ),
            Step(
                scalar_of(alpha_t.T * beta_t),
                (
                    r"split every path of the whole sequence at time $t$: its prefix ends in some state $i$ (these sum to "
                    r"$\alpha_{t}(i)$) and its suffix starts from $i$ (these sum to $\beta_{t}(i)$); true at every $t$"
                ),
                start=evidence,
            ),
            Step(
                likelihood_forward,
                (
                    r"at $t = T$, $\beta_{T} = 1$: $P(o_{1}, \ldots, o_{T}) = \sum_{j} \alpha_{T}(j)$, the forward pass run to "
                    r"the end (hmm-forward)"
                ),
            ),
            Step(
                hadamard(alpha_t, beta_t) / likelihood,
                (
                    r"Bayes: $\gamma_{t}(i) = P(o_{1}, \ldots, o_{T}, s_{t} = i) / P(o_{1}, \ldots, o_{T})$, and the paths through "
                    r"state $i$ at time $t$ sum to $\alpha_{t} (i) \beta_{t} (i)$ by the same split"
                ),
                start=gamma_t,
                using=(Equation(likelihood, evidence),),
            ),
            Step(
                result,
                (
                    r"compute $\alpha_{t}$ by the forward recursion (hmm-forward) and $\beta_{t}$ by the backward "
                    r"recursion; $P(o_{1}, \ldots, o_{T})$ from the forward pass (step $4$)"
                ),
            ),
        ),
        results=(Equation(gamma_t, result),),
        intermediates=named,
        checks=(
            IdentityCheck(
                label=(
                    r"$\gamma_{t} = \alpha_{t} \cdot \beta_{t} / P(\mathbf{o})$ vs brute force over all $3^{6}$ state "
                    r"paths ($3$ states, $6$ observations)"
                ),
                lhs=hmm_marginals(pi, A, B, past, o, later),
                rhs=result,
                where=(*h.row_stochastic, (likelihood, likelihood_forward)),
                sizes=numeric_sizes,
                trials=16,
            ),
            IdentityCheck(
                label="the backward recursion vs brute force over the paths after $t$",
                lhs=hmm_suffix_paths(A, B, o, later),
                rhs=hmm_backward(A, B, o, later),
                where=h.row_stochastic,
                sizes=numeric_sizes,
                trials=16,
            ),
            IdentityCheck(
                label=r"$P(\mathbf{o}) = \alpha_{t}^{\top} \beta_{t}$ at a middle $t$ vs the forward pass to the end",
                lhs=scalar_of(hmm_forward(pi, A, B, past).T * hmm_backward(A, B, o, later)),
                rhs=scalar_of(ones(h.K).T * hmm_forward(pi, A, B, past, o, later)),
                where=h.row_stochastic,
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
            r"The symbolic checker expands every path sum on an explicit instance ($K = 2$ states, $2$ symbols, "
            r"two past observations, the next observation and two later observations): the recursions and the "
            r"brute-force sums agree as rational functions of the entries of $\boldsymbol{\pi}$, $\mathbf{A}$, "
            r"$\mathbf{B}$ and the observations."
        ),
        sizes=((h.K, 2), (h.M, 2), (h.T, 2), (S, 2)),
    )

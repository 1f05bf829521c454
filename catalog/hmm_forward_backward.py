"""The HMM forward-backward algorithm: the backward recursion and the posterior state marginals."""

from derive import (
    POSITIVE,
    SIMPLEX,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    dims,
    hadamard,
    matrix,
    ones,
    scalar,
    scalar_of,
)

from ._lib.hmm import hmm_backward, hmm_forward, hmm_marginals, hmm_model, hmm_paths, hmm_suffix_paths


def derivation() -> Derivation:
    h = hmm_model()  # the same HMM as hmm-forward
    pi, A, B, past, o = h.pi, h.A, h.B, h.obs, h.o
    (S,) = dims("S")
    later = matrix("F", h.M, S)
    beta_next = hmm_suffix_paths(A, B, later)  # beta_t+1, by its definition
    beta_t = hmm_suffix_paths(A, B, o, later)  # beta_t, by its definition
    alpha_t = hmm_paths(pi, A, B, past)  # alpha_t, by its definition (hmm-forward)
    evidence = scalar_of(ones(h.K).T * hmm_paths(pi, A, B, past, o, later))  # P(o_1..o_T)
    likelihood = scalar("P", POSITIVE)  # P(o_1..o_T)
    likelihood_forward = scalar_of(ones(h.K).T * hmm_forward(pi, A, B, past, o, later))
    result = hadamard(hmm_forward(pi, A, B, past), hmm_backward(A, B, o, later)) / likelihood
    numeric_sizes = ((h.K, 3), (h.M, 3), (h.T, 3), (S, 2))
    return Derivation(
        id="hmm-forward-backward",
        title="The HMM forward-backward algorithm: posterior state marginals",
        topic="statistics",
        statement=(
            "The last step of the week's toolkit: exact posterior inference in the hidden Markov model of "
            "hmm-forward (initial distribution pi, transitions A_(ij) = P(s_(t+1) = j | s_t = i), emissions "
            "B_j(o)). Split the observations at time t into the past O = o_1..o_t, the next observation "
            "o = o_(t+1) and the later ones F = o_(t+2)..o_T. The backward variable beta_t(i) = "
            "P(o_(t+1)..o_T | s_t = i) is by definition a sum over all state paths after t. Show the backward "
            "recursion beta_t(i) = sum_j A_(ij) B_j(o_(t+1)) beta_(t+1)(j) (with beta_T = 1), that "
            "P(o_1..o_T) = sum_i alpha_t(i) beta_t(i) at every t, and that the posterior marginal of the state is "
            "gamma_t(i) = P(s_t = i | o_1..o_T) = alpha_t(i) beta_t(i) / P(o_1..o_T): one forward and one backward "
            "pass give every gamma_t in time proportional to K^2 T, where the definition sums over exponentially "
            "many paths (K to the power T)."
        ),
        givens=(
            *h.givens,
            Given(later, "the later observations o_(t+2)..o_T as columns", SIMPLEX),
            Given(
                likelihood,
                "P(o_1..o_T), the likelihood of all the observations (the forward pass gives it)",
                POSITIVE,
                defined_by=Equation(likelihood, evidence),
            ),
        ),
        start=beta_t,
        steps=(
            Step(
                A * hadamard(B * o, beta_next),
                "split each path after t at its first state j: the transition probability from i to j, the emission "
                "B_j(o_(t+1)), "
                "and the paths after t + 1 from j, which sum to beta_(t+1)(j)",
            ),
            Step(
                hmm_backward(A, B, later),
                "applying the same split at every step, from beta_T = 1 backwards: the backward recursion",
                start=beta_next,
            ),
            Step(
                scalar_of(alpha_t.T * beta_t),
                "split every path of the whole sequence at time t: its prefix ends in some state i (these sum to "
                "alpha_t(i)) and its suffix starts from i (these sum to beta_t(i)); true at every t",
                start=evidence,
            ),
            Step(
                likelihood_forward,
                "at t = T, beta_T = 1: P(o_1..o_T) = sum_j alpha_T(j), the forward pass run to the end (hmm-forward)",
            ),
            Step(
                hadamard(alpha_t, beta_t) / likelihood,
                "Bayes: gamma_t(i) = P(o_1..o_T, s_t = i) / P(o_1..o_T), and the paths through state i at time t "
                "sum to alpha_t(i) beta_t(i) by the same split",
                start=hmm_marginals(pi, A, B, past, o, later),
                using=(Equation(likelihood, evidence),),
            ),
            Step(
                result,
                "compute alpha_t by the forward recursion (hmm-forward) and beta_t by the backward recursion; "
                "P(o_1..o_T) from the forward pass (step 4)",
            ),
        ),
        checks=(
            IdentityCheck(
                label="gamma_t = alpha_t * beta_t / P(o) vs brute force over all 3^6 state paths (3 states, 6 observations)",
                lhs=hmm_marginals(pi, A, B, past, o, later),
                rhs=result,
                where=(*h.row_stochastic, (likelihood, likelihood_forward)),
                sizes=numeric_sizes,
                trials=16,
            ),
            IdentityCheck(
                label="the backward recursion vs brute force over the paths after t",
                lhs=hmm_suffix_paths(A, B, o, later),
                rhs=hmm_backward(A, B, o, later),
                where=h.row_stochastic,
                sizes=numeric_sizes,
                trials=16,
            ),
            IdentityCheck(
                label="P(o) = alpha_t^T beta_t at a middle t vs the forward pass to the end",
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
            "The symbolic checker expands every path sum on an explicit instance (K = 2 states, 2 symbols, "
            "two past observations, the next observation and two later observations): the recursions and the "
            "brute-force sums agree as rational "
            "functions of the entries of pi, A, B and the observations."
        ),
        sizes=((h.K, 2), (h.M, 2), (h.T, 2), (S, 2)),
    )

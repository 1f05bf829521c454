"""The hidden Markov model shared by the HMM entries (hmm-forward, hmm-forward-backward).

``hmm_model()`` returns its symbols, givens and the ``where`` clauses that make sampled
transition and emission matrices row-stochastic; the brute-force sum over state paths and
the forward recursion are the engine operations ``derive.hmm_paths`` and ``derive.hmm_forward``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derive import POSITIVE, SIMPLEX, Given, diag, dims, inv, matrix, ones, vector


@dataclass(frozen=True)
class HMM:
    K: sp.Symbol  # number of hidden states
    M: sp.Symbol  # number of observation symbols
    T: sp.Symbol  # length of the earlier observations O
    pi: sp.Basic  # initial distribution, K-vector
    A: sp.Basic  # transitions, K x K, A[i, j] = P(s_t = j | s_t-1 = i)
    B: sp.Basic  # emissions, K x M, B[j, o] = P(o | s = j)
    obs: sp.Basic  # observations o_1..o_T as columns, M x T
    o: sp.Basic  # the next observation o_T+1, M-vector
    givens: tuple
    row_stochastic: tuple  # where-clauses: normalise the sampled A and B by rows

    def emission(self, observation):
        """The K-vector of emission likelihoods B_j(o) of each state for one observation."""
        return self.B * observation


def normalise_rows(a, n):
    """a with each row divided by its sum (n columns): diag(a 1)^-1 a."""
    return inv(diag(a * ones(n))) * a


def hmm_model() -> HMM:
    K, M, T = dims("K M T")
    pi, A, B = vector("pi", K), matrix("A", K, K), matrix("B", K, M)
    obs, o = matrix("O", M, T), vector("o", M)
    givens = (
        Given(pi, "initial state distribution", SIMPLEX),
        Given(A, "transition matrix, rows sum to 1 (the checks normalise positive draws)", POSITIVE),
        Given(B, "emission matrix, rows sum to 1 (the checks normalise positive draws)", POSITIVE),
        Given(
            obs,
            "observations o_1..o_T as one-hot columns (the checks draw probability vectors: soft evidence)",
            SIMPLEX,
        ),
        Given(o, "the next observation o_T+1, one-hot (a probability vector in the checks)", SIMPLEX),
    )
    where = ((A, normalise_rows(A, K)), (B, normalise_rows(B, M)))
    return HMM(K, M, T, pi, A, B, obs, o, givens, where)

"""The hidden Markov model of the HMM entries (hmm-forward, hmm-forward-backward) and its
computations as operations: sums over all state paths (the definitions, exponential in the
length) and the forward and backward recursions (linear in the length).

The model: an initial distribution pi (K-vector), transitions A (K x K, A[i, j] = P(s_t = j | s_t-1 = i)),
emissions B (K x M, B[j, o] = P(o | s = j)), and observations as columns o_t (M-vectors, one-hot;
a probability vector is soft evidence, for which everything below holds alike). The emission
likelihood of state j at time t is (B o_t)[j].

Every operation takes the observations as one or more blocks (M x t matrices or M-vectors) read
left to right, so ``hmm_paths(pi, A, B, O, o)`` is the sequence O followed by o:

- ``hmm_paths(pi, A, B, *blocks)``: alpha(j) = P(the observations, last state j), by enumeration;
- ``hmm_forward(pi, A, B, *blocks)``: the same by the forward recursion;
- ``hmm_suffix_paths(A, B, *blocks)``: beta(i) = P(the observations | state i just before them),
  by enumeration;
- ``hmm_backward(A, B, *blocks)``: the same by the backward recursion, from beta = 1 after the
  last observation;
- ``hmm_marginals(pi, A, B, past, *future)``: gamma(i) = P(s_t = i | all observations) for the
  time t that ends ``past``, by enumerating every path of the whole sequence.

Each evaluates on explicit matrices (``doit``, for the symbolic checker) and in JAX.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr

from derive import POSITIVE, SIMPLEX, Given, diag, dims, inv, matrix, ones, vector
from derive.core.operation import BY_DOIT, Operation, absent, latex_call
from derive.core.operations import NO_PICTURE, NOT_IN_NOTATION, is_explicit


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
    """The HMM shared by the entries: its symbols, givens and the ``where`` clauses that make
    sampled transition and emission matrices row-stochastic."""
    K, M, T = dims("K M T")
    pi, A, B = vector("pi", K), matrix("A", K, K), matrix("B", K, M)
    obs, o = matrix("O", M, T), vector("o", M)
    givens = (
        Given(pi, "initial state distribution", SIMPLEX),
        Given(A, "transition matrix, rows sum to 1 (the checks normalise positive draws)", POSITIVE),
        Given(B, "emission matrix, rows sum to 1 (the checks normalise positive draws)", POSITIVE),
        Given(
            obs,
            (
                r"observations $o_{1}, \ldots, o_{T}$ as one-hot columns (the checks draw probability vectors: soft "
                r"evidence)"
            ),
            SIMPLEX,
        ),
        Given(o, "the next observation $o_{T+1}$, one-hot (a probability vector in the checks)", SIMPLEX),
    )
    where = ((A, normalise_rows(A, K)), (B, normalise_rows(B, M)))
    return HMM(K, M, T, pi, A, B, obs, o, givens, where)


# -- all state paths, once: explicit (SymPy) and vectorised (JAX) ---------------------------------
def _path_weights(start, A, emissions):
    """(path, weight) for every state path s_1..s_L, weight = start[s_1] e_1[s_1] prod_t A[s_t-1, s_t] e_t[s_t]
    (start: K entries, pi for a whole sequence or row i of A for the paths after state i)."""
    for path in itertools.product(range(A.shape[0]), repeat=len(emissions)):
        weight = start[path[0]] * emissions[0][path[0], 0]
        for t in range(1, len(emissions)):
            weight *= A[path[t - 1], path[t]] * emissions[t][path[t], 0]
        yield path, weight


def _jax_path_weights(start, A, E):
    """Every state path as a row of ``paths`` (K^L x L) and its weight as above, in JAX; E is K x L
    (column t: the emission likelihoods at time t); start is a K-vector, or K x K for one start per row."""
    import numpy as np

    K, L = A.shape[0], E.shape[1]
    paths = np.array(list(itertools.product(range(K), repeat=L)), dtype=np.int32)
    weight = start[..., paths[:, 0]] * E[paths[:, 0], 0]
    for t in range(1, L):
        weight = weight * A[paths[:, t - 1], paths[:, t]] * E[paths[:, t], t]
    return paths, weight


class _HMMOperation(Operation, MatrixExpr):
    """A K-vector computed from the model; args (pi, A, B, *blocks), or (A, B, *blocks) for the
    quantities conditioned on a state (``initial = False``)."""

    name = "hmm"
    initial = True  # whether pi is the first argument
    meaning = BY_DOIT
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def __new__(cls, *args):
        if len(args) < 3 + cls.initial:
            raise ValueError(f"{cls.name} needs at least one block of observations")
        return sp.Basic.__new__(cls, *args)

    @property
    def shape(self):
        return (self.args[int(self.initial)].shape[0], 1)

    def _parts(self, args):
        """(pi or None, A, B, observation blocks)."""
        return (*args[:3], args[3:]) if self.initial else (None, *args[:2], args[2:])

    def doit(self, **hints):
        args = [arg.doit(**hints) for arg in self.args]
        if not all(is_explicit(arg) and not _sympify(arg.shape[0]).free_symbols for arg in args):
            return type(self)(*args)
        pi, A, B, blocks = self._parts([ImmutableMatrix(arg.as_explicit()) for arg in args])
        emissions = [B * block[:, t] for block in blocks for t in range(block.shape[1])]
        return ImmutableMatrix(self._explicit(pi, A, emissions, blocks[0].shape[1]))

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        pi, A, B, blocks = self._parts([evaluate(arg, env) for arg in self.args])
        blocks = [jnp.reshape(b, (b.shape[0], -1)) for b in blocks]
        E = B @ jnp.concatenate(blocks, axis=1)
        return self._jax(None if pi is None else pi[:, 0], A, E, blocks[0].shape[1])[:, None]

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{%s}" % self.name, *self.args)

    # Subclasses: _explicit(pi, A, emissions, first) -> K x 1 entries, on explicit SymPy matrices
    # (emissions: one K-vector per time; first: the length of the first block), and
    # _jax(pi, A, E, first) -> K-vector, E the K x L emission likelihoods.


class HMMPaths(_HMMOperation):
    """alpha_T(j) = P(o_1..o_T, s_T = j) = sum over all K^T state paths ending in j of
    pi[s_1] E[s_1, 1] prod_t A[s_t-1, s_t] E[s_t, t]: the definition, by enumeration."""

    name = "paths"

    def _explicit(self, pi, A, emissions, first):
        alpha = [sp.Integer(0)] * A.shape[0]
        for path, weight in _path_weights(pi, A, emissions):
            alpha[path[-1]] += weight
        return [[a] for a in alpha]

    def _jax(self, pi, A, E, first):
        import jax.numpy as jnp

        paths, weight = _jax_path_weights(pi, A, E)
        return jnp.zeros(A.shape[0], dtype=weight.dtype).at[paths[:, -1]].add(weight)


class HMMForward(_HMMOperation):
    """alpha_T by the forward recursion alpha_1 = pi * e_1, alpha_t = (A^T alpha_t-1) * e_t."""

    name = "forward"

    def _explicit(self, pi, A, emissions, first):
        alpha = pi.multiply_elementwise(emissions[0])
        for e in emissions[1:]:
            alpha = (A.T * alpha).multiply_elementwise(e)
        return alpha.tolist()

    def _jax(self, pi, A, E, first):
        alpha = pi * E[:, 0]
        for t in range(1, E.shape[1]):
            alpha = (A.T @ alpha) * E[:, t]
        return alpha


class HMMSuffixPaths(_HMMOperation):
    """beta(i) = sum over paths s_1..s_L of prod_t A[s_t-1, s_t] B_{s_t}(o_t), with s_0 = i."""

    name = "suffixpaths"
    initial = False

    def _explicit(self, pi, A, emissions, first):
        return [
            [sum((weight for _, weight in _path_weights(A.row(i), A, emissions)), sp.Integer(0))]
            for i in range(A.shape[0])
        ]

    def _jax(self, pi, A, E, first):
        import jax.numpy as jnp

        _, weight = _jax_path_weights(A, A, E)  # K x K^L: start state i, path p
        return jnp.sum(weight, axis=1)


class HMMBackward(_HMMOperation):
    """beta by the backward recursion: beta = 1 after the last observation, beta_t = A (e_t+1 * beta_t+1)."""

    name = "backward"
    initial = False

    def _explicit(self, pi, A, emissions, first):
        beta = sp.ones(A.shape[0], 1)
        for e in reversed(emissions):
            beta = A * e.multiply_elementwise(beta)
        return beta.tolist()

    def _jax(self, pi, A, E, first):
        import jax.numpy as jnp

        beta = jnp.ones(A.shape[0])
        for t in reversed(range(E.shape[1])):
            beta = A @ (E[:, t] * beta)
        return beta


class HMMMarginals(_HMMOperation):
    """gamma(i) = P(s_t = i | past, future), t the last time of ``past``: every path of the whole
    sequence weighted by its joint probability, grouped by its state at t, divided by the total."""

    name = "marginals"

    def _explicit(self, pi, A, emissions, first):
        gamma, total = [sp.Integer(0)] * A.shape[0], sp.Integer(0)
        for path, weight in _path_weights(pi, A, emissions):
            gamma[path[first - 1]] += weight
            total += weight
        return [[g / total] for g in gamma]

    def _jax(self, pi, A, E, first):
        import jax.numpy as jnp

        paths, weight = _jax_path_weights(pi, A, E)
        gamma = jnp.zeros(A.shape[0], dtype=weight.dtype).at[paths[:, first - 1]].add(weight)
        return gamma / jnp.sum(weight)


class _PathTable(Operation, MatrixExpr):
    """A table of the N = K^L state paths s_1..s_L of the observation blocks (L columns in all),
    one path per row (itertools.product order), holding the path's weight in the column of one of
    its states and 0 in the others. The entries name such a table as a given (W, V) and substitute
    this operation for it in the numeric checks; args (N, pi, A, B, *blocks), or (N, A, B, *blocks)
    for the paths that follow a state (``initial = False``: no pi, no first transition)."""

    meaning = absent("numeric only: the entries' rows use a given table, the checks substitute this")
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION
    initial = True  # whether pi is an argument (the path's weight starts with pi[s_1])
    column = -1  # the state whose column holds the weight: -1 the last, 0 the first

    def __new__(cls, rows, *args):
        return sp.Basic.__new__(cls, _sympify(rows), *args)

    @property
    def shape(self):
        return (self.args[0], self.args[1 + self.initial].shape[0])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        values = [evaluate(arg, env) for arg in self.args[1:]]
        pi, (A, B, *blocks) = (values[0], values[1:]) if self.initial else (None, values)
        blocks = [jnp.reshape(b, (b.shape[0], -1)) for b in blocks]
        start = pi[:, 0] if self.initial else jnp.ones_like(A[0])
        paths, weight = _jax_path_weights(start, A, B @ jnp.concatenate(blocks, axis=1))
        rows = int(_sympify(self.args[0]).subs(env["__sizes__"]))
        if rows != len(paths):
            raise ValueError(f"the path table has {len(paths)} rows (K^L), not the {rows} its size says")
        table = jnp.zeros((rows, A.shape[0]), dtype=weight.dtype)
        return table.at[jnp.arange(rows), paths[:, self.column]].set(weight)

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{%s}" % self.name, *self.args[1:])


class HMMPathTable(_PathTable):
    """W: row p, column s_L: the weight pi[s_1] e_1[s_1] prod_t A[s_t-1, s_t] e_t[s_t] of path p
    (its column sums are hmm_paths)."""

    name = "pathtable"


class HMMSuffixTable(_PathTable):
    """V: row q, column s_1: the weight e_1[s_1] prod_t A[s_t-1, s_t] e_t[s_t] of path q, without
    the transition into s_1 (A V^T 1 is hmm_suffix_paths)."""

    name = "suffixtable"
    initial = False
    column = 0


def hmm_path_table(rows, pi, A, B, *observations):
    """The rows x K table of the paths' weights by last state (HMMPathTable); rows must be K^(length)."""
    return HMMPathTable(rows, pi, A, B, *observations)


def hmm_suffix_table(rows, A, B, *observations):
    """The rows x K table of the paths' weights by first state, without the transition into it
    (HMMSuffixTable); rows must be K^(length)."""
    return HMMSuffixTable(rows, A, B, *observations)


def hmm_paths(pi, A, B, *observations):
    """alpha(j) = P(observations, last state j) by brute force over all state paths (K-vector)."""
    return HMMPaths(pi, A, B, *observations)


def hmm_forward(pi, A, B, *observations):
    """alpha(j) = P(observations, last state j) by the forward recursion (K-vector)."""
    return HMMForward(pi, A, B, *observations)


def hmm_suffix_paths(A, B, *observations):
    """beta(i) = P(observations | state i just before them), by brute force over all state paths (K-vector)."""
    return HMMSuffixPaths(A, B, *observations)


def hmm_backward(A, B, *observations):
    """beta(i) = P(observations | state i just before them), by the backward recursion (K-vector)."""
    return HMMBackward(A, B, *observations)


def hmm_marginals(pi, A, B, past, *future):
    """gamma(i) = P(s_t = i | past, future) for t the last time of ``past``, by brute force (K-vector)."""
    return HMMMarginals(pi, A, B, past, *future)

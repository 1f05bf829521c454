"""Hidden Markov model computations as operations: the brute-force sum over all state paths
(the definition, exponential in the length) and the forward recursion (linear in the length).

The model: an initial distribution pi (K-vector), transitions A (K x K, A[i, j] = P(s_t = j | s_t-1 = i)),
emissions B (K x M, B[j, o] = P(o | s = j)), and observations as columns o_t (M-vectors, one-hot;
a probability vector is soft evidence, for which everything below holds alike). The emission
likelihood of state j at time t is (B o_t)[j].

Both operations take the observations as one or more blocks (M x t matrices or M-vectors)
read left to right, so ``hmm_paths(pi, A, B, O, o)`` is the sequence O followed by o. Both
evaluate on explicit matrices (``doit``, for the symbolic checker) and in JAX.
"""

from __future__ import annotations

import itertools

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr


def _columns(blocks):
    """The observation columns of the blocks, in order (explicit matrices)."""
    return [block[:, t] for block in blocks for t in range(block.shape[1])]


class _HMMOp(MatrixExpr):
    name = "hmm"

    def __new__(cls, pi, A, B, *observations):
        if not observations:
            raise ValueError(f"{cls.name} needs at least one block of observations")
        return sp.Basic.__new__(cls, pi, A, B, *observations)

    @property
    def shape(self):
        return (self.args[0].shape[0], 1)

    def doit(self, **hints):
        from derive.core.operations import is_explicit

        args = [arg.doit(**hints) for arg in self.args]
        if not all(is_explicit(arg) and not _sympify(arg.shape[0]).free_symbols for arg in args):
            return type(self)(*args)
        pi, A, B, *blocks = (ImmutableMatrix(arg.as_explicit()) for arg in args)
        emissions = [B * column for column in _columns(blocks)]
        return ImmutableMatrix(self._explicit(pi, A, emissions))

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        pi, A, B, *blocks = (evaluate(arg, env) for arg in self.args)
        observations = jnp.concatenate([jnp.reshape(b, (b.shape[0], -1)) for b in blocks], axis=1)
        return self._jax(pi[:, 0], A, B @ observations)[:, None]

    def _latex(self, printer):
        args = ", ".join(printer._print(a) for a in self.args)
        return r"\operatorname{%s}\left(%s\right)" % (self.name, args)


class HMMPaths(_HMMOp):
    """alpha_T(j) = P(o_1..o_T, s_T = j) = sum over all K^T state paths ending in j of
    pi[s_1] E[s_1, 1] prod_t A[s_t-1, s_t] E[s_t, t]: the definition, by enumeration."""

    name = "paths"

    def _explicit(self, pi, A, emissions):
        K, T = pi.shape[0], len(emissions)
        alpha = [sp.Integer(0)] * K
        for path in itertools.product(range(K), repeat=T):
            weight = pi[path[0], 0] * emissions[0][path[0], 0]
            for t in range(1, T):
                weight *= A[path[t - 1], path[t]] * emissions[t][path[t], 0]
            alpha[path[-1]] += weight
        return [[a] for a in alpha]

    def _jax(self, pi, A, E):
        import jax.numpy as jnp
        import numpy as np

        K, T = pi.shape[0], E.shape[1]
        paths = np.array(list(itertools.product(range(K), repeat=T)), dtype=np.int32)  # K^T x T
        weight = pi[paths[:, 0]] * E[paths[:, 0], 0]
        for t in range(1, T):
            weight = weight * A[paths[:, t - 1], paths[:, t]] * E[paths[:, t], t]
        return jnp.zeros(K, dtype=weight.dtype).at[paths[:, -1]].add(weight)


class HMMForward(_HMMOp):
    """alpha_T by the forward recursion alpha_1 = pi * e_1, alpha_t = (A^T alpha_t-1) * e_t."""

    name = "forward"

    def _explicit(self, pi, A, emissions):
        alpha = pi.multiply_elementwise(emissions[0])
        for e in emissions[1:]:
            alpha = (A.T * alpha).multiply_elementwise(e)
        return alpha.tolist()

    def _jax(self, pi, A, E):
        alpha = pi * E[:, 0]
        for t in range(1, E.shape[1]):
            alpha = (A.T @ alpha) * E[:, t]
        return alpha


def hmm_paths(pi, A, B, *observations):
    """alpha(j) = P(observations, last state j) by brute force over all state paths (K-vector)."""
    return HMMPaths(pi, A, B, *observations)


def hmm_forward(pi, A, B, *observations):
    """alpha(j) = P(observations, last state j) by the forward recursion (K-vector)."""
    return HMMForward(pi, A, B, *observations)

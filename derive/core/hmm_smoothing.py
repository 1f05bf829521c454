"""The backward half of the HMM forward-backward algorithm, as operations over the model of
derive.core.hmm (pi, A, B, observation blocks read left to right):

- ``hmm_suffix_paths(A, B, *blocks)``: beta(i) = P(the observations | state i just before them),
  the definition: a sum over all K^L state paths of the L observations, by enumeration;
- ``hmm_backward(A, B, *blocks)``: the same by the backward recursion beta = A (e * beta'),
  starting from beta = 1 after the last observation;
- ``hmm_marginals(pi, A, B, past, *future)``: gamma(i) = P(s_t = i | all observations) for the
  time t that ends ``past``, by enumerating every path of the whole sequence (the definition).

Each evaluates on explicit matrices (doit, for the symbolic checker) and in JAX.
"""

from __future__ import annotations

import itertools

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr

from derive.core.hmm import _columns
from derive.core.operations import is_explicit


def _ready(args):
    return all(is_explicit(arg) and not _sympify(arg.shape[0]).free_symbols for arg in args)


def _explicit_args(args):
    return [ImmutableMatrix(arg.as_explicit()) for arg in args]


def _jax_observations(blocks):
    import jax.numpy as jnp

    return jnp.concatenate([jnp.reshape(b, (b.shape[0], -1)) for b in blocks], axis=1)


class _Smoothing(MatrixExpr):
    name = "hmm"
    transition_index = 0  # where A sits among the args

    def __new__(cls, *args):
        return sp.Basic.__new__(cls, *args)

    @property
    def shape(self):
        return (self.args[self.transition_index].shape[0], 1)

    def doit(self, **hints):
        args = [arg.doit(**hints) for arg in self.args]
        if not _ready(args):
            return type(self)(*args)
        return ImmutableMatrix(self._explicit(*_explicit_args(args)))

    def _latex(self, printer):
        return r"\operatorname{%s}\left(%s\right)" % (self.name, ", ".join(printer._print(a) for a in self.args))

    _ml_latex = _latex


class HMMSuffixPaths(_Smoothing):
    """beta(i) = sum over paths s_1..s_L of prod_t A[s_t-1, s_t] B_{s_t}(o_t), with s_0 = i."""

    name = "suffixpaths"

    def _explicit(self, A, B, *blocks):
        emissions = [B * column for column in _columns(blocks)]
        K = A.shape[0]
        beta = []
        for i in range(K):
            total = sp.Integer(0)
            for path in itertools.product(range(K), repeat=len(emissions)):
                weight, previous = sp.Integer(1), i
                for state, e in zip(path, emissions):
                    weight *= A[previous, state] * e[state, 0]
                    previous = state
                total += weight
            beta.append([total])
        return beta

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp
        import numpy as np

        A, B, *blocks = (evaluate(arg, env) for arg in self.args)
        E = B @ _jax_observations(blocks)
        K, L = A.shape[0], E.shape[1]
        paths = np.array(list(itertools.product(range(K), repeat=L)), dtype=np.int32)  # K^L x L
        weight = A[:, paths[:, 0]] * E[paths[:, 0], 0][None, :]  # K x K^L: start state i, path p
        for t in range(1, L):
            weight = weight * (A[paths[:, t - 1], paths[:, t]] * E[paths[:, t], t])[None, :]
        return jnp.sum(weight, axis=1)[:, None]


class HMMBackward(_Smoothing):
    """beta by the backward recursion: beta = 1 after the last observation, beta_t = A (e_t+1 * beta_t+1)."""

    name = "backward"

    def _explicit(self, A, B, *blocks):
        emissions = [B * column for column in _columns(blocks)]
        beta = sp.ones(A.shape[0], 1)
        for e in reversed(emissions):
            beta = A * e.multiply_elementwise(beta)
        return beta.tolist()

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        A, B, *blocks = (evaluate(arg, env) for arg in self.args)
        E = B @ _jax_observations(blocks)
        beta = jnp.ones(A.shape[0])
        for t in reversed(range(E.shape[1])):
            beta = A @ (E[:, t] * beta)
        return beta[:, None]


class HMMMarginals(_Smoothing):
    """gamma(i) = P(s_t = i | past, future), t the last time of ``past``: every path of the whole
    sequence weighted by its joint probability, grouped by its state at t, divided by the total."""

    name = "marginals"
    transition_index = 1

    def _explicit(self, pi, A, B, past, *future):
        emissions = [B * column for column in _columns((past, *future))]
        K, split = A.shape[0], past.shape[1]
        gamma, total = [sp.Integer(0)] * K, sp.Integer(0)
        for path in itertools.product(range(K), repeat=len(emissions)):
            weight = pi[path[0], 0] * emissions[0][path[0], 0]
            for t in range(1, len(emissions)):
                weight *= A[path[t - 1], path[t]] * emissions[t][path[t], 0]
            gamma[path[split - 1]] += weight
            total += weight
        return [[g / total] for g in gamma]

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp
        import numpy as np

        pi, A, B, past, *future = (evaluate(arg, env) for arg in self.args)
        split = jnp.reshape(past, (past.shape[0], -1)).shape[1]
        E = B @ _jax_observations((past, *future))
        K, L = A.shape[0], E.shape[1]
        paths = np.array(list(itertools.product(range(K), repeat=L)), dtype=np.int32)
        weight = pi[paths[:, 0], 0] * E[paths[:, 0], 0]
        for t in range(1, L):
            weight = weight * A[paths[:, t - 1], paths[:, t]] * E[paths[:, t], t]
        gamma = jnp.zeros(K, dtype=weight.dtype).at[paths[:, split - 1]].add(weight)
        return (gamma / jnp.sum(weight))[:, None]


def hmm_suffix_paths(A, B, *observations):
    """beta(i) = P(observations | state i just before them), by brute force over all state paths (K-vector)."""
    return HMMSuffixPaths(A, B, *observations)


def hmm_backward(A, B, *observations):
    """beta(i) = P(observations | state i just before them), by the backward recursion (K-vector)."""
    return HMMBackward(A, B, *observations)


def hmm_marginals(pi, A, B, past, *future):
    """gamma(i) = P(s_t = i | past, future) for t the last time of ``past``, by brute force (K-vector)."""
    return HMMMarginals(pi, A, B, past, *future)

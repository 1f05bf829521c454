"""The HMM operations (catalog/_lib/hmm.py): brute force over all state paths and the forward and
backward recursions agree, exactly on explicit symbolic matrices and in JAX; the path sum is a
normalised joint probability, and the posterior marginals are alpha * beta / P(observations)."""

import itertools

import numpy as np
import pytest
import sympy as sp
from sympy import ImmutableMatrix

from catalog._lib.hmm import hmm_backward, hmm_forward, hmm_marginals, hmm_paths, hmm_suffix_paths
from derive import dims, matrix, vector
from derive.checking.jax_eval import evaluate

K, M, T = dims("K M T")
PI, A, B, OBS = vector("pi", K), matrix("A", K, K), matrix("B", K, M), matrix("O", M, T)


def _symbolic(name, rows, cols):
    return ImmutableMatrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i}{j}", positive=True))


def test_forward_equals_paths_symbolically():
    pi, a, b, obs = _symbolic("p", 2, 1), _symbolic("a", 2, 2), _symbolic("b", 2, 3), _symbolic("o", 3, 3)
    paths = hmm_paths(pi, a, b, obs).doit()
    forward = hmm_forward(pi, a, b, obs).doit()
    assert paths.shape == (2, 1)
    assert sp.expand(paths - forward) == sp.zeros(2, 1)


def _stochastic(rng, rows, cols):
    m = rng.uniform(0.1, 1.0, size=(rows, cols))
    return m / m.sum(axis=1, keepdims=True)


def _env(rng, k=3, m=4, t=4):
    one_hot = np.eye(m)[:, rng.integers(0, m, size=t)]
    return {
        PI: _stochastic(rng, 1, k).T,
        A: _stochastic(rng, k, k),
        B: _stochastic(rng, k, m),
        OBS: one_hot,
        "__sizes__": {K: k, M: m, T: t},
    }


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_jax_paths_is_the_joint_probability_and_forward_agrees(seed):
    import jax

    jax.config.update("jax_enable_x64", True)
    rng = np.random.default_rng(seed)
    env = _env(rng)
    paths = np.asarray(evaluate(hmm_paths(PI, A, B, OBS), env))
    forward = np.asarray(evaluate(hmm_forward(PI, A, B, OBS), env))
    np.testing.assert_allclose(forward, paths, rtol=1e-12)
    # by hand: the joint probability of each path, summed by last state
    pi, a, b, obs = env[PI][:, 0], env[A], env[B], env[OBS].argmax(axis=0)
    expected = np.zeros(3)
    for path in itertools.product(range(3), repeat=4):
        weight = pi[path[0]] * b[path[0], obs[0]]
        for t in range(1, 4):
            weight *= a[path[t - 1], path[t]] * b[path[t], obs[t]]
        expected[path[-1]] += weight
    np.testing.assert_allclose(paths[:, 0], expected, rtol=1e-12)


def test_likelihoods_of_all_sequences_sum_to_one():
    import jax

    jax.config.update("jax_enable_x64", True)
    rng = np.random.default_rng(3)
    env = _env(rng, k=2, m=2, t=3)
    total = 0.0
    for sequence in itertools.product(range(2), repeat=3):
        env[OBS] = np.eye(2)[:, list(sequence)]
        total += float(np.sum(evaluate(hmm_paths(PI, A, B, OBS), env)))
    assert total == pytest.approx(1.0, rel=1e-12)


def test_blocks_are_concatenated():
    pi, a, b = _symbolic("p", 2, 1), _symbolic("a", 2, 2), _symbolic("b", 2, 2)
    first, second = _symbolic("u", 2, 2), _symbolic("v", 2, 1)
    both = ImmutableMatrix.hstack(first, second)
    assert sp.expand(hmm_paths(pi, a, b, first, second).doit() - hmm_paths(pi, a, b, both).doit()) == sp.zeros(2, 1)


def test_needs_observations():
    for operation, args in ((hmm_paths, (PI, A, B)), (hmm_forward, (PI, A, B)), (hmm_suffix_paths, (A, B))):
        with pytest.raises(ValueError, match="observations"):
            operation(*args)


def test_backward_equals_suffix_paths_and_marginals_are_alpha_beta_symbolically():
    pi, a, b = _symbolic("p", 2, 1), _symbolic("a", 2, 2), _symbolic("b", 2, 2)
    past, future = _symbolic("u", 2, 2), _symbolic("v", 2, 1)
    beta = hmm_backward(a, b, future).doit()
    assert sp.expand(hmm_suffix_paths(a, b, future).doit() - beta) == sp.zeros(2, 1)
    alpha = hmm_forward(pi, a, b, past).doit()
    joint = alpha.multiply_elementwise(beta)
    gamma = hmm_marginals(pi, a, b, past, future).doit()
    assert sp.simplify(gamma - joint / sum(joint)) == sp.zeros(2, 1)


def test_jax_agrees_with_the_explicit_matrices():
    import jax

    jax.config.update("jax_enable_x64", True)
    rng = np.random.default_rng(4)
    env = _env(rng, k=2, m=3, t=2)
    (S,) = dims("S")
    later = matrix("F", M, S)
    env[later], env["__sizes__"][S] = _stochastic(rng, 2, 3).T, 2
    explicit = {key: ImmutableMatrix(value) for key, value in env.items() if key != "__sizes__"}
    for expr in (
        hmm_paths(PI, A, B, OBS, later),
        hmm_forward(PI, A, B, OBS, later),
        hmm_suffix_paths(A, B, OBS, later),
        hmm_backward(A, B, OBS, later),
        hmm_marginals(PI, A, B, OBS, later),
    ):
        exact = np.array(expr.xreplace(explicit).doit(), dtype=float)
        np.testing.assert_allclose(np.asarray(evaluate(expr, env)), exact, rtol=1e-12)

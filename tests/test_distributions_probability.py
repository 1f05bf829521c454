"""Distribution.log_likelihood: the log-density summed over a sample, elementwise for scalar
families and over the rows of a data matrix for the multivariate normal."""

import numpy as np
import pytest
import sympy as sp

from derive import bernoulli, dims, matrix, multivariate_normal, normal, poisson, scalar, vector
from derive.checking.jax_eval import evaluate


@pytest.fixture(autouse=True)
def _x64():
    import jax

    jax.config.update("jax_enable_x64", True)


def test_scalar_family_sums_the_log_density():
    (n,) = dims("n")
    x, w = vector("x", n), vector("w", n)
    mu, s, lam, p = scalar("mu"), scalar("s"), scalar("lam"), scalar("p")
    rng = np.random.default_rng(0)
    data, weights = rng.uniform(0.1, 3, size=(6, 1)), rng.uniform(size=(6, 1))
    env = {x: data, w: weights, mu: 0.3, s: 1.7, lam: 1.2, p: 0.4, "__sizes__": {n: 6}}
    for dist in (normal(mu, s), poisson(lam), bernoulli(p)):
        t = sp.Symbol("t")
        per_point = [float(evaluate(dist.log_density(t), {**env, t: v})) for v in data[:, 0]]
        assert float(evaluate(dist.log_likelihood(x), env)) == pytest.approx(sum(per_point))
        weighted = float(evaluate(dist.log_likelihood(x, w), env))
        assert weighted == pytest.approx(float(np.dot(weights[:, 0], per_point)))


def test_multivariate_normal_rows():
    n, d = dims("n d")
    X, w, mu, S = matrix("X", n, d), vector("w", n), vector("mu", d), matrix("S", d, d)
    rng = np.random.default_rng(1)
    a = rng.normal(size=(3, 3))
    env = {
        X: rng.normal(size=(5, 3)),
        w: rng.uniform(size=(5, 1)),
        mu: rng.normal(size=(3, 1)),
        S: a @ a.T + np.eye(3),
        "__sizes__": {n: 5, d: 3},
    }
    dist = multivariate_normal(mu, S)
    x = vector("x", d)
    per_row = [float(evaluate(dist.log_density(x), {**env, x: env[X][i][:, None]})) for i in range(5)]
    assert float(evaluate(dist.log_likelihood(X, w), env)) == pytest.approx(float(np.dot(env[w][:, 0], per_row)))
    assert float(evaluate(dist.log_likelihood(X), env)) == pytest.approx(sum(per_row))

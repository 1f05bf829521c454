"""Operations and symbolic structure added for the linear-algebra entries: the SVD factors and
the mean outer product (numeric), elementwise |x|, and orthonormal instances (symbolic)."""

import jax
import jax.numpy as jnp
import numpy as np
import sympy as sp

from derive import ORTHONORMAL, Given, absolute, dims, matrix, mean_outer, svd_s, svd_u, svd_v, vector
from derive import inv as derive_inv
from derive.checking.instances import Instance, explicit
from derive.checking.jax_eval import evaluate

jax.config.update("jax_enable_x64", True)


def test_svd_factors_rebuild_the_matrix():
    n, d = dims("n d")
    X = matrix("X", n, d)
    x = jax.random.normal(jax.random.PRNGKey(0), (6, 3))
    env = {X: x, "__sizes__": {n: 6, d: 3}}
    u, s, v = (evaluate(f(X), env) for f in (svd_u, svd_s, svd_v))
    assert u.shape == (6, 3) and s.shape == (3, 1) and v.shape == (3, 3)
    np.testing.assert_allclose(u @ jnp.diag(s[:, 0]) @ v.T, x, atol=1e-12)
    np.testing.assert_allclose(v.T @ v, jnp.eye(3), atol=1e-12)
    assert jnp.all(jnp.diff(s[:, 0]) <= 0)


def test_mean_outer_is_the_average_of_row_outer_products():
    n, d = dims("n d")
    X = matrix("X", n, d)
    x = jax.random.normal(jax.random.PRNGKey(1), (5, 2))
    expected = sum(jnp.outer(row, row) for row in x) / 5
    np.testing.assert_allclose(evaluate(mean_outer(X), {X: x}), expected, atol=1e-12)
    instance = Instance.build((Given(X),), {n: 3, d: 2})
    rows = explicit(X, instance)
    by_rows = sum((rows[i, :].T * rows[i, :] for i in range(3)), sp.zeros(2, 2)) / 3
    assert (explicit(mean_outer(X), instance) - by_rows).applyfunc(sp.expand) == sp.zeros(2, 2)


def test_absolute_is_elementwise():
    (d,) = dims("d")
    x = vector("x", d)
    np.testing.assert_allclose(evaluate(absolute(x), {x: jnp.array([[-1.5], [2.0]])}), [[1.5], [2.0]])
    instance = Instance.build((Given(x),), {d: 2})
    value = explicit(absolute(x), instance)
    assert value[0, 0] == sp.Abs(sp.Symbol("x_00", real=True))


def test_orthonormal_instances_have_orthonormal_columns_identically():
    n, d = dims("n d")
    U, V = matrix("U", n, d), matrix("V", d, d)
    instance = Instance.build((Given(U, "", ORTHONORMAL), Given(V, "", ORTHONORMAL)), {n: 3, d: 2})
    assert explicit(U.T * U, instance).applyfunc(sp.cancel) == sp.eye(2)
    assert explicit(V * V.T, instance).applyfunc(sp.cancel) == sp.eye(2)
    assert explicit(U * U.T, instance).applyfunc(sp.cancel) != sp.eye(3)  # only the columns are orthonormal


def test_explicit_inverse_is_adjugate_over_determinant():
    (d,) = dims("d")
    X, V = matrix("X", d, d), matrix("V", d, d)
    t = sp.Symbol("t", real=True)
    instance = Instance.build((Given(X), Given(V)), {d: 3})
    inverse = explicit(derive_inv(X + t * V), instance)
    product = (inverse * explicit(X + t * V, instance)).applyfunc(sp.cancel)
    assert product == sp.eye(3)

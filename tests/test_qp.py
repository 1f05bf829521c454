"""The interior-point QP solver used by KKT checks, against problems with known answers."""

import jax
import jax.numpy as jnp
import numpy as np

from derive.checking.qp import solve_qp

jax.config.update("jax_enable_x64", True)


def test_projection_onto_the_simplex():
    # argmin 1/2||x - c||^2 s.t. x >= 0, sum x = 1; for c = (0.5, 1.2, -0.3, 0.9) the answer is (0, .65, 0, .35)
    c = jnp.array([0.5, 1.2, -0.3, 0.9])
    x, z, y = solve_qp(jnp.eye(4), -c, -jnp.eye(4), jnp.zeros(4), jnp.ones((1, 4)), jnp.ones(1))
    np.testing.assert_allclose(x, [0, 0.65, 0, 0.35], atol=1e-9)
    assert jnp.all(z >= 0) and abs(float(y[0]) - 0.55) < 1e-9


def test_equality_constrained_least_norm():
    # min 1/2||x||^2 s.t. Ax = b  ->  x = A^T (A A^T)^{-1} b
    A = jnp.array([[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]])
    b = jnp.array([1.0, 2.0])
    x, _, _ = solve_qp(jnp.eye(3), jnp.zeros(3), jnp.zeros((0, 3)), jnp.zeros(0), A, b)
    np.testing.assert_allclose(x, A.T @ jnp.linalg.solve(A @ A.T, b), atol=1e-10)


def test_vmaps_over_instances():
    cs = jnp.array([[2.0, 0.0], [0.2, 0.3]])
    solve = jax.vmap(lambda c: solve_qp(jnp.eye(2), -c, -jnp.eye(2), jnp.zeros(2), jnp.ones((1, 2)), jnp.ones(1)).x)
    np.testing.assert_allclose(solve(cs), [[1.0, 0.0], [0.45, 0.55]], atol=1e-9)

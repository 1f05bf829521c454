"""A small dense quadratic-program solver in JAX (primal-dual interior point, fixed iterations).

    minimise  1/2 x^T P x + q^T x   subject to  G x <= h,  A x = b

Fixed iteration counts keep it traceable under ``jit`` and ``vmap``, so a batch of random
instances is solved at once. It is meant for the small, well-posed problems of the catalog's
KKT checks, not as a general solver.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

ITERATIONS = 60
CENTERING = 0.1
STEP_FRACTION = 0.99
CONVERGED = 1e-13
RESIDUAL_TOLERANCE = 1e-11


class Solution(NamedTuple):
    x: jax.Array
    inequality_multiplier: jax.Array  # z >= 0, one per row of G
    equality_multiplier: jax.Array  # y, one per row of A


def _max_step(value, direction):
    ratios = jnp.where(direction < 0, -value / jnp.where(direction < 0, direction, -1.0), jnp.inf)
    return jnp.minimum(1.0, STEP_FRACTION * jnp.min(ratios, initial=jnp.inf))


def solve_qp(P, q, G, h, A, b) -> Solution:
    n, m, p = q.shape[0], h.shape[0], b.shape[0]

    def newton(carry, _):
        state, done = carry
        x, s, z, y = state
        r_dual = P @ x + q + G.T @ z + A.T @ y
        r_eq = A @ x - b
        r_ineq = G @ x + s - h
        mu = jnp.dot(s, z) / jnp.maximum(m, 1)
        target = CENTERING * mu - s * z
        weight = z / s
        lhs = jnp.block([[P + G.T @ (weight[:, None] * G), A.T], [A, jnp.zeros((p, p))]])
        rhs = jnp.concatenate([-r_dual - G.T @ ((target + z * r_ineq) / s), -r_eq])
        delta = jnp.linalg.solve(lhs, rhs)
        dx, dy = delta[:n], delta[n:]
        ds = -r_ineq - G @ dx
        dz = (target - z * ds) / s
        step = jnp.minimum(_max_step(s, ds), _max_step(z, dz))
        new = (x + step * dx, s + step * ds, z + step * dz, y + step * dy)
        # Once converged the Newton system becomes singular: keep the converged point.
        finite = jnp.all(jnp.stack([jnp.all(jnp.isfinite(part)) for part in new]))
        residual = jnp.max(jnp.abs(jnp.concatenate([r_dual, r_eq, r_ineq])), initial=0.0)
        done = done | ((mu < CONVERGED) & (residual < RESIDUAL_TOLERANCE))
        keep = done | ~finite
        return (tuple(jnp.where(keep, old, updated) for old, updated in zip(state, new)), done), None

    start = (jnp.zeros(n), jnp.ones(m), jnp.ones(m), jnp.zeros(p))
    ((x, _, z, y), _), _ = jax.lax.scan(newton, (start, jnp.asarray(False)), None, length=ITERATIONS)
    return Solution(x, z, y)

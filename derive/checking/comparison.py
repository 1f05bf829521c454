"""How a claimed value is compared with a reference value in the numeric checks."""

from __future__ import annotations

import jax.numpy as jnp


def relative_error(claim, reference):
    """max|claim - reference| / max(max|reference|, 1)."""
    claim, reference = jnp.asarray(claim), jnp.asarray(reference)
    if claim.shape != reference.shape and claim.size == reference.size:
        claim = jnp.reshape(claim, reference.shape)
    scale = jnp.maximum(jnp.max(jnp.abs(reference)), 1.0)
    return jnp.max(jnp.abs(claim - reference)) / scale

"""How a claimed value is compared with a reference value in the numeric checks."""

from __future__ import annotations

import jax.numpy as jnp


class ShapeMismatch(ValueError):
    """A claim of another shape than its reference: a row vector is not a column (issue 14, class 8)."""


def matched(claim, reference):
    """``claim`` and ``reference`` as arrays of one shape: the same shape exactly, or both a single
    number (a scalar and a 1x1 matrix are one value). Anything else raises ShapeMismatch; nothing is
    reshaped or broadcast to fit."""
    claim, reference = jnp.asarray(claim), jnp.asarray(reference)
    if claim.shape == reference.shape:
        return claim, reference
    if claim.size == 1 and reference.size == 1:
        return jnp.reshape(claim, ()), jnp.reshape(reference, ())
    raise ShapeMismatch(f"the claim has shape {claim.shape} and the reference {reference.shape}")


def relative_error(claim, reference):
    """max|claim - reference| / max(max|reference|, 1), for a claim of the reference's shape."""
    claim, reference = matched(claim, reference)
    scale = jnp.maximum(jnp.max(jnp.abs(reference)), 1.0)
    return jnp.max(jnp.abs(claim - reference)) / scale

"""Random inputs drawn from each given's domain (its ``sample_jax``), for one trial (vmapped over trials
by the caller)."""

from __future__ import annotations

import jax

from derive.core.symbols import Given


def concrete_shape(given: Given, sizes: dict) -> tuple[int, ...]:
    return tuple(int(extent.subs(sizes)) if hasattr(extent, "subs") else int(extent) for extent in given.shape)


def sample(key, givens: tuple[Given, ...], sizes: dict) -> dict:
    """One draw of every given, keyed by name."""
    keys = jax.random.split(key, len(givens))
    return {given.name: given.domain.sample_jax(k, concrete_shape(given, sizes)) for k, given in zip(keys, givens)}

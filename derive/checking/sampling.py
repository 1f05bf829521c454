"""Random inputs drawn from each given's domain, for one trial (vmapped over trials by the caller)."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from derive.core.symbols import Given


def _real(key, shape):
    return jax.random.normal(key, shape)


def _symmetric(key, shape):
    a = jax.random.normal(key, shape)
    return (a + a.T) / 2


def _spd(key, shape):
    a = jax.random.normal(key, shape)
    return a @ a.T / shape[0] + 0.5 * jnp.eye(shape[0])


def _simplex(key, shape):
    return jax.nn.softmax(jax.random.normal(key, shape), axis=0)


def _orthonormal(key, shape):
    q, _ = jnp.linalg.qr(jax.random.normal(key, shape))
    return q


def _unit(key, shape):
    v = jax.random.normal(key, shape)
    return v / jnp.linalg.norm(v)


SAMPLERS = {
    "real": _real,
    "positive": lambda key, shape: jax.random.uniform(key, shape, minval=0.5, maxval=2.0),
    "probability": lambda key, shape: jax.random.uniform(key, shape, minval=0.05, maxval=0.95),
    "binary": lambda key, shape: jax.random.bernoulli(key, 0.5, shape).astype(jnp.float64),
    "signs": lambda key, shape: jnp.where(jax.random.bernoulli(key, 0.5, shape), 1.0, -1.0),
    "simplex": _simplex,
    "symmetric": _symmetric,
    "spd": _spd,
    "orthonormal": _orthonormal,
    "unit": _unit,
}


def concrete_shape(given: Given, sizes: dict) -> tuple[int, ...]:
    return tuple(int(extent.subs(sizes)) if hasattr(extent, "subs") else int(extent) for extent in given.shape)


def sample(key, givens: tuple[Given, ...], sizes: dict) -> dict:
    """One draw of every given, keyed by name."""
    keys = jax.random.split(key, len(givens))
    return {given.name: SAMPLERS[given.domain.name](k, concrete_shape(given, sizes)) for k, given in zip(keys, givens)}

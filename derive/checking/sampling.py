"""Random inputs drawn from each given's domain (its ``sample_jax``), for one trial (vmapped over trials
by the caller), and the sizes the numeric checks draw them at."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from derive.checking.jax_eval import evaluate
from derive.core.symbols import Given, dimension_symbols

NUMERIC_SIZES = (5, 8, 6, 7, 4, 9)  # all >= 2 and distinct: a transpose or a per-row/global mixup shows


def numeric_sizes(givens, spec) -> dict:
    sizes = {dim: NUMERIC_SIZES[i % len(NUMERIC_SIZES)] for i, dim in enumerate(dimension_symbols(givens))}
    sizes.update(dict(spec.sizes))
    return sizes


def concrete_shape(given: Given, sizes: dict) -> tuple[int, ...]:
    return tuple(int(extent.subs(sizes)) if hasattr(extent, "subs") else int(extent) for extent in given.shape)


def sample(key, givens: tuple[Given, ...], sizes: dict) -> dict:
    """One draw of every given, keyed by name."""
    keys = jax.random.split(key, len(givens))
    return {given.name: given.domain.sample_jax(k, concrete_shape(given, sizes)) for k, given in zip(keys, givens)}


def trial_environment(key, givens: tuple[Given, ...], sizes: dict, spec) -> dict:
    """One trial's values for ``evaluate``: a draw of every given, then the inputs ``spec.where``
    defines from the others (in order)."""
    return environment(sample(key, givens, sizes), givens, sizes, spec)


def environment(draws: dict, givens: tuple[Given, ...], sizes: dict, spec) -> dict:
    """The values of ``givens`` by name (``draws``) as ``evaluate`` takes them, with the inputs
    ``spec.where`` defines from the others."""
    env = {given.symbol: draws[given.name] for given in givens}
    env["__sizes__"] = sizes
    for symbol, expression in spec.where:
        env[symbol] = jnp.reshape(evaluate(expression, env), jnp.shape(env[symbol]))
    return env


def host_draws(givens: tuple[Given, ...], sizes: dict, trials: int, seed: int) -> dict:
    """``trials`` draws of every given (its domain's ``sample_numpy``), by name, each with a leading
    trials axis: float64 NumPy arrays. Drawn outside the compiled batch, because XLA compiles JAX's
    sampler several times slower than most expressions evaluated on the draws."""
    rng = np.random.default_rng(seed)
    return {
        given.name: np.asarray(given.domain.sample_numpy(rng, (trials, *concrete_shape(given, sizes))), np.float64)
        for given in givens
    }


def away_from_avoided(spec, env):
    """Whether this trial keeps every ``spec.avoid`` expression further than ``spec.margin`` from 0."""
    valid = jnp.asarray(True)
    for expression in spec.avoid:
        valid = valid & (jnp.min(jnp.abs(evaluate(expression, env))) > spec.margin)
    return valid

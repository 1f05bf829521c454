"""A Monte Carlo check's own samples drawn on the host with NumPy (seeded), when the device is the CPU.

XLA compiles JAX's samplers slowly on the CPU (a normal's about 0.6 CPU s, a beta's 3 s, and the beta
runs 40 times slower than NumPy's), so there every distribution of a check that has a NumPy sampler is
drawn before the batch: each draw's parameters are evaluated for every trial (a small function
compiled cheaply), then each distribution is drawn in one call of NumPy's sampler for all trials at
once, into memory JAX takes without a copy, and the batch only evaluates the integrand on the draws.
On another device the batch keeps drawing with JAX's samplers (derive.checking.judges.mc).
"""

from __future__ import annotations

import dataclasses

import jax
import numpy as np
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings

from derive.checking.jax_eval import evaluate
from derive.checking.sampling import concrete_shape, environment
from derive.core.symbols import Given

SAMPLES_STREAM = 1  # the samples come from NumPy's stream (seed, 1); the givens from the stream seed
UNUSED_KEY = np.zeros(2, np.uint32)  # what a judge splits when the samples are given: its keys go unused


class InvalidParameters(ValueError):
    """NumPy refused to draw with a distribution's parameters (a beta's a <= 0, a binomial's n not whole,
    shapes that do not broadcast): the check fails (where JAX draws, a NaN parameter fails it too)."""


def drawn_on_host(spec, device=None) -> bool:
    """Whether ``spec``'s samples are drawn on the host: on the CPU (``device`` None: the CPU), when
    every distribution it draws from has a NumPy sampler (else JAX draws all the check's samples)."""
    on_cpu = device is None or device.platform == "cpu"
    return on_cpu and all(d.numpy_sampler is not None for _, d in spec.draws)


def draw_samples(spec, drawn: dict, givens, sizes: dict, trials: int, seed: int, options=None) -> tuple:
    """Every trial's samples of each of ``spec.draws``, in the form its distribution's ``unpacked``
    takes (``Distribution.sample_numpy``), with leading axes (trials, samples); ``drawn`` the trials'
    givens; ``options`` XLA's, to compile their parameters with."""
    parameters = _parameters(spec, drawn, givens, sizes, trials, options)
    rng = np.random.default_rng((seed, SAMPLES_STREAM))
    samples = []
    for (symbol, distribution), values in zip(spec.draws, parameters):
        shape = (trials, spec.samples, *concrete_shape(Given(symbol), sizes))
        try:
            host = distribution.sample_numpy(rng, shape, *(_broadcastable(v, len(shape)) for v in values))
        except ValueError as exc:
            raise InvalidParameters(f"{distribution.name} draws of {symbol}: {exc}") from None
        samples.append(jax.device_put(host, jax.devices("cpu")[0]))  # not copied where aligned (see aligned)
    return tuple(samples)


def _parameters(spec, drawn: dict, givens, sizes: dict, trials: int, options) -> list[list[np.ndarray]]:
    """Each draw's parameter values, each with a leading trials axis: a small compiled function (at
    cheap ``options``, about a fifth of the CPU time of evaluating them op by op, each JAX operation
    compiled alone)."""

    def of_trial(trial_draws):
        env = environment(trial_draws, givens, sizes, spec)
        return [[evaluate(_sympify(param), env) for param in d.params] for _, d in spec.draws]

    with jax.default_device(jax.devices("cpu")[0]):
        values = jax.jit(jax.vmap(of_trial, axis_size=trials), compiler_options=options)(drawn)
    return [[np.asarray(value, dtype=np.float64) for value in params] for params in values]


def _broadcastable(value: np.ndarray, rank: int) -> np.ndarray:
    """A parameter with a leading trials axis, reshaped to broadcast against draws of ``rank`` axes
    (trials, samples, the draw's own): a samples axis after the trials, and ones up to the draw's rank."""
    own = value.shape[1:]
    return np.reshape(value, (value.shape[0], *(1,) * (rank - 1 - len(own)), *own))


def with_samples(spec, samples: tuple):
    """``spec`` whose distributions give one trial's host-drawn ``samples`` (unpacked in JAX) instead
    of drawing: the judge evaluates its integrand on them as on its own draws."""
    draws = tuple(
        (symbol, _given_samples(distribution, host)) for (symbol, distribution), host in zip(spec.draws, samples)
    )
    return dataclasses.replace(spec, draws=draws)


def _given_samples(distribution, host):
    def batch_sampler(key, count, shape, *values):
        return distribution.unpacked(host, shape, *values)

    return dataclasses.replace(distribution, batch_sampler=batch_sampler)

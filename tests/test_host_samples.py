"""Monte Carlo samples drawn on the host (derive.checking.host_samples): each distribution's NumPy draws,
unpacked in JAX, follow that distribution with per-trial parameters; they are seeded (same seed, same
draws); a check keeps JAX's samplers off the CPU or for a distribution without a NumPy sampler; and
NumPy's refusal of a parameter fails the check."""

import dataclasses

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp

import derive
from derive import (
    POSITIVE,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    bernoulli,
    beta,
    binomial,
    categorical,
    multivariate_normal,
    normal,
    poisson,
    scalar,
    uniform,
)
from derive.checking import host_samples
from derive.checking.numeric import batch_function, device_for, trial_inputs

from .mutation_tools import run_check

COUNT = 200_000


@pytest.fixture(autouse=True, scope="module")
def _float64():
    device_for("cpu")  # switches JAX to float64, as every numeric check does


A, B = scalar("a"), scalar("b")


def _moments(distribution, params: list, shape=()):
    """(mean, variance) over the draws of each of two trials with parameters ``params`` (one value per
    trial for each parameter), drawn by NumPy and unpacked in JAX, as a Monte Carlo check does."""
    rng = np.random.default_rng(0)
    values = [np.asarray(v, dtype=float) for v in params]
    full = (len(values[0]), COUNT, *shape)
    host = distribution.sample_numpy(rng, full, *(host_samples._broadcastable(v, len(full)) for v in values))
    drawn = jax.vmap(lambda h, *v: distribution.unpacked(h, shape, *v))(host, *values)
    drawn = np.asarray(drawn)
    return drawn.mean(axis=1), drawn.var(axis=1)


def _within(observed, expected, spread, z=6.0):
    return np.all(np.abs(np.asarray(observed) - np.asarray(expected)) <= z * np.asarray(spread))


@pytest.mark.parametrize(
    "distribution, params, mean, variance",
    [
        (normal(A, B), [[1.0, -3.0], [2.0, 0.5]], lambda a, b: a, lambda a, b: b**2),
        (uniform(A, B), [[0.0, -2.0], [1.0, 4.0]], lambda a, b: (a + b) / 2, lambda a, b: (b - a) ** 2 / 12),
        (bernoulli(A), [[0.1, 0.7]], lambda p: p, lambda p: p * (1 - p)),
        (poisson(A), [[0.5, 7.0]], lambda lam: lam, lambda lam: lam),
        (
            beta(A, B),
            [[2.0, 0.5], [5.0, 0.5]],
            lambda a, b: a / (a + b),
            lambda a, b: a * b / ((a + b) ** 2 * (a + b + 1)),
        ),
        (binomial(A, B), [[10.0, 40.0], [0.3, 0.9]], lambda n, p: n * p, lambda n, p: n * p * (1 - p)),
    ],
    ids=["normal", "uniform", "bernoulli", "poisson", "beta", "binomial"],
)
def test_host_draws_have_each_trials_moments(distribution, params, mean, variance):
    observed_mean, observed_variance = _moments(distribution, params)
    values = [np.asarray(v) for v in params]
    expected_mean, expected_variance = mean(*values), variance(*values)
    assert _within(observed_mean, expected_mean, np.sqrt(expected_variance / COUNT))
    # the variance of a sample variance is below 2 sigma^4 + the fourth cumulant: generous for these
    assert _within(observed_variance, expected_variance, expected_variance * np.sqrt(10 / COUNT))


def test_host_categorical_and_multivariate_normal():
    """A categorical's host draws (indices) unpack to one-hot columns with each trial's frequencies, a
    category of probability 0 never drawn; a multivariate normal's have each trial's mean and covariance."""
    probs = np.asarray([[[0.1], [0.0], [0.6], [0.3]], [[0.25], [0.25], [0.5], [0.0]]])
    means, _ = _moments(categorical(sp.MatrixSymbol("p", 4, 1)), [probs], (4, 1))
    expected = probs[:, :, 0]
    assert _within(means[:, :, 0], expected, np.sqrt(expected * (1 - expected) / COUNT))
    assert means[0, 1, 0] == 0 and means[1, 3, 0] == 0

    mvn = multivariate_normal(sp.MatrixSymbol("m", 2, 1), sp.MatrixSymbol("S", 2, 2))
    mean = np.asarray([[[1.0], [-2.0]], [[0.0], [3.0]]])
    cov = np.asarray([[[2.0, 0.5], [0.5, 1.0]], [[1.0, -0.8], [-0.8, 1.0]]])
    rng = np.random.default_rng(1)
    full = (2, COUNT, 2, 1)
    host = mvn.sample_numpy(rng, full, *(host_samples._broadcastable(v, 4) for v in (mean, cov)))
    rows = np.asarray(jax.vmap(lambda h, m, s: mvn.unpacked(h, (2, 1), m, s))(host, mean, cov))
    for trial in range(2):
        assert _within(rows[trial].mean(axis=0), mean[trial], np.sqrt(np.diag(cov[trial]) / COUNT)[:, None])
        assert np.allclose(np.cov(rows[trial, :, :, 0].T), cov[trial], atol=0.03)


def test_host_resample_indices_are_uniform_bytes():
    """bootstrap-ci's resample indices: uniform over 0..n-1, as bytes, for each trial's n."""
    from catalog._lib.bootstrap import resample_indices

    indices = resample_indices(A)
    for sizes in ([30.0, 30.0], [30.0, 7.0]):
        host = indices.sample_numpy(np.random.default_rng(2), (2, COUNT), np.asarray(sizes)[:, None])
        assert host.dtype == np.uint8
        for trial, size in enumerate(sizes):
            counts = np.bincount(host[trial], minlength=int(size))
            assert len(counts) == size
            expected = COUNT / size
            assert _within(counts, expected, np.sqrt(expected))


MU, SIGMA, X = scalar("mu", POSITIVE), scalar("sigma", POSITIVE), scalar("x")


def _entry(check) -> Derivation:
    return Derivation(
        id="host-samples-test",
        title="host samples test entry",
        topic="probability",
        statement="E x = mu for x ~ N(mu, sigma^2)",
        givens=(Given(MU, "mean", POSITIVE), Given(SIGMA, "standard deviation", POSITIVE)),
        start=MU,
        steps=(Step(MU, "nothing to do"),),
        checks=(check,),
        references=(Reference("none"),),
    )


MEAN_CHECK = MonteCarlo(integrand=X, claim=MU, draws=((X, normal(MU, SIGMA)),), samples=400_000)


def test_same_seed_same_draws_and_report():
    entry = _entry(MEAN_CHECK)
    first, again, other = (trial_inputs(entry, MEAN_CHECK, 4, seed)[1][0] for seed in (3, 3, 4))
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    reports = [run_check(entry, MEAN_CHECK, trials=4, seed=seed) for seed in (3, 3, 4)]
    assert reports[0].status == derive.PASS
    assert reports[0].details == reports[1].details and reports[0].max_error == reports[1].max_error
    assert reports[0].details["estimate"] != reports[2].details["estimate"]


@dataclasses.dataclass
class _Device:
    platform: str


def test_the_samples_are_drawn_on_the_host_only_on_the_cpu_with_numpy_samplers():
    entry = _entry(MEAN_CHECK)
    assert host_samples.drawn_on_host(MEAN_CHECK, _Device("cpu"))
    assert not host_samples.drawn_on_host(MEAN_CHECK, _Device("gpu"))
    jax_only = dataclasses.replace(normal(MU, SIGMA), numpy_sampler=None)
    assert not host_samples.drawn_on_host(dataclasses.replace(MEAN_CHECK, draws=((X, jax_only),)), _Device("cpu"))

    # off the CPU the batch takes a seed and draws with JAX's samplers (run here on the CPU)
    drawn, seed = trial_inputs(entry, MEAN_CHECK, 2, 0, _Device("gpu"))
    assert np.ndim(seed) == 0
    errors, valid, details = jax.jit(batch_function(entry, MEAN_CHECK, 2, _Device("gpu")))(drawn, seed)
    assert bool(jnp.all(valid)) and float(jnp.max(errors)) <= 1.0
    assert np.allclose(details["estimate"], drawn["mu"], rtol=0.02)


def test_a_distribution_numpy_refuses_fails_the_check():
    """NumPy refuses a beta with a negative parameter; JAX's sampler gives NaN there: either way the
    check FAILs, it is not left undecided."""
    check = MonteCarlo(integrand=X, claim=MU, draws=((X, beta(-MU, SIGMA)),), samples=1_000)
    verdict = run_check(_entry(check), check, trials=2, device=device_for("cpu"))
    assert verdict.status == derive.FAIL and "invalid parameters" in verdict.reason


def test_normal_draws_reach_jax_without_a_copy():
    """A normal's host draws are 64-byte aligned, so JAX on the CPU takes them without copying them
    (a copy of a check's draws cost as much as drawing them)."""
    host = normal(A, B).sample_numpy(np.random.default_rng(0), (2, 1000, 3), 0.0, 1.0)
    assert host.ctypes.data % 64 == 0 and host.shape == (2, 1000, 3)
    assert jax.device_put(host, jax.devices("cpu")[0]).unsafe_buffer_pointer() == host.ctypes.data

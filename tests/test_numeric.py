"""The numeric checker: one batch of trials, honest failures, devices."""

import dataclasses

import pytest
import sympy as sp

from derive import (
    FAIL,
    PASS,
    UNKNOWN,
    Derivation,
    Given,
    Grad,
    IdentityCheck,
    Inequality,
    MonteCarlo,
    Stationary,
    Step,
    dims,
    grad,
    inv,
    matrix,
    norm_sq,
    normal,
    relu,
    scalar,
    scalar_of,
    vector,
)
from derive.checking import numeric
from derive.checking.numeric import DeviceUnavailable, device_for, run_checks

from .mutation_tools import run_check

n, d = dims("n d")
X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
LOSS = sp.MatMul(sp.Rational(1, 2), norm_sq(X * w - y))
ENTRY = Derivation(
    id="t", title="t", topic="t", statement="s", givens=(Given(X), Given(w), Given(y)), start=grad(LOSS, w),
    steps=(Step(X.T * (X * w - y), "chain rule"),),
)  # fmt: skip


def test_grad_passes_and_reports_its_run():
    verdict = run_check(ENTRY, Grad(objective=LOSS, wrt=w, claim=X.T * (X * w - y)), trials=32, seed=5)
    assert verdict.status == PASS and verdict.max_error < 1e-12
    assert (verdict.trials, verdict.seed, verdict.device) == (32, 5, "cpu:0")


def test_grad_fails_on_a_dropped_factor():
    verdict = run_check(ENTRY, Grad(objective=LOSS, wrt=w, claim=2 * X.T * (X * w - y)), trials=8)
    assert verdict.status == FAIL and verdict.max_error > 0.1 and "exceeds tolerance" in verdict.reason


def test_a_check_jax_cannot_evaluate_is_unknown_not_fail_and_the_others_still_run():
    class Untranslatable(sp.Function):
        nargs = 1

    claim = X.T * (X * w - y) + Untranslatable(sp.Symbol("t")) * w
    bad, good = Grad(objective=LOSS, wrt=w, claim=claim), Grad(objective=LOSS, wrt=w, claim=X.T * (X * w - y))
    report_bad, report_good = run_checks(ENTRY, (bad, good), trials=4)
    assert report_bad.status == UNKNOWN and not report_bad.ok and "could not evaluate" in report_bad.reason
    assert report_good.status == PASS


def test_same_seed_same_result_other_seed_other_inputs():
    spec = IdentityCheck(lhs=scalar_of(w.T * w), rhs=scalar_of(w.T * w) + sp.Rational(1, 10**6), tolerance=0)
    first, again, other = (run_check(ENTRY, spec, trials=8, seed=s) for s in (1, 1, 2))
    assert first.max_error == again.max_error != other.max_error


def test_stationary_with_second_order():
    closed_form = inv(X.T * X) * X.T * y
    good = Stationary(objective=LOSS, at=((w, closed_form),), wrt=(w,), second_order="min")
    assert run_check(ENTRY, good).status == PASS
    maximum = dataclasses.replace(good, second_order="max")
    assert run_check(ENTRY, maximum).status == FAIL  # a minimum is not a maximum
    assert run_check(ENTRY, dataclasses.replace(good, at=((w, 2 * closed_form),))).status == FAIL


def test_inequality():
    holds = Inequality(lesser=-scalar_of(w.T * w), greater=scalar_of(w.T * w))
    assert run_check(ENTRY, holds).status == PASS
    assert run_check(ENTRY, Inequality(lesser=scalar_of(w.T * w), greater=-scalar_of(w.T * w))).status == FAIL


def test_avoid_excludes_and_counts_trials_near_a_kink():
    spec = Grad(
        objective=scalar_of(vector("o", n).T * relu(X * w)), wrt=w, claim=X.T * X * w, avoid=(X * w,), margin=10.0
    )
    entry = dataclasses.replace(ENTRY, givens=(*ENTRY.givens, Given(vector("o", n))))
    verdict = run_check(entry, spec, trials=16)
    assert verdict.status == FAIL and "stayed away" in verdict.reason and verdict.details["excluded_trials"] > 8


def test_absent_backend_is_a_clear_error():
    with pytest.raises(DeviceUnavailable, match="no tpu backend"):
        device_for("tpu")
    assert device_for("cpu").platform == "cpu"


def test_a_deterministic_batch_compiles_cheaply_and_an_xla_without_an_option_is_not_asked_for_it(monkeypatch):
    cpu = device_for("cpu")
    deterministic = (Grad(objective=LOSS, wrt=w, claim=X.T * (X * w - y)),)
    assert numeric.compile_options(cpu, deterministic).items() >= numeric.CHEAP_COMPILE.items()
    monkeypatch.setattr(numeric, "OLD_FUSION", {"xla_no_such_option_at_all": True})
    numeric._cheapest_compile.cache_clear()
    try:
        assert numeric.compile_options(cpu, deterministic) == numeric.CHEAP_COMPILE
        assert run_check(ENTRY, deterministic[0], trials=16).status == "PASS"
    finally:
        numeric._cheapest_compile.cache_clear()


def test_a_monte_carlo_batch_keeps_the_optimisation_level_and_old_fusion_only_with_host_draws():
    """Monte Carlo batches run long enough for XLA's optimisation to pay; the older fusion code compiles
    a batch of host-drawn samples faster, one running JAX's samplers slower. Off the CPU: XLA's defaults."""
    cpu = device_for("cpu")
    x = scalar("x")
    host = MonteCarlo(integrand=x, claim=sp.Integer(0), draws=((x, normal(sp.Integer(0), sp.Integer(1))),))
    jax_drawn = dataclasses.replace(host, draws=((x, dataclasses.replace(normal(0, 1), numpy_sampler=None)),))
    options = numeric.compile_options(cpu, (host,)) or {}
    assert "xla_backend_optimization_level" not in options
    assert options.items() <= numeric.OLD_FUSION.items()
    assert numeric.compile_options(cpu, (host, jax_drawn)) is None
    assert numeric.compile_options(_Platform("gpu"), (host,)) is None


@dataclasses.dataclass
class _Platform:
    platform: str

"""Integrals and series to infinity in the per-step numeric check (derive.checking.integrals):
values where they can be trusted, NaN (a step left out, never judged) where they cannot, and a
wrong step about an integral or a series refused."""

import dataclasses
import math

import jax
import jax.numpy as jnp
import pytest
import sympy as sp

import derive
from derive import FAIL, PASS
from derive.checking import integrals
from derive.checking.jax_eval import NotTranslatable, evaluate
from derive.checking.numeric import run_steps
from derive.checking.verdicts import NOT_EVALUATED

x, k = sp.Symbol("x"), sp.Symbol("k", integer=True, nonnegative=True)
s = sp.Symbol("s", positive=True)
oo = sp.oo


@pytest.fixture
def allowed():
    """The per-step check's environment: approximations allowed, float64, s = 0.7."""
    jax.config.update("jax_enable_x64", True)
    return {integrals.ALLOWED: True, s: jnp.asarray(0.7)}


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        (sp.Integral(sp.exp(-(x**2) / (2 * s**2)), (x, -oo, oo)), 0.7 * math.sqrt(2 * math.pi)),
        (sp.Integral(x**4 * sp.exp(-((x - 1) ** 2) / (2 * s**2)), (x, -oo, oo)), None),
        (sp.Integral(sp.exp(-x / s), (x, 0, oo)), 0.7),
        (sp.Integral(sp.exp(x), (x, -oo, 0)), 1.0),
        (sp.Integral(sp.exp(-x), (x, oo, 0)), -1.0),  # limits the other way round
        (sp.Integral(sp.exp(x), (x, 0, -oo)), -1.0),
        (sp.Integral(x**2, (x, 1, 0)), -1 / 3),
        (sp.Integral(x**2, (x, oo, oo)), 0.0),
        (sp.Integral(1 / (1 + x**2), (x, -oo, oo)), math.pi),  # an algebraic tail
        (sp.Integral(x**12 * (1 - x) ** 38, (x, 0, 1)), float(sp.beta(13, 39))),
        (sp.Integral(sp.sqrt(x), (x, 0, 1)), 2 / 3),  # a singular derivative at an end
        (sp.Integral(sp.Integral(x * k, (x, 0, k)), (k, 0, 1)), 1 / 8),  # an inner bound from the outer variable
        (sp.Sum(s**k / sp.factorial(k), (k, 0, oo)), math.exp(0.7)),
        (sp.Sum(k * (k - 1) * s**k * sp.exp(-s) / sp.factorial(k), (k, 0, oo)), 0.49),
    ],
)
def test_a_convergent_integral_or_series_has_its_value(expr, value, allowed):
    if value is None:  # E[X^4] of N(1, s^2) times sqrt(2 pi) s
        value = (1 + 6 * 0.49 + 3 * 0.49**2) * 0.7 * math.sqrt(2 * math.pi)
    assert float(evaluate(expr, allowed)) == pytest.approx(value, rel=1e-12, abs=1e-14)


@pytest.mark.parametrize(
    "expr",
    [
        sp.Integral(1 / sp.sqrt(x), (x, 0, 1)),  # integrable, but too singular at 0 for the rule's ends
        sp.Integral(x ** sp.Rational(-101, 100), (x, 1, oo)),  # convergent (to 100), a tail too heavy for x up to 2e18
        sp.Integral(1 / x, (x, 1, oo)),  # divergent
        sp.Integral(sp.exp(-1000 * (x - sp.Rational(1, 3)) ** 2) * sp.sin(200 * x) ** 2, (x, 0, 1)),  # unresolved
        sp.Sum(1 / (k + 1), (k, 0, oo)),  # divergent
        sp.Sum(1 / (k + 1) ** 2, (k, 0, oo)),  # convergent, but not within TERMS terms
    ],
)
def test_an_integral_or_series_it_cannot_trust_is_nan_not_a_number(expr, allowed):
    assert math.isnan(float(evaluate(expr, allowed)))


def test_only_the_per_step_check_approximates_integrals():
    """``derive verify`` evaluates without the key: an integral there stays untranslatable, since a
    quadrature error could turn into a false "invalid"."""
    with pytest.raises(NotTranslatable, match="Integral"):
        evaluate(sp.Integral(sp.exp(-(x**2)), (x, -oo, oo)), {})
    with pytest.raises(NotTranslatable, match="not finite"):
        evaluate(sp.Sum(1 / sp.factorial(k), (k, 0, oo)), {"__sizes__": {}})


def _with_step(entry_id: str, index: int, expr):
    entry = derive.get(entry_id)
    steps = list(entry.steps)
    steps[index - 1] = dataclasses.replace(steps[index - 1], expr=expr)
    return dataclasses.replace(entry, steps=tuple(steps))


def test_the_catalogs_integrals_and_series_are_evaluated_and_pass():
    for entry_id in ("gaussian-integral", "poisson-moments"):
        assert [v.status for v in run_steps(derive.get(entry_id), trials=8)][:4] == [PASS] * 4


sigma, r, theta = sp.Symbol("sigma", positive=True), sp.Symbol("r", positive=True), sp.Symbol("theta")
lam, j = sp.Symbol("lambda", positive=True), sp.Symbol("j", integer=True, nonnegative=True)


@pytest.mark.parametrize(
    ("entry_id", "index", "wrong"),
    [
        # polar coordinates without the Jacobian r: dx dy = dr dtheta
        ("gaussian-integral", 2, sp.sqrt(sp.Integral(sp.exp(-(r**2) / (2 * sigma**2)), (r, 0, oo), (theta, 0, 2 * sp.pi)))),
        # the theta integral taken as pi
        ("gaussian-integral", 3, sp.sqrt(sp.pi * sp.Integral(r * sp.exp(-(r**2) / (2 * sigma**2)), (r, 0, oo)))),
        # the index shifted by one too many: lambda^2 in front of the series
        ("poisson-moments", 1, lam**2 * sp.exp(-lam) * sp.Sum(lam**j / sp.factorial(j), (j, 0, oo))),
        # the series read as e^{-lambda}
        ("poisson-moments", 1, lam * sp.exp(-lam) * sp.Sum((-lam) ** j / sp.factorial(j), (j, 0, oo))),
    ],
)
def test_a_wrong_step_about_an_integral_or_a_series_fails_numerically(entry_id, index, wrong):
    entry = _with_step(entry_id, index, wrong)
    assert entry.steps[index - 1].expr.free_symbols <= {*(g.symbol for g in entry.givens), r, theta, j}
    verdict = run_steps(entry, trials=8)[index - 1]
    assert verdict.status == FAIL and verdict.reason.startswith("the sides differ"), verdict


def test_an_untrusted_integral_leaves_its_step_out_and_says_why():
    """bayesian-ab-test's nested integral loses digits near x = 1 (1 - t for t within 1e-8 of 1), so
    its inner value is not trusted there and the step is not evaluated, with the reason."""
    verdict = run_steps(derive.get("bayesian-ab-test"), trials=8)[3]
    assert verdict.status == NOT_EVALUATED
    assert "could not be trusted" in verdict.reason

"""normal_expectation: Gauss-Hermite quadrature reproduces the normal moments exactly."""

import math

import pytest
import sympy as sp

from catalog._lib.quadrature import normal_expectation
from derive.checking.jax_eval import evaluate


@pytest.fixture(autouse=True)
def _x64():
    import jax

    jax.config.update("jax_enable_x64", True)


@pytest.mark.parametrize(("mean", "std"), [(0.0, 1.0), (0.7, 1.3), (-2.0, 0.4)])
def test_moments(mean, std):
    t, m, s = sp.symbols("t m s")
    env = {m: mean, s: std}

    def expect(f):
        return float(evaluate(normal_expectation(f, t, m, s), env))

    assert expect(sp.Integer(1) + 0 * t) == pytest.approx(1.0, rel=1e-13)
    assert expect(t) == pytest.approx(mean, abs=1e-13)
    assert expect((t - m) ** 2) == pytest.approx(std**2, rel=1e-12)
    assert expect((t - m) ** 4) == pytest.approx(3 * std**4, rel=1e-12)
    assert expect(sp.exp(t)) == pytest.approx(math.exp(mean + std**2 / 2), rel=1e-12)


def test_prints():
    t = sp.Symbol("t")
    assert r"\mathbb{E}" in sp.latex(normal_expectation(t**2, t))
    assert "N(0, 1" in str(normal_expectation(t**2, t))

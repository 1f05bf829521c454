"""Engine pieces added for the calculus entries: quadrature, eigvals, diag of a Hadamard product,
and the symbolic checker's rewrite of hyperbolic functions as exponentials."""

import math

import jax.numpy as jnp
import pytest
import sympy as sp

from derive import Given, diag, dims, hadamard, ones, quadrature, sigmoid, vector
from derive.checking.instances import Instance, explicit
from derive.checking.jax_eval import evaluate
from derive.checking.symbolic import is_zero
from derive.core.numeric_references import eigvals

x = sp.Symbol("x", real=True)
s = sp.Symbol("s", positive=True)


@pytest.fixture(autouse=True)
def _x64():
    """Numeric checks compute in float64 (derive.checking.numeric.device_for switches it on)."""
    from derive.checking.numeric import device_for

    device_for("cpu")


@pytest.mark.parametrize("width", [0.3, 1.0, 4.0])
def test_quadrature_of_a_gaussian_over_the_line(width):
    value = evaluate(quadrature(sp.exp(-(x**2) / (2 * s**2)), x, -sp.oo, sp.oo), {s: jnp.asarray(width)})
    assert float(value) == pytest.approx(width * math.sqrt(2 * math.pi), rel=1e-12)


def test_quadrature_on_half_lines_and_finite_intervals():
    assert float(evaluate(quadrature(sp.exp(-x), x, 0, sp.oo), {})) == pytest.approx(1.0, rel=1e-12)
    assert float(evaluate(quadrature(sp.exp(x), x, -sp.oo, 0), {})) == pytest.approx(1.0, rel=1e-12)
    assert float(evaluate(quadrature(x**2, x, 0, s), {s: jnp.asarray(3.0)})) == pytest.approx(9.0, rel=1e-12)


def test_eigvals_are_increasing_and_symmetrised():
    a = sp.MatrixSymbol("A", 2, 2)
    values = evaluate(eigvals(a), {a: jnp.asarray([[2.0, 1.0], [1.0, 2.0]])})
    assert values.shape == (2, 1)
    assert jnp.allclose(values[:, 0], jnp.asarray([1.0, 3.0]))


def test_diag_of_an_explicit_hadamard_product_is_explicit():
    (k,) = dims("k")
    u = vector("u", k)
    p = sigmoid(u)
    instance = Instance.build((Given(u),), {k: 3})
    value = explicit(diag(hadamard(p, ones(k) - p)), instance)
    assert isinstance(value, sp.ImmutableMatrix) and value.shape == (3, 3)
    assert value[0, 1] == 0 and value[0, 0] != 0


def test_is_zero_rewrites_tanh_as_exponentials():
    z = sp.Symbol("z", real=True)
    quotient = (sp.exp(z) - sp.exp(-z)) / (sp.exp(z) + sp.exp(-z))
    assert is_zero(sp.diff(sp.tanh(z), z) - sp.diff(quotient, z))
    assert not is_zero(sp.tanh(z) - quotient + 1)


@pytest.mark.parametrize(("a", "b"), [(13, 39), (5, 60), (2, 3), (0.5, 0.5), (100, 200)])
def test_the_beta_function_is_accurate_to_far_below_a_checks_tolerance(a, b):
    """JAX's own betaln errs by 1.2e-8 at (13, 39), a check's tolerance: bayesian-ab-test's closed
    form differed from its integral by 1.4e-9 (step 5, evaluated by quadrature)."""
    import mpmath

    exact = float(mpmath.beta(a, b))
    assert float(
        evaluate(sp.beta(sp.Symbol("a"), sp.Symbol("b")), {sp.Symbol("a"): a * 1.0, sp.Symbol("b"): b * 1.0})
    ) == pytest.approx(exact, rel=1e-12)

"""SymPy expressions evaluated with JAX: each node class against a NumPy computation."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp

from derive import (
    dims,
    expectation,
    grad,
    hadamard,
    hessian,
    inv,
    jacobian,
    log,
    matrix,
    ones,
    sigmoid,
    softmax,
    trace,
    vector,
)
from derive.checking import jax_eval
from derive.checking.jax_eval import NotTranslatable, evaluate

jax.config.update("jax_enable_x64", True)
n, d = dims("n d")
X, w, y, A = matrix("X", n, d), vector("w", d), vector("y", n), matrix("A", d, d)
rng = np.random.default_rng(0)
VALUES = {
    X: rng.normal(size=(5, 3)),
    w: rng.normal(size=(3, 1)),
    y: rng.normal(size=(5, 1)),
    A: rng.normal(size=(3, 3)),
}
ENV = {**{k: jnp.asarray(v) for k, v in VALUES.items()}, "__sizes__": {n: 5, d: 3}}
Xv, wv, yv, Av = (VALUES[s] for s in (X, w, y, A))


def sig(z):
    return 1 / (1 + np.exp(-z))


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (X.T * (X * w - y), Xv.T @ (Xv @ wv - yv)),
        (inv(A) * w, np.linalg.solve(Av, wv)),
        (trace(A * A.T), np.trace(Av @ Av.T)),
        (hadamard(w, w), wv * wv),
        (sigmoid(X * w), sig(Xv @ wv)),
        (log(ones(n) + sigmoid(X * w)), np.log(1 + sig(Xv @ wv))),
        (softmax(w), np.exp(wv) / np.exp(wv).sum()),
        (sp.Determinant(A), np.linalg.det(Av)),
    ],
    ids=str,
)
def test_values(expr, expected):
    np.testing.assert_allclose(evaluate(expr, ENV), expected, rtol=1e-12)


def test_derivatives_come_from_jax_autodiff():
    # grad_w 1/2||Xw - y||^2 = X^T(Xw - y); Hessian X^T X; Jacobian of Xw is X
    loss = sp.MatMul(sp.Rational(1, 2), (X * w - y).T * (X * w - y))
    np.testing.assert_allclose(evaluate(grad(loss, w), ENV), Xv.T @ (Xv @ wv - yv), rtol=1e-12)
    np.testing.assert_allclose(evaluate(hessian(loss, w), ENV), Xv.T @ Xv, rtol=1e-12)
    np.testing.assert_allclose(evaluate(jacobian(X * w, w), ENV), Xv, rtol=1e-12)


def test_untranslatable_node_names_itself():
    with pytest.raises(NotTranslatable, match="zeta"):
        evaluate(sp.zeta(sp.Symbol("q")), {sp.Symbol("q"): jnp.asarray(2.0)})


def test_undeclared_symbol_is_named():
    with pytest.raises(NotTranslatable, match="declare it"):
        evaluate(vector("v", d).T * w, ENV)


def test_a_derivative_at_a_point_is_jax_grad_there():
    """sp.Subs (a moment generating function's derivatives at t = 0): E[X] = n p, E[X^2] = n p + n(n-1) p^2."""
    p, t, m = sp.symbols("p t m")
    mgf = (p * sp.exp(t) - p + 1) ** m
    env = {p: jnp.asarray(0.3), m: jnp.asarray(4.0)}
    assert float(evaluate(sp.Subs(sp.Derivative(mgf, t), t, 0), env)) == pytest.approx(1.2, rel=1e-12)
    assert float(evaluate(sp.Subs(sp.Derivative(mgf, (t, 2)), t, 0), env)) == pytest.approx(2.28, rel=1e-12)


def test_a_sum_is_traced_once_unless_its_term_needs_the_index_as_a_number(monkeypatch):
    """A sum's term is traced once for all its index values (jax.vmap): XLA compiles one term, not
    a hundred; a term that needs the index as a Python number while tracing is unrolled instead."""
    i, x = sp.Symbol("i", integer=True), sp.Symbol("x")
    env = ENV | {x: jnp.asarray(2.0)}
    total = sp.Sum(sp.binomial(n, i) * x**i / (i + 1), (i, 0, n))  # n = 5 in ENV
    expected = sum(float(sp.binomial(5, k)) * 2.0**k / (k + 1) for k in range(6))
    assert float(jax.jit(lambda v: evaluate(total, env | {x: v}))(2.0)) == pytest.approx(expected, rel=1e-12)
    assert float(jax.grad(lambda v: evaluate(sp.Sum(x**i, (i, 1, 3)), env | {x: v}))(2.0)) == 1 + 4 + 12
    assert float(evaluate(sp.Sum(x, (i, 1, 0)), env)) == 0.0  # empty
    traced = []
    monkeypatch.setitem(
        jax_eval._HANDLERS,
        "floor",
        lambda e, env: traced.append(1) or jnp.asarray(float(int(evaluate(e.args[0], env)))),
    )
    assert float(evaluate(sp.Sum(sp.floor(i / 2) * x, (i, 1, n)), env)) == (0 + 1 + 1 + 2 + 2) * 2.0
    assert len(traced) == 1 + 5  # the batched try, then one term per index value


def test_a_sum_to_an_unsized_bound_or_an_absent_form_says_why():
    i, k = sp.symbols("i k", integer=True)
    x = sp.Symbol("x")
    with pytest.raises(NotTranslatable, match="the bound oo is not finite"):
        evaluate(sp.Sum(x**i / sp.factorial(i), (i, 0, sp.oo)), {x: jnp.asarray(1.0), "__sizes__": {}})
    with pytest.raises(NotTranslatable, match="the bound k is not finite or not made of dimensions"):
        evaluate(sp.Sum(x**i, (i, 1, k)), {x: jnp.asarray(1.0), k: jnp.asarray(3.0), "__sizes__": {}})
    assert float(evaluate(sp.Sum(x**i, (i, 1, n)), ENV | {x: jnp.asarray(2.0)})) == 2 + 4 + 8 + 16 + 32
    with pytest.raises(NotTranslatable, match=r"no JAX value for Expectation \(numeric checks estimate"):
        evaluate(expectation(x**2), {x: jnp.asarray(1.0)})

"""Operations for optimisation entries (derive/core/optimization.py): entry, argmin, minibatch_mean, vstack."""

import itertools

import jax
import jax.numpy as jnp
import pytest
import sympy as sp

import derive.checking.numeric  # noqa: F401  (float64)
from derive import argmin, dims, entry, minibatch_mean, scalar, softmax, vector, vstack
from derive.checking.instances import Instance, explicit
from derive.checking.jax_eval import evaluate
from derive.core.symbols import BINARY, Given

(T,) = dims("T")
g = vector("g", T)
s = sp.Symbol("s", integer=True, positive=True)


def test_entry_counts_from_one_and_becomes_a_matrix_entry_on_an_instance():
    instance = Instance.build((Given(g),), {T: 3})
    total = explicit(sp.Sum(s * entry(g, s), (s, 1, T)), instance)
    g1, g2, g3 = instance.entries[vector("g", 3)]
    assert sp.expand(total - (g1 + 2 * g2 + 3 * g3)) == 0


def test_entry_is_a_traceable_index_in_jax():
    values = jnp.asarray([[1.0], [4.0], [9.0]])
    k = scalar("k")
    picked = jax.jit(lambda i: evaluate(entry(g, k), {g: values, k: i}))(2.0)
    assert float(picked) == 4.0
    with pytest.raises(IndexError):
        entry(sp.ImmutableMatrix([[1], [2]]), 3)


def test_argmin_finds_smooth_and_kinked_minimisers():
    x, a = scalar("x"), scalar("a")
    smooth = argmin((x - a) ** 2 + sp.exp(x), x, -10, 10)
    value = float(evaluate(smooth, {a: jnp.asarray(1.0)}))
    assert abs(2 * (value - 1.0) + jnp.exp(value)) < 1e-12  # the derivative vanishes
    kinked = argmin(sp.Abs(x - a) + (x / 10) ** 2, x, -10, 10)
    assert abs(float(evaluate(kinked, {a: jnp.asarray(0.3)})) - 0.3) < 1e-12


def test_minibatch_mean_enumerates_every_batch_symbolically_and_numerically():
    n, b = dims("n b")
    m, y = vector("m", n), vector("y", n)
    expr = sp.MatMul(1 / b, m.T * y)  # the batch mean of y
    instance = Instance.build((Given(m, "", BINARY), Given(y)), {n: 4, b: 2})
    ys = instance.entries[vector("y", 4)]
    exact = explicit(minibatch_mean(expr, m, b), instance)
    assert sp.simplify(exact - sum(ys) / 4) == 0  # the mean of the batch means is the mean
    values = jnp.asarray([[1.0], [2.0], [5.0], [11.0]])
    sizes = {n: 4, b: 3}
    numeric = evaluate(minibatch_mean(expr, m, b), {m: jnp.zeros((4, 1)), y: values, "__sizes__": sizes})
    by_hand = sum(values[jnp.asarray(c)].sum() / 3 for c in itertools.combinations(range(4), 3)) / 4
    assert abs(float(jnp.reshape(numeric, ())) - float(by_hand)) < 1e-12


def test_vstack_stacks_shapes_entries_and_arrays():
    n, d = dims("n d")
    u, v = vector("u", n), vector("v", d)
    stacked = vstack(u, -v)
    assert stacked.shape == (n + d, 1)
    instance = Instance.build((Given(u), Given(v)), {n: 2, d: 3})
    assert explicit(stacked, instance).shape == (5, 1)
    value = evaluate(stacked, {u: jnp.ones((2, 1)), v: jnp.ones((3, 1))})
    assert value.tolist() == [[1.0], [1.0], [-1.0], [-1.0], [-1.0]]


def test_softmax_of_a_scalar_times_an_explicit_vector_evaluates():
    (k,) = dims("k")
    f, beta = vector("f", k), scalar("beta")
    instance = Instance.build((Given(f), Given(beta)), {k: 2})
    value = explicit(softmax(beta * f), instance)
    assert isinstance(value, sp.ImmutableMatrix)
    assert sp.simplify(sum(value) - 1) == 0


def test_a_minibatch_average_with_a_symbolic_batch_size_is_the_enumeration_at_every_size():
    """derive verify leaves the batch size b a letter: the average of a polynomial in the mask is
    then computed for every b (falling factorials), and must equal the enumeration at b = 1..n."""
    mask, x = sp.ImmutableMatrix(sp.symbols("m0:4")), sp.ImmutableMatrix(sp.symbols("x0:4"))
    b = sp.Symbol("b", real=True)
    body = (x.T * mask)[0, 0] ** 2 + mask[0] ** 3 * x[1]
    closed = minibatch_mean(body, mask, b).doit()[0]
    assert closed.has(b)
    for size in range(1, 5):
        assert sp.expand(closed.subs(b, size) - minibatch_mean(body, mask, size).doit()[0]) == 0
    assert isinstance(minibatch_mean(sp.exp(mask[0]), mask, b).doit(), type(minibatch_mean(body, mask, b)))

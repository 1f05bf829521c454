"""The Iterate check kind: an update map run with jax.lax.scan against a closed form in k."""

import pytest
import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    Derivation,
    Given,
    Iterate,
    Step,
    dims,
    entry,
    grad,
    matrix,
    scalar,
    scalar_of,
    vector,
)

from .mutation_tools import run_check

k, s = sp.Symbol("k", integer=True, nonnegative=True), sp.Symbol("s", integer=True, positive=True)
x, x0, eta = scalar("x"), scalar("x0"), scalar("eta", PROBABILITY)


def _entry_with(check, *givens):
    return Derivation(
        id="iterate-test", title="t", topic="optimization", statement="s", givens=givens,
        start=x, steps=(Step(x, "trivial"),), checks=(check,),
    )  # fmt: skip


def _gd(claim, **options):
    check = Iterate(
        state=((x, x0),), update=((x, x - eta * scalar_of(grad((x - 3) ** 2, x))),), counter=k, claim=claim, **options
    )
    return run_check(_entry_with(check, Given(x0, "start"), Given(eta, "step size", PROBABILITY)), check, trials=8)


def test_gradient_descent_iterates_match_the_closed_form():
    verdict = _gd(3 + (1 - 2 * eta) ** k * (x0 - 3), steps=15)
    assert verdict.ok, verdict.reason
    assert verdict.details["iterates_compared"] == [16.0, 16.0]


@pytest.mark.parametrize("wrong", [3 + (1 - eta) ** k * (x0 - 3), 3 + (1 - 2 * eta) ** (k + 1) * (x0 - 3), -x0])
def test_a_wrong_closed_form_fails(wrong):
    assert not _gd(wrong, steps=10).ok


def test_first_skips_early_iterates():
    # x_k / (1 - (1 - 2 eta)^k) is 0/0 at k = 0: compare from k = 1 on
    check = Iterate(
        state=((x, 0),), update=((x, (1 - eta) * x + eta * x0),), counter=k,
        observe=x / (1 - (1 - eta) ** k), claim=x0, first=1, steps=12,
    )  # fmt: skip
    verdict = run_check(_entry_with(check, Given(x0, "target"), Given(eta, "rate", PROBABILITY)), check, trials=8)
    assert verdict.ok, verdict.reason


def test_inputs_are_read_row_by_row_and_sums_up_to_k_are_closed_forms():
    (T,) = dims("T")
    g, v, gk, beta = vector("g", T), scalar("v"), scalar("g_k"), scalar("beta", PROBABILITY)
    claim = sp.Sum(beta ** (T - s) * entry(g, s), (s, 1, T))
    check = Iterate(
        state=((v, 0),), update=((v, beta * v + gk),), inputs=((gk, g),), counter=T, steps=T, claim=claim,
        sizes=((T, 7),),
    )  # fmt: skip
    derivation = _entry_with(check, Given(g, "gradients"), Given(beta, "decay", PROBABILITY))
    verdict = run_check(derivation, check, trials=8)
    assert verdict.ok, verdict.reason
    assert verdict.details["iterates_compared"] == [8.0, 8.0]
    wrong = Iterate(**{**check.__dict__, "claim": sp.Sum(beta ** (T - s + 1) * entry(g, s), (s, 1, T))})
    assert not run_check(derivation, wrong, trials=8).ok


def test_vector_state_with_a_gradient_and_several_state_variables():
    (d,) = dims("d")
    A, w, w0, u = matrix("A", d, d), vector("w", d), vector("w0", d), vector("u", d)
    lr = scalar("lr", POSITIVE)
    loss = sp.MatMul(sp.Rational(1, 2), w.T * A * w)
    check = Iterate(
        state=((w, w0), (u, w0)),
        update=((w, w - lr / 10 * grad(loss, w)), (u, u - lr / 10 * A * u)),
        observe=w - u, claim=sp.ZeroMatrix(d, 1), steps=6,
    )  # fmt: skip
    derivation = _entry_with(check, Given(A, "matrix"), Given(w0, "start"), Given(lr, "rate", POSITIVE))
    assert not run_check(derivation, check, trials=4).ok  # A is not symmetric: grad is (A + A^T) w / 2
    symmetric = Iterate(
        **{**check.__dict__, "update": ((w, w - lr / 10 * grad(loss, w)), (u, u - lr / 20 * (A + A.T) * u))}
    )
    assert run_check(derivation, symmetric, trials=4).ok

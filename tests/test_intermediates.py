"""Named intermediates (issue 15, point 3): rows keep the name, the printer defines it once
("where ..."), and both checkers write it out, so a wrong definition is refused like a wrong row."""

import dataclasses

import pytest
import sympy as sp

import derive
from derive import Derivation, Equation, Given, Grad, Intermediate, Stated, Step, grad, scalar, vector
from derive.checking.numeric import run_checks
from derive.checking.result_coverage import uncovered_parts, unstated_result_verdict
from derive.checking.symbolic import check_steps
from derive.core.intermediates import expanded
from derive.rendering.worked import introduced_at, solution_latex


def _square():
    """d/dx of u^2 with u = 3x, written with u."""
    x, u = scalar("x"), scalar("u")
    named = (Intermediate(u, 3 * x, "the scaled input"),)
    steps = (Step(6 * u, "chain rule"),)
    check = Grad(label="vs jax.grad", objective=u**2, wrt=x, claim=6 * u, trials=16)
    return Derivation(
        "square", "t", "calculus", "s", (Given(x),), grad(u**2, x), steps, checks=(check,), intermediates=named
    )


def test_expanded_writes_every_definition_out_in_rows_and_checks():
    entry = expanded(_square())
    x = scalar("x")
    assert entry.intermediates == ()
    assert entry.steps[0].expr == 18 * x and entry.checks[0].claim == 18 * x and entry.start == grad(9 * x**2, x)


def test_a_later_intermediate_may_use_an_earlier_one_but_not_the_reverse():
    x, u, v = scalar("x"), scalar("u"), scalar("v")
    base = _square()
    chained = dataclasses.replace(base, intermediates=(Intermediate(u, 3 * x), Intermediate(v, u + 1)))
    assert chained.intermediates[1].value == u + 1
    with pytest.raises(ValueError, match="later one"):
        dataclasses.replace(base, intermediates=(Intermediate(v, u + 1), Intermediate(u, 3 * x)))


def test_the_printer_defines_an_intermediate_at_the_first_row_that_shows_it():
    entry = derive.get("backprop-mlp")
    where = {index: [str(named.symbol) for named in found] for index, found in introduced_at(entry).items()}
    assert where == {1: ["z_1", "a_1", "z_2", "L", "delta_2"], 3: ["delta_1"]}  # dependencies first
    tex = solution_latex(entry)
    assert tex.count(r"where $\boldsymbol{\delta}_{1} = ") == 1 and tex.count(r"$\delta_{2} = \sigma") == 1


def test_both_checkers_refuse_a_wrong_definition():
    """backprop-mlp with delta_1 missing the ReLU derivative: the rows are unchanged, but the step
    that introduces delta_1 and the numeric check of the gradient it states are both refused."""
    original = derive.get("backprop-mlp")
    delta1 = vector("delta_1", original.intermediates[0].symbol.shape[0])
    named = tuple(
        dataclasses.replace(i, value=scalar("delta_2") * vector("w2", delta1.shape[0])) if i.symbol == delta1 else i
        for i in original.intermediates
    )
    wrong = dataclasses.replace(original, intermediates=named)
    verdicts = check_steps(wrong, timeout=120)
    assert [v.status for v in verdicts][3:] == [derive.REFUTED, derive.REFUTED], verdicts
    numeric = run_checks(wrong, wrong.checks[2:], trials=16)
    assert all(v.status == derive.FAIL for v in numeric), numeric


def test_every_part_of_a_result_must_be_stated_or_proved():
    entry = _square()
    x = scalar("x")
    assert unstated_result_verdict(entry) is None
    proved = dataclasses.replace(entry, results=(Equation(entry.start, 6 * scalar("u")),))
    assert uncovered_parts(proved) == []  # the chain from its left side reaches it by equalities
    unproved = dataclasses.replace(entry, results=(Equation(entry.start, 6 * scalar("u")), Equation(x, sp.Integer(1))))
    assert uncovered_parts(unproved) == [Equation(x, sp.Integer(1))]
    verdict = unstated_result_verdict(unproved)
    assert verdict is not None and verdict.status == derive.FAIL and "x = 1" in verdict.reason


def test_a_stated_part_is_proved_by_a_chain_through_stated_steps_of_its_relation():
    """two-proportion-z-test boxes P(|z| > z_{alpha/2}) ~ alpha: the chain reaches alpha through its
    "approx" step (bound to the Monte Carlo rate check); printed with \\approx, never '='."""
    entry = derive.get("two-proportion-z-test")
    stated = entry.results[-1]
    assert uncovered_parts(entry) == []
    assert r"\approx \alpha" in derive.render(entry, "latex")
    approx_step = next(step for step in entry.steps if step.states == "approx")
    bound = Stated(stated.lhs, "<=", approx_step.expr)  # another relation than the chain's stated step
    assert uncovered_parts(dataclasses.replace(entry, results=(bound,))) == [bound]


def test_a_sign_constraint_is_covered_only_by_a_positive_given():
    """svm-kkt boxes alpha >= 0: the multipliers' domain declares it; w >= 0 is declared by nothing."""
    entry = derive.get("svm-kkt")
    alpha, w = (next(g.symbol for g in entry.givens if g.name == name) for name in ("alpha", "w"))
    assert Stated(alpha, ">=", sp.ZeroMatrix(*alpha.shape)) in entry.results and uncovered_parts(entry) == []
    unsigned = Stated(w, ">=", sp.ZeroMatrix(*w.shape))
    assert uncovered_parts(dataclasses.replace(entry, results=(unsigned,))) == [unsigned]

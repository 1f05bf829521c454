"""Issue 14, classes 2 and 3: a STATED step must be bound to a check whose claim is the step's
claim and which passes; a step may assume only sourced equations (a given's definition, an
earlier step, a cited entry's equation). Wrong entries a careful author could write, refused."""

import dataclasses

import pytest
import sympy as sp

import derive
from derive import Equation, Step, dims, matrix, ones, scalar, vector
from derive.checking.assumptions import cited_problems
from derive.checking.settle import settled
from derive.checking.symbolic import check_steps


def _symbolic(entry):
    """Step verdicts as the runner settles them when the numeric checks are not run."""
    return settled(entry, check_steps(entry), None)


def _with_step(entry, index, **changes):
    steps = list(entry.steps)
    steps[index - 1] = dataclasses.replace(steps[index - 1], **changes)
    return dataclasses.replace(entry, steps=tuple(steps))


def test_a_curvature_of_the_wrong_sign_is_not_covered_by_the_concavity_check():
    entry = derive.get("mle-poisson")
    stated = entry.steps[1]
    wrong = _with_step(entry, 2, expr=sp.StrictGreaterThan(stated.expr.lhs, 0))
    verdict = _symbolic(wrong)[1]
    assert verdict.status == derive.UNKNOWN and "no bound check's claim" in verdict.reason
    assert _symbolic(entry)[1].status == derive.STATED  # the entry as written is covered


def test_a_wrong_convergence_condition_is_refused():
    """|1 - eta| < 1 for gd-quadratic, whose rate is 1 - 2 eta: its bound checks claim the real condition."""
    entry = derive.get("gd-quadratic")
    eta = next(g.symbol for g in entry.givens if g.name == "eta")
    wrong = _with_step(entry, 3, expr=sp.StrictLessThan(sp.Abs(1 - eta), 1))
    assert _symbolic(wrong)[2].status == derive.UNKNOWN


def test_a_wrong_condition_with_checks_rewritten_to_match_fails_where_it_must_not_hold():
    """The tired author also rewrites the bound checks: the converse check (eta in (1, 2)) then fails."""
    entry = derive.get("gd-quadratic")
    eta = next(g.symbol for g in entry.givens if g.name == "eta")
    wrong_rate = sp.Abs(1 - eta)
    wrong = _with_step(entry, 3, expr=sp.StrictLessThan(wrong_rate, 1))
    checks = list(wrong.checks)
    checks[5] = dataclasses.replace(checks[5], lesser=wrong_rate)
    checks[6] = dataclasses.replace(checks[6], greater=wrong_rate)
    report = derive.check(dataclasses.replace(wrong, checks=tuple(checks)), cache=False)
    assert not report.ok
    stated = report.steps[2]
    assert stated.status == derive.UNKNOWN and "did not pass" in stated.reason


def test_an_unbound_stated_step_fails_the_entry():
    entry = derive.get("mle-poisson")
    verdict = _symbolic(_with_step(entry, 2, checked_by=()))[1]
    assert verdict.status == derive.UNKNOWN and not verdict.ok
    assert "no numeric check is bound" in verdict.reason


def test_a_stated_step_that_states_nothing_is_not_covered():
    entry = derive.get("mle-poisson")
    verdict = _symbolic(_with_step(entry, 2, expr=sp.true))[1]
    assert verdict.status == derive.UNKNOWN and "states no relation" in verdict.reason


def test_checked_by_must_number_one_of_the_entry_checks():
    entry = derive.get("mle-poisson")
    with pytest.raises(ValueError, match="checked_by"):
        _with_step(entry, 2, checked_by=9)


def test_an_invented_assumption_is_not_proved():
    """The SVM dual PROVED only by assuming y_i = 1 (a false assumption no source supports)."""
    entry = derive.get("svm-kkt")
    y = next(g.symbol for g in entry.givens if g.name == "y")
    last = entry.steps[-1]
    wrong = _with_step(entry, len(entry.steps), using=(*last.using, Equation(y, ones(y.shape[0]))))
    verdict = _symbolic(wrong)[-1]
    assert verdict.status == derive.UNKNOWN and "assumes" in verdict.reason
    proved = _symbolic(entry)[-1]
    assert proved.status == derive.PROVED and "assuming" in proved.method and "(step 2)" in proved.method


def test_an_assumption_taken_from_a_step_that_does_not_hold_is_not_proved():
    """pca-lagrangian's variance step assumes Sigma v = lambda v from step 2; break step 2's factor."""
    entry = derive.get("pca-lagrangian")
    wrong = _with_step(entry, 2, factor=sp.Integer(3))
    verdicts = _symbolic(wrong)
    assert verdicts[1].status == derive.REFUTED
    variance = verdicts[-2]  # v^T Sigma v = lambda v^T v, the step that assumes it
    assert variance.status == derive.UNKNOWN and "step 2" in variance.reason


def test_a_given_definition_is_named_in_the_verdict():
    verdict = _symbolic(derive.get("pca-lagrangian"))[-1]  # = lambda, using v^T v = 1
    assert verdict.status == derive.PROVED and "the definition of v" in verdict.method


def test_a_cited_equation_must_be_in_the_cited_entry():
    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    normal = Equation(X.T * X * w, X.T * y, cited="normal-equations")
    invented = Equation(X.T * w, y, cited="normal-equations")
    unknown = Equation(X.T * X * w, X.T * y, cited="no-such-entry")
    entry = derive.get("normal-equations")

    def citing(equation):
        return _with_step(entry, 1, using=(equation,))

    assert cited_problems(citing(normal), derive.get) == []
    assert "do not show" in cited_problems(citing(invented), derive.get)[0]
    assert "not a catalog entry" in cited_problems(citing(unknown), derive.get)[0]


def test_a_cited_equation_is_named_as_its_entry():
    x = scalar("x")
    entry = derive.Derivation(
        id="cites",
        title="t",
        topic="calculus",
        statement="s",
        givens=(derive.Given(x),),
        start=x + 1,
        steps=(Step(sp.Integer(3), "x = 2", using=(Equation(x, sp.Integer(2), cited="elsewhere"),)),),
    )
    verdict = _symbolic(entry)[0]
    assert verdict.status == derive.PROVED and "(entry elsewhere)" in verdict.method


def test_every_stated_step_of_the_catalog_is_bound_and_says_its_relation():
    from derive.checking.stated import step_claim

    unbound = []
    for entry in derive.entries():
        previous = entry.start
        for index, step in enumerate(entry.steps, start=1):
            previous = step.start if step.start is not None else previous
            if step.relation == derive.STATES and (not step.checked_by or step_claim(previous, step) is None):
                unbound.append(f"{entry.id} step {index}")
            previous = step.expr
    assert unbound == []


def test_a_bound_check_that_tests_something_else_is_not_accepted_beside_one_that_fits():
    entry = derive.get("mle-poisson")  # check 1 is the score's gradient, not the curvature's sign
    verdict = _symbolic(_with_step(entry, 2, checked_by=(2, 1)))[1]
    assert verdict.status == derive.UNKNOWN and "bound check 1 claims neither" in verdict.reason

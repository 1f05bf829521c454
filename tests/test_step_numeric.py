"""Every step of an entry evaluated numerically at the numeric sizes (issue 14, class 5)."""

import dataclasses

import pytest
import sympy as sp

import derive
from derive import FAIL, PASS, PROVED, Derivation, Given, IdentityCheck, Step, det, dims, matrix, trace
from derive.cache.directory import use_compilation_cache
from derive.checking.numeric import run_entry, run_steps
from derive.checking.step_numeric import StepBatch
from derive.checking.verdicts import NOT_EVALUATED
from derive.rendering.check_report import report_text

(n,) = dims("n")
A = matrix("A", n, n)
# tr(A^2) = tr(A)^2 - 2 det(A) holds for 2x2 matrices only: at the symbolic instance n = 2 it is PROVED
ONLY_AT_TWO = Derivation(
    id="only-at-two", title="t", topic="t", statement="s", givens=(Given(A),), start=trace(A * A),
    steps=(
        Step(trace(A) ** 2 - 2 * det(A), "Cayley-Hamilton (for a 2x2 matrix)"),
        Step(trace(A.T * A.T), "back again, transposed"),
    ),
    checks=(IdentityCheck(lhs=trace(A * A), rhs=trace(A.T * A.T)),),
    sizes=((n, 2),),
)  # fmt: skip


def test_a_step_true_only_at_the_symbolic_instance_is_refused_numerically():
    """Both steps are PROVED at n = 2 and the check of the result passes; only the per-step numeric
    check, at n = 5, sees that the middle of the chain is false."""
    report = derive.check(ONLY_AT_TWO, reuse=False)
    assert [v.status for v in report.steps] == [PROVED, PROVED]
    assert [v.status for v in report.numeric] == [PASS]
    assert [v.status for v in report.step_numeric] == [FAIL, FAIL]
    assert not report.ok
    first = report.step_numeric[0]
    assert first.sizes == {"n": 5} and first.max_error > 0.1 and first.reason == "the sides differ"
    assert set(first.worst) == {"inputs", "lhs", "rhs"} and len(first.worst["inputs"]["A"]) == 5
    text = report_text(ONLY_AT_TWO, report)
    assert "numerically FAIL at n=5," in text and "worst trial" in text
    assert derive.CheckReport.from_dict(report.to_dict()).step_numeric == report.step_numeric


def test_an_expectation_step_true_only_at_the_symbolic_instance_is_refused_numerically():
    """E[x_1 + ... + x_n] = 2 mu holds at the symbolic instance n = 2 only: the expectation is written
    out at n = 5 (derive.checking.expectations), where the step fails; the right step passes there."""
    x, mu, sigma = derive.vector("x", n), derive.scalar("mu"), derive.scalar("sigma", derive.POSITIVE)
    law = derive.iid(mu, sigma**2)
    total = derive.expectation(derive.sum_entries(lambda t: t, x), law.of(x))
    entry = Derivation(
        id="t", title="t", topic="t", statement="s", givens=(Given(x, law=law), Given(mu), Given(sigma)),
        start=total, steps=(Step(2 * mu, "two draws"), Step(n * mu, "n draws", start=total)),
        checks=(IdentityCheck(lhs=mu, rhs=mu),), sizes=((n, 2),),
    )  # fmt: skip
    steps = run_entry(entry, trials=4)[1]
    assert [v.status for v in steps] == [FAIL, PASS] and steps[0].sizes == {"n": 5}


def test_an_intermediate_global_normaliser_in_attention_grad_is_refused():
    """attention-grad with one normaliser for all rows in its middle step and its (correct) result:
    the check of the result passes, the two steps around the wrong expression fail."""
    entry = derive.get("attention-grad")
    Q, K, V, G = (given.symbol for given in entry.givens)
    (rows, d), keys = Q.shape, K.shape[0]
    A = derive.softmax(sp.MatMul(1 / derive.sqrt(d), Q * K.T), axis=1)
    weighted = derive.hadamard(A, G * V.T)
    everything = derive.ones(rows).T * weighted * derive.ones(keys)  # one normaliser for every row
    wrong = sp.MatMul(
        1 / derive.sqrt(d), weighted - derive.hadamard(A, derive.ones(rows) * everything * derive.ones(keys).T), K
    )
    mutated = dataclasses.replace(entry, steps=(dataclasses.replace(entry.steps[0], expr=wrong), entry.steps[1]))
    checks, steps = run_entry(mutated, trials=8)
    assert [v.status for v in checks] == [PASS]
    assert [v.status for v in steps] == [FAIL, FAIL] and steps[0].sizes["n"] >= 2


def test_assumed_definitions_are_substituted_and_other_assumptions_named():
    x, y = derive.scalar("x"), derive.scalar("y")
    defined = Step(2 * y, "y is x", using=(derive.Equation(y, x),))
    assumed = Step(2 * y, "an assumption", using=(derive.Equation(x + y, 2 * x),))
    entry = Derivation(
        id="t", title="t", topic="t", statement="s", givens=(Given(x), Given(y)), start=2 * x,
        steps=(defined, dataclasses.replace(assumed, start=2 * x)), checks=(IdentityCheck(lhs=x, rhs=x),),
    )  # fmt: skip
    steps = run_entry(entry, trials=4)[1]
    assert [v.status for v in steps] == [PASS, NOT_EVALUATED]
    assert "it assumes x + y = 2*x" in steps[1].reason


def test_a_step_jax_cannot_evaluate_is_not_evaluated_and_does_not_stop_the_others():
    class Untranslatable(sp.Function):
        nargs = 1

    x = derive.scalar("x")
    entry = Derivation(
        id="t", title="t", topic="t", statement="s", givens=(Given(x),), start=Untranslatable(x),
        steps=(Step(Untranslatable(x) + 0 * x, "nothing"), Step(x * x, "a fresh start", start=x**2)),
        checks=(IdentityCheck(lhs=x * x, rhs=x * x),),
    )  # fmt: skip
    steps = run_entry(entry, trials=4)[1]
    assert [v.status for v in steps] == [NOT_EVALUATED, PASS]
    assert "JAX cannot evaluate it" in steps[0].reason and "Untranslatable" in steps[0].reason


def test_stated_steps_are_not_evaluated():
    x = derive.scalar("x")
    entry = Derivation(
        id="t", title="t", topic="t", statement="s", givens=(Given(x),), start=x**2,
        steps=(Step(sp.Ge(x**2, 0), "a square", relation=derive.STATES),),
        checks=(IdentityCheck(lhs=x, rhs=x),),
    )  # fmt: skip
    assert StepBatch(entry).skipped[1].startswith("a stated step")


@pytest.fixture(scope="module")
def catalog_steps():
    """Every catalog entry's steps evaluated numerically, once: few trials (the sizes matter here),
    and JAX's compilation cache as derive check uses it (warm, it saves the compiling)."""
    use_compilation_cache()
    return {entry.id: run_steps(entry, trials=8) for entry in derive.entries()}


def test_no_step_of_the_catalog_fails_numerically(catalog_steps):
    """All 83 entries: each step PASSes or is not evaluated (with its reason), none FAILs; and the
    equalities JAX can evaluate are evaluated (a stated step, an expectation over too many draws, an
    integral or a series to infinity whose quadrature cannot be trusted, a sum to a symbolic bound,
    an assumption the inputs do not satisfy or sides that vanish on every input are the only reasons
    not to)."""
    assert len(catalog_steps) == len(derive.ids())
    failed = [(entry_id, v.index, v.reason) for entry_id, steps in catalog_steps.items() for v in steps if not v.ok]
    assert not failed
    verdicts = [v for steps in catalog_steps.values() for v in steps]
    assert sum(v.status == PASS for v in verdicts) > 0.75 * len(verdicts)
    expected = ("a stated step", "JAX cannot evaluate it: NotTranslatable", "it assumes", "a side is not finite")
    expected += ("both sides are within",)  # projection-onto-vector's step 1: aᵀ(b - (aᵀb/aᵀa) a) is 0 everywhere
    assert all(v.reason.startswith(expected) for v in verdicts if v.status == NOT_EVALUATED)
    unfinite = [v.reason for v in verdicts if v.reason.startswith("a side is not finite")]
    assert all("an integral or a series to infinity whose value could not be trusted" in r for r in unfinite)


def test_an_assumption_is_named_in_notation_not_as_sympy_code():
    """max-entropy-softmax's step 4 assumes 1ᵀ exp.(βf + (α − 1)1) = 1; its messages read so, not
    ``Scalar(1*Lambda(_d, exp(_d)).(...))``."""
    report = derive.check(derive.get("max-entropy-softmax"), reuse=False, numeric=False)
    method = report.steps[3].method
    assert "assuming 1.T*exp.(beta*f + (alpha - 1)*1) = 1 (the definition of alpha)" in method
    assert "Lambda" not in method and "Scalar" not in method
    reason = run_steps(derive.get("max-entropy-softmax"), trials=4)[3].reason
    assert reason.startswith("it assumes 1.T*exp.(beta*f + (alpha - 1)*1) = 1, which only")


def _with_step(entry, index, expr):
    steps = list(entry.steps)
    steps[index - 1] = dataclasses.replace(steps[index - 1], expr=expr)
    return dataclasses.replace(entry, steps=tuple(steps))


def test_a_step_whose_sides_vanish_on_the_checks_inputs_is_judged_on_the_inputs_as_drawn():
    """pca-lagrangian's check draws eigenpairs (Σv = λv), where the gradient 2Σv - 2λv and any
    multiple of Σv - λv are both 0: a gradient with its 2 dropped agreed there and PASSed. Such a
    step is judged on the same draws without the check's ``where``: the right one PASSes, the
    wrong one FAILs."""
    entry = derive.get("pca-lagrangian")
    right = run_steps(entry, trials=8)[0]
    assert right.status == PASS and right.reason.startswith("judged on the inputs as drawn")
    lam, v = (next(g.symbol for g in entry.givens if str(g.symbol) == name) for name in ("lambda", "v"))
    sigma = next(g.symbol for g in entry.givens if str(g.symbol) == "Sigma")
    wrong = run_steps(_with_step(entry, 1, -lam * v + sigma * v), trials=8)[0]
    assert wrong.status == FAIL and "judged on the inputs as drawn" in wrong.reason and wrong.worst


def test_sides_that_vanish_on_every_input_say_nothing_unless_one_is_zero_itself():
    """sin² + cos² - 1 is 0 at every input: claiming it equals twice itself is not evidence of
    anything, so the step is not evaluated (it PASSed); claiming it equals 0 shows that it vanishes."""
    x = derive.scalar("x")
    zero = sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1
    entry = Derivation(
        id="t", title="t", topic="t", statement="s", givens=(Given(x),), start=zero,
        steps=(Step(2 * zero, "twice"), Step(sp.Integer(0), "Pythagoras", start=zero)),
        checks=(IdentityCheck(lhs=x, rhs=x),),
    )  # fmt: skip
    vacuous, shown = run_steps(entry, trials=4)
    assert vacuous.status == NOT_EVALUATED and vacuous.reason.startswith("both sides are within 1e-08 of 0")
    assert shown.status == PASS

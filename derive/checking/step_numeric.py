"""Every step of an entry evaluated numerically (issue 14, class 5).

The symbolic checker proves a step at one small instance, where a mistake along a dimension can
hide (one normaliser for all rows equals the per-row one when there is one row). Here both sides
of every ``equals``, ``equivalent`` and ``solves`` step (derive.checking.symbolic.sides_of) are
evaluated with JAX at the numeric sizes, on the same random inputs, inside the entry's one
compiled batch (derive.checking.numeric.run_entry). The inputs are drawn as the check that states
the result draws them: its sizes, ``where`` and ``extra`` inputs, and its ``avoid`` region.

A step's assumed definitions ``symbol = expression`` (``using=``) are substituted; its other
assumptions are evaluated too, and only trials whose inputs satisfy them count (a ``where`` may
construct such inputs: an eigenpair, a feasible point).

A trial where a side is not finite (1/0 at a binary input) says nothing and is left out, as in
``derive verify``; so does one where both sides are within the tolerance of 0 (neither being 0
itself), where any two sides agree. A step whose sides vanish so on every input the check builds
is judged on the same draws without its ``where`` (``StepBatch.vanishing``). A step PASSes when
every trial kept agrees within STEP_TOLERANCE (relative error, shapes exactly); it FAILs on a
larger error or on sides of different shapes, with the worst trial's values. An expectation over
random givens is written out at the numeric sizes first (derive.checking.expectations), as derive
verify does; an integral or a series to infinity is computed (derive.checking.integrals), NaN
where its value cannot be trusted. It is NOT_EVALUATED, with the reason, when JAX cannot evaluate
a side (an expectation over more entries than can be written out, a sum to a bound that is not a
size), when fewer than half the trials are kept (the inputs rarely satisfy its assumptions, or a
side is mostly undefined), when its sides vanish at every input, or when it is a stated step.
"""

from __future__ import annotations

import dataclasses

import jax.numpy as jnp
import numpy as np
import sympy as sp

from derive.checking import integrals
from derive.checking.comparison import ShapeMismatch, relative_error
from derive.checking.expectations import written_out
from derive.checking.jax_eval import evaluate
from derive.checking.result_coverage import states_the_result
from derive.checking.sampling import away_from_avoided, environment, host_draws, numeric_sizes
from derive.checking.symbolic import sides_of
from derive.checking.verdicts import FAIL, NOT_EVALUATED, PASS, StepNumericVerdict
from derive.core.checks import DEFAULT_TOLERANCE, DEFAULT_TRIALS, IdentityCheck
from derive.core.defaults import SEED
from derive.core.model import STATES, Derivation

STEP_TOLERANCE = DEFAULT_TOLERANCE


def governing_check(derivation: Derivation):
    """The check whose inputs the steps are evaluated on: the first that states the result, else
    the first check, else the defaults (NUMERIC_SIZES, nothing avoided)."""
    stating = [spec for spec in derivation.checks if states_the_result(spec, derivation)]
    return (stating or list(derivation.checks) or [IdentityCheck()])[0]


def is_definition(equation) -> bool:
    """``symbol = expression`` with the symbol not in the expression."""
    return isinstance(equation.lhs, (sp.Symbol, sp.MatrixSymbol)) and not equation.rhs.has(equation.lhs)


def substituted(expression, definitions):
    """``expression`` with every definition ``symbol = value`` put in (a definition may use another)."""
    for _ in range(len(definitions)):
        expression = expression.xreplace({equation.lhs: equation.rhs for equation in definitions})
    return expression


def _planned(derivation: Derivation) -> tuple[dict, dict]:
    """{step index: (lhs, rhs, assumed) to compare} and {step index: why it is not evaluated}.

    ``assumed``: the step's assumptions that are not definitions, as (lhs, rhs) pairs; a trial
    counts for the step only where its inputs satisfy them (a ``where`` may construct such inputs).
    """
    pairs, skipped = {}, {}
    previous = derivation.start
    for index, step in enumerate(derivation.steps, start=1):
        if step.start is not None:
            previous = step.start
        if step.relation == STATES:
            skipped[index] = "a stated step: it is covered by the check it names, not evaluated here"
        else:
            definitions = [equation for equation in step.using if is_definition(equation)]
            assumed = tuple(
                (substituted(eq.lhs, definitions), substituted(eq.rhs, definitions))
                for eq in step.using
                if not is_definition(eq)
            )
            pairs[index] = (*(substituted(side, definitions) for side in sides_of(previous, step)), assumed)
        previous = step.expr
    return pairs, skipped


class StepBatch:
    """The steps of one entry as a function of one trial's inputs, for the entry's vmapped batch.

    ``inputs`` are every trial's draws (NumPy, drawn once for all the steps). ``trial(values)``
    returns {index: (relative error, lhs finite, rhs finite, assumptions hold, telling)} for every
    step JAX could evaluate, and whether the trial is outside the avoided region; a step it cannot
    evaluate is recorded in ``unevaluated`` (``misshapen`` for sides of different shapes) while the
    batch is traced, and left out. ``plain_trial`` does the same for some steps on the inputs as
    drawn, without those the check builds (see ``vanishing``).
    """

    def __init__(self, derivation: Derivation, trials: int | None = None, seed: int = SEED):
        self.derivation = derivation
        self.spec = governing_check(derivation)
        self.givens = tuple(derivation.givens) + tuple(self.spec.extra)
        self.sizes = numeric_sizes(self.givens, self.spec)
        self.trials = trials or DEFAULT_TRIALS
        pairs, self.skipped = _planned(derivation)
        self.pairs = {index: _written_out(pair, self.givens, self.sizes) for index, pair in pairs.items()}
        self.inputs = host_draws(self.givens, self.sizes, self.trials, seed)
        self.unevaluated: dict[int, str] = {}
        self.misshapen: dict[int, str] = {}

    def environment(self, values: dict, plain: bool = False) -> dict:
        """One trial's values as ``evaluate`` takes them, with the inputs the check's ``where`` builds
        (``plain``: without them, the givens as drawn); integrals and series to infinity are
        approximated (derive.checking.integrals gives NaN where it cannot trust its value)."""
        spec = dataclasses.replace(self.spec, where=()) if plain else self.spec
        return {**environment(values, self.givens, self.sizes, spec), integrals.ALLOWED: True}

    def trial(self, values: dict):
        """Every step on one trial's inputs, with those the check builds (its ``where``)."""
        built = self.environment(values)
        return self._sides(built, record=True), away_from_avoided(self.spec, built)

    def plain_trial(self, values: dict, indices: tuple[int, ...]):
        """The steps ``indices`` on one trial's inputs as drawn, without those the check builds."""
        plain = self.environment(values, plain=True)
        return self._sides(plain, record=False, only=indices), away_from_avoided(self.spec, plain)

    def vanishing(self, verdicts) -> tuple[int, ...]:
        """The steps whose sides vanished on every input the check builds, where it builds some (a
        gradient at the eigenpairs a check draws): derive.checking.numeric judges them again on the
        same draws without the ``where``, by ``plain_trial``, unless they assume something those would not satisfy."""
        if not self.spec.where:
            return ()
        return tuple(v.index for v in verdicts if v.reason == VANISHING and not self.pairs[v.index][2])

    def _sides(self, env: dict, record: bool, only: tuple[int, ...] | None = None) -> dict:
        """{index: (relative error, lhs finite, rhs finite, assumptions hold, telling)} of every step
        JAX can evaluate on ``env`` (``only``: of those steps); ``record``: why the others cannot be
        (caught while tracing)."""
        known = {}  # one step's right side is the next one's left: each side is traced once
        results = {}
        for index, (lhs, rhs, assumed) in self.pairs.items():
            if only is not None and index not in only:
                continue
            try:  # a step JAX cannot evaluate does not stop the others
                error, left, right = _compared(lhs, rhs, env, known)
                holds = jnp.asarray(True)
                for condition in assumed:
                    holds = holds & (_compared(*condition, env, known)[0] <= STEP_TOLERANCE)
            except ShapeMismatch as exc:  # sides of different shapes are not equal
                if record:
                    self.misshapen[index] = f"the sides' shapes differ: {exc}".replace("the claim", "the left side")
                continue
            except Exception as exc:
                if record:
                    self.unevaluated[index] = f"JAX cannot evaluate it: {type(exc).__name__}: {exc}"
                continue
            finite = jnp.all(jnp.isfinite(left)), jnp.all(jnp.isfinite(right))
            results[index] = (error, *finite, holds, _telling(lhs, rhs, left, right))
        return results

    def verdicts(self, outputs, plain=None) -> tuple[StepNumericVerdict, ...]:
        """One verdict per step from the batch's ``outputs`` (NumPy arrays, a leading trials axis),
        and ``plain_trial``'s for the steps judged again on the inputs as drawn."""
        results, kept = outputs
        found = []
        for index in range(1, len(self.derivation.steps) + 1):
            reason = self.skipped.get(index) or self.unevaluated.get(index)
            if index in self.misshapen:
                found.append(self._verdict(index, FAIL, 0, np.nan, self.misshapen[index]))
            elif reason:
                found.append(self._verdict(index, NOT_EVALUATED, 0, np.nan, reason))
            else:
                verdict = self._judged(index, *results[index], np.asarray(kept))
                if verdict.reason == VANISHING and plain is not None and index in plain[0]:
                    verdict = self._judged(index, *plain[0][index], np.asarray(plain[1]), plain=True)
                found.append(verdict)
        return tuple(found)

    def _judged(self, index, errors, left_finite, right_finite, holds, telling, kept, plain=False):
        """The step's verdict from its trials (``plain``: on the inputs as drawn, see ``trial``)."""
        satisfied = kept & holds
        used = satisfied & left_finite & right_finite  # a trial where a side is undefined says nothing
        count, undefined = int(used.sum()), int(satisfied.sum() - used.sum())
        if count < max(1, self.trials // 2):
            return self._verdict(index, NOT_EVALUATED, count, np.nan, self._too_few(index, satisfied, undefined))
        if not np.any(used & telling):
            return self._verdict(index, NOT_EVALUATED, count, np.nan, VANISHING)
        worst = int(np.argmax(np.where(used, errors, -1.0)))
        max_error = float(errors[worst])
        notes = [f"{undefined} random inputs where a side is not finite left out"] * bool(undefined)
        notes += [PLAIN] * plain
        if max_error <= STEP_TOLERANCE:
            return self._verdict(index, PASS, count, max_error, "; ".join(notes))
        reason = "; ".join(["the sides differ", *notes])
        return self._verdict(index, FAIL, count, max_error, reason, self._worst_values(index, worst, plain))

    def _too_few(self, index, satisfied, undefined) -> str:
        """Why fewer than half the trials could judge the step."""
        of = f"of {self.trials} random inputs"
        if satisfied.sum() >= max(1, self.trials // 2):
            approximated = (
                " (an integral or a series to infinity whose value could not be trusted counts as not finite)"
            )
            return f"a side is not finite at {undefined} {of}" + approximated * _approximates(self.pairs[index])
        if self.pairs[index][2]:
            assumed = ", ".join(map(str, self.derivation.steps[index - 1].using))
            return f"it assumes {assumed}, which only {int(satisfied.sum())} {of} satisfy (outside any avoided region)"
        return f"only {int(satisfied.sum())} {of} stay outside the avoided region"

    def _worst_values(self, index, trial: int, plain: bool) -> dict:
        """The inputs and both sides of the worst trial, computed again outside the batch."""
        env = self.environment({name: values[trial] for name, values in self.inputs.items()}, plain)
        values = {given.name: np.asarray(env[given.symbol]).tolist() for given in self.givens}
        lhs, rhs = (np.asarray(evaluate(side, env), float).tolist() for side in self.pairs[index][:2])
        return {"inputs": values, "lhs": lhs, "rhs": rhs}

    def _verdict(self, index, status, trials, max_error, reason="", worst=None) -> StepNumericVerdict:
        sizes = {str(dim): int(size) for dim, size in self.sizes.items()}
        return StepNumericVerdict(index, status, sizes, trials, float(max_error), STEP_TOLERANCE, reason, worst)


def _approximates(pair) -> bool:
    """Whether a step's sides have an integral or a series to infinity (derive.checking.integrals)."""
    sides = [side for side in pair[:2] if isinstance(side, sp.Basic)]
    return any(side.has(sp.Integral) or any(s.limits[-1][2] == sp.oo for s in side.atoms(sp.Sum)) for side in sides)


def _written_out(pair, givens, sizes):
    """A step's (lhs, rhs, assumed) with its expectations written out at the numeric sizes."""
    lhs, rhs, assumed = pair
    assumed = tuple(tuple(written_out(side, givens, sizes) for side in condition) for condition in assumed)
    return written_out(lhs, givens, sizes), written_out(rhs, givens, sizes), assumed


PLAIN = "judged on the inputs as drawn, since both sides vanish on those the check builds (its where)"
VANISHING = f"both sides are within {STEP_TOLERANCE:g} of 0 at every input drawn, where any two such sides agree"


def _telling(lhs, rhs, left, right):
    """Whether a trial can tell the sides apart: one of them is at least the tolerance away from 0.
    Two sides below it agree within the tolerance whatever they are (pca-lagrangian's gradient
    2Σv - 2λv, and any multiple of Σv - λv, on the eigenpairs its check draws), unless a side is
    0 itself: then the trial shows that the other one vanishes there (a stationarity condition at
    the optimum a check builds)."""
    if any(side == 0 or isinstance(side, sp.ZeroMatrix) for side in (lhs, rhs)):  # written as 0
        return jnp.asarray(True)
    return jnp.maximum(jnp.max(jnp.abs(left)), jnp.max(jnp.abs(right))) > STEP_TOLERANCE


def _compared(lhs, rhs, env, known: dict):
    """(relative error, left value, right value) of two sides in one trial; ``known``: the sides
    evaluated so far in this trial, by expression."""
    left, right = (_value(side, env, known) for side in (lhs, rhs))
    return relative_error(left, right), left, right


def _value(side, env, known: dict):
    if side not in known:
        known[side] = jnp.asarray(evaluate(side, env), float)
    return known[side]

"""The symbolic checker: does each step follow from the previous one?

Both sides are instantiated at small sizes with explicit entries (derive.checking.instances). The
difference is first evaluated at random exact points drawn from the domains: a clearly
nonzero value REFUTES the step and is its counterexample. Otherwise SymPy must simplify the
difference to zero to PROVE it; if it cannot, or time runs out, or SymPy raises, the answer
is UNKNOWN with the reason.
"""

from __future__ import annotations

import random
import time

import sympy as sp
from sympy import ImmutableMatrix

from derive.checking.conditions import factor_unshown, root_unshown
from derive.checking.instances import Instance, explicit, undersized
from derive.checking.rational_zero import vanishes
from derive.checking.roots import only_root
from derive.checking.stated import pairs_to_prove, step_claim
from derive.checking.timeout import Batch, bounded
from derive.checking.verdicts import PROVED, REFUTED, STATED, UNKNOWN, StepVerdict
from derive.core.defaults import STEP_SECONDS
from derive.core.intermediates import expanded
from derive.core.model import EQUALS, EQUIVALENT, SOLVES, STATES, Derivation, Equation, Step, residual
from derive.core.plain import plain

PROBE_POINTS = 3
PROBE_ATTEMPTS = 4 * PROBE_POINTS  # draws allowed to find PROBE_POINTS points where both sides are defined
PROBE_DIGITS = 30
RELATIVE_TOLERANCE = sp.Float("1e-12")
HYPERBOLIC = (sp.tanh, sp.sinh, sp.cosh, sp.coth, sp.sech, sp.csch)


def check_steps(
    derivation: Derivation, timeout: float = STEP_SECONDS, batch: Batch | None = None
) -> tuple[StepVerdict, ...]:
    """Check every step of a derivation, each bounded by ``timeout`` seconds of CPU time (in
    ``batch`` when given: closing it stops the checks). Named intermediates are written out first."""
    derivation = expanded(derivation)
    return tuple(
        check_step(index, previous, step, derivation.givens, dict(derivation.sizes), timeout, batch, bound)
        for index, previous, step, bound in steps_of(derivation)
    )


def steps_of(derivation: Derivation):
    """(index, the expression the step starts from, the step, its bound checks) for each step of an
    ``expanded`` derivation."""
    previous = derivation.start
    for index, step in enumerate(derivation.steps, start=1):
        if step.start is not None:
            previous = step.start
        yield index, previous, step, tuple(derivation.checks[number - 1] for number in step.checked_by)
        previous = step.expr


def check_step(
    index,
    previous,
    step: Step,
    givens,
    sizes=None,
    timeout: float = STEP_SECONDS,
    batch: Batch | None = None,
    bound: tuple = (),
) -> StepVerdict:
    """Check one step in a child process with ``timeout`` seconds of CPU time (derive.checking.timeout);
    UNKNOWN on a timeout or on any exception. ``bound``: the checks a stated step names."""
    undecidable = without_sympy(index, step, sizes)
    if undecidable is not None:
        return undecidable
    started = time.perf_counter()
    outcome = bounded(*decision(index, previous, step, givens, sizes, bound), timeout, batch)
    return verdict_of(outcome, index, timeout, time.perf_counter() - started)


def without_sympy(index, step: Step, sizes) -> StepVerdict | None:
    """The verdict of a step that SymPy is not asked to decide (UNKNOWN), or None."""
    if step.relation == STATES and not step.checked_by:
        return StepVerdict(index, UNKNOWN, "stated", "stated, but no numeric check is bound to it (checked_by=)")
    too_small = undersized(sizes or {})
    return StepVerdict(index, UNKNOWN, "explicit instance", too_small) if too_small else None


def decision(index, previous, step: Step, givens, sizes, bound: tuple = ()) -> tuple:
    """(the function a forked child runs to decide the step, its arguments)."""
    if step.relation == STATES:
        return _decide_stated, (index, previous, step, givens, sizes, bound)
    return _decide, (index, previous, step, givens, sizes)


def verdict_of(outcome, index: int, timeout: float, elapsed: float) -> StepVerdict:
    """A bounded ``_decide`` call's outcome as a verdict: UNKNOWN on a timeout or an exception."""
    if outcome.timed_out:
        return StepVerdict(index, UNKNOWN, "explicit instance", f"timed out after {timeout:g} s", seconds=elapsed)
    if outcome.error is not None:
        return StepVerdict(index, UNKNOWN, "explicit instance", f"SymPy raised {outcome.error}", seconds=elapsed)
    verdict = outcome.value
    return StepVerdict(verdict.index, verdict.status, verdict.method, verdict.reason, verdict.counterexample, elapsed)


def sides_of(previous, step: Step) -> tuple:
    """The two expressions a step claims equal (as residuals where equations are involved)."""
    if step.relation == EQUALS:
        return previous, step.expr
    if step.relation == EQUIVALENT:
        return residual(previous), step.factor * residual(step.expr)
    if step.relation == SOLVES:
        equation: Equation = step.expr
        substituted = residual(previous).xreplace({equation.lhs: equation.rhs})
        return substituted, sp.ZeroMatrix(*substituted.shape) if hasattr(substituted, "shape") else sp.Integer(0)
    raise ValueError(f"no sides for relation {step.relation!r}")


def _decide(index, previous, step: Step, givens, sizes, zero=None) -> StepVerdict:
    """The verdict on one step; ``zero`` is the test that a difference is 0 (``is_zero`` when None)."""
    instance = Instance.build(givens, sizes)
    lhs, rhs = sides_of(previous, step)
    lhs, rhs = (_determinants_expanded(explicit(side, instance)) for side in (lhs, rhs))
    verdict = compare(index, lhs, rhs, instance, step.using, zero)
    if verdict.status != PROVED or step.relation not in (EQUIVALENT, SOLVES):
        return verdict
    return _with_side_conditions(verdict, previous, step, givens, instance)


def _decide_stated(index, previous, step: Step, givens, sizes, bound) -> StepVerdict:
    """A stated step is STATED only when a bound check's claim is proved to be the step's claim
    (derive.checking.stated); the runner then requires the bound checks to pass."""
    claim = step_claim(previous, step)
    if claim is None:
        reason = "the step states no relation: write it as sp.Le(a, b), an Equation, or give states='<=' (...)"
        return StepVerdict(index, UNKNOWN, "stated", reason)
    instance = Instance.build(givens, sizes)
    directions = [_direction(claim, check, instance) for check in bound]
    where = f"stated, explicit instance ({instance.describe()})"
    if None in directions:  # every bound check must test this claim (or its converse), not something else
        number = step.checked_by[directions.index(None)]
        return StepVerdict(index, UNKNOWN, where, f"bound check {number} claims neither this step nor its converse")
    if "same" not in directions:
        reason = "no bound check's claim is this step's claim (not proved equal on the instance)"
        return StepVerdict(index, UNKNOWN, where, reason)
    method = f"stated; a bound check's claim is this step's, proved equal at {instance.describe() or 'scalars'}"
    return StepVerdict(index, STATED, method, step.because)


def _direction(claim, check, instance: Instance) -> str | None:
    """ "same" when ``check`` claims the step's claim, "converse" when its opposite; None otherwise."""
    for direction, pairs in pairs_to_prove(claim, check):
        if all(_proved_equal(a, b, instance) for a, b in pairs):
            return direction
    return None


def _proved_equal(a, b, instance: Instance) -> bool:
    if identical_sides(a, b):  # the same expression: nothing to evaluate (rank A has no explicit form)
        return True
    lhs, rhs = (_determinants_expanded(explicit(side, instance)) for side in (a, b))
    return compare(0, lhs, rhs, instance).status == PROVED


def _determinants_expanded(value):
    """SymPy's doit takes a scalar out of a determinant (det(c M) = c^d det(M)) but leaves det(M)
    of the explicit M unevaluated, which no sample point can evaluate: write it out."""
    if not isinstance(value, sp.Basic) or not value.has(sp.Determinant):
        return value
    return value.replace(
        lambda e: isinstance(e, sp.Determinant) and isinstance(e.arg, sp.MatrixBase), lambda e: e.arg.det()
    )


def identical_sides(lhs, rhs) -> bool:
    """Whether the two sides are the same expression, or scalars whose difference SymPy's automatic
    canonical form already cancels (x^a - x^a): decided without expanding anything. Sides with an
    infinity or an undefined value are never identical."""
    if any(isinstance(side, sp.Basic) and side.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for side in (lhs, rhs)):
        return False
    if lhs == rhs:
        return True
    scalars = not any(isinstance(side, (sp.MatrixBase, sp.MatrixExpr)) for side in (lhs, rhs))
    return scalars and sp.Add(lhs, -rhs) == 0


def _with_side_conditions(verdict: StepVerdict, previous, step: Step, givens, instance: Instance) -> StepVerdict:
    """An equivalence holds only where its factor is nonzero and finite; a solution must be shown the
    only root (derive.checking.conditions, then derive.checking.roots): a root= reason is not proof."""
    shown = ""
    if step.relation == EQUIVALENT:
        unshown = factor_unshown(step.factor, givens, instance, step.nonzero)
    else:  # the root= reason is printed, never taken as proof: the only root is shown or the step is UNKNOWN
        unshown = root_unshown(residual(previous), step.expr.lhs, step.expr.rhs, givens, instance, step.nonzero)
        if unshown:
            shown = only_root(previous, step.expr, givens, instance.sizes, step.nonzero)
            unshown = None if shown else _root_not_shown(unshown, step)
    if unshown:
        return StepVerdict(verdict.index, UNKNOWN, verdict.method, f"equal on the instance, but {unshown}")
    method = verdict.method
    if step.nonzero:
        method += ", assuming " + ", ".join(_condition_text(c) for c in step.nonzero)
    if shown:
        method += f", {shown}"
    return StepVerdict(verdict.index, PROVED, method, verdict.reason)


def _root_not_shown(unshown: str, step: Step) -> str:
    if not step.root:
        return unshown
    return "the root is not shown to be the only one (the step's root= reason is printed, not proved)"


def _condition_text(condition) -> str:
    shown = plain(condition)
    return f"{shown} invertible" if getattr(condition, "shape", (1, 1)) != (1, 1) else f"{shown} != 0"


def compare(index, lhs, rhs, instance: Instance, using: tuple = (), zero=None) -> StepVerdict:
    """Decide ``lhs == rhs`` for explicit values on ``instance``, under the ``using`` equations;
    ``zero`` proves a difference 0 (``is_zero`` when None)."""
    zero = zero or is_zero
    method = f"explicit instance ({instance.describe()})" if instance.sizes else "scalar algebra"
    lhs_shape, rhs_shape = _shape(lhs), _shape(rhs)
    if lhs_shape != rhs_shape:
        reason = f"the sides have different shapes: {_shape_text(lhs_shape)} and {_shape_text(rhs_shape)}"
        return StepVerdict(index, REFUTED, method, reason)
    branches = _solve_using(using, instance) if using else [{}]
    if branches is None:
        return StepVerdict(index, UNKNOWN, method, "could not solve the equations this step uses")
    differences = _entries(lhs) - _entries(rhs)
    for branch in branches:
        counterexample, evaluated = _probe(differences.xreplace(branch), lhs, rhs, instance, branch)
        if counterexample:
            return StepVerdict(index, REFUTED, method, "the sides differ at a sample point", counterexample)
        if evaluated < PROBE_POINTS:  # 0/0 simplifies to anything: never PROVED through it
            return StepVerdict(index, UNKNOWN, method, _degenerate(evaluated))
    undecided = [entry for branch in branches for entry in differences.xreplace(branch) if not zero(entry)]
    if undecided:
        return StepVerdict(
            index, UNKNOWN, method, "equal at the sample points, but SymPy could not simplify the difference to 0"
        )
    return StepVerdict(index, PROVED, method, "the difference simplifies to 0")


def is_zero(expr) -> bool:
    """True only when SymPy shows ``expr`` is 0; False means "not shown", not "nonzero"."""
    if expr == 0:
        return True
    if vanishes(expr):  # as a rational function in the sparse polynomial ring: quick, and often enough
        return True
    if expr.has(*HYPERBOLIC) and vanishes(expr.rewrite(sp.exp)):  # tanh z = (e^z - e^-z)/(e^z + e^-z)
        return True
    for transform in (sp.expand, sp.cancel, _expand_exponentials, sp.simplify, _as_exponentials, _min_max_as_abs):
        expr = transform(expr)
        if expr == 0:
            return True
    return False


def _expand_exponentials(expr):
    return sp.cancel(sp.expand(sp.expand_log(expr, force=True), power_exp=True))


def _min_max_as_abs(expr):
    """min(a, b) = (a + b - |a - b|)/2 and max(a, b) = (a + b + |a - b|)/2, so that SymPy can
    take a positive factor out of the absolute value: c min(1, r) = min(c, c r) for c > 0."""
    if not expr.has(sp.Min, sp.Max):
        return expr
    return sp.simplify(expr.rewrite(sp.Abs))


def _as_exponentials(expr):
    """Hyperbolic and trigonometric functions written with exp (tanh z = (e^z - e^-z)/(e^z + e^-z))."""
    return _expand_exponentials(expr.rewrite(sp.exp))


def _shape(value) -> tuple:
    return tuple(value.shape) if isinstance(value, sp.MatrixBase) else ()


def _shape_text(shape) -> str:
    return "x".join(str(s) for s in shape) if shape else "scalar"


def _entries(value) -> ImmutableMatrix:
    return ImmutableMatrix(value) if isinstance(value, sp.MatrixBase) else ImmutableMatrix([[value]])


def _solve_using(using, instance: Instance):
    """Solve the step's assumed equations for scalar unknowns; a list of substitutions, or None."""
    definitions = _definitions(using, instance)
    if definitions is not None:
        return [definitions]
    equations, unknowns = [], []
    for equation in using:
        lhs_value, rhs_value = explicit(equation.lhs, instance), explicit(equation.rhs, instance)
        preferred = sorted(_entries(lhs_value).free_symbols, key=str)
        for entry in _entries(lhs_value) - _entries(rhs_value):
            candidates = preferred + sorted(entry.free_symbols - set(preferred), key=str)
            unknown = next((s for s in candidates if s in entry.free_symbols and s not in unknowns), None)
            if unknown is None:
                return None
            equations.append(entry)
            unknowns.append(unknown)
    solutions = sp.solve(equations, unknowns, dict=True)
    return solutions or None


def _definitions(using, instance: Instance) -> dict | None:
    """Equations that each define a scalar symbol (P = <expression without P or another defined
    symbol>): the substitution as written. sp.solve would return the same solution, but slowly
    and rearranged, so that a difference which cancels term by term no longer does."""
    found = {}
    for equation in using:
        lhs_value = explicit(equation.lhs, instance)
        if not isinstance(lhs_value, sp.Symbol) or lhs_value in found:
            return None
        found[lhs_value] = explicit(equation.rhs, instance)
    if any(symbol in value.free_symbols for value in found.values() for symbol in found):
        return None
    return found


def _degenerate(evaluated: int) -> str:
    return (
        f"degenerate instance: the sides are defined at only {evaluated} of {PROBE_ATTEMPTS} sample points "
        "(a matrix inverted on this instance is singular, or a denominator vanishes); choose sizes where "
        "every inverted matrix is invertible"
    )


def _probe(differences, lhs, rhs, instance: Instance, branch) -> tuple[dict | None, int]:
    """Evaluate the difference at random exact points: (a counterexample if it is clearly nonzero,
    the number of points where both sides were defined). Draws stop after PROBE_POINTS defined
    points or PROBE_ATTEMPTS draws; a difference that is 0/0 everywhere is defined nowhere."""
    rng = random.Random(0)
    symbols = sorted(differences.free_symbols | set(branch) | _free(lhs) | _free(rhs), key=str)
    evaluated = 0
    for _ in range(PROBE_ATTEMPTS):
        if evaluated == PROBE_POINTS:
            break
        point = {symbol: _draw(rng, instance.probe_ranges.get(symbol, (-2, 2))) for symbol in symbols}
        point = {**point, **{k: v.xreplace(point) for k, v in branch.items()}}
        if _small(*_values_at(differences, lhs, point, {})):  # quick, and enough for a 0
            evaluated += 1
            continue
        values, scale = _values_at(differences, lhs, point)
        if values is None:
            continue  # the point left the domain (a pole, a log of a negative): try another
        evaluated += 1
        if not _small(values, scale):
            return _counterexample(point, lhs, rhs, instance), evaluated
    return None, evaluated


def _values_at(differences, lhs, point, atoms: dict | None = None) -> tuple:
    """(the differences' values, the scale of the left side's) at ``point``, or (None, None) where
    either is undefined. With ``atoms`` (a dict to fill), each function or power of numbers
    (exp(3/64), sqrt(2)) is first replaced by its value to twice PROBE_DIGITS, so that SymPy adds
    and multiplies Floats rather than evaluating a tree of exps at every entry: on attention-grad's
    gradient 35x quicker. That can only round, so a nonzero difference found that way is evaluated
    again exactly (without ``atoms``) before it counts."""

    def value(entry, digits):
        entry = entry.xreplace(point)
        if atoms is not None:
            for atom in entry.atoms(sp.Function, sp.Pow) - atoms.keys():
                atoms[atom] = atom if atom.free_symbols else sp.N(atom, 2 * PROBE_DIGITS)
            entry = entry.xreplace(atoms)
        return complex(sp.N(entry, digits))

    try:
        values = [value(entry, PROBE_DIGITS) for entry in differences]
        scale = max([1.0] + [abs(value(v, 15)) for v in _entries(lhs)])
    except (TypeError, ValueError, ZeroDivisionError):
        return None, None
    if any(v != v for v in values) or scale != scale:
        return None, None
    return values, scale


def _small(values, scale) -> bool:
    """Whether the differences are 0 to RELATIVE_TOLERANCE of the scale (False where undefined)."""
    return values is not None and max(abs(v) for v in values) <= float(RELATIVE_TOLERANCE) * scale


def _free(value) -> set:
    return set(getattr(value, "free_symbols", set()))


def _draw(rng: random.Random, spec) -> sp.Rational:
    if len(spec) == 3:  # a discrete set: binary {0, 1} or signs {-1, 1}
        return sp.Integer(rng.choice(spec[:2]))
    low, high = spec
    return sp.Rational(round(rng.uniform(low, high) * 64) or 1, 64)


def _counterexample(point, lhs, rhs, instance: Instance) -> dict:
    """Values of every given at the point, and of both sides."""
    result = {}
    entry_symbols = set()
    for concrete, entries in instance.entries.items():
        entry_symbols |= set(entries)
        values = entries.xreplace(instance.structure).xreplace(point)
        if not values.free_symbols:  # a given the step does not depend on is left out
            result[concrete.name] = _numbers(values)
    for symbol, value in point.items():
        if symbol not in entry_symbols:
            result[symbol.name] = _number(value)
    result["lhs"] = _numbers(lhs.xreplace(point) if hasattr(lhs, "xreplace") else lhs)
    result["rhs"] = _numbers(rhs.xreplace(point) if hasattr(rhs, "xreplace") else rhs)
    return result


def _numbers(value):
    if isinstance(value, sp.MatrixBase):
        return [[_number(v) for v in row] for row in value.tolist()]
    return _number(value)


def _number(value):
    number = complex(sp.N(value, 15))
    return round(number.real, 6) if abs(number.imag) < 1e-12 else str(number)

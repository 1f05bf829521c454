"""``derive verify``: check a derivation written in LaTeX, step by step, both ways.

Each step ``E_k = E_{k+1}`` is decided by the symbolic checker (derive.checking.symbolic: both sides
on an explicit small instance, derivatives computed entry by entry) and, as a second opinion,
numerically with JAX on random inputs from the declared domains (derivatives by autodiff).

    valid    the symbolic checker proves it and the numbers agree (or cannot be computed)
    invalid  the symbolic checker refutes it with a counterexample and the numbers do not agree
    unknown  undecided in time, or the two checkers disagree: the reason says which

All steps' symbolic checks run in child processes (as many at once as there are CPUs, each with the
step's time limit in CPU seconds) while JAX runs the numeric batch.
"""

from __future__ import annotations

import itertools
import time

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from derive.checking.symbolic import identical_sides, verdict_of
from derive.checking.timeout import Batch, Outcome
from derive.checking.verdicts import PROVED, REFUTED, StepVerdict
from derive.core.defaults import SEED, STEP_SECONDS, VERIFY_TRIALS
from derive.core.errors import DeriveError
from derive.core.model import Equation, Step
from derive.core.symbols import dimension_symbols
from derive.verifying.declarations import parse_declarations
from derive.verifying.hypotheses import Hypotheses, is_equation, read_equations
from derive.verifying.laws import is_law, read_laws
from derive.verifying.lexer import ParseError
from derive.verifying.opaque import decide
from derive.verifying.opinion import NumericResult
from derive.verifying.parser import Side, math_of_document, parse_derivation
from derive.verifying.report import INVALID, UNKNOWN_STEP, VALID, StepResult, VerifyReport
from derive.verifying.scope import Scope

# Every dimension is 2 on the symbolic instance: the smallest size where matrices do not commute,
# and several times faster to simplify than 3. Shapes are checked symbolically when parsing, and
# the numeric check uses other, larger sizes, so an identity true only at size 2 is not "valid".
SYMBOLIC_SIZE = 2


def verify(
    latex: str,
    where=(),
    against: str | None = None,
    *,
    timeout: float = STEP_SECONDS,
    trials: int = VERIFY_TRIALS,
    seed: int = SEED,
    device: str | None = None,
) -> VerifyReport:
    """Check every step of a derivation written in LaTeX (NOTATION.md, "What derive verify reads").

    ``where``: declarations such as ``"X \\in \\mathbb{R}^{n \\times d}"``. ``against``: a
    catalog id whose result the final expression must equal (its givens are declared).
    Raises a DeriveError (a ParseError with the column) when the input is not understood.

    Example::

        >>> import derive
        >>> report = derive.verify(r"\\nabla_w \\tfrac12 \\|Xw - y\\|^2 = X^\\top (Xw - y)",
        ...                        where=[r"X \\in \\mathbb{R}^{n \\times d}", r"w \\in \\mathbb{R}^{d}, y \\in \\mathbb{R}^{n}"])
        >>> report.verdict
        'valid'
    """
    where = tuple(where)
    laws = [text for text in where if is_law(text)]
    equations = [text for text in where if text not in laws and is_equation(text)]
    givens = parse_declarations([text for text in where if text not in equations and text not in laws])
    entry = None
    if against is not None:
        from derive.registry import get

        entry = get(against)
        declared = {g.name for g in givens}
        givens = tuple(g for g in entry.givens if g.name not in declared) + givens
    scope = Scope.of(givens)
    read_laws(laws, scope)
    hypotheses = read_equations(equations, scope)
    latex = math_of_document(latex)
    chains = parse_derivation(latex, scope, "the derivation").chains
    if entry is not None:
        chains = chains or [[]]
        chains[-1].append(_result_side(entry))
    if not any(len(chain) > 1 for chain in chains):
        defined = ", ".join(scope.functions)
        problem = f"nothing to check: {defined} defined, but no " if defined else "nothing to check: write a "
        raise ParseError(problem + "chain E_0 = E_1 = ...", latex, len(latex.rstrip()), "the derivation")
    return check_chain(
        [side for chain in chains for side in chain],
        scope.givens(),
        timeout=timeout,
        trials=trials,
        seed=seed,
        device=device,
        against=against,
        hypotheses=hypotheses,
        starts=_chain_starts(chains),
    )


def _chain_starts(chains) -> set[int]:
    """Positions (in the sides of all chains, one after another) of the sides that start a chain
    after the first: no step ends there."""
    starts, position = set(), 0
    for chain in chains:
        if position:
            starts.add(position)
        position += len(chain)
    return starts


def _result_side(entry) -> Side:
    from derive.rendering.latex import render_latex

    result = entry.result.rhs if isinstance(entry.result, Equation) else entry.result
    return Side(result, f"the result of {entry.id}: {render_latex(result)}")


def check_chain(
    sides, givens, *, timeout, trials, seed, device, against=None, hypotheses=Hypotheses(), starts=()
) -> VerifyReport:
    """Decide each consecutive pair of parsed sides (but for a pair whose second side starts a new
    chain, a position in ``starts``). A step that does not hold as written is decided again under
    the ``hypotheses``; it is valid when it holds under them, and its method names them."""
    steps = [(a, b) for position, (a, b) in enumerate(itertools.pairwise(sides), 1) if position not in starts]
    pairs = [_aligned(a.expr, b.expr) for a, b in steps]
    assumed = [tuple(hypotheses.substituted(side) for side in pair) for pair in pairs] if hypotheses else []
    constraints = hypotheses.constraints
    begun = time.perf_counter()
    sizes = {dim: SYMBOLIC_SIZE for dim in dimension_symbols(givens)}
    identical = [identical_sides(lhs, rhs) for lhs, rhs in pairs]
    identical += [same or identical_sides(*pair) for same, pair in zip(identical, assumed)]
    checks = [(lhs, rhs, ()) for lhs, rhs in pairs] + [(lhs, rhs, constraints) for lhs, rhs in assumed]
    with Batch() as children:  # an exception (KeyboardInterrupt too) kills every child still running
        running = [  # identical sides are decided here, without a child or numbers (x^{10^8} = x^{10^8})
            IDENTICAL
            if same
            else children.started(
                decide, (i % len(pairs) + 1, lhs, Step(rhs, "as written", using=using), givens, sizes), timeout
            )
            for i, ((lhs, rhs, using), same) in enumerate(zip(checks, identical))
        ]
        unsatisfiable = f"random inputs cannot be drawn that satisfy {hypotheses.named()}" if constraints else None
        skipped = [IDENTICAL_NUMBERS if same else None for same in identical[: len(pairs)]]
        skipped += [IDENTICAL_NUMBERS if same else unsatisfiable for same in identical[len(pairs) :]]
        numeric = _numeric_opinions(pairs + assumed, skipped, givens, trials, seed, device)
        outcomes = [
            (_identical(i % len(pairs) + 1) if run is IDENTICAL else run.wait(), time.perf_counter() - begun)
            for i, run in enumerate(running)
        ]
    results = []
    for index, (lhs, rhs) in enumerate(pairs, start=1):
        status, method, verdict = _step_decided(index, outcomes[index - 1], numeric[index - 1], timeout)
        if assumed and status != VALID:
            position = len(pairs) + index - 1
            status, method, verdict = _step_decided(index, outcomes[position], numeric[position], timeout)
            method = f"under the hypotheses {hypotheses.named()}: {method}"
            lhs, rhs = assumed[index - 1]
        diagnosis = _diagnosis(lhs, rhs, givens) if status == INVALID and not constraints else None
        if against is not None and index == len(pairs):
            method = f"against the catalog entry {against}: {method}"
        notes = tuple(dict.fromkeys(steps[index - 1][0].notes + steps[index - 1][1].notes))
        if notes:
            method = f"{method}; " + "; ".join(notes)
        counterexample = verdict.counterexample if status == INVALID else None
        side_texts = (steps[index - 1][0].text, steps[index - 1][1].text)
        results.append(StepResult(index, *side_texts, status, method, counterexample, diagnosis))
    return VerifyReport.of_steps(tuple(results))


def _step_decided(index, timed_outcome, opinion, timeout):
    outcome, elapsed = timed_outcome
    verdict = verdict_of(outcome, index, timeout, elapsed)
    return (*_decided(verdict, opinion), verdict)


IDENTICAL = object()  # in place of a child: the sides are identical
IDENTICAL_NUMBERS = "not needed: the sides are identical"


def _identical(index: int) -> Outcome:
    return Outcome(StepVerdict(index, PROVED, "", "the sides are identical"))


def _aligned(lhs, rhs):
    """A bare 0 beside a vector or matrix is that shape's zero."""
    if isinstance(lhs, MatrixExpr) and rhs == 0:
        return lhs, sp.ZeroMatrix(*lhs.shape)
    if isinstance(rhs, MatrixExpr) and lhs == 0:
        return sp.ZeroMatrix(*rhs.shape), rhs
    return lhs, rhs


def _same_shape(lhs, rhs) -> bool:
    left = tuple(lhs.shape) if isinstance(lhs, MatrixExpr) else ()
    right = tuple(rhs.shape) if isinstance(rhs, MatrixExpr) else ()
    return left == right


def _numeric_opinions(pairs, skipped, givens, trials, seed, device) -> list:
    """The numeric opinion of each pair, but for those with a reason in ``skipped`` (no JAX is
    imported when every pair has one)."""
    results = [NumericResult("unavailable", reason=reason) if reason else None for reason in skipped]
    wanted = [position for position, reason in enumerate(skipped) if not reason]
    if not wanted:
        return results
    from derive.cache.directory import use_compilation_cache
    from derive.verifying.numeric import compare_numerically

    use_compilation_cache()  # a derivation verified again skips XLA compilation

    usable = [pairs[p] if _same_shape(*pairs[p]) else None for p in wanted]
    try:
        found = compare_numerically(usable, givens, trials, seed, device)
    except DeriveError:
        raise
    except Exception as exc:
        if type(exc).__name__ == "DeviceUnavailable":
            raise
        found = [NumericResult("unavailable", reason=f"{type(exc).__name__}: {exc}"[:200])] * len(wanted)
    for position, result in zip(wanted, found):
        results[position] = result
    return results


def _decided(verdict, numeric) -> tuple[str, str]:
    symbolic = f"symbolic, {verdict.method}: {verdict.reason}" if verdict.method else f"symbolic: {verdict.reason}"
    opinion = numeric.describe()
    if verdict.status == PROVED and numeric.outcome != "differ":
        return VALID, f"{symbolic}; {opinion}"
    if verdict.status == REFUTED and numeric.outcome != "agree":
        return INVALID, f"{symbolic}; {opinion}"
    if verdict.status in (PROVED, REFUTED):
        return UNKNOWN_STEP, f"the checkers disagree: {symbolic}, but {opinion}"
    return UNKNOWN_STEP, f"undecided: {symbolic}; {opinion}"


def _diagnosis(lhs, rhs, givens) -> str | None:
    from derive.verifying.diagnosis import diagnose

    return diagnose(lhs, rhs, givens)

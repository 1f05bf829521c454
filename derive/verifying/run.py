"""``derive verify``: check a derivation written in LaTeX, step by step, both ways.

Each step ``E_k = E_{k+1}`` is decided by the symbolic checker (derive.checking.symbolic: both sides
on an explicit small instance, derivatives computed entry by entry) and, as a second opinion,
numerically with JAX on random inputs from the declared domains (derivatives by autodiff).

    valid    the symbolic checker proves it and the numbers agree (or cannot be computed)
    invalid  the symbolic checker refutes it with a counterexample and the numbers do not agree
    unknown  undecided in time, or the two checkers disagree: the reason says which

Rows related by ``\\iff``, ``\\implies`` or a stated relation (``\\le``, ``\\approx``...) are read row
by row and decided as derive/verifying/relations.py says; a stated relation is always unknown.

All steps' symbolic checks run in child processes (as many at once as there are CPUs, each with the
step's time limit in CPU seconds) while JAX runs the numeric batch.
"""

from __future__ import annotations

import dataclasses
import itertools
import time

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

from derive.checking.symbolic import identical_sides, verdict_of
from derive.checking.timeout import Batch, Outcome
from derive.checking.verdicts import PROVED, REFUTED, StepVerdict
from derive.core.defaults import SEED, STEP_SECONDS, VERIFY_TRIALS
from derive.core.errors import DeriveError
from derive.core.model import Equation
from derive.core.symbols import dimension_symbols
from derive.verifying.declarations import parse_declarations
from derive.verifying.hypotheses import Hypotheses, is_condition, is_equation, read_conditions, read_equations
from derive.verifying.laws import is_law, read_laws
from derive.verifying.lexer import ParseError, name_key
from derive.verifying.opinion import NumericResult
from derive.verifying.parser import math_of_document, parse_derivation, parse_row
from derive.verifying.relations import (
    EQUALS,
    IFF,
    IMPLIES,
    SYMBOLS,
    Link,
    Value,
    aligned,
    decide_link,
    has_relations,
    links_of,
    rows_of,
    solution_residual,
    stated_reason,
)
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
    conditions = [text for text in where if text not in laws and is_condition(text)]
    equations = [text for text in where if text not in laws + conditions and is_equation(text)]
    givens = parse_declarations([text for text in where if text not in equations + conditions])  # laws skipped
    entry = None
    if against is not None:
        from derive.registry import get

        entry = get(against)
        declared = {name_key(g.name) for g in givens}
        givens = tuple(g for g in entry.givens if name_key(g.name) not in declared) + givens
    counts = entry_counts(entry, givens) if entry is not None else {}
    scope = Scope.of(givens, extra_dims=counts)
    if entry is not None:
        scope.laws.update(entry_laws(entry, scope))
    read_laws(laws, scope)  # a law in --where overrides the entry's
    hypotheses = read_equations(equations, scope)
    hypotheses = dataclasses.replace(hypotheses, conditions=read_conditions(conditions, scope))
    latex = math_of_document(latex)
    links, chains = _read(latex, scope)
    if entry is not None and chains:
        links.append(_against(chains[-1][-1], entry, scope))
    if not links:
        defined = ", ".join(scope.functions)
        problem = f"nothing to check: {defined} defined, but no " if defined else "nothing to check: write a "
        raise ParseError(problem + "chain E_0 = E_1 = ...", latex, len(latex.rstrip()), "the derivation")
    return check_links(
        links,
        scope.givens(),
        timeout=timeout,
        trials=trials,
        seed=seed,
        device=device,
        against=against,
        hypotheses=hypotheses,
        counts=counts,
    )


def _read(latex: str, scope: Scope) -> tuple[list[Link], list[list[Value]]]:
    """The links to decide and the values of each chain: a chain of '=' is read whole (definitions
    and Markdown rows included), one with other relations row by row (derive/verifying/relations.py)."""
    label = "the derivation"
    if has_relations(latex):
        rows = [parse_row(row, scope, label) for row in rows_of(latex)]
        return links_of(rows, latex, label)
    chains = [
        [Value(side.expr, side.text, side.notes) for side in chain]
        for chain in parse_derivation(latex, scope, label).chains
    ]
    return [Link(a, EQUALS, b) for chain in chains for a, b in itertools.pairwise(chain)], chains


def _against(last: Value, entry, scope: Scope) -> Link:
    """The step from the final value to the entry's result (for an equation, right side to right side),
    the result written in the symbols declared for the entry's givens."""
    from derive.core.intermediates import definitions
    from derive.rendering.latex import render_latex

    result = entry.result.rhs if isinstance(entry.result, Equation) else entry.result
    result = (
        result.xreplace(definitions(entry)) if entry.intermediates else result
    )  # its named intermediates written out
    declared = {g.symbol: scope.declared[name_key(g.name)].symbol for g in entry.givens}
    result = result.xreplace({old: new for old, new in declared.items() if old != new})
    if isinstance(last.expr, Equation):
        last = Value(last.expr.rhs, last.rhs_text, last.notes)
    return Link(last, EQUALS, Value(result, f"the result of {entry.id}: {render_latex(result)}"))


def entry_laws(entry, scope) -> dict:
    """The laws of the entry's random givens, in the symbols declared for its givens (its
    parameters too): against an entry, its E[...] rows mean what the entry's mean."""
    declared = {g.symbol: scope.declared[name_key(g.name)].symbol for g in entry.givens}
    renamed = {old: new for old, new in declared.items() if old != new}

    def rewritten(value):
        if isinstance(value, tuple):
            return tuple(rewritten(part) for part in value)
        return value.xreplace(renamed) if isinstance(value, sp.Basic) else value

    laws = {}
    for given in entry.givens:
        if given.law is not None:
            fields = {f.name: rewritten(getattr(given.law, f.name)) for f in dataclasses.fields(given.law)}
            laws[declared[given.symbol]] = dataclasses.replace(given.law, **fields)
    return laws


def entry_counts(entry, givens) -> dict:
    """The entry's dimensions that no given's shape uses (bayesian-ab-test's counts k_A, f_A), at
    the entry's sizes: against the entry, these letters are its whole numbers, not real scalars."""
    shaped = set(dimension_symbols(givens))
    return {dim: size for dim, size in entry.sizes if dim not in shaped}


def check_links(
    links, givens, *, timeout, trials, seed, device, against=None, hypotheses=Hypotheses(), counts=None
) -> VerifyReport:
    """Decide each link. A link that is not valid as written is decided again under the
    ``hypotheses``; it is valid when it holds under them, and its method names them. A stated link
    (\\le, \\approx, ...) is not decided: unknown, "stated: ..."."""
    pairs = [aligned(link.before.expr, link.after.expr) for link in links]
    assumed = [tuple(hypotheses.substituted(side) for side in pair) for pair in pairs] if hypotheses else []
    relations = [link.relation for link in links] * (2 if assumed else 1)
    begun = time.perf_counter()
    sizes = symbolic_sizes(givens) | (counts or {})
    decided = [link.relation == EQUALS and not link.stated for link in links] * (2 if assumed else 1)
    identical = [plain and identical_sides(*pair) for plain, pair in zip(decided, pairs + assumed)]
    identical[len(pairs) :] = [a or b for a, b in zip(identical, identical[len(pairs) :])]
    checks = [(*pair, ()) for pair in pairs] + [(*pair, hypotheses.constraints) for pair in assumed]
    with Batch() as children:  # an exception (KeyboardInterrupt too) kills every child still running
        running = []
        for i, ((lhs, rhs, using), same, relation) in enumerate(zip(checks, identical, relations)):
            if same:  # identical sides are decided here, without a child or numbers (x^{10^8} = x^{10^8})
                running.append(IDENTICAL)
            elif links[i % len(links)].stated:
                running.append(STATED)
            else:
                arguments = (i % len(pairs) + 1, lhs, relation, rhs, givens, sizes, using, hypotheses.conditions)
                running.append(children.started(decide_link, arguments, timeout))
        stated = [link.stated for link in links] * (2 if assumed else 1)
        skipped = [_numbers_skipped(rel, same, claim) for rel, same, claim in zip(relations, identical, stated)]
        if hypotheses.constraints:
            unsatisfiable = f"random inputs cannot be drawn that satisfy {hypotheses.named()}"
            skipped[len(pairs) :] = [reason or unsatisfiable for reason in skipped[len(pairs) :]]
        numeric = _numeric_opinions(_numeric_pairs(links, pairs + assumed), skipped, givens, trials, seed, device)
        outcomes = [_outcome(i % len(pairs) + 1, run, begun) for i, run in enumerate(running)]
    results = []
    for index, link in enumerate(links, start=1):
        lhs, rhs = pairs[index - 1]
        status, method, verdict = _link_decided(link, index, outcomes[index - 1], numeric[index - 1], timeout)
        if assumed and status != VALID and not link.stated:
            position = len(pairs) + index - 1
            status, method, verdict = _step_decided(index, outcomes[position], numeric[position], timeout)
            method = f"under the hypotheses {hypotheses.named()}: {method}"
            lhs, rhs = assumed[index - 1]
        plain = status == INVALID and not hypotheses.constraints and link.relation == EQUALS
        diagnosis = _diagnosis(lhs, rhs, givens) if plain else None
        if against is not None and index == len(links):
            method = f"against the catalog entry {against}: {method}"
        notes = tuple(dict.fromkeys(link.before.notes + link.after.notes))
        if notes:
            method = f"{method}; " + "; ".join(notes)
        counterexample = verdict.counterexample if status == INVALID else None
        texts = (link.before.text, link.after.text)
        results.append(StepResult(index, *texts, status, method, counterexample, diagnosis, SYMBOLS[link.relation]))
    return VerifyReport.of_steps(tuple(results))


def decided_here(latex: str, where=()) -> list:
    """The symbolic verdicts of a derivation's '=' links, decided in this process with no time
    bound: only for derive's own, known-small derivations (warming up a batch; see batch.py)."""
    givens = parse_declarations(where)
    links, _ = _read(latex, Scope.of(givens))
    sizes = symbolic_sizes(givens)
    pairs = [aligned(link.before.expr, link.after.expr) for link in links]
    return [decide_link(i, lhs, EQUALS, rhs, givens, sizes) for i, (lhs, rhs) in enumerate(pairs, start=1)]


def symbolic_sizes(givens) -> dict:
    """Every dimension SYMBOLIC_SIZE, raised by one at a time where a shape such as d - r would be
    empty (rank-nullity's V_2 is d x (d - r))."""
    sizes = {dim: SYMBOLIC_SIZE for dim in dimension_symbols(givens)}
    extents = {e for g in givens for e in g.shape if isinstance(e, sp.Expr) and e.free_symbols}
    for _ in range(4 * len(sizes)):
        empty = next((e for e in extents if e.subs(sizes) < 1), None)
        if empty is None:
            break
        growing = [
            dim for dim in sorted(empty.free_symbols, key=str) if dim in sizes and sp.diff(empty, dim).is_positive
        ]
        if not growing:
            break
        sizes[growing[0]] += 1
    return sizes


def _outcome(index, run, begun):
    """A link's outcome and the time since the batch began (a stated link has none)."""
    if run is STATED:
        return run
    outcome = _identical(index) if run is IDENTICAL else run.wait()
    return outcome, time.perf_counter() - begun


def _link_decided(link: Link, index, timed_outcome, opinion, timeout):
    if link.stated:
        return UNKNOWN_STEP, stated_reason(link), None
    return _step_decided(index, timed_outcome, opinion, timeout)


def _numbers_skipped(relation: str, identical: bool, stated: bool) -> str | None:
    """Why a link gets no numeric opinion, or None."""
    if identical:
        return IDENTICAL_NUMBERS
    if stated:
        return "a stated relation is not computed"
    if relation == IFF:
        return "an equivalence is decided symbolically: its factor is found on the explicit instance"
    return None


def _numeric_pairs(links, pairs) -> list:
    """What the numbers compare for each pair: its sides, or for \\implies the equation's residual
    with the value substituted, against 0."""
    found = []
    for position, (lhs, rhs) in enumerate(pairs):
        relation = links[position % len(links)].relation
        found.append(solution_residual(lhs, rhs) if relation == IMPLIES else (lhs, rhs))
    return found


def _step_decided(index, timed_outcome, opinion, timeout):
    outcome, elapsed = timed_outcome
    verdict = verdict_of(outcome, index, timeout, elapsed)
    return (*_decided(verdict, opinion), verdict)


IDENTICAL = object()  # in place of a child: the sides are identical
STATED = object()  # in place of a child: a stated link is not decided
IDENTICAL_NUMBERS = "not needed: the sides are identical"


def _identical(index: int) -> Outcome:
    return Outcome(StepVerdict(index, PROVED, "", "the sides are identical"))


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

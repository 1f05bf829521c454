"""Printed = checked: every catalog entry's printed chains, pasted into `derive verify` exactly as
the worked solution prints them (derive/rendering/worked.py's ``chain_latex``: an align* of rows
joined by =, \\iff, \\implies or a stated relation, with \\tag justifications that verify skips), with
the entry's givens as --where declarations, verify as valid; corrupted, they are invalid at the
right step.

Segments. A hypothesis applies only to the rows that use it, so each chain is cut into maximal runs
of consecutive steps that assume the same things: the same ``Step.using`` equations (a given's
``defined_by`` equation or an earlier step's, printed with render_latex as --where hypotheses)
and the same ``nonzero=`` conditions (--where ``c \\neq 0``, or ``\\det(M) \\neq 0`` for a matrix M
assumed invertible). A run is printed as chain_latex prints it from the row before it; the run
that ends with the entry's last step goes through ``derive.verify(..., against=ID)``, so its last
step is also the result of the entry, as `derive verify --against ID` checks it.

Stated rows (\\le, <, \\approx, \\overset{\\mathbb{E}}{=}, \\therefore ...) verify cannot prove: it reports
them "unknown (stated: ...)"; a stated '=' (a closed form shown only numerically) it decides as an
equality, and may leave unknown. Such an unknown row counts as read back only because the catalog
covers it: its catalog step is a stated step whose bound checks (``checked_by``) the catalog
checker confirms claim it (STATED) and which all PASS here. Every other row must be valid.
"""

from __future__ import annotations

import dataclasses

import pytest

import derive
from derive.checking.numeric import run_checks
from derive.checking.symbolic import check_step
from derive.checking.verdicts import PASS, STATED
from derive.core.errors import DeriveError
from derive.core.intermediates import expanded, uses
from derive.core.model import EQUALS, STATES
from derive.core.symbols import REAL, Given
from derive.rendering.latex import render_latex
from derive.rendering.worked import chain_latex, chains
from derive.verifying.declarations import declaration
from derive.verifying.report import UNKNOWN_STEP, VALID

from .mutation_tools import GENERIC

CORE = ("logistic-grad", "normal-equations", "svm-kkt", "pca-lagrangian", "backprop-mlp")
# Entries not yet read back valid (bench/readback.py, 2026-12-07 06:05-06:48), with the reason.
# notation: a printed row or --where text verify's parser does not read yet; catalog: the printed
# row is not what it claims or is no notation a person writes; verify: beyond what verify decides.
NOT_YET: dict[str, str] = {
}


@dataclasses.dataclass(frozen=True)
class Segment:
    """Steps ``first``..``first + len(steps) - 1`` of an entry (1-based), printed from ``previous``."""

    previous: object
    steps: tuple
    first: int
    against: str | None

    @property
    def latex(self) -> str:
        return chain_latex(self.previous, list(self.steps))

    @property
    def assumes(self) -> list[str]:
        equations = [render_latex(equation) for equation in self.steps[0].using]
        return equations + [condition_text(c) for c in self.steps[0].nonzero]


def condition_text(condition) -> str:
    """A ``nonzero=`` condition as --where text: ``c \\neq 0``, ``\\det(M) \\neq 0``."""
    shape = getattr(condition, "shape", (1, 1))
    if shape != (1, 1):
        return rf"\det\left({render_latex(condition)}\right) \neq 0"
    return rf"{render_latex(condition)} \neq 0"


def segments(entry) -> list[Segment]:
    found, index = [], 1
    for start, steps in chains(entry):
        previous, run = start, []
        for step in steps:
            if run and (step.using, step.nonzero) != (run[0].using, run[0].nonzero):
                found.append(Segment(previous, tuple(run), index - len(run), None))
                previous, run = run[-1].expr, []
            run.append(step)
            index += 1
        found.append(Segment(previous, tuple(run), index - len(run), None))
    found[-1] = dataclasses.replace(found[-1], against=entry.id)
    return found


def declarations(entry) -> list[str]:
    found = [declaration(given) for given in entry.givens]
    missing = [g.name for g, text in zip(entry.givens, found) if text is None]
    assert not missing, f"{entry.id}: no --where declaration for the domain of {', '.join(missing)}"
    return found


def intermediates(entry, segment: Segment) -> list[str]:
    """The named intermediates the segment's rows use (and those their values use), printed in a
    justification ("where \\delta = ..."), as --where: each declared and defined by a hypothesis
    that substitutes its value."""
    shown = [segment.previous, *(step.expr for step in segment.steps), *segment.steps[0].using]
    wanted = {named.symbol for named in entry.intermediates if any(uses(expr, named.symbol) for expr in shown)}
    for named in reversed(entry.intermediates):  # a later intermediate's value uses only earlier ones
        if named.symbol in wanted:
            wanted |= {earlier.symbol for earlier in entry.intermediates if uses(named.value, earlier.symbol)}
    found = []
    for named in entry.intermediates:
        if named.symbol not in wanted:
            continue
        found.append(declaration(Given(named.symbol, named.meaning or "intermediate", REAL)))
        found.append(f"{render_latex(named.symbol)} = {render_latex(named.value)}")
    return found


# CPU seconds per step (derive verify's default is 30): the slowest step of a valid entry took 19
# (logistic-hessian, measured in the symbolic child on 2026-12-07), and a step that cannot be
# decided costs its entry all of them, twice when it is decided again under the hypotheses.
STEP_SECONDS = 60


def verified(entry, segment: Segment, where=None):
    where = declarations(entry) + intermediates(entry, segment) + segment.assumes if where is None else where
    return derive.verify(segment.latex, where, against=segment.against, trials=8, timeout=STEP_SECONDS)


def stated_step_covered(entry, number: int) -> str | None:
    """None when the catalog covers stated step ``number``: its bound checks are confirmed to claim
    it (STATED) and all PASS; otherwise why not."""
    entry = expanded(entry)  # its named intermediates written out, as the checkers see it
    step = entry.steps[number - 1]
    if step.relation != STATES or not step.checked_by:
        return f"step {number} is not a stated step with bound checks"
    previous = entry.start
    for position, earlier in enumerate(entry.steps[:number], start=1):
        if earlier.start is not None:
            previous = earlier.start
        if position < number:
            previous = earlier.expr
    bound = tuple(entry.checks[n - 1] for n in step.checked_by)
    verdict = check_step(number, previous, step, entry.givens, dict(entry.sizes), 120, bound=bound)
    if verdict.status != STATED:
        return f"step {number}: the catalog checker does not confirm its bound checks ({verdict.reason})"
    failed = [r for r in run_checks(entry, bound) if r.status != PASS]
    return f"step {number}: bound checks did not pass: {failed}" if failed else None


UNREADABLE, INVALID, UNDECIDED = "unreadable", "invalid", "undecided"


def read_back(entry_id: str) -> list[tuple[str, str]]:
    """What keeps the entry from reading back, as (unreadable | invalid | undecided, what and
    where): empty when every printed row is valid or is a stated row the catalog covers."""
    entry = derive.get(entry_id)
    problems = []
    for segment in segments(entry):
        try:
            report = verified(entry, segment)
        except DeriveError as error:  # what `derive verify` reports with exit status 2
            problems.append((UNREADABLE, f"steps {segment.first}-: {str(error).splitlines()[0]}"))
            continue
        expected = len(segment.steps) + bool(segment.against)
        if len(report.steps) != expected:  # each printed row must be read as one step
            problems.append((UNREADABLE, f"steps {segment.first}-: {len(report.steps)} steps read, {expected} printed"))
            continue
        for result in report.steps:
            number = segment.first + result.index - 1
            against = segment.against and result.index == len(report.steps)
            if result.status == VALID:
                continue
            if result.status == UNKNOWN_STEP and not against and entry.steps[number - 1].relation == STATES:
                reason = stated_step_covered(entry, number)
                if reason is not None:
                    problems.append((UNDECIDED, reason))
                continue
            where = "the result" if against else f"step {number}"
            kind = INVALID if result.status == "invalid" else UNDECIDED
            problems.append((kind, f"{where}: {result.lhs} {result.relation} {result.rhs}: {result.method}"))
    return problems


def _ids():
    for entry_id in derive.ids():
        marks = [] if entry_id in CORE else [pytest.mark.slow]
        if entry_id in NOT_YET:
            marks.append(pytest.mark.xfail(reason=NOT_YET[entry_id], strict=True))
        yield pytest.param(entry_id, id=entry_id, marks=marks)


@pytest.mark.parametrize("entry_id", list(_ids()))
def test_printed_chains_verify_as_valid(entry_id):
    problems = read_back(entry_id)
    assert not problems, f"{entry_id}:\n" + "\n".join(f"{kind}: {text}" for kind, text in problems)


@pytest.mark.parametrize("entry_id", ["adam-bias-correction", "sgd-unbiased"])
def test_against_an_entry_its_random_givens_keep_their_laws(entry_id):
    """--against ID reads E[...] with the entry's laws: the --where declarations need not restate them."""
    entry, segment = derive.get(entry_id), segments(derive.get(entry_id))[-1]
    lawless = [declaration(dataclasses.replace(g, law=None)) for g in entry.givens]
    where = lawless + intermediates(entry, segment) + segment.assumes
    assert all(r"\sim" not in text for text in where)
    assert verified(entry, segment, where).verdict == "valid"


def test_segments_cover_every_step_once():
    for entry in derive.entries():
        found = segments(entry)
        numbers = [segment.first + k for segment in found for k in range(len(segment.steps))]
        assert numbers == list(range(1, len(entry.steps) + 1)), entry.id
        assert [s.against for s in found].count(entry.id) == 1 and found[-1].against == entry.id
        for segment in found:  # a hypothesis is given only to the rows that use it
            assert {(s.using, s.nonzero) for s in segment.steps} == {(segment.steps[0].using, segment.steps[0].nonzero)}


def _corruptions():
    """(entry id, step number, corruption name) for every '=' step of the core entries."""
    names = list(GENERIC)
    for entry_id in CORE:
        for number, step in enumerate(derive.get(entry_id).steps, start=1):
            if step.relation == EQUALS:
                yield pytest.param(entry_id, number, names[number % len(names)], id=f"{entry_id}-{number}")


@pytest.mark.parametrize(("entry_id", "number", "corruption"), list(_corruptions()))
def test_a_corrupted_step_is_invalid_at_that_step(entry_id, number, corruption):
    entry = derive.get(entry_id)
    (segment,) = [s for s in segments(entry) if s.first <= number < s.first + len(s.steps)]
    position = number - segment.first
    steps = list(segment.steps)
    steps[position] = dataclasses.replace(steps[position], expr=GENERIC[corruption](steps[position].expr))
    report = verified(entry, dataclasses.replace(segment, steps=tuple(steps), against=None))
    assert report.verdict == "invalid" and report.first_invalid_step == position + 1, report.to_text()


@pytest.mark.parametrize("entry_id", CORE)
@pytest.mark.parametrize("corruption", list(GENERIC))
def test_a_wrong_result_is_invalid_against_the_entry(entry_id, corruption):
    """The last segment's final row replaced by a wrong one: invalid at the step against the entry."""
    entry = derive.get(entry_id)
    segment = segments(entry)[-1]
    last = segment.steps[-1]
    expr = last.expr
    wrong = (
        dataclasses.replace(expr, rhs=GENERIC[corruption](expr.rhs))
        if hasattr(expr, "rhs")
        else GENERIC[corruption](expr)
    )
    steps = (*segment.steps[:-1], dataclasses.replace(last, expr=wrong))
    report = verified(entry, dataclasses.replace(segment, steps=steps))
    assert report.verdict == "invalid", report.to_text()
    assert report.steps[-1].status == "invalid", report.to_text()

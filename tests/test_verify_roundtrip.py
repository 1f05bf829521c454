"""Printer and parser agree: every catalog entry's printed steps, pasted into `derive verify` with
its givens as --where declarations, verify as valid; corrupted, they are invalid at the right step.

Only plain '=' steps round-trip (docs/verify.md): a step that is an equivalence, a solution, a
statement, or that relies on assumed equations (``using``) is not a chain a student would paste.
Entries whose printed notation NOTATION.md does not cover are skipped with the parser's reason,
and so are steps of later entries that SymPy cannot decide within the time limit (never counted
as valid); the five founding entries must round-trip completely.
"""

import pytest

import derive
from derive.core.model import EQUALS
from derive.rendering.latex import render_latex
from derive.verifying.declarations import declaration
from derive.verifying.lexer import ParseError

from .mutation_tools import GENERIC, with_wrong_result

CORE = ("logistic-grad", "normal-equations", "svm-kkt", "pca-lagrangian", "backprop-mlp")


def equals_chains(entry) -> list[list[tuple]]:
    """Runs of consecutive plain '=' steps, each a list of (step index, lhs, rhs)."""
    runs, current, previous = [], [], entry.start
    for index, step in enumerate(entry.steps, start=1):
        if step.start is not None:
            previous = step.start
        plain = step.relation == EQUALS and not step.using
        if current and (not plain or current[-1][2] is not previous):
            runs.append(current)
            current = []
        if plain:
            current.append((index, previous, step.expr))
        previous = step.expr
    return [*runs, current] if current else runs


def chain_text(chain) -> str:
    return " = ".join([render_latex(chain[0][1])] + [render_latex(rhs) for _, _, rhs in chain])


def declarations(entry) -> list[str]:
    found = [declaration(given) for given in entry.givens]
    missing = [g.name for g, text in zip(entry.givens, found) if text is None]
    if missing:
        pytest.skip(f"{entry.id}: no --where set for the domain of {', '.join(missing)}")
    return found


def verified(entry, chain, where):
    try:
        return derive.verify(chain_text(chain), where, trials=8, timeout=120)
    except ParseError as error:
        if entry.id in CORE:
            raise
        pytest.skip(f"{entry.id}, steps {chain[0][0]}-{chain[-1][0]}: printed notation not understood: {error.problem}")


def _ids(slow_unless_core: bool = True):
    for entry_id in derive.ids():
        marks = () if entry_id in CORE else (pytest.mark.slow,)
        yield pytest.param(entry_id, id=entry_id, marks=marks)


@pytest.mark.parametrize("entry_id", list(_ids()))
def test_printed_steps_verify_as_valid(entry_id):
    entry = derive.get(entry_id)
    where = declarations(entry)
    chains = equals_chains(entry)
    if not chains:
        pytest.skip(f"{entry_id} has no plain '=' steps")
    undecided = []
    for chain in chains:
        report = verified(entry, chain, where)
        if report.verdict == "unknown" and entry_id not in CORE:
            undecided.append(f"steps {chain[0][0]}-{chain[-1][0]}: {report.message}")
            continue
        assert report.verdict == "valid", f"{entry_id}:\n{chain_text(chain)}\n{report.to_text()}"
    if undecided:
        pytest.skip(f"{entry_id}: undecided within the time limit: {'; '.join(undecided)}")


def test_the_core_entries_have_chains():
    assert all(equals_chains(derive.get(entry_id)) for entry_id in CORE)


def _corruptions():
    """(entry id, step index, corruption name) for every plain step of the core entries."""
    names = list(GENERIC)
    for entry_id in CORE:
        for chain in equals_chains(derive.get(entry_id)):
            for position, (index, _, _) in enumerate(chain):
                yield pytest.param(entry_id, index, names[(index + position) % len(names)], id=f"{entry_id}-{index}")


@pytest.mark.parametrize(("entry_id", "index", "corruption"), list(_corruptions()))
def test_a_corrupted_step_is_invalid_at_that_step(entry_id, index, corruption):
    entry = derive.get(entry_id)
    (chain,) = [c for c in equals_chains(entry) if any(i == index for i, _, _ in c)]
    position = next(k for k, (i, _, _) in enumerate(chain) if i == index)
    corrupt = GENERIC[corruption]
    broken = [(i, lhs, rhs) for i, lhs, rhs in chain]
    i, lhs, rhs = broken[position]
    broken[position] = (i, lhs, corrupt(rhs))
    if position + 1 < len(broken):
        j, _, following = broken[position + 1]
        broken[position + 1] = (j, corrupt(rhs), following)
    report = derive.verify(chain_text(broken), declarations(entry), trials=8, timeout=120)
    assert report.verdict == "invalid" and report.first_invalid_step == position + 1, report.to_text()


@pytest.mark.parametrize(
    "entry_id", [e for e in CORE if equals_chains(derive.get(e))[-1][-1][0] == len(derive.get(e).steps)]
)
@pytest.mark.parametrize("corruption", list(GENERIC))
def test_a_wrong_result_is_invalid_at_the_last_step(entry_id, corruption):
    original = derive.get(entry_id)
    entry = with_wrong_result(original, GENERIC[corruption])
    chain = equals_chains(entry)[-1]
    report = derive.verify(chain_text(chain), declarations(entry), trials=8, timeout=120)
    assert report.verdict == "invalid" and report.first_invalid_step == len(chain), report.to_text()

"""The authors' LaTeX text of every entry (issue 15, point 4): no ASCII math or conversion artefacts
left anywhere a reader sees it, and every stated step prints the relation it claims."""

import re

import pytest
import sympy as sp

import derive
from derive.core.model import STATES, Equation

from .test_latex import ascii_math, prose

# artefacts of the old ASCII-to-LaTeX conversion, each with what it should have been
ARTEFACTS = {
    r"(?<!\\)\$ ?(?:[=+\-<>]|\\leq|\\geq|\\sim)? ?(?<!\\)\$": "one formula split in two ($a$ = $b$ for $a = b$)",
    r"\\cdot\$": r"a starred name set as a product (t \cdot for t^{\star})",
    r"(?<![\\\w])[a-zA-Z] x [a-zA-Z](?!\w)": r"a shape written n x d (n \times d)",
    r"\\mathbb\{E\} =": "a name E set as the expectation sign",
    r"(?<!\w)d o(?!\w)": "a word split into letters",
    r"-\$>": r"an arrow split around a formula (-$>$ for \to)",
    r"_\\\{": r"a subscript's braces escaped (\sum_\{i$ in $B\} for \sum_{i \in B})",
    r"\\_\(": r"a subscript written as text (x\_(bj) for $x_{bj}$)",
    r"_\{[a-z]( [a-z]){2,}\}": r"a word subscript set as a product of letters (x_{n e w} for x_{\mathrm{new}})",
}


def every_text(entry) -> list[str]:
    """What ``prose`` covers, and the meanings of named intermediates and the reasons for a chosen root."""
    return (
        prose(entry)
        + [named.meaning for named in entry.intermediates if named.meaning]
        + [step.root for step in entry.steps if step.root]
    )


def artefacts(text: str) -> list[str]:
    return [f"{why}: {m.group()!r}" for pattern, why in ARTEFACTS.items() for m in re.finditer(pattern, text)]


def test_the_artefact_patterns_find_what_they_describe():
    assert artefacts(r"so $a$ = $b$ and $t \cdot$ with $\mathbf{X} (n x d)$") == [
        "one formula split in two ($a$ = $b$ for $a = b$): '$ = $'",
        r"a starred name set as a product (t \cdot for t^{\star}): '\\cdot$'",
        r"a shape written n x d (n \times d): 'n x d'",
    ]
    assert len(artefacts(r"$g = \sum_\{i$ in $B\}$ and $x_{n e w}$")) == 2
    assert artefacts(r"so $a = b$, $t^{\star}$, $\mathbf{X}$ ($n \times d$) costs 5\$ or 6\$") == []


@pytest.mark.parametrize("entry_id", derive.ids())
def test_prose_has_no_ascii_math_and_no_conversion_artefacts(entry_id):
    entry = derive.get(entry_id)
    for text in every_text(entry):
        found = ascii_math(text) + artefacts(text)
        assert not found, (found, text)


@pytest.mark.parametrize("entry_id", derive.ids())
def test_every_stated_step_prints_the_relation_it_claims(entry_id):
    """A bare expression after 'therefore' hides what the step claims (log x therefore x - 1 lost its <=):
    a stated step is a relation, an equation, or says which relation it states (``states=``)."""
    for index, step in enumerate(derive.get(entry_id).steps, start=1):
        if step.relation == STATES:
            shown = step.states or isinstance(step.expr, (Equation, sp.core.relational.Relational))
            assert shown, f"step {index} states {step.expr} without a relation"

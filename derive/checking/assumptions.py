"""Where each ``using=`` equation of a step comes from (issue 14, class 3).

A step may assume an equation only if it is a given's ``defined_by`` equation (part of the
problem), an equation an earlier step of the same entry shows (its verdict then decides this
one's), or an equation of another entry cited by id (``Equation(..., cited=ID)``). Anything else
is an unsupported assumption, and the step is not proved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from derive.core.model import Derivation, Equation


@dataclass(frozen=True)
class Source:
    """Where an assumed equation comes from: ``step`` (its index) when an earlier step shows it."""

    equation: Equation
    text: str  # "step 2", "the definition of v", "entry normal-equations"; "" when unsupported
    step: int = 0


def same_equation(a: Equation, b) -> bool:
    """The same equation, written either way round."""
    return isinstance(b, Equation) and ((a.lhs, a.rhs) == (b.lhs, b.rhs) or (a.lhs, a.rhs) == (b.rhs, b.lhs))


def sources(derivation: Derivation, index: int) -> tuple[Source, ...]:
    """The source of every equation step ``index`` (from 1) assumes; ``text`` is empty for one
    with none. A cited equation's source is checked when the entry loads (``cited_problems``)."""
    found = []
    for equation in derivation.steps[index - 1].using:
        found.append(_source(derivation, index, equation))
    return tuple(found)


def _source(derivation: Derivation, index: int, equation: Equation) -> Source:
    for given in derivation.givens:
        if any(same_equation(equation, defining) for defining in given.defined_by):
            return Source(equation, f"the definition of {given.name}")
    for earlier, step in enumerate(derivation.steps[: index - 1], start=1):
        if same_equation(equation, step.expr):
            return Source(equation, f"step {earlier}", earlier)
    if equation.cited:
        return Source(equation, f"entry {equation.cited}")
    return Source(equation, "")


def cited_problems(derivation: Derivation, loader: Callable[[str], Derivation]) -> list[str]:
    """Each cited equation whose entry does not exist or does not show it, described."""
    problems = []
    for index, step in enumerate(derivation.steps, start=1):
        for equation in step.using:
            if not equation.cited:
                continue
            try:
                cited = loader(equation.cited)
            except (KeyError, LookupError, ValueError):
                problems.append(f"step {index} cites {equation.cited!r}, which is not a catalog entry")
                continue
            shown = [cited.start, *(s.expr for s in cited.steps)]
            if not any(same_equation(equation, expr) for expr in shown):
                problems.append(
                    f"step {index} cites {equation.cited!r}, whose steps do not show {equation}"
                )
    return problems

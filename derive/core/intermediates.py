"""Named intermediates written out: what the checkers compare (issue 15, point 3).

An entry's rows may say ``\\delta_{1}`` where ``\\delta_{1} = (\\mathbf{w}_{2} \\delta_{2}) \\odot
\\operatorname{ReLU}'(z_{1})``; before anything is checked, ``expanded`` puts every definition into
every expression of the entry (start, steps, assumed equations, results and numeric checks), so
the checkers see no name they could take as a free given, and a wrong definition is refused like
a wrong row.
"""

from __future__ import annotations

import dataclasses

import sympy as sp

from derive.core.checks import _Check as CheckSpec
from derive.core.model import Derivation, Equation, Stated


def definitions(derivation: Derivation) -> dict:
    """{symbol: value with every earlier intermediate written out}, in order of definition."""
    found: dict = {}
    for named in derivation.intermediates:
        found[named.symbol] = named.value.xreplace(found) if found else named.value
    return found


def substituted(value, mapping: dict):
    """``value`` with the symbols of ``mapping`` replaced, through equations, tuples and check specs."""
    if isinstance(value, sp.Basic):
        return value.xreplace(mapping)
    if isinstance(value, (Equation, Stated)):
        return dataclasses.replace(value, lhs=value.lhs.xreplace(mapping), rhs=value.rhs.xreplace(mapping))
    if isinstance(value, tuple):
        return tuple(substituted(item, mapping) for item in value)
    if isinstance(value, CheckSpec):
        changes = {field.name: substituted(getattr(value, field.name), mapping) for field in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def expanded(derivation: Derivation) -> Derivation:
    """The derivation with its intermediates written out (the same object when it has none)."""
    if not derivation.intermediates:
        return derivation
    mapping = definitions(derivation)
    steps = tuple(
        dataclasses.replace(
            step,
            expr=substituted(step.expr, mapping),
            start=substituted(step.start, mapping),
            using=substituted(step.using, mapping),
            nonzero=substituted(step.nonzero, mapping),
        )
        for step in derivation.steps
    )
    return dataclasses.replace(
        derivation,
        start=substituted(derivation.start, mapping),
        steps=steps,
        checks=substituted(derivation.checks, mapping),
        results=substituted(derivation.results, mapping),
        intermediates=(),
    )


def uses(expr, symbol) -> bool:
    """Whether a printed expression (or equation) shows ``symbol``."""
    if isinstance(expr, (Equation, Stated)):
        return uses(expr.lhs, symbol) or uses(expr.rhs, symbol)
    return isinstance(expr, sp.Basic) and expr.has(symbol)

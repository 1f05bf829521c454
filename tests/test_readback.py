"""Printed = checked (issue 15): every row the catalog prints is read back by derive's own parser,
in the entry's scope (its givens declared by their ``--where`` text), and is the same mathematics
as the SymPy expression the checker checked, with the same relation.

Rows are those derive/rendering/worked.py prints with render_latex: each chain's start, each step
(led by its relation: ``=``, ``\\le``, ``\\overset{\\mathbb{E}}{=}``...), every part of the boxed
result, the named intermediates ("where delta = ..."), the equations a step uses and those
defining a given; all printed as the worked solution prints them (a symmetric given's S^T as S).
A named intermediate is declared in the scope by its name, and both sides are compared with the
intermediates written out by their definitions, as the checkers compare them. Each side is compared on the explicit instance
the symbolic checker uses (the entry's sizes), at random points of the givens' domains
(tests/readback_tools.py): a scalar integral by quadrature, a scalar sum (a series to infinity too)
summed by SymPy's evalf at each point, not in closed form. What that instance cannot evaluate to
numbers (an expectation) is compared as SymPy evaluates it: both sides' ``doit()`` must agree on
the instance; failing that, the two expressions must be identical as SymPy builds them.
"""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

import derive
from derive.checking.instances import Instance
from derive.core.intermediates import definitions
from derive.core.model import EQUIVALENT, SOLVES, STATES, Equation, Stated
from derive.core.optimization import MinibatchMean
from derive.core.statistics import Expectation
from derive.core.symbols import Given
from derive.rendering.latex import render_latex, symmetric_givens
from derive.rendering.worked import RELATIONS, STATED_LEADS, chains, part_latex
from derive.verifying.declarations import declaration, parse_declarations
from derive.verifying.lexer import name_key
from derive.verifying.parser import parse_row
from derive.verifying.randomness import Law, Minibatch
from derive.verifying.scope import Scope

from .readback_tools import difference, sample_points

# SymPy's relations as a row names them (READ_RELATIONS' values)
SYMPY_RELATIONS = {sp.LessThan: "<=", sp.StrictLessThan: "<", sp.GreaterThan: ">=", sp.StrictGreaterThan: ">"}
# a step's lead (derive/rendering/worked.py) as the parser names it; a stated step's ``states``
# is already the parser's name (derive.core.model.STATED_RELATIONS' keys)
STEP_LEADS = {EQUIVALENT: "iff", SOLVES: "implies", STATES: "therefore"}

# entries whose rows are not all read back yet, each with the reason (strict xfails)
NOT_YET: dict[str, str] = {
}


def _sides(expr, lead: str) -> list[tuple[str, object]]:
    """The (relation, expression) sides a printed row must read back as."""
    if isinstance(expr, Equation):
        return [(lead, expr.lhs), ("=", expr.rhs)]
    if isinstance(expr, Stated):
        return [(lead, expr.lhs), (expr.relation, expr.rhs)]
    if type(expr) in SYMPY_RELATIONS:
        return [(lead, expr.lhs), (SYMPY_RELATIONS[type(expr)], expr.rhs)]
    return [(lead, expr)]


def _lead(step) -> str:
    if step.states:
        return step.states
    return STEP_LEADS.get(step.relation, "=")


def printed_rows(entry) -> list[tuple[str, str, list, object]]:
    """(what, LaTeX, expected sides, the value of the row above or None) for every row the worked
    solution prints, printed as it prints them (a symmetric given's S^T as S)."""
    with symmetric_givens(entry.givens):
        return _printed_rows(entry)


def _printed_rows(entry) -> list[tuple[str, str, list, object]]:
    rows = []
    for number, (start, steps) in enumerate(chains(entry), 1):
        rows.append((f"chain {number} start", render_latex(start), _sides(start, ""), None))
        above = _sides(start, "")[-1][1]
        for step in steps:
            lead_tex = STATED_LEADS.get(step.states, RELATIONS[step.relation])
            expected = _sides(step.expr, _lead(step))
            rows.append((f"step '{step.because[:40]}'", f"{lead_tex} {render_latex(step.expr)}", expected, above))
            rows += [(f"using of '{step.because[:40]}'", render_latex(eq), _sides(eq, ""), None) for eq in step.using]
            above = expected[-1][1]
    for number, part in enumerate(entry.result_parts, 1):
        rows.append((f"result part {number}", part_latex(part), _sides(part, ""), None))
    for named in entry.intermediates:  # printed 'where delta = ...' (worked.where_text)
        equation = Equation(named.symbol, named.value)
        rows.append((f"where {named.symbol}", render_latex(equation), _sides(equation, ""), None))
    for given in entry.givens:
        rows += [(f"definition of {given.name}", render_latex(eq), _sides(eq, ""), None) for eq in given.defined_by]
    return rows


def declaration_problems(entry) -> list[str]:
    """Givens whose ``--where`` text is missing or does not read back as the given (its name as the
    parser keys it, its shape and its domain)."""
    problems = []
    for given in entry.givens:
        text = declaration(given)
        if text is None:
            problems.append(f"no --where declaration for {given.name} ({given.domain.name})")
            continue
        (read,) = parse_declarations([text])
        # a given named sigma^2 is declared by \sigma^{2} > 0, which declares sigma
        name = name_key(given.name).removesuffix("^2")
        if (name_key(read.name), read.shape, read.domain) != (name, given.shape, given.domain):
            problems.append(
                f"{text!r} declares {read.name} {read.shape} in {read.domain.name}, not {given.name} {given.shape} in {given.domain.name}"
            )
    return problems


def entry_scope(entry) -> Scope:
    """The entry's givens, each declared as its ``--where`` text declares it (declaration_problems),
    and the laws of the random vectors its expectations are over (as ``--where 'x \\sim ...'``
    declares them: the entries independent, each with that mean and those central moments)."""
    problems = declaration_problems(entry)
    assert not problems, "\n".join(problems)
    named = [Given(intermediate.symbol, intermediate.meaning) for intermediate in entry.intermediates]
    scope = Scope.of((*entry.givens, *named), extra_dims=[size for size, _ in entry.sizes])  # the counts it fixes too
    for expectation in _printed(entry, Expectation):
        for variable, mean, moments in expectation.laws:
            scope.laws[variable] = Law(mean, tuple(moments))
    for average in _printed(entry, MinibatchMean):  # E_m[...] over a minibatch mask
        scope.laws[average.args[1]] = Minibatch(average.args[2])
    return scope


def _printed(entry, kind) -> set:
    """The objects of a kind in the entry's printed rows."""
    rows = [side for _, _, sides, _ in printed_rows(entry) for _, side in sides]
    return {e for row in rows if isinstance(row, sp.Basic) for e in row.atoms(kind)}


def _evaluated_difference(printed, read, instance, points) -> str | None:
    """The comparison of what the instance cannot evaluate (module docstring)."""
    try:
        if printed.has(sp.Integral):  # quadrature failed above; SymPy's integration can take minutes
            raise TypeError("an integral")
        return difference(printed.doit(), read.doit(), instance, points)
    except (TypeError, ValueError):
        return (
            None
            if sp.srepr(printed) == sp.srepr(read)
            else f"printed {printed}\n  read back {read} (not the same expression)"
        )


def readback_problems(entry) -> list[str]:
    scope = entry_scope(entry)
    instance = Instance.build(entry.givens, dict(entry.sizes) or None)
    points = sample_points(instance, 2)
    written_out = definitions(entry)  # named intermediates, compared by their definitions

    def out(expr):
        return expr.xreplace(written_out) if written_out and isinstance(expr, sp.Basic) else expr

    problems = []
    for what, tex, expected, above in printed_rows(entry):
        sides = parse_row(tex, scope, f"{entry.id}, {what}", above)
        relations = [side.relation for side in sides]
        if relations != [relation for relation, _ in expected]:
            problems.append(
                f"{what}: {tex!r} read back with the relations {relations}, printed {[r for r, _ in expected]}"
            )
            continue
        for side, (_, printed) in zip(sides, expected):
            printed, side = out(printed), dataclasses.replace(side, expr=out(side.expr))
            try:
                problem = difference(printed, side.expr, instance, points)
            except (TypeError, ValueError):
                problem = _evaluated_difference(printed, side.expr, instance, points)
            if problem:
                problems.append(f"{what}: {tex!r}: {problem}")
    return problems


@pytest.mark.parametrize(
    "entry_id",
    [
        pytest.param(i, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[i])) if i in NOT_YET else i
        for i in derive.ids()
    ],
)
def test_every_printed_row_reads_back_as_checked(entry_id):
    problems = readback_problems(derive.get(entry_id))
    assert not problems, "\n".join(problems)


def test_the_comparison_catches_a_wrong_row():
    """Each comparison can fail: a matrix row with a transpose lost, an integral (by quadrature)
    off by a factor, a series (summed at the points) short of a term, a relation read back as another."""
    entry = derive.get("gaussian-integral")
    instance = Instance.build(entry.givens, dict(entry.sizes) or None)
    points = sample_points(instance, 1)
    (integral,) = [side for what, _, sides, _ in printed_rows(entry) if what == "chain 1 start" for _, side in sides]
    assert difference(integral, integral, instance, points) is None
    assert difference(integral, 2 * integral, instance, points) is not None
    entry = derive.get("poisson-moments")  # an infinite sum (summed at the points) missing its k = 1 term
    instance = Instance.build(entry.givens, dict(entry.sizes) or None)
    points = sample_points(instance, 1)
    (mean,) = [named.value for named in entry.intermediates if named.symbol.name == "mu"]
    (k, _, _), term = mean.limits[0], mean.function
    assert difference(mean, sp.Sum(term, (k, 0, sp.oo)), instance, points) is None
    assert difference(mean, sp.Sum(term, (k, 2, sp.oo)), instance, points) is not None
    entry = derive.get("ridge-closed-form")
    instance = Instance.build(entry.givens, dict(entry.sizes) or None)
    result = entry.result.rhs if isinstance(entry.result, Equation) else entry.result
    assert difference(result, result.T.T, instance, sample_points(instance, 1)) is None
    assert difference(result, result.T, instance, sample_points(instance, 1)) is not None  # a lost transpose
    (x,) = [g.symbol for g in entry.givens if g.name == "X"]
    assert difference(x.T * x, x.T * x + x.T * x, instance, sample_points(instance, 1)) is not None
    assert [side.relation for side in parse_row(r"1 \le 2", Scope())] != ["", "<"]

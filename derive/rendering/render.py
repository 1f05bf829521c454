"""Worked solutions for `derive show`: text (terminal), markdown, json and latex."""

from __future__ import annotations

import json
import textwrap

from derive.core.model import Derivation, Stated, Step
from derive.rendering.evidence import planned_checks
from derive.rendering.latex import render_latex, symmetric_givens
from derive.rendering.markdown import render_markdown
from derive.rendering.terminal import picture_rows, render_pretty, terminal_width
from derive.rendering.text import unicode_text


def evidence_line(derivation: Derivation) -> str:
    """Which checks exist for the entry (not their results: `derive check` runs them), as LaTeX text."""
    numeric = ", ".join(f"{spec.kind} ({spec.describe()})" if spec.label else spec.kind for spec in derivation.checks)
    stated = sum(1 for step in derivation.steps if step.relation == "states")
    symbolic = f"symbolic: {len(derivation.steps)} steps" + (f" ({stated} stated with reasons)" if stated else "")
    return f"{symbolic}; numeric (JAX): {numeric or 'none'}"


STATED_SIGNS = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "=": "=", "expectation": "=𝔼", "approx": "≈"}


def _given_line(given) -> str:
    meaning = f" - {unicode_text(given.meaning)}" if given.meaning else ""
    defined = "".join(f"; {unicode_text(_equation_text(e))}" for e in given.defined_by)
    return f"{given.name}: {given.shape_text()}, {given.domain.description}{meaning}{defined}"


def _equation_text(equation) -> str:
    return f"${render_latex(equation)}$"


def _step_relation(step: Step) -> str:
    if step.states:
        return STATED_SIGNS[step.states]
    return {"equals": "=", "equivalent": "⇔", "solves": "⇒", "states": "∴"}[step.relation]


def _because(step: Step, defines=()) -> str:
    """The justification, with the equations the step assumes (they are part of its claim) and the
    named intermediates its row introduces ("where delta = ...", as the LaTeX prints them)."""
    from derive.rendering.worked import conditions_text, where_text

    text = step.because
    if conditions := conditions_text(step):
        text += f" ({conditions})"
    return f"{text}; {where_text(defines)}" if defines else text


def _result_part(part, picture) -> str:
    """One part of the boxed result: its picture, or a stated relation (≈) as one line."""
    from derive.rendering.worked import part_latex

    if not isinstance(part, Stated):
        return picture(part)
    sides = [render_pretty(part.lhs), render_pretty(part.rhs)]
    if any("\n" in side for side in sides):  # a side of several lines: the relation as one line of text
        return "    " + unicode_text(f"${part_latex(part)}$")
    return f"    {sides[0]} {STATED_SIGNS[part.relation]} {sides[1]}"


def _step_lines(marker: str, expr, because: str, width: int) -> list[str]:
    """A step's picture with ``marker`` (`` 3. = ``) on its first row's baseline and the reason (LaTeX
    text, shown as Unicode) after its last line, or under it, wrapped, when the line would run past ``width``."""
    because = unicode_text(because)
    lines = []
    for r, (picture, baseline) in enumerate(picture_rows(expr, width - len(marker))):
        for i, line in enumerate(picture):
            lead = marker if (r, i) == (0, baseline) else " " * len(marker)
            lines.append(f"{lead}{line}".rstrip())
    tail = f"   [{because}]"
    if len(lines[-1]) + len(tail) <= width:
        lines[-1] += tail
    else:
        indent = " " * (len(marker) + 2)
        lines += textwrap.wrap(f"[{because}]", width, initial_indent=indent, subsequent_indent=indent + " ")
    return lines


def render_text(derivation: Derivation, width: int | None = None) -> str:
    """The worked solution for a terminal ``width`` columns wide (the terminal's own by default)."""
    width = width or terminal_width()

    def plain(text: str, indent: str = "") -> str:
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent + "  " if indent else "")

    def picture(expr) -> str:
        return textwrap.indent(render_pretty(expr, width - 4), "    ")

    def paragraph(text: str, indent: str = "") -> str:
        """LaTeX text as Unicode, wrapped to the width."""
        return plain(unicode_text(text), indent)

    lines = [plain(f"{derivation.title}  [{derivation.id}, {derivation.topic}]"), "", "Problem"]
    lines += [paragraph(derivation.statement), ""]
    lines += ["Given"] + [plain(_given_line(g), "  ") for g in derivation.givens] + [""]
    from derive.rendering.worked import introduced_at

    defines = introduced_at(derivation)
    lines += ["Derivation", picture(derivation.start), ""]
    for number, step in enumerate(derivation.steps, start=1):
        if step.start is not None:  # a new part of the derivation begins here
            lines += [picture(step.start), ""]
        because = _because(step, defines.get(number - 1, ()))
        lines += _step_lines(f"{number:>2}. {_step_relation(step)} ", step.expr, because, width)
        lines.append("")
    lines += ["Result"] + [_result_part(part, picture) for part in derivation.result_parts] + [""]
    if derivation.references:
        lines += ["References"] + [plain(f"- {ref}", "  ") for ref in derivation.references] + [""]
    if derivation.notes:
        lines += ["Notes", paragraph(derivation.notes), ""]
    lines += ["Evidence", paragraph(evidence_line(derivation), "  ")]
    return "\n".join(lines)


def to_dict(derivation: Derivation) -> dict:
    """Everything the LaTeX worked solution shows, its formulas as the LaTeX prints them: the givens
    (set, meaning, defining equations), named intermediates (and the step whose row defines each),
    each step's printed relation (=, \\iff, \\le, \\approx, ...), justification, assumptions, side
    conditions, chosen root and chain restart, the boxed result (a list when it has several parts),
    the checks and the sentence that plans them, references and notes."""
    from derive.rendering.worked import RELATIONS as PRINTED_RELATIONS
    from derive.rendering.worked import STATED_LEADS, given_set, introduced_at, part_latex

    with symmetric_givens(derivation.givens):
        defines = introduced_at(derivation)
        defined_at = {named.symbol: index + 1 for index, found in defines.items() for named in found}
        parts = [part_latex(part) for part in derivation.result_parts]
        return {
            "id": derivation.id,
            "title": derivation.title,
            "topic": derivation.topic,
            "statement": derivation.statement,
            "givens": [
                {
                    "name": g.name,
                    "shape": [str(s) for s in g.shape],
                    "domain": g.domain.name,
                    "set": given_set(g),
                    "meaning": g.meaning,
                    "defined_by": [render_latex(e) for e in g.defined_by],
                }
                for g in derivation.givens
            ],
            "intermediates": [
                {
                    "symbol": render_latex(named.symbol),
                    "value": render_latex(named.value),
                    "meaning": named.meaning,
                    "defined_at_step": defined_at.get(named.symbol),
                }
                for named in derivation.intermediates
            ],
            "start": render_latex(derivation.start),
            "steps": [
                {
                    "latex": render_latex(s.expr),
                    "printed_relation": STATED_LEADS.get(s.states, PRINTED_RELATIONS[s.relation]),
                    "because": s.because,
                    "relation": s.relation,
                    "states": s.states,
                    "using": [render_latex(e) for e in s.using],
                    "checked_by": list(s.checked_by),
                    "nonzero": [render_latex(c) for c in s.nonzero],  # conditions the step relies on
                    "where": [render_latex(named.symbol) for named in defines.get(index, ())],
                    **({"start": render_latex(s.start)} if s.start is not None else {}),  # a new chain begins
                    **({"root": s.root} if s.root else {}),
                }
                for index, s in enumerate(derivation.steps)
            ],
            "result": parts[0] if len(parts) == 1 else parts,
            "checks": [{"kind": spec.kind, "label": spec.describe()} for spec in derivation.checks],
            "planned_checks": planned_checks(derivation),
            "references": [str(ref) for ref in derivation.references],
            "tags": list(derivation.tags),
            "notes": derivation.notes,
        }


def render_json(derivation: Derivation) -> str:
    return json.dumps(to_dict(derivation), indent=2, ensure_ascii=False)


def render_latex_solution(derivation: Derivation) -> str:
    """A worked solution as a LaTeX fragment (the handout module builds documents around it)."""
    from derive.rendering.worked import worked_solution

    return worked_solution(derivation)


RENDERERS = {"text": render_text, "markdown": render_markdown, "json": render_json, "latex": render_latex_solution}


def render(derivation: Derivation, fmt: str = "text") -> str:
    with symmetric_givens(derivation.givens):  # a symmetric given's S^T prints as S in every format
        return RENDERERS[fmt](derivation)


class Typeset:
    """An entry as Jupyter displays it, its whole worked solution (statement, givens, each row with
    its reason, the boxed result): ``derive.typeset(derive.get("logistic-grad"))``."""

    def __init__(self, derivation: Derivation):
        self.derivation = derivation

    def _repr_markdown_(self) -> str:
        return render_markdown(self.derivation)

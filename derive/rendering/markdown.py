"""A worked solution as Markdown (`derive show ID --format markdown`, and what a notebook displays).

It keeps every section of the LaTeX worked solution (templates/worked.tex), in the same order and
under the same names: Problem, Given, Solution (each chain of rows with its relations and reasons,
the equations a row assumes and the named intermediates it introduces), Result (every part,
boxed), Checked, Note, References. The math is the
LaTeX printer's, in ``$...$`` and ``$$...$$`` for MathJax; the authors' LaTeX text becomes
Markdown (``\\texttt`` as code, ``\\emph`` as emphasis) with its math left as written.
"""

from __future__ import annotations

import re

from derive.core.model import Derivation, Step
from derive.rendering.evidence import planned_checks
from derive.rendering.latex import render_latex, symmetric_givens
from derive.rendering.worked import (
    RELATIONS,
    STATED_LEADS,
    conditions_text,
    given_set,
    introduced_at,
    part_latex,
    shape_text,
    where_text,
)

# LaTeX text commands outside math -> Markdown: (command, opening, closing)
TEXT_COMMANDS = (
    ("texttt", "`", "`"),
    ("emph", "*", "*"),
    ("textbf", "**", "**"),
    ("textit", "*", "*"),
    ("textup", "", ""),
)
ESCAPES = {r"\_": "_", r"\&": "&", r"\%": "%", r"\{": "{", r"\}": "}", r"\,": " ", "~": " "}
_MATH = re.compile(r"(\$\$.*?\$\$|(?<!\\)\$.*?(?<!\\)\$)", re.DOTALL)
_COMMAND = re.compile(r"\\(" + "|".join(name for name, _, _ in TEXT_COMMANDS) + r")\{([^{}]*)\}")
_ESCAPE = re.compile("|".join(re.escape(escape) for escape in ESCAPES))


def markdown_text(latex_text: str) -> str:
    """Authored LaTeX text as Markdown: text commands and escapes outside ``$...$`` converted, math kept."""
    marks = {name: (opening, closing) for name, opening, closing in TEXT_COMMANDS}

    def prose(text: str) -> str:
        previous = None
        while previous != text:  # innermost first: \emph{\texttt{x}}
            previous = text
            text = _COMMAND.sub(lambda m: marks[m.group(1)][0] + m.group(2) + marks[m.group(1)][1], text)
        return _ESCAPE.sub(lambda m: ESCAPES[m.group()], text)

    pieces = _MATH.split(latex_text)
    return "".join(piece if index % 2 else prose(piece) for index, piece in enumerate(pieces))


def _math(expr) -> str:
    return f"${render_latex(expr)}$"


def _given_rows(derivation: Derivation) -> list[str]:
    rows = ["| symbol | shape | in | meaning |", "|---|---|---|---|"]
    for given in derivation.givens:
        meaning = markdown_text(given.meaning)
        if given.defined_by:
            meaning += "; " + ", ".join(_math(equation) for equation in given.defined_by)
        cells = (_math(given.symbol), markdown_text(shape_text(given)), f"${given_set(given)}$", meaning)
        rows.append("| " + " | ".join(cell.replace("|", r"\|") for cell in cells) + " |")
    return rows


def lead(step: Step) -> str:
    """The relation a row prints before its expression, as the LaTeX solution prints it."""
    return STATED_LEADS.get(step.states, RELATIONS[step.relation])


def reason(step: Step, defines=()) -> str:
    """The row's justification, with the equations it assumes and the named intermediates it
    introduces ("where $\\delta = ...$"), as the LaTeX solution prints them."""
    text = markdown_text(step.because)
    if conditions := conditions_text(step):
        text += f" ({conditions})"
    if defines:
        text += "; " + markdown_text(where_text(defines))
    return text


def rows(derivation: Derivation) -> list[str]:
    """Each chain's start and rows (relation, expression, reason), "Then" between chains."""
    defines, lines, index = introduced_at(derivation), [], 0
    for number, (start, steps) in enumerate(derivation.chains()):
        lines += (["Then", ""] if number else []) + [f"$${render_latex(start)}$$", ""]
        for step in steps:
            lines.append(f"$${lead(step)} {render_latex(step.expr)}$$\n— {reason(step, defines.get(index, ()))}\n")
            index += 1
    return lines


def boxed_result(derivation: Derivation) -> str:
    """Every part of the result, boxed together as the LaTeX solution boxes them."""
    parts = [part_latex(part) for part in derivation.result_parts]
    if len(parts) == 1:
        return f"$$\\boxed{{{parts[0]}}}$$"
    return "$$\\boxed{\\begin{aligned}" + " \\\\ ".join(f"&{part}" for part in parts) + "\\end{aligned}}$$"


def render_markdown(derivation: Derivation) -> str:
    """The worked solution as Markdown, with every section of the LaTeX one."""
    with symmetric_givens(derivation.givens):  # as the LaTeX prints them: a symmetric given's S^T as S
        return _markdown(derivation)


def _markdown(derivation: Derivation) -> str:
    lines = [f"# {derivation.title}", "", f"Entry `{derivation.id}`, topic *{derivation.topic}*.", ""]
    lines += ["## Problem", "", markdown_text(derivation.statement), ""]
    lines += ["## Given", "", *_given_rows(derivation), ""]
    lines += ["## Solution", "", *rows(derivation)]
    lines += ["## Result", "", boxed_result(derivation), ""]
    lines += ["## Checked", "", markdown_text(planned_checks(derivation)), ""]
    if derivation.notes:
        lines += ["## Note", "", markdown_text(derivation.notes), ""]
    if derivation.references:
        lines += ["## References", "", *(f"- {ref}" for ref in derivation.references), ""]
    return "\n".join(lines).rstrip() + "\n"

"""The worked solution of one entry as LaTeX: problem, notation table, steps with their
justifications, boxed result, how it was checked, references (template: templates/worked.tex).

Each chain of steps is one ``align*``: the first row is the starting expression, each later
row ``&= E_k`` (or ``\\iff``, ``\\implies``, ``\\therefore``) with its justification in a
``\\tag`` (set without parentheses by the preamble, skipped by `derive verify`), which TeX
sets beside the row, or under it when the row is full.
"""

from __future__ import annotations

from derive.core.intermediates import uses
from derive.core.model import EQUALS, EQUIVALENT, SOLVES, STATES, Derivation, Intermediate, Stated, Step
from derive.core.symbols import Given
from derive.rendering.breaking import break_rows, estimate_width
from derive.rendering.evidence import planned_checks
from derive.rendering.latex import render_latex, symmetric_givens
from derive.rendering.tex import fill
from derive.rendering.text import escape_text

# A4 with 2.5 cm margins at 11 pt: a 41.5 em line. The width estimate is off by up to 20 %,
# so rows are filled to about 80 % of it; the overfull-box test is the backstop.
ROW_EMS = 33.0
CONTINUED_ROW_EMS = 31.0
RELATIONS = {EQUALS: "=", EQUIVALENT: r"\iff", SOLVES: r"\implies", STATES: r"\therefore"}
# a stated step's bare expression, by what it claims about the previous row (Step.states)
STATED_LEADS = {
    "<=": r"\le",
    "<": "<",
    ">=": r"\ge",
    ">": ">",
    "=": "=",
    "expectation": r"\overset{\mathbb{E}}{=}",
    "approx": r"\approx",
}
LONG_JUSTIFICATION = 75  # characters: longer ones wrap in a box of their own


def _dims(given: Given) -> list[str]:
    return [render_latex(extent) for extent in given.shape]


def shape_text(given: Given) -> str:
    """``$n \\times d$ matrix``, ``$d$-vector``, ``scalar``."""
    if not given.shape:
        return "scalar"
    rows, cols = _dims(given)
    return f"${rows}$-vector" if cols == "1" else rf"${rows} \times {cols}$ matrix"


def given_set(given: Given) -> str:
    """The set a given lives in, as its domain writes it: ``\\{0,1\\}^{n}``, ``\\Delta^{k - 1}``."""
    return given.domain.notation.latex(_dims(given), render_latex(given.symbol))


def givens_table(derivation: Derivation) -> str:
    rows = []
    for given in derivation.givens:
        shape = shape_text(given)
        meaning = given.meaning
        if given.defined_by:
            meaning += "; " + ", ".join(f"${render_latex(equation)}$" for equation in given.defined_by)
        rows.append(rf"{render_latex(given.symbol)} & {shape} & {given_set(given)} & {meaning} \\")
    return fill("givens.tex", rows="\n".join(rows))


def chains(derivation: Derivation) -> list[tuple[object, list[Step]]]:
    """The steps grouped into chains: a step with ``start`` begins a new one."""
    return derivation.chains()


def introduced_at(derivation: Derivation) -> dict[int, list[Intermediate]]:
    """{step index (from 0): the intermediates its justification defines}: each at the first step
    whose row (or whose chain's start row) shows it, after the intermediates its value uses."""
    found: dict[int, list[Intermediate]] = {}
    done: set = set()

    def introduce(index: int, named: Intermediate) -> None:
        for earlier in derivation.intermediates:
            if earlier.symbol not in done and earlier is not named and uses(named.value, earlier.symbol):
                introduce(index, earlier)
        done.add(named.symbol)
        found.setdefault(index, []).append(named)

    index = 0
    for start, steps in derivation.chains():
        for position, step in enumerate(steps):
            shown = (start, step.expr) if position == 0 else (step.expr,)
            for named in derivation.intermediates:
                if named.symbol not in done and any(uses(expr, named.symbol) for expr in shown):
                    introduce(index, named)
            index += 1
    return found


def where_text(intermediates) -> str:
    r"""``where $\delta = ...$ (its meaning)`` for intermediates introduced together."""
    parts = []
    for named in intermediates:
        meaning = f" ({named.meaning})" if named.meaning else ""
        parts.append(f"${render_latex(named.symbol)} = {render_latex(named.value)}${meaning}")
    return "where " + ", ".join(parts)


def _rows(tex: str, lead: str) -> list[str]:
    """One expression as align rows: ``&<lead> first`` then ``&\\quad continued``."""
    parts = break_rows(tex, ROW_EMS - estimate_width(lead), CONTINUED_ROW_EMS)
    first = f"&{lead} {parts[0]}" if lead else f"&{parts[0]}"
    return [first] + [rf"&\quad {part}" for part in parts[1:]]


def conditions_text(step: Step) -> str:
    r"""What the row holds under beyond the givens, as every format prints it (text with ``$...$``
    math): ``using $\Sigma v = \lambda v$; assuming $\mathbf{X}^{\top} \mathbf{X}$ invertible``,
    or "" for a row that holds as it stands. These are the hypotheses the checkers used."""
    parts = []
    if step.using:
        parts.append("using " + ", ".join(f"${render_latex(e)}$" for e in step.using))
    if step.nonzero:
        parts.append("assuming " + ", ".join(_nonzero_text(c) for c in step.nonzero))
    return "; ".join(parts)


def _nonzero_text(condition) -> str:
    """A scalar is nonzero; a square matrix is invertible."""
    if getattr(condition, "shape", (1, 1)) != (1, 1):
        return f"${render_latex(condition)}$ invertible"
    return rf"${render_latex(condition)} \neq 0$"


def justification(step: Step, defines=()) -> str:
    text = step.because
    if conditions := conditions_text(step):  # the row holds under these: print them with it
        text += r" \textup{(" + conditions + ")}"
    if defines:  # named intermediates this row introduces
        text += "; " + where_text(defines)
    if len(step.because) > LONG_JUSTIFICATION or defines:
        return rf"\tag{{\parbox[t]{{0.62\linewidth}}{{\raggedleft\small\itshape {text}}}}}"
    return rf"\tag{{\small\itshape {text}}}"


def chain_latex(start, steps: list[Step], defines: dict[int, list] | None = None, first: int = 0) -> str:
    """One chain as an ``align*``; ``defines``: {step index: intermediates its row introduces},
    the chain's steps numbered from ``first``."""
    rows = _rows(render_latex(start), "")
    for index, step in enumerate(steps, start=first):
        step_rows = _rows(render_latex(step.expr), STATED_LEADS.get(step.states, RELATIONS[step.relation]))
        step_rows[-1] += " " + justification(step, (defines or {}).get(index, ()))
        rows += step_rows
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"


def solution_latex(derivation: Derivation) -> str:
    defines, blocks, first = introduced_at(derivation), [], 0
    for start, steps in chains(derivation):
        blocks.append(chain_latex(start, steps, defines, first))
        first += len(steps)
    return "\nThen\n".join(blocks) if len(blocks) > 1 else blocks[0]


def part_latex(part) -> str:
    """One part of the result: an expression, an equation, or a stated relation (``\\approx``)."""
    if isinstance(part, Stated):
        return f"{render_latex(part.lhs)} {STATED_LEADS[part.relation]} {render_latex(part.rhs)}"
    return render_latex(part)


def result_latex(derivation: Derivation) -> str:
    """The boxed result: every part of it, one per row when it has several."""
    rows = []
    for part in derivation.result_parts:
        broken = break_rows(part_latex(part), ROW_EMS + 3)
        rows += ["&" + broken[0]] + [rf"&\quad {row}" for row in broken[1:]]
    if len(rows) == 1:
        return rf"\boxed{{{rows[0][1:]}}}"
    return "\\boxed{\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}}"


def _references(derivation: Derivation) -> str:
    if not derivation.references:
        return ""
    items = "\n".join(rf"\item {escape_text(str(ref))}" for ref in derivation.references)
    return "\\paragraph{References.}\n\\begin{itemize}\\setlength{\\itemsep}{0pt}\n" + items + "\n\\end{itemize}"


def heading(derivation: Derivation, command: str = r"\section*", label: str = "") -> str:
    """The section heading with a label and a line naming the entry."""
    label = label or f"entry:{derivation.id}"
    return (
        rf"{command}{{{escape_text(derivation.title)}}}\label{{{label}}}"
        + "\n"
        + rf"{{\small Entry \texttt{{{escape_text(derivation.id)}}}, topic \emph{{{escape_text(derivation.topic)}}}.}}"
    )


def worked_solution(
    derivation: Derivation, *, heading_command: str = r"\section*", label: str = "", checked: str | None = None
) -> str:
    """The worked solution as a LaTeX fragment; ``checked`` replaces the list of planned checks
    with measured results (see derive.rendering.evidence)."""
    with symmetric_givens(derivation.givens):  # a symmetric given's S^T prints as S
        return _worked_solution(derivation, heading_command, label, checked)


def _worked_solution(derivation: Derivation, heading_command: str, label: str, checked: str | None) -> str:
    notes = rf"\paragraph{{Note.}} {derivation.notes}" if derivation.notes else ""
    return fill(
        "worked.tex",
        heading=heading(derivation, heading_command, label),
        statement=derivation.statement,
        givens=givens_table(derivation),
        solution=solution_latex(derivation),
        result=result_latex(derivation),
        checked=checked if checked is not None else planned_checks(derivation),
        notes=notes,
        references=_references(derivation),
    ).strip()


def standalone(derivation: Derivation) -> str:
    """A complete document holding one worked solution: it compiles as it is."""
    return fill(
        "standalone.tex",
        preamble=fill("preamble.tex").strip(),
        pdftitle=escape_text(derivation.title),
        body=worked_solution(derivation),
    )

"""The worked solution of one entry as a LaTeX fragment."""

from __future__ import annotations

from ._latex import render_latex
from ._model import Derivation

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_text(text: str) -> str:
    """Plain text made safe for LaTeX."""
    return "".join(_TEX_SPECIALS.get(ch, ch) for ch in text)


def worked_solution(derivation: Derivation) -> str:
    from ._render import evidence_line

    rows = [rf"& {render_latex(derivation.start)} \\"]
    for step in derivation.steps:
        relation = {"equals": "=", "equivalent": r"\iff", "solves": r"\implies", "states": r"\therefore"}[step.relation]
        rows.append(rf"{relation}\; & {render_latex(step.expr)} && \text{{{escape_text(step.because)}}} \\")
    rows[-1] = rows[-1].removesuffix(r" \\")
    givens = "\n".join(
        rf"${render_latex(g.symbol)}$ & {escape_text(g.shape_text())} & {escape_text(g.domain.description)} & {escape_text(g.meaning)} \\"
        for g in derivation.givens
    )
    references = "\n".join(rf"\item {escape_text(str(ref))}" for ref in derivation.references)
    return "\n".join(
        [
            rf"\subsection*{{{escape_text(derivation.title)}}}",
            rf"\paragraph{{Problem.}} {escape_text(derivation.statement)}",
            r"\begin{center}\begin{tabular}{llll}",
            r"symbol & shape & domain & meaning \\ \hline",
            givens,
            r"\end{tabular}\end{center}",
            r"\begin{align*}",
            *rows,
            r"\end{align*}",
            rf"\paragraph{{Result.}} $\boxed{{{render_latex(derivation.result)}}}$",
            rf"\paragraph{{Checks.}} {escape_text(evidence_line(derivation))}",
            (r"\paragraph{References.}\begin{itemize}" + "\n" + references + "\n" + r"\end{itemize}")
            if references
            else "",
        ]
    )

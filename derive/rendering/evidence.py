"""The "Checked." paragraph of a worked solution: which checks an entry has, or what a run measured.

`derive show` must not import JAX, so it states which checks exist; a handout runs them and
prints the measured numbers from the CheckReport (never typed in).
"""

from __future__ import annotations

import math
from collections import Counter

from derive.checking.verdicts import PROVED, CheckReport, NumericVerdict
from derive.core.model import STATES, Derivation
from derive.rendering.text import escape_text

ERROR_NAMES = {
    "mc": "largest deviation, in units of its standard-error bound",
    "inequality": "worst violation",
}


def scientific(value: float) -> str:
    """``3.2e-16`` as ``3.2 \\times 10^{-16}`` (for math mode)."""
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return r"\text{n/a}"
    mantissa, exponent = f"{value:.1e}".split("e")
    exponent = int(exponent)
    if mantissa == "1.0":
        return f"10^{{{exponent}}}"
    return rf"{mantissa} \times 10^{{{exponent}}}" if exponent else mantissa


def planned_checks(derivation: Derivation) -> str:
    """The checks that exist for an entry, without running them (for `derive show`)."""
    stated = sum(1 for step in derivation.steps if step.relation == STATES)
    count = len(derivation.steps)
    steps = f"Each of the {count} steps" if count > 1 else "The step"
    sentence = f"{steps} is checked symbolically (SymPy, on explicit instances)"
    if stated:
        sentence += f"; {stated} stated with its reason and covered by a numeric check"
    numeric = "; ".join(f"\\emph{{{escape_text(spec.kind)}}}: {spec.describe()}" for spec in derivation.checks)
    return (
        f"{sentence}, and the result numerically against JAX ({numeric or 'no numeric check'}). "
        rf"Run \texttt{{derive check {escape_text(derivation.id)}}} for the results; a handout prints them."
    )


def _numeric_item(verdict: NumericVerdict) -> str:
    error = ERROR_NAMES.get(verdict.kind, "max relative error")
    status = r"\textbf{pass}" if verdict.ok else rf"\textbf{{{escape_text(verdict.status)}}}"
    text = (
        rf"\item {verdict.label or escape_text(verdict.kind)}"
        rf" (\emph{{{escape_text(verdict.kind)}}}): {verdict.trials} trials, {error} "
        rf"${scientific(verdict.max_error)}$ (tolerance ${scientific(verdict.tolerance)}$), {status}"
    )
    if verdict.reason:
        text += f"; {escape_text(verdict.reason)}"
    return text + "."


def measured_checks(report: CheckReport, jax_version: str) -> str:
    """What a check run measured: step verdicts and each numeric check's trials and error."""
    counts = Counter(v.status for v in report.steps)
    parts = [f"{counts.pop(PROVED, 0)} of {len(report.steps)} steps proved"]
    parts += [f"{n} {escape_text(status.lower())}" for status, n in sorted(counts.items())]
    symbolic = "Symbolic (SymPy): " + ", ".join(parts) + "."
    for verdict in report.steps:
        if not verdict.ok:
            symbolic += f" Step {verdict.index}: {escape_text(verdict.status)}, {escape_text(verdict.reason)}."
    if not report.numeric:
        return symbolic + " No numeric check was run."
    first = report.numeric[0]
    header = (
        rf" Numeric (JAX {escape_text(jax_version)}, device {escape_text(first.device)}, "
        rf"seed {first.seed}):"
    )
    items = "\n".join(_numeric_item(v) for v in report.numeric)
    return symbolic + header + "\n\\begin{itemize}\\setlength{\\itemsep}{0pt}\n" + items + "\n\\end{itemize}"

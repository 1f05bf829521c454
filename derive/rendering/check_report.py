"""The text of a check report, as `derive check` prints it (no SymPy or JAX needed)."""

from __future__ import annotations

import json

from derive.checking.verdicts import FAIL, PASS, PROVED, REFUSAL, STATED, CheckReport
from derive.rendering.text import unicode_text

STORED_NOTE = "  (stored report of an identical earlier check; --recheck runs it again)"


def report_text(entry, report: CheckReport) -> str:
    """One entry's report: each step's status and method, each numeric check's error and settings."""
    lines = [f"{entry.id}  {entry.title}{STORED_NOTE if report.stored else ''}", "  symbolic"]
    by_step = {v.index: v for v in report.step_numeric}
    for v in report.steps:
        lines.append(f"    step {v.index:<2} {v.status:<8} {v.method} ({v.seconds:.2f} s)")
        if v.status != PROVED and v.reason:  # a stated step's reason is the entry's LaTeX text
            lines.append(f"            {unicode_text(v.reason) if v.status == STATED else v.reason}")
        if v.counterexample:
            lines.append(f"            counterexample: {json.dumps(v.counterexample)}")
        if v.index in by_step:
            lines.append(f"            {step_numeric_text(by_step[v.index])}")
    lines.append("  numeric")
    for v in report.numeric:
        if not v.trials:  # not a run check: a rule of the engine the entry breaks (derive.checking.result_coverage)
            lines.append(f"    {v.kind:<10} {v.status:<4} {unicode_text(v.label)}: {v.reason}")
            continue
        lines.append(
            f"    {v.kind:<10} {v.status:<4} {unicode_text(v.label)}: max rel error {v.max_error:.2e} (tol {v.tolerance:.0e}), "
            f"trials {v.trials}, seed {v.seed}, device {v.device} ({v.seconds:.2f} s)"
        )
        if "resolution" in v.details:
            lines.append(f"               {power_text(v)}")
        if v.reason:
            lines.append(f"               {v.reason}")
    lines.append(f"  {'OK' if report.ok else 'NOT OK'}")
    return "\n".join(lines)


def step_numeric_text(v) -> str:
    """What covers a step numerically (derive.checking.step_numeric): PASS or FAIL at which sizes, with
    the worst trial's values for a FAIL, or why it was not evaluated."""
    if v.status not in (PASS, FAIL):
        return f"not evaluated numerically: {v.reason}"
    sizes = "".join(f" {name}={size}," for name, size in v.sizes.items())
    said = (
        f"numerically {v.status} at{sizes} {v.trials} trials (max rel error {v.max_error:.1e}, tol {v.tolerance:.0e})"
    )
    said += f": {v.reason}" if v.reason else ""
    return said + (f"; worst trial {json.dumps(_rounded(v.worst))}" if v.worst else "")


def _rounded(value):
    """Numbers in nested lists and dicts to 4 significant digits, to keep a printed trial short."""
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return float(f"{value:.4g}") if isinstance(value, float) else value


def power_text(v) -> str:
    """A statistical check's power: its resolution, and the error of each perturbed claim (the smallest
    over the trials), refused when above the tolerance (derive.checking.power)."""
    errors = [(name.removeprefix(REFUSAL), low) for name, (low, _) in v.details.items() if name.startswith(REFUSAL)]
    said = ", ".join(f"{name} {'refused' if e > v.tolerance else 'NOT refused'} (error {e:.2f})" for name, e in errors)
    return f"resolution {v.details['resolution'][1]:.2%}; perturbed claims: {said or 'none'}"


def summary_text(reports: list[CheckReport]) -> str:
    """The last line of `derive check`: how many entries passed, and which did not."""
    failed = [r.entry_id for r in reports if not r.ok]
    summary = f"{len(reports) - len(failed)} of {len(reports)} entries passed both checks"
    return summary + (f"; not passed: {', '.join(failed)}" if failed else "")

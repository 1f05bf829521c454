"""The "Checked." paragraph of a worked solution: which checks an entry has, or what a run measured.

`derive show` must not import JAX, so it states which checks exist; a handout runs them and
prints, in words a student reads, what each check compared and the numbers the run measured
(from the CheckReport, never typed in): how many random instances, how far apart the two sides
were, and for a Monte Carlo check how many draws, how close the sample mean came to the claim,
the smallest error the check tells apart (its resolution, derive.checking.power) and which
perturbed claims it refused.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from derive.checking.verdicts import NOT_EVALUATED, PASS, PROVED, REFUSAL, STATED, CheckReport, NumericVerdict
from derive.core.model import STATES, Derivation
from derive.rendering.text import escape_text

SAMPLING_KINDS = ("mc", "mc_rate")
# an exact check's result in words, by kind: {instances}, {error} and {allowed} are the run's
AGREEMENT = {
    "identity": "{instances}, the two sides differed by at most {error}, relative (the check allows {allowed})",
    "grad": (
        "{instances}, the derived derivative and JAX's automatic differentiation differed by at most {error}, "
        "relative (the check allows {allowed})"
    ),
    "iterate": (
        "{instances}, the iterates JAX computed and the closed form differed by at most {error}, relative "
        "(the check allows {allowed})"
    ),
    "kkt": (
        "{instances}, solved numerically, every KKT condition (and the closed form) held at the optimum to "
        "within {error} (the check allows {allowed})"
    ),
    "stationary": (
        "{instances}, JAX's gradient at the claimed point was at most {error}, relative to the objective "
        "(the check allows {allowed})"
    ),
    "inequality": "{instances}, the inequality was violated by at most {error}, relative (the check allows {allowed})",
}
# a perturbed claim (derive.checking.power), by its name after the "refusal " prefix
PERTURBED = {
    "x1.02": "the claim 2\\,\\% too high",
    "x0.98": "the claim 2\\,\\% too low",
    "rival": "the nearest wrong value",
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


def percent(fraction: float) -> str:
    """A fraction as a percentage in text: ``0.0027`` as ``0.27\\,\\%``, a tiny one in powers of ten."""
    value = 100 * fraction
    if value == 0 or value >= 0.01:
        return f"{value:.2g}\\,\\%"
    return f"${scientific(value)}$\\,\\%"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' if count != 1 else ''}"


def planned_checks(derivation: Derivation) -> str:
    """The checks that exist for an entry, without running them (for `derive show`)."""
    stated = sum(1 for step in derivation.steps if step.relation == STATES)
    count = len(derivation.steps)
    steps = f"Each of the {count} steps" if count > 1 else "The step"
    sentence = f"{steps} is checked symbolically (SymPy, on explicit instances)"
    if stated:
        sentence += f"; {stated} stated with its reason and covered by a numeric check"
    numeric = "; ".join(_planned(spec) for spec in derivation.checks)
    return (
        f"{sentence}, and the result numerically against JAX ({numeric or 'no numeric check'}). "
        rf"Run \texttt{{derive check {escape_text(derivation.id)}}} for the results; a handout prints them."
    )


def _planned(spec) -> str:
    said = f"\\emph{{{escape_text(spec.kind)}}}: {spec.describe()}"
    if spec.kind in SAMPLING_KINDS:
        said += f", {_plural(spec.samples, 'draw')} in each of {_plural(spec.trials, 'trial')}"
    return said


def _status(verdict: NumericVerdict) -> str:
    if verdict.ok:
        return r"\textbf{Passed.}"
    said = rf"\textbf{{{escape_text(verdict.status)}}}"
    return said + (f": {escape_text(verdict.reason)}." if verdict.reason else ".")


def _agreement(verdict: NumericVerdict) -> str:
    """An exact check in words: what it compared on how many random instances, and how far apart."""
    instances = f"On {_plural(verdict.trials, 'random instance')}"
    if verdict.kind == "inequality" and verdict.max_error == 0:
        return f"{instances}, the inequality held with no violation"
    said = AGREEMENT.get(verdict.kind, "{instances}, the claim and its reference differed by at most {error}")
    if verdict.max_error == 0:  # "differed by at most 0" says less than it means
        said = re.sub(r"differed by at most \{error\}.*", "agreed exactly", said)
    return said.format(
        instances=instances, error=f"${scientific(verdict.max_error)}$", allowed=f"${scientific(verdict.tolerance)}$"
    )


def _refusals(verdict: NumericVerdict) -> str:
    """Which perturbed claims the run refused in every trial (error above the tolerance in all)."""
    tried = {name.removeprefix(REFUSAL): low for name, (low, _) in verdict.details.items() if name.startswith(REFUSAL)}
    order = [name for name in PERTURBED if name in tried] + sorted(set(tried) - set(PERTURBED))
    refused = [PERTURBED.get(name, escape_text(name)) for name in order if tried[name] > verdict.tolerance]
    kept = [PERTURBED.get(name, escape_text(name)) for name in order if tried[name] <= verdict.tolerance]
    said = [f"it refused {_listed(refused)} in every trial"] if refused else []
    said += [f"it did NOT refuse {_listed(kept)} in every trial"] if kept else []
    return "; ".join(said) or "no perturbed claim was tried"


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else items[0]


def _sampled(verdict: NumericVerdict, spec) -> str:
    """A Monte Carlo check in words: draws, how close the sample mean came, resolution, refusals.

    The error is |mean - claim| / (k standard errors) and the resolution is k standard errors over
    |claim|, so their product bounds the mean's relative distance from the claim."""
    details = verdict.details
    resolution = details["resolution"][1]
    k = details["k"][1]
    draws = f"{_plural(spec.samples, 'draw')}" if spec is not None else "its draws"
    mean = "weighted (self-normalised) mean" if getattr(spec, "weight", None) is not None else "sample mean"
    trials = f"In each of {_plural(verdict.trials, 'trial')} (new random inputs each time)"
    if verdict.kind == "mc_rate":
        slack = details["slack"][1]
        excess = verdict.max_error * details["bound"][1]
        within = f"{slack:.2g}" + (f" plus {excess:.2g}" if excess > 0 else "")
        closeness = f"{trials} the rate estimated from {draws} was within the stated slack {within} of the claim"
    else:
        closeness = f"{trials} the {mean} of {draws} was within {percent(verdict.max_error * resolution)} of the claim"
    if verdict.kind == "mc_rate":
        power = f"the sampling error it allows on top of the slack is {percent(resolution)} of the claim ({k:.1f} standard errors)"
    else:
        power = f"it tells apart a relative error of {percent(resolution)} ({k:.1f} standard errors)"
    return f"{closeness}; {power}, and {_refusals(verdict)}"


def _numeric_item(verdict: NumericVerdict, spec) -> str:
    if not verdict.trials or not math.isfinite(verdict.max_error):  # not run, or no trial used
        return rf"\item {verdict.label or escape_text(verdict.kind)}. {_status(verdict)}"
    if verdict.kind in SAMPLING_KINDS and "resolution" in verdict.details:
        said = _sampled(verdict, spec)
    else:
        said = _agreement(verdict)
    return rf"\item {verdict.label or escape_text(verdict.kind)}. {said}. {_status(verdict)}"


def _specs_of(verdicts, derivation: Derivation | None) -> list:
    """The check spec behind each verdict (they run in the entry's order), or None where it does not match."""
    specs = list(derivation.checks) if derivation is not None else []
    specs += [None] * (len(verdicts) - len(specs))
    return [
        spec if spec is not None and (spec.kind, spec.describe()) == (v.kind, v.label) else None
        for v, spec in zip(verdicts, specs)
    ]


def _symbolic(report: CheckReport) -> str:
    counts = Counter(v.status for v in report.steps)
    parts = [f"{counts.pop(PROVED, 0)} of {len(report.steps)} steps proved"]
    if STATED in counts:
        stated = counts.pop(STATED)
        parts.append(
            f"{stated} stated with {'its reason' if stated == 1 else 'their reasons'} (covered by the numeric checks)"
        )
    parts += [f"{n} {escape_text(status.lower())}" for status, n in sorted(counts.items())]
    said = "Symbolic (SymPy): " + ", ".join(parts) + "."
    for verdict in report.steps:
        if not verdict.ok:
            said += f" Step {verdict.index}: {escape_text(verdict.status)}, {escape_text(verdict.reason)}."
    return said


def _steps_numerically(report: CheckReport) -> str:
    """Each step evaluated on random inputs (derive.checking.step_numeric), when the run did it."""
    if not report.step_numeric:
        return ""
    counts = Counter(v.status for v in report.step_numeric)
    words = {PASS: "agreed", NOT_EVALUATED: "not evaluated (stated, or beyond what JAX evaluates)"}
    said = [f"{n} {words.get(status, escape_text(status))}" for status, n in sorted(counts.items())]
    return f" Steps on random inputs (JAX): {', '.join(said)}."


def measured_checks(report: CheckReport, jax_version: str, derivation: Derivation | None = None) -> str:
    """What a check run measured, in words: step verdicts and what each numeric check compared,
    on how many random instances (and draws), how closely; ``derivation`` supplies the sample sizes."""
    said = _symbolic(report) + _steps_numerically(report)
    if not report.numeric:
        return said + " No numeric check was run."
    first = report.numeric[0]
    header = rf" Numeric (JAX {escape_text(jax_version)}, device {escape_text(first.device)}, seed {first.seed}):"
    items = "\n".join(_numeric_item(v, spec) for v, spec in zip(report.numeric, _specs_of(report.numeric, derivation)))
    return said + header + "\n\\begin{itemize}\\setlength{\\itemsep}{0pt}\n" + items + "\n\\end{itemize}"

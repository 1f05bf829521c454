"""What ``derive verify`` answers: the NOTATION.md JSON object, its text form and its exit status."""

from __future__ import annotations

import json
from dataclasses import dataclass

from derive.checking.verdicts import markdown_table

VALID, INVALID, UNKNOWN_STEP = "valid", "invalid", "unknown"
VERDICT_ERROR, VERDICT_UNKNOWN = "error", "unknown"
EXIT_STATUS = {VALID: 0, INVALID: 1, VERDICT_ERROR: 2, VERDICT_UNKNOWN: 3}


@dataclass(frozen=True)
class StepResult:
    """One step ``lhs = rhs``: valid, invalid or unknown, how that was decided, and for an
    invalid step a counterexample and (where recognised) the likely mistake."""

    index: int
    lhs: str
    rhs: str
    status: str
    method: str
    counterexample: dict | None = None
    diagnosis: str | None = None
    relation: str = "="  # what the step claims between lhs and rhs: =, \iff, \implies, \le, ...

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "lhs": self.lhs,
            "relation": self.relation,
            "rhs": self.rhs,
            "status": self.status,
            "method": self.method,
            "counterexample": self.counterexample,
            "diagnosis": self.diagnosis,
        }


@dataclass(frozen=True)
class VerifyReport:
    """The verdict on a whole derivation.

    ``verdict``: "valid" (every step valid), "invalid" (some step invalid), "error" (the input
    was not understood) or "unknown" (no step invalid, but some step could be decided neither
    way: never reported as valid or invalid). Exit statuses 0, 1, 2 and 3.
    """

    verdict: str
    steps: tuple[StepResult, ...]
    message: str

    @classmethod
    def of_steps(cls, steps: tuple[StepResult, ...]) -> VerifyReport:
        invalid = [s for s in steps if s.status == INVALID]
        unknown = [s for s in steps if s.status == UNKNOWN_STEP]
        count = f"{len(steps)} step{'s' if len(steps) != 1 else ''}"
        if invalid:
            first = invalid[0]
            detail = f": {first.diagnosis}" if first.diagnosis else ""
            return cls(INVALID, steps, f"step {first.index} of {count} is invalid{detail}")
        if unknown:
            listed = ", ".join(str(s.index) for s in unknown)
            return cls(VERDICT_UNKNOWN, steps, f"no step is invalid, but step {listed} could not be decided")
        return cls(VALID, steps, f"all {count} valid" if len(steps) > 1 else "the step is valid")

    @classmethod
    def from_error(cls, error: Exception) -> VerifyReport:
        """The report for input that could not be understood (exit status 2)."""
        return cls(VERDICT_ERROR, (), str(error))

    @property
    def first_invalid_step(self) -> int | None:
        return next((s.index for s in self.steps if s.status == INVALID), None)

    @property
    def exit_status(self) -> int:
        return EXIT_STATUS[self.verdict]

    @property
    def ok(self) -> bool:
        return self.verdict == VALID

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "first_invalid_step": self.first_invalid_step,
            "steps": [s.to_dict() for s in self.steps],
            "message": self.message,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def _repr_markdown_(self) -> str:
        """In a notebook: each step's verdict, how it was decided and the counterexample, as a table."""
        rows = [
            (
                step.index,
                f"${step.lhs} {step.relation} {step.rhs}$",
                step.status,
                step.method,
                _compact(step.counterexample) if step.counterexample else "",
                step.diagnosis or "",
            )
            for step in self.steps
        ]
        header = ("step", "claim", "verdict", "how", "counterexample", "likely mistake")
        return "\n".join([f"**{self.verdict}**: {self.message}", "", *markdown_table(header, rows)])

    def to_text(self) -> str:
        if self.verdict == VERDICT_ERROR:
            return f"error: {self.message}"
        lines = []
        for step in self.steps:
            lines.append(f"step {step.index}  {step.status.upper():<8} {step.lhs} {step.relation} {step.rhs}")
            lines.append(f"         {step.method}")
            if step.counterexample:
                values = ", ".join(f"{name} = {_compact(value)}" for name, value in step.counterexample.items())
                lines.append(f"         counterexample: {values}")
            if step.diagnosis:
                lines.append(f"         likely mistake: {step.diagnosis}")
        lines.append(f"{self.verdict}: {self.message}")
        return "\n".join(lines)


def _compact(value) -> str:
    return json.dumps(value, separators=(", ", ": ")) if isinstance(value, list) else str(value)

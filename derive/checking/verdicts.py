"""Answers of the two checkers. "Could not decide" (UNKNOWN) is its own answer, never folded into the others."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PROVED, REFUTED, UNKNOWN, STATED = "PROVED", "REFUTED", "UNKNOWN", "STATED"
PASS, FAIL = "PASS", "FAIL"
WEAK = "WEAK"  # a statistical check that passed but would also pass a perturbed claim: fails its entry
REFUSAL = "refusal "  # a statistical check's details key for a perturbed claim's error: "refusal x1.02"
NOT_EVALUATED = "not evaluated"  # a step JAX cannot evaluate numerically: said why, not a failure


@dataclass(frozen=True)
class StepVerdict:
    """The symbolic checker's answer for one step.

    ``counterexample`` (REFUTED only) maps symbol names to values, plus ``lhs`` and ``rhs``.
    STATED marks a step that is not an equality (a limit, an inequality): it carries the
    entry's reason and relies on the numeric check named in it.
    """

    index: int
    status: str
    method: str
    reason: str = ""
    counterexample: dict | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status in (PROVED, STATED)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class NumericVerdict:
    """The numeric checker's answer for one check of an entry: PASS, FAIL (a trial out of
    tolerance, or too few trials used), WEAK (a statistical check that passed but did not refuse
    its perturbed claims: derive.checking.power), or UNKNOWN when JAX could not evaluate the check."""

    kind: str
    label: str
    status: str
    max_error: float
    tolerance: float
    trials: int
    seed: int
    device: str
    details: dict = field(default_factory=dict)
    reason: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == PASS

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class StepNumericVerdict:
    """One step evaluated numerically (derive.checking.step_numeric): both sides on random inputs at
    ``sizes``. PASS, FAIL (``worst`` holds the worst trial's inputs and sides), or NOT_EVALUATED
    with the reason (a stated step, an integral JAX cannot evaluate, an assumption that is no
    definition); only FAIL fails the entry."""

    index: int
    status: str
    sizes: dict
    trials: int
    max_error: float
    tolerance: float
    reason: str = ""
    worst: dict | None = None

    @property
    def ok(self) -> bool:
        return self.status != FAIL

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CheckReport:
    """Both checks of one entry. It is ok only when at least one check ran and every one passed:
    a report with no verdict at all (nothing checked) is never ok."""

    entry_id: str
    steps: tuple[StepVerdict, ...]
    numeric: tuple[NumericVerdict, ...]
    stored: bool = False  # the report of an identical earlier run (derive.cache.reports), not run again
    step_numeric: tuple[StepNumericVerdict, ...] = ()  # each step evaluated numerically (empty when not run)

    @property
    def ok(self) -> bool:
        checked = (*self.steps, *self.numeric)
        return bool(checked) and all(v.ok for v in (*checked, *self.step_numeric))

    def to_dict(self) -> dict:
        return {
            "id": self.entry_id,
            "ok": self.ok,
            "stored": self.stored,
            "symbolic": [v.to_dict() for v in self.steps],
            "numeric": [v.to_dict() for v in self.numeric],
            "step_numeric": [v.to_dict() for v in self.step_numeric],
        }

    def _repr_markdown_(self) -> str:
        """In a notebook: each step's and each check's verdict as tables."""
        steps = [
            (v.index, v.status, v.method + (f": {v.reason}" if v.reason and v.status != PROVED else ""))
            for v in self.steps
        ]
        checks = [
            (f"{v.kind}: {v.label}", v.status, f"max rel error {v.max_error:.1e}, {v.trials} trials")
            for v in self.numeric
        ]
        heading = f"**{self.entry_id}**: {'ok' if self.ok else 'NOT OK'}"
        step_table = markdown_table(("step", "verdict", "how"), steps)
        check_table = markdown_table(("numeric check", "verdict", "evidence"), checks)
        return "\n".join([heading, "", *step_table, "", *check_table])

    @classmethod
    def from_dict(cls, data: dict, stored: bool = False) -> CheckReport:
        steps = tuple(StepVerdict(**step) for step in data["symbolic"])
        numeric = tuple(NumericVerdict(**v) for v in data["numeric"])
        by_step = tuple(StepNumericVerdict(**v) for v in data.get("step_numeric", ()))
        return cls(data["id"], steps, numeric, stored, by_step)


def markdown_table(header: tuple, rows: list) -> list[str]:
    """A Markdown table (a | inside a cell escaped)."""

    def line(cells):
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows)]

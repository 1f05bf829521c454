"""The verify page's model: the form read from the query string, the size limit, and what
``derive.verify`` answered, ready for the template (maths as MathML, the caret's place)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from derive.core.errors import DeriveError
from derive.serving.mathml import math
from derive.verifying.lexer import ParseError
from derive.verifying.report import VerifyReport

MAX_INPUT_BYTES = 20_000
FIELDS = ("latex", "where", "against")


@dataclass(frozen=True)
class VerifyForm:
    """What the student typed: the derivation, declarations one per line, an optional entry id."""

    latex: str = ""
    where: str = ""
    against: str = ""

    @classmethod
    def from_query(cls, query) -> VerifyForm:
        return cls(**{name: query.get(name, "") for name in FIELDS})

    @property
    def declarations(self) -> list[str]:
        return [line.strip() for line in self.where.splitlines() if line.strip()]

    @property
    def size(self) -> int:
        return sum(len(getattr(self, name).encode("utf-8")) for name in FIELDS)

    @property
    def too_large(self) -> str | None:
        """The message for input past the limit, or None."""
        if self.size <= MAX_INPUT_BYTES:
            return None
        return (
            f"The input is {self.size:,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes (about 20 kB). "
            "Check the derivation in parts, or use `derive verify --file` on your own machine."
        )

    @property
    def link(self) -> str:
        """The query string that reproduces this form (a link to send to a TA)."""
        return urlencode({name: getattr(self, name) for name in FIELDS if getattr(self, name)})


@dataclass(frozen=True)
class Caret:
    """A parse error's input line split around the character it points at."""

    headline: str
    before: str
    at: str
    after: str

    @classmethod
    def of(cls, error: ParseError) -> Caret:
        start = error.source.rfind("\n", 0, error.position) + 1
        end = error.source.find("\n", error.position)
        line = error.source[start : end if end >= 0 else len(error.source)].replace("\t", " ")
        offset = error.position - start
        return cls(error.headline(), line[:offset], line[offset : offset + 1] or " ", line[offset + 1 :])

    @property
    def pad(self) -> str:
        return " " * len(self.before)


def run_verify(form: VerifyForm, timeout: float, trials: int) -> dict:
    """Verify the form's derivation (blocking: call it in a worker thread) and return the page's model."""
    try:
        report = _verify(form, timeout, trials)
    except ParseError as error:
        return {"verdict": "error", "message": error.headline(), "caret": Caret.of(error), "steps": []}
    except DeriveError as error:
        return {"verdict": "error", "message": str(error), "caret": None, "steps": []}
    return {"verdict": report.verdict, "message": report.message, "caret": None, "steps": _steps(report)}


def report_dict(form: VerifyForm, timeout: float, trials: int) -> dict:
    """The JSON object `derive verify --json` prints, for the /api/verify route."""
    try:
        return _verify(form, timeout, trials).to_dict()
    except DeriveError as error:
        return VerifyReport.from_error(error).to_dict()


def _verify(form: VerifyForm, timeout: float, trials: int) -> VerifyReport:
    import derive

    return derive.verify(
        form.latex, where=form.declarations, against=form.against.strip() or None, timeout=timeout, trials=trials
    )


def _steps(report: VerifyReport) -> list[dict]:
    return [
        {
            "index": step.index,
            "status": step.status,
            "math": math(f"{step.lhs} = {step.rhs}", display=True),
            "source": f"{step.lhs} = {step.rhs}",
            "method": step.method,
            "counterexample": _table(step.counterexample),
            "diagnosis": step.diagnosis,
        }
        for step in report.steps
    ]


def _table(counterexample: dict | None) -> list[tuple[str, object]]:
    """Rows (name, value as MathML) of a counterexample; matrices as bracketed tables."""
    return [(name, math(_latex_value(value))) for name, value in (counterexample or {}).items()]


def _latex_value(value) -> str:
    if isinstance(value, list):
        rows = [row if isinstance(row, list) else [row] for row in value]
        body = r" \\ ".join(" & ".join(_number(x) for x in row) for row in rows)
        return r"\begin{bmatrix}" + body + r"\end{bmatrix}"
    return _number(value)


def _number(value) -> str:
    """A value the checker produced, as LaTeX: numbers as they are, anything else as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return r"\text{" + "".join(ch for ch in str(value) if ch.isalnum() or ch in " .-+/") + "}"
    return f"{value:.6g}"

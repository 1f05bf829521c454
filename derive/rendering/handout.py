"""Handouts: several worked solutions in one document, written as .tex or compiled to PDF.

    >>> import derive
    >>> tex = derive.handout_tex(derive.entries("models"), checked=False)

A handout has a header, a table of contents when it holds more than a few entries, a shared
notation section and one section per derivation; with ``exercises`` each section states the
problem with blank space and the worked solutions follow in an appendix. Unless told not to,
it runs every entry's checks and prints what they measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from derive.checking.verdicts import CheckReport
from derive.core.errors import DeriveError
from derive.core.model import Derivation
from derive.registry import entries, get
from derive.rendering.evidence import measured_checks
from derive.rendering.tex import check_output, compile_pdf, fill, require_tex, write_text_atomically
from derive.rendering.text import escape_text
from derive.rendering.worked import givens_table, heading, worked_solution

CONTENTS_FROM = 4  # entries: a table of contents from this many on
EXERCISE_SPACE = "7cm"
NOTHING_CHOSEN = "name entry ids, or pass --topic TOPIC or --all (`derive list` shows them)"

Progress = Callable[[str], None]


def choose(entry_ids: Sequence[str] = (), topic: str | None = None, every: bool = False) -> list[Derivation]:
    """The entries a handout holds, in the order given; unknown ids or topics raise before anything is written."""
    if not (entry_ids or topic or every):
        raise DeriveError(NOTHING_CHOSEN)
    chosen = [get(entry_id) for entry_id in entry_ids]
    if topic or every:
        chosen += [e for e in entries(None if every else topic) if e not in chosen]
    return chosen


def jax_version() -> str:
    try:
        return version("jax")
    except PackageNotFoundError:
        return "not installed"


def run_checks(chosen: Sequence[Derivation], progress: Progress, **options) -> dict[str, CheckReport]:
    """Both checks of each entry (derive.check), with a progress line per entry."""
    from derive.api import check

    reports = {}
    for number, entry in enumerate(chosen, start=1):
        progress(f"checking {number}/{len(chosen)}: {entry.id}")
        reports[entry.id] = check(entry, **options)
    return reports


def _title(chosen: Sequence[Derivation], title: str | None) -> str:
    if title:
        return title
    if len(chosen) == 1:
        return chosen[0].title
    topics = sorted({entry.topic for entry in chosen})
    return f"Worked derivations: {', '.join(topics)}" if len(topics) <= 3 else "Worked derivations"


def _byline(count: int, reports: dict[str, CheckReport] | None) -> str:
    entries_text = f"{count} derivation{'s' if count != 1 else ''}"
    if reports is None:
        return f"{entries_text} from the derive catalog; each is checked symbolically (SymPy) and numerically (JAX)."
    passed = sum(1 for report in reports.values() if report.ok)
    return (
        f"{entries_text} from the derive catalog, checked symbolically (SymPy) and numerically "
        f"(JAX {escape_text(jax_version())}) when this handout was made: {passed} of {count} passed both checks."
    )


def _section(entry: Derivation, reports: dict[str, CheckReport] | None, **placement) -> str:
    checked = None
    if reports is not None:
        checked = measured_checks(reports[entry.id], jax_version())
    return worked_solution(entry, checked=checked, **placement)


def _exercise(entry: Derivation) -> str:
    return fill(
        "exercise.tex",
        heading=heading(entry, r"\section", f"entry:{entry.id}"),
        statement=entry.statement,
        givens=givens_table(entry),
        solution_label=f"solution:{entry.id}",
        space=EXERCISE_SPACE,
    ).strip()


def handout_tex(
    chosen: Sequence[Derivation],
    *,
    title: str | None = None,
    exercises: bool = False,
    reports: dict[str, CheckReport] | None = None,
) -> str:
    """The LaTeX source of a handout; ``reports`` (entry id -> CheckReport) are printed in each
    "Checked." paragraph, or, when None, the checks that exist are listed instead."""
    if exercises:
        problems = [_exercise(entry) for entry in chosen]
        solutions = [_section(e, reports, heading_command=r"\section", label=f"solution:{e.id}") for e in chosen]
        body = "\n\n\\clearpage\n".join(problems) + "\n\n\\clearpage\n\\appendix\n" + "\n\n".join(solutions)
    else:
        body = "\n\n".join(
            _section(entry, reports, heading_command=r"\section", label=f"entry:{entry.id}") for entry in chosen
        )
    title = _title(chosen, title)
    return fill(
        "handout.tex",
        preamble=fill("preamble.tex").strip(),
        pdftitle=escape_text(title),
        title=escape_text(title),
        byline=_byline(len(chosen), reports),
        contents="{\\setlength{\\parskip}{0pt}\\tableofcontents}\n\\bigskip" if len(chosen) >= CONTENTS_FROM else "",
        notation=fill("notation.tex").strip(),
        body=body,
    )


@dataclass(frozen=True)
class Written:
    """What ``write_handout`` produced: the file, TeX's complaints (if compiled) and failed entries."""

    path: Path
    problems: tuple[str, ...] = ()
    not_passed: tuple[str, ...] = ()


def output_path(output: str | Path) -> Path:
    """``x.pdf`` stays a PDF, ``x.tex`` stays LaTeX, anything else gets ``.tex`` appended."""
    output = Path(output)
    return output if output.suffix in (".pdf", ".tex") else output.with_name(output.name + ".tex")


def write_handout(
    chosen: Sequence[Derivation],
    output: str | Path,
    *,
    title: str | None = None,
    exercises: bool = False,
    check: bool = True,
    progress: Progress | None = None,
    **check_options,
) -> Written:
    """Write a handout to ``output``: LaTeX, or a PDF compiled with latexmk when it ends in ``.pdf``.

    An output that cannot be written (DeriveError) and TeX's absence (TexMissing) are reported
    before any check runs; a failed compile raises CompileFailed and leaves an existing file at
    ``output`` untouched.
    """
    progress = progress or (lambda message: None)
    path = output_path(output)
    check_output(path)
    if path.suffix == ".pdf":
        require_tex()
    reports = run_checks(chosen, progress, **check_options) if check else None
    source = handout_tex(chosen, title=title, exercises=exercises, reports=reports)
    not_passed = tuple(entry_id for entry_id, report in (reports or {}).items() if not report.ok)
    if path.suffix != ".pdf":
        write_text_atomically(source, path)
        return Written(path, (), not_passed)
    progress(f"compiling {path.name} with latexmk")
    compiled = compile_pdf(source, path)
    return Written(path, compiled.problems, not_passed)

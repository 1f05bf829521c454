"""Handouts: several worked solutions in one document, written as .tex or compiled to PDF.

    >>> import derive
    >>> tex = derive.handout_tex(derive.entries("models"), checked=False)

A handout has a header, a table of contents when it holds more than a few entries, a shared
notation section and one section per derivation; with ``exercises`` each section states the
problem with blank space and the worked solutions follow in an appendix. A handout of several
topics with a table of contents (``--all``) is in parts, one per topic in the catalog's topic
order (catalog/_order.py), each opening with the list of its entries. Unless told not to, it
runs every entry's checks and prints what they measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from derive.checking.verdicts import CheckReport
from derive.core.errors import DeriveError
from derive.core.model import Derivation
from derive.registry import entries, get, topics
from derive.rendering.evidence import measured_checks
from derive.rendering.tex import check_output, compile_pdf, fill, require_tex, write_text_atomically
from derive.rendering.text import escape_text
from derive.rendering.worked import givens_table, heading, worked_solution

CONTENTS_FROM = 4  # entries: a table of contents from this many on
EXERCISE_SPACE = "7cm"
SECTION = r"\needspace{10\baselineskip}\section"  # a heading with its problem, never alone at a page's foot
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
        checked = measured_checks(reports[entry.id], jax_version(), entry)
    return worked_solution(entry, checked=checked, **placement)


def topic_title(topic: str) -> str:
    """``linear-algebra`` as ``Linear algebra``."""
    return topic.replace("-", " ").capitalize()


def by_topic(chosen: Sequence[Derivation]) -> list[tuple[str, list[Derivation]]]:
    """The entries grouped by topic, the topics in the catalog's order, each group in the order given."""
    return [
        (topic, [e for e in chosen if e.topic == topic]) for topic in topics() if any(e.topic == topic for e in chosen)
    ]


def in_parts(chosen: Sequence[Derivation]) -> bool:
    """A handout is in parts when it has a table of contents and more than one topic."""
    return len(chosen) >= CONTENTS_FROM and len({entry.topic for entry in chosen}) > 1


def part_opening(topic: str, members: Sequence[Derivation]) -> str:
    """A part's heading and its own short contents: each entry's section number, title and page."""
    items = [
        rf"\item[\ref{{entry:{e.id}}}] \hyperref[entry:{e.id}]{{{escape_text(e.title)}}}\dotfill\pageref{{entry:{e.id}}}"
        for e in members
    ]
    return fill("part.tex", title=escape_text(topic_title(topic)), topic=topic, entries="\n".join(items)).strip()


def _exercise(entry: Derivation) -> str:
    return fill(
        "exercise.tex",
        heading=heading(entry, SECTION, f"entry:{entry.id}"),
        statement=entry.statement,
        givens=givens_table(entry),
        solution_label=f"solution:{entry.id}",
        space=EXERCISE_SPACE,
    ).strip()


SOLUTIONS_PART = "\\part*{Worked solutions}\n\\addcontentsline{toc}{part}{Worked solutions}\n"


def _opened(topic: str, members: Sequence[Derivation], body: str) -> str:
    """A group's body, after its part opening when the handout is in parts (``topic`` not empty)."""
    return f"{part_opening(topic, members)}\n\n{body}" if topic else body


def _worked(members: Sequence[Derivation], reports, label: str) -> list[str]:
    return [_section(e, reports, heading_command=SECTION, label=f"{label}:{e.id}") for e in members]


def handout_tex(
    chosen: Sequence[Derivation],
    *,
    title: str | None = None,
    exercises: bool = False,
    reports: dict[str, CheckReport] | None = None,
) -> str:
    """The LaTeX source of a handout; ``reports`` (entry id -> CheckReport) are printed in each
    "Checked." paragraph, or, when None, the checks that exist are listed instead."""
    parted = in_parts(chosen)
    groups = by_topic(chosen) if parted else [("", list(chosen))]
    chosen = [entry for _, members in groups for entry in members]
    if exercises:
        problems = [
            _opened(topic, members, "\n\n\\clearpage\n".join(map(_exercise, members))) for topic, members in groups
        ]
        appendix = "\\clearpage\n\\appendix\n" + (SOLUTIONS_PART if parted else "")
        body = (
            "\n\n\\clearpage\n".join(problems) + "\n\n" + appendix + "\n\n".join(_worked(chosen, reports, "solution"))
        )
    else:
        body = "\n\n".join(
            _opened(topic, members, "\n\n".join(_worked(members, reports, "entry"))) for topic, members in groups
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

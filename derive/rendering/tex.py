"""TeX documents: the templates shipped in derive/rendering/templates/, and compiling them with latexmk.

A compile runs in a temporary directory; the PDF is moved to the output path only when TeX
succeeded, so a failed compile leaves an existing file there untouched. Every output is written
next to its path and renamed onto it at the end, so a failure never leaves half a file, and the
output path is checked (``check_output``) before any work starts.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from derive.core.errors import DeriveError

DEBIAN_PACKAGES = "texlive-latex-base texlive-latex-recommended latexmk"
TEX_MISSING = (
    "cannot write a PDF: latexmk (TeX) was not found on PATH. On Debian or Ubuntu install it with "
    f"`sudo apt-get install {DEBIAN_PACKAGES}`; or write the LaTeX source with `-o FILE.tex`, which needs no TeX"
)
COMPILE_TIMEOUT = 600
OVERFULL_LIMIT_PT = 10.0
_PLACEHOLDER = re.compile(r"<<([a-z_]+)>>")
_OVERFULL = re.compile(r"^Overfull \\[hv]box \((?P<pt>[\d.]+)pt too (?:wide|high)\).*$", re.MULTILINE)
_PROBLEMS = re.compile(
    r"^(?:! .*|.*Undefined control sequence.*|LaTeX Warning: (?:Reference|Citation) .*)$", re.MULTILINE
)


class TexMissing(DeriveError):
    """A PDF was asked for but there is no TeX installation."""

    def __init__(self):
        super().__init__(TEX_MISSING)


class CompileFailed(Exception):
    """TeX failed; the message holds the relevant lines of its log, not the whole log."""

    def __init__(self, excerpt: str):
        super().__init__(f"LaTeX failed; the relevant lines of its log:\n{excerpt}")
        self.excerpt = excerpt


def template(name: str) -> str:
    """The text of one file in derive/rendering/templates/."""
    return (resources.files("derive.rendering") / "templates" / name).read_text(encoding="utf-8")


def fill(name: str, **values: str) -> str:
    """A template with every ``<<placeholder>>`` replaced; a missing or unused value is an error."""
    text = template(name)
    wanted = set(_PLACEHOLDER.findall(text))
    if wanted != set(values):
        raise ValueError(f"template {name}: placeholders {sorted(wanted)}, values {sorted(values)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def have_tex() -> bool:
    return shutil.which("latexmk") is not None and shutil.which("pdflatex") is not None


def require_tex() -> None:
    """Raise TexMissing (a user error, exit status 2) unless latexmk and pdflatex are installed."""
    if not have_tex():
        raise TexMissing()


@dataclass(frozen=True)
class Compiled:
    """A finished compile: the PDF's path and what its log says should be looked at."""

    path: Path
    problems: tuple[str, ...]


def log_problems(log: str, overfull_limit: float = OVERFULL_LIMIT_PT) -> tuple[str, ...]:
    """Errors, undefined control sequences and references, and boxes overfull by more than the limit."""
    found = [m.group(0) for m in _PROBLEMS.finditer(log)]
    found += [m.group(0) for m in _OVERFULL.finditer(log) if float(m.group("pt")) > overfull_limit]
    return tuple(found)


def log_excerpt(log: str, source: str, context: int = 2) -> str:
    """Each TeX error with the lines after it, and the offending line of the generated source."""
    lines, source_lines, picked = log.splitlines(), source.splitlines(), []
    for i, line in enumerate(lines):
        located = re.match(r"^.*?\.tex:(\d+): (.*)$", line)
        if not (line.startswith("!") or located):
            continue
        picked += lines[i : i + context + 1]
        if located and 0 < int(located.group(1)) <= len(source_lines):
            picked.append(f"  source line {located.group(1)}: {source_lines[int(located.group(1)) - 1].strip()}")
        if len(picked) > 30:
            break
    return "\n".join(picked) or "\n".join(lines[-15:])


def compile_pdf(source: str, output: Path) -> Compiled:
    """Compile LaTeX source to ``output`` (a PDF) with latexmk; CompileFailed if TeX fails."""
    require_tex()
    output = Path(output)
    with tempfile.TemporaryDirectory(prefix="derive-tex-") as work:
        tex_file = Path(work) / "document.tex"
        tex_file.write_text(source, encoding="utf-8")
        command = ["latexmk", "-norc", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]
        try:
            run = subprocess.run(
                [*command, tex_file.name], cwd=work, capture_output=True, text=True, timeout=COMPILE_TIMEOUT
            )
        except subprocess.TimeoutExpired as exc:
            raise CompileFailed(f"latexmk did not finish within {COMPILE_TIMEOUT} s") from exc
        log_file, pdf = tex_file.with_suffix(".log"), tex_file.with_suffix(".pdf")
        log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else run.stdout + run.stderr
        if run.returncode != 0 or not pdf.exists():
            raise CompileFailed(log_excerpt(log, source))
        _move_into_place(pdf, output)
        return Compiled(output, log_problems(log))


def check_output(output: Path) -> None:
    """Raise DeriveError (exit status 2) unless a file can be written at ``output``: its folder
    exists and takes a new file, and ``output`` is not a folder. Called before any work starts."""
    output = Path(output)
    if output.is_dir():
        raise DeriveError(f"cannot write {output}: it is a folder")
    if not output.parent.is_dir():
        raise DeriveError(f"cannot write {output}: the folder {output.parent} does not exist")
    probe = _part_beside(output)
    try:
        probe.open("x").close()
    except OSError as exc:
        raise DeriveError(f"cannot write {output}: {exc.strerror or type(exc).__name__}") from None
    probe.unlink()


def write_text_atomically(text: str, output: Path) -> None:
    """Write a file so that a reader never sees half of it and a failure leaves the old one."""
    part = _part_beside(output)
    with _removed_on_error(part):
        with open(part, "x", encoding="utf-8") as out:
            out.write(text)
        os.replace(part, output)


def _move_into_place(built: Path, output: Path) -> None:
    """Copy next to the output first (the temporary directory may be another file system), then rename."""
    part = _part_beside(output)
    with _removed_on_error(part):
        shutil.copyfile(built, part)
        os.replace(part, output)


def _part_beside(output: Path) -> Path:
    """A new name next to ``output`` for the file being written (created with the usual permissions)."""
    return output.with_name(f".{output.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


@contextmanager
def _removed_on_error(part: Path):
    """Remove the temporary file ``part`` if the block fails (a full disk): only the rename publishes it."""
    try:
        yield
    except BaseException:
        with suppress(OSError):
            os.unlink(part)
        raise

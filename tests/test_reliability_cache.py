"""Caches and outputs (docs/reliability.md): a damaged stored result is ignored and recomputed, an
unusable cache directory costs one warning line and no traceback, partial files never stay, and
an unwritable output path is refused before any work, with one line and exit status 2."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import derive
from cli import main
from derive.cache import directory
from derive.cache import renderings as _rendered
from derive.cache.reports import StoredReports
from derive.cache.sealed import SCHEMA, opened, sealed
from derive.checking.verdicts import PASS, PROVED, CheckReport, NumericVerdict, StepNumericVerdict, StepVerdict
from derive.core.errors import DeriveError
from derive.rendering import tex

REPOSITORY = Path(__file__).resolve().parent.parent
ENTRY, OTHER = "logistic-grad", "svm-kkt"
OPTIONS = {"trials": 2, "seed": 0, "device": "cpu"}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _cannot_write(folder: Path) -> bool:
    try:
        os.close(tempfile.mkstemp(dir=folder)[0])
    except OSError:
        return True
    return False


@pytest.fixture
def unwritable(tmp_path):
    """A folder in which no file can be created (read-only for a user; for root, /sys on Linux)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if _cannot_write(folder):
        yield folder
    elif Path("/sys").is_dir() and _cannot_write(Path("/sys")):
        yield Path("/sys")
    else:
        pytest.skip("no folder here refuses a new file (root without /sys)")
    folder.chmod(0o755)


def _passing_report(entry, **changes) -> CheckReport:
    """A report of every check of ``entry`` passing, as the runner makes it (no check is run)."""
    steps = tuple(StepVerdict(i, PROVED, "explicit instance") for i in range(1, len(entry.steps) + 1))
    numeric = tuple(
        NumericVerdict("grad", f"check {i}", PASS, 0.0, 1e-6, 2, 0, "cpu") for i in range(len(entry.checks))
    )
    by_step = tuple(StepNumericVerdict(i, PASS, {"n": 5}, 2, 0.0, 1e-8) for i in range(1, len(entry.steps) + 1))
    return CheckReport(entry.id, **{"steps": steps, "numeric": numeric, "step_numeric": by_step, **changes})


def _stored_file(store: StoredReports, entry) -> Path:
    return store._path(entry)


# -- stored check reports ----------------------------------------------------------------------
def test_a_kept_report_is_found_again_and_marked_stored(cache_dir):
    entry, store = derive.get(ENTRY), StoredReports(OPTIONS)
    store.keep(entry, _passing_report(entry))
    found = store.lookup(entry)
    assert found is not None and found.stored and found.ok
    assert found.to_dict()["symbolic"] == _passing_report(entry).to_dict()["symbolic"]


def test_a_report_copied_from_another_entry_is_ignored(cache_dir):
    entry, other, store = derive.get(ENTRY), derive.get(OTHER), StoredReports(OPTIONS)
    store.keep(entry, _passing_report(entry))
    store.keep(other, _passing_report(other))
    _stored_file(store, entry).write_bytes(_stored_file(store, other).read_bytes())
    assert store.lookup(entry) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: '{"id":"logistic-grad","symbolic":[],"numeric":[]}',  # the bare report of issue 19
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"PROVED"', '"REFUTED"', 1),  # an edited status
        lambda text: text.replace(f'"schema": {SCHEMA}', '"schema": 0', 1),
        lambda text: "\n".join(text.splitlines()[1:]),  # the content without its header
    ],
    ids=["bare-report", "emptied", "truncated", "edited-status", "other-schema", "no-header"],
)
def test_a_damaged_report_is_ignored_and_overwritten(cache_dir, damage):
    entry, store = derive.get(ENTRY), StoredReports(OPTIONS)
    store.keep(entry, _passing_report(entry))
    path = _stored_file(store, entry)
    path.write_text(damage(path.read_text()))
    assert store.lookup(entry) is None
    store.keep(entry, _passing_report(entry))  # what the runner does after checking afresh
    assert store.lookup(entry) is not None


def test_a_sealed_report_missing_checks_is_neither_kept_nor_used(cache_dir):
    entry, store = derive.get(ENTRY), StoredReports(OPTIONS)
    for incomplete in (
        _passing_report(entry, steps=()),
        _passing_report(entry, numeric=()),
        _passing_report(entry, step_numeric=()),
    ):
        store.keep(entry, incomplete)
        assert not _stored_file(store, entry).exists()
        path = _stored_file(store, entry)  # sealed correctly, yet short of the entry's checks
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sealed(json.dumps(incomplete.to_dict()), path.stem, entry.id))
        assert store.lookup(entry) is None
        path.unlink()


def test_a_report_with_no_check_is_never_ok():
    assert not CheckReport(ENTRY, (), ()).ok
    assert not CheckReport.from_dict({"id": ENTRY, "symbolic": [], "numeric": []}).ok


def test_the_bare_report_of_issue_19_is_checked_again_on_the_command_line(cache_dir):
    run = ["check", ENTRY, "--trials", "2"]
    first = CliRunner().invoke(main, run)
    assert first.exit_code == 0, first.output
    (path,) = (cache_dir / "checks" / ENTRY).iterdir()
    path.write_text('{"id":"logistic-grad","symbolic":[],"numeric":[]}')
    again = CliRunner().invoke(main, run)
    assert again.exit_code == 0 and "stored report" not in again.output
    assert "step 1" in again.output and "OK" in again.output
    assert "stored report" in CliRunner().invoke(main, run).output  # overwritten by a good one


# -- stored renderings -------------------------------------------------------------------------
def _rendering_file(entry_id: str, variant: str = "text") -> Path:
    return _rendered.rendered_directory() / _rendered.source_digest() / f"{entry_id}.{variant}"


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_text(path.read_text()[:-7]),
        lambda path: path.write_text("not a rendering at all"),
        lambda path: path.write_text(""),
        lambda path: path.write_bytes(_rendering_file(OTHER).read_bytes()),
        lambda path: path.write_bytes(b"\xff\xfe broken bytes"),
    ],
    ids=["truncated", "replaced", "emptied", "swapped", "undecodable"],
)
def test_a_damaged_rendering_is_rendered_again_and_overwritten(cache_dir, damage):
    assert _rendered.rendered(ENTRY, "text", lambda: "the solution\n") == "the solution\n"
    assert _rendered.rendered(OTHER, "text", lambda: "another solution\n") == "another solution\n"
    damage(_rendering_file(ENTRY))
    assert _rendered.rendered(ENTRY, "text", lambda: "rendered again\n") == "rendered again\n"
    assert _rendered.rendered(ENTRY, "text", lambda: "not called") == "rendered again\n"


def test_a_seal_opens_only_with_its_own_key_and_id():
    text = sealed("content\r\nwith lines\n", "key", ENTRY)
    assert opened(text, "key", ENTRY) == "content\r\nwith lines\n"
    assert opened(text, "other-key", ENTRY) is None
    assert opened(text, "key", OTHER) is None


# -- unusable cache directories ----------------------------------------------------------------
def test_an_unusable_cache_directory_is_reported_once(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("DERIVE_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setenv(directory.REPORTED_ENV, "")
    monkeypatch.setattr(directory, "_usable", {})
    for _ in range(3):
        assert directory.usable_cache_root() is None
        directory.write_into_cache(blocker / "cache" / "x", "text")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "cache directory" in lines[0] and str(blocker) in lines[0]


_fdopen = os.fdopen


class _FullDisk:
    """An open file on a full disk: every write fails."""

    def __init__(self, handle, *args, **kwargs):
        self.file = _fdopen(handle, *args, **kwargs)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()

    def write(self, text):
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failing", ["write", "rename"])
def test_a_failed_cache_write_leaves_no_partial_file(cache_dir, monkeypatch, failing):
    target = cache_dir / "rendered" / "x" / "entry.text"
    if failing == "write":
        monkeypatch.setattr(directory.os, "fdopen", _FullDisk)
    else:
        monkeypatch.setattr(directory.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EXDEV, "no")))
    directory.write_into_cache(target, "text")
    assert list(target.parent.iterdir()) == []


def _command(args: list[str], cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DERIVE_CACHE_DIR": str(cache)}
    env.pop(directory.REPORTED_ENV, None)
    code = f"from cli import main; main({args!r})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=300
    )


def _assert_runs_without_the_cache(result, cache: Path, status: int) -> None:
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "cache directory" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"derive: warning: cache directory {cache} is not usable (")


def _unusable(kind: str, unwritable: Path) -> Path:
    return Path("/proc/nope") if kind == "missing" and Path("/proc").is_dir() else unwritable / "nope"


COMMANDS = {
    "show": (["show", ENTRY], 0),
    "verify": (["verify", "x = y", "--trials", "2"], 1),
    "check": (["check", ENTRY, "--trials", "1"], 0),
    "handout": (["handout", ENTRY, "--trials", "1", "--quiet", "-o", "{out}"], 0),
}
EXPENSIVE = {"check", "handout"}  # each runs every check of the entry (SymPy and JAX)


@pytest.mark.parametrize("kind", ["missing", "unwritable"])
@pytest.mark.parametrize(
    "command", [pytest.param(c, marks=pytest.mark.slow) if c in EXPENSIVE else c for c in COMMANDS]
)
def test_every_command_runs_without_an_unusable_cache_directory(tmp_path, unwritable, kind, command):
    cache = _unusable(kind, unwritable)
    args, status = COMMANDS[command]
    result = _command([a.format(out=tmp_path / "h.tex") for a in args], cache)
    _assert_runs_without_the_cache(result, cache, status)


JIT_PROBE = """
import jax, jax.numpy as jnp
from derive.cache.directory import use_compilation_cache
assert use_compilation_cache() is not None
print(jax.jit(lambda x: jnp.sin(x) * 2 + 1)(jnp.arange(3.0)))
"""


def test_a_corrupt_compiled_check_is_removed_not_warned_about_forever(tmp_path):
    env = {**os.environ, "DERIVE_CACHE_DIR": str(tmp_path)}

    def run():
        result = subprocess.run([sys.executable, "-c", JIT_PROBE], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stderr

    run()
    entries = list((tmp_path / "jax").glob("*-cache"))
    assert entries
    for entry in entries:
        entry.write_bytes(b"garbage")
    assert "persistent compilation cache" not in run()
    assert all(entry.exists() and entry.read_bytes() != b"garbage" for entry in entries)


# -- output paths --------------------------------------------------------------------------------
def _handout(output) -> object:
    return CliRunner().invoke(main, ["handout", ENTRY, "-o", str(output)])


@pytest.mark.parametrize("where", ["proc", "unwritable", "missing-folder"])
def test_an_unwritable_output_is_refused_before_any_check(tmp_path, unwritable, where):
    output = {
        "proc": Path("/proc/out.pdf"),
        "unwritable": unwritable / "out.pdf",
        "missing-folder": tmp_path / "no" / "out.tex",
    }[where]
    if where == "proc" and not Path("/proc").is_dir():
        pytest.skip("no /proc here")
    result = _handout(output)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]  # one line: no progress, no traceback
    assert result.stderr.startswith(f"error: cannot write {output}")


def test_a_folder_is_not_an_output(tmp_path):
    (tmp_path / "h.tex").mkdir()
    with pytest.raises(DeriveError, match="it is a folder"):
        derive.write_handout([derive.get(ENTRY)], tmp_path / "h.tex", check=False)


def test_a_failed_write_keeps_the_old_output_and_leaves_no_partial_file(tmp_path, monkeypatch):
    output = tmp_path / "h.tex"
    output.write_text("the user's old handout")

    def full_disk(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tex.os, "replace", full_disk)
    with pytest.raises(OSError):
        tex.write_text_atomically("a new handout", output)
    with pytest.raises(OSError):
        tex._move_into_place(output, output)
    assert output.read_text() == "the user's old handout"
    assert [p.name for p in tmp_path.iterdir()] == ["h.tex"]

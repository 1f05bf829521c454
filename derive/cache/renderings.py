"""Rendered worked solutions kept on disk, so a repeated `derive show` loads neither SymPy nor the entry.

A rendering is stored under a digest of everything that can change it: the derive package (code
and templates), the catalog, and the SymPy release. Editing any of them changes the digest, and
the next `show` renders afresh. Each file is sealed (derive.cache.sealed) with its key, entry id
and a digest of the text: a file that does not match (copied, edited, truncated) is rendered
again and overwritten. Nothing here imports SymPy; a cache that cannot be read or written is
simply not used.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from derive.cache.digests import PACKAGE, catalog_directory, files_digest, package_files
from derive.cache.directory import cache_root, write_into_cache
from derive.cache.sealed import opened, sealed

ENTRY_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _sympy_release() -> list[Path]:
    spec = importlib.util.find_spec("sympy")
    release = Path(spec.origin).with_name("release.py") if spec and spec.origin else None
    return [release] if release and release.exists() else []


def source_digest() -> str:
    """A digest of the derive package, the catalog and SymPy's release file (paths and contents)."""
    files = package_files()
    catalog = catalog_directory()
    if catalog is not None and catalog.parent != PACKAGE:  # the wheel's catalog is already in the package
        files += sorted(catalog.glob("*.py"))
    return files_digest(files + _sympy_release())


def rendered(entry_id: str, variant: str, render: Callable[[], str], use_cache: bool = True) -> str:
    """The rendering of an entry in a variant ("text", "latex-standalone", ...): stored, or ``render()``.

    Only ids that look like catalog ids touch the disk, so no id can name a path elsewhere; an
    unknown id misses, and ``render()`` reports it.
    """
    if not use_cache or not ENTRY_ID.fullmatch(entry_id):
        return render()
    text = lookup(entry_id, variant)
    if text is None:
        text = render()
        store(entry_id, variant, text)
    return text


def rendered_directory() -> Path:
    return cache_root() / "rendered"


def _key(digest: str, entry_id: str, variant: str) -> str:
    return f"{digest}/{entry_id}.{variant}"


def lookup(entry_id: str, variant: str) -> str | None:
    """The stored rendering, or None when there is none or it is not exactly what was stored."""
    digest = source_digest()
    try:
        text = (rendered_directory() / _key(digest, entry_id, variant)).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return opened(text, _key(digest, entry_id, variant), entry_id)


def store(entry_id: str, variant: str, text: str) -> None:
    """Keep a rendering for the current sources; renderings for older sources are removed."""
    top, digest = rendered_directory(), source_digest()
    try:
        for stale in top.iterdir():
            if stale.name != digest:
                shutil.rmtree(stale, ignore_errors=True)
    except OSError:  # no cache yet, or one that cannot be read
        pass
    key = _key(digest, entry_id, variant)
    write_into_cache(top / key, sealed(text, key, entry_id))

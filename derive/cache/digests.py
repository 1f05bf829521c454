"""Digests of the source files a stored result depends on (no SymPy here: `derive show` reads it)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def package_files() -> list[Path]:
    """derive's code and templates (in a wheel, the catalog nested in the package too)."""
    return sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".tex") and "__pycache__" not in p.parts)


def files_digest(files: Iterable[Path], *extra: str) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:24]

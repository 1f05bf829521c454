"""Digests of the source files a stored result depends on (no SymPy here: `derive show` reads it)."""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def catalog_directory() -> Path | None:
    """The catalog package's folder: derive/catalog in an installed wheel, catalog/ in a source checkout."""
    for name in ("derive.catalog", "catalog"):
        try:
            spec = importlib.util.find_spec(name)
        except ImportError:
            continue
        if spec is not None and spec.submodule_search_locations:
            return Path(next(iter(spec.submodule_search_locations)))
    return None


def package_files() -> list[Path]:
    """derive's code and templates, and the vocabulary the entries share (catalog/_lib), which runs
    as the engine's code does (in a wheel the whole catalog is nested in the package)."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".tex") and "__pycache__" not in p.parts)
    catalog = catalog_directory()
    if catalog is not None and PACKAGE not in catalog.parents:
        files += sorted((catalog / "_lib").rglob("*.py"))
    return files


def files_digest(files: Iterable[Path], *extra: str) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        digest.update(text.encode() + b"\0")
    return digest.hexdigest()[:24]

"""Corrupt entries of JAX's persistent compilation cache in derive's cache directory.

When an entry cannot be read, decompressed or deserialized, JAX warns ("Error reading persistent
compilation cache entry"), compiles afresh, and keeps the bad entry: its cache never replaces an
existing key, so the warning would come back on every run. This guard wraps JAX's read of an
entry: an entry of derive's directory that fails is removed and read as a miss, so the fresh
compile writes a good one, silently. It wraps a private JAX function; where a JAX release lacks
it, nothing is guarded and JAX's own behaviour stands.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
from pathlib import Path

ENTRY_SUFFIXES = ("-cache", "-atime")  # jax._src.lru_cache: the entry, and its access time

_directory: Path | None = None  # the compilation cache directory derive configured last


def remove_unreadable_entries(directory: Path) -> None:
    """From now on, an entry of ``directory`` that JAX fails to load is removed and compiled again."""
    global _directory
    _directory = directory
    try:
        from jax._src import compilation_cache
    except ImportError:
        return
    read = getattr(compilation_cache, "get_executable_and_time", None)
    if read is not None and not getattr(read, "derive_guard", False):
        compilation_cache.get_executable_and_time = _guarded(read)


def _guarded(read):
    @functools.wraps(read)
    def guarded(cache_key, *args, **kwargs):
        try:
            return read(cache_key, *args, **kwargs)
        except Exception as exc:
            if _raise_as_jax_would(exc) or not remove_entry(cache_key):
                raise
            return None, None

    guarded.derive_guard = True
    return guarded


def _raise_as_jax_would(exc: Exception) -> bool:
    """JAX raises (rather than warns) a verification error, or any error when told to."""
    import jax

    return type(exc).__name__ == "CacheVerificationError" or bool(jax.config.jax_raise_persistent_cache_errors)


def remove_entry(cache_key: str) -> bool:
    """Remove the entry ``cache_key`` from derive's compilation cache; False if it is not there."""
    if _directory is None or not cache_key or Path(cache_key).name != cache_key:
        return False
    entry = _directory / f"{cache_key}{ENTRY_SUFFIXES[0]}"
    if not (entry.exists() or entry.is_symlink()):
        return False
    for suffix in ENTRY_SUFFIXES:
        path = _directory / f"{cache_key}{suffix}"
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
    return not entry.exists()

"""derive's cache directory, and JAX's persistent compilation cache in it (a second `check` skips XLA).

The cache lives in the user's cache directory (``platformdirs``), or where ``DERIVE_CACHE_DIR``
points: compiled checks under ``jax/`` (every one kept: no minimum compile time or size), rendered
worked solutions under ``rendered/``, check reports under ``checks/``.

No cache is ever required: a cache directory that cannot be created or written is reported once
(one line on stderr, once per command even across its helper processes) and the command runs
without it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

CACHE_ENV = "DERIVE_CACHE_DIR"
REPORTED_ENV = "_DERIVE_CACHE_REPORTED"  # set once the warning is printed; inherited by helper processes
PARTIAL_PREFIX = ".partial-"

_usable: dict[Path, bool] = {}


def cache_root() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("derive"))


def usable_cache_root() -> Path | None:
    """The cache root when a file can be written in it (tried once per process), else None."""
    root = cache_root()
    if root not in _usable:
        _usable[root] = _try_writing(root)
    return root if _usable[root] else None


def _try_writing(root: Path) -> bool:
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=root, prefix=PARTIAL_PREFIX)
        os.close(handle)
        os.unlink(probe)
        return True
    except OSError as exc:
        _report_unusable(root, exc.strerror or type(exc).__name__)
        return False


def _report_unusable(root: Path, reason: str) -> None:
    if os.environ.get(REPORTED_ENV) == str(root):
        return
    os.environ[REPORTED_ENV] = str(root)
    where = str(root).encode("unicode_escape").decode()  # one line, whatever the path holds
    print(f"derive: warning: cache directory {where} is not usable ({reason}); running without it", file=sys.stderr)


def write_into_cache(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename). A cache
    that cannot be written only costs speed: the error is swallowed, and the temporary file is
    removed on every path that does not end in the rename (a full disk, an unencodable text)."""
    if usable_cache_root() is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=PARTIAL_PREFIX)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
        temporary = None
    except (OSError, ValueError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def cache_directory() -> Path:
    """Where JAX keeps compiled checks."""
    return cache_root() / "jax"


def use_compilation_cache(enabled: bool = True) -> Path | None:
    """Turn JAX's persistent compilation cache on (returning its directory) or off; off, too, when
    the cache directory is not usable. A corrupt entry in it is removed and compiled afresh
    (derive.cache.compiled_entries) instead of JAX warning about it on every run."""
    directory = cache_directory()
    key = (enabled, directory)
    if key not in _CONFIGURED:  # once per process and directory: a batch verifies many items
        _CONFIGURED.clear()
        _CONFIGURED[key] = _configured(enabled, directory)
    return _CONFIGURED[key]


_CONFIGURED: dict = {}


def _configured(enabled: bool, directory: Path) -> Path | None:
    import jax

    if enabled and usable_cache_root() is not None:
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            enabled = False
    else:
        enabled = False
    if not enabled:
        jax.config.update("jax_enable_compilation_cache", False)
        return None
    from derive.cache.compiled_entries import remove_unreadable_entries

    remove_unreadable_entries(directory)
    jax.config.update("jax_enable_compilation_cache", True)
    jax.config.update("jax_compilation_cache_dir", str(directory))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return directory

"""derive's cache directory, and JAX's persistent compilation cache in it (a second `check` skips XLA).

The cache lives in the user's cache directory (``platformdirs``), or where ``DERIVE_CACHE_DIR``
points: compiled checks under ``jax/`` (every one kept: no minimum compile time or size), rendered
worked solutions under ``rendered/`` (see ``_rendered``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CACHE_ENV = "DERIVE_CACHE_DIR"


def cache_root() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("derive"))


def write_into_cache(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename); a cache
    directory that cannot be written only costs speed, so an OSError is swallowed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        pass


def cache_directory() -> Path:
    """Where JAX keeps compiled checks."""
    return cache_root() / "jax"


def use_compilation_cache(enabled: bool = True) -> Path | None:
    """Turn JAX's persistent compilation cache on (returning its directory) or off."""
    import jax

    if not enabled:
        jax.config.update("jax_enable_compilation_cache", False)
        return None
    directory = cache_directory()
    directory.mkdir(parents=True, exist_ok=True)
    jax.config.update("jax_enable_compilation_cache", True)
    jax.config.update("jax_compilation_cache_dir", str(directory))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    return directory

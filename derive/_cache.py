"""JAX's persistent compilation cache, so a second `derive check` skips XLA compilation.

The cache lives in the user's cache directory (``platformdirs``), or where ``DERIVE_CACHE_DIR``
points. Every compiled check is kept (no minimum compile time or size).
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "DERIVE_CACHE_DIR"


def cache_directory() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("derive")) / "jax"


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

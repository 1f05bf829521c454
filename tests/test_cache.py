"""The persistent compilation cache: used by default, in DERIVE_CACHE_DIR when set, off with --no-cache."""

import os
import subprocess
import sys

import pytest

RUN = "from cli import main; main(['check', 'logistic-grad', '--trials', '2', '--timeout', '60'{extra}])"


def _check(cache_dir, extra=""):
    env = {**os.environ, "DERIVE_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-c", RUN.format(extra=extra)], env=env, capture_output=True, text=True)


@pytest.mark.slow
def test_compiled_checks_are_cached_in_the_configured_directory(tmp_path):
    result = _check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert any(tmp_path.iterdir()), "no compiled check was written to DERIVE_CACHE_DIR"


@pytest.mark.slow
def test_no_cache_writes_nothing(tmp_path):
    result = _check(tmp_path, extra=", '--no-cache'")
    assert result.returncode == 0, result.stderr
    assert not any(tmp_path.iterdir())

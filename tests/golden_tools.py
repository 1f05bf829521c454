"""Golden files: tests/golden/<name> holds the expected output; DERIVE_UPDATE_GOLDEN=1 rewrites them.

DERIVE_UPDATE_GOLDEN=1 python -m pytest tests/test_latex.py tests/test_handout.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
UPDATE_COMMAND = "DERIVE_UPDATE_GOLDEN=1 python -m pytest tests/test_latex.py tests/test_handout.py"


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/<name>; with DERIVE_UPDATE_GOLDEN=1, rewrite the file instead."""
    path = GOLDEN / name
    if os.environ.get("DERIVE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden file tests/golden/{name}; create it with\n    {UPDATE_COMMAND}")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "now", n=2))
        pytest.fail(
            f"{name} differs from its golden file:\n{diff}\nIf the change is intended, update with\n    {UPDATE_COMMAND}"
        )

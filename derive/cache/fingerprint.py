"""A digest of what a value is built from, so a stored result is reused only for the same value.

``content_digest`` walks a value (a Derivation, its steps and checks) and hashes what it is made
of: SymPy expressions by ``srepr``, dataclasses field by field, functions by their code, defaults
and closure contents. Two values with the same digest are built from the same parts, so a stored
result is never reused for a derivation that differs (a mutated one in the tests, an edited one
in the catalog). A value it cannot take apart has no digest, and its results are not stored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import types

import sympy as sp

DUMMY_INDEX = re.compile(r"dummy_index=(\d+)")


class NoDigest(Exception):
    """A part of the value that ``content_digest`` cannot hash faithfully."""


def content_digest(value) -> str | None:
    """A digest of everything ``value`` is built from, or None when a part cannot be hashed."""
    digest, dummies = hashlib.sha256(), {}

    def write(data: bytes) -> None:  # SymPy's Dummy indices differ between runs: number them in order
        digest.update(
            DUMMY_INDEX.sub(lambda m: f"dummy_index={dummies.setdefault(m[1], len(dummies))}", data.decode()).encode()
        )

    try:
        _feed(value, write)
    except NoDigest:
        return None
    return digest.hexdigest()[:24]


def _feed(value, write) -> None:
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        write(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, sp.Basic):
        write(f"sympy:{sp.srepr(value)};".encode())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        write(f"{type(value).__module__}.{type(value).__qualname__}(".encode())
        for field in dataclasses.fields(value):
            write(field.name.encode() + b"=")
            _feed(getattr(value, field.name), write)
        write(b")")
    elif isinstance(value, (tuple, list, frozenset, set)):
        items = value if isinstance(value, (tuple, list)) else sorted(value, key=content_digest)
        write(f"{type(value).__name__}[".encode())
        for item in items:
            _feed(item, write)
        write(b"]")
    elif isinstance(value, dict):
        write(b"dict{")
        for key in sorted(value, key=lambda k: content_digest(k) or ""):
            _feed(key, write)
            _feed(value[key], write)
        write(b"}")
    elif isinstance(value, types.FunctionType):
        write(f"function:{value.__module__}.{value.__qualname__}".encode())
        _feed(value.__code__, write)
        _feed(value.__defaults__, write)
        _feed(tuple(cell.cell_contents for cell in value.__closure__ or ()), write)
    elif isinstance(value, types.CodeType):
        write(value.co_code.hex().encode())
        _feed(value.co_consts, write)
        _feed(value.co_names, write)
    else:
        raise NoDigest(type(value).__name__)

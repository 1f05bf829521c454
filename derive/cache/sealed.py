"""Stored results that vouch for themselves: a header line, then the content.

The header (one line of JSON) names the schema version, the key the result was stored under, the
entry id it belongs to and a digest of the content. ``opened`` gives the content back only when
all four match what the reader expects: a file copied from another key or entry, edited,
truncated, emptied or replaced is read as a miss, and the caller computes the result again (and
overwrites the file). The digest guards against damage, not against someone forging a file.
"""

from __future__ import annotations

import hashlib
import json

SCHEMA = 3  # 2: a numeric verdict may be WEAK, with its statistical power in the details; 3: each step's numeric verdict


def _digest(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def sealed(content: str, key: str, entry_id: str) -> str:
    """``content`` with a header naming its schema, key, entry id and digest."""
    header = {"schema": SCHEMA, "key": key, "id": entry_id, "digest": _digest(content)}
    return json.dumps(header, sort_keys=True) + "\n" + content


def opened(text: str, key: str, entry_id: str) -> str | None:
    """The content of a sealed text, or None unless its schema, key, id and digest all match."""
    header_line, newline, content = text.partition("\n")
    if not newline:
        return None
    try:
        header = json.loads(header_line)
    except ValueError:
        return None
    expected = {"schema": SCHEMA, "key": key, "id": entry_id, "digest": _digest(content)}
    return content if header == expected else None

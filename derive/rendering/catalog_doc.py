"""docs/catalog.md, generated from the registry: `python -m derive.rendering.catalog_doc` rewrites it."""

from __future__ import annotations

import sys
from pathlib import Path

from derive.registry import entries, topics
from derive.rendering.render import evidence_line
from derive.rendering.text import unicode_text

HEADER = """# The catalog

Generated from the registry by `python -m derive.rendering.catalog_doc`; do not edit by hand (a test
fails when this file is stale). `derive show ID` prints any entry's worked solution and
`derive check ID` runs its checks.
"""


def _one_line(latex_text: str) -> str:
    """An entry's LaTeX text as one line of Unicode for a Markdown table cell."""
    return " ".join(unicode_text(latex_text).split()).replace("|", r"\|")


def render_catalog_reference() -> str:
    lines = [HEADER]
    for topic in topics():
        chosen = entries(topic)
        lines += [f"## {topic} ({len(chosen)})", "", "| id | title | what it derives | checks |", "|---|---|---|---|"]
        for entry in chosen:
            cells = (f"`{entry.id}`", entry.title, _one_line(entry.statement), _one_line(evidence_line(entry)))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def main(path: str = "docs/catalog.md") -> None:
    Path(path).write_text(render_catalog_reference())
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])

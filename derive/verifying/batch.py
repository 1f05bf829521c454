"""Many derivations in one warm process: a course's submissions, an answer checker's stream.

An item is a dict like one line of a JSONL file: ``{"latex": ..., "where": [...], "against": ID}``,
plus an optional ``"id"`` that is copied to its result. Imports, the parser's tables, compiled
numeric batches (JAX's cache) and the symbolic children's pool are shared by all items; each item
keeps its own time bound per step, and an item that cannot be read is reported as such (verdict
"error", exit status 2) without stopping the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from derive.core.defaults import SEED, STEP_SECONDS, VERIFY_TRIALS
from derive.core.errors import DeriveError
from derive.verifying.report import VerifyReport

FIELDS = {"latex", "where", "against", "id"}
# Decided here, in the parent, before the first item: the modules SymPy imports on first use (and
# its caches) are then inherited by every forked symbolic child rather than rebuilt in each one.
WARM_UP = (
    r"\nabla_w \|Xw - y\|^2 = 2 X^\top (Xw - y)",
    (r"X \in \mathbb{R}^{n \times d}", r"w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}"),
)


def verify_many(items: Iterable[dict], **options) -> list[VerifyReport]:
    """Verify every item, in order; ``options`` as for ``derive.verify`` (timeout, trials, seed, device).

    Example::

        >>> import derive
        >>> reports = derive.verify_many([{"latex": "(x + 1)^2 = x^2 + 2x + 1"}, {"latex": "x = "}])
        >>> [r.verdict for r in reports]
        ['valid', 'error']
    """
    return list(iter_verified(items, **options))


def iter_verified(
    items: Iterable[dict],
    *,
    timeout: float = STEP_SECONDS,
    trials: int = VERIFY_TRIALS,
    seed: int = SEED,
    device: str | None = None,
) -> Iterator[VerifyReport]:
    """Each item's report as soon as it is decided (verify_many, streaming)."""
    from derive.verifying.run import decided_here, verify

    decided_here(*WARM_UP)
    for position, item in enumerate(items, start=1):
        try:
            latex, where, against = _fields(item)
            yield verify(latex, where, against, timeout=timeout, trials=trials, seed=seed, device=device)
        except DeriveError as exc:
            yield VerifyReport.from_error(DeriveError(f"item {position}: {exc}"))


class Unreadable(str):
    """A line of a JSONL file that is not JSON: what is wrong with it, as its item."""


def _fields(item) -> tuple[str, tuple[str, ...], str | None]:
    """An item's latex, declarations and entry id, or a DeriveError naming what is wrong with it."""
    if isinstance(item, Unreadable):
        raise DeriveError(item)
    if not isinstance(item, dict):
        raise DeriveError(f"expected an object with a 'latex' string, got {type(item).__name__}")
    unknown = sorted(set(item) - FIELDS)
    if unknown:
        raise DeriveError(f"unknown field {unknown[0]!r} (the fields are {', '.join(sorted(FIELDS))})")
    latex, where, against = item.get("latex"), item.get("where", []), item.get("against")
    if not isinstance(latex, str):
        raise DeriveError("'latex' must be a string")
    if isinstance(where, str):
        where = [where]
    if not isinstance(where, list) or not all(isinstance(text, str) for text in where):
        raise DeriveError("'where' must be a list of strings")
    if against is not None and not isinstance(against, str):
        raise DeriveError("'against' must be an entry id (a string)")
    return latex, tuple(where), against


def read_jsonl(lines: Iterable[str]) -> Iterator[object]:
    """The items of a JSONL text, one per non-blank line; a line that is not JSON becomes an
    Unreadable item, which verify_many reports as an error naming its line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            yield Unreadable(f"line {number} is not JSON ({exc.msg} at column {exc.colno})")


def verify_lines(lines: Iterable[str], **options) -> list[str]:
    """JSONL lines in, one JSONL result line per item out: what a worker does with its share of a
    file (examples/verify_with_dask.py maps it over a file's partitions)."""
    items = list(read_jsonl(lines))
    return [result_line(item, report) for item, report in zip(items, iter_verified(items, **options))]


def verified_jsonl(lines: Iterable[str], **options) -> str:
    """verify_lines as one JSONL text, every line ending with a newline (so that result files of
    several partitions concatenate to JSONL); no line in, the empty text out."""
    return "".join(f"{line}\n" for line in verify_lines(lines, **options))


def result_line(item, report: VerifyReport) -> str:
    """One JSONL line of results: the item's id (when it has one) and its report."""
    result = report.to_dict()
    if isinstance(item, dict) and "id" in item:
        result = {"id": item["id"], **result}
    return json.dumps(result, ensure_ascii=False)

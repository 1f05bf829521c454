"""The catalog pages' model: entries by topic in teaching order, one entry's worked solution as
MathML rows, its check report (stored, or run on request), and its LaTeX and PDF."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import derive
from derive.cache.renderings import rendered
from derive.checking.verdicts import CheckReport
from derive.core.defaults import SEED
from derive.serving.mathml import math, prose

RELATION_SIGNS = {"equals": "=", "equivalent": "⇔", "solves": "⇒", "states": "∴"}


def by_topic() -> list[tuple[str, list]]:
    """(topic, entries) in teaching order: topics in the order their first entry comes."""
    groups: dict[str, list] = {}
    for entry in derive.entries():
        groups.setdefault(entry.topic, []).append(entry)
    return list(groups.items())


def worked(entry_id: str) -> dict:
    """The entry's worked solution (from its stored JSON rendering when there is one), maths as MathML."""
    solution = json.loads(rendered(entry_id, "json", lambda: derive.render(derive.get(entry_id), "json")))
    rows = [{"sign": "", "math": math(solution["start"], display=True), "because": ""}]
    rows += [
        {
            "sign": RELATION_SIGNS[step["relation"]],
            "math": math(step["latex"], display=True),
            "because": prose(step["because"]),
        }
        for step in solution["steps"]
    ]
    return {
        **solution,
        "rows": rows,
        "result_math": math(solution["result"], display=True),
        "statement_html": prose(solution["statement"]),
        "given_rows": [(g["name"], _shape(g["shape"]), g["domain"], prose(g["meaning"])) for g in solution["givens"]],
    }


def _shape(shape: list[str]) -> str:
    sizes = [size for size in shape if size != "1"]
    if not sizes:
        return "scalar"
    if len(shape) == 2 and shape[1] == "1":
        return f"{shape[0]}-vector"
    return " × ".join(shape) + (" matrix" if len(shape) == 2 else " array")


def stored_report(entry) -> CheckReport | None:
    """The report `derive check ID` would reuse (same default options), without running anything."""
    try:
        from derive.cache.reports import StoredReports
        from derive.checking.numeric import device_for

        options = {"trials": None, "seed": SEED, "device": device_for(None).platform}
        return StoredReports(options).lookup(entry)
    except Exception:  # no usable cache: the page offers to run the checks instead
        return None


def checked(entry_id: str, timeout: float) -> CheckReport:
    """Run both checks (blocking; a stored identical report is reused), each symbolic step bounded."""
    return derive.check(derive.get(entry_id), timeout=timeout)


def pdf_bytes(entry_id: str) -> bytes:
    """The standalone worked solution compiled with latexmk (TexMissing without TeX; blocking)."""
    from derive.rendering.tex import compile_pdf

    source = derive.standalone_latex(derive.get(entry_id))
    with tempfile.TemporaryDirectory(prefix="derive-serve-") as work:
        output = Path(work) / f"{entry_id}.pdf"
        compile_pdf(source, output)
        return output.read_bytes()

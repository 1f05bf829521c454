"""Check reports kept on disk: checking an unchanged entry again with the same options is answered
with the report of the identical earlier run.

A report is stored under a digest of the derivation's content (``_fingerprint``), derive's source
files, the versions of SymPy, JAX and NumPy, and the options (trials, seed, device). Only decided
reports are kept: one with an undecided step (a timeout depends on the machine's load) is checked
again next time. ``derive check --recheck`` ignores stored reports; ``--no-cache`` uses no cache.

A stored report is sealed (derive.cache.sealed) with its key, entry id and a digest, and is used
only when these match and it is complete for the entry: one decided verdict per step and one per
numeric check. Anything else (a report copied from another entry, edited, emptied) is checked
again and overwritten; so a stored "OK" always stands on every check of the entry.
"""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version

from derive.cache.digests import files_digest, package_files
from derive.cache.directory import cache_root, write_into_cache
from derive.cache.fingerprint import content_digest
from derive.cache.sealed import opened, sealed
from derive.checking.verdicts import FAIL, NOT_EVALUATED, PASS, PROVED, REFUTED, STATED, UNKNOWN, WEAK, CheckReport
from derive.core.model import Derivation

LIBRARIES = ("sympy", "jax", "jaxlib", "numpy")
STEP_ANSWERS = (PROVED, REFUTED, STATED)  # decided: only these are stored
NUMERIC_ANSWERS = (PASS, FAIL, WEAK, UNKNOWN)
STEP_NUMERIC_ANSWERS = (PASS, FAIL, NOT_EVALUATED)


class StoredReports:
    """The stored reports for one set of check options."""

    def __init__(self, options: dict):
        context = [json.dumps(options, sort_keys=True)] + [f"{name} {version(name)}" for name in LIBRARIES]
        self.context = files_digest(package_files(), *context)
        self.directory = cache_root() / "checks"

    def _path(self, derivation: Derivation):
        content = content_digest(derivation)
        if content is None:
            return None
        return self.directory / derivation.id / f"{files_digest((), self.context, content)}.report"

    def lookup(self, derivation: Derivation) -> CheckReport | None:
        """The stored report of an identical earlier check, or None (also for any file that is not
        exactly a complete report stored for this derivation)."""
        path = self._path(derivation)
        if path is None:
            return None
        try:
            content = opened(path.read_bytes().decode("utf-8"), path.stem, derivation.id)
            report = CheckReport.from_dict(json.loads(content), stored=True) if content is not None else None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return report if report is not None and complete(report, derivation) else None

    def keep(self, derivation: Derivation, report: CheckReport) -> None:
        """Store a decided, complete report; reports of other versions of the entry are removed."""
        path = self._path(derivation)
        if path is None or not complete(report, derivation):
            return
        shutil.rmtree(path.parent, ignore_errors=True)
        write_into_cache(path, sealed(json.dumps(report.to_dict()), path.stem, derivation.id))


def complete(report: CheckReport, derivation: Derivation) -> bool:
    """The report is this derivation's, with a decided verdict for each step, in order, an answer
    for each numeric check, and a numeric answer for each step."""
    return (
        report.entry_id == derivation.id
        and [v.index for v in report.steps] == list(range(1, len(derivation.steps) + 1))
        and all(v.status in STEP_ANSWERS for v in report.steps)
        and len(report.numeric) == len(derivation.checks)
        and all(v.status in NUMERIC_ANSWERS for v in report.numeric)
        and [v.index for v in report.step_numeric] == list(range(1, len(derivation.steps) + 1))
        and all(v.status in STEP_NUMERIC_ANSWERS for v in report.step_numeric)
    )

"""Check reports kept on disk: checking an unchanged entry again with the same options is answered
with the report of the identical earlier run.

A report is stored under a digest of the derivation's content (``_fingerprint``), derive's source
files, the versions of SymPy, JAX and NumPy, and the options (trials, seed, device). Only decided
reports are kept: one with an undecided step (a timeout depends on the machine's load) is checked
again next time. ``derive check --recheck`` ignores stored reports; ``--no-cache`` uses no cache.
"""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version

from derive.cache.digests import files_digest, package_files
from derive.cache.directory import cache_root, write_into_cache
from derive.cache.fingerprint import content_digest
from derive.checking.verdicts import UNKNOWN, CheckReport
from derive.core.model import Derivation

LIBRARIES = ("sympy", "jax", "jaxlib", "numpy")


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
        return self.directory / derivation.id / f"{files_digest((), self.context, content)}.json"

    def lookup(self, derivation: Derivation) -> CheckReport | None:
        path = self._path(derivation)
        try:
            return CheckReport.from_dict(json.loads(path.read_text(encoding="utf-8")), stored=True) if path else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def keep(self, derivation: Derivation, report: CheckReport) -> None:
        """Store a decided report; reports of other versions of the entry are removed."""
        path = self._path(derivation)
        if path is None or any(step.status == UNKNOWN for step in report.steps):
            return
        shutil.rmtree(path.parent, ignore_errors=True)
        write_into_cache(path, json.dumps(report.to_dict()))

"""CPU seconds of the Monte Carlo checks (issue 17), entry by entry: each entry's Monte Carlo checks run
as `derive check` runs them (`run_checks`, one batch), first with an empty JAX compilation cache
(cold: compiled and run), then again from that cache (warm: what `--recheck` pays), in one process.
Also each check's status, its resolution and its smallest refusal error (above 1: every perturbed
claim refused in every trial, derive.checking.power), so that a change to the sampling can be judged.

    PYTHONPATH=. python bench/mc_checks.py [ID ...]     # every entry with a Monte Carlo check when no id is given
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

import derive
from derive.checking.verdicts import REFUSAL


def main(ids: list[str]) -> None:
    os.environ["DERIVE_CACHE_DIR"] = tempfile.mkdtemp(prefix="derive-mc-bench-")
    from derive.cache.directory import use_compilation_cache
    from derive.checking.numeric import SAMPLING_KINDS, device_for, run_checks
    from derive.registry import ids as all_ids

    use_compilation_cache(True)
    device = device_for("cpu")
    entries = [derive.get(i) for i in (ids or all_ids())]
    totals = {"cold": 0.0, "warm": 0.0}
    for entry in entries:
        specs = tuple(spec for spec in entry.checks if spec.kind in SAMPLING_KINDS)
        if not specs:
            continue
        row = {"id": entry.id}
        for run in totals:
            started = time.process_time()
            verdicts = run_checks(entry, specs, device=device)
            row[run] = round(time.process_time() - started, 2)
            totals[run] += row[run]
        row["status"] = [v.status for v in verdicts]
        row["resolution"] = [round(v.details.get("resolution", [0, float("nan")])[1], 4) for v in verdicts]
        row["smallest refusal error"] = [
            round(min((v.details[k][0] for k in v.details if k.startswith(REFUSAL)), default=float("nan")), 2)
            for v in verdicts
        ]
        print(json.dumps(row), flush=True)
    print(f"total CPU s: cold {totals['cold']:.1f}, warm {totals['warm']:.1f}; load {os.getloadavg()}")


if __name__ == "__main__":
    main(sys.argv[1:])

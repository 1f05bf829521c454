"""Verify as a batch job: throughput of derive.verify_many in one warm process (on every CPU, and
bound to one), and of the Dask example with 1 and with 2 worker processes on the same file (as they
start, and each bound to a CPU of its own). Prints one Markdown table (the one in docs/scale.md);
every figure is measured in this run on this machine, each the median of three runs of the file.

    python bench/scale.py                 # 96 submissions
    python bench/scale.py --items 192
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3  # each rate is the median of this many runs of the whole file
WHERE = [r"X \in \mathbb{R}^{n \times d}", r"w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}", r"c \in \mathbb{R}"]


def submissions(count: int) -> list[dict]:
    """2-step matrix chains as students write them, every third one with a planted mistake."""
    items = []
    for i in range(count):
        c = i % 7 + 2
        last = c + 1 if i % 3 == 2 else c  # a factor slipped in the last step
        latex = rf"\nabla_w \tfrac{{{c}}}{{2}} \|Xw - y\|^2 = {c} X^\top X w - {c} X^\top y = {last} X^\top (Xw - y)"
        items.append({"id": f"s{i}", "latex": latex, "where": WHERE})
    return items


def warm_rate(items) -> float:
    import derive

    derive.verify_many(items[:3])  # imports, parser tables, the compiles of a valid and of a wrong chain

    def once() -> float:
        started = time.perf_counter()
        reports = derive.verify_many(items)
        assert all(r.verdict in ("valid", "invalid") for r in reports), [r.message for r in reports]
        return time.perf_counter() - started

    return len(items) / statistics.median(once() for _ in range(REPEATS))


def one_cpu_rate(count: int) -> float:
    """warm_rate in a fresh process bound to one CPU (before it imports derive)."""
    script = f"import os, sys; os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}}); sys.path.insert(0, {str(ROOT / 'bench')!r})\n"
    script += f"import scale; print(scale.warm_rate(scale.submissions({count})))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return float(done.stdout.split()[-1])


def dask_rate(path: Path, workers: int, items: list[dict], one_core_each: bool) -> float:
    spec = importlib.util.spec_from_file_location("verify_with_dask", ROOT / "examples" / "verify_with_dask.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    with example.local_client(workers, one_core_each) as client, tempfile.TemporaryDirectory() as out:
        client.run(lambda: __import__("derive").verify_many(items[:3]))  # warm every worker as warm_rate warms

        def once(run: int) -> float:
            started = time.perf_counter()
            written = example.verify_file(str(path), f"{out}/{run}", client, partitions=2 * workers)
            elapsed = time.perf_counter() - started
            lines = sum(len(Path(name).read_text().splitlines()) for name in written)
            assert lines == len(items), lines
            return elapsed

        elapsed = statistics.median(once(run) for run in range(REPEATS))
        client.cluster.close()
    return len(items) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=96)
    args = parser.parse_args()
    items = submissions(args.items)
    cpus = len(os.sched_getaffinity(0))
    rows = [
        (f"verify_many, one warm process on {cpus} CPUs", f"{warm_rate(items):.1f} derivations/s", ""),
        (
            "verify_many, one warm process bound to one CPU",
            f"{one_cpu_rate(args.items):.1f} derivations/s",
            ">= 5 per core",
        ),
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submissions.jsonl"
        path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
        for bound, how in ((False, "as started"), (True, "each bound to a CPU of its own")):
            one, two = (dask_rate(path, workers, items, bound) for workers in (1, 2))
            rows += [
                (f"Dask, 1 worker, {how}", f"{one:.1f} derivations/s", ""),
                (f"Dask, 2 workers, {how}", f"{two:.1f} derivations/s", ""),
                (f"Dask, 2 workers vs 1, {how}", f"{two / one:.2f}x", ">= 1.7x" if bound else ""),
            ]
    print(f"{args.items} submissions; {platform.processor() or platform.machine()}, {cpus} CPUs\n")
    print("| measurement | value | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    sys.exit(main())

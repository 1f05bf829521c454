"""Verify as a batch job: throughput of derive.verify_many in one warm process, and of the Dask
example with 1 and with 2 worker processes on the same file. Prints one Markdown table (the one in
docs/scale.md); every figure is measured in this run on this machine.

    python bench/scale.py                 # 48 submissions
    python bench/scale.py --items 96
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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

    derive.verify_many(items[:2])  # imports, parser tables, JAX's first compiles
    started = time.perf_counter()
    reports = derive.verify_many(items)
    elapsed = time.perf_counter() - started
    assert all(r.verdict in ("valid", "invalid") for r in reports), [r.message for r in reports]
    return len(items) / elapsed


def dask_rate(path: Path, workers: int, count: int) -> float:
    spec = importlib.util.spec_from_file_location("verify_with_dask", ROOT / "examples" / "verify_with_dask.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    with example.local_client(workers) as client, tempfile.TemporaryDirectory() as out:
        client.run(lambda: __import__("derive").verify_many([{"latex": "x = x"}]))  # warm every worker
        started = time.perf_counter()
        written = example.verify_file(str(path), out, client, partitions=2 * workers)
        elapsed = time.perf_counter() - started
        lines = sum(len(Path(name).read_text().splitlines()) for name in written)
        client.cluster.close()
    assert lines == count, lines
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=48)
    args = parser.parse_args()
    items = submissions(args.items)
    rows = [("verify_many, one warm process", f"{warm_rate(items):.1f} derivations/s", ">= 5 per core")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submissions.jsonl"
        path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
        one, two = dask_rate(path, 1, len(items)), dask_rate(path, 2, len(items))
    rows += [
        ("Dask, 1 worker", f"{one:.1f} derivations/s", ""),
        ("Dask, 2 workers", f"{two:.1f} derivations/s", ""),
        ("Dask, 2 workers vs 1", f"{two / one:.2f}x", ">= 1.7x"),
    ]
    print(f"{args.items} submissions; {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs\n")
    print("| measurement | value | target |\n|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {value} | {target} |")


if __name__ == "__main__":
    sys.exit(main())

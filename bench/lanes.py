"""CPU seconds of each lane of `derive check --all` run alone: the symbolic steps (SymPy, in forked
children) and the numeric checks (JAX, in this process and its helper), each in its own process with
an empty derive cache (cold: every check compiled), then once more from that cache (warm, as
`--recheck` runs: the compiled checks reused, every check run again). Both lanes together share
two cores in `bench/run.py --check-all-only`; alone, each one's own cost shows.

    PYTHONPATH=. python bench/lanes.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time

LANES = {"symbolic": {"numeric": False}, "numeric": {"symbolic": False}}


def run_lane(lane: str) -> None:
    """In a child process: check every entry in one lane only and print wall and CPU seconds."""
    import derive

    started = time.perf_counter()
    list(derive.check_many(derive.entries(), reuse=False, **LANES[lane]))
    wall = time.perf_counter() - started
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )
    print(f"{wall:.1f} s ({cpu:.1f} s of CPU)")


def main() -> None:
    print(f"| lane | cold | warm |  ({os.cpu_count()} CPUs, load {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    print("|---|---|---|")
    for lane in LANES:
        env = {**os.environ, "DERIVE_CACHE_DIR": tempfile.mkdtemp(prefix="derive-lanes-")}
        command = [sys.executable, __file__, "--lane", lane]
        cold, warm = (subprocess.run(command, env=env, capture_output=True, text=True, check=True) for _ in "12")
        print(f"| {lane} | {cold.stdout.strip()} | {warm.stdout.strip()} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--lane"]:
        run_lane(sys.argv[2])
    else:
        main()

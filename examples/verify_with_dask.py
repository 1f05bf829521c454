"""Verify a JSONL file of submissions on a Dask cluster: each partition of lines is verified by
``derive.verify_many`` in one warm worker process, and the results are written as JSONL, one file
per partition, in the submissions' order.

    python examples/verify_with_dask.py submissions.jsonl results/            # a local cluster
    python examples/verify_with_dask.py submissions.jsonl results/ --scheduler tcp://host:8786
    python examples/verify_with_dask.py submissions.jsonl results/ --workers 2 --one-core-each

Each worker needs derive installed (``pip install derive[scale]``) and must be allowed child
processes (derive bounds each symbolic check in a child process): Dask starts workers as daemonic
processes unless ``distributed.worker.daemon`` is False (DASK_DISTRIBUTED__WORKER__DAEMON=False in
the workers' environment on a real cluster). See docs/scale.md.
"""

from __future__ import annotations

import argparse
import os


def verify_file(path: str, out_dir: str, client, partitions: int | None = None) -> list[str]:
    """Map derive's verify_lines over the file's partitions on ``client``'s cluster; the result files.

    Each partition is a block of about ``size / partitions`` bytes, cut at line ends, that the task
    verifying it reads itself, and no worker holds the whole file first (read whole and then
    repartitioned, two workers verified 1.43x as many a second as one; in blocks, 2.0x: docs/scale.md)."""
    import dask.bag as db
    from fsspec.core import url_to_fs

    from derive.verifying.batch import verified_jsonl

    blocksize = None
    if partitions:
        filesystem, where = url_to_fs(path)
        blocksize = max(1, filesystem.size(where) // partitions)  # dask cuts size // blocksize blocks
    lines = db.read_text(path, blocksize=blocksize, linedelimiter="\n").filter(lambda line: line.strip())
    results = lines.map_partitions(lambda part: [verified_jsonl(part)])  # one text a partition
    return results.to_textfiles(f"{out_dir}/*.jsonl", compute=True, scheduler=client.get)


def local_client(workers: int, one_core_each: bool = False):
    """A Client of a LocalCluster of ``workers`` one-thread worker processes that may start children;
    with ``one_core_each``, each worker (and every child it starts) is bound to a CPU of its own."""
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    if one_core_each:
        client.run(bind_to_own_core)
    return client


def bind_to_own_core(dask_worker) -> int:
    """Bind every thread of this worker process to one CPU, chosen by the worker's number, as
    ``taskset -a -c`` would: derive then runs one symbolic child at a time here, as it does in any
    process that may use one CPU (derive.checking.timeout.slots)."""
    cpus = sorted(os.sched_getaffinity(0))
    cpu = cpus[int(dask_worker.name) % len(cpus)]
    for thread in os.listdir("/proc/self/task"):
        try:
            os.sched_setaffinity(int(thread), {cpu})
        except ProcessLookupError:  # the thread has ended
            pass
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions")
    parser.add_argument("out_dir")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="local cluster: worker processes")
    parser.add_argument("--partitions", type=int, help="split the file into this many partitions")
    parser.add_argument("--one-core-each", action="store_true", help="local cluster: bind each worker to a CPU of its own")
    args = parser.parse_args()
    from distributed import Client

    client = Client(args.scheduler) if args.scheduler else local_client(args.workers, args.one_core_each)
    with client:
        for name in verify_file(args.submissions, args.out_dir, client, args.partitions or args.workers):
            print(name)


if __name__ == "__main__":
    main()

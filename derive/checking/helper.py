"""More processes for the numeric checks when many catalog entries are checked on the CPU.

Compiling and running an entry's checks (XLA) keeps one core busy; with ``jobs`` entries at once,
``jobs - 1`` helper processes (spawned: JAX does not survive a fork) take all but every
``jobs``-th catalog entry, which this process checks. A result is the same whichever process
computes it: the same entry, seed and inputs.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from derive.core.errors import DeriveError

MIN_ENTRIES = 8  # below this the helper's start-up (imports, about 2 s) is not won back


def _start(cache: bool, parent: int) -> None:
    from derive.cache.directory import use_compilation_cache
    from derive.checking.timeout import end_with_parent

    end_with_parent(parent)  # the helper never outlives derive, however derive is stopped

    use_compilation_cache(cache)


def _numeric_checks(loader, entry_id: str, trials, seed: int, platform: str):
    from derive.checking.numeric import device_for, run_entry

    return run_entry(loader(entry_id), trials, seed, device_for(platform))


def _loaded_alike(loader, derivation) -> bool:
    """The loader gives this very derivation for its id (not a modified copy), so a process that
    loads it by id checks the same thing."""
    try:
        return loader(derivation.id) is derivation
    except DeriveError:
        return False


@contextmanager
def numeric_helper(derivations, loader, trials, seed, device, cache: bool, jobs: int):
    """{position: Future of that derivation's (check verdicts, step verdicts)} for the positions the
    ``jobs - 1`` helpers take (all but every ``jobs``-th catalog entry), or {} when helpers do not
    pay: one job, not the CPU (more processes would contend for the accelerator), or few entries."""
    if jobs < 2 or device.platform != "cpu" or len(derivations) < MIN_ENTRIES:
        yield {}
        return
    mine = [i for i, d in enumerate(derivations) if i % jobs and _loaded_alike(loader, d)]
    context = multiprocessing.get_context("spawn")
    start = {"initializer": _start, "initargs": (cache, os.getpid())}
    with ProcessPoolExecutor(jobs - 1, mp_context=context, **start) as pool:
        futures: dict[int, Future] = {
            i: pool.submit(_numeric_checks, loader, derivations[i].id, trials, seed, device.platform) for i in mine
        }
        try:
            yield futures
        except BaseException:  # KeyboardInterrupt too: stop the helper rather than wait for its work
            _stopped(pool)
            raise
        finally:
            for future in futures.values():
                future.cancel()


def _stopped(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's processes (the executor offers no public way); its shutdown is then quick,
    and its manager fails the queued work before anything cancels it (which Python 3.11 trips on)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    pool.shutdown(wait=True)

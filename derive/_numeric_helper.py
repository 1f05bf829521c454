"""A second process for the numeric checks when many catalog entries are checked on the CPU.

Cold, compiling the checks (XLA, one core) takes about three times as long as the symbolic lane,
so the second core idles once SymPy is done. A helper process (spawned: JAX does not survive a
fork) takes every other catalog entry. A result is the same whichever process computes it: the
same entry, seed and keys.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

MIN_ENTRIES = 8  # below this the helper's start-up (imports, about 2 s) is not won back


def _start(cache: bool) -> None:
    from ._cache import use_compilation_cache

    use_compilation_cache(cache)


def _numeric_checks(entry_id: str, trials, seed: int, platform: str):
    from ._numeric import device_for, run_checks
    from ._registry import get

    entry = get(entry_id)
    return run_checks(entry, entry.checks, trials, seed, device_for(platform))


def _from_catalog(derivation) -> bool:
    from ._registry import get, ids

    return derivation.id in ids() and get(derivation.id) is derivation  # not a modified copy


@contextmanager
def numeric_helper(derivations, trials, seed, device, cache: bool):
    """{position: Future of that derivation's numeric verdicts} for the positions the helper takes
    (every other catalog entry), or {} when a helper does not pay: not the CPU (a second process
    would contend for the accelerator), one core, or few entries."""
    if device.platform != "cpu" or (os.cpu_count() or 1) < 2 or len(derivations) < MIN_ENTRIES:
        yield {}
        return
    mine = [i for i, d in enumerate(derivations) if i % 2 and _from_catalog(d)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=_start, initargs=(cache,)) as pool:
        futures: dict[int, Future] = {
            i: pool.submit(_numeric_checks, derivations[i].id, trials, seed, device.platform) for i in mine
        }
        try:
            yield futures
        finally:
            for future in futures.values():
                future.cancel()

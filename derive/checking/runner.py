"""Both checks of an entry: the symbolic steps, then the numeric checks (JAX imported only here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

from derive.checking.result_coverage import unstated_result_verdict
from derive.checking.settle import settled
from derive.checking.symbolic import check_steps
from derive.checking.timeout import Batch, slots
from derive.checking.verdicts import CheckReport
from derive.core.defaults import SEED, STEP_SECONDS
from derive.core.model import Derivation


def check_many(
    derivations: Iterable[Derivation],
    *,
    trials: int | None = None,
    seed: int = SEED,
    device: str | None = None,
    timeout: float = STEP_SECONDS,
    symbolic: bool = True,
    numeric: bool = True,
    cache: bool = True,
    reuse: bool = True,
    loader: Callable[[str], Derivation] | None = None,
    jobs: int | None = None,
) -> Iterator[CheckReport]:
    """Check several derivations both ways, yielding reports in order as they complete.

    ``device`` is "cpu", "gpu", "tpu" or None (JAX's default); ``timeout`` bounds each symbolic
    step; ``trials`` overrides each numeric check's own count. ``cache`` uses JAX's persistent
    compilation cache (derive.cache.directory).
    ``reuse`` (with ``cache``) answers an unchanged derivation checked before with the same
    options from its stored report (derive.cache.reports); the others are checked and stored.
    ``loader`` finds a catalog entry by id (``derive.get``): with it, a helper process may load and
    check catalog entries itself (derive.checking.helper).
    ``jobs`` (default: the CPUs this process may use) entries are checked at once: their symbolic
    steps in as many lanes, and on the CPU their numeric checks in this process and ``jobs - 1``
    helper processes. Reports come in the order of ``derivations`` whatever ``jobs`` is.
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    jobs = jobs or slots()
    derivations = list(derivations)
    chosen = None
    if numeric:
        from derive.cache.directory import use_compilation_cache
        from derive.checking.numeric import device_for

        use_compilation_cache(cache)
        chosen = device_for(device)
    store = None
    if cache and reuse and symbolic and numeric:
        from derive.cache.reports import StoredReports

        store = StoredReports({"trials": trials, "seed": seed, "device": chosen.platform})
    stored = {id(d): found for d in derivations if store and (found := store.lookup(d)) is not None}
    fresh = _checked(
        [d for d in derivations if id(d) not in stored], trials, seed, chosen, timeout, symbolic, numeric, cache,
        loader, jobs,
    )  # fmt: skip
    for derivation in derivations:
        if id(derivation) in stored:
            yield stored[id(derivation)]
            continue
        report = next(fresh)
        if store:
            store.keep(derivation, report)
        yield report


def _checked(
    derivations, trials, seed, device, timeout, symbolic, numeric, cache, loader, jobs
) -> Iterator[CheckReport]:
    """The symbolic steps (SymPy, in child processes) run in ``jobs`` background lanes while this
    process compiles and runs the numeric checks (JAX), so the two kinds of work overlap; with many
    catalog entries on the CPU, ``jobs - 1`` helper processes take most of the numeric checks."""
    if not derivations:
        return
    helper = nullcontext({})
    if numeric:
        from derive.checking.numeric import run_entry
    if numeric and loader is not None:
        from derive.checking.helper import numeric_helper

        helper = numeric_helper(derivations, loader, trials, seed, device, cache, jobs)
    # Leaving early (an exception, KeyboardInterrupt too) closes the batch first: its running child is
    # killed and the lane's remaining steps are refused, so the lane's shutdown does not wait for them.
    with ThreadPoolExecutor(max_workers=jobs) as symbolic_lanes, Batch() as children, helper as helped:
        pending = [symbolic_lanes.submit(check_steps, d, timeout, children) if symbolic else None for d in derivations]
        for position, (derivation, steps) in enumerate(zip(derivations, pending)):
            if position in helped:
                results, by_step = helped[position].result()
            elif numeric:
                results, by_step = run_entry(derivation, trials, seed, device)
            else:
                results, by_step = (), ()
            if numeric and (unstated := unstated_result_verdict(derivation)) is not None:
                results = (*results, unstated)  # class 9: a result no check states is not checked at all
            verdicts = settled(derivation, steps.result(), results if numeric else None) if steps else ()
            yield CheckReport(derivation.id, verdicts, results, step_numeric=by_step)

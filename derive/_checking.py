"""Both checks of an entry: the symbolic steps, then the numeric checks (JAX imported only here)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext

from ._model import Derivation
from ._symbolic import DEFAULT_TIMEOUT, check_steps
from ._verdict import CheckReport

DEFAULT_SEED = 0


def check(
    derivation: Derivation,
    *,
    trials: int | None = None,
    seed: int = DEFAULT_SEED,
    device: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    symbolic: bool = True,
    numeric: bool = True,
    cache: bool = True,
    reuse: bool = True,
) -> CheckReport:
    """Check a derivation both ways. ``device`` is "cpu", "gpu", "tpu" or None (JAX's default);
    ``cache`` uses JAX's persistent compilation cache (see derive._cache) and, with ``reuse``,
    the stored report of an identical earlier check (see derive._stored).

    Example::

        >>> import derive
        >>> derive.get("logistic-grad").check(trials=16).ok
        True
    """
    return next(check_many([derivation], trials=trials, seed=seed, device=device, timeout=timeout,
                            symbolic=symbolic, numeric=numeric, cache=cache, reuse=reuse))  # fmt: skip


def check_many(
    derivations: Iterable[Derivation],
    *,
    trials: int | None = None,
    seed: int = DEFAULT_SEED,
    device: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    symbolic: bool = True,
    numeric: bool = True,
    cache: bool = True,
    reuse: bool = True,
) -> Iterator[CheckReport]:
    """Check several derivations, yielding reports in order as they complete.

    ``reuse`` (with ``cache``) answers an unchanged derivation checked before with the same
    options from its stored report (derive._stored); the others are checked and stored.
    """
    derivations = list(derivations)
    chosen = None
    if numeric:
        from ._cache import use_compilation_cache
        from ._numeric import device_for

        use_compilation_cache(cache)
        chosen = device_for(device)
    store = None
    if cache and reuse and symbolic and numeric:
        from ._stored import StoredReports

        store = StoredReports({"trials": trials, "seed": seed, "device": chosen.platform})
    stored = {id(d): found for d in derivations if store and (found := store.lookup(d)) is not None}
    fresh = _checked(
        [d for d in derivations if id(d) not in stored], trials, seed, chosen, timeout, symbolic, numeric, cache
    )
    for derivation in derivations:
        if id(derivation) in stored:
            yield stored[id(derivation)]
            continue
        report = next(fresh)
        if store:
            store.keep(derivation, report)
        yield report


def _checked(derivations, trials, seed, device, timeout, symbolic, numeric, cache) -> Iterator[CheckReport]:
    """The symbolic steps (SymPy, in child processes) run in a background lane while this process
    compiles and runs the numeric checks (JAX), so the two kinds of work overlap on two cores;
    with many catalog entries on the CPU a helper process takes half of the numeric checks."""
    if not derivations:
        return
    helper = nullcontext({})
    if numeric:
        from ._numeric import run_checks
        from ._numeric_helper import numeric_helper

        helper = numeric_helper(derivations, trials, seed, device, cache)
    with ThreadPoolExecutor(max_workers=1) as symbolic_lane, helper as helped:
        pending = [symbolic_lane.submit(check_steps, d, timeout) if symbolic else None for d in derivations]
        for position, (derivation, steps) in enumerate(zip(derivations, pending)):
            if position in helped:
                results = helped[position].result()
            elif numeric:
                results = run_checks(derivation, derivation.checks, trials, seed, device)
            else:
                results = ()
            yield CheckReport(derivation.id, steps.result() if steps else (), results)

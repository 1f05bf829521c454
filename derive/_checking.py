"""Both checks of an entry: the symbolic steps, then the numeric checks (JAX imported only here)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

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
) -> CheckReport:
    """Check a derivation both ways. ``device`` is "cpu", "gpu", "tpu" or None (JAX's default);
    ``cache`` uses JAX's persistent compilation cache (see derive._cache).

    Example::

        >>> import derive
        >>> derive.get("logistic-grad").check(trials=16).ok
        True
    """
    return next(check_many([derivation], trials=trials, seed=seed, device=device, timeout=timeout,
                            symbolic=symbolic, numeric=numeric, cache=cache))  # fmt: skip


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
) -> Iterator[CheckReport]:
    """Check several derivations, yielding reports in order as they complete.

    The symbolic steps (SymPy, in child processes) run in a background lane while this process
    compiles and runs the numeric checks (JAX), so the two kinds of work overlap on two cores.
    """
    derivations = list(derivations)
    if numeric:
        from ._cache import use_compilation_cache
        from ._numeric import device_for, run_checks

        use_compilation_cache(cache)
        chosen = device_for(device)
    with ThreadPoolExecutor(max_workers=1) as symbolic_lane:
        pending = [symbolic_lane.submit(check_steps, d, timeout) if symbolic else None for d in derivations]
        for derivation, steps in zip(derivations, pending):
            results = run_checks(derivation, derivation.checks, trials, seed, chosen) if numeric else ()
            yield CheckReport(derivation.id, steps.result() if steps else (), results)

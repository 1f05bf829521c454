"""Both checks of an entry: the symbolic steps, then the numeric checks (JAX imported only here)."""

from __future__ import annotations

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
    steps = check_steps(derivation, timeout) if symbolic else ()
    results = ()
    if numeric:
        from ._cache import use_compilation_cache
        from ._numeric import device_for, run_checks

        use_compilation_cache(cache)
        chosen = device_for(device)
        results = run_checks(derivation, derivation.checks, trials, seed, chosen)
    return CheckReport(derivation.id, steps, results)

"""The public check functions: the checking pipeline given the catalog as its loader.

``derive.checking`` never imports the catalog; these pass ``derive.get`` to it, so a helper
process can load a catalog entry by id and check it there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from derive.checking import runner
from derive.checking.verdicts import CheckReport
from derive.core.model import Derivation
from derive.registry import get


def check(derivation: Derivation, **options) -> CheckReport:
    """Check a derivation both ways: each step symbolically, the result numerically with JAX
    (options: trials, seed, device, timeout, symbolic, numeric, cache, reuse; see check_many).

    Example::

        >>> import derive
        >>> derive.check(derive.get("logistic-grad"), trials=16).ok
        True
    """
    return next(check_many([derivation], **options))


def check_many(derivations: Iterable[Derivation], **options) -> Iterator[CheckReport]:
    """Check several derivations, yielding reports in order (see derive.checking.runner.check_many)."""
    return runner.check_many(derivations, loader=get, **options)

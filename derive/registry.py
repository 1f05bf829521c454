"""The catalog: ids are module names in the catalog package; an entry is imported only when asked for.

A catalog module ``logistic_grad.py`` defines ``derivation() -> Derivation`` with id
``logistic-grad``. In a source checkout the package is the top-level ``catalog/``; in an
installed wheel it is ``derive.catalog`` (so no generic top-level name is installed).
"""

from __future__ import annotations

import difflib
import functools
import importlib
import pkgutil

from derive.checking.assumptions import cited_problems
from derive.core.errors import BrokenEntry, UnknownEntry, UnknownTopic
from derive.core.model import Derivation


@functools.cache
def _catalog_package():
    try:
        return importlib.import_module("derive.catalog")
    except ImportError:
        return importlib.import_module("catalog")


def _module_name(entry_id: str) -> str:
    return entry_id.replace("-", "_")


@functools.cache
def ids() -> tuple[str, ...]:
    """Every entry id, sorted, without importing any entry."""
    package = _catalog_package()
    names = (info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_"))
    return tuple(sorted(name.replace("_", "-") for name in names))


def suggest(entry_id: str) -> list[str]:
    return difflib.get_close_matches(entry_id, ids(), n=3, cutoff=0.5)


@functools.cache
def get(entry_id: str) -> Derivation:
    """The derivation with this id; UnknownEntry (with suggestions) when there is none."""
    if entry_id not in ids():
        raise UnknownEntry(entry_id, suggest(entry_id))
    package = _catalog_package()
    module = importlib.import_module(f"{package.__name__}.{_module_name(entry_id)}")
    build = getattr(module, "derivation", None)
    if build is None:
        raise BrokenEntry(f"catalog module {module.__name__} has no derivation() function")
    entry = build()
    if not isinstance(entry, Derivation) or entry.id != entry_id:
        raise BrokenEntry(f"catalog module {module.__name__} must return a Derivation with id '{entry_id}'")
    problems = cited_problems(entry, get)
    if problems:
        raise BrokenEntry(f"catalog entry {entry_id}: " + "; ".join(problems))
    return entry


def _placed(name: str) -> tuple[str, ...]:
    """A tuple of catalog/_order.py (TEACHING_ORDER, TOPIC_ORDER); empty when the catalog has none."""
    try:
        return getattr(importlib.import_module(f"{_catalog_package().__name__}._order"), name, ())
    except ImportError:
        return ()


def _in_order(names, placed: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` in the order of ``placed``, the unplaced ones last, alphabetically."""
    rank = {name: position for position, name in enumerate(placed)}
    return tuple(sorted(names, key=lambda name: (rank.get(name, len(rank)), name)))


@functools.cache
def teaching_order() -> tuple[str, ...]:
    """Every entry id in the catalog's teaching order (catalog/_order.py), the unplaced ones last."""
    return _in_order(ids(), _placed("TEACHING_ORDER"))


def entries(topic: str | None = None) -> list[Derivation]:
    """Every derivation in teaching order, or those of one topic (UnknownTopic when no entry has it)."""
    found = [get(entry_id) for entry_id in teaching_order()]
    if topic is None:
        return found
    chosen = [entry for entry in found if entry.topic == topic]
    if not chosen:
        raise UnknownTopic(topic, topics())
    return chosen


def topics() -> list[str]:
    """Every topic, in the catalog's topic order (catalog/_order.py's TOPIC_ORDER), the unplaced ones last."""
    return list(_in_order({get(entry_id).topic for entry_id in ids()}, _placed("TOPIC_ORDER")))

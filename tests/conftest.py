"""The order tests start in, so that the two xdist workers finish together.

pyproject runs the suite with ``--dist loadgroup``: each worker is handed the next test (or group:
one entry's mutation tests, tests/mutation_tools.py) whenever it runs low. A long test handed out
last keeps one worker busy while the other idles, so the long tests go first and the quick ones
fill in at the end: those marked ``slow`` or ``tex``, and the few long ones in the quick subset.
(The order within each class is the collection order; it changes no test's outcome.)
"""

from __future__ import annotations

# Tests in the quick subset (not marked slow) that take 10 s or more on the 2-core CI machine.
LONG_QUICK_TESTS = ("tests/test_step_numeric.py::test_no_step_of_the_catalog_fails_numerically",)


def _starts_early(item) -> bool:
    return item.nodeid.startswith(LONG_QUICK_TESTS) or any(item.iter_markers("slow")) or any(item.iter_markers("tex"))


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: not _starts_early(item))  # stable: collection order within each class

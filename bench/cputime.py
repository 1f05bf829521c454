"""A pytest plugin: the CPU seconds each test used (its process and the child processes it waited
for: symbolic checkers, `derive` commands), the slowest listed at the end. On two shared cores the
wall clock of --durations moves with the load (poisson-moments' read-back: 7 s to 60 s); CPU
seconds barely do, so they show what a change saved. Works with and without xdist workers.

    PYTHONPATH=bench python -m pytest -p cputime tests/test_readback.py
    PYTHONPATH=bench CPUTIME_TOP=40 python -m pytest -p cputime      # the whole suite, 40 listed
"""

from __future__ import annotations

import os
import resource

import pytest

_KEY = "cpu_seconds"
_seconds: dict[str, float] = {}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_BEGUN = pytest.StashKey[float]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    item.stash[_BEGUN] = _cpu()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    item.stash[_BEGUN] = _cpu()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item):
    item.stash[_BEGUN] = _cpu()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Each phase's report (setup, call, teardown) carries the CPU seconds of that phase: xdist
    sends it to the controller with the report."""
    outcome = yield
    outcome.get_result().user_properties.append((_KEY, _cpu() - item.stash[_BEGUN]))


def pytest_runtest_logreport(report):
    """In the process that reports (xdist's controller too): add up each test's phases."""
    for key, value in report.user_properties:
        if key == _KEY:
            _seconds[report.nodeid] = _seconds.get(report.nodeid, 0.0) + value


def pytest_terminal_summary(terminalreporter):
    if not _seconds:
        return
    top = int(os.environ.get("CPUTIME_TOP", "25"))
    terminalreporter.write_sep("=", f"CPU seconds: {sum(_seconds.values()):.0f} in all, {len(_seconds)} tests")
    for nodeid, seconds in sorted(_seconds.items(), key=lambda item: -item[1])[:top]:
        terminalreporter.write_line(f"{seconds:9.2f}  {nodeid}")

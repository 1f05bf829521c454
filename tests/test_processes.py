"""The symbolic child processes: bounded by CPU time, at most one per CPU, never left running
(docs/reliability.md, "Processes")."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from derive.checking import timeout
from derive.checking.timeout import Batch, bounded, slots

ROOT = Path(__file__).resolve().parent.parent
# Each step takes SymPy about 100 s of CPU time to prove: a child is surely running when it is stopped.
SLOW_CHAIN = r"\tanh(x)^{20} = (\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}})^{20} = \tanh(x)^{20} = (\frac{e^{x}-e^{-x}}{e^{x}+e^{-x}})^{20}"
GONE_WITHIN = 2.0


@pytest.fixture
def ctrl_c_answered():
    """SIGINT as a terminal delivers it: Python's KeyboardInterrupt handler installed and SIGINT
    unblocked in this thread, for this process and the commands it starts. A long test run can
    leave it otherwise (the full suite did, in some worker), and a command started with SIGINT
    ignored rightly ignores Ctrl-C, which is not what these tests are about."""
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    blocked = signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        if handler is not None:
            signal.signal(signal.SIGINT, handler)


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it does not exist."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, ppid = text.rpartition(")")[2].split()[:2]
    return state, int(ppid)


def _children(parent: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))) and stat[1] == parent and stat[0] != "Z":
            found.add(int(entry))
    return found


def _descendants(root: int) -> set[int]:
    found, frontier = set(), {root}
    while frontier:
        frontier = set().union(*(_children(pid) for pid in frontier)) - found
        found |= frontier
    return found


def _alive(pids) -> set[int]:
    return {pid for pid in pids if (stat := _stat(pid)) and stat[0] != "Z"}


def _all_gone(pids, within: float = GONE_WITHIN) -> set[int]:
    """The processes among ``pids`` still alive after ``within`` seconds (empty as soon as none is)."""
    deadline = time.monotonic() + within
    while (left := _alive(pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _wait_for_children(parent: int, within: float = 60.0, descendants=False, besides=frozenset()) -> set[int]:
    """The children (or descendants) of ``parent`` once it has one not in ``besides``."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if found := (_descendants(parent) if descendants else _children(parent)) - besides:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no child of {parent} appeared within {within} s")


def _spin(seconds: float) -> float:
    """Use ``seconds`` of CPU time (whatever the wall clock says)."""
    begun = time.process_time()
    while time.process_time() - begun < seconds:
        pass
    return seconds


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


def _spin_on_one_cpu(cpu: int, seconds: float) -> float:
    os.sched_setaffinity(0, {cpu})
    return _spin(seconds)


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


# --- the CPU-time bound -----------------------------------------------------------------------


def test_a_spinning_child_is_stopped_after_its_cpu_seconds():
    begun = time.monotonic()
    outcome = bounded(_spin, (30.0,), 0.5)
    assert outcome.timed_out and outcome.value is None and outcome.error is None
    assert time.monotonic() - begun < 5


def test_a_sleeping_child_is_not_stopped_for_sleeping():
    outcome = bounded(_sleep, (1.5,), 0.5)  # three times its CPU bound of wall clock, almost no CPU
    assert outcome.value == "slept" and not outcome.timed_out


def test_a_silent_child_is_stopped_by_the_wall_clock_backstop(monkeypatch):
    monkeypatch.setattr(timeout, "BACKSTOP_FACTOR", 1)
    monkeypatch.setattr(timeout, "BACKSTOP_MIN_SECONDS", 0.5)
    assert bounded(_sleep, (30.0,), 0.5).timed_out


def test_errors_and_values_come_back_as_before():
    assert bounded(divmod, (7, 2), 5).value == (3, 1)
    outcome = bounded(divmod, (1, 0), 5)
    assert outcome.error.startswith("ZeroDivisionError") and not outcome.timed_out


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="pins processes to one CPU")
def test_the_bound_holds_on_a_loaded_machine():
    """Three busy processes share the child's CPU, so 0.3 s of CPU time takes the child well over
    its 0.8 s bound of wall clock: a wall-clock bound would time it out, a CPU-time bound does not."""
    cpu = min(os.sched_getaffinity(0))
    hog = "import os,sys; os.sched_setaffinity(0, {int(sys.argv[1])})\nwhile True: pass"
    hogs = [subprocess.Popen([sys.executable, "-c", hog, str(cpu)]) for _ in range(3)]
    try:
        time.sleep(0.3)
        begun = time.monotonic()
        outcome = bounded(_spin_on_one_cpu, (cpu, 0.3), 0.8)
        took = time.monotonic() - begun
    finally:
        for process in hogs:
            process.kill()
            process.wait()
    assert outcome.value == 0.3 and not outcome.timed_out
    assert took > 0.8, "the machine was not loaded enough for this test to tell the two bounds apart"


# --- at most one child per CPU ----------------------------------------------------------------


@needs_proc
def test_at_most_one_child_per_cpu_at_once():
    calls = 3 * slots()
    most, done = 0, threading.Event()
    before = _children(os.getpid())  # long-lived ones other tests in this worker started

    def watch():
        nonlocal most
        while not done.is_set():
            most = max(most, len(_children(os.getpid()) - before))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with Batch() as batch:
            runs = [batch.started(_sleep, (0.4,), 5) for _ in range(calls)]
            outcomes = [run.wait() for run in runs]
    finally:
        done.set()
        watcher.join()
    assert [o.value for o in outcomes] == ["slept"] * calls
    assert 1 <= most <= slots()


PINNED = """
import os, sys, time
from derive.checking.timeout import Batch  # imported first, as a Dask worker unpickling a task does
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
begun = time.monotonic()
with Batch() as batch:
    runs = [batch.started(time.sleep, (0.3,), 5) for _ in range(4)]
    [run.wait() for run in runs]
print(time.monotonic() - begun)
"""


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2, reason="needs 2 CPUs")
def test_a_process_pinned_to_one_cpu_runs_one_child_at_a_time():
    """A Dask worker bound to one core (docs/scale.md) must not start a child per core of the machine."""
    done = subprocess.run([sys.executable, "-c", PINNED], capture_output=True, text=True, timeout=60, check=True)
    assert float(done.stdout) >= 4 * 0.3, done.stdout


# --- nothing left running ---------------------------------------------------------------------


@needs_proc
def test_leaving_a_batch_by_an_exception_kills_its_children():
    before = _children(os.getpid())  # long-lived ones other tests in this worker started
    with pytest.raises(KeyboardInterrupt), Batch() as batch:
        for _ in range(3 * slots()):
            batch.started(_spin, (60.0,), 60)
        children = _wait_for_children(os.getpid(), within=5, besides=before)
        raise KeyboardInterrupt
    assert not _all_gone(children - before)
    assert not _all_gone(_children(os.getpid()) - before)
    with pytest.raises(timeout.Cancelled):
        batch.started(_spin, (1.0,), 5)


def _gc_callbacks() -> int:
    import gc

    return len(gc.callbacks)


def test_a_child_runs_without_the_parents_garbage_collector_callbacks():
    """JAX gives the collector a callback into XLA; in a forked child it could wait forever on a
    lock held by another thread of the parent at the fork."""
    import gc

    def callback(phase, info):
        pass

    gc.callbacks.append(callback)
    try:
        outcome = timeout.started(_gc_callbacks, (), 10).wait()
    finally:
        gc.callbacks.remove(callback)
    assert outcome.value == 0


@needs_proc
def test_a_child_dies_with_its_parent():
    """The parent is SIGKILLed (no cleanup code runs): the parent-death signal ends the child."""
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from derive.checking.timeout import started\n"
        "from tests.test_processes import _spin\n"
        "started(_spin, (60.0,), 60); time.sleep(60)"
    )
    parent = subprocess.Popen([sys.executable, "-c", script, str(ROOT)], cwd=ROOT)
    try:
        children = _wait_for_children(parent.pid, within=20)
    finally:
        parent.kill()
        parent.wait()
    assert not _all_gone(children)


@needs_proc
@pytest.mark.parametrize("numeric_seconds", [0, 30], ids=["while-waiting", "during-numeric-checks"])
@pytest.mark.usefixtures("ctrl_c_answered")
def test_a_keyboard_interrupt_in_derive_verify_leaves_no_child(numeric_seconds, monkeypatch):
    """Ctrl-C in a notebook: the interrupt reaches derive.verify while its children run. (The
    numeric checks are replaced by a pause: an interrupt that lands while JAX is being imported
    breaks JAX itself for the rest of the process.)"""
    import derive
    from derive.verifying import run

    def numeric_opinions(pairs, *_):
        time.sleep(numeric_seconds)
        return [None] * len(pairs)

    before = _children(os.getpid())  # long-lived ones other tests in this worker started
    interrupted = threading.Event()

    def interrupt_when_children_run():
        """Ctrl-C, pressed again each second as a user would: in a process this size an interrupt
        can land in a finaliser (a JAX array's __del__), where Python prints and drops it."""
        _wait_for_children(os.getpid(), within=30, besides=before)
        while not interrupted.is_set():
            signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
            interrupted.wait(1.0)

    monkeypatch.setattr(run, "_numeric_opinions", numeric_opinions)
    threading.Thread(target=interrupt_when_children_run, daemon=True).start()
    try:
        with pytest.raises(KeyboardInterrupt):
            derive.verify(SLOW_CHAIN, trials=1, timeout=60)
    finally:
        interrupted.set()
    assert not _all_gone(_children(os.getpid()) - before)


def _stopped_command(arguments, stop: signal.Signals, tmp_path) -> set[int]:
    """Run ``python -m derive ARGUMENTS``, send ``stop`` once it has a child process; the
    processes it had then that are still alive 2 s after it ended."""
    environment = dict(os.environ, DERIVE_CACHE_DIR=str(tmp_path / "cache"), JAX_PLATFORMS="cpu")
    command = subprocess.Popen(
        [sys.executable, "-m", "derive", *arguments],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_children(command.pid, within=60)
        time.sleep(0.2)  # let more children start
        family = _descendants(command.pid)
        command.send_signal(stop)
        command.wait(timeout=GONE_WITHIN)
    finally:
        if command.poll() is None:
            command.kill()
            command.wait()
            pytest.fail(f"derive was still running {GONE_WITHIN} s after {stop.name}")
    return _all_gone(family)


@needs_proc
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
@pytest.mark.usefixtures("ctrl_c_answered")
def test_a_stopped_derive_verify_leaves_nothing_running(stop, tmp_path):
    arguments = ["verify", "--trials", "1", "--timeout", "60", SLOW_CHAIN]
    assert not _stopped_command(arguments, stop, tmp_path)


@needs_proc
@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
@pytest.mark.usefixtures("ctrl_c_answered")
def test_a_stopped_derive_check_leaves_nothing_running(stop, tmp_path):
    arguments = ["check", "--all", "--no-cache", "--trials", "1"]
    assert not _stopped_command(arguments, stop, tmp_path)


@pytest.mark.slow
def test_two_checks_at_once_give_the_verdicts_of_one(tmp_path):
    """The entries whose steps timed out at 30 s of wall clock when two `check --all` shared two
    cores: with the bound counted in CPU seconds, each proves every step and passes every check
    while another check loads the machine, as it does alone (test_catalog). Two checks at once,
    one entry each: each loads the machine while the other runs."""
    entries = ["poisson-moments", "tsne-gradient"]
    environment = {**os.environ, "DERIVE_CACHE_DIR": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "derive", "check", entry, "--json", "--no-cache", "--trials", "8"],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for entry in entries
    ]
    (first,), (second,) = (json.loads(run.communicate(timeout=900)[0]) for run in runs)

    def verdicts(report):
        return report["id"], [s["status"] for s in report["symbolic"]], [v["status"] for v in report["numeric"]]

    for report, entry in zip((first, second), entries):
        identity, symbolic, numeric = verdicts(report)
        assert identity == entry and symbolic and numeric
        assert report["ok"], verdicts(report)  # not ok: a step UNKNOWN (timed out) or a check not PASS

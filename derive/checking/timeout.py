"""Run a function in a forked child process, bounded by CPU time, never outliving its parent.

SymPy cannot be interrupted from inside and ``signal.alarm`` only works in the main thread,
so the work runs in a child that is stopped when its time runs out. The child only does SymPy
work; it never touches JAX, so forking after JAX has started threads is harmless here.

The promises (docs/reliability.md, "Processes"):

- **CPU time, not wall clock.** A child may use ``seconds`` of CPU time (an ``ITIMER_PROF``
  timer kills it then, with ``RLIMIT_CPU`` a second later as a hard stop), so a verdict does not
  depend on how loaded the machine is. A child that has not answered after ``BACKSTOP_FACTOR``
  times its bound of wall clock (one that sleeps or is blocked) is killed too. Both count as a
  timeout.
- **At most ``slots()`` at once** (the CPUs this process may run on): more calls wait their turn,
  and a call's bound starts when its child does.
- **Nothing left running.** A child gets SIGKILL when its parent dies, however it dies (Linux's
  parent-death signal; elsewhere the child polls its parent), and a ``Batch`` that is left by
  an exception (KeyboardInterrupt included) kills the children it started and starts no more.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

try:
    import resource
except ImportError:  # not POSIX: the interval timer alone bounds the child
    resource = None

BACKSTOP_FACTOR = 10  # wall clock allowed per second of CPU time before a silent child is killed
BACKSTOP_MIN_SECONDS = 5.0
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 0.5
_CPU_TIMEOUT_SIGNALS = {signal.SIGPROF, getattr(signal, "SIGXCPU", signal.SIGPROF)}


def slots() -> int:
    """The CPUs this process may run on, read when first needed: a process bound to fewer (a
    Dask worker pinned to one core, ``taskset``) runs that many children at once."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Outcome:
    """What happened to a bounded call: a value, an error (with its message), or a timeout."""

    value: Any = None
    error: str | None = None
    timed_out: bool = False


class Cancelled(Exception):
    """A call was refused or stopped because its batch was closed."""


def bounded(function: Callable, args: tuple, seconds: float, batch: Batch | None = None) -> Outcome:
    """Call ``function(*args)`` in a child process with ``seconds`` of CPU time; wait for it.

    In ``batch`` when given (closing it stops the call); otherwise the child is killed if the
    wait is interrupted."""
    if batch is not None:
        return batch.started(function, args, seconds).wait()
    with Batch() as own:
        return own.started(function, args, seconds).wait()


def started(function: Callable, args: tuple, seconds: float) -> Running:
    """Start ``function(*args)`` in a child process (when a slot is free) and return at once.
    Prefer a ``Batch``, which also cleans up after an interruption."""
    running = Running(function, args, seconds)
    running.future = _pool().submit(running.run)
    return running


class Batch:
    """Calls started together. Leaving the ``with`` block by an exception, or ``close()``, kills
    those still running, drops those waiting for a slot, and refuses new ones (``Cancelled``)."""

    def __init__(self):
        self._runs: list[Running] = []
        self._closed = False
        self._lock = threading.Lock()

    def started(self, function: Callable, args: tuple, seconds: float) -> Running:
        with self._lock:
            if self._closed:
                raise Cancelled("the batch of symbolic checks was stopped")
            running = started(function, args, seconds)
            self._runs = [run for run in self._runs if not run.future.done()] + [running]
            return running

    def close(self) -> None:
        with self._lock:
            self._closed = True
            runs, self._runs = self._runs, []
        for running in runs:
            running.cancel()

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Running:
    """A call queued for, or running in, a child process; ``wait`` gives its outcome."""

    def __init__(self, function: Callable, args: tuple, seconds: float):
        self.function, self.args, self.seconds = function, args, seconds
        self.future: Future | None = None
        self._process = None
        self._cancelled = False
        self._lock = threading.Lock()

    def wait(self) -> Outcome:
        """The outcome, once the child has answered or been stopped; the child is gone afterwards."""
        return self.future.result()

    def cancel(self) -> None:
        """Kill the child if it runs; never start it if it does not yet."""
        with self._lock:
            self._cancelled = True
            if self._process is not None and self._process.is_alive():
                self._process.kill()
        if self.future is not None:
            self.future.cancel()

    def run(self) -> Outcome:
        """In a pool thread: start the child, collect its answer, make sure it is gone."""
        with self._lock:
            if self._cancelled:
                raise Cancelled("stopped before it started")
            process, receiver = _forked(self.function, self.args, self.seconds)
            self._process = process
        try:
            if receiver.poll(max(self.seconds * BACKSTOP_FACTOR, BACKSTOP_MIN_SECONDS)):
                try:
                    return receiver.recv()
                except EOFError:
                    pass  # the child died without answering: why is decided below
            else:
                process.kill()
                return Outcome(timed_out=True)
        finally:
            if process.is_alive():
                process.kill()
            process.join()
            receiver.close()
        if self._cancelled:
            raise Cancelled("stopped while running")
        if process.exitcode is not None and -process.exitcode in _CPU_TIMEOUT_SIGNALS:
            return Outcome(timed_out=True)
        return Outcome(error=f"the checker process died (exit code {process.exitcode})")


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
_FORK_LOCK = threading.Lock()


def _forget_pool() -> None:
    """In a process forked from one that used the pool: its threads did not come along."""
    global _POOL, _POOL_LOCK, _FORK_LOCK
    _POOL, _POOL_LOCK, _FORK_LOCK = None, threading.Lock(), threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)


def _pool() -> ThreadPoolExecutor:
    """One thread per slot, each waiting on one child at a time, shared by the whole process.
    Its threads never end before the process does, so no child sees its parent thread end."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=slots(), thread_name_prefix="derive-symbolic")
        return _POOL


def _forked(function: Callable, args: tuple, seconds: float):
    """The child process and the end of its pipe that receives the Outcome.

    Forks are serialised: a child forked by another thread must not inherit this child's end of
    the pipe, or the parent would not see the pipe close when this child dies."""
    context = multiprocessing.get_context("fork")
    with _FORK_LOCK:
        receiver, sender = context.Pipe(duplex=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", (DeprecationWarning, RuntimeWarning))
            process = context.Process(
                target=_child, args=(sender, function, args, seconds, os.getpid(), _prctl()), daemon=True
            )
            process.start()
        sender.close()
    return process, receiver


def _child(connection, function, args, seconds: float, parent: int, prctl):
    _die_with_parent(parent, prctl)
    # The child does SymPy work only. Callbacks the parent's libraries gave the garbage collector
    # could deadlock it: JAX's calls into XLA, whose lock another thread of the parent may have
    # held at the fork (a verify child hung so, in a futex, using no CPU time to be stopped by).
    gc.callbacks.clear()
    _limit_cpu(seconds)
    try:
        connection.send(Outcome(value=function(*args)))
    except BaseException as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" (in {last[0].name})" if last else ""
        connection.send(Outcome(error=f"{type(exc).__name__}: {exc}{where}"))
    finally:
        connection.close()


def _limit_cpu(seconds: float) -> None:
    """SIGPROF (whose default action ends the process) once ``seconds`` of CPU time are used;
    RLIMIT_CPU's SIGXCPU a second later, and its SIGKILL a second after that, should it be caught."""
    signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.001))
    if resource is None:
        return
    soft = math.ceil(seconds) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
        hard = min(soft + 1, hard)
    else:
        hard = soft + 1
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass  # the interval timer still bounds the child


def end_with_parent(parent: int) -> None:
    """Called first in a spawned child (not a forked one: see _prctl): SIGKILL it when its parent dies."""
    _die_with_parent(parent, _prctl())


def _die_with_parent(parent: int, prctl) -> None:
    """SIGKILL this child when its parent dies; exit at once if it already has."""
    if prctl is None or prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died between the fork and the call above
        os._exit(1)


@functools.cache
def _prctl():
    """Linux's prctl, looked up in the parent: loading a library in a child forked from a
    threaded process could deadlock on the loader's lock."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)

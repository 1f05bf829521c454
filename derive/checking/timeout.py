"""Run a function with a wall-clock bound, in a forked child process.

SymPy cannot be interrupted from inside and ``signal.alarm`` only works in the main thread,
so the work runs in a child that is killed when time runs out. The child only does SymPy
work; it never touches JAX, so forking after JAX has started threads is harmless here.
"""

from __future__ import annotations

import multiprocessing
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Outcome:
    """What happened to a bounded call: a value, an error (with its message), or a timeout."""

    value: Any = None
    error: str | None = None
    timed_out: bool = False


def _child(connection, function, args):
    try:
        connection.send(Outcome(value=function(*args)))
    except BaseException as exc:
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" (in {last[0].name})" if last else ""
        connection.send(Outcome(error=f"{type(exc).__name__}: {exc}{where}"))
    finally:
        connection.close()


def bounded(function: Callable, args: tuple, seconds: float) -> Outcome:
    """Call ``function(*args)`` in a child process; give up after ``seconds``."""
    return started(function, args).wait(seconds)


class Running:
    """A call running in a child process; ``wait`` collects its outcome (several can run at once)."""

    def __init__(self, process, receiver):
        self.process, self.receiver = process, receiver

    def wait(self, seconds: float) -> Outcome:
        """The outcome, or a timeout once ``seconds`` have passed; the child is gone afterwards."""
        try:
            if self.receiver.poll(max(seconds, 0.0)):
                try:
                    return self.receiver.recv()
                except EOFError:
                    return Outcome(error=f"the checker process died (exit code {self.process.exitcode})")
            return Outcome(timed_out=True)
        finally:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
            self.receiver.close()


def started(function: Callable, args: tuple) -> Running:
    """Start ``function(*args)`` in a child process and return at once."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (DeprecationWarning, RuntimeWarning))
        process = context.Process(target=_child, args=(sender, function, args), daemon=True)
        process.start()
    sender.close()
    return Running(process, receiver)

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
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (DeprecationWarning, RuntimeWarning))
        process = context.Process(target=_child, args=(sender, function, args), daemon=True)
        process.start()
    sender.close()
    try:
        if receiver.poll(seconds):
            try:
                return receiver.recv()
            except EOFError:
                return Outcome(error=f"the checker process died (exit code {process.exitcode})")
        return Outcome(timed_out=True)
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()

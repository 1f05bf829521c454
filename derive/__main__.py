"""`python -m derive` and the `derive` console script."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

# How long Ctrl-C waits for derive to stop by itself (KeyboardInterrupt: children killed, partial
# files removed) before it is ended where it stands.
INTERRUPT_GRACE_SECONDS = 1.5


def _stopped_promptly_by_ctrl_c() -> None:
    """Ctrl-C stops derive within INTERRUPT_GRACE_SECONDS even while its main thread is inside a
    long C call (an XLA compile under load), where Python's KeyboardInterrupt waits for the call to
    return. The signal also reaches a watcher thread through a wakeup fd; if derive is still running
    after the grace period, the watcher ends it with status 130. Its children end with it (each is
    set to die with its parent: derive.checking.timeout)."""
    read, write = os.pipe()
    os.set_blocking(write, False)
    signal.set_wakeup_fd(write, warn_on_full_buffer=False)

    def watch():
        while signal.SIGINT not in os.read(read, 64):
            pass
        time.sleep(INTERRUPT_GRACE_SECONDS)
        os._exit(130)

    threading.Thread(target=watch, name="derive-ctrl-c", daemon=True).start()


def main():
    _stopped_promptly_by_ctrl_c()
    try:  # an installed wheel carries the CLI as derive.cli
        from derive.cli import main as command
    except ImportError:  # a source checkout keeps it at the top level, as cli.py
        from cli import main as command
    try:
        command(prog_name="derive")
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            print(done.code, file=sys.stderr)
    else:
        status = 0
    # Every file is written and every child process gone by now; skip the interpreter's teardown,
    # which takes half a second once JAX is loaded.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:  # a closed pipe (`derive list | head -1`): nothing more to say
            pass
    os._exit(status)


if __name__ == "__main__":
    main()

"""`python -m derive` and the `derive` console script."""

from __future__ import annotations

import os
import sys


def main():
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

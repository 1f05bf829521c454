"""CPU seconds of the symbolic checker, per catalog entry and per step, slowest first.

Each step is decided in this one process by the function the checker's forked child runs
(derive.checking.symbolic.decision), with SymPy's cache cleared first (a child keeps nothing from
the step before), bounded by --timeout CPU seconds like the child. Prints the steps slowest first,
then the entries, then the total and every verdict that is not PROVED/STATED.

    PYTHONPATH=. python bench/symbolic.py                        # every entry
    PYTHONPATH=. python bench/symbolic.py tsne-gradient ridge-closed-form
    PYTHONPATH=. python bench/symbolic.py --save before.json     # verdicts and seconds, to compare
    PYTHONPATH=. python bench/symbolic.py --profile tsne-gradient:3   # cProfile of one step
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import signal
import sys
import time

from sympy.core.cache import clear_cache

import derive
from derive.checking.symbolic import decision, steps_of, without_sympy
from derive.core.defaults import STEP_SECONDS
from derive.core.intermediates import expanded


class _OutOfTime(Exception):
    pass


def _raise_out_of_time(signum, frame):
    raise _OutOfTime


def timed_steps(entry_id: str, timeout: float, only: int | None = None):
    """(step index, CPU seconds, status) of each step SymPy decides in the entry."""
    derivation = expanded(derive.get(entry_id))
    for index, previous, step, bound in steps_of(derivation):
        if (only is not None and index != only) or without_sympy(index, step, dict(derivation.sizes)):
            continue
        function, args = decision(index, previous, step, derivation.givens, dict(derivation.sizes), bound)
        clear_cache()
        started = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, timeout)
        try:
            status = function(*args).status
        except _OutOfTime:
            status = "TIMEOUT"
        except Exception as error:  # the checker reports these as UNKNOWN too
            status = f"ERROR {type(error).__name__}"
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        yield index, time.process_time() - started, status


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="catalog ids (default: every entry)")
    parser.add_argument("--timeout", type=float, default=STEP_SECONDS, help="CPU seconds per step")
    parser.add_argument("--top", type=int, default=25, help="steps listed")
    parser.add_argument("--save", help="write {id: {step: [seconds, status]}} as JSON here")
    parser.add_argument("--profile", metavar="ID:STEP", help="print a cProfile of one step instead")
    options = parser.parse_args(argv)
    signal.signal(signal.SIGPROF, _raise_out_of_time)
    if options.profile:
        entry_id, _, index = options.profile.partition(":")
        profile = cProfile.Profile()
        profile.runcall(lambda: list(timed_steps(entry_id, options.timeout, int(index) if index else None)))
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        return 0
    results: dict[str, dict[int, tuple[float, str]]] = {}
    for entry_id in options.ids or derive.ids():
        results[entry_id] = {i: (s, status) for i, s, status in timed_steps(entry_id, options.timeout)}
        print(f"{entry_id:32s} {sum(s for s, _ in results[entry_id].values()):7.2f}", file=sys.stderr, flush=True)
    steps = sorted(((s, e, i, st) for e, r in results.items() for i, (s, st) in r.items()), reverse=True)
    print(f"\n{'CPU s':>7}  step (slowest {options.top})")
    for seconds, entry_id, index, status in steps[: options.top]:
        print(f"{seconds:7.2f}  {entry_id}:{index} {status}")
    print(f"\n{'CPU s':>7}  entry")
    for total, entry_id in sorted(((sum(s for s, _ in r.values()), e) for e, r in results.items()), reverse=True):
        print(f"{total:7.2f}  {entry_id}")
    print(f"\n{sum(s for s, *_ in steps):7.2f}  total, {len(steps)} steps in {len(results)} entries")
    for _, entry_id, index, status in steps:
        if status not in ("PROVED", "STATED"):
            print(f"         {entry_id}:{index} {status}")
    if options.save:
        with open(options.save, "w") as out:
            json.dump(results, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

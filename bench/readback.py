"""How many catalog entries' printed chains read back valid through `derive verify --against ID`
(issue 15): the read-back of tests/test_verify_roundtrip.py, entry by entry, with a count of
entries valid, undecided, invalid and unreadable (an entry is counted under its worst problem:
unreadable, then invalid, then undecided).

    PYTHONPATH=. python bench/readback.py [ID ...]     # all entries when no id is given
"""

from __future__ import annotations

import collections
import sys
import time

import derive
from tests.test_verify_roundtrip import INVALID, UNDECIDED, UNREADABLE, read_back

ORDER = (UNREADABLE, INVALID, UNDECIDED)


def main(ids) -> None:
    counts = collections.Counter()
    for entry_id in ids:
        began = time.perf_counter()
        problems = read_back(entry_id)
        kinds = {kind for kind, _ in problems}
        verdict = next((kind for kind in ORDER if kind in kinds), "valid")
        counts[verdict] += 1
        print(f"{entry_id}: {verdict} ({time.perf_counter() - began:.0f} s)", flush=True)
        for kind, text in problems:
            print(f"    {kind}: {text[:600]}", flush=True)
    summary = ", ".join(f"{counts[kind]} {kind}" for kind in ("valid", *ORDER))
    print(f"{len(ids)} entries: {summary}")


if __name__ == "__main__":
    main(sys.argv[1:] or list(derive.ids()))

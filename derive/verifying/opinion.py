"""The numeric second opinion's answer for one step, without JAX (so a derivation that needs no
numbers, every step's sides identical, never imports it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumericResult:
    """ "agree", "differ" or "unavailable" (with the reason), and the largest relative error."""

    outcome: str
    max_error: float = float("nan")
    trials: int = 0
    reason: str = ""

    def describe(self) -> str:
        if self.outcome == "unavailable":
            return f"no numeric check ({self.reason})"
        verb = "agree" if self.outcome == "agree" else "differ"
        return f"numeric: the sides {verb} on {self.trials} random inputs (max rel. error {self.max_error:.1e})"

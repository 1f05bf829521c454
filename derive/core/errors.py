"""The errors a user can cause. The CLI maps every DeriveError to one line and exit status 2."""

from __future__ import annotations


class DeriveError(Exception):
    """Bad input from the user: the message names the problem and where it is."""


class UnknownEntry(DeriveError, LookupError):
    def __init__(self, entry_id: str, suggestions: list[str]):
        hint = f"; did you mean '{suggestions[0]}'?" if suggestions else "; `derive list` shows every id"
        super().__init__(f"no derivation '{entry_id}'{hint}")
        self.entry_id, self.suggestions = entry_id, suggestions


class UnknownTopic(DeriveError, LookupError):
    def __init__(self, topic: str, known: list[str]):
        super().__init__(f"no topic '{topic}'; topics are: {', '.join(known)}")
        self.topic = topic


class BrokenEntry(DeriveError):
    """A catalog module that does not define a valid derivation (an author's mistake, not a user's)."""


class DeviceUnavailable(DeriveError):
    """The requested JAX backend is not present on this machine."""

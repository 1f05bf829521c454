"""Tokens of a LaTeX formula, each with its position, and the parse error that points at one.

The tokenizer never interprets anything: it splits ``\\nabla_{w} \\tfrac12\\|Xw-y\\|^2`` into
commands, single letters, numbers and punctuation, dropping spacing and sizing commands
(``\\,``, ``\\quad``, ``\\left``, ``\\big``...) that carry no mathematics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._errors import DeriveError

# Commands that only adjust spacing or delimiter size: dropped.
IGNORED = frozenset(
    r"""\, \; \: \! \> \  \quad \qquad \displaystyle \textstyle \scriptstyle \left \right \middle
    \big \Big \bigg \Bigg \bigl \bigr \Bigl \Bigr \biggl \biggr \Biggl \Biggr \limits \nolimits
    \nonumber \notag \hfill \allowbreak""".split()
) | {"\\ "}

_TOKEN = re.compile(
    r"""(?P<space>\s+|~)
      | (?P<command>\\[A-Za-z]+\*?|\\.)
      | (?P<number>\d+(?:\.\d+)?|\.\d+)
      | (?P<letter>[A-Za-z])
      | (?P<char>[-+*/^_(){}\[\]|,=&'!<>.:;])""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # "command", "number", "letter", "char" or "end"
    text: str
    start: int  # offset in the input (0-based)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def is_(self, *texts: str) -> bool:
        return self.text in texts and self.kind != "end"

    def describe(self) -> str:
        return "the end of the input" if self.kind == "end" else f"'{self.text}'"


class ParseError(DeriveError):
    """The input could not be understood: the message names the problem and the column, and
    ``render()`` shows the input with a caret under the place."""

    def __init__(self, problem: str, source: str, position: int, label: str = ""):
        self.problem, self.source, self.position, self.label = problem, source, max(0, position), label
        self.column = self.position + 1
        super().__init__(self.headline())

    def headline(self) -> str:
        where = f" in {self.label}" if self.label else ""
        return f"{self.problem} at column {self.column}{where}"

    def render(self) -> str:
        """The headline, the input and a caret under the column (the input's line only)."""
        line_start = self.source.rfind("\n", 0, self.position) + 1
        line_end = self.source.find("\n", self.position)
        line = self.source[line_start : line_end if line_end >= 0 else len(self.source)]
        caret = " " * (self.position - line_start) + "^"
        return f"{self.headline()}\n  {line}\n  {caret}"

    def __str__(self) -> str:
        return self.render()


def tokenize(source: str, label: str = "") -> list[Token]:
    """The tokens of ``source``, ending with an "end" token; ParseError on a character it cannot read."""
    tokens, position = [], 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ParseError(f"unexpected character {source[position]!r}", source, position, label)
        kind, text = match.lastgroup, match.group()
        if kind != "space" and text not in IGNORED:
            tokens.append(Token(kind, text, position))
        position = match.end()
        if text in (r"\left", r"\right") and source[position:].lstrip().startswith("."):
            position = source.index(".", position) + 1  # \left. and \right. are empty delimiters
    tokens.append(Token("end", "", len(source)))
    return tokens

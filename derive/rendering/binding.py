"""How printed LaTeX binds, read from its top level: what the printers need to know to put a
formula in parentheses (a sum, a leading minus, a Hadamard product, a prefix operator such as
\\sum whose scope runs to the end, a product written by juxtaposition)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sympy.printing.precedence import PRECEDENCE

# Commands that apply to everything after them in a product (the parser reads them so too):
# \sum_{i=1}^{n} x_i y is the sum of x_i y, so a sum followed by a factor is grouped.
PREFIX_COMMANDS = (r"\sum", r"\prod", r"\nabla", r"\int", r"\operatorname{argmin}", r"\operatorname{quad}",
                   r"\operatorname{mean}")  # fmt: skip
_DELIMITER = re.compile(r"\\(left|right|bigl|bigr)(?![A-Za-z])(\\.|.)|\\[A-Za-z]+|\\.|.", re.DOTALL)


@dataclass(frozen=True)
class Reading:
    """How a printed formula binds, read from its top level (outside braces and \\left...\\right):
    a leading minus, a top-level + or -, a Hadamard product (looser than a matrix product: the
    parser reads a b \\odot c as (a b) \\odot c), a prefix command (\\sum) whose scope runs to
    the end, a juxtaposition (x^T x) or a fraction."""

    leading_minus: bool
    top_level_sum: bool
    hadamard: bool
    open_right: bool
    product: bool

    @property
    def precedence(self) -> int:
        if self.leading_minus or self.top_level_sum or self.hadamard:
            return PRECEDENCE["Add"]
        return PRECEDENCE["Mul"] if self.open_right or self.product else PRECEDENCE["Atom"]

    def needs_group_as_factor(self, first: bool, last: bool) -> bool:
        """A factor of a product in parentheses when it is a sum or a Hadamard product (or
        negative, unless it leads), or when a prefix operator in it would take in the factors after it."""
        return (
            self.top_level_sum or self.hadamard or (self.leading_minus and not first) or (self.open_right and not last)
        )


def reading(tex: str) -> Reading:
    """The top-level structure of printed LaTeX (see Reading)."""
    tex = tex.strip()
    braces = delimiters = 0
    top_sum = hadamard = open_right = product = False
    for match in _DELIMITER.finditer(tex):
        token, at = match.group(), match.start()
        if match.group(1) in ("left", "bigl"):
            delimiters += 1
        elif match.group(1) in ("right", "bigr"):
            delimiters -= 1
        elif token == "{":
            braces += 1
        elif token == "}":
            braces -= 1
        elif braces or delimiters:
            continue
        elif token in "+-" and at > 0 and tex[at - 1] == " " and tex[at + 1 : at + 2] == " ":
            top_sum = True
        elif token == r"\odot":
            hadamard = True
        elif token == " " and at > 0:
            product = True
        elif token == r"\frac":
            product = True
        elif any(tex.startswith(command, at) for command in PREFIX_COMMANDS):
            open_right = True
    return Reading(tex.startswith("-"), top_sum, hadamard, open_right, product)

"""Long formulas broken over several rows of an ``align*``, so none runs into the margin.

The printer writes one line per expression; here its width is estimated (in ems of the body
font, from the LaTeX itself) and, when it does not fit, the expression is cut before a top-level
``+`` or ``-`` (at any depth of parentheses). Parentheses that a cut separates must not be
``\\left``/``\\right`` pairs (TeX needs those in one row), so a broken expression uses fixed-size
``\\bigl(``/``\\bigr)`` instead.

    >>> break_rows(r"a + b", 40)
    ['a + b']
"""

from __future__ import annotations

import re

SHRINK_ABOVE = 1.1  # the width estimate errs by up to 20 %, so only clearly long rows shrink
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_NARROW_COMMANDS = {"quad", "qquad", "mathbf", "boldsymbol", "operatorname", "mathrm", "scriptstyle"}
_FUNCTION_NAMES = {"log": 1.5, "exp": 1.6, "det": 1.5, "max": 1.8, "min": 1.6, "tanh": 2.0, "ln": 1.0}
_SPACED = {"+": 1.3, "-": 1.3, "=": 1.4, "<": 1.4, ">": 1.4}
_WIDE_COMMANDS = {
    "odot": 1.3,
    "iff": 2.6,
    "implies": 2.6,
    "therefore": 1.5,
    "cdot": 0.9,
    "times": 1.3,
    "geq": 1.4,
    "leq": 1.4,
}


def _group(text: str, start: int) -> tuple[str, int]:
    """The brace group opening at ``start`` and the index after it."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
    return text[start + 1 :], len(text)


def estimate_width(tex: str) -> float:
    """Approximate typeset width of inline math, in ems (calibrated on the catalog's formulas)."""
    width, i = 0.0, 0
    while i < len(tex):
        char = tex[i]
        if char == "\\":
            match = _COMMAND.match(tex, i)
            name, i = match.group(1), match.end()
            if name in ("left", "right", "bigl", "bigr") and i < len(tex):
                width += 0.0 if tex[i] == "." else 0.65 if name in ("left", "right") else 0.5
                i += 2 if tex[i] == "\\" else 1  # the delimiter: ( or \{
            elif name == "sqrt" and i < len(tex) and tex[i] == "{":
                body, i = _group(tex, i)
                width += estimate_width(body) + 0.9
            elif name in ("frac", "tfrac"):
                top, i = _group(tex, i)
                bottom, i = _group(tex, i)
                width += max(estimate_width(top), estimate_width(bottom)) * (1.0 if name == "frac" else 0.7) + 0.4
            elif name in ("mathbf", "boldsymbol") and i < len(tex) and tex[i] == "{":
                body, i = _group(tex, i)
                width += 1.45 * estimate_width(body)  # bold upright letters are wide
            elif name == "operatorname" and i < len(tex) and tex[i] == "{":
                body, i = _group(tex, i)
                width += 0.55 * len(body) + 0.3
            elif name in _FUNCTION_NAMES:
                width += _FUNCTION_NAMES[name] + 0.2
            elif name in _WIDE_COMMANDS:
                width += _WIDE_COMMANDS[name]
            elif name not in _NARROW_COMMANDS:
                width += 0.6  # a Greek letter, \top, \nabla, a delimiter such as \|
        elif char in "^_":
            if i + 1 < len(tex) and tex[i + 1] == "{":
                body, i = _group(tex, i + 1)
            else:
                body, i = tex[i + 1 : i + 2], i + 2
            width += 0.7 * estimate_width(body)
        elif char in _SPACED:
            width += _SPACED[char]
            i += 1
        elif char in " {}&":
            i += 1
        else:
            width += 0.4 if char in "()[]|,.;" else 0.55
            i += 1
    return width


def _cut_points(tex: str) -> dict[int, int]:
    """Binary `` + `` / `` - `` outside any brace group, each with its depth in parentheses."""
    points, braces, parens = {}, 0, 0
    for i, char in enumerate(tex):
        if char == "{":
            braces += 1
        elif char == "}":
            braces -= 1
        elif char in "([":
            parens += 1
        elif char in ")]":
            parens -= 1
        elif braces == 0 and char in "+-" and tex[i - 1 : i] == " " and tex[i + 1 : i + 2] == " ":
            before = tex[:i].rstrip()
            if before and before[-1] not in "(&[{" and not before.endswith("="):
                points[i] = parens
    return points


def _fixed_size(tex: str) -> str:
    return (
        tex.replace(r"\left(", r"\bigl(")
        .replace(r"\right)", r"\bigr)")
        .replace(r"\left[", r"\bigl[")
        .replace(r"\right]", r"\bigr]")
    )


def _shrunk(row: str, budget: float) -> str:
    """A row that no cut could bring within the line (a sum inside a fraction), set smaller:
    ``\\scriptstyle`` is 70 % of the size, ``\\scriptscriptstyle`` 50 %; derive verify ignores both."""
    width = estimate_width(row)
    if width <= SHRINK_ABOVE * budget:
        return row
    return (r"\scriptstyle " if 0.7 * width <= SHRINK_ABOVE * budget else r"\scriptscriptstyle ") + row


def break_rows(tex: str, first: float, rest: float | None = None) -> list[str]:
    """``tex`` as rows that each fit: ``first`` ems for the first row, ``rest`` for the others.

    Each later row starts with the operator it was cut before. An expression with no place
    to cut stays one row.
    """
    rest = first if rest is None else rest
    if estimate_width(tex) <= first:
        return [tex]
    tex = _fixed_size(tex)
    points = _cut_points(tex)
    rows, begin, budget = [], 0, first
    while True:
        later = [p for p in points if p > begin]
        if estimate_width(tex[begin:]) <= budget or not later:
            rows.append(tex[begin:].strip())
            return [_shrunk(row, first if i == 0 else rest) for i, row in enumerate(rows)]
        fitting = [p for p in later if estimate_width(tex[begin:p]) <= budget]
        # cut as far out of the parentheses as possible, once the row is reasonably full
        full = [p for p in fitting if estimate_width(tex[begin:p]) >= 0.4 * budget]
        cut = min(full, key=lambda p: (points[p], -p)) if full else fitting[-1] if fitting else later[0]
        rows.append(tex[begin:cut].strip())
        begin, budget = cut, rest

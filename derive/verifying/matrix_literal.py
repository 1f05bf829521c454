"""Matrices written out: ``\\begin{bmatrix} 0 & 1 \\\\ 0 & 0 \\end{bmatrix}`` (also ``matrix`` inside
``\\left[ ... \\right]``, ``pmatrix``), entries scalars. The layout pass keeps such an environment
whole (MATRIX_ENVIRONMENTS: one token for its start and one for its end); this mixin of
derive.verifying.parser.Parser (through derive.verifying.atoms.Atoms) reads it."""

from __future__ import annotations

import sympy as sp

from derive.verifying.limits import MAX_ENTRIES
from derive.verifying.shapes import is_matrix

MATRIX_ENVIRONMENTS = ("matrix", "bmatrix", "pmatrix")
# the tokens the layout pass makes of an environment's start, end and row breaks
MATRIX_START, MATRIX_END, ENTRY_BREAK = r"\begin{matrix}", r"\end{matrix}", r"\\ (a matrix's row break)"


def matrix_environment_at(tokens, i: int) -> int:
    """The number of tokens of ``\\begin{bmatrix}`` (or its ``\\end``) at ``i``, or 0."""
    if not (tokens[i].is_(r"\begin", r"\end") and tokens[i + 1].is_("{")):
        return 0
    word = _spelled(tokens, i + 2)
    return len(word) + 3 if word in MATRIX_ENVIRONMENTS else 0


def _spelled(tokens, i: int) -> str:
    """The letters from ``i`` up to the closing brace (the lexer splits words into letters)."""
    word = []
    while tokens[i].kind == "letter":
        word.append(tokens[i].text)
        i += 1
    return "".join(word) if tokens[i].is_("}") else ""


class MatrixLiterals:
    """Expects ``stream``, ``closers`` and ``expression``."""

    def matrix_literal(self):
        start = self.stream.next()
        rows, row = [], []
        self.closers.extend(("&", ENTRY_BREAK, MATRIX_END))
        while True:
            entry_token = self.stream.peek()
            entry = self.expression()
            if is_matrix(entry):
                raise self.stream.error("the entries of a matrix written out are scalars", entry_token)
            row.append(entry)
            separator = self.stream.next()
            if separator.is_("&"):
                continue
            rows.append(row)
            row = []
            if separator.is_(MATRIX_END):
                break
            if not separator.is_(ENTRY_BREAK):
                raise self.stream.error(r"expected &, \\ or \end{matrix} between a matrix's entries", separator)
        del self.closers[-3:]
        if len({len(r) for r in rows}) != 1:
            raise self.stream.error("every row of a matrix written out has as many entries", start)
        if len(rows) * len(rows[0]) > MAX_ENTRIES:
            raise self.stream.error(f"a matrix written out has at most {MAX_ENTRIES:,} entries", start)
        return sp.ImmutableMatrix(rows)

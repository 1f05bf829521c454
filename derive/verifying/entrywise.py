"""``\\left[f(p_i)\\right]_{i}``: the vector (``[\\,\\cdot\\,]_{ij}``: the matrix) whose i-th entry is
f(p_i), as the catalog prints an elementwise function written for one entry. A mixin of
derive.verifying.parser.Parser (through derive.verifying.atoms.Atoms)."""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from derive.verifying.lexer import OPENERS
from derive.verifying.shapes import ShapeProblem


class Entrywise:
    """Expects ``stream``, ``indices``, ``grouped`` and ``guard``."""

    def entrywise_at(self) -> bool:
        """Whether a '[' here closes with ``]_{...}`` (a vector or matrix of entries)."""
        tokens, depth = self.stream.tokens, 0
        for i in range(self.stream.index, len(tokens)):
            if tokens[i].kind == "end":
                return False
            depth += _step(tokens[i])
            if depth == 0:
                return tokens[i].is_("]") and tokens[i + 1].is_("_")
        return False

    def entrywise(self):
        opener = self.stream.next()
        letters = self._entry_letters()
        saved = {c: self.indices.get(c) for c in letters}
        for c in letters:
            self.indices[c] = [sp.Dummy(c, integer=True), None]
        bound = [self.indices[c][0] for c in letters]
        try:
            body = self.grouped("]", opener)
        finally:
            for c, before in saved.items():
                self.indices.pop(c) if before is None else self.indices.__setitem__(c, before)
        underscore = self.stream.expect("_")
        self.stream.group_tokens()
        return self.guard(lambda: _of_entries(body, bound, len(letters)), underscore)

    def _entry_letters(self) -> list[str]:
        """The index letters after the matching ']' (``_{i}``, ``_{ij}``), read ahead."""
        tokens, depth, i = self.stream.tokens, 1, self.stream.index
        while depth:
            depth += _step(tokens[i])
            i += 1
        subscript = tokens[i + 1 : i + 1 + (4 if tokens[i + 1].is_("{") else 1)]
        letters = [t.text for t in subscript if t.kind == "letter"]
        if not 1 <= len(letters) <= 2 or (tokens[i + 1].is_("{") and not subscript[len(letters) + 1].is_("}")):
            raise self.stream.error("write the entries' index as [\\,\\cdot\\,]_{i} or [\\,\\cdot\\,]_{ij}", tokens[i])
        return letters


def _step(token) -> int:
    return (token.text in OPENERS) - (token.text in OPENERS.values())


def _of_entries(body, bound: list, rank: int):
    """The elementwise function whose value at each entry is ``body``: its entries of one matrix at
    the ``bound`` indices become the function's variable."""
    entries = {e for e in body.atoms(MatrixElement) if set(bound) <= (e.i.free_symbols | e.j.free_symbols)}
    matrices = {e.parent for e in entries}
    if len(matrices) != 1:
        raise ShapeProblem(
            "[...]_{i} is read when its entries are those of one vector or matrix indexed by i"
            if not matrices
            else "[...]_{i} of entries of several vectors: write it with \\odot"
        )
    (matrix,) = matrices
    if (matrix.shape[1] == 1) != (rank == 1):
        raise ShapeProblem("index a vector's entries by one letter and a matrix's by two")
    variable = sp.Dummy("t")
    function = body.xreplace({e: variable for e in entries})
    if function.free_symbols & set(bound):
        raise ShapeProblem("the index is used outside an entry of the vector")
    return ElementwiseApplyFunction(sp.Lambda(variable, function), matrix)

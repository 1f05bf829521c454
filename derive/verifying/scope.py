"""What the names in a formula stand for: declared givens, dimensions, and the real scalars
(and summed vectors) that a formula uses without declaring them."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol

from derive.core.symbols import REAL, Given, dimension_symbols, scalar, vector
from derive.verifying.lexer import name_key


@dataclass
class Scope:
    """Keys (``x``, ``W_1``, ``Sigma``) to givens; undeclared names become real scalars, kept in ``implicit``."""

    declared: dict[str, Given] = field(default_factory=dict)
    dims: dict[str, sp.Symbol] = field(default_factory=dict)
    implicit: dict[str, Given] = field(default_factory=dict)
    functions: dict = field(default_factory=dict)  # defined functions by name (derive.verifying.definitions)
    laws: dict = field(default_factory=dict)  # random variables' laws by symbol (derive.verifying.randomness)

    @classmethod
    def of(cls, givens, extra_dims=()) -> Scope:
        declared = {name_key(given.name): given for given in givens}
        dims = {symbol.name: symbol for symbol in dimension_symbols(givens)}
        dims.update({symbol.name: symbol for symbol in extra_dims})
        return cls(declared, dims)

    def lookup(self, key: str):
        """The symbol for a key: a declared given, a dimension, or an undeclared real scalar."""
        if key in self.declared:
            return self.declared[key].symbol
        if key in self.dims:
            return self.dims[key]
        if key not in self.implicit:
            self.implicit[key] = Given(scalar(key), "undeclared: a real scalar", REAL)
        return self.implicit[key].symbol

    def is_known(self, key: str) -> bool:
        return key in self.declared or key in self.dims

    def summed_vector(self, key: str, length) -> MatrixSymbol | None:
        """An undeclared name indexed in a sum (``x_i``) is the vector of its terms, of the sum's length."""
        if key in self.declared:
            return None
        given = self.implicit.get(key)
        if given is None or not isinstance(given.symbol, MatrixSymbol):
            given = Given(vector(key, length), "undeclared: the terms of a sum", REAL)
            self.implicit[key] = given
        return given.symbol

    def givens_symbols(self) -> set:
        """The symbols of the declared givens."""
        return {given.symbol for given in self.declared.values()}

    def givens(self) -> tuple[Given, ...]:
        return tuple(self.declared.values()) + tuple(self.implicit.values())

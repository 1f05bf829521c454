"""Symbols with shapes and domains: what an entry declares before it derives anything.

Example::

    n, d = dims("n d")
    X = matrix("X", n, d)
    w = vector("w", d)
    lam = scalar("lambda", POSITIVE)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol

from derive.core.domains import (  # noqa: F401  (re-exported: entries import the domains from here)
    BINARY,
    DOMAINS,
    ORTHONORMAL,
    POSITIVE,
    PROBABILITY,
    REAL,
    SIGNS,
    SIMPLEX,
    SPD,
    SYMMETRIC,
    UNIT,
    Domain,
)


def dims(names: str) -> tuple[sp.Symbol, ...]:
    """Dimension symbols (positive integers) that the checkers instantiate with concrete sizes."""
    return tuple(sp.symbols(names, integer=True, positive=True, seq=True))


def scalar(name: str, domain: Domain = REAL) -> sp.Symbol:
    """A scalar symbol; its SymPy assumptions come from the domain."""
    return sp.Symbol(name, **dict(domain.assumptions))


def vector(name: str, dim) -> MatrixSymbol:
    """A column vector of length ``dim`` (a dimension symbol or an integer)."""
    return MatrixSymbol(name, dim, 1)


def matrix(name: str, rows, cols) -> MatrixSymbol:
    """A ``rows`` x ``cols`` matrix."""
    return MatrixSymbol(name, rows, cols)


@dataclass(frozen=True)
class Given:
    """A symbol an entry takes as given, with its domain and what it means.

    Example: ``Given(X, "design matrix")``, ``Given(y, "labels", BINARY)``.

    ``defined_by``: equations that define the given or constrain it as part of the problem
    (``Equation(v.T * v, 1)`` for a unit vector, ``Equation(mu, mean)`` for a sample mean). A
    step may assume them (``Step(using=...)``); the statement prints them with the given.

    ``law``: how a random given is drawn (derive.core.laws: ``iid(mu, sigma**2)``, its entries
    independent), stated in its ``--where`` declaration, so `derive verify` reads its expectations.
    """

    symbol: sp.Basic
    meaning: str = ""
    domain: Domain = REAL
    defined_by: tuple = ()
    law: object = None

    def __post_init__(self):
        if not isinstance(self.defined_by, tuple):  # one equation may be given bare
            object.__setattr__(self, "defined_by", (self.defined_by,))

    @property
    def name(self) -> str:
        return self.symbol.name

    @property
    def shape(self) -> tuple:
        return tuple(self.symbol.shape) if isinstance(self.symbol, MatrixSymbol) else ()

    @property
    def kind(self) -> str:
        if not self.shape:
            return "scalar"
        return "vector" if self.shape[1] == 1 else "matrix"

    def shape_text(self) -> str:
        if not self.shape:
            return "scalar"
        rows, cols = self.shape
        return f"{rows}-vector" if cols == 1 else f"{rows}x{cols} matrix"


def dimension_symbols(givens) -> list[sp.Symbol]:
    """The dimension symbols the givens' shapes use, sorted by name."""
    found = set()
    for given in givens:
        for extent in given.shape:
            found |= getattr(extent, "free_symbols", set())
    return sorted(found, key=lambda s: s.name)

"""Instantiate matrix expressions at small sizes with explicit symbolic entries.

``X in R^{n x d}`` at n=3, d=2 becomes a 3x2 matrix of scalar symbols X_00 ... X_21.
Every derivative object is then computed entry by entry with scalar ``diff``, which SymPy
gets right, instead of SymPy's matrix calculus, which it does not always get right.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr, MatrixSymbol
from sympy.matrices.utilities import dotprodsimp

from derive.core.operation import Operation
from derive.core.operations import as_scalar
from derive.core.symbols import Given, dimension_symbols

SMALL_SIZES = (2, 3, 4, 5, 6)
SMALLEST_FREE_SIZE = 2  # at size 1 a mistake along that dimension (one normaliser for every row) is invisible


class UndeclaredSymbol(ValueError):
    """An expression uses a vector or matrix that the entry did not declare as given."""


def default_sizes(givens) -> dict:
    """Distinct small sizes, so that a dropped transpose shows up as a wrong shape or value."""
    names = dimension_symbols(givens)
    return {dim: SMALL_SIZES[i % len(SMALL_SIZES)] for i, dim in enumerate(names)}


def undersized(sizes: dict) -> str | None:
    """Why the sizes cannot prove anything, or None: a free dimension instantiated below 2."""
    small = sorted((dim.name, size) for dim, size in sizes.items() if size < SMALLEST_FREE_SIZE)
    if not small:
        return None
    listed = ", ".join(f"{name}={size}" for name, size in small)
    return (
        f"the instance sizes {listed}: a free dimension must be at least {SMALLEST_FREE_SIZE} (at size 1 a mistake "
        "along it, such as one normaliser for every row, is invisible); choose a larger size, or write a dimension "
        "the mathematics fixes at 1 as 1, not as a dimension symbol"
    )


@dataclass(frozen=True)
class Instance:
    """A concrete instance: dimension sizes, explicit entries for each matrix symbol, and
    the substitution that imposes each domain's structure (symmetry) on those entries."""

    sizes: dict
    entries: dict
    structure: dict
    probe_ranges: dict

    @classmethod
    def build(cls, givens: tuple[Given, ...], sizes: dict | None = None) -> Instance:
        sizes = dict(sizes or default_sizes(givens))
        entries, structure, ranges = {}, {}, {}
        for given in givens:
            symbol = given.symbol
            if not isinstance(symbol, MatrixSymbol):
                ranges[symbol] = given.domain.probe(on_diagonal=True)
                continue
            concrete = symbol.subs(sizes)
            rows, cols = (int(extent) for extent in concrete.shape)
            assumptions = dict(given.domain.assumptions)
            explicit = ImmutableMatrix(
                rows, cols, lambda i, j, name=symbol.name, kw=assumptions: sp.Symbol(f"{name}_{i}{j}", **kw)
            )
            entries[concrete] = explicit
            for i in range(rows):
                for j in range(cols):
                    ranges[explicit[i, j]] = given.domain.probe(on_diagonal=i == j)
            structure.update(given.domain.structure(explicit))
        return cls(sizes, entries, structure, ranges)

    def describe(self) -> str:
        return ", ".join(f"{dim}={size}" for dim, size in sorted(self.sizes.items(), key=lambda kv: kv[0].name))


def _defined(expr) -> bool:
    return isinstance(expr, Operation) and expr.form("meaning") is not None


def expand_definitions(expr):
    """Replace the operations defined in SymPy's own functions (sigmoid, ReLU, step: their
    ``meaning``) by those definitions."""
    return expr.replace(_defined, lambda operation: operation.definition())


def _sized_constant_matrix(expr) -> bool:
    return isinstance(expr, (sp.OneMatrix, sp.Identity)) and all(_sympify(n).is_Integer for n in expr.shape)


def _explicit_power(power):
    """A Hadamard power of an explicit matrix, entry by entry: SymPy's doit leaves it unevaluated, and
    every product around it then becomes a Sum per entry."""
    base = power.base.doit()
    if not isinstance(base, sp.MatrixBase):
        return power
    return ImmutableMatrix(base.applyfunc(lambda entry: entry**power.exp))


def _adjugate_inverse(inverse):
    """The inverse of an explicit matrix as adjugate / determinant. SymPy's default, Gaussian
    elimination, simplifies every pivot and takes tens of seconds on a 2x2 symbolic matrix."""
    value = inverse.arg.doit()
    if isinstance(value, MatrixExpr) and not isinstance(value, ImmutableMatrix):
        if value.atoms(MatrixSymbol) or not all(_sympify(n).is_Integer for n in value.shape):
            return sp.Inverse(value)
        value = value.as_explicit()
    if not isinstance(value, sp.MatrixBase):
        return 1 / value
    return ImmutableMatrix(value.adjugate(method="berkowitz") / value.det(method="berkowitz"))


def explicit(expr, instance: Instance):
    """The expression on the instance: an explicit ImmutableMatrix or a scalar expression.

    Entries are first treated as independent (so a gradient with respect to a symmetric
    matrix is the gradient of the unconstrained function), then the structure is imposed.
    """
    concrete = expr.subs(instance.sizes) if instance.sizes else expr
    concrete = expand_definitions(concrete).xreplace(instance.entries)
    leftover = concrete.atoms(MatrixSymbol)
    if leftover:
        names = ", ".join(sorted(str(m) for m in leftover))
        raise UndeclaredSymbol(f"{names} used but not declared among the givens")
    # SymPy simplifies every dot product of a matrix product (dotprodsimp) by default, which takes
    # a minute on 3x3 products of the rational entries an inverse brings; is_zero simplifies the
    # difference anyway. Products of polynomial entries keep the default.
    with dotprodsimp(False) if concrete.has(sp.Inverse) else nullcontext():
        # a OneMatrix left in a product makes SymPy write every entry as a Sum and evaluate it
        # with apart(), minutes on rational entries; an Identity in a sum keeps a Hadamard product
        # of it unevaluated, with the same effect in a product around it (t-SNE's 1 1^T - I): spell both out first
        concrete = concrete.replace(_sized_constant_matrix, lambda e: ImmutableMatrix(e.as_explicit()))
        concrete = concrete.replace(lambda e: isinstance(e, sp.HadamardPower), _explicit_power)
        concrete = concrete.replace(lambda e: isinstance(e, sp.Inverse), _adjugate_inverse)
        value = concrete.doit()
        if isinstance(value, MatrixExpr):
            value = value.as_explicit()
    value = as_scalar(value)
    return value.xreplace(instance.structure) if instance.structure else value

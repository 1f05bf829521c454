"""Numeric coefficients lifted out of an expression, so that derivations differing only in their
constants (a course's submissions: 3 X^T X w here, 5 X^T X w there) share one compiled batch.

Only a number that is a direct term or factor of a sum or product is lifted, never an exponent, a
shape, a summation bound or anything under a binding (a sum over an index, an integral): those
change what JAX compiles. The placeholders are numbered in the order met, so two expressions of
the same structure lift to the same expression, whatever their coefficients.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions import MatAdd, MatMul, MatrixSymbol
from sympy.matrices.expressions.matexpr import MatrixElement

_SUMS_AND_PRODUCTS = (sp.Add, sp.Mul, MatAdd, MatMul)
_KEPT_WHOLE = (MatrixSymbol, MatrixElement, sp.Sum, sp.Product, sp.Integral, sp.Lambda, sp.Piecewise)


def placeholder(position: int) -> sp.Symbol:
    return sp.Symbol(f"_coefficient{position}", real=True)


def lifted(expressions, values: list) -> list:
    """``expressions`` with their liftable numbers replaced by placeholders; the numbers are
    appended to ``values`` (placeholder k holds ``values[k]``)."""
    return [_lift(expr, values) for expr in expressions]


def _lift(expr, values: list):
    if not isinstance(expr, sp.Basic) or not expr.args or isinstance(expr, _KEPT_WHOLE):
        return expr
    if isinstance(expr, _SUMS_AND_PRODUCTS):
        args = [_number_lifted(arg, values) if _liftable(arg) else _lift(arg, values) for arg in expr.args]
        return expr.func(*args, evaluate=False)
    if isinstance(expr, sp.Pow):
        return sp.Pow(_lift(expr.base, values), expr.exp, evaluate=False)
    return expr.func(*(_lift(arg, values) for arg in expr.args))


def _liftable(arg) -> bool:
    return isinstance(arg, sp.Number) and arg not in (0, 1, -1) and arg.is_finite


def _number_lifted(number, values: list) -> sp.Symbol:
    values.append(float(number))
    return placeholder(len(values) - 1)

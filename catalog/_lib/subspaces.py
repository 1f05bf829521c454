"""Orthonormal bases of the column and null spaces from the SVD, for the rank-nullity entry
(numeric only: the symbolic checker cannot instantiate them). Rank and nullity themselves are
derive.core.numeric_references' (derive verify reads them by name)."""

from __future__ import annotations

import sympy as sp
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr

from derive.core.numeric_references import nullity, rank  # noqa: F401 (the entry's vocabulary, from here)
from derive.core.operation import Operation, latex_call, pretty_call
from derive.core.operations import NOT_IN_NOTATION

from .procedures import NUMERIC_ONLY


class _SVDBasis(Operation, MatrixExpr):
    """Orthonormal basis from the full SVD A = U S V^T: columns of U (column space, ``k`` = rank)
    or the last ``k`` columns of V (null space)."""

    meaning = NUMERIC_ONLY
    parser_names = NOT_IN_NOTATION

    def __new__(cls, a, k):
        return sp.Basic.__new__(cls, a, _sympify(k))

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{%s}" % self.name, self.args[0])

    def pretty(self, printer):
        return pretty_call(printer, self.name, self.args[0])


class NullBasis(_SVDBasis):
    name = "null"

    @property
    def shape(self):
        return (self.args[0].shape[1], self.args[1])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        k = int(_sympify(self.args[1]).subs(env["__sizes__"]))
        _, _, vh = jnp.linalg.svd(evaluate(self.args[0], env), full_matrices=True)
        return vh.T[:, vh.shape[0] - k :]


class ColumnBasis(_SVDBasis):
    name = "col"

    @property
    def shape(self):
        return (self.args[0].shape[0], self.args[1])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        k = int(_sympify(self.args[1]).subs(env["__sizes__"]))
        u, _, _ = jnp.linalg.svd(evaluate(self.args[0], env), full_matrices=True)
        return u[:, :k]


def null_basis(a, k):
    """The last k right singular vectors of A (d x k): an orthonormal basis of null A when rank A = d - k."""
    return NullBasis(a, k)


def column_basis(a, r):
    """The first r left singular vectors of A (n x r): an orthonormal basis of the column space when rank A = r."""
    return ColumnBasis(a, r)

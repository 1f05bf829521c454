"""``\\sum_{i=1}^{n} body``: a scalar sum over an index whose upper limit may be a dimension.

The body uses entries ``y_i`` of vectors (SymPy MatrixElements with a symbolic index). Once
the checkers give the dimension a size, the sum unrolls into its terms: ``doit`` for the
symbolic checker, ``jax`` for the numeric one.
"""

from __future__ import annotations

import sympy as sp

from derive.core.operation import BY_DOIT, Operation, absent
from derive.core.operations import NO_PICTURE


class IndexSum(Operation, sp.Expr):
    """Sum of ``body`` for ``index`` from ``lower`` to ``upper`` (both included)."""

    is_commutative = True
    meaning = BY_DOIT
    pretty = NO_PICTURE
    parser_names = absent(r"no name: the grammar reads \sum_{i=1}^{n} body (verifying/atoms.py)")

    def __new__(cls, body, index, lower, upper):
        return sp.Expr.__new__(cls, body, index, lower, upper)

    @property
    def body(self):
        return self.args[0]

    @property
    def index(self):
        return self.args[1]

    @property
    def free_symbols(self):
        return (self.body.free_symbols - {self.index}) | self.args[2].free_symbols | self.args[3].free_symbols

    def terms(self, sizes=None) -> list:
        lower, upper = (bound.subs(sizes) if sizes else bound for bound in self.args[2:])
        if not (lower.is_Integer and upper.is_Integer):
            return []
        return [self.body.xreplace({self.index: sp.Integer(k)}) for k in range(int(lower), int(upper) + 1)]

    def doit(self, **hints):
        lower, upper = self.args[2:]
        if not (lower.is_Integer and upper.is_Integer):
            return self
        return sp.Add(*self.terms()).doit(**hints)

    def jax(self, evaluate, env):
        terms = self.terms(env["__sizes__"])
        if not terms:
            raise TypeError(f"the sum {self} has no concrete limits")
        total = evaluate(terms[0], env)
        for term in terms[1:]:
            total = total + evaluate(term, env)
        return total

    def latex(self, printer):
        index, lower, upper = (printer._print(a) for a in self.args[1:])
        return rf"\sum_{{{index}={lower}}}^{{{upper}}} {printer._print(self.body)}"

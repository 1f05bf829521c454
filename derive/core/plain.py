"""An expression as one line of plain text, for the checkers' messages (``derive check``'s
"assuming ...", "it assumes ..."): SymPy's str, with derive's notation where SymPy's own reads as
code: an elementwise function as ``exp.(x)`` (SymPy's str: ``Lambda(_d, exp(_d)).(x)``), a row
of ones as ``1.T``, a 1x1 product as itself (not ``Scalar(...)``).
"""

from __future__ import annotations

from sympy.printing.str import StrPrinter


class _PlainPrinter(StrPrinter):
    def _print_ElementwiseApplyFunction(self, expr):
        function = expr.function
        named = function.expr.args == function.variables  # exp(_d): the function by its name
        return f"{function.expr.func.__name__ if named else self._print(function)}.({self._print(expr.expr)})"

    def _print_OneMatrix(self, expr):
        return "1.T" if expr.rows == 1 and expr.cols != 1 else "1"

    def _print_Scalar(self, expr):
        return self._print(expr.args[0])


def plain(expr) -> str:
    """``expr`` as one line of plain text."""
    return _PlainPrinter().doprint(expr)

"""Our scalar layer reads what latex2sympy2 (the card's package) reads, wherever latex2sympy2 is right.

Only scalar notation both handle the same way is compared: not \\log (latex2sympy2 reads base 10),
not transposes or sums over subscripted symbols (see docs/verify.md).
"""

import pytest
import sympy as sp

from derive.verifying.parser import parse_chain
from derive.verifying.scope import Scope

latex2sympy2 = pytest.importorskip("latex2sympy2")

FORMULAS = [
    r"\frac{1}{2}x^2 + 3x - 1",
    r"\frac{a + b}{c d}",
    r"(x - \mu)^2 \cdot \frac{1}{\sigma^2}",
    r"\sqrt{x^2 + y^2}",
    r"|x - y| + 2",
    r"e^{-x} + e^{2}",
    r"\frac{1}{1 + e^{-z}}",
    r"\frac{d}{dx} x^3",
    r"\frac{\partial}{\partial y} x y^2",
    r"\alpha \beta - \gamma^{3}",
    r"2 \times x \cdot y",
    r"\exp(x) (1 - \exp(x))",
    r"x^{-1} + \frac{x}{y}^{2}",
]


def _theirs(latex: str):
    value = latex2sympy2.latex2sympy(latex)
    names = {s: sp.Symbol(s.name, real=True) for s in value.free_symbols}
    return value.xreplace(names).doit()


@pytest.mark.parametrize("latex", FORMULAS)
def test_same_meaning_as_latex2sympy2(latex):
    (side,) = parse_chain(latex, Scope.of(()))
    ours = side.expr.doit()
    assert sp.simplify(ours - _theirs(latex)) == 0

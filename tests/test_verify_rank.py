"""rank A and nullity A (derive.core.numeric_references) as derive verify reads them:
\\operatorname{rank}(A) or rk, \\operatorname{nullity}(A) or \\dim\\ker A: opaque values of the
whole matrix that the symbolic checker evaluates exactly at its rational sample points. A wrong
row is refused with a true counterexample; the rank-nullity theorem itself is not proved, so it is
never called valid."""

import pytest
import sympy as sp

import derive
from derive import Given, dims, matrix
from derive.core.numeric_references import Nullity, Rank
from derive.verifying.parser import ParseError, parse_chain
from derive.verifying.scope import Scope

n, d = dims("n d")
A = matrix("A", n, d)
WHERE = [r"A \in \mathbb{R}^{n \times d}"]


def test_rank_and_nullity_are_read_as_the_catalog_writes_them():
    (side,) = parse_chain(r"\operatorname{rank}(A) + \operatorname{nullity}\left(A\right)", Scope.of((Given(A),)))
    assert side.expr == Rank(A) + Nullity(A)
    for spelling in (r"\operatorname{rk}(A) + \dim\ker(A)", r"\operatorname{rank} A + \dim \ker A"):
        (side,) = parse_chain(spelling, Scope.of((Given(A),)))
        assert side.expr == Rank(A) + Nullity(A), spelling
    with pytest.raises(ParseError, match="rank needs a matrix"):
        parse_chain(r"\operatorname{rank}(c)", Scope.of((Given(A),)))


def test_their_values_on_a_matrix_of_numbers_are_exact():
    singular = sp.ImmutableMatrix([[1, 2, 3], [2, 4, 6]])
    assert (int(sp.N(Rank(singular))), int(sp.N(Nullity(singular)))) == (1, 2)
    assert Rank(sp.ImmutableMatrix([[sp.Symbol("x"), 1]])).evalf() == Rank(sp.ImmutableMatrix([[sp.Symbol("x"), 1]]))


@pytest.mark.parametrize(
    ("latex", "verdict"),
    [
        (
            r"\operatorname{rank}(A) + \operatorname{nullity}(A) = \operatorname{nullity}(A) + \operatorname{rank}(A)",
            "valid",
        ),
        (r"\operatorname{rank}(A) + \operatorname{nullity}(A) = d", "unknown"),  # the theorem: true, not proved
        (r"\operatorname{rank}(A) = 2\operatorname{rank}(A)", "invalid"),
        (r"\operatorname{nullity}(A) = d + 1 - \operatorname{rank}(A)", "invalid"),  # the count off by one
        (r"\operatorname{rk}(A) + \dim\ker(A) = d - 1", "invalid"),
    ],
)
def test_a_wrong_row_with_rank_is_refused(latex, verdict):
    report = derive.verify(latex, WHERE, trials=8)
    assert report.verdict == verdict, report.to_text()
    if verdict == "invalid":
        assert {"lhs", "rhs"} <= set(report.steps[0].counterexample), report.to_text()

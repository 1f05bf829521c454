"""Each recognised mistake, named for a wrong step a student would write (docs/verify.md lists them)."""

import pytest

import derive
from derive.verifying.declarations import parse_declarations
from derive.verifying.diagnosis import diagnose
from derive.verifying.parser import parse_chain
from derive.verifying.scope import Scope

LEAST_SQUARES = r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}"
SQUARE = r"A \in \mathbb{R}^{d \times d}, B \in \mathbb{R}^{d \times d}, x \in \mathbb{R}^{d}"

MISTAKES = [
    # (kind, declarations, wrong step, words the diagnosis must contain)
    ("factor", LEAST_SQUARES, r"\nabla_w \tfrac12\|Xw-y\|^2 = 2X^\top(Xw - y)", "off by a factor of 2"),
    ("sign", LEAST_SQUARES, r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top(y - Xw)", "sign error"),
    ("sign of one term", LEAST_SQUARES, r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top X w + X^\top y", "sign error in the term"),
    ("missing 1/n", LEAST_SQUARES, r"\nabla_w \frac{1}{n}\|Xw - y\|^2 = 2 X^\top (Xw - y)", "missing 1/n"),
    ("transpose", r"A \in \mathbb{R}^{d \times d}, X \in \mathbb{R}^{d \times d}", r"\nabla_X \operatorname{tr}(AX) = A", "transpose of A"),
    ("product order", SQUARE, r"(AB)^{-1} = A^{-1}B^{-1}", "products in the wrong order"),
    ("symmetric 2A", SQUARE, r"\nabla_x x^\top A x = 2Ax", "2A is only right for symmetric A: here A + A^T"),
    ("log base", r"x > 0", r"\frac{d}{dx} \log x = \frac{1}{x \ln 10}", "reads \\log as natural"),
    ("sigmoid derivative", "", r"\frac{d}{dz} \log\sigma(z) = \frac{1}{\sigma(z)}", "sigma'(z) = sigma(z)(1 - sigma(z)) was dropped"),
    ("row for a column", LEAST_SQUARES, r"\nabla_w y^\top X w = y^\top X", "a transpose is missing"),
]  # fmt: skip


def _sides(declarations, latex):
    scope = Scope.of(parse_declarations([declarations] if declarations else []))
    lhs, rhs = parse_chain(latex, scope)
    return lhs.expr, rhs.expr, scope.givens()


@pytest.mark.parametrize(("declarations", "latex", "words"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_the_mistake_is_named(declarations, latex, words):
    lhs, rhs, givens = _sides(declarations, latex)
    assert words in (diagnose(lhs, rhs, givens) or "")


def test_at_least_eight_kinds():
    assert len({kind for kind, *_ in MISTAKES}) >= 8


def test_a_right_step_or_an_unrecognised_mistake_gets_no_diagnosis():
    lhs, rhs, givens = _sides("", r"\frac{d}{dx} x^3 = 2x")
    assert diagnose(lhs, rhs, givens) is None


@pytest.mark.parametrize("kind", ["factor", "symmetric 2A"])
def test_the_report_carries_the_diagnosis(kind):
    _, declarations, latex, words = next(m for m in MISTAKES if m[0] == kind)
    report = derive.verify(latex, [declarations], trials=8)
    assert report.verdict == "invalid" and report.first_invalid_step == 1
    assert words in report.steps[0].diagnosis
    assert words in report.message
    assert set(report.steps[0].counterexample) >= {"lhs", "rhs"}

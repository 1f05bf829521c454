"""How derive verify reads what students paste (issue 16): rows and definitions, the reading it
took where a letter before a parenthesis could be a function, hypotheses named in the method,
Unicode at its own column, Markdown cells, and the wording of its messages."""

import subprocess
import sys

import pytest

import derive
from derive.verifying.declarations import parse_declarations
from derive.verifying.lexer import ParseError
from derive.verifying.parser import parse_chain, parse_derivation
from derive.verifying.scope import Scope

R = r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}"
EIGEN = [r"v \in \mathbb{R}^{d}, \Sigma \in \mathbb{S}^{d}", r"\Sigma v = \lambda v", r"v^\top v = 1"]


def _scope(*where):
    return Scope.of(parse_declarations(where))


def test_an_align_environment_with_a_definition_row_and_a_chain():
    latex = r"""\begin{align*}
    L(w) &= \|Xw - y\|^2 \\
    \nabla_w L(w) &= 2X^\top(Xw - y) \\
                  &= 2X^\top X w - 2X^\top y
    \end{align*}"""
    scope = _scope(R)
    found = parse_derivation(latex, scope)
    assert [d.text for d in found.definitions] == [r"L(w) = \|Xw - y\|^2"]
    assert [[side.text for side in chain] for chain in found.chains] == [
        [r"\nabla_w L(w)", r"2X^\top(Xw - y)", r"2X^\top X w - 2X^\top y"]
    ]
    assert "L" in scope.functions


def test_a_row_starting_an_expression_starts_a_new_chain_and_an_operator_continues_a_side():
    chains = parse_derivation(r"a = b \\ c = d \\ + e", _scope()).chains
    assert [[side.text for side in chain] for chain in chains] == [["a", "b"], ["c", r"d \\ + e"]]


def test_a_defined_function_is_applied_to_its_arguments_and_checked_for_shape():
    scope = _scope(R, r"v \in \mathbb{R}^{d}")
    found = parse_derivation(r"L(w) = \|Xw - y\|^2 \\ L(v) = \|Xv - y\|^2", scope)
    ((lhs, rhs),) = found.chains
    assert lhs.expr == rhs.expr
    with pytest.raises(ParseError, match="parameter w is a d-vector, the argument here a scalar"):
        parse_derivation(r"L(w) = \|Xw - y\|^2 \\ L(c) = 0", _scope(R))


def test_the_reading_of_a_letter_before_a_parenthesis_is_said():
    (side, _) = parse_chain("x(x - 1) = 0", _scope())
    assert side.notes == ("x(…) read as the product of x and the parenthesis (x is not a defined function)",)
    found = parse_derivation(r"f(x) := x^3 \\ f'(x) = 3x^2", _scope())
    ((lhs, rhs),) = found.chains
    assert lhs.notes == ("f'(…) read as the function defined by f(x) = x^3",)
    assert lhs.expr == rhs.expr


def test_unicode_is_read_as_latex_and_errors_point_at_the_character():
    (side, _) = parse_chain("∇_w ½‖Xw − y‖² = 0", _scope(R))
    (reference, _) = parse_chain(r"\nabla_w \frac12\|Xw - y\|^2 = 0", _scope(R))
    assert side.expr == reference.expr
    (transposed, _) = parse_chain("Xᵀy = 0", _scope(R))
    assert transposed.expr == parse_chain(r"X^\top y = 0", _scope(R))[0].expr
    with pytest.raises(ParseError) as error:
        parse_chain("x = y ⊕ z", _scope())
    assert (error.value.problem, error.value.column) == ("unexpected character '⊕'", 7)


def test_messages_say_what_happened():
    with pytest.raises(ParseError, match="the input ends too early at column 8"):
        parse_chain("x = y +", _scope())
    with pytest.raises(ParseError, match="nothing to check: L defined, but no chain"):
        derive.verify(r"L(w) = \|w\|^2", [r"w \in \mathbb{R}^{d}"])


@pytest.fixture(scope="module")
def reports():
    """One verify per case, shared by the assertions below."""
    return {
        "sum set to 0": derive.verify("x + y = 0", trials=8),
        "under hypotheses": derive.verify(r"v^\top \Sigma v = \lambda", EIGEN, trials=8),
        "hypothesis not needed": derive.verify(r"v^\top v + 1 = 1 + v^\top v", EIGEN, trials=8),
        "logistic hessian": derive.verify(
            r"\nabla^2_w \left(-y^\top \log \sigma(Xw) - (1-y)^\top \log(1-\sigma(Xw))\right)"
            r" = X^\top \operatorname{diag}(\sigma(Xw) \odot (1 - \sigma(Xw))) X",
            [r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \{0,1\}^{n}"],
            trials=8,
        ),
    }


def test_a_side_set_to_zero_is_not_called_off_by_a_factor_of_zero(reports):
    report = reports["sum set to 0"]
    assert report.verdict == "invalid"
    assert report.steps[0].diagnosis is None or "factor of 0" not in report.steps[0].diagnosis


def test_a_step_valid_only_under_the_hypotheses_names_them(reports):
    (step,) = reports["under hypotheses"].steps
    assert step.status == "valid"
    assert step.method.startswith(r"under the hypotheses \Sigma v = \lambda v; v^\top v = 1: symbolic")
    (plain,) = reports["hypothesis not needed"].steps
    assert plain.status == "valid" and "hypotheses" not in plain.method


def test_the_logistic_hessian_is_decided_by_the_derivative_rule_of_sigma(reports):
    (step,) = reports["logistic hessian"].steps
    assert step.status == "valid", step.method
    assert "σ by its derivative σ(1 − σ)" in step.method


def test_identical_sides_need_neither_a_child_nor_jax():
    program = "import sys, derive; r = derive.verify('x^{100000000} = x^{100000000}'); print(r.verdict, 'jax' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert found.stdout.split() == ["valid", "False"], found.stderr

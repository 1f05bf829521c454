"""The LaTeX parser of `derive verify`: every notation NOTATION.md lists, the declarations, the errors."""

import pytest
import sympy as sp

from derive import BINARY, POSITIVE, PROBABILITY, REAL, SIGNS, SIMPLEX, SPD, SYMMETRIC, Given, dims, matrix, vector
from derive.core.index_sum import IndexSum
from derive.core.operations import Gradient, Hessian, Jacobian, Scalar
from derive.verifying.declarations import declaration, parse_declarations
from derive.verifying.lexer import ParseError, TokenStream
from derive.verifying.parser import math_of_document, parse_chain
from derive.verifying.scope import Scope

n, d = dims("n d")
X, A, w, y, a = matrix("X", n, d), matrix("A", d, d), vector("w", d), vector("y", n), vector("a", d)
GIVENS = (Given(X), Given(A), Given(w), Given(y), Given(a))


def parse(latex):
    (side,) = parse_chain(latex, Scope.of(GIVENS))
    return side.expr


SAME = [
    # every spelling in a row must parse to the same expression
    [r"X^\top y", r"X^T y", r"X^{\top} y", r"X^{T}y", r"\mathbf{X}^{\top}\mathbf{y}", r"\boldsymbol{X}^T \bm{y}", r"X^\intercal y"],
    [r"A^{-1} a", r"\mathbf{A}^{-1}\mathbf{a}"],
    [r"\operatorname{tr}(A)", r"\mathrm{tr}(A)", r"\operatorname{tr} A", r"\text{tr}(A)"],
    [r"\log(c)", r"\ln c", r"\log c", r"\ln(c)"],
    [r"\exp(c)", r"e^{c}", r"e^c"],
    [r"\|w\|^2", r"\|w\|_2^2", r"\left\| w \right\|^{2}", r"w^\top w", r"\lVert w \rVert_2^2"],
    [r"\|X\|_F^2", r"\operatorname{tr}(X^\top X)"],
    [r"\frac{1}{2} c", r"\tfrac12 c", r"\dfrac{1}{2} c", r"c/2", r"\frac12 c"],
    [r"2 \cdot c", r"2 \times c", r"2c", r"2 * c"],
    [r"\nabla_w a^\top w", r"\nabla_{\mathbf{w}} \mathbf{a}^\top \mathbf{w}", r"\frac{\partial}{\partial w} a^\top w", r"\frac{\partial a^\top w}{\partial w}"],
    [r"\nabla^2_w w^\top A w", r"\nabla_w^2 w^\top A w", r"\frac{\partial^2 w^\top A w}{\partial w \partial w^\top}", r"\frac{\partial^2}{\partial w \partial w^T} w^\top A w"],
    [r"A + I", r"A + I_d", r"A + \mathbf{I}"],
    [r"\mathbf{1}^\top y", r"\mathbf{1}_n^\top y", r"\mathbb{1}^T y"],
]  # fmt: skip


@pytest.mark.parametrize("spellings", SAME, ids=[row[0] for row in SAME])
def test_spellings_of_one_expression(spellings):
    first = parse(spellings[0])
    for spelling in spellings[1:]:
        assert parse(spelling) == first, spelling


def test_log_is_natural_and_elementwise():
    c = sp.Symbol("c", real=True)
    assert parse(r"\log c") == sp.log(c)
    assert parse(r"\log(Xw)").shape == (n, 1)
    assert parse(r"\sigma(Xw)").shape == (n, 1)
    assert parse(r"\exp(Xw) \odot y").shape == (n, 1)


def test_products_keep_their_order_and_1x1_products_are_scalars():
    assert parse(r"X^\top y").shape == (d, 1) and parse(r"y^\top X").shape == (1, d)
    assert isinstance(parse(r"y^\top X w"), Scalar)
    assert parse(r"(w^\top a) w").shape == (d, 1)


def test_derivative_objects():
    assert isinstance(parse(r"\nabla_w \tfrac12 \|Xw - y\|^2"), Gradient)
    assert isinstance(parse(r"\nabla_X \operatorname{tr}(X^\top X)"), Gradient)
    assert isinstance(parse(r"\frac{\partial (Xw)}{\partial w}"), Jacobian)
    assert isinstance(parse(r"\nabla^2_w \|Xw\|^2"), Hessian)
    assert isinstance(parse(r"\frac{d}{dc} c^2"), sp.Derivative)


def test_sums_over_subscripted_scalars():
    total = parse(r"\sum_{i=1}^{n} (y_i - c)^2")
    assert isinstance(total, IndexSum)
    scope = Scope.of(())
    parse_chain(r"\sum_{i=1}^{m} x_i = s", scope)
    assert [g.shape_text() for g in scope.givens() if g.name == "x"] == ["m-vector"]


def test_softmax_diag_det():
    assert parse(r"\operatorname{softmax}(Xw)").shape == (n, 1)
    assert parse(r"\operatorname{diag}(a)").shape == (d, d)
    assert parse(r"\det A") == sp.Determinant(A)


def test_undeclared_letters_are_real_scalars():
    scope = Scope.of(())
    parse_chain(r"\alpha x^2 + \beta", scope)
    assert {g.name for g in scope.givens()} == {"alpha", "x", "beta"}
    assert all(g.domain == REAL and not g.shape for g in scope.givens())


def test_align_environment_and_text_are_read():
    sides = parse_chain(
        "\\begin{align*}\n f &= (c+1)^2 \\\\\n &= c^2 + 2c + 1 \\quad \\text{expand} \\\\\n &= 4.\n\\end{align*}",
        Scope.of(()),
    )
    assert [s.text for s in sides][1:] == ["(c+1)^2", "c^2 + 2c + 1", "4"]


def test_a_tex_file_keeps_lines_and_columns():
    text = "\\documentclass{article}\n% a comment\n\\begin{document}\n\\[ x = y} \\]\n\\end{document}\n"
    with pytest.raises(ParseError) as caught:
        parse_chain(math_of_document(text), Scope.of(()))
    assert caught.value.line == 4 and caught.value.column == 9


@pytest.mark.parametrize(
    ("latex", "words", "column"),
    [
        (r"\frac{1}{2}}x = y", "unexpected '}'", 12),
        (r"X y", "the product X y does not fit: X (n×d matrix) times y (n-vector)", 3),
        (r"X + w", "cannot add X (n×d matrix) and w (d-vector)", 3),
        (r"\foo(x)", r"unknown command \foo", 1),
        (r"x + \cdots + z", "an ellipsis", 5),
        (r"(x + y", "expected ')' to close '('", 7),
        (r"x \le y", "only equalities", 3),
        (r"A^{-1} + X^{-1}", "only a square matrix has an inverse: X (n×d matrix)", 11),
        (r"\mathbf{1}^\top \mathbf{1}", r"cannot tell the sizes", 17),
        (
            r"y \mathbf{1}^\top + \mathbf{1} y^\top + X",
            "cannot add y \\mathbf{1}^\\top + \\mathbf{1} y^\\top (n×n matrix)",
            39,
        ),
        (r"w^2", "cannot be raised to the power 2", 2),
        (r"\nabla_w Xw", "the gradient needs a scalar function", 1),
        ("", "the input is empty", 1),
    ],
)
def test_errors_name_the_problem_and_the_column(latex, words, column):
    with pytest.raises(ParseError) as caught:
        parse_chain(latex, Scope.of(GIVENS))
    error = caught.value
    assert words in error.problem
    assert error.column == column
    lines = error.render().splitlines()
    assert lines[0] == f"{error.problem} at column {column}"
    assert lines[2].index("^") - 2 == column - 1  # the caret sits under the column


def test_declarations():
    givens = {
        g.name: g
        for g in parse_declarations(
            [
                r"X \in \mathbb{R}^{n \times d}",
                r"w \in \mathbb{R}^{d}, y \in \{0,1\}^{n}, c \in \mathbb{R}",
                r"S \in \mathbb{S}^{d}, P \in \mathbb{S}^{d}_{++}",
                r"s \in \{-1,1\}^n, p \in (0,1), \lambda > 0, \sigma^2 > 0, \pi \in \Delta^{k}",
                r"u, v \in \mathbb{R}^3",
            ]
        )
    }
    shapes = {name: (g.shape_text(), g.domain) for name, g in givens.items()}
    assert shapes == {
        "X": ("n×d matrix".replace("×", "x"), REAL),
        "w": ("d-vector", REAL),
        "y": ("n-vector", BINARY),
        "c": ("scalar", REAL),
        "S": ("dxd matrix", SYMMETRIC),
        "P": ("dxd matrix", SPD),
        "s": ("n-vector", SIGNS),
        "p": ("scalar", PROBABILITY),
        "lambda": ("scalar", POSITIVE),
        "sigma": ("scalar", POSITIVE),
        "pi": ("k-vector", SIMPLEX),
        "u": ("3-vector", REAL),
        "v": ("3-vector", REAL),
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (r"X \in \mathbb{Q}^{n}", r"unknown set \mathbb{Q}"),
        (r"X \in \mathbb{R}^{n \times d \times k}", "a shape is one or two sizes"),
        (r"X = 3", "expected \\in or > after the symbol"),
        (r"w \in \mathbb{R}^{d} y \in \mathbb{R}", "expected ',' between declarations"),
    ],
)
def test_declaration_errors(text, words):
    with pytest.raises(ParseError, match="--where") as caught:
        parse_declarations([text])
    assert words in caught.value.problem


def test_declaration_round_trips_every_domain_with_a_set():
    for given in (Given(X), Given(w, "", BINARY), Given(A, "", SPD), Given(vector("p", n), "", SIMPLEX)):
        (parsed,) = parse_declarations([declaration(given)])
        assert (parsed.name, parsed.shape, parsed.domain) == (given.name, given.shape, given.domain)


def test_standard_functions_roots_products_and_extrema():
    c = parse("c")
    for word, function in [("tan", sp.tan), ("sec", sp.sec), ("csc", sp.csc), ("cot", sp.cot), ("arcsin", sp.asin),
                           ("arccos", sp.acos), ("arctan", sp.atan), ("sinh", sp.sinh), ("cosh", sp.cosh)]:  # fmt: skip
        assert parse(rf"\{word} c") == function(c)
    assert parse(r"\operatorname{sign}(c)") == sp.sign(c)
    assert parse(r"\sqrt[3]{c}") == c ** sp.Rational(1, 3)
    assert parse(r"\min(c, 1)") == sp.Min(c, 1)
    assert parse(r"\max\{c, 1, -c\}") == sp.Max(c, 1, -c)
    product = parse(r"\prod_{i=1}^{n} y_i")
    assert isinstance(product, sp.Product) and product.limits[0][2] == n


@pytest.mark.parametrize(
    ("latex", "words"),
    [
        (r"\prod_{i=1}^{1001} i", "larger than 1,000"),
        (r"\prod_{i=1}^{n} X", "only products of scalars"),
        (r"\prod_i c", "give the product's upper limit"),
        (r"\min(w, c)", r"\min needs two or more scalars"),
        (r"\max_c c", "a minimisation cannot be checked"),
        (r"\sqrt[0]{c}", "nonzero scalar"),
    ],
)
def test_errors_of_products_roots_and_extrema(latex, words):
    with pytest.raises(ParseError, match=words.replace("\\", "\\\\")):
        parse(latex)


# -- relations between sides (what the catalog prints; derive verify reads only '=') ---------------


@pytest.mark.parametrize(
    "latex, relations",
    [
        (r"c^2 \le c", ["", "<="]),
        (r"c^2 \leq c < 1", ["", "<=", "<"]),
        (r"c \ge 0 = c - c", ["", ">=", "="]),
        (r"c > 0", ["", ">"]),
        (r"c \approx 1", ["", "approx"]),
        (r"c = 1 \iff 2 c = 2", ["", "=", "iff", "="]),
        (r"2 c = 2 \implies c = 1", ["", "=", "implies", "="]),
        (r"\le c + 1", ["<="]),  # a row led by its relation to the row above
        (r"\overset{\mathbb{E}}{=} c", ["expectation"]),
        (r"&\ge c^2 - 1", [">="]),
    ],
)
def test_a_row_keeps_the_relation_between_its_sides(latex, relations):
    from derive.verifying.parser import parse_row

    sides = parse_row(latex, Scope.of(GIVENS))
    assert [side.relation for side in sides] == relations


def test_a_row_keeps_its_sides_and_their_text():
    from derive.verifying.parser import parse_row

    low, high = parse_row(r"\|w\|^2 \le c", Scope.of(GIVENS))
    assert (low.expr, low.text, high.expr, high.text) == (
        parse(r"w^\top w"),
        r"\|w\|^2",
        sp.Symbol("c", real=True),
        "c",
    )


def test_parse_derivation_reads_relations_only_when_asked():
    from derive.verifying.parser import parse_derivation

    text = "c^2 \\\\ &\\le c \\\\ &= c + 0"
    (chain,) = parse_derivation(text, Scope.of(GIVENS), relations=True).chains
    assert [side.relation for side in chain] == ["", "<=", "="]
    with pytest.raises(ParseError, match="only equalities can be checked, not '\\\\le'"):
        parse_derivation(text, Scope.of(GIVENS))


def test_parse_row_refuses_two_rows():
    from derive.verifying.parser import parse_row

    with pytest.raises(ParseError, match="one row"):
        parse_row("c = 1 \\\\ c = 2", Scope.of(GIVENS))


# -- declarations of every domain the catalog's givens use ------------------------------------------


@pytest.mark.parametrize(
    "text, name, shape, domain",
    [
        (r"\mathbf{U} \in \mathcal{O}^{n \times d}", "U", (n, d), "orthonormal"),
        (r"\mathbf{Y} \in \Delta^{k \times n}", "Y", (sp.Symbol("k", integer=True, positive=True), n), "simplex"),
        (r"\mathbf{B} \in \{0,1\}^{n \times d}", "B", (n, d), "binary"),
        (r"\Theta \in (0,1)^{n \times d}", "Theta", (n, d), "probability"),
        (r"\mathbf{a} \in \{0,1\}^{n_{A}}", "a", (sp.Symbol("n_A", integer=True, positive=True), 1), "binary"),
        (r"\mathbf{V} \in \mathbb{R}^{d \times d - n}", "V", (d, d - n), "real"),
        (r"P(+) \in (0,1)", "P(+)", (), "probability"),
    ],
)
def test_a_declaration_of_each_domain(text, name, shape, domain):
    (given,) = parse_declarations([text])
    assert (given.name, tuple(given.shape), given.domain.name) == (name, shape, domain)


def test_declaration_writes_what_parse_declarations_reads():
    from derive import ORTHONORMAL

    for given in (Given(matrix("U", n, d), domain=ORTHONORMAL), Given(matrix("B", n, d), domain=BINARY)):
        (read,) = parse_declarations([declaration(given)])
        assert (read.symbol, read.domain) == (given.symbol, given.domain)


def test_a_declared_event_probability_and_variance_are_symbols_in_a_formula():
    scope = Scope.of((Given(sp.Symbol("P(+)", positive=True)), Given(sp.Symbol("sigma^2", positive=True))))
    (side,) = parse_chain(r"\frac{1}{P(+)} + \sigma^{2}", scope)
    assert side.expr == 1 / sp.Symbol("P(+)", positive=True) + sp.Symbol("sigma^2", positive=True)
    (side,) = parse_chain(r"\sigma^{3}", scope)  # not a declared name: a power of sigma
    assert side.expr == sp.Symbol("sigma", real=True) ** 3


@pytest.mark.parametrize(
    "latex, expected",
    [
        (r"X - \mathbf{1} a^\top", X - sp.OneMatrix(n, 1) * a.T),  # the rows of 1 from X
        (r"A - a \mathbf{1}^\top", A - a * sp.OneMatrix(1, d)),
        (r"A (I - \mathbf{1} a^\top)", A * (sp.Identity(d) - sp.OneMatrix(d, 1) * a.T)),  # square beside I
        (r"y^\top \mathbf{1}\mathbf{1}^\top X", y.T * sp.OneMatrix(n, 1) * sp.OneMatrix(1, n) * X),
        (r"y \mathbf{1}^\top + \mathbf{1} a^\top", y * sp.OneMatrix(1, d) + sp.OneMatrix(n, 1) * a.T),  # n x d
    ],
)
def test_a_ones_vector_times_a_row_is_sized_by_what_it_meets(latex, expected):
    from derive.checking.instances import Instance

    from .readback_tools import difference, sample_points

    instance = Instance.build(GIVENS, {n: 3, d: 2})
    assert difference(expected, parse(latex), instance, sample_points(instance)) is None


@pytest.mark.parametrize(
    "latex, expected",
    [
        (r"\sum_{j=0}^{\infty} \frac{c^{j}}{j!}", sp.exp(sp.Symbol("c", real=True))),
        (r"\int\limits_{-\infty}^{\infty} e^{-t^{2}}\, dt", sp.sqrt(sp.pi)),
        (r"\int_{0}^{1}\int_{0}^{2} t s\, dt\, ds", sp.Integer(1)),  # each differential to its integral
        (r"\int_{0}^{1}\int_{0}^{2} \theta\, d\theta\, ds", sp.Integer(2)),
        (r"4!", sp.Integer(24)),
    ],
)
def test_infinite_sums_integrals_and_factorials(latex, expected):
    assert sp.simplify(parse(latex).doit() - expected) == 0


def test_the_vector_of_entries():
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    value = parse(r"\left[\frac{1}{a_{i}}\right]_{i} \odot a")
    assert isinstance(value, sp.HadamardProduct) and isinstance(value.args[0], ElementwiseApplyFunction)
    assert value.args[0].expr == a
    with pytest.raises(ParseError, match="several vectors"):
        parse(r"\left[a_{i} w_{i}\right]_{i}")


@pytest.mark.parametrize(
    "latex, expected",
    [
        (r"\left. \frac{\partial}{\partial t} e^{2 t} \right|_{t=0}", 2),
        (r"\left. t^2 + 1 \right|_{\substack{t = 2}} - 1", 4),
        (r"\left. t^{3} \right\vert_{t=2}", 8),
    ],
)
def test_the_evaluation_bar(latex, expected):
    assert parse(latex).doit() == expected


def test_an_empty_left_delimiter_without_a_bar_is_still_dropped():
    assert parse(r"\left. c \right. + 1") == sp.Symbol("c", real=True) + 1


def test_a_matrix_written_out():
    two = r"\left[\begin{matrix}0 & 1\\0 & 0\end{matrix}\right] \begin{bmatrix} 0 & 0 \\ 1 & 0 \end{bmatrix}"
    assert parse(two) == sp.ImmutableMatrix([[1, 0], [0, 0]])
    with pytest.raises(ParseError, match="as many entries"):
        parse(r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}")
    with pytest.raises(ParseError, match="scalars"):
        parse(r"\begin{bmatrix} a & 2 \end{bmatrix}")


def test_an_expectation_over_a_minibatch_mask():
    from derive.core.optimization import MinibatchMean
    from derive.verifying.laws import read_laws

    m = vector("m", n)
    scope = Scope.of((*GIVENS, Given(m, domain=BINARY)))
    read_laws([r"\mathbf{m} \sim \operatorname{Minibatch}(2)"], scope)
    (side,) = parse_chain(r"\mathbb{E}_{\mathbf{m}}\left[X^\top \operatorname{diag}(m) y\right]", scope)
    assert isinstance(side.expr, MinibatchMean) and side.expr.args[1:] == (m, 2)
    assert side.expr.shape == (d, 1)
    with pytest.raises(ParseError, match="declare the law of w"):
        parse_chain(r"\mathbb{E}_{w}\left[a^\top w\right]", scope)


def test_a_law_follows_its_variables_declaration_in_one_where_string():
    """A random given's --where (declaration): its set, then its law; the declarations skip the law,
    read_laws reads it; a law with the wrong number of parameters, or followed by more, is refused."""
    from derive import iid
    from derive.verifying.laws import read_laws

    mu, sigma = sp.Symbol("mu", real=True), sp.Symbol("sigma", positive=True)
    x = vector("x", n)
    text = declaration(Given(x, law=iid(mu, sigma**2)))
    assert text == r"\mathbf{x} \in \mathbb{R}^{n}, \mathbf{x} \sim \operatorname{IID}(\mu, \sigma^{2})"
    (given,) = parse_declarations([text])
    assert (given.name, given.shape) == ("x", (n, 1))
    scope = Scope.of((given,))
    read_laws([text], scope)
    assert (scope.laws[x].mean, scope.laws[x].moments) == (
        sp.Symbol("mu", real=True),
        (sp.Symbol("sigma", real=True) ** 2,),
    )
    for wrong, problem in (
        (r"\mathbf{x} \sim \operatorname{IID}(\mu)", "scalar parameters"),
        (r"\mathbf{x} \sim \operatorname{IID}(\mu, 1) + 1", "followed by ',' or nothing"),
        (r"\mathbf{x} \sim \operatorname{Cauchy}(0, 1)", "unknown distribution"),
    ):
        with pytest.raises(ParseError, match=problem):
            read_laws([wrong], Scope.of((given,)))


def test_diag_of_a_multiple_of_ones_is_that_multiple_of_the_identity():
    assert parse(r"X^\top \operatorname{diag}(c \mathbf{1}) y") == parse(r"c X^\top y")


def test_an_accented_letter_is_the_symbol_sympy_names_with_the_accent():
    """\\hat{x} in any typeface is the symbol xhat (Symbol('xhat') prints as \\hat{x}), as
    batchnorm-backward names its normalised input; an accent over two letters is an error."""
    for text in (r"\hat{x}", r"\hat{\mathbf{x}}", r"\boldsymbol{\hat{x}}", r"\tilde{\mu}"):
        key, _ = TokenStream(text).name()
        assert key == ("mutilde" if "tilde" in text else "xhat")
    with pytest.raises(ParseError, match="one letter under"):
        TokenStream(r"\hat{xy}").name()


def test_an_accented_letter_is_a_factor_after_another():
    """gamma \\hat{x}, as the printer writes an accented vector (the accent over the bold letter)."""
    gamma, xhat = sp.symbols("gamma xhat", real=True)
    assert parse(r"\gamma \hat{\mathbf{x}}") == parse(r"\gamma \boldsymbol{\hat{x}}") == gamma * xhat


def test_an_event_of_comparisons_joined_by_wedge():
    """P(l <= mu \\wedge mu <= u), as bootstrap-ci's coverage row prints it; a side of \\wedge that
    compares nothing is refused."""
    from derive.core.statistics import Probability

    ell, mu, u = (sp.Symbol(name, real=True) for name in ("ell", "mu", "u"))
    (side,) = parse_chain(r"P\left(\ell \leq \mu \wedge \mu \leq u\right)", Scope())
    assert side.expr == Probability(sp.And(ell <= mu, mu <= u))
    assert side.expr != Probability(sp.And(mu <= ell, mu <= u))
    with pytest.raises(ParseError, match="an event compares two scalars"):
        parse_chain(r"P(\ell \leq \mu \wedge u)", Scope())

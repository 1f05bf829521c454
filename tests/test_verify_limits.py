"""Hostile input to `derive verify` (issue 19) is answered at once: parsing is linear in the input,
sizes and magnitudes are bounded before anything is evaluated, bytes that are not UTF-8 are
named, and an error message quotes a window of the input, not all of it (docs/reliability.md, "Input").

The hanging and memory-hungry inputs of the issue run through the command line in a child
process limited to 1 GB of address space and 10 s: each must end with exit status 2 and a
message naming the limit. (1 GB is below what JAX reserves, so these pass only because each
input is refused before any check starts: that is the promise.)"""

import json
import os
import pathlib
import re
import subprocess
import sys
import time

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.cache import clear_cache

import derive
from derive.verifying import limits
from derive.verifying.declarations import parse_declarations
from derive.verifying.lexer import ParseError
from derive.verifying.parser import math_of_document, parse_chain
from derive.verifying.scope import Scope

ROOT = pathlib.Path(__file__).resolve().parent.parent
MEMORY = 1 << 30  # bytes of address space
SECONDS = 10
X_PLUS_X_1MB = " + ".join(["x"] * 250_000) + " = x"

# name: (arguments, stdin bytes, words the message holds)
HOSTILE = {
    "power 10^10^10": ([r"10^{10^{10}} = 1"], None, "at most 10,000 bits"),
    "power tower of 2": ([r"2^{2^{2^{2^{2^{2}}}}} = 0"], None, "at most 10,000 bits"),
    "sum of a million terms": ([r"\sum_{i=1}^{1000000} y_i = 0"], None, "larger than 1,000"),
    "nested sums of a million terms": ([r"\sum_{i=1}^{1000} \sum_{j=1}^{1000} i j y_1 = 0"], None, "at most 1,000"),
    "3000x3000 matrix": (
        ["--where", r"X \in \mathbb{R}^{3000 \times 3000}", r"X^\top X = X^\top X"],
        None,
        "the size 3000 is larger than 1,000",
    ),
    "200x200 matrix": (
        ["--where", r"X \in \mathbb{R}^{200 \times 200}", r"X^\top X = X^\top X"],
        None,
        "more than 10,000 entries",
    ),
    "1 MB of x + x": ([], X_PLUS_X_1MB.encode(), "at most 20,000 symbols"),
    "1 MB of digits": ([], ("1" * 1_000_000 + " = 1").encode(), "at most 100 digits"),
    "1 MB of text": ([], (r"x = \text{" + "a" * 1_000_000 + "} x").encode(), "at most 20,000 symbols"),
    "2000 random bytes": ([], bytes((i * 151 + 17) % 256 for i in range(2000)), "is not UTF-8 text"),
    "11 MB on stdin": ([], b" " * 11_000_000, "larger than 10,000,000 bytes"),
}


# The child limits itself before it imports anything of derive: a preexec_fn would fork this test
# process, which has JAX's threads once another test has run a verification.
LIMITED_DERIVE = f"""
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))
sys.argv = ["derive", *sys.argv[1:]]
runpy.run_module("derive", run_name="__main__")
"""


def run_limited(arguments, stdin, tmp_path):
    """``python -m derive verify ARGUMENTS`` in 1 GB and 10 s: (exit status, stdout, stderr, seconds)."""
    environment = dict(os.environ, DERIVE_CACHE_DIR=str(tmp_path / "cache"), JAX_PLATFORMS="cpu")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LIMITED_DERIVE, "verify", *arguments],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=ROOT,
        env=environment,
        timeout=SECONDS,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode(), time.perf_counter() - started


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_refused_within_10_s_and_1_gb(name, tmp_path):
    arguments, stdin, words = HOSTILE[name]
    status, out, err, seconds = run_limited(arguments, stdin, tmp_path)
    assert status == 2, (status, out[-500:], err[-2000:])
    assert err.startswith("error: ") and words in err, err[-2000:]
    assert "Traceback" not in err and len(err) < 1000  # one message, quoting a window of the input
    assert seconds < SECONDS


@pytest.mark.parametrize("name", ["power 10^10^10", "2000 random bytes", "1 MB of digits"])
def test_hostile_input_with_json_prints_the_error_object(name, tmp_path):
    arguments, stdin, words = HOSTILE[name]
    status, out, err, _ = run_limited(["--json", *arguments], stdin, tmp_path)
    assert status == 2 and err == ""
    answer = json.loads(out)
    assert answer["verdict"] == "error" and answer["steps"] == [] and words in answer["message"]
    assert len(answer["message"]) < 1000


def test_a_latin_1_file_names_the_byte_and_its_offset(tmp_path):
    path = tmp_path / "derivation.tex"
    path.write_bytes("% dérivation\nx = x".encode("latin-1"))
    status, _, err, _ = run_limited(["--file", str(path)], None, tmp_path)
    assert status == 2 and "Traceback" not in err
    assert f"error: {path} is not UTF-8 text: the byte 0xe9 at byte offset 3 (line 1)" in err


def test_a_utf_8_file_with_a_byte_order_mark_is_read(tmp_path):
    from click.testing import CliRunner

    from cli import main

    path = tmp_path / "derivation.tex"
    path.write_bytes("\ufeffx = \\foo".encode())
    result = CliRunner().invoke(main, ["verify", "--file", str(path)])
    assert result.exit_code == 2 and r"unknown command \foo at column 5" in result.output


# -- linear time ---------------------------------------------------------------------------------


def _parse_seconds(text: str) -> float:
    """The shortest of two parses of ``text`` (to its value, or to its refusal), each without SymPy's
    cache of the last (which would make the second parse of a short input nearly free)."""
    best = float("inf")
    for _ in range(2):
        clear_cache()
        started = time.perf_counter()
        try:
            parse_chain(text, Scope.of(()))
        except derive.DeriveError:
            pass
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(
    "term",
    ["x", "x_{%d}", r"\frac12 x_{%d}", r"\left( x_{%d} \right)", r"\sum_{i=1}^{n} y_i"],
    ids=["x + x", "distinct terms", "fractions", "sized brackets", "sums"],
)
@pytest.mark.parametrize("operator", [" + ", " "], ids=["sum", "product"])
def test_parsing_takes_linear_time(term, operator):
    def chain(count):
        return operator.join(term % i if "%d" in term else term for i in range(count)) + " = x"

    small, large = _parse_seconds(chain(400)), _parse_seconds(chain(1600))
    assert large < 10 * small + 0.3, (small, large)  # 4 times the input: 16 times the time if quadratic


def test_the_longest_input_parses_in_seconds():
    text = " + ".join(["x"] * 9_000) + " = x"  # 18,003 tokens, under MAX_TOKENS
    assert _parse_seconds(text) < 5


def test_a_long_sum_is_the_sum_added_term_by_term():
    terms = [sp.Symbol(f"x_{i}", real=True) for i in range(100)] + [sp.Rational(1, 3), sp.pi]
    (side, _) = parse_chain(" + ".join(f"x_{{{i}}}" for i in range(100)) + r" + \frac13 + \pi = 0", Scope.of(()))
    folded = terms[0]
    for term in terms[1:]:
        folded = sp.Add(folded, term)
    assert sp.srepr(side.expr) == sp.srepr(folded)


def test_a_short_product_is_multiplied_factor_by_factor():
    (side, _) = parse_chain("2 (x + y) z = 0", Scope.of(()))
    x, y, z = sp.symbols("x y z", real=True)
    assert sp.srepr(side.expr) == sp.srepr(sp.Mul(sp.Mul(2, x + y), z))


# -- bounds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "latex",
    [r"2^{10000} = x", r"(1/2)^{9999} = x", r"1^{10^{100}} = 1", r"(-1)^{10^{100}} = 1", r"x^{10^{10}} = 1"],
)
def test_powers_within_the_bound_are_read(latex):
    parse_chain(latex, Scope.of(()))


@pytest.mark.parametrize("latex", [r"2^{10001} = x", r"(1/2)^{10001} = x", r"3^{10^{4}} = x", r"x + 10^{10^{10}} = 1"])
def test_powers_past_the_bound_are_refused(latex):
    with pytest.raises(ParseError, match="at most 10,000 bits"):
        parse_chain(latex, Scope.of(()))


def test_power_too_large_never_computes_the_power():
    assert limits.power_too_large(sp.Integer(10), sp.Integer(10) ** 100)  # 10^(10^100): instant
    assert not limits.power_too_large(sp.Integer(2), sp.Integer(10_000))
    assert not limits.power_too_large(sp.Symbol("x"), sp.Integer(10) ** 100)


@pytest.mark.parametrize(
    "latex, words",
    [
        (r"\sum_{i=1}^{1001} y_i = 0", "the size 1001 is larger than 1,000"),
        (r"\mathbf{1}_{5000}^\top \mathbf{1}_{5000} = 5000", "the size 5000"),
        (r"\operatorname{tr}(I_{100000}) = 1", "the size 100000"),
        ("1" * 101 + " = 1", "a number of 101 digits"),
        (r"\sum_{i=1}^{100} \sum_{j=1}^{11} i j = 1", "this sum has 1,100 terms written out: at most 1,000"),
        (r"\prod_{i=1}^{40} \sum_{j=1}^{40} j = 1", "this product has 1,600 terms"),
    ],
)
def test_sizes_and_numbers_past_the_bound_are_refused(latex, words):
    with pytest.raises(ParseError, match=re.escape(words)):
        parse_chain(latex, Scope.of(()))


def test_sizes_within_the_bound_are_read():
    parse_chain(r"\sum_{i=1}^{1000} y_i = 0", Scope.of(()))
    parse_declarations([r"X \in \mathbb{R}^{100 \times 100}, w \in \mathbb{R}^{1000}, A \in \mathbb{S}^{100}"])


@pytest.mark.parametrize(
    "declaration, words",
    [
        (r"w \in \mathbb{R}^{1001}", "the size 1001 is larger than 1,000"),
        (r"X \in \mathbb{R}^{101 \times 100}", "a 101×100 matrix has more than 10,000 entries"),
        (r"A \in \mathbb{S}^{2000}", "the size 2000"),
    ],
)
def test_declared_sizes_past_the_bound_are_refused(declaration, words):
    with pytest.raises(ParseError, match=re.escape(words)):
        parse_declarations([declaration])


# -- messages ------------------------------------------------------------------------------------


def test_an_error_quotes_a_window_around_the_caret():
    text = "x + " * 2_000 + r"\foo + x" + " + x" * 2_000
    with pytest.raises(ParseError) as caught:
        parse_chain(text, Scope.of(()))
    headline, line, caret = caught.value.render().splitlines()
    assert headline.startswith(r"unknown command \foo at column 8001")
    assert len(line) <= 2 + limits.QUOTE_WINDOW + 2 and line.startswith("  …") and line.endswith("…")
    assert line[caret.index("^") :].startswith(r"\foo")  # the caret is still under the place


def test_a_long_operand_is_quoted_by_its_ends():
    givens = parse_declarations([r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{n}"])
    with pytest.raises(ParseError) as caught:
        parse_chain(" + ".join(["X"] * 100) + " + w = 0", Scope.of(givens))
    assert len(str(caught.value)) < 1000
    assert "cannot add X + X + X" in caught.value.problem and " … + X + X" in caught.value.problem


def test_derive_verify_of_a_surrogate_argument_names_the_byte():
    from click.testing import CliRunner

    from cli import main

    latex = b"x = \xe9".decode("utf-8", "surrogateescape")  # how Linux hands a Latin-1 argument to Python
    result = CliRunner().invoke(main, ["verify", "--json", latex])
    assert result.exit_code == 2
    assert "the byte 0xe9 at byte offset 4" in json.loads(result.output)["message"]


def test_the_python_api_refuses_the_same_inputs():
    with pytest.raises(derive.DeriveError, match="at most 10,000 bits"):
        derive.verify(r"10^{10^{10}} = 1")


# -- the display search stays what the regular expression found ----------------------------------

_OLD_DISPLAY = re.compile(
    r"\\begin\{(align\*?|equation\*?|gather\*?|multline\*?|eqnarray\*?)\}.*?\\end\{\1\}|\\\[.*?\\\]|\$\$.*?\$\$", re.S
)
PIECES = [r"\begin{align}", r"\end{align}", r"\begin{align*}", r"\end{align*}", r"\[", r"\]", "$$", "$", "x", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_the_first_display_is_the_one_the_regular_expression_found(pieces):
    text = "".join(pieces)
    if "$" in text and r"\begin" not in text:  # a Markdown cell: every $...$ is kept, the rest blanked
        found = math_of_document(text)
        assert len(found) == len(text) and found.count("$") == text.count("$")
        assert all(kept in (written, " ") for kept, written in zip(found, text))
        return
    match = _OLD_DISPLAY.search(text)
    if match is None:
        assert math_of_document(text) == text
        return
    blank = lambda part: re.sub(r"[^\n]", " ", part)  # noqa: E731
    assert math_of_document(text) == blank(text[: match.start()]) + match.group() + blank(text[match.end() :])


def test_the_display_search_is_linear():
    text = r"\begin{align} \[ $$ " * 20_000
    started = time.perf_counter()
    math_of_document(text)
    assert time.perf_counter() - started < 1

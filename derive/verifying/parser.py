"""LaTeX in, SymPy out: the chain ``E0 = E1 = ...`` that ``derive verify`` reads (NOTATION.md).

A recursive-descent parser over derive.verifying.lexer tokens, written here rather than taken from
latex2sympy2 (docs/verify.md says why). Precedence, loosest first::

    chain    := side ('=' side)*
    side     := ['+'|'-'] term (('+'|'-') term)*
    term     := product ('\\odot' product)*
    product  := factor (['\\cdot'|'\\times'|'*'|'/'] factor)*      juxtaposition multiplies
    factor   := atom ('^' superscript)*                             ^T, ^{-1}, ^2 ...

Prefix operators (``\\nabla_w``, ``\\frac{\\partial}{\\partial w}``, ``\\sum_{i=1}^{n}``) apply to
the rest of the product they stand in: ``\\nabla_w \\tfrac12 \\|Xw - y\\|^2``.
No part of the input is ever evaluated as Python: tokens map to SymPy constructors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from derive.core.errors import DeriveError
from derive.verifying.atoms import FUNCTIONS, Atoms
from derive.verifying.lexer import ParseError, TokenStream
from derive.verifying.scope import Scope
from derive.verifying.shapes import ShapeProblem, add, divide, finished, hadamard, multiply, negate

PRODUCT_OPERATORS = (r"\cdot", r"\times", "*")
HADAMARD_OPERATORS = (r"\odot", r"\circ")
RELATIONS = (r"\approx", r"\le", r"\leq", r"\ge", r"\geq", "<", ">", r"\neq", r"\ne", r"\propto", r"\equiv")
LINE_BREAKS = ("&", "\\\\")
DROPPED_GROUPS = (r"\text", r"\mbox", r"\intertext", r"\label", r"\tag", r"\textrm", r"\textit")
MAX_DEPTH = 60


@dataclass(frozen=True)
class Side:
    """One expression of a chain, with its source text."""

    expr: object
    text: str


class Parser(Atoms):
    """Parses one chain of equalities in a scope of declared symbols."""

    def __init__(self, source: str, scope: Scope, label: str = ""):
        self.stream = TokenStream(source, label)
        self.scope = scope
        self.depth = 0
        self.closers: list[str] = []
        self.indices: dict[str, list] = {}
        self._drop_layout()
        self._declare_sum_limits()

    # -- the chain -----------------------------------------------------------------------------

    def chain(self) -> list[Side]:
        sides = [self.side()]
        while self.stream.accept("="):
            sides.append(self.side())
        token = self.stream.peek()
        if token.is_(*RELATIONS):
            raise self.stream.error(f"only equalities can be checked, not {token.describe()}", token)
        if token.kind != "end":
            raise self.stream.error(f"unexpected {token.describe()}", token)
        return sides

    def side(self) -> Side:
        first = self.stream.peek()
        if first.kind == "end" or first.is_("="):
            raise self.stream.error(f"expected an expression but found {first.describe()}", first)
        start = (
            self.stream.tokens[self.stream.index - 1].end if self.stream.index else _before_sizing(self.stream, first)
        )
        value = self.expression()
        last = self.stream.tokens[self.stream.index - 1]
        text = self.stream.source[start : last.end].strip()
        return Side(self.guard(lambda: finished(value, text), first), text)

    def _drop_layout(self) -> None:
        """Remove what only lays the chain out: environments, &, \\\\, \\text{...}, trailing punctuation."""
        tokens, kept, i = self.stream.tokens, [], 0
        while i < len(tokens):
            if tokens[i].is_(r"\begin", r"\end", *DROPPED_GROUPS) and not _names_function(tokens, i + 1):
                i = _after_group(tokens, i + 1)
                continue
            kept.append(tokens[i])
            i += 1
        ends = [t.kind == "end" or t.is_(*LINE_BREAKS) for t in kept[1:]] + [False]
        self.stream.tokens = [
            t
            for t, before_end in zip(kept, ends)
            if not t.is_(*LINE_BREAKS) and not (t.is_(".", ",", ";") and before_end)
        ]

    def _declare_sum_limits(self) -> None:
        """A letter that is a sum's upper limit (\\sum_{i=1}^{n}) is a dimension, not a real scalar."""
        tokens = self.stream.tokens
        for i, token in enumerate(tokens):
            if not token.is_(r"\sum", r"\prod"):
                continue
            j = _after_group(tokens, i + 2) if tokens[i + 1].is_("_") else i + 1
            if tokens[j].is_("^"):
                limit = tokens[j + 2 : j + 4] if tokens[j + 1].is_("{") else tokens[j + 1 : j + 2]
                if limit and limit[0].kind == "letter" and (len(limit) == 1 or limit[1].is_("}")):
                    key = limit[0].text
                    if not self.scope.is_known(key):
                        self.scope.dims[key] = sp.Symbol(key, integer=True, positive=True)

    # -- precedence levels ---------------------------------------------------------------------

    def expression(self):
        self._enter()
        first = self.stream.peek()
        sign = self.stream.accept("+", "-")
        value = self.term()
        if sign is not None and sign.text == "-":
            value = negate(value)
        while self.stream.at("+", "-"):
            operator = self.stream.next()
            right_first = self.stream.peek()
            right = self.term()
            texts = (self._text_from(first, operator), self._text_from(right_first))
            if operator.text == "-":
                right = negate(right)
            value = self.guard(lambda v=value, r=right, t=texts: add(v, r, t), operator)
        self.depth -= 1
        return value

    def term(self):
        first = self.stream.peek()
        value = self.product()
        while self.stream.at(*HADAMARD_OPERATORS):
            operator = self.stream.next()
            right_first = self.stream.peek()
            right = self.product()
            texts = (self._text_from(first, operator), self._text_from(right_first))
            value = self.guard(lambda v=value, r=right, t=texts: hadamard(v, r, t), operator)
        return value

    def product(self):
        first = self.stream.peek()
        value = self.factor()
        while True:
            token = self.stream.peek()
            if token.is_(*PRODUCT_OPERATORS, "/"):
                self.stream.next()
            elif not self.starts_factor():
                return value
            right_first = self.stream.peek()
            right = self.factor()
            texts = (self._text_from(first, token), self._text_from(right_first))
            combine = divide if token.is_("/") else multiply
            value = self.guard(lambda v=value, r=right, c=combine, t=texts: c(v, r, t), token)

    def factor(self):
        first = self.stream.peek()
        if first.is_("-") and self.stream.tokens[self.stream.index - 1].is_(*PRODUCT_OPERATORS, "/"):
            self.stream.next()
            return negate(self.factor())
        value = self.atom()
        while self.stream.at("^", "_"):
            value = self.superscript(value, first) if self.stream.at("^") else self.entry_of(value)
        return value

    # -- helpers -------------------------------------------------------------------------------

    def guard(self, build, token):
        """Run a shape-checked construction; a ShapeProblem becomes a ParseError at ``token``."""
        try:
            return build()
        except ShapeProblem as problem:
            raise self.stream.error(str(problem), token) from None
        except (ValueError, TypeError, AttributeError, NotImplementedError) as exc:  # SymPy refusing what we built
            raise self.stream.error(f"cannot build this expression ({type(exc).__name__}: {exc})", token) from None

    def grouped(self, closer: str, opener_token):
        """An expression up to ``closer`` (consumed)."""
        self.closers.append(closer)
        value = self.expression()
        self.closers.pop()
        if not self.stream.at(closer):
            found = self.stream.peek()
            raise self.stream.error(
                f"expected '{closer}' to close {opener_token.describe()} (column {opener_token.start + 1}) "
                f"but found {found.describe()}",
                found,
            )
        self.stream.next()
        return value

    def _enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.stream.error(f"the expression is nested more than {MAX_DEPTH} levels deep")

    def _text_from(self, first, stop=None) -> str:
        """Source text from ``first`` up to (not including) ``stop``, or up to the last token read."""
        tokens = self.stream.tokens
        if stop is None:
            last = tokens[self.stream.index - 1]
        else:
            position = tokens.index(stop)
            last = tokens[max(position - 1, 0)]
        return self.stream.text_between(first, last) if last.start >= first.start else first.text


def _before_sizing(stream, first) -> int:
    """Where the first side's text starts: before a \\left or \\big that was dropped from the tokens."""
    start = first.start
    while True:
        before = stream.source[:start].rstrip()
        sizing = next((c for c in (r"\left", r"\bigl", r"\Bigl", r"\big", r"\Big") if before.endswith(c)), None)
        if sizing is None:
            return start
        start = len(before) - len(sizing)


def _names_function(tokens, i: int) -> bool:
    """Whether the group at ``i`` is a function's name, as in \\text{tr}(A)."""
    inner = tokens[i + 1 : _after_group(tokens, i) - 1]
    return "".join(t.text for t in inner) in FUNCTIONS


def _after_group(tokens, i: int) -> int:
    """The index after a braced group starting at ``i`` (or after the single token there)."""
    if i >= len(tokens) - 1:
        return i
    if not tokens[i].is_("{"):
        return i + 1
    depth = 0
    for j in range(i, len(tokens) - 1):
        depth += tokens[j].is_("{") - tokens[j].is_("}")
        if depth == 0:
            return j + 1
    return len(tokens) - 1


_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_DISPLAY = re.compile(
    r"\\begin\{(align\*?|equation\*?|gather\*?|multline\*?|eqnarray\*?)\}.*?\\end\{\1\}|\\\[.*?\\\]|\$\$.*?\$\$", re.S
)


def math_of_document(text: str) -> str:
    """The math of a .tex file: its first align/equation environment (or \\[...\\], $$...$$) if it
    has one, else all of it; comments blanked. Removed text becomes spaces, so columns and lines
    in error messages are those of the file."""
    text = _COMMENT.sub(lambda m: " " * len(m.group()), text)
    match = _DISPLAY.search(text)
    if match is None:
        return text
    start, end = match.span()
    return _blank(text[:start]) + text[start:end] + _blank(text[end:])


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def parse_chain(source: str, scope: Scope, label: str = "") -> list[Side]:
    """The sides of ``E0 = E1 = ...`` (or of an align environment), parsed in ``scope``."""
    if not source.strip():
        raise ParseError("the input is empty", source, 0, label)
    parser = Parser(source, scope, label)
    try:
        return parser.chain()
    except DeriveError:
        raise
    except (RecursionError, MemoryError):
        raise parser.stream.error("the expression is too deeply nested or too large") from None
    except Exception as exc:  # a construction the checks above missed: still the user's input, reported as such
        raise parser.stream.error(f"cannot read this formula here ({type(exc).__name__}: {exc})") from None

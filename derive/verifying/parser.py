"""LaTeX in, SymPy out: the chain ``E0 = E1 = ...`` that ``derive verify`` reads (NOTATION.md).

A recursive-descent parser over derive.verifying.lexer tokens, written here rather than taken from
latex2sympy2 (docs/verify.md says why). Precedence, loosest first::

    chain    := side ('=' side)*
    side     := ['+'|'-'] term (('+'|'-') term)*
    term     := product ('\\odot' product)*
    product  := factor (['\\cdot'|'\\times'|'*'|'/'] factor)*      juxtaposition multiplies
    factor   := atom ('^' superscript | '_' index | '!')*               ^T, ^{-1}, ^2, (y - Xw)_i, k!

Prefix operators (``\\nabla_w``, ``\\frac{\\partial}{\\partial w}``, ``\\sum_{i=1}^{n}``) apply to
the rest of the product they stand in: ``\\nabla_w \\tfrac12 \\|Xw - y\\|^2``.
No part of the input is ever evaluated as Python: tokens map to SymPy constructors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy as sp

from derive.core.errors import DeriveError
from derive.verifying.atoms import FUNCTIONS, Atoms
from derive.verifying.definitions import Definitions
from derive.verifying.evaluation import EvaluationBar
from derive.verifying.lexer import Excerpt, ParseError, Token, TokenStream
from derive.verifying.matrix_literal import ENTRY_BREAK, MATRIX_END, MATRIX_START, matrix_environment_at
from derive.verifying.scope import Scope
from derive.verifying.shapes import Pending, ShapeProblem, add, divide, finished, hadamard, is_matrix, multiply, negate

PRODUCT_OPERATORS = (r"\cdot", r"\times", "*")
HADAMARD_OPERATORS = (r"\odot", r"\circ")
RELATIONS = (r"\approx", r"\le", r"\leq", r"\ge", r"\geq", "<", ">", r"\neq", r"\ne", r"\propto", r"\equiv")
# The relations a chain may carry between its sides (read where the caller asks for relations; the
# catalog printer writes these, derive/rendering/worked.py), by token, as the name a Side keeps:
# the keys of derive.core.model.STATED_RELATIONS, and "iff", "implies".
READ_RELATIONS = {
    "=": "=",
    r"\le": "<=",
    r"\leq": "<=",
    "<": "<",
    r"\ge": ">=",
    r"\geq": ">=",
    ">": ">",
    r"\approx": "approx",
    r"\iff": "iff",
    r"\Leftrightarrow": "iff",
    r"\Longleftrightarrow": "iff",
    r"\implies": "implies",
    r"\Rightarrow": "implies",
    r"\Longrightarrow": "implies",
}
EXPECTATION_EQUALS = (r"\overset", "{", r"\mathbb", "{", "E", "}", "}", "{", "=", "}")  # \overset{\mathbb{E}}{=}
ROW_BREAKS = ("\\\\", "$")  # between rows (align lines, $...$ of a pasted Markdown cell)
# a row starting with these goes on with the last
CONTINUING = ("+", "-", r"\cdot", r"\times", r"\odot", r"\overset", *READ_RELATIONS, *RELATIONS)
DROPPED_GROUPS = (r"\text", r"\mbox", r"\intertext", r"\label", r"\tag", r"\textrm", r"\textit")
MAX_DEPTH = 60
# SymPy re-reads every argument of a sum or product at each two-operand step, so one built term by
# term takes quadratic time: scalar terms are collected and added at once (the same sum), and scalar
# factors past the first FOLDED are collected and multiplied at once (a two-factor product may
# distribute a number over a sum, so the first ones are multiplied one by one, as written).
FOLDED = 32
SIZING = (r"\left", r"\bigl", r"\Bigl", r"\big", r"\Big")


@dataclass(frozen=True)
class Side:
    """One expression of a chain, with its source text."""

    expr: object
    text: str
    notes: tuple = ()  # how an ambiguous piece was read: "L(…) read as the function defined by ..."
    relation: str = "="  # what the chain claims between the side before and this one (READ_RELATIONS' values)


@dataclass(frozen=True)
class Derivation:
    """What was read: chains of equalities (each of two sides or more) and the functions defined."""

    chains: list
    definitions: list


class Parser(Atoms, Definitions, EvaluationBar):
    """Parses one chain of equalities in a scope of declared symbols."""

    def __init__(self, source: str, scope: Scope, label: str = "", relations: bool = False):
        self.stream = TokenStream(source, label)
        self.scope = scope
        self.relations = relations  # read the relations of READ_RELATIONS between sides, not only '='
        self.above = None  # the value of the row above a row read alone (parse_row)
        self.depth = 0
        self.closers: list[str] = []
        self.indices: dict[str, list] = {}
        self.notes: list[str] = []
        self._drop_layout()
        self._declare_sum_limits()

    # -- the chain -----------------------------------------------------------------------------

    def chain(self) -> list[Side]:
        """The sides of the one chain the input is."""
        found = self.derivation()
        if len(found.chains) != 1 or found.definitions:
            raise self.stream.error(
                "expected one chain of equalities, not several rows or a definition", self.stream.tokens[0]
            )
        return found.chains[0]

    def derivation(self) -> Derivation:
        """Rows: a definition ``L(w) = E`` (whose body may go on as a chain, ``= E_1 = ...``), or
        a chain; a row that starts with '=' (after '&') goes on with the chain above."""
        chains, definitions = [], []
        while True:
            while self.stream.accept(*ROW_BREAKS):
                pass
            if self.stream.peek().kind == "end":
                return Derivation(chains, definitions)
            head = self.definition_head()
            sides = self.sides()
            if head is not None:
                key, parameters = head
                text = f"{key}({', '.join(parameters)}) = {sides[0].text}"
                definitions.append(self.define(key, parameters, sides[0].expr, text))
                sides = sides if len(sides) > 1 else []
            if sides:
                chains.append(sides)

    def row(self) -> list[Side]:
        """One printed row: an expression, an equation or a chain of relations, which may start with
        the relation that ties it to the row above (``\\le E``: the first side's ``relation``), or by
        ``\\therefore`` (the row states what follows from those above: "therefore")."""
        lead = self.relation() or ("therefore" if self.stream.accept(r"\therefore") else None)
        sides = self.sides(self.above)
        if self.stream.peek().kind != "end":
            raise self.stream.error("expected one row, not several", self.stream.peek())
        if lead is not None:
            sides[0] = replace(sides[0], relation=lead)
        return sides

    def sides(self, above=None) -> list[Side]:
        """The sides of one chain up to the end of its row; the first side's relation is ''.
        ``above``: the value of the row above, which sizes a lone \\mathbf{0}, \\mathbf{1} or I in the
        first side as each later side's is sized by the side before (``A V = \\mathbf{0}``)."""
        sides = [replace(self.side(above), relation="")]
        while True:
            relation = self.relation() if self.relations else ("=" if self.stream.accept("=") else None)
            if relation is None:
                break
            sides.append(replace(self.side(sides[-1].expr), relation=relation))
        token = self.stream.peek()
        if token.is_(*RELATIONS):
            raise self.stream.error(f"only equalities can be checked, not {token.describe()}", token)
        if token.kind != "end" and not token.is_(*ROW_BREAKS):
            raise self.stream.error(token.unexpected(), token)
        return sides

    def relation(self) -> str | None:
        """The relation at the cursor (consumed), by its name in READ_RELATIONS, or None."""
        stream = self.stream
        if all(stream.peek(i).is_(text) for i, text in enumerate(EXPECTATION_EQUALS)):
            stream.index += len(EXPECTATION_EQUALS)
            return "expectation"
        token = stream.accept(*READ_RELATIONS)
        return READ_RELATIONS[token.text] if token else None

    def side(self, beside=None) -> Side:
        """One side; a lone pending \\mathbf{0}, \\mathbf{1} or I takes the shape of ``beside``."""
        first = self.stream.peek()
        if first.kind == "end" or first.is_("="):
            raise self.stream.error(f"expected an expression but found {first.describe()}", first)
        before = self.stream.tokens[self.stream.index - 1] if self.stream.index else None
        start = before.end if before and not before.is_(*ROW_BREAKS) else _before_sizing(self.stream, first)
        self.notes = []
        value = self.expression()
        last = self.stream.tokens[self.stream.index - 1]
        text = self.stream.source[start : last.end].strip()
        if isinstance(value, Pending) and is_matrix(beside):
            value = self.guard(lambda: value.like(beside.shape), first)
        return Side(self.guard(lambda: finished(value, text), first), text, tuple(dict.fromkeys(self.notes)))

    def _drop_layout(self) -> None:
        """Remove what only lays the chain out: environments, &, \\text{...}, trailing punctuation,
        and the row breaks inside a chain (a row that starts with '=' or an operator goes on)."""
        tokens, kept, i, matrices = self.stream.tokens, [], 0, 0
        while i < len(tokens):
            environment = matrix_environment_at(tokens, i)
            if (
                environment
            ):  # a matrix written out stays whole: its start, end and row breaks become tokens of their own
                begins = tokens[i].is_(r"\begin")
                matrices += 1 if begins else -1
                kept.append(Token("command", MATRIX_START if begins else MATRIX_END, tokens[i].start))
                i += environment
                continue
            if matrices and tokens[i].is_("&", "\\\\"):
                kept.append(Token("char", "&" if tokens[i].is_("&") else ENTRY_BREAK, tokens[i].start))
                i += 1
                continue
            if tokens[i].is_(r"\begin", r"\end", *DROPPED_GROUPS) and not _names_function(tokens, i + 1):
                i = _after_group(tokens, i + 1)
                continue
            if not tokens[i].is_("&"):
                kept.append(tokens[i])
            i += 1
        ends = [t.kind == "end" or t.is_(*ROW_BREAKS) for t in kept[1:]] + [False]
        kept = [t for t, before_end in zip(kept, ends) if not (t.is_(".", ",", ";") and before_end)]
        rows = []
        for position, token in enumerate(kept):
            if token.is_(*ROW_BREAKS) and (
                not rows or rows[-1].is_(*ROW_BREAKS, *CONTINUING) or kept[position + 1].is_(*CONTINUING)
            ):
                continue  # a first break, a repeated one, or one inside a chain or a side
            rows.append(token)
        self.stream.tokens = rows

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
        scalars = []  # scalar terms after a scalar value, added at once
        while self.stream.at("+", "-"):
            left = self._text_from(first)
            operator = self.stream.next()
            right_first = self.stream.peek()
            right = self.term()
            if operator.text == "-":
                right = negate(right)
            if _collects(value, right, sp.Add):
                scalars.append(right)
                continue
            value = self._combined(sp.Add, value, scalars, operator)
            texts = (left, self._text_from(right_first))
            value = self.guard(lambda v=value, r=right, t=texts: add(v, r, t), operator)
        value = self._combined(sp.Add, value, scalars, self.stream.last_read())
        self.depth -= 1
        return value

    def term(self):
        first = self.stream.peek()
        value = self.product()
        while self.stream.at(*HADAMARD_OPERATORS):
            left = self._text_from(first)
            operator = self.stream.next()
            right_first = self.stream.peek()
            right = self.product()
            texts = (left, self._text_from(right_first))
            value = self.guard(lambda v=value, r=right, t=texts: hadamard(v, r, t), operator)
        return value

    def product(self):
        first = self.stream.peek()
        value = self.factor()
        scalars = []  # scalar factors after a long scalar product, multiplied at once
        while True:
            token = self.stream.peek()
            left = self._text_from(first)
            if token.is_(*PRODUCT_OPERATORS, "/"):
                self.stream.next()
            elif not self.starts_factor():
                return self._combined(sp.Mul, value, scalars, self.stream.last_read())
            right_first = self.stream.peek()
            right = self.factor()
            if _collects(value, right, sp.Mul):
                scalars.append(sp.Pow(right, -1) if token.is_("/") else right)
                continue
            value = self._combined(sp.Mul, value, scalars, token)
            texts = (left, self._text_from(right_first))
            combine = divide if token.is_("/") else multiply
            value = self.guard(lambda v=value, r=right, c=combine, t=texts: c(v, r, t), token)

    def factor(self):
        first = self.stream.peek()
        if first.is_("-") and self.stream.last_read().is_(*PRODUCT_OPERATORS, "/"):
            self.stream.next()
            return negate(self.factor())
        value = self.atom()
        while self.stream.at("^", "_", "!"):
            if self.stream.at("!"):
                value = self.factorial(value)
            else:
                value = self.superscript(value, first) if self.stream.at("^") else self.entry_of(value)
        return value

    def factorial(self, value):
        """``k!`` of a scalar."""
        token = self.stream.next()
        if is_matrix(value):
            raise self.stream.error("the factorial of a scalar is understood, not of a vector or matrix", token)
        return sp.factorial(value)

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

    def _combined(self, operation, value, scalars: list, token):
        """``value`` and the scalars collected after it (the list is emptied) combined by
        ``operation`` (sp.Add or sp.Mul) at once: the value combining them one by one gives."""
        if not scalars:
            return value
        operands = [value, *scalars]
        scalars.clear()
        return self.guard(lambda: operation(*operands), token)

    def _enter(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.stream.error(f"the expression is nested more than {MAX_DEPTH} levels deep")

    def _text_from(self, first, last=None) -> Excerpt:
        """Source text from ``first`` to ``last`` (default: the last token read), for messages;
        cut out of the source only when a message is printed."""
        return self.stream.excerpt(first, last)


def _collects(value, right, operation) -> bool:
    """Whether ``right`` joins the scalars collected after ``value``: both scalars, and for a
    product, ``value`` already one of FOLDED factors or more."""
    if is_matrix(value) or is_matrix(right):
        return False
    return operation is sp.Add or (isinstance(value, sp.Mul) and len(value.args) >= FOLDED)


def _before_sizing(stream, first) -> int:
    """Where the first side's text starts: before a \\left or \\big that was dropped from the tokens."""
    source, start = stream.source, first.start
    while True:
        end = start
        while end > 0 and source[end - 1].isspace():
            end -= 1
        sizing = next((c for c in SIZING if source.endswith(c, 0, end)), None)
        if sizing is None:
            return start
        start = end - len(sizing)


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
_ENVIRONMENT = re.compile(r"\\begin\{(align|equation|gather|multline|eqnarray)")
_DISPLAY_OPENING = re.compile(r"\\begin\{(align\*?|equation\*?|gather\*?|multline\*?|eqnarray\*?)\}|\\\[|\$\$")


def math_of_document(text: str) -> str:
    """The math of a .tex file: its first align/equation environment (or \\[...\\], $$...$$) if it
    has one, else all of it; comments blanked. Removed text becomes spaces, so columns and lines
    in error messages are those of the file."""
    if "$" in text and not _ENVIRONMENT.search(text):
        return _math_of_markdown(text)
    text = _COMMENT.sub(lambda m: " " * len(m.group()), text)
    span = _first_display(text)
    if span is None:
        return text
    start, end = span
    return _blank(text[:start]) + text[start:end] + _blank(text[end:])


def _math_of_markdown(text: str) -> str:
    """The math of a Markdown cell: every $...$ and $$...$$, the rest blanked. The dollars are kept:
    each span is a row (a definition, or a chain of its own)."""
    kept, inside, i = [], False, 0
    while i < len(text):
        if text[i] == "$" and (i == 0 or text[i - 1] != "\\"):
            width = 2 if text.startswith("$$", i) else 1
            kept.append(text[i : i + width])
            inside = not inside
            i += width
            continue
        kept.append(text[i] if inside or text[i] == "\n" else " ")
        i += 1
    return "".join(kept)


def _first_display(text: str) -> tuple[int, int] | None:
    """The span of the first display (an environment up to its \\end, \\[...\\], $$...$$), or None.

    Linear in the text: a closing that is missing after one opening is missing after every later
    opening of its kind, so each kind is searched for to the end at most once."""
    missing = set()
    for opening in _DISPLAY_OPENING.finditer(text):
        environment = opening.group(1)
        closing = rf"\end{{{environment}}}" if environment else ("\\]" if opening.group() == "\\[" else "$$")
        if closing in missing:
            continue
        end = text.find(closing, opening.end())
        if end < 0:
            missing.add(closing)
            continue
        return opening.start(), end + len(closing)
    return None


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def parse_chain(source: str, scope: Scope, label: str = "") -> list[Side]:
    """The sides of ``E0 = E1 = ...`` (or of an align environment), parsed in ``scope``."""
    return _parsed(source, scope, label, Parser.chain)


def parse_derivation(source: str, scope: Scope, label: str = "", relations: bool = False) -> Derivation:
    """Rows of definitions and chains (several chains where a row starts a new one), parsed in
    ``scope``; the functions defined are added to ``scope.functions``. With ``relations``, a chain
    may relate its sides by any of READ_RELATIONS (each Side keeps its ``relation``); without, only
    by '=' and any other relation is an error."""
    return _parsed(source, scope, label, Parser.derivation, relations)


def parse_row(source: str, scope: Scope, label: str = "", above=None) -> list[Side]:
    """One printed row, as derive/rendering/worked.py prints it: an expression (one side), an
    equation or a chain of relations (``a \\le b``), optionally led by the relation to the row
    above (``\\le E``, ``\\overset{\\mathbb{E}}{=} E``), which the first side's ``relation`` keeps.
    ``above``: the value of the row above, whose shape a lone ``\\mathbf{0}`` in this row takes."""
    return _parsed(source, scope, label, Parser.row, True, above)


def _parsed(source: str, scope: Scope, label: str, read, relations: bool = False, above=None):
    if not source.strip():
        raise ParseError("the input is empty", source, 0, label)
    parser = Parser(source, scope, label, relations)
    parser.above = above
    try:
        return read(parser)
    except DeriveError:
        raise
    except (RecursionError, MemoryError):
        raise parser.stream.error("the expression is too deeply nested or too large") from None
    except Exception as exc:  # a construction the checks above missed: still the user's input, reported as such
        raise parser.stream.error(f"cannot read this formula here ({type(exc).__name__}: {exc})") from None

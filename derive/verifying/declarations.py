"""``--where`` declarations in LaTeX set notation (NOTATION.md), read into Givens.

    X \\in \\mathbb{R}^{n \\times d}     matrix          A \\in \\mathbb{S}^{d}       symmetric
    w \\in \\mathbb{R}^{d}               column vector   A \\in \\mathbb{S}^{d}_{++}  positive definite
    c \\in \\mathbb{R}                   scalar          y \\in \\{0,1\\}^{n}         binary labels
    \\lambda > 0, \\sigma^2 > 0          positive        y \\in \\{-1,1\\}^{n}        sign labels
    p \\in (0,1)                        probability     \\pi \\in \\Delta^{k}        simplex
    U \\in \\mathcal{O}^{n \\times d}      orthonormal columns (U^T U = I)
    Y \\in \\Delta^{k \\times n}           columns in the simplex;  \\{0,1\\}^{n \\times d}, (0,1)^{k \\times d} entrywise

Several declarations may share one string, separated by top-level commas; ``u, v \\in
\\mathbb{R}^d`` declares both. Letters in shapes are dimensions. A law among them (``\\mathbf{x}
\\sim \\operatorname{IID}(\\mu, \\sigma^2)``) is skipped here and read by derive.verifying.laws.
"""

from __future__ import annotations

import sympy as sp

from derive.core.domains import DOMAINS, ORTHONORMAL, POSITIVE, READ_KINDS, SPD, Domain, domain_of_set
from derive.core.symbols import Given
from derive.verifying.lexer import ParseError, Token, TokenStream
from derive.verifying.limits import MAX_ENTRIES, size_problem

# The sets --where reads, each in its domain's own spelling (for the error messages).
_SPELLINGS = [domain.notation.spelling for domain in DOMAINS.values() if not domain.notation.condition]
# Sets whose --where form is not their printed one (derive.core.domains prints them with a condition).
ORTHONORMAL_SET = r"\mathcal{O}"  # \mathcal{O}^{n \times d}: the n x d matrices with U^T U = I
# Set notations (derive.core.domains) read with a matrix shape too, beyond READ_KINDS: a matrix
# of entries in {0,1} or (0,1) ({0,1}^{n \times d}); of columns in the simplex (\Delta^{k \times n}).
MATRIX_SHAPES = ("vector", "simplex")


class _Set:
    def __init__(self, domain: Domain, shape: tuple = ()):
        self.domain, self.shape = domain, shape


def parse_declarations(declarations, label: str = "--where") -> tuple[Given, ...]:
    """Givens for every ``--where`` string; ParseError (with the column) for one it cannot read."""
    givens: dict[str, Given] = {}
    for text in declarations:
        for given in _Declarations(text, f"{label} '{text}'").all():
            givens[given.name] = given
    return tuple(givens.values())


class _Declarations:
    def __init__(self, text: str, label: str):
        self.stream = TokenStream(text, label)

    def all(self) -> list[Given]:
        found = []
        while self.stream.peek().kind != "end":
            names = [self._name()]
            while self.stream.accept(","):
                names.append(self._name())
            relation = self.stream.peek()
            if relation.is_(r"\sim"):  # a law, read by derive.verifying.laws
                self._skip_law()
                continue
            if relation.is_(r"\in"):
                self.stream.next()
                kind = self._set()
            elif relation.is_(">", r"\geq", r"\ge", r"\succ"):
                self.stream.next()
                self.stream.expect("0", " (only '> 0' is understood)")
                kind = _Set(SPD if relation.is_(r"\succ") else POSITIVE)
            else:
                raise self.stream.error(
                    f"expected \\in or > after the symbol but found {relation.describe()}", relation
                )
            found += [_given(name, kind, token) for name, token in names]
            if not self.stream.accept(","):
                token = self.stream.peek()
                if token.kind != "end":
                    raise self.stream.error(f"expected ',' between declarations but found {token.describe()}", token)
        return found

    def _skip_law(self) -> None:
        """Past ``\\sim D(...)`` and the comma after it."""
        depth = 0
        while self.stream.peek().kind != "end" and not (depth == 0 and self.stream.at(",")):
            token = self.stream.next()
            depth += token.is_("(", "{", "[") - token.is_(")", "}", "]")
        self.stream.accept(",")

    def _name(self):
        if not self.stream.starts_name():
            token = self.stream.peek()
            raise self.stream.error(f"expected a symbol to declare but found {token.describe()}", token)
        key, token = self.stream.name()
        if self.stream.accept("^"):  # \sigma^2 > 0 declares sigma
            self.stream.group_tokens()
        elif self.stream.at("("):  # P(+) \in (0,1): the probability of an event, one symbol
            key += _event(self.stream)
        return key, token

    def _set(self) -> _Set:
        token = self.stream.peek()
        if token.is_(r"\mathbb"):
            self.stream.next()
            letter = _joined(self.stream.group_tokens())
            superscript, subscript = self._scripts()
            spelling = rf"\mathbb{{{letter}}}" + (f"_{{{_joined(subscript)}}}" if subscript else "")
            return self._in(self._blackboard(spelling, letter, token), superscript, token)
        if token.is_(r"\{"):
            return self._finite_set()
        if token.is_("("):
            self.stream.next()
            for expected in ("0", ",", "1", ")"):
                self.stream.expect(expected, " (the open interval is written (0,1))")
            superscript, _ = self._scripts()
            return self._in(domain_of_set("(0,1)"), superscript, token)
        if token.is_(r"\mathcal") and self.stream.peek(1).is_("{") and self.stream.peek(2).is_("O"):
            self.stream.next()
            self.stream.group_tokens()
            superscript, _ = self._scripts()
            if not superscript:
                raise self.stream.error(
                    "give the shape of the matrices with orthonormal columns: \\mathcal{O}^{n \\times d}", token
                )
            return _Set(ORTHONORMAL, self._shape(superscript))
        if token.is_(r"\Delta"):
            self.stream.next()
            superscript, subscript = self._scripts()
            return self._in(domain_of_set(r"\Delta"), superscript or subscript, token)
        raise self.stream.error(f"unknown set {token.describe()}: see `derive verify --help`", token)

    def _blackboard(self, spelling: str, letter: str, token) -> Domain:
        domain = domain_of_set(spelling)
        if domain is not None:
            return domain
        if domain_of_set(rf"\mathbb{{{letter}}}") is None:
            known = " or ".join(dict.fromkeys(s for s in _SPELLINGS if s.startswith(r"\mathbb") and "_" not in s))
            raise self.stream.error(f"unknown set \\mathbb{{{letter}}}: use {known}", token)
        raise self.stream.error(f"unknown set {spelling}: see `derive verify --help`", token)

    def _in(self, domain: Domain, tokens, token) -> _Set:
        """The set of ``domain`` with the shape its notation reads from ``tokens`` (the superscript)."""
        style = domain.notation.shape
        if style == "side":
            if not tokens:
                raise self.stream.error("give the size of the symmetric matrices: \\mathbb{S}^{d}", token)
            (size,) = self._shape(tokens, vector_only=True)[:1]
            return _Set(domain, (size, size))
        matrices = "matrix" in READ_KINDS[style] or style in MATRIX_SHAPES
        return _Set(domain, self._shape(tokens, vector_only=not matrices))

    def _finite_set(self) -> _Set:
        first = self.stream.next()
        members = []
        while not self.stream.at(r"\}"):
            token = self.stream.next()
            if token.kind == "end":
                raise self.stream.error("unbalanced '\\{'", first)
            members.append(token.text)
        self.stream.next()
        domain = domain_of_set(r"\{" + "".join(members).replace("+", "") + r"\}")
        if domain is None:
            known = " and ".join(s for s in _SPELLINGS if s.startswith(r"\{"))
            raise self.stream.error(f"only the sets {known} are understood", first)
        superscript, _ = self._scripts()
        return self._in(domain, superscript, first)

    def _scripts(self):
        superscript = subscript = None
        for _ in range(2):
            if self.stream.accept("^"):
                superscript = self.stream.group_tokens()
            elif self.stream.accept("_"):
                subscript = self.stream.group_tokens()
        return superscript, subscript

    def _shape(self, tokens, vector_only: bool = False) -> tuple:
        if not tokens:
            return ()
        extents, current = [], []
        for token in tokens:
            if token.is_(r"\times", "*", ","):
                extents.append(current)
                current = []
            else:
                current.append(token)
        extents.append(current)
        extents = [_subscripted(extent) for extent in extents]
        if (
            any(len(extent) not in (1, 3) for extent in extents)
            or len(extents) > 2
            or (vector_only and len(extents) > 1)
        ):
            raise self.stream.error(
                "a shape is one or two sizes: \\mathbb{R}^{d} or \\mathbb{R}^{n \\times d}", tokens[0]
            )
        sizes = tuple(_extent(extent, self.stream) for extent in extents)
        if len(sizes) == 2 and all(size.is_Integer for size in sizes) and sizes[0] * sizes[1] > MAX_ENTRIES:
            raise self.stream.error(
                f"a {sizes[0]}×{sizes[1]} matrix has more than {MAX_ENTRIES:,} entries, the most derive verify checks",
                tokens[0],
            )
        return sizes if len(sizes) == 2 else (sizes[0], sp.Integer(1))


def _subscripted(tokens: list) -> list:
    """The tokens of one size, each subscripted letter (``n_{A}``, ``n_A``) joined into one letter token ``n_A``."""
    joined, i = [], 0
    while i < len(tokens):
        if tokens[i].kind == "letter" and i + 2 < len(tokens) and tokens[i + 1].is_("_"):
            braced = tokens[i + 2].is_("{")
            end = (
                next((j for j in range(i + 3, len(tokens)) if tokens[j].is_("}")), len(tokens)) + 1 if braced else i + 3
            )
            inner = tokens[i + 3 : end - 1] if braced else tokens[i + 2 : end]
            if inner and all(t.kind in ("letter", "number") for t in inner):
                joined.append(Token("letter", tokens[i].text + "_" + _joined(inner), tokens[i].start))
                i = end
                continue
        joined.append(tokens[i])
        i += 1
    return joined


def _extent(tokens, stream):
    """A size: a letter, a whole number, or the sum or difference of two (``d - r``)."""
    if len(tokens) == 3 and tokens[1].is_("+", "-"):
        first, second = _extent(tokens[:1], stream), _extent(tokens[2:], stream)
        return first + second if tokens[1].is_("+") else first - second
    if len(tokens) == 3:
        raise stream.error("a size is a letter, a whole number, or two joined by + or -", tokens[1])
    (token,) = tokens
    if token.kind == "number" and token.text.isdigit():
        problem = size_problem(token.text)  # at most MAX_SIZE: the symbolic check writes every entry out
        if problem:
            raise stream.error(problem, token)
        return sp.Integer(int(token.text))
    if token.kind == "letter":
        return sp.Symbol(token.text, integer=True, positive=True)
    raise stream.error(f"a size is a letter or a whole number, not {token.describe()}", token)


def _event(stream) -> str:
    """``(+)``, ``(A)``: the parenthesised event of a probability declared as one symbol (consumed)."""
    opener = stream.next()
    inside = []
    while not stream.at(")"):
        token = stream.next()
        if token.kind == "end" or token.is_("("):
            raise stream.error("expected ')' to close the event of a probability, as in P(+)", opener)
        inside.append(token)
    stream.next()
    return f"({_joined(inside)})"


def _joined(tokens) -> str:
    return "".join(token.text for token in tokens)


def _given(key: str, kind: _Set, token) -> Given:
    if not kind.shape:
        return Given(sp.Symbol(key, **dict(kind.domain.assumptions)), "declared", kind.domain)
    if kind.domain.notation.shape == "side" and kind.shape[0] != kind.shape[1]:
        raise ParseError("a symmetric matrix must be square", "", token.start)
    return Given(sp.MatrixSymbol(key, *kind.shape), "declared", kind.domain)


def declaration(given: Given) -> str | None:
    """The ``--where`` declaration of a given, in its domain's set notation (None for a domain the
    notation has no set for).

    Example: ``declaration(Given(matrix("X", n, d)))`` is ``"\\mathbf{X} \\in \\mathbb{R}^{n \\times d}"``;
    a random given's law follows (derive.core.laws): ``"\\mathbf{x} \\in \\mathbb{R}^{n}, \\mathbf{x} \\sim
    \\operatorname{IID}(\\mu, \\sigma^{2})"``.
    """
    from derive.rendering.latex import render_latex

    dims = [sp.latex(extent) for extent in given.shape]
    found = given.domain.notation.where(dims, given.kind) or _where_beyond_the_notation(given, dims)
    if not found:
        return None
    name = render_latex(given.symbol)
    if given.law is None:
        return f"{name} \\in {found}"
    parameters = ", ".join(render_latex(parameter) for parameter in given.law.parameters)
    return f"{name} \\in {found}, {name} \\sim {given.law.notation}({parameters})"


def _where_beyond_the_notation(given: Given, dims: list[str]) -> str | None:
    """The --where set of a given whose domain's notation has none for its kind: orthonormal
    columns, a matrix of entries in {0,1} or (0,1), or of columns in the simplex (None otherwise)."""
    notation = given.domain.notation
    if given.kind != "matrix":
        return None
    shape = rf"^{{{dims[0]} \times {dims[1]}}}"
    if given.domain is ORTHONORMAL:
        return ORTHONORMAL_SET + shape
    if notation.shape in MATRIX_SHAPES and not notation.condition:
        return notation.head + shape + notation.after
    return None

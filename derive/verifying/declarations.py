"""``--where`` declarations in LaTeX set notation (NOTATION.md), read into Givens.

    X \\in \\mathbb{R}^{n \\times d}     matrix          A \\in \\mathbb{S}^{d}       symmetric
    w \\in \\mathbb{R}^{d}               column vector   A \\in \\mathbb{S}^{d}_{++}  positive definite
    c \\in \\mathbb{R}                   scalar          y \\in \\{0,1\\}^{n}         binary labels
    \\lambda > 0, \\sigma^2 > 0          positive        y \\in \\{-1,1\\}^{n}        sign labels
    p \\in (0,1)                        probability     \\pi \\in \\Delta^{k}        simplex

Several declarations may share one string, separated by top-level commas; ``u, v \\in
\\mathbb{R}^d`` declares both. Letters in shapes are dimensions.
"""

from __future__ import annotations

import sympy as sp

from derive.core.symbols import BINARY, POSITIVE, PROBABILITY, REAL, SIGNS, SIMPLEX, SPD, SYMMETRIC, Domain, Given
from derive.verifying.lexer import ParseError, TokenStream

POSITIVE_SUBSCRIPTS = (">0", "+", "++", r"\geq0", r"\ge0", "\\geq 0")


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

    def _name(self):
        if not self.stream.starts_name():
            token = self.stream.peek()
            raise self.stream.error(f"expected a symbol to declare but found {token.describe()}", token)
        key, token = self.stream.name()
        if self.stream.accept("^"):  # \sigma^2 > 0 declares sigma
            self.stream.group_tokens()
        return key, token

    def _set(self) -> _Set:
        token = self.stream.peek()
        if token.is_(r"\mathbb"):
            self.stream.next()
            letter = "".join(t.text for t in self.stream.group_tokens())
            superscript, subscript = self._scripts()
            return self._blackboard(letter, superscript, subscript, token)
        if token.is_(r"\{"):
            return self._finite_set()
        if token.is_("("):
            self.stream.next()
            for expected in ("0", ",", "1", ")"):
                self.stream.expect(expected, " (the open interval is written (0,1))")
            superscript, _ = self._scripts()
            return _Set(PROBABILITY, self._shape(superscript, vector_only=True))
        if token.is_(r"\Delta"):
            self.stream.next()
            superscript, subscript = self._scripts()
            return _Set(SIMPLEX, self._shape(superscript or subscript, vector_only=True))
        raise self.stream.error(f"unknown set {token.describe()}: see `derive verify --help`", token)

    def _blackboard(self, letter: str, superscript, subscript, token) -> _Set:
        positive = "".join(t.text for t in subscript) in POSITIVE_SUBSCRIPTS if subscript else False
        if letter == "R":
            return _Set(POSITIVE if positive else REAL, self._shape(superscript))
        if letter == "S":
            if not superscript:
                raise self.stream.error("give the size of the symmetric matrices: \\mathbb{S}^{d}", token)
            (size,) = self._shape(superscript, vector_only=True)[:1]
            return _Set(SPD if subscript else SYMMETRIC, (size, size))
        raise self.stream.error(f"unknown set \\mathbb{{{letter}}}: use \\mathbb{{R}} or \\mathbb{{S}}", token)

    def _finite_set(self) -> _Set:
        first = self.stream.next()
        members = []
        while not self.stream.at(r"\}"):
            token = self.stream.next()
            if token.kind == "end":
                raise self.stream.error("unbalanced '\\{'", first)
            members.append(token.text)
        self.stream.next()
        text = "".join(members).replace("+", "")
        domains = {"0,1": BINARY, "-1,1": SIGNS, r"\pm1": SIGNS}
        if text not in domains:
            raise self.stream.error("only the sets \\{0,1\\} and \\{-1,1\\} are understood", first)
        superscript, _ = self._scripts()
        return _Set(domains[text], self._shape(superscript, vector_only=True))

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
        if any(len(extent) != 1 for extent in extents) or len(extents) > 2 or (vector_only and len(extents) > 1):
            raise self.stream.error(
                "a shape is one or two sizes: \\mathbb{R}^{d} or \\mathbb{R}^{n \\times d}", tokens[0]
            )
        sizes = tuple(_extent(extent[0], self.stream) for extent in extents)
        return sizes if len(sizes) == 2 else (sizes[0], sp.Integer(1))


def _extent(token, stream):
    if token.kind == "number" and token.text.isdigit():
        return sp.Integer(int(token.text))
    if token.kind == "letter":
        return sp.Symbol(token.text, integer=True, positive=True)
    raise stream.error(f"a size is a letter or a whole number, not {token.describe()}", token)


def _given(key: str, kind: _Set, token) -> Given:
    if not kind.shape:
        return Given(sp.Symbol(key, **dict(kind.domain.assumptions)), "declared", kind.domain)
    if kind.domain in (SYMMETRIC, SPD) and kind.shape[0] != kind.shape[1]:
        raise ParseError("a symmetric matrix must be square", "", token.start)
    return Given(sp.MatrixSymbol(key, *kind.shape), "declared", kind.domain)


_SCALAR_SETS = {"real": r"\mathbb{R}", "positive": r"\mathbb{R}_{>0}", "probability": "(0,1)"}
_SCALAR_SETS.update({"binary": r"\{0,1\}", "signs": r"\{-1,1\}"})
_VECTOR_SETS = {
    "real": r"\mathbb{R}^{%s}",
    "positive": r"\mathbb{R}^{%s}_{>0}",
    "probability": "(0,1)^{%s}",
    "binary": r"\{0,1\}^{%s}",
    "signs": r"\{-1,1\}^{%s}",
    "simplex": r"\Delta^{%s}",
}
_MATRIX_SETS = {"real": r"\mathbb{R}^{%s \times %s}", "symmetric": r"\mathbb{S}^{%s}", "spd": r"\mathbb{S}^{%s}_{++}"}


def declaration(given: Given) -> str | None:
    """The ``--where`` declaration of a given (None for a domain the notation has no set for).

    Example: ``declaration(Given(matrix("X", n, d)))`` is ``"\\mathbf{X} \\in \\mathbb{R}^{n \\times d}"``.
    """
    from derive.rendering.latex import render_latex

    name, domain = render_latex(given.symbol), given.domain.name
    if not given.shape:
        found = _SCALAR_SETS.get(domain)
    elif given.shape[1] == 1:
        found = _VECTOR_SETS[domain] % sp.latex(given.shape[0]) if domain in _VECTOR_SETS else None
    elif domain in ("symmetric", "spd"):
        found = _MATRIX_SETS[domain] % sp.latex(given.shape[0])
    else:
        found = _MATRIX_SETS["real"] % tuple(sp.latex(e) for e in given.shape) if domain == "real" else None
    return f"{name} \\in {found}" if found else None

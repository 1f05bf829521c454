"""Tokens of a LaTeX formula, each with its position, and the parse error that points at one.

The tokenizer never interprets anything: it splits ``\\nabla_{w} \\tfrac12\\|Xw-y\\|^2`` into
commands, single letters, numbers and punctuation, dropping spacing and sizing commands
(``\\,``, ``\\quad``, ``\\left``, ``\\big``...) that carry no mathematics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derive.core.errors import DeriveError
from derive.verifying.limits import MAX_DIGITS, MAX_TOKENS, QUOTE_WINDOW

OPENERS = {"(": ")", "[": "]", r"\{": r"\}", r"\lbrace": r"\rbrace", r"\lbrack": r"\rbrack"}  # bracket pairs

LOOKAHEAD = 8
# Commands that only adjust spacing or delimiter size: dropped.
IGNORED = frozenset(
    r"""\, \; \: \! \> \  \quad \qquad \displaystyle \textstyle \scriptstyle \left \right \middle
    \big \Big \bigg \Bigg \bigl \bigr \Bigl \Bigr \biggl \biggr \Biggl \Biggr \limits \nolimits
    \nonumber \notag \hfill \allowbreak \[ \]""".split()
) | {"\\ "}

_TOKEN = re.compile(
    r"""(?P<space>\s+|~)
      | (?P<command>\\[A-Za-z]+|\\.)
      | (?P<number>\d+(?:\.\d+)?|\.\d+)
      | (?P<letter>[A-Za-z])
      | (?P<char>[-+*/^_(){}\[\]|,=&'!<>.:;$])
      | (?P<unicode>[^\x00-\x7f]+)""",
    re.VERBOSE,
)
_EMPTY_DELIMITER = re.compile(r"\s*\.")  # after \left or \right: \left. is no delimiter
_BAR_AHEAD = re.compile(r"\\right\s*(\||\\vert|\\rvert)\s*_")  # \left. ... \right|_{t=0}: an evaluation bar
EVALUATION_OPENER = r"\left."  # the token of a \left. that an evaluation bar closes


@dataclass(frozen=True)
class Token:
    kind: str  # "command", "number", "letter", "char" or "end"
    text: str
    start: int  # offset in the input (0-based)
    width: int | None = None  # characters in the input, where not len(text): a Unicode character read as LaTeX

    @property
    def end(self) -> int:
        return self.start + (len(self.text) if self.width is None else self.width)

    def is_(self, *texts: str) -> bool:
        return self.text in texts and self.kind != "end"

    def describe(self) -> str:
        return "the end of the input" if self.kind == "end" else f"'{self.text}'"

    def unexpected(self) -> str:
        """The problem of finding this token where it does not fit."""
        return "the input ends too early" if self.kind == "end" else f"unexpected '{self.text}'"


@dataclass(frozen=True)
class Excerpt:
    """The text of a part of the input, for error messages: kept as two tokens and cut out of the
    source only when printed, so that naming every operand costs nothing while parsing."""

    source: str
    first: Token
    last: Token

    def __str__(self) -> str:
        if self.last.start < self.first.start:
            return self.first.text
        if self.last.end - self.first.start > 4 * QUOTE_WINDOW:  # a long operand: its two ends
            head = self.source[self.first.start : self.first.start + QUOTE_WINDOW].strip()
            return f"{head} … {self.source[self.last.end - QUOTE_WINDOW : self.last.end].strip()}"
        return self.source[self.first.start : self.last.end].strip()


class ParseError(DeriveError):
    """The input could not be understood: the message names the problem and the column, and
    ``render()`` shows the input with a caret under the place."""

    def __init__(self, problem: str, source: str, position: int, label: str = ""):
        problem, label = _shortened(problem, 8 * QUOTE_WINDOW), _shortened(label, 2 * QUOTE_WINDOW)
        self.problem, self.source, self.position, self.label = problem, source, max(0, position), label
        self.line = source.count("\n", 0, self.position) + 1
        self.column = self.position - (source.rfind("\n", 0, self.position) + 1) + 1
        super().__init__(self.headline())

    def headline(self) -> str:
        where = f" in {self.label}" if self.label else ""
        line = f"line {self.line}, " if "\n" in self.source.strip() else ""
        return f"{self.problem} at {line}column {self.column}{where}"

    def render(self) -> str:
        """The headline, the input's line and a caret under the column; of a long line, only the
        QUOTE_WINDOW characters around the caret, with '…' where the line goes on."""
        line_start = self.source.rfind("\n", 0, self.position) + 1
        line_end = self.source.find("\n", self.position)
        line_end = line_end if line_end >= 0 else len(self.source)
        start = max(line_start, min(self.position - QUOTE_WINDOW // 2, line_end - QUOTE_WINDOW))
        end = min(line_end, start + QUOTE_WINDOW)
        before, after = ("…" if start > line_start else ""), ("…" if end < line_end else "")
        line = before + self.source[start:end] + after
        caret = " " * (len(before) + self.position - start) + "^"
        return f"{self.headline()}\n  {line}\n  {caret}"

    def __str__(self) -> str:
        return self.render()


def _shortened(text: str, length: int) -> str:
    """``text``, or its first ``length`` characters and '…': a message never echoes a long input."""
    return text if len(text) <= length else text[:length] + "…"


def tokenize(source: str, label: str = "") -> list[Token]:
    """The tokens of ``source``, ending with an "end" token; ParseError on a character it cannot
    read, a number longer than MAX_DIGITS, or more than MAX_TOKENS tokens. Linear in the input."""
    tokens, position = [], 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ParseError(f"unexpected character {source[position]!r}", source, position, label)
        kind, text = match.lastgroup, match.group()
        if kind == "unicode":
            tokens.extend(_unicode_tokens(text, source, position, label))
        elif kind != "space" and text not in IGNORED:
            if kind == "number" and len(text) > MAX_DIGITS:
                problem = (
                    f"a number of {len(text):,} digits: derive verify reads numbers of at most {MAX_DIGITS} digits"
                )
                raise ParseError(problem, source, position, label)
            if len(tokens) == MAX_TOKENS:
                problem = f"the input is too long: derive verify reads at most {MAX_TOKENS:,} symbols per formula"
                raise ParseError(problem, source, position, label)
            tokens.append(Token(kind, text, position))
        position = match.end()
        if text in (r"\left", r"\right"):
            empty = _EMPTY_DELIMITER.match(source, position)
            if empty and text == r"\left" and _BAR_AHEAD.search(source, empty.end()):
                tokens.append(
                    Token("command", EVALUATION_OPENER, position - len(text), len(text) + empty.end() - position)
                )
            position = empty.end() if empty else position  # \left. and \right. are empty delimiters
    # Several end tokens, so that looking a few tokens ahead never runs off the list.
    tokens.extend(Token("end", "", len(source)) for _ in range(LOOKAHEAD))
    return tokens


def _unicode_tokens(run: str, source: str, position: int, label: str) -> list[Token]:
    """The tokens of the LaTeX of a run of Unicode characters, each at its character's place."""
    from derive.verifying.unicode import latex_of_run

    found = []
    pieces = latex_of_run(run)
    for (offset, latex), following in zip(pieces, [p[0] for p in pieces[1:]] + [len(run)]):
        if latex is None:
            raise ParseError(f"unexpected character {run[offset]!r}", source, position + offset, label)
        width = following - offset
        found += [Token(t.kind, t.text, position + offset, width) for t in tokenize(latex)[:-LOOKAHEAD]]
    return found


GREEK = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi rho
    varrho sigma tau pi varpi upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega
    ell""".split()
)
# Typefaces that name the same symbol as the plain letter (\mathcal{L} is L).
# Accents that name a symbol of their own, keyed as SymPy names it: \hat{x} is the symbol xhat.
ACCENTS = {r"\hat": "hat", r"\tilde": "tilde"}
BOLD = frozenset((r"\mathbf", r"\boldsymbol", r"\bm", r"\vec", r"\mathbfit", r"\pmb", r"\mathcal", r"\mathscr"))


class TokenStream:
    """A cursor over the tokens of one input, with the errors that point into it."""

    def __init__(self, source: str, label: str = ""):
        self.source, self.label = source, label
        self.tokens = tokenize(source, label)
        self.index = 0

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def next(self) -> Token:
        token = self.peek()
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def at(self, *texts: str) -> bool:
        return self.peek().is_(*texts)

    def accept(self, *texts: str) -> Token | None:
        return self.next() if self.at(*texts) else None

    def expect(self, text: str, what: str = "") -> Token:
        if not self.at(text):
            found = self.peek()
            raise self.error(f"expected '{text}'{what} but found {found.describe()}", found)
        return self.next()

    def error(self, problem: str, token: Token | None = None) -> ParseError:
        return ParseError(problem, self.source, (token or self.peek()).start, self.label)

    def text_between(self, first: Token, last: Token) -> str:
        return self.source[first.start : last.end].strip()

    def excerpt(self, first: Token, last: Token | None = None) -> Excerpt:
        """The source from ``first`` to ``last`` (default: the last token read), cut out only when printed."""
        return Excerpt(self.source, first, last if last is not None else self.last_read())

    def last_read(self) -> Token:
        return self.tokens[self.index - 1]

    def group_tokens(self) -> list[Token]:
        """The tokens of a braced group ``{...}`` (consumed), or of the next single token."""
        if not self.at("{"):
            token = self.next()
            if token.kind == "end":
                raise self.error("expected an argument but found the end of the input", token)
            return [token]
        opening = self.next()
        depth, inside = 1, []
        while True:
            token = self.next()
            if token.kind == "end":
                raise self.error("unbalanced '{': no matching '}'", opening)
            depth += token.is_("{") - token.is_("}")
            if depth == 0:
                return inside
            inside.append(token)

    def starts_name(self) -> bool:
        token = self.peek()
        return token.kind == "letter" or token.text[1:] in GREEK or token.text in BOLD or token.text in ACCENTS

    def name(self) -> tuple[str, Token]:
        """A symbol name as its key: ``x``, ``W_{1}`` and ``\\mathbf{W}_1`` are all ``W_1``;
        ``\\hat{x}``, ``\\hat{\\mathbf{x}}`` and ``\\boldsymbol{\\hat{x}}`` are ``xhat``."""
        first = self.next()
        if first.text in ACCENTS or (first.text in BOLD and self.peek(1).text in ACCENTS):
            base, inner_subscript = self._accented(first), ""
        elif first.text in BOLD:
            inner = self.group_tokens()
            if not inner or not (inner[0].kind == "letter" or inner[0].text[1:] in GREEK or inner[0].kind == "number"):
                raise self.error(f"expected a letter inside {first.text}", inner[0] if inner else first)
            base = inner[0].text.lstrip("\\")
            inner_subscript = _subscript_key(inner[2:]) if len(inner) > 2 and inner[1].is_("_") else ""
            if len(inner) > 1 and not inner[1].is_("_"):
                raise self.error(f"one symbol per {first.text}{{...}}: write products outside it", inner[1])
        elif first.kind == "letter" or first.text[1:] in GREEK:
            base, inner_subscript = first.text.lstrip("\\"), ""
        else:
            raise self.error(f"expected a symbol but found {first.describe()}", first)
        subscript = inner_subscript
        if self.at("_"):
            self.next()
            subscript = _subscript_key(self.group_tokens())
        return (f"{base}_{subscript}" if subscript else base), first

    def _accented(self, first: Token) -> str:
        """The key of an accented letter, ``first`` being its accent or a typeface around it."""
        tokens = [first, *self.group_tokens()]
        accents = [t for t in tokens if t.text in ACCENTS]
        letters = [t for t in tokens if t.text not in ACCENTS and t.text not in BOLD and not t.is_("{", "}")]
        if len(accents) != 1 or len(letters) != 1 or not (letters[0].kind == "letter" or letters[0].text[1:] in GREEK):
            raise self.error(f"expected one letter under {accents[0].text if accents else first.text}", first)
        return letters[0].text.lstrip("\\") + ACCENTS[accents[0].text]


def _subscript_key(tokens: list[Token]) -> str:
    return "".join(t.text.lstrip("\\") for t in tokens if not t.is_("{", "}"))


def name_key(symbol_name: str) -> str:
    """The key of a SymPy symbol name as a user would write it: ``W1`` -> ``W_1``, ``Sigma`` -> ``Sigma``."""
    import sympy as sp

    stream = TokenStream(sp.latex(sp.Symbol(symbol_name)))
    try:
        key, _ = stream.name()
    except ParseError:
        return symbol_name
    return key if stream.peek().kind == "end" else symbol_name

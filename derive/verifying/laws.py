"""Random variables declared in ``--where`` (``X \\sim \\mathcal{N}(\\mu, \\sigma^2)``; a declared vector
``\\mathbf{x} \\sim ...``: its entries independent, each with that law), read into the scope's laws.
A law may follow the variable's declaration in the same string, after a comma:
``\\mathbf{x} \\in \\mathbb{R}^{n}, \\mathbf{x} \\sim \\operatorname{IID}(\\mu, \\sigma^2)``
(derive.verifying.randomness says what is computed from them)."""

from __future__ import annotations

from derive.verifying.lexer import OPENERS, TokenStream
from derive.verifying.parser import Parser
from derive.verifying.randomness import DISTRIBUTIONS, minibatch_law
from derive.verifying.shapes import is_matrix

CLOSERS = set(OPENERS.values())
FONTS = (r"\mathcal", r"\operatorname", r"\mathrm", r"\text", r"\textrm", r"\mathit")


def is_law(text: str) -> bool:
    """Whether a ``--where`` string declares a random variable: it has \\sim."""
    return any(token.is_(r"\sim") for token in TokenStream(text).tokens)


def law_starts(stream: TokenStream) -> list[int]:
    """Where each law of a ``--where`` string begins (token positions): its top-level
    comma-separated parts that have \\sim (``\\mathbf{x} \\in \\mathbb{R}^{n}, \\mathbf{x} \\sim ...``
    declares x, then states its law)."""
    starts, part, depth = [], 0, 0
    tokens = stream.tokens
    for position, token in enumerate(tokens):
        if token.kind == "end" or (depth == 0 and token.is_(",")):
            if any(t.is_(r"\sim") for t in tokens[part:position]):
                starts.append(part)
            part = position + 1
        depth += (token.text in OPENERS or token.is_("{")) - (token.text in CLOSERS or token.is_("}"))
    return starts


def read_laws(texts, scope) -> None:
    """Each ``X \\sim D(params)`` into ``scope.laws``; ParseError for one that cannot be read."""
    for text in texts:
        parser = Parser(text, scope, f"--where '{text}'")
        for start in law_starts(parser.stream):
            parser.stream.index = start
            _read_law(parser, scope)


def _read_law(parser, scope) -> None:
    stream = parser.stream
    key, token = stream.name()
    stream.expect(r"\sim")
    name_token = stream.next()
    name = "".join(t.text for t in stream.group_tokens()) if name_token.is_(*FONTS) else name_token.text
    if name not in DISTRIBUTIONS:
        known = ", ".join(dict.fromkeys(form for _, _, form in DISTRIBUTIONS.values()))
        raise stream.error(f"unknown distribution {name}: derive verify knows {known}", name_token)
    law, counts, form = DISTRIBUTIONS[name]
    opener = stream.peek()
    if not opener.is_("("):
        raise stream.error(f"write {key} \\sim {form}", opener)
    parameters = parser._arguments()
    if stream.peek().kind != "end" and not stream.at(","):
        found = stream.peek().describe()
        raise stream.error(f"a random variable's law is followed by ',' or nothing, not by {found}")
    if len(parameters) not in counts or any(is_matrix(p) for p in parameters):
        raise stream.error(f"write {key} \\sim {form} with scalar parameters", opener)
    symbol = scope.lookup(key)
    if is_matrix(symbol) and symbol.shape[1] != 1:
        raise stream.error("a random variable is a scalar or a vector (of independent entries)", token)
    if law is minibatch_law and not is_matrix(symbol):
        raise stream.error("a minibatch is a mask vector: \\mathbf{m} \\sim \\operatorname{Minibatch}(b)", token)
    scope.laws[symbol] = law(*parameters)

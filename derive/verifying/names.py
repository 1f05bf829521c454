"""Names of more than a letter and its subscript: a given named ``\\sigma^{2}`` (a variance declared as
a symbol of its own) and a probability declared as one symbol, ``P(+)`` (``--where 'P(+) \\in (0,1)'``).
A mixin of derive.verifying.parser.Parser."""

from __future__ import annotations


class CompoundNames:
    """Expects ``stream`` and ``scope``."""

    def compound_key(self, key: str) -> str:
        """``key`` extended by what follows it when that names a declared symbol: ``^{2}`` after
        sigma where ``sigma^2`` is declared, ``(+)`` after P where ``P(+)`` is; the tokens are
        then consumed. Otherwise ``key``, nothing consumed."""
        stream, start = self.stream, self.stream.index
        for opener, closer, written in (("^", None, "{}^{}"), ("(", ")", "{}({})")):
            if not stream.at(opener):
                continue
            stream.next()
            if closer is None:
                inside = stream.group_tokens()
            else:
                inside = []
                while not stream.at(closer) and stream.peek().kind != "end" and len(inside) < 4:
                    inside.append(stream.next())
                stream.accept(closer)
            compound = written.format(key, "".join(t.text for t in inside))
            if compound in self.scope.declared:
                return compound
            stream.index = start
        return key

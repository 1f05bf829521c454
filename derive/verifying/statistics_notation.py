"""The notation of statistics texts: ``\\bar{\\mathbf{x}}``, the mean of the entries of a column vector
(derive.core.statistics.SampleMean); ``P(a > b)``, the probability of an event, comparisons joined
by \\wedge (Probability: read to be compared, never evaluated); ``\\Phi^{-1}(q)``, the standard normal quantile; ``\\mathrm{B}(a, b)``, the Beta function; ``\\binom{n}{k}``. A mixin of
derive.verifying.parser.Parser (through derive.verifying.atoms.Atoms)."""

from __future__ import annotations

import sympy as sp

from derive.core.statistics import NormalCDF, NormalQuantile, Probability, SampleMean
from derive.verifying.lexer import OPENERS
from derive.verifying.shapes import is_matrix

EVENT_RELATIONS = {
    "<": sp.StrictLessThan,
    ">": sp.StrictGreaterThan,
    r"\le": sp.LessThan,
    r"\leq": sp.LessThan,
    r"\ge": sp.GreaterThan,
    r"\geq": sp.GreaterThan,
}
INVERSES = {NormalCDF: NormalQuantile}  # f^{-1}(x) of these functions
CONJUNCTIONS = (r"\wedge", r"\land")  # "and" between the comparisons of an event
BINOMIALS = (r"\binom", r"\dbinom", r"\tbinom")


class StatisticsNotation:
    """Expects ``stream``, ``scope``, ``closers``, ``grouped``, ``expression`` and ``atom``."""

    def sample_mean(self):
        token = self.stream.next()
        if self.stream.at("{"):
            opener = self.stream.next()
            vector = self.grouped("}", opener)
        else:
            vector = self.atom()
        if not is_matrix(vector) or vector.shape[1] != 1:
            raise self.stream.error(r"\bar{...} is the mean of a column vector's entries: \bar{\mathbf{x}}", token)
        return SampleMean(vector)

    def probability_at(self) -> bool:
        """Whether an undeclared P opens ``P(a > b)``: a relation inside its parentheses."""
        tokens, i = self.stream.tokens, self.stream.index
        if not (tokens[i].is_("P") and tokens[i + 1].is_("(")) or self.scope.is_known("P"):
            return False
        depth = 0
        for token in tokens[i + 1 :]:
            depth += (token.text in OPENERS) - (token.text in OPENERS.values())
            if depth == 0 or token.kind == "end":
                return False
            if depth == 1 and token.text in EVENT_RELATIONS:
                return True
        return False

    def probability(self):
        """``P(a > b)``, or of events joined by \\wedge: ``P(a \\le \\mu \\wedge \\mu \\le b)``."""
        self.stream.next()
        opener = self.stream.next()
        self.closers.extend((")", *CONJUNCTIONS))
        events = [self._comparison()]
        while self.stream.accept(*CONJUNCTIONS):
            events.append(self._comparison())
        del self.closers[-1 - len(CONJUNCTIONS) :]
        self.stream.expect(")", f" to close the event opened at column {opener.start + 1}")
        return Probability(sp.And(*events) if len(events) > 1 else events[0])

    def _comparison(self):
        left = self.expression()
        relation = self.stream.next()
        if relation.text not in EVENT_RELATIONS:
            raise self.stream.error(f"an event compares two scalars (a < b), not {relation.describe()}", relation)
        right = self.expression()
        if is_matrix(left) or is_matrix(right):
            raise self.stream.error("an event compares two scalars: P(a > b)", relation)
        return EVENT_RELATIONS[relation.text](left, right)

    def over_subscript(self, laws: dict) -> dict:
        """The law of the random variable an expectation's subscript names (``\\mathbb{E}_{\\mathbf{m}}``),
        the subscript consumed."""
        underscore = self.stream.next()
        braced = self.stream.accept("{") is not None
        key, _ = self.stream.name()
        if braced:
            self.stream.expect("}")
        symbol = self.scope.lookup(key)
        if symbol not in laws:
            raise self.stream.error(f"declare the law of {key}: --where '{key} \\sim ...'", underscore)
        return {symbol: laws[symbol]}

    def beta_function(self, token):
        """``\\mathrm{B}(a, b)``, the Beta function of two scalars, read as its definition
        Gamma(a) Gamma(b) / Gamma(a + b): SymPy's beta stays unevaluated at whole numbers, where
        the Gamma functions are numbers (the catalog's Beta function is the same ratio)."""
        arguments = self._arguments()
        if len(arguments) != 2 or any(is_matrix(a) for a in arguments):
            raise self.stream.error(r"the Beta function takes two scalars: \mathrm{B}(a, b)", token)
        first, second = arguments
        return sp.gamma(first) * sp.gamma(second) / sp.gamma(first + second)

    def binomial(self):
        """``\\binom{n}{k}`` of two scalars."""
        token = self.stream.next()
        top, bottom = self._group_expression(), self._group_expression()
        if is_matrix(top) or is_matrix(bottom):
            raise self.stream.error(r"a binomial coefficient takes two scalars: \binom{n}{k}", token)
        return sp.binomial(top, bottom)

    def inverse_at(self, special) -> bool:
        """Whether ``\\Phi^{-1}(`` follows, for a function with a known inverse."""
        tokens, i = self.stream.tokens, self.stream.index
        written = [t.text for t in tokens[i + 1 : i + 6]]
        return special in INVERSES and written == ["^", "{", "-", "1", "}"] and tokens[i + 6].text in OPENERS

    def inverse_function(self, special):
        self.stream.index += 6
        return INVERSES[special]

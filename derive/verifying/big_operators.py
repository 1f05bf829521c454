"""Sums, products and integrals in ``derive verify``: ``\\sum_{i=1}^{n}``, ``\\prod_{i=1}^{n}`` and
``\\int_{a}^{b} f(x) \\, dx`` of scalars. A mixin of the parser's atoms (derive.verifying.atoms), whose
stream, scope, sizes and expression rules it uses."""

from __future__ import annotations

import sympy as sp

from derive.core.index_sum import IndexSum
from derive.verifying.lexer import GREEK, OPENERS, ParseError
from derive.verifying.limits import MAX_TERMS
from derive.verifying.shapes import is_matrix


class BigOperators:
    def _big_operator(self):
        """``\\sum_{i=1}^{n} body`` or ``\\prod_{i=1}^{n} body`` of scalars; the upper limit a size
        (at most MAX_SIZE when written as a number)."""
        token = self.stream.next()
        word, form = ("sum", r"\sum_{i=1}^{n}") if token.is_(r"\sum") else ("product", r"\prod_{i=1}^{n}")
        if not self.stream.accept("_"):
            raise self.stream.error(f"write the {word}'s index: {form}", token)
        below = self.stream.group_tokens()
        if not below or below[0].kind != "letter":
            raise self.stream.error(f"the {word}'s index must be a letter: {form}", token)
        letter, lower = below[0].text, sp.Integer(1)
        if len(below) > 1:
            if not (below[1].is_("=") and len(below) == 3 and below[2].kind == "number"):
                raise self.stream.error(f"write the {word}'s limits as {form}", below[1])
            lower = sp.Integer(self._bounded_size(below[2].text, below[2]))
        upper = None
        if self.stream.accept("^"):
            start = self.stream.index
            limit = "".join(t.text for t in self.stream.group_tokens())
            upper = self._upper_limit(limit, token, start)
        index = sp.Dummy(letter, integer=True)
        saved = self.indices.get(letter)
        self.indices[letter] = [index, upper]
        body = self.product()
        upper = self.indices[letter][1]
        if saved is None:
            del self.indices[letter]
        else:
            self.indices[letter] = saved
        if upper is None:
            raise self.stream.error(f"give the {word}'s upper limit: {form}", token)
        if is_matrix(body):
            raise self.stream.error(f"only {word}s of scalars are understood", token)
        if upper is sp.oo or upper.free_symbols - set(
            self.scope.dims.values()
        ):  # not a size: SymPy's own sum or product
            return (sp.Sum if word == "sum" else sp.Product)(body, (index, lower, upper))
        found = IndexSum(body, index, lower, upper) if word == "sum" else sp.Product(body, (index, lower, upper))
        if (count := written_out_terms(found)) > MAX_TERMS:
            raise self.stream.error(
                f"this {word} has {count:,} terms written out: at most {MAX_TERMS:,} can be checked", token
            )
        return found

    def _upper_limit(self, limit: str, token, start: int):
        """A sum's or product's upper limit: \\infty, a size (self._size), or else a scalar written
        of declared scalars (an iteration count k, a + k_B - 1), read again from ``start``."""
        if limit == r"\infty":
            return sp.oo
        try:
            return self._size(limit, token)
        except ParseError:
            if limit.isdigit():  # a number past MAX_SIZE
                raise
            end = self.stream.index
            self.stream.index = start
            upper = self._group_expression()
            if is_matrix(upper) or self.stream.index != end:
                raise self.stream.error("a sum's upper limit is a size or a scalar", token) from None
            return upper

    def _integral(self):
        """``\\int_{a}^{b} f(x) \\, dx`` (or ``\\mathrm{d}x``) of a scalar function over an interval."""
        token = self.stream.next()
        form = r"\int_{a}^{b} f(x) \, dx"
        limits = {}
        for _ in range(2):
            script = self.stream.accept("_", "^")
            if script is not None:
                limits[script.text] = self._infinite_end() or self._group_expression()
        if set(limits) != {"_", "^"}:
            raise self.stream.error(f"write the interval's ends: {form}", token)
        if any(is_matrix(end) for end in limits.values()):
            raise self.stream.error("the ends of an interval are scalars", token)
        differential = self._mark_differential(token, form)
        body = self.expression()
        self.stream.expect(differential.text, f" ({form})")
        if self.stream.at("{"):  # \mathrm{d}
            self.stream.group_tokens()
        key, variable_token = self.stream.name()
        if is_matrix(body):
            raise self.stream.error("only integrals of scalar functions are understood", token)
        variable = self.scope.lookup(key)
        if is_matrix(variable):
            raise self.stream.error(f"the variable of integration {key} must be a scalar", variable_token)
        return sp.Integral(body, (variable, limits["_"], limits["^"]))

    def _infinite_end(self):
        """``\\infty``, ``-\\infty`` (braced or not) as an interval's end (consumed), or None."""
        tokens, i = self.stream.tokens, self.stream.index
        braced = tokens[i].is_("{")
        start = i + braced
        sign = -1 if tokens[start].is_("-") else 1
        at = start + (sign == -1)
        if not tokens[at].is_(r"\infty") or (braced and not tokens[at + 1].is_("}")):
            return None
        self.stream.index = at + 1 + braced
        return sign * sp.oo

    def _mark_differential(self, token, form):
        """The 'd' (or \\mathrm{d}) of the integral's dx, at the integral's depth of braces, made a
        token no factor starts with, so that the body ends there. The differentials of integrals
        nested in the body (\\int_0^{2\\pi} \\int_0^\\infty f \\, dr \\, d\\theta) come first, one each."""
        tokens, depth, nested = self.stream.tokens, 0, 0
        for j in range(self.stream.index, len(tokens) - 1):
            depth += tokens[j].is_(*OPENERS, "{") - tokens[j].is_(*OPENERS.values(), "}")
            if depth < 0:
                break
            nested += depth == 0 and tokens[j].is_(r"\int")
            size = self._differential_at(j)
            variable = tokens[j + size] if size else None
            if depth == 0 and size and _names_variable(variable) and not tokens[j].is_(r"\partial"):
                if nested:
                    nested -= 1
                    continue
                tokens[j] = type(tokens[j])("command", r"\d", tokens[j].start, len(tokens[j].text))
                return tokens[j]
        raise self.stream.error(f"the integral's differential is missing: {form}", token)


def _names_variable(token) -> bool:
    """A letter or a Greek letter: the variable of a differential (dx, d\\theta)."""
    return token.kind == "letter" or token.text[1:] in GREEK


def written_out_terms(expr) -> int:
    """How many terms a sum or product over numbers unrolls into, nested ones multiplied (the
    checkers write each out: \\sum_{i=1}^{1000} \\sum_{j=1}^{1000} is a million)."""
    lower, upper = expr.args[2:] if isinstance(expr, IndexSum) else expr.limits[0][1:]
    inner = max((written_out_terms(e) for e in expr.args[0].atoms(IndexSum, sp.Product)), default=1)
    if not (lower.is_Integer and upper.is_Integer):
        return inner
    return max(int(upper) - int(lower) + 1, 1) * inner

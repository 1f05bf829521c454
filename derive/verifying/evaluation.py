"""The evaluation bar ``\\left. f(t) \\right|_{t=0}`` (also ``|_{t = 0}``, ``\\Big|_{t=0}``,
``|_{\\substack{t=0}}``): f with t replaced by 0, as SymPy's Subs. A mixin of
derive.verifying.parser.Parser."""

from __future__ import annotations

import sympy as sp

from derive.verifying.shapes import is_matrix

BARS = ("|", r"\vert", r"\rvert")  # the bar that \right writes before the point


class EvaluationBar:
    """Expects ``stream``, ``scope``, ``closers``, ``expression`` and ``guard``."""

    def evaluation_bar_at(self) -> bool:
        return self.stream.at(*BARS) and self.stream.peek(1).is_("_")

    def evaluation(self):
        """``\\left. f \\right|_{t=0}`` (at the lexer's \\left. token)."""
        opener = self.stream.next()
        self.closers.extend(BARS)
        value = self.expression()
        del self.closers[-len(BARS) :]
        if not self.evaluation_bar_at():
            raise self.stream.error(r"expected the evaluation bar \right|_{t=0} closing this \left.", opener)
        return self._evaluated(value)

    def _evaluated(self, value):
        """``value`` at the point the bar's subscript names (the bar and subscript consumed)."""
        bar = self.stream.next()
        self.stream.next()
        braced = self.stream.accept("{") is not None
        substack = braced and self.stream.accept(r"\substack") is not None
        if substack:
            self.stream.expect("{")
        if not self.stream.starts_name():
            raise self.stream.error(r"write the point of the evaluation bar as |_{t=0}", self.stream.peek())
        key, token = self.stream.name()
        variable = self.scope.lookup(key)
        self.stream.expect("=", r" (write the point of the evaluation bar as |_{t=0})")
        self.closers.append("}")
        point = self.expression()
        self.closers.pop()
        for _ in range(braced + substack):
            self.stream.expect("}")
        if is_matrix(variable) or is_matrix(point):
            raise self.stream.error("an evaluation bar sets a scalar variable to a scalar", token)
        return self.guard(lambda: sp.Subs(value, variable, point), bar)

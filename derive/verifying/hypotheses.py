"""Equations in ``--where``: a function's definition (``L(w) = \\|Xw - y\\|^2``) or a hypothesis the
steps may use (NOTATION.md, "hypotheses"), used in one of two ways:

    substitution  ``w = X^\\top(\\alpha \\odot y)``: a declared symbol equal to an expression without it
                  is replaced by that expression in both sides, for both checkers;
    constraint    any other equation (``v^\\top v = 1``, ``\\Sigma v = \\lambda v``): the symbolic checker
                  solves it for some of the entries on the explicit instance and samples the rest, so
                  every sample point satisfies it; random inputs cannot be drawn that satisfy it, so
                  such a step has no numeric opinion.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol

from derive.core.model import Equation
from derive.verifying.lexer import ParseError, TokenStream


@dataclass(frozen=True)
class Hypothesis:
    lhs: object
    rhs: object
    text: str

    @property
    def substitutes(self) -> bool:
        """Whether it defines a symbol: ``w = E`` with w not in E."""
        return isinstance(self.lhs, (sp.Symbol, MatrixSymbol)) and self.lhs not in _free(self.rhs)


@dataclass(frozen=True)
class Hypotheses:
    items: tuple[Hypothesis, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.items)

    def substituted(self, expr):
        """``expr`` with every defining hypothesis substituted (repeatedly: one may use another)."""
        mapping = {h.lhs: h.rhs for h in self.items if h.substitutes}
        for _ in range(len(mapping)):
            if not isinstance(expr, sp.Basic) or not (_free(expr) & set(mapping)):
                break
            expr = expr.xreplace(mapping)
        return expr

    @property
    def constraints(self) -> tuple[Equation, ...]:
        return tuple(Equation(h.lhs, h.rhs) for h in self.items if not h.substitutes)

    def named(self) -> str:
        return "; ".join(h.text for h in self.items)


def is_equation(text: str) -> bool:
    """Whether a ``--where`` string is an equation (a definition or a hypothesis), not a declaration:
    it has '=' outside braces."""
    depth = 0
    for token in TokenStream(text).tokens:
        depth += token.is_("{") - token.is_("}")
        if depth == 0 and token.is_("="):
            return True
    return False


def read_equations(texts, scope) -> Hypotheses:
    """The hypotheses among ``--where`` equations; the definitions among them go into ``scope``."""
    from derive.verifying.parser import parse_derivation

    found = []
    for text in texts:
        label = f"--where '{text}'"
        derivation = parse_derivation(text, scope, label)
        for chain in derivation.chains:
            if len(chain) != 2:
                raise ParseError("a hypothesis is one equation, a = b", text, 0, label)
            lhs, rhs = chain
            found.append(Hypothesis(lhs.expr, rhs.expr, f"{lhs.text} = {rhs.text}"))
    return Hypotheses(tuple(found))


def _free(expr) -> set:
    return set(getattr(expr, "free_symbols", ()))

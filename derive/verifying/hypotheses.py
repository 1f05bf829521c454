"""Equations in ``--where``: a function's definition (``L(w) = \\|Xw - y\\|^2``) or a hypothesis the
steps may use (NOTATION.md, "hypotheses"), used in one of two ways:

    substitution  ``w = X^\\top(\\alpha \\odot y)``: a declared symbol equal to an expression without it
                  is replaced by that expression in both sides, for both checkers;
    constraint    any other equation (``v^\\top v = 1``, ``\\Sigma v = \\lambda v``): the symbolic checker
                  solves it for some of the entries on the explicit instance and samples the rest, so
                  every sample point satisfies it; random inputs cannot be drawn that satisfy it, so
                  such a step has no numeric opinion.

A ``--where`` condition ``c \\neq 0`` (a scalar) or ``\\det(M) \\neq 0`` (M invertible) is a side
condition of ``\\iff`` and ``\\implies`` steps (derive/verifying/relations.py): the catalog checker's
``nonzero=``, named in the step's method ("assuming ...").
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions import MatrixExpr, MatrixSymbol

from derive.core.model import Equation
from derive.verifying.lexer import ParseError, TokenStream

NOT_EQUAL = (r"\neq", r"\ne")


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
    conditions: tuple = ()  # scalars assumed nonzero, square matrices assumed invertible

    def __bool__(self) -> bool:
        return bool(self.items)

    def substituted(self, expr):
        """``expr`` with every defining hypothesis substituted (repeatedly: one may use another)."""
        if isinstance(expr, Equation):
            return Equation(self.substituted(expr.lhs), self.substituted(expr.rhs))
        mapping = {h.lhs: h.rhs for h in self.items if h.substitutes}
        for _ in range(len(mapping)):
            if not isinstance(expr, sp.Basic) or not (_free(expr) & set(mapping)):
                break
            expr = expr.xreplace(mapping)
        return expr

    @property
    def constraints(self) -> tuple[Equation, ...]:
        """The hypotheses that are no substitution, with the substitutions made in them."""
        return tuple(self.substituted(Equation(h.lhs, h.rhs)) for h in self.items if not h.substitutes)

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


def is_condition(text: str) -> bool:
    """Whether a ``--where`` string is a condition ``E \\neq 0``."""
    return any(token.is_(*NOT_EQUAL) for token in TokenStream(text).tokens)


def read_conditions(texts, scope) -> tuple:
    """The expressions ``--where`` conditions assume nonzero (for ``\\det(M) \\neq 0``: M, invertible)."""
    from derive.verifying.parser import parse_chain

    found = []
    for text in texts:
        label = f"--where '{text}'"
        tokens = TokenStream(text).tokens
        sign = next(t for t in tokens if t.is_(*NOT_EQUAL))
        rest = [t for t in tokens[tokens.index(sign) + 1 :] if t.kind != "end"]
        if len(rest) != 1 or rest[0].text != "0" or sign is tokens[0]:
            raise ParseError(
                r"a condition is 'E \neq 0' (or '\det(M) \neq 0' for an invertible M)", text, sign.start, label
            )
        (side,) = parse_chain(text[: sign.start], scope, label)
        value = side.expr
        if isinstance(value, MatrixExpr) or getattr(value, "shape", None):
            raise ParseError(
                r"a matrix cannot be nonzero here: write '\det(M) \neq 0' for an invertible M", text, 0, label
            )
        found.append(value.arg if isinstance(value, sp.Determinant) else value)
    return tuple(found)


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

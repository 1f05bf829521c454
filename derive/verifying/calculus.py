"""Fractions and derivatives in a formula: \\frac, \\frac{\\partial f}{\\partial w}, \\frac{d}{dx}, \\nabla_w,
\\nabla^2_w. A mixin of derive.verifying.parser.Parser (through derive.verifying.atoms.Atoms)."""

from __future__ import annotations

import sympy as sp

from derive.core.operations import Gradient, Hessian, Jacobian
from derive.verifying.shapes import Pending, ShapeProblem, divide, is_matrix, shape_of


class Calculus:
    """Fraction and derivative parsing; expects the stream and the precedence methods of the Parser."""

    def _fraction(self):
        token = self.stream.next()
        if self._differential_at(self.stream.index + 1) and self._denominator_is_differential():
            return self._derivative(token)
        numerator = self._fraction_part()
        denominator = self._fraction_part()
        return self.guard(lambda: _divided(numerator, denominator), token)

    def _fraction_part(self):
        if self.stream.at("{"):
            opener = self.stream.next()
            return self.grouped("}", opener)
        token = self.stream.peek()
        if token.kind == "number":  # \frac12: one digit each
            self.stream.next()
            if len(token.text) > 1 and token.text.isdigit():
                digit = sp.Integer(int(token.text[0]))
                self.stream.index -= 1  # the rest of the number is read next, from the same place in the list
                self.stream.tokens[self.stream.index] = type(token)("number", token.text[1:], token.start + 1)
                return digit
            return self._number(token)
        return self.atom()

    def _differential_at(self, i: int) -> int:
        """How many tokens a differential 'd', '\\mathrm{d}' or '\\partial' takes at ``i`` (0: none)."""
        tokens = self.stream.tokens
        if i >= len(tokens) - 1:
            return 0
        if tokens[i].is_("d", r"\partial"):
            return 1
        if tokens[i].is_(r"\mathrm", r"\operatorname", r"\text", r"\mathit") and i + 3 < len(tokens):
            if tokens[i + 1].is_("{") and tokens[i + 2].is_("d") and tokens[i + 3].is_("}"):
                return 4
        return 0

    def _denominator_is_differential(self) -> bool:
        tokens, i = self.stream.tokens, self.stream.index
        if not tokens[i].is_("{"):
            return False
        depth = 0
        for j in range(i, len(tokens) - 1):
            depth += tokens[j].is_("{") - tokens[j].is_("}")
            if depth == 0:
                size = self._differential_at(j + 2) if tokens[j + 1].is_("{") else 0
                return bool(size) and not tokens[j + 2 + size].is_("}")
        return False

    def _derivative(self, token):
        self.stream.expect("{")
        self.stream.index += self._differential_at(self.stream.index)
        order = 1
        if self.stream.accept("^"):
            order = 2 if "".join(t.text for t in self.stream.group_tokens()) == "2" else 0
        function = None
        if not self.stream.at("}"):
            self.closers.append("}")
            function = self.expression()
            self.closers.pop()
        self.stream.expect("}")
        opener = self.stream.expect("{")
        variables, of_square = [], False
        while not self.stream.at("}"):
            size = self._differential_at(self.stream.index)
            if not size:
                raise self.stream.error("expected \\partial or d before each variable", self.stream.peek())
            self.stream.index += size
            variable = self._variable()
            count = 1
            if self.stream.accept("^"):
                exponent = "".join(t.text for t in self.stream.group_tokens())
                count = 2 if exponent == "2" else 1
                if exponent not in ("2", "T", r"\top", r"\intercal"):
                    raise self.stream.error(f"unexpected exponent {exponent} in a derivative", opener)
                if count == 2 and order == 1 and not is_matrix(variable):  # d/d(sigma^2): by the square
                    count, of_square = 1, True
            variables += [variable] * count
        self.stream.next()
        if order != len(variables):
            raise self.stream.error(f"the derivative's order does not match its {len(variables)} variable(s)", opener)
        if function is None:
            function = self.product()
        if of_square:  # d f / d(v^2) = (d f / d v) / (2 v)
            return self.guard(lambda: sp.Mul(differentiate(function, variables), sp.Pow(2 * variables[0], -1)), token)
        return self.guard(lambda: differentiate(function, variables), token)

    def _variable(self):
        token = self.stream.peek()
        if not self.stream.starts_name():
            raise self.stream.error(f"expected a variable but found {token.describe()}", token)
        key, _ = self.stream.name()
        return self.scope.lookup(self.compound_key(key))  # \partial \sigma^{2}: a declared sigma^2 itself

    def _nabla(self):
        token = self.stream.next()
        order = 1
        if self.stream.accept("^"):
            order = 2 if "".join(t.text for t in self.stream.group_tokens()) == "2" else 0
        self.stream.expect("_", " (write the variable: \\nabla_w f)")
        if self.stream.at("{"):
            opener = self.stream.next()
            variable = self._variable()
            self.stream.expect("}", f" to close the variable of {token.text} (column {opener.start + 1})")
        else:
            variable = self._variable()
        if self.stream.accept("^"):
            order = 2 if "".join(t.text for t in self.stream.group_tokens()) == "2" else 0
        if order == 0:
            raise self.stream.error("only \\nabla and \\nabla^2 are understood", token)
        function = self.product()
        if order == 2:
            return self.guard(lambda: differentiate(function, [variable, variable]), token)
        if is_matrix(function):
            raise self.stream.error(
                "the gradient needs a scalar function; for a Jacobian write \\frac{\\partial f}{\\partial w}", token
            )
        return self.guard(lambda: differentiate(function, [variable]), token)


def _divided(numerator, denominator):
    return divide(numerator, denominator, ("the numerator", "the denominator"))


def differentiate(function, variables):
    """d f / d v (gradient, Jacobian), d^2 f / d v d v^T (Hessian), or the scalar derivative."""
    if isinstance(function, Pending):
        raise ShapeProblem(f"cannot differentiate {function.text()}")
    variable = variables[0]
    if any(v != variable for v in variables) and any(is_matrix(v) for v in variables):
        raise ShapeProblem("mixed second derivatives of vectors are not understood")
    if not is_matrix(variable):
        if is_matrix(function):
            raise ShapeProblem("the derivative of a vector or matrix with respect to a scalar is not understood")
        return sp.Derivative(function, *variables)
    if len(variables) == 2:
        if is_matrix(function) or variable.shape[1] != 1:
            raise ShapeProblem("the Hessian needs a scalar function of a column vector")
        return Hessian(function, variable)
    if not is_matrix(function):
        return Gradient(function, variable)
    if function.shape[1] == 1 and variable.shape[1] == 1:
        return Jacobian(function, variable)
    raise ShapeProblem(f"cannot differentiate a {shape_of(function)} function by a {shape_of(variable)} variable")

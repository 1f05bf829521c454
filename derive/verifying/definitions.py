"""Functions the user defines: a row ``L(w) = \\|Xw - y\\|^2`` (or ``:=``, or ``--where 'L(w) = ...'``),
applied afterwards as ``L(w)``, ``L(v)``, ``\\nabla_w L`` or ``f'(x)``. A mixin of
derive.verifying.parser.Parser, which supplies the stream, the scope and the precedence levels.

A letter followed by a parenthesis is a function only when it was defined; otherwise it is a
product (``x(x - 1)``), and the step's method says which reading was taken.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derive.verifying.shapes import is_matrix, shape_of, shape_text

DEFINES = (r"\coloneqq", r"\triangleq", r"\doteq", r"\equiv")  # besides '=' and ':='


@dataclass(frozen=True)
class Definition:
    """``name(parameters) = body``: the parameters are the symbols the body is written in."""

    name: str
    parameters: tuple
    body: object
    text: str

    def applied(self, arguments) -> object:
        return self.body.xreplace(dict(zip(self.parameters, arguments)))


class Definitions:
    """Definition rows and calls of defined functions."""

    def definition_head(self):
        """At ``name(p, q) =`` (or ``:=``) with a name not yet defined nor declared: consume it up to
        and including the '=' and return (name, parameter keys); else consume nothing."""
        stream, start = self.stream, self.stream.index
        if not stream.starts_name():
            return None
        key, first = stream.name()
        if key in self.scope.functions or self.scope.is_known(key) or not stream.accept("("):
            stream.index = start
            return None
        parameters = []
        while stream.starts_name():
            parameters.append(stream.name()[0])
            if not stream.accept(","):
                break
        closed = parameters and stream.accept(")")
        if closed and (stream.accept("=", *DEFINES) or (stream.at(":") and stream.peek(1).is_("="))):
            if stream.accept(":"):
                stream.next()
            if key in parameters:
                raise stream.error(f"{key} cannot be both the function and one of its parameters", first)
            return key, tuple(parameters)
        stream.index = start
        return None

    def define(self, key: str, parameter_keys, body, text: str) -> Definition:
        parameters = tuple(self.scope.lookup(p) for p in parameter_keys)
        definition = Definition(key, parameters, body, text)
        self.scope.functions[key] = definition
        return definition

    def call(self, definition: Definition, token):
        """``L(args)``, ``f'(x)`` or a bare ``L`` (the body as defined)."""
        primes = 0
        while self.stream.accept("'"):
            primes += 1
        body = definition.body
        if primes:
            if len(definition.parameters) != 1 or is_matrix(definition.parameters[0]):
                raise self.stream.error(f"{definition.name}' needs a function of one scalar", token)
            body = sp.diff(body, definition.parameters[0], primes)
        shown = f"{definition.name}{chr(39) * primes}"
        if not self.stream.at("("):
            if primes:
                raise self.stream.error(f"write {shown}(x): the argument of the derivative", token)
            self.notes.append(f"{shown} read as the function defined by {definition.text}")
            return body
        opener = self.stream.peek()
        arguments = self._arguments()
        if len(arguments) != len(definition.parameters):
            count = len(definition.parameters)
            raise self.stream.error(f"{definition.name} takes {count} argument{'s' * (count != 1)}", opener)
        for argument, parameter in zip(arguments, definition.parameters):
            if shape_of(argument) != shape_of(parameter):
                raise self.stream.error(
                    f"{definition.name}'s parameter {parameter} is a {shape_text(shape_of(parameter))}, "
                    f"the argument here a {shape_text(shape_of(argument))}",
                    opener,
                )
        self.notes.append(f"{shown}(…) read as the function defined by {definition.text}")
        return Definition(definition.name, definition.parameters, body, definition.text).applied(arguments)

    def note_product(self, key: str) -> None:
        """An undeclared letter followed by '(' that is not a defined function: read as a product."""
        self.notes.append(f"{key}(…) read as the product of {key} and the parenthesis ({key} is not a defined function)")


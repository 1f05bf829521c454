"""The base class of derive's own operations: every form of an operation is written in its class.

An operation declares five forms, each present or ``absent("one-line reason")``:

- ``meaning``: what the symbolic checker computes. Either a method returning the operation in
  SymPy's own functions (sigmoid: ``1 / (1 + exp(-x))``), which derive.checking.instances
  substitutes before an instance is evaluated, or ``BY_DOIT`` when the class's ``doit``
  computes it on explicit instances (softmax, the derivatives, expectations).
- ``latex(printer)``: its LaTeX; derive.rendering.latex.MLLatexPrinter is the printer.
- ``pretty(printer)``: its terminal picture (a prettyForm); derive.rendering.terminal.MLPrettyPrinter.
- ``jax(evaluate, env)``: its value in JAX, for derive.checking.jax_eval (import jax inside
  the method: derive.core never imports JAX at load time).
- ``parser_names``: the names ``derive verify`` reads it by (derive.verifying.atoms): words such
  as ``"softmax"`` (read as ``\\softmax`` and ``\\operatorname{softmax}``) and Greek or other
  letter commands such as ``"\\sigma"`` (read as the operation when applied, ``\\sigma(z)``,
  unless the letter is declared).

The printers and the evaluator dispatch on this class, never on an operation's name; where a
form is absent they fall back to SymPy's own handling. tests/test_operations.py requires every
subclass to declare every form.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMS = ("meaning", "latex", "pretty", "jax", "parser_names")


@dataclass(frozen=True)
class Absent:
    """An operation's statement that it has no form of some kind, and why."""

    reason: str


def absent(reason: str) -> Absent:
    """Declare a form absent: ``pretty = absent("printed by SymPy's default as Name(args)")``."""
    if not reason.strip():
        raise ValueError("say why the form is absent")
    return Absent(reason)


class _ByDoit:
    def __repr__(self) -> str:
        return "BY_DOIT"


BY_DOIT = _ByDoit()  # meaning = BY_DOIT: the class's own doit computes it on explicit instances


class Operation:
    """Mixin base of derive's operations; put it first: ``class Sigmoid(Operation, sp.Function)``."""

    __slots__ = ()

    # Undeclared forms are None: tests/test_operations.py fails on them.
    meaning = None
    latex = None
    pretty = None
    jax = None
    parser_names = None

    def form(self, name: str):
        """The declared form ``name`` (a bound method or the names), or None where it is absent."""
        value = getattr(self, name)
        return None if value is None or isinstance(value, Absent) or value is BY_DOIT else value

    @classmethod
    def parsed_names(cls) -> tuple[str, ...]:
        """Its parser names; () where it has none."""
        return cls.parser_names if isinstance(cls.parser_names, tuple) else ()

    def definition(self):
        """The operation in SymPy's own functions, or None when it has no such definition."""
        meaning = self.form("meaning")
        return meaning() if meaning is not None else None

    def _latex(self, printer):
        """SymPy's own LaTeX printer (sympy.latex) prints the declared form too."""
        latex = self.form("latex")
        return latex(printer) if latex is not None else printer._print_Basic(self)


def operations_of(*modules) -> list[type]:
    """The Operation classes defined in ``modules`` (shared bases, named with a leading _, left out)."""
    return [
        value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, Operation)
        and value.__module__ == module.__name__
        and not name.startswith("_")
    ]


def latex_call(printer, name: str, *args) -> str:
    """``name\\left(a, b\\right)``."""
    return r"%s\left(%s\right)" % (name, ", ".join(printer._print(arg) for arg in args))


def pretty_call(printer, name: str, *args):
    """``name(a, b)`` as a prettyForm."""
    from sympy.printing.pretty.stringpict import prettyForm

    inner = printer._print(args[0])
    for arg in args[1:]:
        inner = prettyForm(*inner.right(", ", printer._print(arg)))
    return prettyForm(*prettyForm(*inner.parens()).left(name))


def to_scalar(value):
    """A 1x1 JAX array (a scalar written as a matrix expression) as a 0-d array."""
    import jax.numpy as jnp

    return jnp.reshape(value, ()) if jnp.size(value) == 1 else value

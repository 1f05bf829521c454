"""Every operation of derive (and of catalog/_lib) declares each of its forms in its own class:
SymPy meaning, LaTeX, terminal picture, JAX evaluation and parser names, or says why it has none
(derive.core.operation). The concrete checks show that the printers, the evaluator, the symbolic
checker and the parser use those declarations."""

import importlib
import pkgutil

import jax
import numpy as np
import pytest
import sympy as sp

import catalog._lib
from derive import Given, dims, vector
from derive.checking.instances import expand_definitions
from derive.checking.jax_eval import evaluate
from derive.core import index_sum, numeric_references, operations, optimization, statistics
from derive.core.operation import BY_DOIT, FORMS, Absent, Operation, operations_of
from derive.core.operations import Sigmoid, Softmax, Step
from derive.rendering.latex import render_latex
from derive.rendering.terminal import render_pretty
from derive.verifying.atoms import FUNCTIONS, SPECIAL_FUNCTIONS
from derive.verifying.parser import parse_chain
from derive.verifying.scope import Scope

CORE = (operations, statistics, optimization, numeric_references, index_sum)
LIBRARY = tuple(importlib.import_module(f"catalog._lib.{m.name}") for m in pkgutil.iter_modules(catalog._lib.__path__))
OPERATIONS = operations_of(*CORE, *LIBRARY)
# A base that other operations extend (catalog/_lib's NumericProcedure) may leave a form to them.
LEAVES = [op for op in OPERATIONS if not any(other is not op and issubclass(other, op) for other in OPERATIONS)]
EXPECTED = {
    "Sigmoid", "ReLU", "Step", "Softmax", "DiagonalOf", "Scalar", "MeanOuter", "Gradient", "Jacobian", "Hessian",
    "Expectation", "SampleMean", "EntrySum", "NormalCDF", "NormalQuantile", "Probability",
    "Entry", "Minimiser", "MinibatchMean", "Stacked", "Eigenvector", "Eigenvalue", "LeastSquares", "Eigenvalues",
    "SVDLeft", "SVDValues", "SVDRight", "Quadrature", "IndexSum",
    "BootstrapVariance", "ResampleQuantile", "Rank", "Nullity", "NullBasis", "ColumnBasis", "BetaFunction",
    "NormalExpectation", "HMMPaths", "HMMForward", "HMMSuffixPaths", "HMMBackward", "HMMMarginals",
}  # fmt: skip


def _every_subclass(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _every_subclass(sub)


def test_the_walk_finds_every_operation():
    names = {op.__name__ for op in LEAVES}
    assert EXPECTED <= names
    public = {op for op in _every_subclass(Operation) if not op.__name__.startswith("_")}
    assert public <= set(OPERATIONS), "an operation outside derive.core and catalog/_lib"


def _own_doit(op) -> bool:
    return any("doit" in vars(cls) for cls in op.__mro__ if issubclass(cls, Operation))


@pytest.mark.parametrize("op", LEAVES, ids=lambda op: op.__name__)
def test_each_form_is_declared_or_said_absent(op):
    for form in FORMS:
        value = getattr(op, form)
        assert value is not None, f"{op.__name__} does not declare its {form} form"
        if isinstance(value, Absent):
            assert value.reason.strip(), f"{op.__name__}.{form} is absent without a reason"
        elif form == "parser_names":
            assert isinstance(value, tuple) and value and all(isinstance(n, str) and n for n in value)
        elif value is BY_DOIT:
            assert form == "meaning" and _own_doit(op), f"{op.__name__} says its doit computes it but has none"
        else:
            assert callable(value), f"{op.__name__}.{form}"


def test_parser_reads_derive_operations_by_their_declared_names():
    declared = {name: op for op in operations_of(*CORE) for name in op.parsed_names()}
    assert declared, "no operation of derive.core has a parser name"
    for name, op in declared.items():
        assert (SPECIAL_FUNCTIONS if name.startswith("\\") else FUNCTIONS)[name] is op


x, t = vector("x", dims("n")[0]), sp.Symbol("t", real=True)
SCOPE = Scope.of((Given(x), Given(t)))


def _parse(latex):
    (side,) = parse_chain(latex, SCOPE)
    return side.expr


def test_sigmoid_in_every_form():
    z = Sigmoid(t)
    assert render_latex(z) == r"\sigma\left(t\right)"
    assert render_pretty(z) == "σ(t)"
    assert expand_definitions(z) == 1 / (1 + sp.exp(-t))
    assert float(evaluate(z, {t: 0.3})) == pytest.approx(float(jax.nn.sigmoid(0.3)))
    assert _parse(r"\sigma(t)") == z
    assert _parse(r"\operatorname{sigmoid}(t)") == z


def test_step_prints_the_indicator_the_golden_files_show():
    assert render_latex(Step(t)) == r"\mathbb{I}\left[t > 0\right]"
    assert render_pretty(Step(t)) == "𝟙₊(t)"
    assert _parse(r"\mathbb{I}[t > 0]") == Step(t)
    assert float(evaluate(Step(t), {t: -0.5})) == 0.0


def test_softmax_in_every_form():
    expr = Softmax(x)
    assert render_latex(expr) == r"\operatorname{softmax}\left(\mathbf{x}\right)"
    assert render_pretty(expr) == "softmax(x)"
    assert _parse(r"\operatorname{softmax}(x)") == expr
    value = np.array([[1.0], [2.0], [0.5]])
    env = {x: value, "__sizes__": {}}
    np.testing.assert_allclose(np.asarray(evaluate(expr, env)), np.asarray(jax.nn.softmax(value, axis=0)))


def test_a_new_operation_is_printed_and_evaluated_through_its_class_alone():
    class Cube(Operation, sp.Function):
        nargs = 1
        parser_names = ("cube",)

        def meaning(self):
            return self.args[0] ** 3

        def latex(self, printer):
            return r"\operatorname{cube}\left(%s\right)" % printer._print(self.args[0])

        def pretty(self, printer):
            return printer._print_Function(self, func_name="cube")

        def jax(self, evaluate, env):
            return evaluate(self.args[0], env) ** 3

    assert render_latex(Cube(t) + 1) == r"1 + \operatorname{cube}\left(t\right)"
    assert render_latex(Cube(t) ** 2) == r"\left(\operatorname{cube}\left(t\right)\right)^{2}"
    assert render_pretty(Cube(t)) == "cube(t)"
    assert float(evaluate(Cube(t), {t: 2.0})) == 8.0
    assert expand_definitions(Cube(t)) == t**3
    assert sp.latex(Cube(t)) == r"\operatorname{cube}\left(t\right)"


def test_an_absent_form_falls_back_to_sympy():
    probability = statistics.probability(t > 0)
    from derive.checking.jax_eval import NotTranslatable

    with pytest.raises(NotTranslatable):
        evaluate(probability, {t: 1.0})
    assert expand_definitions(probability) == probability
    assert render_pretty(optimization.argmin(t**2, t, -1, 1)) == "Minimiser(t**2, t, -1, 1)"

"""The likely mistake behind a wrong step, in words.

First: is the right side a constant multiple of the left (-1: a sign error; 2: off by a
factor of 2; n, a dimension's size: a missing 1/n)? Then each proposer suggests repairs of
the step (flip one term's sign, symmetrise a matrix, transpose a matrix, reverse a product,
read \\log in another base, restore sigma'); all repairs are evaluated with JAX in one compiled
batch on a few random inputs, and the first repair that makes the step hold names the
mistake. No repair is trusted without the numbers agreeing.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp
from sympy.matrices.expressions import MatrixExpr, MatrixSymbol
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from derive.core.operations import Sigmoid
from derive.core.symbols import SPD, SYMMETRIC
from derive.verifying.shapes import ShapeProblem, hadamard, shape_text, sigmoid_derivative

RELATIVE_TOLERANCE = 1e-6
TRIALS = 3


@dataclass(frozen=True)
class Proposal:
    """A repaired step: if ``lhs = rhs`` holds, ``message`` names the mistake."""

    message: str
    lhs: object
    rhs: object


def _shape(expr) -> tuple:
    return tuple(expr.shape) if isinstance(expr, MatrixExpr) else ()


def _close(a, b) -> bool:
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return False
    return float(np.max(np.abs(a - b), initial=0.0)) <= RELATIVE_TOLERANCE * max(
        1.0, float(np.max(np.abs(b), initial=0))
    )


def _latex(expr) -> str:
    from derive.rendering.latex import render_latex

    return render_latex(expr)


def diagnose(lhs, rhs, givens) -> str | None:
    """The likely mistake that makes ``lhs = rhs`` wrong, or None when no detector explains it.

    Every repair is evaluated in one compiled JAX batch on a few random inputs.
    """
    shapes = _shape_mistake(lhs, rhs)
    if shapes:
        return shapes
    from derive.checking.numeric import numeric_sizes

    givens = tuple(givens)
    proposals = []
    for propose in PROPOSERS:
        try:
            proposals += propose(lhs, rhs, givens)
        except Exception:  # a repair SymPy refuses to build explains nothing
            continue
    candidates = list(dict.fromkeys([lhs, rhs] + [side for p in proposals for side in (p.lhs, p.rhs)]))
    try:
        values = _values(candidates, givens)
    except ValueError:  # no inputs can be drawn at the numeric sizes (a shape d - r below 0): no diagnosis
        return None
    if lhs not in values or rhs not in values:
        return None
    sizes = numeric_sizes(givens, _NoSizes)
    found = _factor(values[lhs], values[rhs], sizes)
    if found:
        return found
    for proposal in proposals:
        left, right = values.get(proposal.lhs), values.get(proposal.rhs)
        if left is not None and right is not None and _close(left, right):
            return proposal.message
    return None


def _values(expressions, givens) -> dict:
    """{expression: its values on TRIALS random inputs} from one compiled batch, for the
    expressions JAX can evaluate. Coefficients are lifted out (derive.verifying.constants), so a
    later diagnosis of the same structure (a course's submissions) reuses both the tracing verdicts
    and the compilation."""
    from derive.verifying.constants import lifted
    from derive.verifying.numeric import batched, value_of

    constants: list = []
    shapes = lifted(expressions, constants)
    kept = [k for k, shape in enumerate(shapes) if _evaluable(shape, givens, len(constants))]
    try:
        results = batched(
            lambda env: tuple(value_of(shapes[k], env) for k in kept),
            givens,
            TRIALS,
            seed=1,
            constants=tuple(constants),
            structure=("diagnosis", tuple(shapes[k] for k in kept)),
        )
    except Exception:
        return {}
    return {expressions[k]: np.asarray(result) for k, result in zip(kept, results)}


@functools.lru_cache(maxsize=1024)
def _evaluable(shape, givens, coefficients: int) -> bool:
    """Whether JAX can evaluate this expression, its coefficients lifted into ``coefficients``
    placeholders; ValueError when no inputs can be drawn for the givens."""
    from derive.verifying.constants import placeholder
    from derive.verifying.numeric import traceable, value_of

    lifted = {placeholder(k): 1.0 for k in range(coefficients)}
    return traceable(lambda env: value_of(shape, {**env, **lifted}), givens)


class _NoSizes:
    sizes = ()


def _shape_mistake(lhs, rhs) -> str | None:
    left = tuple(lhs.shape) if isinstance(lhs, MatrixExpr) else ()
    right = tuple(rhs.shape) if isinstance(rhs, MatrixExpr) else ()
    if left == right:
        return None
    if left and right and left == right[::-1]:
        return (
            f"a transpose is missing: the left side is a {shape_text(left)}, the right side a {shape_text(right)} "
            "(a gradient has the shape of its variable: a column for a column vector)"
        )
    return f"the sides have different shapes: {shape_text(left)} and {shape_text(right)}"


def _factor(left, right, sizes: dict) -> str | None:
    """Whether the right side is a constant multiple of the left (or n times it, for a dimension n)."""
    scale = float(np.vdot(left, left))
    if scale < 1e-12:
        return None
    ratio = float(np.vdot(left, right)) / scale
    if abs(ratio - 1) < 1e-9 or not _close(ratio * left, right):
        return None
    for dim, size in sizes.items():
        if abs(ratio - size) < 1e-6 * size:
            return f"missing 1/{dim}: the right side is {dim} times the left side"
        if abs(ratio * size - 1) < 1e-6:
            return f"an extra factor 1/{dim}: the right side is the left side divided by {dim}"
    factor = Fraction(ratio).limit_denominator(12)
    if abs(float(factor) - ratio) > 1e-6 * abs(ratio):
        return None
    if factor == 0:  # a side set to 0 is no multiple of the other: no factor to name
        return None
    if factor == -1:
        return "sign error: the right side is the negative of the left side"
    return f"off by a factor of {factor}: the right side is {factor} times the left side"


def _terms(expr) -> tuple:
    if isinstance(expr, (sp.Add, sp.MatAdd)):
        return expr.args
    return ()


def _sign_of_one_term(lhs, rhs, givens):
    terms = _terms(rhs)
    return [
        Proposal(f"sign error in the term {_latex(term)}", lhs, rhs.func(*[(-t if t == term else t) for t in terms]))
        for term in terms
    ]


def _symmetric_assumed(lhs, rhs, givens):
    symmetric = {g.symbol for g in givens if g.domain in (SYMMETRIC, SPD)}
    proposals = []
    for matrix in sorted(rhs.atoms(MatrixSymbol), key=str):
        if matrix in symmetric or matrix.shape[0] != matrix.shape[1]:
            continue
        name = matrix.name
        repaired = rhs.xreplace({matrix: sp.MatMul(sp.Rational(1, 2), sp.MatAdd(matrix, sp.Transpose(matrix)))})
        proposals.append(Proposal(f"2{name} is only right for symmetric {name}: here {name} + {name}^T", lhs, repaired))
    return proposals


def _transposed_matrix(lhs, rhs, givens):
    proposals = []
    matrices = {m for side in (lhs, rhs) for m in side.atoms(MatrixSymbol) if m.shape[1] != 1}
    for matrix in sorted(matrices, key=str):
        message = f"the two sides differ by a transpose of {matrix.name}"
        if matrix in rhs.atoms(MatrixSymbol):
            proposals.append(Proposal(message, lhs, _transposing(rhs, matrix)))
        if matrix in lhs.atoms(MatrixSymbol):
            proposals.append(Proposal(message, _transposing(lhs, matrix), rhs))
    return proposals


def _transposing(expr, matrix):
    swapped = expr.xreplace({matrix: sp.Transpose(matrix)})
    return swapped.replace(
        lambda e: isinstance(e, sp.Transpose) and isinstance(e.arg, sp.Transpose), lambda e: e.arg.arg
    )


def _product_order(lhs, rhs, givens):
    proposals = []
    for product in rhs.atoms(sp.MatMul):
        scalars = [a for a in product.args if not isinstance(a, MatrixExpr)]
        order = [a for a in reversed(product.args) if isinstance(a, MatrixExpr)]
        if len(order) < 2 or any(a.shape[1] != b.shape[0] for a, b in itertools.pairwise(order)):
            continue
        reversed_product = sp.MatMul(*scalars, *order)
        message = f"products in the wrong order: {_latex(product)} should be {_latex(reversed_product)}"
        proposals.append(Proposal(message, lhs, rhs.xreplace({product: reversed_product})))
    return proposals


def _log_base(lhs, rhs, givens):
    if not (lhs.has(sp.log) or rhs.has(sp.log)):
        return []

    def rebased(expr, base):
        return expr.replace(
            lambda e: isinstance(e, sp.log) and bool(e.free_symbols), lambda e: sp.log(*e.args) / sp.log(base)
        )

    message = "this reads \\log as natural (as derive does); the step holds only for another base: \\log_{%d}"
    return [Proposal(message % base, rebased(lhs, base), rebased(rhs, base)) for base in (10, 2)]


def _sigmoid_arguments(expr) -> list:
    found = [s.args[0] for s in expr.atoms(Sigmoid) if not s.args[0].atoms(sp.Dummy)]
    for applied in expr.atoms(ElementwiseApplyFunction):
        if applied.function.expr.func is Sigmoid:
            found.append(applied.expr)
    return found


def _sigmoid_derivative_dropped(lhs, rhs, givens):
    proposals = []
    for argument in dict.fromkeys(_sigmoid_arguments(lhs) + _sigmoid_arguments(rhs)):
        try:
            repaired = hadamard(rhs, sigmoid_derivative(argument))
        except ShapeProblem:
            continue
        proposals.append(Proposal("sigma'(z) = sigma(z)(1 - sigma(z)) was dropped", lhs, repaired))
    return proposals


# In order: the first repair that makes the step hold names the mistake.
PROPOSERS = (
    _sign_of_one_term,
    _symmetric_assumed,
    _transposed_matrix,
    _product_order,
    _log_base,
    _sigmoid_derivative_dropped,
)

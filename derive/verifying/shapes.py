"""The algebra the parser builds with: sums, products, powers and functions of scalars,
vectors and matrices, each checked for shape, with ML notation's conventions.

- A product that comes out 1x1 (``w^T x``, ``1^T v``) is a scalar (``Scalar``), so it can
  meet scalars: ``w^T x + b``.
- A scalar added to a vector is broadcast: ``1 - p`` is ``1 - p`` elementwise.
- ``\\mathbf{1}``, ``I`` and ``\\mathbf{0}`` without a size are ``Pending``: their size comes
  from what they meet (``1^T v``: the length of v; ``X^T X + \\lambda I``: d), and ``1 \\mu^T``
  (a ones column times a row) is pending too until a sum or a product tells its rows
  (``X - 1 \\mu^T``: those of X; ``I - 1 s^T``: square).

A shape that does not fit raises ShapeProblem naming both operands and their shapes; the
parser turns it into a ParseError at the operator.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp
from sympy.matrices.expressions import MatrixExpr

import derive.core.operations as _ops
from derive.core.operations import Scalar, Sigmoid
from derive.verifying.limits import MAX_POWER_BITS, power_too_large


class ShapeProblem(ValueError):
    """Operands whose shapes do not fit, or an object whose size cannot be told."""


@dataclass(frozen=True)
class Pending:
    """A ones vector, identity or zero whose size is not known yet (times a scalar coefficient)."""

    kind: str  # "ones", "identity", "zero", "outer" (the all-ones matrix 1 1^T), or "square" (a sum of those two)
    transposed: bool = False
    coefficient: sp.Expr = sp.Integer(1)
    row: MatrixExpr | None = None  # of "ones": 1 row (transposed: row^T 1^T), with a known row (1 x n)
    terms: tuple = ()  # of "square": the pending identities and 1 1^T added (I - 1 1^T / n)

    def sized(self, length) -> MatrixExpr:
        if self.kind == "square":
            value = sp.MatAdd(*(term.sized(length) for term in self.terms))
        elif self.kind == "outer":
            value = sp.OneMatrix(length, length)
        elif self.row is not None:
            ones = sp.OneMatrix(length, 1)
            value = sp.MatMul(self.row.T, ones.T) if self.transposed else sp.MatMul(ones, self.row)
        elif self.kind == "identity":
            value = sp.Identity(length)
        elif self.kind == "ones":
            value = sp.OneMatrix(1, length) if self.transposed else sp.OneMatrix(length, 1)
        else:
            value = sp.ZeroMatrix(1, length) if self.transposed else sp.ZeroMatrix(length, 1)
        return value if self.coefficient == 1 else sp.MatMul(self.coefficient, value)

    def like(self, shape: tuple):
        """Sized to stand beside (in a sum or a Hadamard product) something of ``shape``."""
        rows, cols = shape
        if self.row is not None:
            known, free = (rows, cols) if self.transposed else (cols, rows)
            if known != self.row.shape[1]:
                raise ShapeProblem(f"{self.text()} cannot stand beside a {shape_text(shape)}")
            return self.sized(free)
        if self.kind == "outer":
            ones = sp.OneMatrix(rows, cols)
            return ones if self.coefficient == 1 else sp.MatMul(self.coefficient, ones)
        if self.kind == "zero" and not self.transposed:  # the zero matrix, beside a matrix
            return sp.ZeroMatrix(rows, cols)
        if self.kind in ("identity", "square"):
            if rows != cols:
                raise ShapeProblem(f"{self.text()} (square) cannot stand beside a {shape_text(shape)}")
            return self.sized(rows)
        if (cols != 1 and not self.transposed) or (rows != 1 and self.transposed):
            raise ShapeProblem(f"{self.text()} cannot stand beside a {shape_text(shape)}")
        return self.sized(cols if self.transposed else rows)

    def text(self) -> str:
        symbol = {"ones": r"\mathbf{1}", "identity": "I", "zero": r"\mathbf{0}", "outer": r"\mathbf{1}\mathbf{1}^\top"}
        if self.kind == "square":
            return " + ".join(term.text() for term in self.terms)
        symbol = symbol[self.kind]
        if self.row is not None:
            return r"\mathbf{1} (a row)" + (r"^\top" if self.transposed else "")
        return symbol + (r"^\top" if self.transposed else "")


def shape_of(value) -> tuple:
    if isinstance(value, Pending):
        return ("?", "?")
    return tuple(value.shape) if isinstance(value, MatrixExpr) else ()


def shape_text(shape: tuple) -> str:
    if not shape:
        return "scalar"
    rows, cols = shape
    if cols == 1:
        return f"{rows}-vector"
    if rows == 1:
        return f"row vector (1×{cols})"
    return f"{rows}×{cols} matrix"


def described(value, text: str) -> str:
    return f"{text} ({shape_text(shape_of(value))})" if not isinstance(value, Pending) else text


def is_matrix(value) -> bool:
    return isinstance(value, (MatrixExpr, Pending))


def _as_scalar_if_1x1(value):
    if isinstance(value, MatrixExpr) and value.shape == (1, 1):
        return Scalar(value)
    return value


def add(a, b, texts=("", "")):
    """a + b (subtract by adding ``negate(b)``)."""
    if isinstance(a, Pending) and isinstance(b, Pending):
        if a.kind in SQUARE and b.kind in SQUARE:  # I - 1 1^T / n: sized by what it meets later
            return Pending("square", terms=(a, b))
        if a.row is None and b.row is not None:
            return add(b, a, texts[::-1])
        if b.row is not None and a.transposed != b.transposed:  # v 1^T + 1 u^T: rows of v, columns of u
            return sp.MatAdd(a.sized(b.row.shape[1]), b.sized(a.row.shape[1]))
        if a.row is None or b.kind != "identity":
            raise ShapeProblem(
                f"cannot tell the size of {a.text()} and {b.text()}: give one a size, as in \\mathbf{{1}}_n"
            )
        a = a.sized(a.row.shape[1])  # I - 1 s^T: square
    if isinstance(a, Pending):
        a = _resolve_beside(a, b, texts)
    if isinstance(b, Pending):
        b = _resolve_beside(b, a, texts[::-1])
    if not is_matrix(a) and not is_matrix(b):
        return sp.Add(a, b)
    a, b = _broadcast(a, b, texts, "add"), _broadcast(b, a, texts[::-1], "add")
    if a.shape != b.shape:
        raise ShapeProblem(f"cannot add {described(a, texts[0])} and {described(b, texts[1])}")
    return sp.MatAdd(a, b)


SQUARE = ("identity", "outer", "square")  # pending kinds that are square matrices


def _resolve_beside(pending: Pending, other, texts):
    if not is_matrix(other):
        return pending.coefficient if pending.kind != "zero" else sp.Integer(0)
    return pending.like(other.shape)


def _broadcast(value, other, texts, verb: str):
    """A scalar beside a vector stands for that scalar times the ones vector."""
    if is_matrix(value) or not is_matrix(other):
        return value
    rows, cols = other.shape
    if cols != 1 and rows != 1:
        raise ShapeProblem(f"cannot {verb} the scalar {texts[0]} and {described(other, texts[1])}")
    return sp.MatMul(value, sp.OneMatrix(rows, cols)) if value != 1 else sp.OneMatrix(rows, cols)


def negate(a):
    if isinstance(a, Pending):
        return replace(a, coefficient=-a.coefficient)
    return sp.MatMul(-1, a) if is_matrix(a) else -a


def multiply(a, b, texts=("", "")):
    """The product ``a b``: matrix product when both are matrices, scaling otherwise."""
    if not is_matrix(a) or not is_matrix(b):
        scalar, other = (a, b) if not is_matrix(a) else (b, a)
        if isinstance(other, Pending):
            return replace(other, coefficient=scalar * other.coefficient)
        return sp.MatMul(scalar, other) if is_matrix(other) else sp.Mul(a, b)
    if isinstance(a, Pending) and isinstance(b, Pending):
        if a.kind == "identity":
            return Pending(b.kind, b.transposed, a.coefficient * b.coefficient)
        if b.kind == "identity":
            return Pending(a.kind, a.transposed, a.coefficient * b.coefficient)
        if a.kind == b.kind == "ones" and not a.transposed and b.transposed:  # 1 1^T: sized by what it meets
            return Pending("outer", False, a.coefficient * b.coefficient)
        raise ShapeProblem(f"cannot tell the sizes in {a.text()} {b.text()}: write \\mathbf{{1}}_n")
    spread = _spread_product(a, b, texts)
    if spread is not None:
        return spread
    if isinstance(a, Pending):
        a = _resolve_factor(a, rows=None, cols=b.shape[0])
    if isinstance(b, Pending):
        b = _resolve_factor(b, rows=a.shape[1], cols=None)
    if a.shape[1] != b.shape[0]:
        raise ShapeProblem(
            f"the product {texts[0]} {texts[1]} does not fit: {described(a, texts[0])} times {described(b, texts[1])}"
        )
    return _as_scalar_if_1x1(sp.MatMul(a, b).doit(deep=False))


def _spread_product(a, b, texts):
    """A product with a ones vector whose length the other factor does not tell, kept pending
    (``1 \\mu^T``, ``v 1^T``, ``(1 r) B``, ``A 1 1^T``...), or None when the other rules size it."""
    if isinstance(a, Pending) and a.kind == "outer":  # 1 1^T B = 1 (1^T B)
        return multiply(Pending("ones", coefficient=a.coefficient), multiply(sp.OneMatrix(1, b.shape[0]), b), texts)
    if isinstance(b, Pending) and b.kind == "outer":  # A 1 1^T = (A 1) 1^T
        return multiply(multiply(a, sp.OneMatrix(a.shape[1], 1)), Pending("ones", True, b.coefficient), texts)
    if isinstance(a, Pending) and a.kind == "ones" and not a.transposed:
        if a.row is not None:  # (1 r) B = 1 (r B)
            return _ones_times(a.coefficient, multiply(a.row, b, texts), transposed=False)
        if b.shape[0] == 1:  # 1 r
            return _ones_times(a.coefficient, b, transposed=False)
    if isinstance(b, Pending) and b.kind == "ones" and b.transposed:
        if b.row is not None:  # A (r^T 1^T) = (A r^T) 1^T
            return _ones_times(b.coefficient, transpose(multiply(a, b.row.T, texts)), transposed=True)
        if a.shape[1] == 1:  # v 1^T
            return _ones_times(b.coefficient, transpose(a), transposed=True)
    return None


def _ones_times(coefficient, row, transposed: bool):
    """A ones column times ``row`` (transposed: row^T times a ones row), times ``coefficient``."""
    if not is_matrix(row):  # a 1x1 product: a multiple of the ones vector
        return Pending("ones", transposed, coefficient * row)
    return Pending("ones", transposed, coefficient, row)


def _resolve_factor(pending: Pending, rows, cols):
    """Size a pending factor from its neighbour in a product (its columns or its rows)."""
    if pending.row is not None:  # 1 r as a right factor, r^T 1^T as a left one
        if (cols if pending.transposed else rows) is None:
            raise ShapeProblem(f"cannot tell the length of {pending.text()} here: write \\mathbf{{1}}_n")
        return pending.sized(cols if pending.transposed else rows)
    if pending.kind in ("identity", "square"):
        return pending.sized(cols if cols is not None else rows)
    if pending.transposed and cols is not None:  # 1^T v: the length of v
        return pending.sized(cols)
    if not pending.transposed and rows is not None:  # A 1: the columns of A
        return pending.sized(rows)
    raise ShapeProblem(f"cannot tell the length of {pending.text()} here: write \\mathbf{{1}}_n")


def hadamard(a, b, texts=("", "")):
    if not is_matrix(a) or not is_matrix(b):
        return multiply(a, b, texts)
    if isinstance(a, Pending):
        a = _resolve_beside(a, b, texts)
    if isinstance(b, Pending):
        b = _resolve_beside(b, a, texts[::-1])
    if a.shape != b.shape:
        raise ShapeProblem(
            f"the Hadamard product needs equal shapes: {described(a, texts[0])} and {described(b, texts[1])}"
        )
    return sp.HadamardProduct(a, b)


def divide(a, b, texts=("", "")):
    if is_matrix(b):
        raise ShapeProblem(f"cannot divide by {described(b, texts[1])}")
    return multiply(sp.Pow(b, -1), a, texts[::-1]) if is_matrix(a) else sp.Mul(a, sp.Pow(b, -1))


def transpose(a):
    if isinstance(a, Pending):
        return replace(a, transposed=not a.transposed)
    if isinstance(a, (sp.OneMatrix, sp.ZeroMatrix, sp.Identity)):
        return a.T
    return sp.Transpose(a) if is_matrix(a) else a


def inverse(a, text=""):
    if isinstance(a, Pending):
        if a.kind != "identity":
            raise ShapeProblem(f"{a.text()} has no inverse")
        return Pending("identity", False, 1 / a.coefficient)
    if not is_matrix(a):
        return sp.Pow(a, -1)
    rows, cols = a.shape
    if rows != cols:
        raise ShapeProblem(f"only a square matrix has an inverse: {described(a, text)}")
    return sp.Inverse(a)


def power(base, exponent, texts=("", "")):
    if is_matrix(exponent):
        raise ShapeProblem(f"the exponent {described(exponent, texts[1])} must be a scalar")
    if base == sp.E:
        return elementwise("exp", exponent, texts[1])
    if power_too_large(base, exponent):  # 10^{10^{10}}: refused before SymPy computes it
        raise ShapeProblem(
            f"this power of numbers is too large: derive verify computes numbers of at most {MAX_POWER_BITS:,} bits"
        )
    if not is_matrix(base):
        return sp.Pow(base, exponent)
    if isinstance(base, Pending) or base.shape[0] != base.shape[1] or not (exponent.is_Integer and exponent > 0):
        hint = r"; for a vector write w^\top w or \|w\|^2" if not isinstance(base, Pending) and 1 in base.shape else ""
        raise ShapeProblem(f"{described(base, texts[0])} cannot be raised to the power {exponent}{hint}")
    return sp.MatPow(base, exponent)


SYMPY_SCALAR_FUNCTIONS = ("sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "sign")
ELEMENTWISE = {  # SymPy's functions by name; derive's scalar operations are passed as their classes
    "log": _ops.log,
    "exp": _ops.exp,
    "tanh": _ops.tanh,
    "sqrt": _ops.sqrt,
    **{name: _ops.elementwise(getattr(sp, name)) for name in SYMPY_SCALAR_FUNCTIONS},
    "gamma": _ops.elementwise(sp.gamma),
    "loggamma": _ops.elementwise(sp.loggamma),
}


def is_elementwise(function) -> bool:
    """A name in ELEMENTWISE, or one of derive's scalar operations (not a matrix operation)."""
    if isinstance(function, str):
        return function in ELEMENTWISE
    return not issubclass(function, MatrixExpr) and not getattr(function, "takes_a_matrix", False)


def elementwise(function, a, text=""):
    """``function`` (a name in ELEMENTWISE or a scalar operation's class) entry by entry."""
    if isinstance(a, Pending):
        name = function if isinstance(function, str) else function.__name__.lower()
        raise ShapeProblem(f"cannot tell the size of {a.text()} inside {name}: write \\mathbf{{1}}_n")
    return ELEMENTWISE[function](a) if isinstance(function, str) else _ops.elementwise(function)(a)


def sigmoid_derivative(a, text=""):
    """sigma'(z) = sigma(z) (1 - sigma(z)), elementwise."""
    s = elementwise(Sigmoid, a, text)
    return hadamard(s, add(1, negate(s), ("1", text)), (text, text)) if is_matrix(s) else s * (1 - s)


def matrix_function(function, a, text=""):
    """tr, det (by name), derive's operations of a column vector (diag, softmax: their classes) and of a
    matrix (rank, nullity); softmax of a matrix is taken column by column."""
    name = function if isinstance(function, str) else function.parser_names[0]
    if isinstance(a, Pending):
        if name == "diag" and a.kind == "ones" and a.row is None and not a.transposed:  # diag(c 1) = c I
            return Pending("identity", coefficient=a.coefficient)
        raise ShapeProblem(f"cannot tell the size of {a.text()} inside {name}")
    shape = shape_of(a)
    if function in ("tr", "det"):
        if not shape:
            return a
        if shape[0] != shape[1]:
            raise ShapeProblem(f"{function} needs a square matrix, not {described(a, text)}")
        return sp.Trace(a) if function == "tr" else sp.Determinant(a)
    if shape and function is _ops.Softmax:  # of a matrix: column by column, as the catalog means it
        return function(a)
    if getattr(function, "takes_a_matrix", False):  # rank, nullity
        if not shape:
            raise ShapeProblem(f"{name} needs a matrix, not {described(a, text)}")
        return function(a)
    if not shape or shape[1] != 1:
        raise ShapeProblem(f"{name} needs a column vector, not {described(a, text)}")
    return function(a)


def norm(a, subscript: str, squared: bool, text=""):
    """\\|a\\|, \\|a\\|_2 (vectors), \\|A\\|_F (matrices), squared or not; |a| for a scalar."""
    if isinstance(a, Pending):
        raise ShapeProblem(f"cannot tell the size of {a.text()} inside a norm")
    if not is_matrix(a):
        return a**2 if squared else sp.Abs(a)
    rows, cols = a.shape
    if cols == 1 or rows == 1:
        if subscript not in ("", "2", "F"):
            raise ShapeProblem(f"the norm \\|\\cdot\\|_{subscript} is not supported; use \\|\\cdot\\|_2")
        inner = sp.MatMul(sp.Transpose(a), a) if cols == 1 else sp.MatMul(a, sp.Transpose(a))
        value = Scalar(inner)
    else:
        if subscript != "F":
            raise ShapeProblem(f"the norm of the matrix {text}: write the Frobenius norm \\|{text}\\|_F")
        value = sp.Trace(sp.MatMul(sp.Transpose(a), a))
    return value if squared else sp.sqrt(value)


def finished(value, text=""):
    """The value of a whole side: an unsized \\mathbf{1} or I left over is an error."""
    if isinstance(value, Pending):
        raise ShapeProblem(
            f"cannot tell the size of {value.text()}: write it with a size, as in \\mathbf{{1}}_n or I_d"
        )
    return value

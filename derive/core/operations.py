"""The operations vocabulary entries write with.

Scalar functions (``sigmoid``, ``relu``, ``log``, ...) act elementwise when given a
vector or matrix expression. Derivative objects (``grad``, ``jacobian``, ``hessian``) stay
unevaluated: the symbolic checker evaluates them on explicit small instances and the
numeric checker with JAX autodiff, never with SymPy's matrix calculus.

Each operation class is a derive.core.operation.Operation: its meaning, LaTeX, terminal
picture, JAX evaluation and parser names are written in the class, nowhere else.
"""

from __future__ import annotations

import sympy as sp
from sympy import ImmutableMatrix, Integer
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr, MatrixSymbol

from derive.core.operation import BY_DOIT, Operation, absent, latex_call, pretty_call, to_scalar

NOT_IN_NOTATION = absent("not in NOTATION.md: derive verify has no notation for it")
NO_PICTURE = absent("no terminal picture of its own: SymPy's default pretty printing is used")


class Sigmoid(Operation, sp.Function):
    """The logistic sigmoid 1 / (1 + exp(-x))."""

    nargs = 1
    parser_names = (r"\sigma", "sigmoid")

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + sp.exp(-x))

    def meaning(self):
        return 1 / (1 + sp.exp(-self.args[0]))

    def latex(self, printer):
        return latex_call(printer, r"\sigma", self.args[0])

    def pretty(self, printer):
        return printer._print_Function(self, func_name="σ")

    def jax(self, evaluate, env):
        import jax

        return jax.nn.sigmoid(evaluate(self.args[0], env))


class ReLU(Operation, sp.Function):
    """max(0, x)."""

    nargs = 1
    parser_names = ("ReLU", "relu")

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return sp.Max(0, x)

    def meaning(self):
        return sp.Max(0, self.args[0])

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{ReLU}", self.args[0])

    def pretty(self, printer):
        return printer._print_Function(self, func_name="ReLU")

    def jax(self, evaluate, env):
        import jax

        return jax.nn.relu(evaluate(self.args[0], env))


class Step(Operation, sp.Function):
    """The Heaviside step 1[x > 0], the derivative of ReLU away from its kink."""

    nargs = 1
    parser_names = absent(r"no name: the grammar reads \mathbb{I}[z > 0] and \mathbb{1}[z > 0] (verifying/atoms.py)")

    def _eval_rewrite_as_Heaviside(self, x, **kwargs):
        return sp.Heaviside(x)

    def meaning(self):
        return sp.Heaviside(self.args[0])

    def latex(self, printer):
        return r"\mathbb{I}\left[%s > 0\right]" % printer._print(self.args[0])

    def pretty(self, printer):
        return printer._print_Function(self, func_name="𝟙₊")

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.where(evaluate(self.args[0], env) > 0, 1.0, 0.0)


def elementwise(function):
    """``function`` of a scalar, and entry by entry of a vector or matrix expression."""

    def apply(x):
        if isinstance(x, MatrixExpr):
            return x.applyfunc(function)
        return function(x)

    apply.__name__ = getattr(function, "__name__", "elementwise")
    apply.__doc__ = f"{apply.__name__} of a scalar, or elementwise of a vector or matrix."
    return apply


sigmoid = elementwise(Sigmoid)
relu = elementwise(ReLU)
step = elementwise(Step)
log = elementwise(sp.log)
exp = elementwise(sp.exp)
tanh = elementwise(sp.tanh)
sqrt = elementwise(sp.sqrt)
sign = elementwise(sp.sign)


def hadamard(*factors):
    """The elementwise (Hadamard) product."""
    return sp.HadamardProduct(*factors)


def transpose(a):
    """The transpose, kept as written: (Xw - y)^T is not distributed over the sum."""
    return sp.Transpose(a)


def trace(a):
    return sp.Trace(a)


def det(a):
    return sp.Determinant(a)


def inv(a):
    return sp.Inverse(a)


def ones(n):
    """The all-ones column vector of length n."""
    return sp.OneMatrix(n, 1)


def eye(n):
    return sp.Identity(n)


def norm_sq(v):
    """Squared Euclidean norm of a vector as a 1x1 expression: v^T v (the transpose kept as written)."""
    return sp.MatMul(sp.Transpose(v), v)


def frobenius_sq(a):
    """Squared Frobenius norm tr(A^T A)."""
    return sp.Trace(a.T * a)


def diag(v):
    """The diagonal matrix whose diagonal is the vector v."""
    return DiagonalOf(v)


def softmax(z, axis: int = 0):
    """softmax of a column vector; for a matrix, each column (axis=0) or each row (axis=1)."""
    return Softmax(z, Integer(axis))


def grad(f, wrt):
    """The gradient of a scalar (or 1x1) f with respect to wrt, in denominator layout
    (the shape of wrt; 1x1 for a scalar wrt)."""
    return Gradient(f, wrt)


def jacobian(f, wrt):
    """The Jacobian of a column-vector function f (m x 1) in a column vector wrt (n x 1): m x n."""
    return Jacobian(f, wrt)


def hessian(f, wrt):
    """The Hessian of a scalar f in a column vector wrt (d x 1): d x d."""
    return Hessian(f, wrt)


def is_explicit(expr) -> bool:
    """True when no symbolic matrix is left, so entries can be differentiated one by one."""
    return not expr.atoms(MatrixSymbol)


def as_scalar(value):
    """A 1x1 explicit matrix as its entry; scalars pass through."""
    if getattr(value, "shape", None) == (1, 1) and not isinstance(value, MatrixSymbol):
        return value[0, 0]
    return value


def _grouped(printer, arg) -> str:
    """``arg`` in parentheses unless it is symbol-like (MLLatexPrinter.group; SymPy's printer: as is)."""
    group = getattr(printer, "group", printer._print)
    return group(arg)


class _Derivative(Operation, MatrixExpr):
    """Shared shape of the unevaluated derivative objects: args are (function, variable).
    Numerically each is JAX autodiff of its evaluated function, never a formula typed by hand."""

    meaning = BY_DOIT
    parser_names = absent(r"no name: the grammar reads \nabla_{w} f, \nabla^2_{w} f, \frac{\partial f}{\partial w}")

    def __new__(cls, f, wrt):
        return sp.Basic.__new__(cls, f, wrt)

    @property
    def function(self):
        return self.args[0]

    @property
    def variable(self):
        return self.args[1]

    def doit(self, **hints):
        f, wrt = (arg.doit(**hints) if hints.get("deep", True) else arg for arg in self.args)
        if not (isinstance(wrt, ImmutableMatrix) and is_explicit(f)):
            return type(self)(f, wrt)
        return self._explicit(f, wrt)


class Gradient(_Derivative):
    @property
    def shape(self):
        return getattr(self.variable, "shape", (1, 1))

    def latex(self, printer):
        return rf"\nabla_{{{printer._print(self.variable)}}} {_grouped(printer, self.function)}"

    def pretty(self, printer):
        return pretty_call(printer, f"∇_{printer.doprint(self.variable)}", self.function)  # ∇_μ, not ∇_mu

    def jax(self, evaluate, env):
        import jax

        f, wrt = self.args
        return jax.grad(lambda v: to_scalar(evaluate(f, {**env, wrt: v})))(evaluate(wrt, env))

    def doit(self, **hints):
        if isinstance(self.variable, sp.Symbol):  # a scalar variable is explicit already
            f = self.function.doit(**hints)
            return (
                self._explicit(f, ImmutableMatrix([[self.variable]])) if is_explicit(f) else Gradient(f, self.variable)
            )
        return super().doit(**hints)

    def _explicit(self, f, wrt):
        scalar_f = as_scalar(f.as_explicit() if isinstance(f, MatrixExpr) else f)
        return ImmutableMatrix(*wrt.shape, lambda i, j: sp.diff(scalar_f, wrt[i, j]))


class Jacobian(_Derivative):
    @property
    def shape(self):
        return (self.function.shape[0], self.variable.shape[0])

    def latex(self, printer):
        return rf"\frac{{\partial {_grouped(printer, self.function)}}}{{\partial {printer._print(self.variable)}}}"

    def pretty(self, printer):
        return pretty_call(printer, f"J_{self.variable}", self.function)

    def jax(self, evaluate, env):
        import jax
        import jax.numpy as jnp

        f, wrt = self.args
        point = evaluate(wrt, env)
        jac = jax.jacobian(lambda v: evaluate(f, {**env, wrt: v}))(point)
        return jnp.reshape(jac, (jac.shape[0], point.shape[0]))

    def _explicit(self, f, wrt):
        f = f.as_explicit() if isinstance(f, MatrixExpr) else f
        return ImmutableMatrix(f.shape[0], wrt.shape[0], lambda i, j: sp.diff(f[i, 0], wrt[j, 0]))


class Hessian(_Derivative):
    @property
    def shape(self):
        return (self.variable.shape[0], self.variable.shape[0])

    def latex(self, printer):
        return rf"\nabla^{{2}}_{{{printer._print(self.variable)}}} {_grouped(printer, self.function)}"

    def pretty(self, printer):
        return pretty_call(printer, f"∇²_{printer.doprint(self.variable)}", self.function)

    def jax(self, evaluate, env):
        import jax
        import jax.numpy as jnp

        f, wrt = self.args
        point = evaluate(wrt, env)
        hess = jax.hessian(lambda v: to_scalar(evaluate(f, {**env, wrt: v})))(point)
        return jnp.reshape(hess, (point.shape[0], point.shape[0]))

    def _explicit(self, f, wrt):
        scalar_f = as_scalar(f.as_explicit() if isinstance(f, MatrixExpr) else f)
        size = wrt.shape[0]
        return ImmutableMatrix(size, size, lambda i, j: sp.diff(scalar_f, wrt[i, 0], wrt[j, 0]))


class Scalar(Operation, sp.Expr):
    """The single entry of a 1x1 matrix expression, so it can meet scalars: s(v^T v) - 1."""

    is_commutative = True
    meaning = BY_DOIT
    parser_names = absent("no name: the parser makes it of a product that comes out 1x1 (w^T x)")

    def __new__(cls, matrix_expr):
        if matrix_expr.shape != (1, 1):
            raise ValueError(f"scalar_of needs a 1x1 expression, not {matrix_expr.shape[0]}x{matrix_expr.shape[1]}")
        return sp.Expr.__new__(cls, matrix_expr)

    def doit(self, **hints):
        value = self.args[0].doit(**hints)
        if isinstance(value, MatrixExpr) and not is_explicit(value):
            return Scalar(value)
        return as_scalar(value.as_explicit() if isinstance(value, MatrixExpr) else value)

    def latex(self, printer):
        inner = printer._print(self.args[0])
        return rf"\left({inner}\right)" if isinstance(self.args[0], sp.MatAdd) else inner

    def pretty(self, printer):
        return printer._print(self.args[0])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.reshape(evaluate(self.args[0], env), ())


def scalar_of(matrix_expr):
    """A 1x1 matrix expression (v^T v, y^T X w) as a scalar."""
    return Scalar(matrix_expr)


class MeanOuter(Operation, MatrixExpr):
    """The mean of the outer products of the rows of X: (1/n) sum_i r_i r_i^T, r_i^T = row i.

    On explicit instances it is that sum, row by row; in JAX an einsum over the rows, so it
    is an independent computation of what X^T X / n claims to be."""

    meaning = BY_DOIT
    parser_names = NOT_IN_NOTATION

    def __new__(cls, x):
        return sp.Basic.__new__(cls, x)

    @property
    def shape(self):
        return (self.args[0].shape[1], self.args[0].shape[1])

    def doit(self, **hints):
        x = self.args[0].doit(**hints)
        if isinstance(x, MatrixExpr) and is_explicit(x) and all(_sympify(n).is_Integer for n in x.shape):
            x = ImmutableMatrix(x.as_explicit())
        if not isinstance(x, ImmutableMatrix):
            return MeanOuter(x)
        rows = [x[i, :] for i in range(x.shape[0])]
        return ImmutableMatrix(sum((r.T * r for r in rows), sp.zeros(x.shape[1], x.shape[1])) / x.shape[0])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        x = evaluate(self.args[0], env)
        return jnp.einsum("ij,ik->jk", x, x) / x.shape[0]

    def latex(self, printer):
        row = r"\mathbf{r}_i"
        of = printer._print(self.args[0])
        where = r"\ \left(%s^{\top} = \text{row } i \text{ of } %s\right)" % (row, of)
        return r"\operatorname{mean}_{i}\, %s %s^{\top}" % (row, row) + where

    def pretty(self, printer):
        return pretty_call(printer, "mean of r rᵀ over the rows rᵀ of ", self.args[0])


def mean_outer(x):
    """(1/n) sum_i r_i r_i^T over the rows r_i^T of the n-row matrix x: the mean outer product."""
    return MeanOuter(x)


absolute = elementwise(sp.Abs)
absolute.__doc__ = "|x| of a scalar, or elementwise of a vector or matrix."


class Softmax(Operation, MatrixExpr):
    """softmax along an axis: 0 normalises each column, 1 each row."""

    meaning = BY_DOIT
    parser_names = ("softmax",)

    def __new__(cls, z, axis=Integer(0)):
        return sp.Basic.__new__(cls, z, axis)

    @property
    def shape(self):
        return self.args[0].shape

    def doit(self, **hints):
        z, axis = self.args[0].doit(**hints), self.args[1]
        if isinstance(z, MatrixExpr) and not isinstance(z, ImmutableMatrix) and is_explicit(z):
            z = ImmutableMatrix(z.as_explicit())  # beta * (explicit matrix) stays a MatMul after doit
        if not isinstance(z, ImmutableMatrix):
            return Softmax(z, axis)
        e = z.applyfunc(sp.exp)
        if axis == 0:
            totals = [sum(e[:, j]) for j in range(e.shape[1])]
            return ImmutableMatrix(*e.shape, lambda i, j: e[i, j] / totals[j])
        totals = [sum(e[i, :]) for i in range(e.shape[0])]
        return ImmutableMatrix(*e.shape, lambda i, j: e[i, j] / totals[i])

    def latex(self, printer):
        z, axis = self.args
        if axis == 1:  # row-wise: the column-wise softmax of the transpose, transposed back
            return latex_call(printer, r"\operatorname{softmax}", sp.Transpose(z)) + r"^{\top}"
        return latex_call(printer, r"\operatorname{softmax}", z)

    def pretty(self, printer):
        return pretty_call(printer, "softmax", self.args[0])

    def jax(self, evaluate, env):
        import jax

        return jax.nn.softmax(evaluate(self.args[0], env), axis=int(self.args[1]))


class DiagonalOf(Operation, MatrixExpr):
    """diag(v): the square matrix with the vector v on its diagonal."""

    meaning = BY_DOIT
    parser_names = ("diag",)

    def __new__(cls, v):
        return sp.Basic.__new__(cls, v)

    @property
    def shape(self):
        return (self.args[0].shape[0], self.args[0].shape[0])

    def doit(self, **hints):
        v = self.args[0].doit(**hints)
        if isinstance(v, MatrixExpr) and is_explicit(v) and all(_sympify(n).is_Integer for n in v.shape):
            v = ImmutableMatrix(v.as_explicit())  # e.g. an unevaluated Hadamard product of explicit matrices
        if not isinstance(v, ImmutableMatrix):
            return DiagonalOf(v)
        return ImmutableMatrix(sp.diag(*list(v)))

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{diag}", self.args[0])

    def pretty(self, printer):
        return pretty_call(printer, "diag", self.args[0])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.diag(evaluate(self.args[0], env)[:, 0])

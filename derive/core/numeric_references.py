"""Numeric-only references: answers a numeric routine computes (eigendecompositions, SVD factors,
least squares, quadrature). Checks use them as the independent side of a comparison; the
symbolic checker cannot instantiate them, so they never appear in a derivation's steps, except
rank and nullity: rank-nullity states a count with them (checked numerically), and derive verify
reads them by name, as the same opaque values.
"""

from __future__ import annotations

import sympy as sp
from sympy import Integer
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr

from derive.core.operation import Operation, absent, latex_call, pretty_call
from derive.core.operations import NO_PICTURE, NOT_IN_NOTATION

QUADRATURE_NODES = 256


NUMERIC_ONLY = absent("numeric only: a JAX routine computes it, the independent side of a numeric check")


class _NumericProcedure(Operation, MatrixExpr):
    """An answer a numeric routine computes (an eigenvector, a least-squares solve): usable in
    numeric checks as the independent reference, opaque to the symbolic checker."""

    meaning = NUMERIC_ONLY
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{%s}" % self.name, *self.args)


class Eigenvector(_NumericProcedure):
    """The unit eigenvector of a symmetric matrix for its k-th largest eigenvalue (k = 0: the top)."""

    name = "eigvec"

    @property
    def shape(self):
        return (self.args[0].shape[0], 1)

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        _, vectors = jnp.linalg.eigh(evaluate(self.args[0], env))
        return vectors[:, -1 - int(self.args[1]), None]


class Eigenvalue(_NumericProcedure):
    """The k-th largest eigenvalue of a symmetric matrix, as a 1x1 expression."""

    name = "eigval"
    shape = (1, 1)

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        values = jnp.linalg.eigvalsh(evaluate(self.args[0], env))
        return jnp.reshape(values[-1 - int(self.args[1])], (1, 1))


class LeastSquares(_NumericProcedure):
    """argmin_w ||Xw - y||^2 as computed by a least-squares solver (jnp.linalg.lstsq)."""

    name = "lstsq"

    @property
    def shape(self):
        return (self.args[0].shape[1], self.args[1].shape[1])

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.linalg.lstsq(evaluate(self.args[0], env), evaluate(self.args[1], env))[0]


def eigvec(a, k: int = 0):
    """Unit eigenvector of symmetric ``a`` for its k-th largest eigenvalue (numeric checks only)."""
    return Eigenvector(a, Integer(k))


def eigval(a, k: int = 0):
    """The k-th largest eigenvalue of symmetric ``a``, 1x1 (numeric checks only)."""
    return Eigenvalue(a, Integer(k))


def lstsq(a, b):
    """A least-squares solver's answer to min ||a x - b|| (numeric checks only)."""
    return LeastSquares(a, b)


class Eigenvalues(_NumericProcedure):
    """Every eigenvalue of a symmetric matrix, in increasing order, as a column vector."""

    name = "eigvals"

    @property
    def shape(self):
        return (self.args[0].shape[0], 1)

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        a = evaluate(self.args[0], env)
        return jnp.linalg.eigvalsh((a + jnp.swapaxes(a, -1, -2)) / 2)[:, None]


def eigvals(a):
    """All eigenvalues of symmetric ``a``, increasing, as a column vector (numeric checks only):
    ``Inequality(lesser=0, greater=eigvals(H))`` says H is positive semidefinite."""
    return Eigenvalues(a)


class _SVDPart(_NumericProcedure):
    """One factor of the thin SVD X = U diag(s) V^T of a tall matrix (rows >= columns), from
    jnp.linalg.svd: singular values in decreasing order, the factors consistent with each other."""

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        u, s, vh = jnp.linalg.svd(evaluate(self.args[0], env), full_matrices=False)
        return self._pick(u, s, vh)


class SVDLeft(_SVDPart):
    name = "svd_U"

    @property
    def shape(self):
        return self.args[0].shape

    def _pick(self, u, s, vh):
        return u


class SVDValues(_SVDPart):
    name = "svd_s"

    @property
    def shape(self):
        return (self.args[0].shape[1], 1)

    def _pick(self, u, s, vh):
        return s[:, None]


class SVDRight(_SVDPart):
    name = "svd_V"

    @property
    def shape(self):
        return (self.args[0].shape[1], self.args[0].shape[1])

    def _pick(self, u, s, vh):
        return vh.T


def svd_u(a):
    """U of the thin SVD a = U diag(s) V^T (a tall: rows >= columns; numeric checks only)."""
    return SVDLeft(a)


def svd_s(a):
    """The singular values of a tall matrix, decreasing, as a column vector (numeric checks only)."""
    return SVDValues(a)


def svd_v(a):
    """V (square, orthogonal) of the thin SVD a = U diag(s) V^T (numeric checks only)."""
    return SVDRight(a)


class Quadrature(Operation, sp.Expr):
    """The definite integral of a scalar f(x) over [low, high], computed numerically by
    Gauss-Legendre quadrature; infinite limits are mapped to a finite interval first
    (x = t / (1 - t^2) on (-1, 1) for the whole line, x = low + t / (1 - t) on [0, 1) for a
    half-line). Independent of any closed form; opaque to the symbolic checker, which has
    SymPy's ``Integral`` instead. Accurate for smooth integrands that decay at infinity."""

    is_commutative = True
    meaning = NUMERIC_ONLY
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def __new__(cls, f, variable, low, high):
        return sp.Expr.__new__(cls, _sympify(f), variable, _sympify(low), _sympify(high))

    def jax(self, evaluate, env):
        import jax.numpy as jnp
        import numpy as np

        f, variable, low, high = self.args
        t, weights = (jnp.asarray(a) for a in np.polynomial.legendre.leggauss(QUADRATURE_NODES))
        if low == -sp.oo and high == sp.oo:
            x, dx = t / (1 - t**2), (1 + t**2) / (1 - t**2) ** 2
        elif high == sp.oo or low == -sp.oo:
            s = (t + 1) / 2  # [0, 1)
            start = evaluate(low if high == sp.oo else high, env)
            direction = 1.0 if high == sp.oo else -1.0
            x, dx = start + direction * s / (1 - s), 0.5 / (1 - s) ** 2
        else:
            a, b = evaluate(low, env), evaluate(high, env)
            x, dx = (a + b) / 2 + (b - a) / 2 * t, (b - a) / 2 * jnp.ones_like(t)
        values = evaluate(f, {**env, variable: x})
        return jnp.sum(weights * values * dx)

    def latex(self, printer):
        f, variable, low, high = (printer._print(a) for a in self.args)
        return r"\operatorname{quad}\int_{%s}^{%s} %s \, d%s" % (low, high, f, variable)

    def _sympystr(self, printer):
        f, variable, low, high = (printer._print(a) for a in self.args)
        return f"quad({f}, {variable}, {low}, {high})"


def quadrature(f, variable, low, high):
    """The integral of scalar ``f`` over ``variable`` in [low, high] (limits may be +-oo),
    by Gauss-Legendre quadrature (numeric checks only)."""
    return Quadrature(f, variable, low, high)


# -- rank and nullity: numeric only, but notation a derivation writes (rank-nullity) -------------
def _values_above_tolerance(values):
    import jax.numpy as jnp

    return values > 1e-9 * jnp.maximum(jnp.max(values), 1.0)


class _OfAMatrix(Operation, sp.Expr):
    """A number a numeric routine computes from one matrix, read and printed as
    ``\\operatorname{name}(A)``; opaque to the symbolic checker."""

    is_commutative = True
    meaning = NUMERIC_ONLY
    takes_a_matrix = True  # derive.verifying.shapes applies it to the whole matrix, not entry by entry

    def latex(self, printer):
        return latex_call(printer, r"\operatorname{%s}" % self.name, *self.args)

    def pretty(self, printer):
        return pretty_call(printer, self.name, *self.args)

    def _eval_evalf(self, prec):
        """Its exact value for a matrix of numbers (rational arithmetic: a sample point of the
        symbolic checker, whose refutation is then a true counterexample); None otherwise."""
        value = self.args[0].doit()
        if not isinstance(value, sp.MatrixBase) or value.free_symbols:
            return None
        return sp.Float(self._exact(sp.Matrix(value)), precision=prec)


class Rank(_OfAMatrix):
    """rank A: the number of singular values above 1e-9 times the largest (jnp.linalg.svd)."""

    name = "rank"
    parser_names = ("rank", "rk")

    @staticmethod
    def _exact(matrix):
        return matrix.rank()

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        values = jnp.linalg.svd(evaluate(self.args[0], env), compute_uv=False)
        return jnp.sum(_values_above_tolerance(values)).astype(jnp.float64)


class Nullity(_OfAMatrix):
    """dim null A, computed independently of the rank: the number of eigenvalues of A^T A (from
    eigh) below a tolerance, i.e. of directions A sends to 0."""

    name = "nullity"
    parser_names = ("nullity",)  # and \dim\ker A (derive.verifying.atoms)

    @staticmethod
    def _exact(matrix):
        return len(matrix.nullspace())

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        matrix = evaluate(self.args[0], env)
        eigenvalues = jnp.linalg.eigvalsh(matrix.T @ matrix)
        return jnp.sum(~_values_above_tolerance(eigenvalues)).astype(jnp.float64)


def rank(a):
    """rank A from the SVD (numeric only)."""
    return Rank(a)


def nullity(a):
    """dim null A from the eigenvalues of A^T A that vanish (numeric only, independent of rank())."""
    return Nullity(a)

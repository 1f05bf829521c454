"""Operations for optimisation entries: the s-th entry of a sequence, a numeric minimiser,
the exact average over all minibatches, and stacking constraint vectors.

``entry(g, s)`` is g_s (counting from 1), usable with a symbolic index inside a sum
``Sum(beta**(T - s) * entry(g, s), (s, 1, T))``: on an explicit instance it becomes the
matrix entry, numerically a (traceable) array index. ``argmin(f, x, low, high)`` and
``minibatch_mean(expr, m, b)`` are computed independently of any claimed closed form, so a
numeric check can compare a closed form against them.
"""

from __future__ import annotations

import itertools

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr

from derive.core.operation import BY_DOIT, Operation, absent, to_scalar
from derive.core.operations import NO_PICTURE, NOT_IN_NOTATION

BISECTION_STEPS = 200


class Entry(Operation, sp.Expr):
    """g_s: entry s (from 1) of a column vector g; the index may be a symbol (a summation index)."""

    is_commutative = True
    meaning = BY_DOIT
    pretty = NO_PICTURE
    parser_names = absent("no name: the parser reads g_s as an entry of the vector g (a MatrixElement)")

    def __new__(cls, vector, index):
        index = _sympify(index)
        if isinstance(vector, ImmutableMatrix) and index.is_Integer:
            if not 1 <= int(index) <= vector.shape[0]:
                raise IndexError(f"entry {index} of a vector of length {vector.shape[0]}")
            return vector[int(index) - 1, 0]
        return sp.Expr.__new__(cls, vector, index)

    @property
    def is_real(self):
        return True

    @property
    def free_symbols(self):
        # the vector's length counts, so that substituting sizes reaches g inside a sum
        vector, index = self.args
        shape = set().union(*(_sympify(extent).free_symbols for extent in getattr(vector, "shape", ())))
        return vector.free_symbols | index.free_symbols | shape

    def doit(self, **hints):
        vector, index = (arg.doit(**hints) for arg in self.args)
        if isinstance(vector, MatrixExpr) and not isinstance(vector, ImmutableMatrix):
            explicit = vector.as_explicit() if all(_sympify(n).is_Integer for n in vector.shape) else None
            vector = ImmutableMatrix(explicit) if explicit is not None else vector
        return Entry(vector, index)

    def latex(self, printer):
        return r"%s_{%s}" % (printer._print(self.args[0]), printer._print(self.args[1]))

    def _sympystr(self, printer):
        return f"{printer._print(self.args[0])}[{printer._print(self.args[1])}]"

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        values = jnp.reshape(evaluate(self.args[0], env), (-1,))
        position = jnp.asarray(evaluate(self.args[1], env)).astype(int) - 1
        return values[position]


def entry(vector, index):
    """g_s, entry ``index`` (counting from 1) of the column vector ``vector``."""
    return Entry(vector, index)


class Minimiser(Operation, sp.Expr):
    """argmin over a scalar x in [low, high] of a function convex in x, found numerically by
    bisection on the sign of its JAX derivative (a subgradient at a kink); opaque symbolically."""

    is_commutative = True
    meaning = absent("numeric only: a bisection in JAX, the independent side of a numeric check")
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def __new__(cls, objective, variable, low, high):
        return sp.Expr.__new__(cls, objective, variable, _sympify(low), _sympify(high))

    def latex(self, printer):
        return r"\operatorname{argmin}_{%s} %s" % (printer._print(self.args[1]), printer._print(self.args[0]))

    def jax(self, evaluate, env):
        import jax
        import jax.numpy as jnp

        objective, variable, low, high = self.args
        slope = jax.grad(lambda x: to_scalar(evaluate(objective, {**env, variable: x})))

        def halve(_, bracket):
            lo, hi = bracket
            middle = (lo + hi) / 2
            rising = slope(middle) > 0
            return jnp.where(rising, lo, middle), jnp.where(rising, middle, hi)

        start = (jnp.asarray(evaluate(low, env), float), jnp.asarray(evaluate(high, env), float))
        lo, hi = jax.lax.fori_loop(0, BISECTION_STEPS, halve, start)
        return (lo + hi) / 2


def argmin(objective, variable, low, high):
    """The minimiser over ``variable`` in [low, high] of a scalar ``objective`` convex in it,
    computed numerically (bisection on the derivative; numeric checks only)."""
    return Minimiser(objective, variable, low, high)


class MinibatchMean(Operation, MatrixExpr):
    """The average of ``expr`` over every indicator vector ``mask`` (n x 1) with exactly ``size``
    ones: the exact expectation over a minibatch of ``size`` indices drawn uniformly without
    replacement. Computed by enumerating all C(n, size) batches, symbolically on an explicit
    instance and numerically in JAX; for a size left a symbol (b in derive verify), exactly for
    every b when ``expr`` is a polynomial in the mask (``_mask_average``). ``expr`` may be a scalar or a matrix expression."""

    meaning = BY_DOIT
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def __new__(cls, expr, mask, size):
        return sp.Basic.__new__(cls, expr, mask, _sympify(size))

    @property
    def shape(self):
        return getattr(self.args[0], "shape", (1, 1))

    def _batches(self, n: int):
        return list(itertools.combinations(range(n), int(self.args[2])))

    def doit(self, **hints):
        expr, mask, size = (arg.doit(**hints) for arg in self.args)
        if not isinstance(mask, ImmutableMatrix) or not (size.is_Integer or _is_polynomial_in(expr, mask)):
            return MinibatchMean(expr, mask, size)
        if isinstance(expr, MatrixExpr):
            expr = expr.as_explicit()
        value = ImmutableMatrix([[expr]]) if not isinstance(expr, sp.MatrixBase) else ImmutableMatrix(expr)
        if not size.is_Integer:  # a batch size b left a symbol (derive verify): E of a polynomial in m, for every b
            return ImmutableMatrix(value.applyfunc(lambda entry: _mask_average(entry, list(mask), size)))
        n = mask.shape[0]
        batches = list(itertools.combinations(range(n), int(size)))
        total = sp.zeros(*value.shape)
        for batch in batches:
            chosen = {mask[i, 0]: (1 if i in batch else 0) for i in range(n)}
            total += value.xreplace(chosen)
        return ImmutableMatrix(total / len(batches))

    def latex(self, printer):
        return r"\mathbb{E}_{%s}\left[%s\right]" % (printer._print(self.args[1]), printer._print(self.args[0]))

    def jax(self, evaluate, env):
        import jax
        import jax.numpy as jnp

        expr, mask, size = self.args
        n = int(jnp.shape(env[mask])[0])
        size = int(size.subs(env["__sizes__"])) if size.free_symbols else int(size)
        batches = list(itertools.combinations(range(n), size))
        masks = jnp.zeros((len(batches), n, 1))
        for row, batch in enumerate(batches):
            masks = masks.at[row, list(batch), 0].set(1.0)
        values = jax.vmap(lambda m: jnp.asarray(evaluate(expr, {**env, mask: m}), float))(masks)
        return jnp.mean(values, axis=0)


def _is_polynomial_in(expr, mask) -> bool:
    """Whether ``expr`` is a polynomial in the mask's entries, each a symbol (an explicit instance)."""
    entries = [m for m in mask if isinstance(m, sp.Symbol)]
    if len(entries) != mask.shape[0]:
        return False
    value = expr.as_explicit() if isinstance(expr, MatrixExpr) else expr
    values = value if isinstance(value, sp.MatrixBase) else [value]
    return all(_sympify(v).is_polynomial(*entries) for v in values)


def _mask_average(value, entries: list, size):
    """E[value] over a uniformly drawn 0/1 mask with ``size`` ones, ``value`` a polynomial in its
    ``entries`` (symbols): m_i^k = m_i, and a product of k distinct entries has expectation
    C(n - k, b - k) / C(n, b) = b (b - 1) ... (b - k + 1) / (n (n - 1) ... (n - k + 1))."""
    n = len(entries)
    total = sp.Integer(0)
    for powers, coefficient in sp.Poly(sp.expand(value), *entries).terms():
        k = sum(1 for power in powers if power)
        total += coefficient * sp.ff(size, k) / sp.ff(n, k)
    return total


def minibatch_mean(expr, mask, size):
    """E over a uniformly drawn minibatch: the average of ``expr`` over every 0/1 vector ``mask``
    with exactly ``size`` ones (all C(n, size) batches, enumerated)."""
    return MinibatchMean(expr, mask, size)


class Stacked(Operation, MatrixExpr):
    """Column vectors (or matrices with equal column counts) stacked on top of each other."""

    meaning = BY_DOIT
    pretty = NO_PICTURE
    parser_names = NOT_IN_NOTATION

    def __new__(cls, *blocks):
        return sp.Basic.__new__(cls, *blocks)

    @property
    def shape(self):
        return (sum((block.shape[0] for block in self.args), sp.Integer(0)), self.args[0].shape[1])

    def doit(self, **hints):
        blocks = [block.doit(**hints) for block in self.args]
        blocks = [
            b.as_explicit() if isinstance(b, MatrixExpr) and not isinstance(b, ImmutableMatrix) else b for b in blocks
        ]
        if all(isinstance(b, sp.MatrixBase) for b in blocks):
            return ImmutableMatrix(sp.Matrix.vstack(*blocks))
        return Stacked(*blocks)

    def latex(self, printer):
        return r"\begin{bmatrix} %s \end{bmatrix}" % r" \\ ".join(printer._print(b) for b in self.args)

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.concatenate([jnp.asarray(evaluate(block, env), float) for block in self.args], axis=0)


def vstack(*blocks):
    """Stack column vectors: the constraints of a KKT check written as one vector."""
    return Stacked(*blocks)


__all__ = ["argmin", "entry", "minibatch_mean", "vstack"]

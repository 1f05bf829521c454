"""Operations for statistics entries: expectations over independent draws, sample means and
sums over entries, the normal CDF and quantile, bootstrap resampling, and numeric procedures
(exact bootstrap enumeration, quantiles, rank and null space).

``expectation(expr, (x, mean, (m2, m3, ...)), ...)`` is E[expr] when every entry of each vector
``x`` is an independent draw with that mean and those central moments (m2 the variance, m3 the
third central moment, ...). On an explicit instance (n fixed) it is computed exactly: expr is
expanded as a polynomial in the centred entries and each monomial is replaced by the product
of the moments, which is what independence gives. So a step "E[...] = ..." is PROVED by the
symbolic checker at that size, not taken on trust. Numerically, the entries use Monte Carlo.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.pretty.stringpict import prettyForm

from derive.core.checks import MonteCarlo
from derive.core.operations import as_scalar, is_explicit


def _explicit_vector(value):
    value = value.doit() if hasattr(value, "doit") else value
    if isinstance(value, MatrixExpr) and is_explicit(value) and all(_sympify(n).is_Integer for n in value.shape):
        value = ImmutableMatrix(value.as_explicit())
    return value if isinstance(value, ImmutableMatrix) else None


def _scalar_value(value):
    if isinstance(value, MatrixExpr) and is_explicit(value):
        value = value.as_explicit()
    return as_scalar(value)


def _pretty_call(printer, name, *args):
    inner = printer._print(args[0])
    for arg in args[1:]:
        inner = prettyForm(*inner.right(", ", printer._print(arg)))
    return prettyForm(*prettyForm(*inner.parens()).left(name))


class Expectation(sp.Expr):
    """E[expr] over independent draws; args: (expr, Tuple(x, mean, Tuple(m2, m3, ...)), ...)."""

    is_commutative = True

    def __new__(cls, expr, *laws):
        laws = tuple(sp.Tuple(x, _sympify(mean), sp.Tuple(*moments)) for x, mean, moments in laws)
        return sp.Expr.__new__(cls, _sympify(expr), *laws)

    @property
    def integrand(self):
        return self.args[0]

    @property
    def laws(self):
        return self.args[1:]

    def doit(self, **hints):
        body = _scalar_value(self.integrand.doit(**hints))
        substitution, moments_of = {}, {}
        for x, mean, moments in self.laws:
            vector = _explicit_vector(x)
            if vector is None or isinstance(body, MatrixExpr):
                return Expectation(body, *((law[0], law[1], law[2]) for law in self.laws))
            mean = _scalar_value(mean.doit(**hints))
            moments = tuple(_scalar_value(m.doit(**hints)) for m in moments)
            for entry in vector:
                centred = sp.Dummy(f"e_{entry}")
                substitution[entry] = mean + centred
                moments_of[centred] = moments
        if not substitution:
            return body
        centred = list(moments_of)
        polynomial = sp.Poly(sp.expand(body.xreplace(substitution)), *centred)
        total = sp.Integer(0)
        for powers, coefficient in polynomial.terms():
            term = coefficient
            for variable, power in zip(centred, powers):
                if power == 0:
                    continue
                if power == 1:
                    term = 0
                    break
                known = moments_of[variable]
                if power - 2 >= len(known):
                    raise ValueError(f"E[...] needs the central moment of order {power}, which was not given")
                term *= known[power - 2]
            total += term
        return total

    def _latex(self, printer):
        return r"\mathbb{E}\left[%s\right]" % printer._print(self.integrand)

    def _pretty(self, printer):
        inner = printer._print(self.integrand)
        return prettyForm(*prettyForm(*inner.parens("[", "]")).left("E"))

    def _sympystr(self, printer):
        return "E[%s]" % printer._print(self.integrand)


def expectation(expr, *laws):
    """E[expr] when each vector of ``laws`` = ((x, mean, (variance, third central moment, ...)), ...)
    has independent entries with that mean and those central moments."""
    return Expectation(expr, *laws)


class SampleMean(sp.Expr):
    """x-bar: the mean of the entries of a column vector."""

    is_commutative = True

    def __new__(cls, x):
        return sp.Expr.__new__(cls, x)

    def doit(self, **hints):
        vector = _explicit_vector(self.args[0])
        if vector is None:
            return self
        return sum(vector) / vector.shape[0]

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.mean(evaluate(self.args[0], env))

    def _latex(self, printer):
        return r"\bar{%s}" % printer._print(self.args[0])

    def _pretty(self, printer):
        return prettyForm(f"{printer._print(self.args[0])}̄")

    def _sympystr(self, printer):
        return "mean(%s)" % printer._print(self.args[0])


def sample_mean(x):
    """The mean of the entries of the vector x (printed x-bar)."""
    return SampleMean(x)


class EntrySum(sp.Expr):
    """sum_i f(x_i) over the entries of a vector; args: (body in a dummy, dummy, x)."""

    is_commutative = True

    def __new__(cls, body, dummy, x):
        return sp.Expr.__new__(cls, body, dummy, x)

    def doit(self, **hints):
        body, dummy, x = self.args
        vector = _explicit_vector(x)
        if vector is None:
            return self
        body = body.doit(**hints)
        return sum(body.xreplace({dummy: entry}) for entry in vector)

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        body, dummy, x = self.args
        values = jnp.ravel(evaluate(x, env))
        return jnp.sum(evaluate(body, {**env, dummy: values}))

    def _element(self):
        body, dummy, x = self.args
        return body.xreplace({dummy: sp.Symbol(f"{x.name}_i")})

    def _latex(self, printer):
        x = self.args[2]
        return r"\sum_{i=1}^{%s} %s" % (
            printer._print(x.shape[0]),
            printer.parenthesize(self._element(), PRECEDENCE["Mul"]),
        )

    def _pretty(self, printer):
        inner = printer._print(self._element())
        return prettyForm(*prettyForm(*inner.parens()).left("Σᵢ "))

    def _sympystr(self, printer):
        return "sum_i(%s)" % printer._print(self._element())


def sum_entries(function, x):
    """sum_i function(x_i) over the entries of the vector x, e.g. ``sum_entries(lambda t: (t - m)**2, x)``."""
    dummy = sp.Dummy(f"{x.name}_i", real=True)
    return EntrySum(_sympify(function(dummy)), dummy, x)


class NormalCDF(sp.Function):
    """Phi, the standard normal CDF."""

    nargs = 1

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return (1 + sp.erf(arg / sp.sqrt(2))) / 2

    def _jax_eval(self, evaluate, env):
        import jax.scipy.stats

        return jax.scipy.stats.norm.cdf(evaluate(self.args[0], env))

    def _latex(self, printer):
        return r"\Phi\left(%s\right)" % printer._print(self.args[0])

    def _pretty(self, printer):
        return _pretty_call(printer, "Φ", self.args[0])


class NormalQuantile(sp.Function):
    """Phi^{-1}, the standard normal quantile function; printed z_{q} style as Phi^{-1}(q)."""

    nargs = 1

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return sp.sqrt(2) * sp.erfinv(2 * arg - 1)

    def _jax_eval(self, evaluate, env):
        import jax.scipy.special

        return jax.scipy.special.ndtri(evaluate(self.args[0], env))

    def _latex(self, printer):
        return r"\Phi^{-1}\left(%s\right)" % printer._print(self.args[0])

    def _pretty(self, printer):
        return _pretty_call(printer, "Φ⁻¹", self.args[0])


def normal_cdf(x):
    """Phi(x), the standard normal CDF (erf on explicit instances, jax.scipy in numeric checks)."""
    return NormalCDF(x)


def normal_quantile(q):
    """Phi^{-1}(q), the standard normal quantile (sqrt 2 erfinv(2q - 1); ndtri in JAX)."""
    return NormalQuantile(q)


class Probability(sp.Expr):
    """P(event), for display: the start of a chain whose first step is stated with its reason."""

    is_commutative = True

    def __new__(cls, event):
        return sp.Expr.__new__(cls, event)

    def _latex(self, printer):
        return r"P\left(%s\right)" % printer._print(self.args[0])

    def _pretty(self, printer):
        return _pretty_call(printer, "P", self.args[0])

    def _sympystr(self, printer):
        return "P(%s)" % printer._print(self.args[0])


def probability(event):
    """P(event) as written (not evaluated by either checker; use it before a STATES step)."""
    return Probability(event)


class _Numeric(sp.Expr):
    """A value only a numeric procedure computes: opaque to the symbolic checker."""

    is_commutative = True
    name = "procedure"

    def _latex(self, printer):
        return r"\operatorname{%s}\left(%s\right)" % (self.name, ", ".join(printer._print(a) for a in self.args))

    def _pretty(self, printer):
        return _pretty_call(printer, self.name, *self.args)


class BootstrapVariance(_Numeric):
    """The variance of the resample mean over all n^n equally likely resamples (index tuples) of
    the entries of x, by exact enumeration in JAX (keep n <= 7)."""

    name = "Var"

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        x = jnp.ravel(evaluate(self.args[0], env))
        n = x.shape[0]
        indices = jnp.asarray(list(itertools.product(range(n), repeat=n)))
        means = jnp.mean(x[indices], axis=1)
        return jnp.mean((means - jnp.mean(means)) ** 2)


def bootstrap_variance(x):
    """The exact bootstrap variance of the mean of x, enumerating all n^n resamples (numeric only)."""
    return BootstrapVariance(x)


class ResampleQuantile(_Numeric):
    """The q-quantile of the B resample means x[I[:, b]] (I an n x B matrix of indices 0..n-1):
    an endpoint of the percentile bootstrap interval."""

    name = "quantile"

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        x = jnp.ravel(evaluate(self.args[0], env))
        indices = jnp.asarray(evaluate(self.args[1], env), dtype=jnp.int32)
        means = jnp.mean(x[indices], axis=0)
        return jnp.quantile(means, evaluate(self.args[2], env))


def resample_quantile(x, indices, q):
    """The q-quantile of the resample means of x over the columns of the index matrix (numeric only)."""
    return ResampleQuantile(x, indices, _sympify(q))


def _singular_values(evaluate, a, env):
    import jax.numpy as jnp

    matrix = evaluate(a, env)
    values = jnp.linalg.svd(matrix, compute_uv=False)
    return matrix, values, 1e-9 * jnp.maximum(jnp.max(values), 1.0)


class Rank(_Numeric):
    """The number of singular values above a tolerance (jnp.linalg.svd)."""

    name = "rank"

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        _, values, tol = _singular_values(evaluate, self.args[0], env)
        return jnp.sum(values > tol).astype(jnp.float64)


class Nullity(_Numeric):
    """dim null A, computed independently of the rank: the number of eigenvalues of A^T A (d x d,
    from eigh) below a tolerance, i.e. of directions A sends to 0."""

    name = "nullity"

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        matrix = evaluate(self.args[0], env)
        gram = matrix.T @ matrix
        eigenvalues = jnp.linalg.eigvalsh(gram)
        return jnp.sum(eigenvalues < 1e-9 * jnp.maximum(jnp.max(eigenvalues), 1.0)).astype(jnp.float64)


class _SVDBasis(MatrixExpr):
    """Orthonormal basis from the full SVD A = U S V^T: columns of U (column space, ``k`` = rank)
    or the last ``k`` columns of V (null space)."""

    def __new__(cls, a, k):
        return sp.Basic.__new__(cls, a, _sympify(k))

    def _latex(self, printer):
        return r"\operatorname{%s}\left(%s\right)" % (self.name, printer._print(self.args[0]))

    def _pretty(self, printer):
        return _pretty_call(printer, self.name, self.args[0])


class NullBasis(_SVDBasis):
    name = "null"

    @property
    def shape(self):
        return (self.args[0].shape[1], self.args[1])

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        k = int(_sympify(self.args[1]).subs(env["__sizes__"]))
        _, _, vh = jnp.linalg.svd(evaluate(self.args[0], env), full_matrices=True)
        return vh.T[:, vh.shape[0] - k :]


class ColumnBasis(_SVDBasis):
    name = "col"

    @property
    def shape(self):
        return (self.args[0].shape[0], self.args[1])

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp

        k = int(_sympify(self.args[1]).subs(env["__sizes__"]))
        u, _, _ = jnp.linalg.svd(evaluate(self.args[0], env), full_matrices=True)
        return u[:, :k]


def rank(a):
    """rank A from the SVD: singular values above 1e-9 times the largest (numeric only)."""
    return Rank(a)


def nullity(a):
    """dim null A from the eigenvalues of A^T A that vanish (numeric only, independent of rank())."""
    return Nullity(a)


def null_basis(a, k):
    """The last k right singular vectors of A (d x k): an orthonormal basis of null A when rank A = d - k."""
    return NullBasis(a, k)


def column_basis(a, r):
    """The first r left singular vectors of A (n x r): an orthonormal basis of the column space when rank A = r."""
    return ColumnBasis(a, r)


class BetaFunction(sp.Function):
    """The Beta function B(x, y) = Gamma(x) Gamma(y) / Gamma(x + y); on explicit instances it becomes
    that ratio (a rational number at whole-number arguments), in JAX exp(betaln)."""

    nargs = 2

    def doit(self, **hints):
        x, y = (arg.doit(**hints) for arg in self.args)
        return sp.gamma(x) * sp.gamma(y) / sp.gamma(x + y)

    def _jax_eval(self, evaluate, env):
        import jax.numpy as jnp
        import jax.scipy.special

        return jnp.exp(jax.scipy.special.betaln(*(evaluate(arg, env) for arg in self.args)))

    def _latex(self, printer):
        return r"\mathrm{B}\left(%s, %s\right)" % tuple(printer._print(arg) for arg in self.args)

    def _pretty(self, printer):
        return _pretty_call(printer, "B", *self.args)


def beta_function(x, y):
    """B(x, y), the Beta function (the normaliser of the Beta(x, y) density)."""
    return BetaFunction(x, y)


def resample_indices(n):
    """Uniform indices 0..n-1 (a bootstrap resample's draws with replacement), for Monte Carlo draws."""
    from derive.core.distributions import Distribution

    def sampler(key, shape, size):
        import jax

        return jax.random.randint(key, shape, 0, size.astype("int32") if hasattr(size, "astype") else int(size))

    return Distribution("resample indices", (n,), lambda x, size: -sp.log(size), sampler)


@dataclass(frozen=True)
class MonteCarloRate(MonteCarlo):
    """A rate (coverage of an interval, type-I error of a test) E[indicator] within ``slack`` of
    ``claim``: the error is max(|estimate - claim| - slack, 0) / (k standard errors), k chosen
    as in MonteCarlo so a correct claim (true rate within slack) fails a run with probability
    below ``failure_rate``. ``slack`` is the stated approximation (a normal approximation at a
    finite n, a percentile interval's O(1/n) coverage error); 0 makes it an exact claim."""

    slack: float = 0.0
    samples: int = 20_000
    trials: int = 2

    kind = "mc_rate"


for _cls in (
    Expectation,
    SampleMean,
    EntrySum,
    NormalCDF,
    NormalQuantile,
    Probability,
    BetaFunction,
    _Numeric,
    _SVDBasis,
):
    _cls._ml_latex = _cls._latex  # the ML printer's own print method (derive.rendering.latex.MLLatexPrinter)

"""Operations for statistics entries: expectations over independent draws, sample means and
sums over entries, the normal CDF and quantile, probabilities as written, and the Monte Carlo
check of a rate. (Vocabulary that only one entry uses, such as bootstrap resampling or the rank,
lives beside the entries in catalog/_lib.)

``expectation(expr, (x, mean, (m2, m3, ...)), ...)`` is E[expr] when every entry of each vector
``x`` is an independent draw with that mean and those central moments (m2 the variance, m3 the
third central moment, ...). On an explicit instance (n fixed) it is computed exactly: expr is
expanded as a polynomial in the centred entries and each monomial is replaced by the product
of the moments, which is what independence gives. So a step "E[...] = ..." is PROVED by the
symbolic checker at that size, not taken on trust. Numerically, the entries use Monte Carlo.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy import ImmutableMatrix
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings
from sympy.matrices.expressions import MatrixExpr
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.pretty.stringpict import prettyForm

from derive.core.checks import MonteCarlo
from derive.core.operation import BY_DOIT, Operation, absent, latex_call, pretty_call
from derive.core.operations import NOT_IN_NOTATION, as_scalar, is_explicit


def _explicit_vector(value):
    value = value.doit() if hasattr(value, "doit") else value
    if isinstance(value, MatrixExpr) and is_explicit(value) and all(_sympify(n).is_Integer for n in value.shape):
        value = ImmutableMatrix(value.as_explicit())
    return value if isinstance(value, ImmutableMatrix) else None


def _scalar_value(value):
    if isinstance(value, MatrixExpr) and is_explicit(value):
        value = value.as_explicit()
    return as_scalar(value)


class Expectation(Operation, sp.Expr):
    """E[expr] over independent draws; args: (expr, Tuple(x, mean, Tuple(m2, m3, ...)), ...)."""

    is_commutative = True
    meaning = BY_DOIT
    jax = absent("numeric checks estimate an expectation by drawing the variables (MonteCarlo), not by evaluating it")
    parser_names = NOT_IN_NOTATION

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

    def latex(self, printer):
        return r"\mathbb{E}\left[%s\right]" % printer._print(self.integrand)

    def pretty(self, printer):
        inner = printer._print(self.integrand)
        return prettyForm(*prettyForm(*inner.parens("[", "]")).left("E"))

    def _sympystr(self, printer):
        return "E[%s]" % printer._print(self.integrand)


def expectation(expr, *laws):
    """E[expr] when each vector of ``laws`` = ((x, mean, (variance, third central moment, ...)), ...)
    has independent entries with that mean and those central moments."""
    return Expectation(expr, *laws)


class SampleMean(Operation, sp.Expr):
    """x-bar: the mean of the entries of a column vector."""

    is_commutative = True
    meaning = BY_DOIT
    parser_names = NOT_IN_NOTATION

    def __new__(cls, x):
        return sp.Expr.__new__(cls, x)

    def doit(self, **hints):
        vector = _explicit_vector(self.args[0])
        if vector is None:
            return self
        return sum(vector) / vector.shape[0]

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        return jnp.mean(evaluate(self.args[0], env))

    def latex(self, printer):
        return r"\bar{%s}" % printer._print(self.args[0])

    def pretty(self, printer):
        return prettyForm(f"{printer._print(self.args[0])}̄")

    def _sympystr(self, printer):
        return "mean(%s)" % printer._print(self.args[0])


def sample_mean(x):
    """The mean of the entries of the vector x (printed x-bar)."""
    return SampleMean(x)


class EntrySum(Operation, sp.Expr):
    """sum_i f(x_i) over the entries of a vector; args: (body in a dummy, dummy, x)."""

    is_commutative = True
    meaning = BY_DOIT
    parser_names = absent(r"no name: the parser reads \sum_{i=1}^{n} f(x_i) as an IndexSum")

    def __new__(cls, body, dummy, x):
        return sp.Expr.__new__(cls, body, dummy, x)

    def doit(self, **hints):
        body, dummy, x = self.args
        vector = _explicit_vector(x)
        if vector is None:
            return self
        body = body.doit(**hints)
        return sum(body.xreplace({dummy: entry}) for entry in vector)

    def jax(self, evaluate, env):
        import jax.numpy as jnp

        body, dummy, x = self.args
        values = jnp.ravel(evaluate(x, env))
        return jnp.sum(evaluate(body, {**env, dummy: values}))

    def _element(self):
        body, dummy, x = self.args
        return body.xreplace({dummy: sp.Symbol(f"{x.name}_i")})

    def latex(self, printer):
        x = self.args[2]
        return r"\sum_{i=1}^{%s} %s" % (
            printer._print(x.shape[0]),
            printer.parenthesize(self._element(), PRECEDENCE["Mul"]),
        )

    def pretty(self, printer):
        inner = printer._print(self._element())
        return prettyForm(*prettyForm(*inner.parens()).left("Σᵢ "))

    def _sympystr(self, printer):
        return "sum_i(%s)" % printer._print(self._element())


def sum_entries(function, x):
    """sum_i function(x_i) over the entries of the vector x, e.g. ``sum_entries(lambda t: (t - m)**2, x)``."""
    dummy = sp.Dummy(f"{x.name}_i", real=True)
    return EntrySum(_sympify(function(dummy)), dummy, x)


class NormalCDF(Operation, sp.Function):
    """Phi, the standard normal CDF."""

    nargs = 1
    meaning = BY_DOIT
    parser_names = (r"\Phi",)

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return (1 + sp.erf(arg / sp.sqrt(2))) / 2

    def jax(self, evaluate, env):
        import jax.scipy.stats

        return jax.scipy.stats.norm.cdf(evaluate(self.args[0], env))

    def latex(self, printer):
        return latex_call(printer, r"\Phi", self.args[0])

    def pretty(self, printer):
        return pretty_call(printer, "Φ", self.args[0])


class NormalQuantile(Operation, sp.Function):
    """Phi^{-1}, the standard normal quantile function; printed z_{q} style as Phi^{-1}(q)."""

    nargs = 1
    meaning = BY_DOIT
    parser_names = absent(r"not in NOTATION.md: derive verify reads \Phi but not its inverse")

    def doit(self, **hints):
        arg = self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0]
        return sp.sqrt(2) * sp.erfinv(2 * arg - 1)

    def jax(self, evaluate, env):
        import jax.scipy.special

        return jax.scipy.special.ndtri(evaluate(self.args[0], env))

    def latex(self, printer):
        return latex_call(printer, r"\Phi^{-1}", self.args[0])

    def pretty(self, printer):
        return pretty_call(printer, "Φ⁻¹", self.args[0])


def normal_cdf(x):
    """Phi(x), the standard normal CDF (erf on explicit instances, jax.scipy in numeric checks)."""
    return NormalCDF(x)


def normal_quantile(q):
    """Phi^{-1}(q), the standard normal quantile (sqrt 2 erfinv(2q - 1); ndtri in JAX)."""
    return NormalQuantile(q)


class Probability(Operation, sp.Expr):
    """P(event), for display: the start of a chain whose first step is stated with its reason."""

    is_commutative = True
    meaning = absent("display only: neither checker evaluates it; the chain's first step is STATED")
    jax = absent("display only: neither checker evaluates it; the chain's first step is STATED")
    parser_names = NOT_IN_NOTATION

    def __new__(cls, event):
        return sp.Expr.__new__(cls, event)

    def latex(self, printer):
        return latex_call(printer, "P", self.args[0])

    def pretty(self, printer):
        return pretty_call(printer, "P", self.args[0])

    def _sympystr(self, printer):
        return "P(%s)" % printer._print(self.args[0])


def probability(event):
    """P(event) as written (not evaluated by either checker; use it before a STATES step)."""
    return Probability(event)


@dataclass(frozen=True)
class MonteCarloRate(MonteCarlo):
    """A rate (coverage of an interval, type-I error of a test) E[indicator] within ``slack`` of
    ``claim``: the error is max(|estimate - claim| - slack, 0) / (k standard errors), k chosen
    as in MonteCarlo so a correct claim (true rate within slack) fails a run with probability
    below ``failure_rate``. ``slack`` is the stated approximation (a normal approximation at a
    finite n, a percentile interval's O(1/n) coverage error); 0 makes it an exact claim.

    A 2% change of a rate may lie inside its slack, so its power is shown against ``rival`` alone, the
    nearest wrong rate the entry names (e.g. 0.95 for a 90% interval's coverage): the check must
    refuse it in every trial, and one that names none is WEAK (derive.checking.power)."""

    slack: float = 0.0
    samples: int = 20_000
    trials: int = 2

    kind = "mc_rate"

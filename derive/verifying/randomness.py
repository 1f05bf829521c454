"""Random variables declared in ``--where`` (``X \\sim \\mathcal{N}(\\mu, \\sigma^2)``) and the
expectations, variances and covariances written of them: ``\\mathbb{E}[X^2]``, ``\\operatorname{Var}(aX + b)``,
``\\operatorname{Cov}(X, X + Y)``.

Each declared variable is independent of the others. An expectation of a polynomial in them is
computed exactly when read, by derive.core.statistics.Expectation (each variable written as its
mean plus a centred part, each monomial replaced by the product of central moments), so both
checkers compare the closed forms. Var(A) = E[(A - E[A])^2], Cov(A, B) = E[(A - E[A])(B - E[B])].
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy import ImmutableMatrix
from sympy.polys.polyerrors import PolynomialError

from derive.core.statistics import Expectation
from derive.verifying.lexer import ParseError
from derive.verifying.shapes import is_matrix


@dataclass(frozen=True)
class Law:
    """A scalar random variable's mean and central moments (m2, m3, m4)."""

    mean: object
    moments: tuple


def _normal(mu, variance):
    return Law(mu, (variance, sp.Integer(0), 3 * variance**2))


def _bernoulli(p):
    q = 1 - p
    return Law(p, (p * q, p * q * (q - p), p * q * (1 - 3 * p * q)))


def _poisson(rate):
    return Law(rate, (rate, rate, rate + 3 * rate**2))


def _exponential(rate):
    return Law(1 / rate, (rate**-2, 2 * rate**-3, 9 * rate**-4))


def _uniform(low, high):
    width = high - low
    return Law((low + high) / 2, (width**2 / 12, sp.Integer(0), width**4 / 80))


@dataclass(frozen=True)
class Minibatch:
    """A mask of ``size`` ones among its entries, every such mask equally likely: E_m[f] is the
    average of f over them (derive.core.optimization.MinibatchMean), of a scalar or a matrix f."""

    size: object


# name -> (law, number of parameters, how it is written)
DISTRIBUTIONS = {
    "N": (_normal, 2, r"\mathcal{N}(\mu, \sigma^2)"),
    "Normal": (_normal, 2, r"\mathcal{N}(\mu, \sigma^2)"),
    "Bernoulli": (_bernoulli, 1, r"\operatorname{Bernoulli}(p)"),
    "Bern": (_bernoulli, 1, r"\operatorname{Bernoulli}(p)"),
    "Poisson": (_poisson, 1, r"\operatorname{Poisson}(\lambda)"),
    "Exp": (_exponential, 1, r"\operatorname{Exp}(\lambda)"),
    "Exponential": (_exponential, 1, r"\operatorname{Exp}(\lambda)"),
    "U": (_uniform, 2, r"\mathcal{U}(a, b)"),
    "Uniform": (_uniform, 2, r"\mathcal{U}(a, b)"),
    "Minibatch": (Minibatch, 1, r"\operatorname{Minibatch}(b)"),
}
MOMENTS = {"E": "expectation", "Var": "variance", "var": "variance", "Cov": "covariance", "cov": "covariance"}


def moment(kind: str, arguments, laws: dict, stream, token):
    """E[A], Var(A) or Cov(A, B) of polynomials in the declared random variables, in closed form."""
    wanted = 2 if kind == "covariance" else 1
    masks = [(x, law) for x, law in laws.items() if isinstance(law, Minibatch)]
    if kind == "expectation" and len(arguments) == 1 and masks:
        return _over_minibatches(arguments[0], masks, stream, token)
    if len(arguments) != wanted or any(is_matrix(a) for a in arguments):
        raise stream.error(f"the {kind} of {'two scalars' if wanted == 2 else 'a scalar'} is understood", token)
    if not laws:
        raise stream.error(
            f"declare the random variables for the {kind}: --where 'X \\sim \\mathcal{{N}}(\\mu, \\sigma^2)'", token
        )
    try:
        if kind == "expectation":
            return _expected(arguments[0], laws)
        centred = [a - _expected(a, laws) for a in arguments]
        return _expected(centred[0] * centred[-1], laws)
    except (PolynomialError, ValueError) as problem:
        detail = (
            f" ({problem})" if isinstance(problem, ValueError) else ""
        )  # SymPy's polynomial errors name its internals
        raise ParseError(
            f"the {kind} is understood of polynomials in the declared random variables{detail}",
            stream.source,
            token.start,
            stream.label,
        ) from None


def _over_minibatches(body, masks, stream, token):
    from derive.core.optimization import MinibatchMean

    used = [(x, law) for x, law in masks if x in body.free_symbols]
    if len(used) != 1 or len(masks) != 1:
        raise stream.error("an expectation over a minibatch is over its one mask: \\mathbb{E}_{m}[...]", token)
    ((mask, law),) = used
    return MinibatchMean(body, mask, law.size)


def _expected(body, laws: dict):
    """E[body] over the variables of ``laws`` it uses: a scalar variable, or a vector of
    independent entries with that law (its expectation stays unevaluated until the vector is
    written out, as on the checker's explicit instance)."""
    used = [
        (x if is_matrix(x) else ImmutableMatrix([[x]]), law.mean, law.moments)
        for x, law in laws.items()
        if x in body.free_symbols
    ]
    return Expectation(body, *used).doit() if used else body

"""Random variables declared in ``--where`` (``X \\sim \\mathcal{N}(\\mu, \\sigma^2)``) and the
expectations, variances and covariances written of them: ``\\mathbb{E}[X^2]``, ``\\operatorname{Var}(aX + b)``,
``\\operatorname{Cov}(X, X + Y)``.

Each declared variable is independent of the others. An expectation of a polynomial in them is
computed exactly when read, by derive.core.statistics.Expectation (each variable written as its
mean plus a centred part, each monomial replaced by the product of central moments), so both
checkers compare the closed forms. Var(A) = E[(A - E[A])^2], Cov(A, B) = E[(A - E[A])(B - E[B])].
"""

from __future__ import annotations

from sympy import ImmutableMatrix
from sympy.polys.polyerrors import PolynomialError

from derive.core.laws import (
    Law,
    Minibatch,
    bernoulli_law,
    exponential_law,
    iid,
    minibatch_law,
    normal_law,
    poisson_law,
    uniform_law,
)
from derive.core.statistics import Expectation
from derive.verifying.lexer import ParseError
from derive.verifying.shapes import is_matrix

__all__ = ["DISTRIBUTIONS", "MOMENTS", "Law", "Minibatch", "moment"]  # Law and Minibatch: derive.core.laws

# name -> (law, numbers of parameters, how it is written)
DISTRIBUTIONS = {
    "N": (normal_law, (2,), r"\mathcal{N}(\mu, \sigma^2)"),
    "Normal": (normal_law, (2,), r"\mathcal{N}(\mu, \sigma^2)"),
    "Bernoulli": (bernoulli_law, (1,), r"\operatorname{Bernoulli}(p)"),
    "Bern": (bernoulli_law, (1,), r"\operatorname{Bernoulli}(p)"),
    "Poisson": (poisson_law, (1,), r"\operatorname{Poisson}(\lambda)"),
    "Exp": (exponential_law, (1,), r"\operatorname{Exp}(\lambda)"),
    "Exponential": (exponential_law, (1,), r"\operatorname{Exp}(\lambda)"),
    "U": (uniform_law, (2,), r"\mathcal{U}(a, b)"),
    "Uniform": (uniform_law, (2,), r"\mathcal{U}(a, b)"),
    "IID": (iid, (2, 3, 4), r"\operatorname{IID}(\mu, \sigma^2)"),
    "Minibatch": (minibatch_law, (1,), r"\operatorname{Minibatch}(b)"),
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

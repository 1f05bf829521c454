"""How a random given is drawn: its law, as a ``--where`` declaration states it and as
expectations over it are computed.

A scalar law has a mean and central moments (m2 the variance, m3, m4); a vector drawn from it has
independent entries, each with that law (derive.core.statistics.Expectation computes E[...] from
the moments). A minibatch mask is drawn whole: ``size`` ones, every such mask equally likely.

A Given's ``law`` (derive.core.symbols) is printed in its ``--where`` declaration, which
`derive verify` reads back (derive.verifying.laws):

    iid(mu, sigma**2)              \\mathbf{x} \\sim \\operatorname{IID}(\\mu, \\sigma^{2})
    bernoulli_law(p)               \\mathbf{a} \\sim \\operatorname{Bernoulli}(p)
    minibatch_law(b)               \\mathbf{m} \\sim \\operatorname{Minibatch}(b)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Law:
    """A scalar law's mean and central moments (m2, m3, ...), and how it is written: ``notation``
    (``\\operatorname{Bernoulli}``) applied to ``parameters``."""

    mean: object
    moments: tuple
    notation: str = ""
    parameters: tuple = ()

    def of(self, x) -> tuple:
        """``(x, mean, moments)``: the law of x's entries, as derive.core.statistics.expectation takes it."""
        return (x, self.mean, self.moments)


@dataclass(frozen=True)
class Minibatch:
    """A mask of ``size`` ones among its entries, every such mask equally likely: E_m[f] is the
    average of f over them (derive.core.optimization.MinibatchMean)."""

    size: object
    notation: str = r"\operatorname{Minibatch}"

    @property
    def parameters(self) -> tuple:
        return (self.size,)


def iid(mean, variance, *higher) -> Law:
    """Independent, identically distributed with this mean, variance and (optionally) higher central
    moments, nothing else assumed: ``\\operatorname{IID}(\\mu, \\sigma^2)`` (Davidson & MacKinnon's
    u_t ~ IID(0, sigma^2)); a third argument is the third central moment, a fourth the fourth."""
    moments = (variance, *higher)
    return Law(mean, moments, r"\operatorname{IID}", (mean, *moments))


def normal_law(mu, variance) -> Law:
    return Law(mu, (variance, sp.Integer(0), 3 * variance**2), r"\mathcal{N}", (mu, variance))


def bernoulli_law(p) -> Law:
    q = 1 - p
    return Law(p, (p * q, p * q * (q - p), p * q * (1 - 3 * p * q)), r"\operatorname{Bernoulli}", (p,))


def poisson_law(rate) -> Law:
    return Law(rate, (rate, rate, rate + 3 * rate**2), r"\operatorname{Poisson}", (rate,))


def exponential_law(rate) -> Law:
    return Law(1 / rate, (rate**-2, 2 * rate**-3, 9 * rate**-4), r"\operatorname{Exp}", (rate,))


def uniform_law(low, high) -> Law:
    width = high - low
    return Law((low + high) / 2, (width**2 / 12, sp.Integer(0), width**4 / 80), r"\mathcal{U}", (low, high))


def minibatch_law(size) -> Minibatch:
    """A uniformly drawn minibatch of ``size`` indices, as its 0/1 mask."""
    return Minibatch(size)

"""Numeric check specifications: data an entry declares; derive.checking.numeric runs them with JAX.

Every spec names SymPy expressions only. The reference side is always computed by JAX from
the objective itself (autodiff, a solver, an eigendecomposition), never typed twice.

Common options: ``label`` (what the check shows), ``trials``, ``tolerance``, ``sizes``
(dimension sizes for the random instances, e.g. ``((n, 8), (d, 3))``) and ``avoid``
(expressions whose entries must stay away from 0, e.g. pre-activations at a ReLU kink;
trials that come closer than ``margin`` are left out and counted), ``where`` (inputs
defined from other inputs, in order: ``((y, sign(X*u)),)`` makes separable labels) and
``extra`` (Givens that only ``where`` uses, such as that ``u``).

Settings are bounded per kind (issue 14, class 6): a deterministic check needs a relative
tolerance of at most 1e-6 and at least 16 trials; a Monte Carlo check's tolerance (in units of
its bound of k standard errors) is at most 1. A looser setting needs ``reason``, which the report
prints; without one the check fails when it is run.

A Monte Carlo check must also show its power (issue 14, class 7): the same estimate is compared
with the claim x1.02 and x0.98 and with its ``rival`` (the nearest wrong value, if named), and must
refuse each in every trial, or it is WEAK, which fails the entry (derive.checking.power).
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from derive.core.operations import Gradient, Hessian, Jacobian

DEFAULT_TRIALS = 64
DEFAULT_TOLERANCE = 1e-8
DETERMINISTIC_MAX_TOLERANCE = 1e-6
DETERMINISTIC_MIN_TRIALS = 16


@dataclass(frozen=True)
class _Check:
    label: str = ""
    trials: int = DEFAULT_TRIALS
    tolerance: float = DEFAULT_TOLERANCE
    sizes: tuple = ()
    avoid: tuple = ()
    margin: float = 1e-3
    where: tuple = ()
    extra: tuple = ()
    reason: str = ""  # why settings looser than the kind's bounds are right here

    kind = "check"
    max_tolerance = DETERMINISTIC_MAX_TOLERANCE
    min_trials = DETERMINISTIC_MIN_TRIALS

    def describe(self) -> str:
        return self.label or self.kind

    def loose_settings(self) -> tuple[str, ...]:
        """The settings looser than this kind's bounds, described (empty when within them)."""
        loose = []
        if not self.tolerance <= self.max_tolerance:  # a NaN tolerance is loose too
            loose.append(f"tolerance {self.tolerance:.3g} above {self.max_tolerance:.3g}")
        if self.trials < self.min_trials:
            loose.append(f"{self.trials} trials, fewer than {self.min_trials}")
        return tuple(loose)


@dataclass(frozen=True)
class Grad(_Check):
    """The claimed gradient (or Jacobian, Hessian) equals JAX autodiff of the objective.

    ``order``: "gradient" (jax.grad), "jacobian" (jax.jacobian) or "hessian" (jax.hessian).
    """

    objective: sp.Basic = None
    wrt: sp.Basic = None
    claim: sp.Basic = None
    order: str = "gradient"

    kind = "grad"

    def reference(self):
        if self.order == "jacobian":
            return Jacobian(self.objective, self.wrt)
        if self.order == "hessian":
            return Hessian(self.objective, self.wrt)
        return Gradient(self.objective, self.wrt)


@dataclass(frozen=True)
class IdentityCheck(_Check):
    """Both sides agree on random inputs."""

    lhs: sp.Basic = None
    rhs: sp.Basic = None

    kind = "identity"


@dataclass(frozen=True)
class Inequality(_Check):
    """``lesser <= greater`` (scalars, or entrywise) on random inputs; error is the worst violation."""

    lesser: sp.Basic = None
    greater: sp.Basic = None

    kind = "inequality"


@dataclass(frozen=True)
class Stationary(_Check):
    """At the claimed point, the JAX gradient of ``objective`` in each variable of ``wrt`` vanishes.

    ``at`` maps each variable to its claimed value (an expression in the other givens).
    ``second_order``: "min" (Hessian PSD), "max" (Hessian NSD) or "" (not checked); it needs
    a single vector or scalar variable.
    """

    objective: sp.Basic = None
    at: tuple = ()
    wrt: tuple = ()
    second_order: str = ""

    kind = "stationary"


@dataclass(frozen=True)
class KKT(_Check):
    """A random instance of ``min objective s.t. inequalities <= 0, equalities = 0`` is solved
    numerically (a quadratic program: quadratic objective, affine constraints, solved by an
    interior-point method in JAX). Every KKT condition must hold at the solution, and each
    ``closed_form`` (variable -> expression, which may use the multipliers) must reproduce it.

    ``variables``: the primal variables; ``multipliers``: one vector for the inequalities and
    one for the equalities (either may be None). ``dual_objective``, if given, must equal the
    primal optimum (strong duality).
    """

    objective: sp.Basic = None
    variables: tuple = ()
    inequalities: sp.Basic = None
    equalities: sp.Basic = None
    inequality_multiplier: sp.Basic = None
    equality_multiplier: sp.Basic = None
    closed_form: tuple = ()
    dual_objective: sp.Basic = None
    tolerance: float = 1e-6

    kind = "kkt"


@dataclass(frozen=True)
class MonteCarlo(_Check):
    """E[integrand] equals ``claim``, estimated from ``samples`` draws per trial.

    ``draws``: ``((symbol, distribution), ...)``, sampled afresh for every draw (the other
    givens are sampled once per trial). The claim passes when the estimate is within k
    standard errors, with k chosen so that a correct claim fails one run of the whole check
    with probability below ``failure_rate`` (a Bonferroni bound over trials and entries).
    The error is |estimate - claim| / (k standard errors), so the tolerance is 1.

    Power: the same draws are judged against the claim x1.02 and x0.98 (an entry whose claim is 0
    moves by +-0.02) and against ``rival`` (optional: the nearest wrong value, an expression in the
    givens, e.g. the claim of a common mistake); each must fail in every trial and every entry,
    else the check is WEAK. So k standard errors must stay under 2% of |claim| (the reported
    resolution): choose ``samples``, or lower the variance (exact enumeration or quadrature of a
    part, a control variate: integrand - c + E c with E c known), until they do.

    ``weight`` (optional): estimate E[integrand * weight] / E[weight] instead, the
    self-normalised average sum w f / sum w with its delta-method standard error. With an
    indicator weight this is the conditional expectation E[integrand | event] (rejection
    sampling); with a likelihood as weight and draws from a prior, a posterior expectation.
    """

    integrand: sp.Basic = None
    claim: sp.Basic = None
    draws: tuple = ()
    weight: sp.Basic = None
    rival: sp.Basic = None
    samples: int = 100_000
    failure_rate: float = 1e-6
    tolerance: float = 1.0
    trials: int = 8

    kind = "mc"
    max_tolerance = 1.0  # the error is already in units of the bound
    min_trials = 1  # each trial draws ``samples`` times; k grows with the trials


@dataclass(frozen=True)
class Iterate(_Check):
    """Run an iteration with ``jax.lax.scan`` and compare its iterates with a closed form in k.

    ``state``: ``((symbol, initial value), ...)``, the state variables (scalars or vectors) and
    expressions of their starting values in the givens. ``update``: ``((symbol, next value), ...)``,
    the update map: each next value is an expression in the state symbols, the givens, the
    per-step ``inputs`` and ``counter`` (bound to k while x_k is updated to x_(k+1)); it may
    contain ``grad(f, x)``, which JAX computes at the current state. ``inputs``:
    ``((symbol, sequence), ...)``: at step k the symbol is row k of the sequence (a given vector
    or matrix with one row per step). ``steps``: the number of updates K (an int, or a dimension
    symbol standing for its size). ``observe``: what is compared (default: the first state
    variable; it may use ``counter``). ``claim``: its closed form after k updates, an expression
    in ``counter`` and the givens, compared with the iterate at every k = ``first``, ..., K
    (the counter is replaced by the integer k, so sums up to k and powers like (1 - eta)^k work).
    The error is the largest relative error over those iterates.
    """

    state: tuple = ()
    update: tuple = ()
    inputs: tuple = ()
    counter: sp.Basic = None
    steps: object = 20
    observe: sp.Basic = None
    claim: sp.Basic = None
    first: int = 0

    kind = "iterate"

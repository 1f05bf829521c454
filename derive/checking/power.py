"""The power of a statistical check (issue 14, class 7): a check that would also pass a wrong claim
shows nothing, so the estimate computed once is compared, in the same run, with perturbed claims too.

The perturbed claims are the claim x1.02 and x0.98 (entry by entry; an entry whose claim is 0 is
moved by +-0.02, the unit scale), and the entry's named nearest wrong value, ``rival``, when the
check has one. A rate or a coverage with a stated slack (MonteCarloRate) cannot see a 2% change
inside its slack, so it is tested against its rival only, and must name one. Each perturbed claim
must be refused in every entry of the estimate and in every trial: its error, computed exactly as
the claim's, must exceed the tolerance. A check that passes its claim but not all of these refusals
is WEAK, and a WEAK check fails its entry (derive.checking.numeric).

The draws are shared (common random numbers): the perturbed claims cost a comparison each, no
sampling. ``resolution`` is the smallest relative change of the claim the check detects, its bound
of k standard errors over |claim| (over 1 where the claim is 0); below 2% it refuses the x1.02 and
x0.98 claims unless the estimate happens to lie far from the claim.
"""

from __future__ import annotations

import jax.numpy as jnp
from sympy.core.sympify import _sympify  # strict: converts numbers and SymPy objects, refuses strings

from derive.checking.comparison import matched
from derive.checking.jax_eval import evaluate
from derive.checking.verdicts import REFUSAL as PREFIX

RELATIVE_CHANGE = 0.02
FACTORS = {"x1.02": 1 + RELATIVE_CHANGE, "x0.98": 1 - RELATIVE_CHANGE}
RIVAL = "rival"


def scale(claim):
    """|claim| entry by entry, with 1 where the claim is 0 (a relative change of 0 moves nothing)."""
    size = jnp.abs(claim)
    return jnp.where(size > 0, size, 1.0)


def perturbed(spec, claim, env) -> dict:
    """The perturbed claims of ``spec``, by name, each of the claim's shape."""
    claims = {}
    if getattr(spec, "slack", 0.0) == 0.0:
        claims = {name: claim + (factor - 1) * scale(claim) for name, factor in FACTORS.items()}
    if getattr(spec, "rival", None) is not None:
        claims[RIVAL] = matched(evaluate(_sympify(spec.rival), env), claim)[0]
    return claims


def refusal_errors(spec, claim, env, error_of) -> dict:
    """For each perturbed claim, its smallest error over the entries (refused when above the tolerance)."""
    return {PREFIX + name: jnp.min(error_of(wrong)) for name, wrong in perturbed(spec, claim, env).items()}


def resolution(bound, claim):
    """The smallest relative change of the claim that the bound detects, over the entries."""
    return jnp.max(bound / scale(claim))


def expected_refusals(spec) -> tuple[str, ...]:
    """The names of the perturbed claims a statistical check must refuse."""
    names = () if getattr(spec, "slack", 0.0) else tuple(FACTORS)
    return names + ((RIVAL,) if getattr(spec, "rival", None) is not None else ())


def weakness(spec, summary: dict) -> str:
    """Why a statistical check that passed is WEAK ('' when it refused every perturbed claim in every
    trial); ``summary`` maps each detail to its [min, max] over the trials used."""
    names = expected_refusals(spec)
    if not names:
        return "WEAK: it names no rival (the nearest wrong rate) and cannot show its power otherwise"
    passed = [name for name in names if summary[PREFIX + name][0] <= spec.tolerance]
    if not passed:
        return ""
    within = f"error within the tolerance {spec.tolerance:g}"
    return f"WEAK: it did not refuse the claim {', '.join(passed)} in every trial ({within})"

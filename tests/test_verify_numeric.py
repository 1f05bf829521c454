"""verify's numeric opinion: one batch for every pair, and a pair JAX cannot evaluate left out
with its reason while the others are still compared."""

import sympy as sp

from derive import Given, scalar
from derive.verifying.numeric import compare_numerically


def test_a_pair_jax_cannot_evaluate_is_unavailable_and_the_others_are_still_judged():
    x = scalar("x")
    pairs = [(2 * x, x + x), (sp.besselj(0, x), sp.besselj(0, x)), None, (x**2, 2 * x)]
    agree, untraceable, shapes, differ = compare_numerically(pairs, (Given(x),), trials=8)
    assert agree.outcome == "agree"
    assert untraceable.outcome == "unavailable" and "cannot evaluate" in untraceable.reason
    assert shapes.outcome == "unavailable" and "different shapes" in shapes.reason
    assert differ.outcome == "differ"

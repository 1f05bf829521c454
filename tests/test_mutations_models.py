"""Entry-specific corruptions for catalog sections E (information theory) and G (models).

Each corruption is a plausible student mistake; both checkers must refuse it (see
tests/mutation_tools.py). The generic corruptions run for every entry in tests/test_mutations.py.
"""

import pytest
import sympy as sp

import derive
from derive import (
    det,
    dims,
    exp,
    hadamard,
    inv,
    log,
    matrix,
    ones,
    scalar_of,
    trace,
    transpose,
    vector,
)

from .mutation_tools import assert_refused, with_wrong_result

HALF = sp.Rational(1, 2)


def _entropy_in_bits(result):
    return sp.Integer(1)  # the maximum is 1 bit, but H uses the natural log: log 2 nats


def _cross_entropy_swapped_kl(result):
    (k,) = dims("k")
    p, q = vector("p", k), vector("q", k)
    return -scalar_of(p.T * log(p)) + scalar_of(q.T * (log(q) - log(p)))  # KL(q || p)


def _kl_gaussians_flipped_logdet(result):
    (d,) = dims("d")
    m0, m1 = vector("m0", d), vector("m1", d)
    S0, S1 = matrix("Sigma0", d, d), matrix("Sigma1", d, d)
    quad = scalar_of(transpose(m1 - m0) * inv(S1) * (m1 - m0))
    return HALF * (trace(inv(S1) * S0) + quad - d + log(det(S0)) - log(det(S1)))


def _kl_nonnegative_inverted_ratio(result):
    (k,) = dims("k")
    p, q = vector("p", k), vector("q", k)
    inverted = hadamard(p, q.applyfunc(lambda t: 1 / t))  # p_i / q_i instead of q_i / p_i
    return scalar_of(p.T * (inverted - ones(k) - (log(q) - log(p))))


def _vae_missing_half(result):
    (d,) = dims("d")
    return exp(vector("v", d)) - ones(d)


SPECIFIC = {
    "entropy-bernoulli": {"the maximum in bits (1) instead of nats": _entropy_in_bits},
    "cross-entropy-decomposition": {"KL with its arguments swapped": _cross_entropy_swapped_kl},
    "kl-gaussians": {"log-determinant ratio upside down": _kl_gaussians_flipped_logdet},
    "kl-nonnegative": {"ratio p/q in place of q/p": _kl_nonnegative_inverted_ratio},
    "vae-kl-term": {"the 1/2 dropped from the gradient": _vae_missing_half},
}

CASES = [(i, name, corrupt) for i, table in SPECIFIC.items() for name, corrupt in table.items()]


@pytest.mark.slow
@pytest.mark.parametrize(("entry_id", "description", "corrupt"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_both_checkers_refuse(entry_id, description, corrupt):
    original = derive.get(entry_id)
    assert_refused(with_wrong_result(original, corrupt), original, description)

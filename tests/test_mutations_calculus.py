"""Section C (calculus): hand-made corruptions of each entry's result that both checkers must refuse.

The generic corruptions (sign flipped, factor changed, a wrong term) run for every entry in
tests/test_mutations.py; these are the mistakes a student makes on these derivations.
"""

import pytest

import derive
from derive import scalar, sigmoid, tanh

from .mutation_tools import assert_refused, with_wrong_result


def _z():
    return scalar("z")


def _sigmoid_plus(result):
    z = _z()
    return sigmoid(z) * (1 + sigmoid(z))  # sigma(1 + sigma) for sigma(1 - sigma)


def _sigmoid_dropped_factor(result):
    z = _z()
    return 1 - sigmoid(z)  # dropped the factor sigma


def _softplus_answer_reused(result):
    return sigmoid(_z())  # the derivative of log(1 + e^z), not of log sigma(z)


def _tanh_plus(result):
    return 1 + tanh(_z()) ** 2  # the sign of sec^2 / cosh-type confusion


def _tanh_square_dropped(result):
    return 1 - tanh(_z())


SPECIFIC = {
    "sigmoid-derivative": {
        "sigma(1 + sigma) for sigma(1 - sigma)": _sigmoid_plus,
        "the factor sigma dropped": _sigmoid_dropped_factor,
    },
    "softplus-derivative": {"sigma(z), the softplus derivative, for 1 - sigma(z)": _softplus_answer_reused},
    "tanh-derivative": {"1 + tanh^2 for 1 - tanh^2": _tanh_plus, "the square dropped": _tanh_square_dropped},
}

CASES = [(i, name, corrupt) for i, table in SPECIFIC.items() for name, corrupt in table.items()]


@pytest.mark.slow
@pytest.mark.parametrize(("entry_id", "description", "corrupt"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_both_checkers_refuse(entry_id, description, corrupt):
    original = derive.get(entry_id)
    assert_refused(with_wrong_result(original, corrupt), original, description)

"""The core entries: one or more of every check kind and catalog topic. Their both-ways checks
and mutation refusals run in the default (CI) suite; the rest of the catalog's are marked slow."""

import pytest

CORE = (
    "logistic-grad",  # grad
    "normal-equations",  # identity
    "svm-kkt",  # kkt
    "pca-lagrangian",  # stationary
    "backprop-mlp",  # grad through a network
    "kl-nonnegative",  # inequality
    "entropy-bernoulli",  # information theory
    "momentum-ema",  # iterate
    "reparameterization-trick",  # Monte Carlo
    "two-proportion-z-test",  # Monte Carlo rate
)


def slow_unless_core(entry_id: str) -> tuple:
    return () if entry_id in CORE else (pytest.mark.slow,)

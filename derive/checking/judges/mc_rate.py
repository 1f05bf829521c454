"""A rate within a stated slack: the Monte Carlo judge, with |estimate - claim| reduced by the slack,
for every entry of the estimate (a vector of rates is judged entry by entry, not by its first).
Its power is shown against the entry's rival, the nearest wrong rate (derive.checking.power)."""

import jax.numpy as jnp

from derive.checking.judges import mc


def judge(spec, env):
    def error_of(claim, estimate, bound):
        return jnp.maximum(jnp.abs(estimate - claim) - spec.slack, 0.0) / bound

    error, details = mc.judged(spec, env, error_of)
    return error, {**details, "slack": jnp.asarray(spec.slack)}

"""A rate within a stated slack: the Monte Carlo judge, with |estimate - claim| reduced by the slack,
for every entry of the estimate (a vector of rates is judged entry by entry, not by its first)."""

import jax.numpy as jnp

from derive.checking.judges import mc


def judge(spec, env):
    estimate, claim, standard_error, bound, k = mc.sampled(spec, env)
    errors = jnp.maximum(jnp.abs(estimate - claim) - spec.slack, 0.0) / bound
    details = mc.details_at(estimate, claim, standard_error, bound, k, errors)
    return jnp.max(errors), {**details, "slack": jnp.asarray(spec.slack)}

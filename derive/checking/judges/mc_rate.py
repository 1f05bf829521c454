"""A rate within a stated slack: the Monte Carlo judge, with |estimate - claim| reduced by the slack."""

import jax.numpy as jnp

from derive.checking.judges import mc


def judge(spec, env):
    _, details = mc.judge(spec, env)
    gap = jnp.abs(details["estimate"] - details["claim"])
    error = jnp.maximum(gap - spec.slack, 0.0) / details["bound"]
    return error, {**details, "slack": jnp.asarray(spec.slack)}

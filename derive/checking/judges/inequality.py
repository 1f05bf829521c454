import jax.numpy as jnp

from derive.checking.jax_eval import evaluate


def judge(spec, env):
    """The worst violation of lesser <= greater, relative to max(|greater|, 1)."""
    greater, lesser = evaluate(spec.greater, env), evaluate(spec.lesser, env)
    scale = jnp.maximum(jnp.max(jnp.abs(greater)), 1.0)
    return jnp.maximum(jnp.max(lesser - greater), 0.0) / scale, {"smallest_gap": jnp.min(greater - lesser)}

import jax
import jax.numpy as jnp

from derive.checking.comparison import matched
from derive.checking.jax_eval import evaluate
from derive.core.operation import to_scalar


def judge(spec, env):
    """The largest gradient entry at the claimed point, relative to max(|objective|, 1);
    with ``second_order``, also how far the Hessian is from semidefinite."""
    point = dict(env)
    for variable, value in spec.at:
        claimed, _ = matched(evaluate(value, env), env[variable])  # the variable's shape exactly
        point[variable] = jnp.reshape(claimed, jnp.shape(env[variable]))  # (only a scalar for a 1x1)
    scale = jnp.maximum(jnp.abs(to_scalar(evaluate(spec.objective, point))), 1.0)

    def objective_in(variable):
        return lambda value: to_scalar(evaluate(spec.objective, {**point, variable: value}))

    error = jnp.asarray(0.0)
    for variable in spec.wrt:
        gradient = jax.grad(objective_in(variable))(point[variable])
        error = jnp.maximum(error, jnp.max(jnp.abs(gradient)) / scale)
    details = {}
    if spec.second_order:
        (variable,) = spec.wrt
        value = point[variable]
        hessian = jnp.reshape(jax.hessian(objective_in(variable))(value), (value.size, value.size))
        eigenvalues = jnp.linalg.eigvalsh((hessian + hessian.T) / 2)
        extreme = eigenvalues[0] if spec.second_order == "min" else -eigenvalues[-1]
        error = jnp.maximum(error, jnp.maximum(-extreme, 0.0) / scale)
        details["extreme_hessian_eigenvalue"] = eigenvalues[0] if spec.second_order == "min" else eigenvalues[-1]
    return error, details

"""KKT on a numerically solved instance: the QP is read off the expressions with JAX
(Hessian and gradient of the objective at 0, Jacobians of the affine constraints), solved by
derive.checking.qp, and every condition is then evaluated from the original expressions."""

import jax
import jax.numpy as jnp

from derive.checking.comparison import relative_error
from derive.checking.jax_eval import evaluate
from derive.checking.qp import solve_qp
from derive.core.operation import to_scalar


def _flat(value):
    return jnp.reshape(value, (-1,))


def judge(spec, env):
    variables = spec.variables
    shapes = [jnp.shape(env[v]) for v in variables]
    sizes = [int(jnp.size(env[v])) for v in variables]

    def at(vector, bound=()):
        parts, offset = {}, 0
        for variable, shape, size in zip(variables, shapes, sizes):
            parts[variable] = jnp.reshape(vector[offset : offset + size], shape)
            offset += size
        return {**env, **parts, **dict(bound)}

    def constraint(expression):
        if expression is None:
            return lambda vector: jnp.zeros(0)
        return lambda vector: _flat(evaluate(expression, at(vector)))

    def objective(vector):
        return to_scalar(evaluate(spec.objective, at(vector)))

    inequalities, equalities = constraint(spec.inequalities), constraint(spec.equalities)
    origin = jnp.zeros(sum(sizes))
    x, z, y = solve_qp(
        jax.hessian(objective)(origin),
        jax.grad(objective)(origin),
        jax.jacobian(inequalities)(origin),
        -inequalities(origin),
        jax.jacobian(equalities)(origin),
        -equalities(origin),
    )
    multipliers = [
        (symbol, jnp.reshape(value, jnp.shape(env[symbol])))
        for symbol, value in ((spec.inequality_multiplier, z), (spec.equality_multiplier, y))
        if symbol is not None
    ]

    def lagrangian(vector):
        return objective(vector) + jnp.dot(z, inequalities(vector)) + jnp.dot(y, equalities(vector))

    g = inequalities(x)
    conditions = {
        "stationarity": jnp.max(jnp.abs(jax.grad(lagrangian)(x)), initial=0.0) / jnp.maximum(jnp.max(jnp.abs(x)), 1.0),
        "primal_feasibility": jnp.maximum(jnp.max(g, initial=0.0), jnp.max(jnp.abs(equalities(x)), initial=0.0)),
        "dual_feasibility": jnp.maximum(-jnp.min(z, initial=0.0), 0.0),
        "complementary_slackness": jnp.max(jnp.abs(z * g), initial=0.0),
    }
    solved = at(x, multipliers)
    closed = [relative_error(evaluate(expr, solved), solved[variable]) for variable, expr in spec.closed_form]
    conditions["closed_form"] = jnp.max(jnp.asarray([*closed, 0.0]))
    if spec.dual_objective is not None:
        primal = objective(x)
        dual = to_scalar(evaluate(spec.dual_objective, solved))
        conditions["duality_gap"] = jnp.abs(primal - dual) / jnp.maximum(jnp.abs(primal), 1.0)
    return jnp.max(jnp.stack(list(conditions.values()))), conditions

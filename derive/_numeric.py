"""The numeric checker: every check of an entry runs as one jit+vmap batch of random trials in JAX.

Errors are relative: ``max|claim - reference| / max(max|reference|, 1)`` per trial.
"""

from __future__ import annotations

import time

import jax

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402

from . import _checks  # noqa: E402
from ._jax_eval import evaluate, to_scalar  # noqa: E402
from ._qp import solve_qp  # noqa: E402
from ._sampling import sample  # noqa: E402
from ._symbols import dimension_symbols  # noqa: E402
from ._verdict import FAIL, PASS, NumericVerdict  # noqa: E402

NUMERIC_SIZES = (5, 8, 6, 7, 4, 9)
DEFAULT_SEED = 0


class DeviceUnavailable(RuntimeError):
    """The requested JAX backend is not present on this machine."""


def device_for(platform: str | None):
    """The first JAX device of a backend ("cpu", "gpu", "tpu"), or the default device."""
    if platform is None:
        return jax.devices()[0]
    try:
        return jax.devices(platform)[0]
    except RuntimeError:
        present = ", ".join(sorted({d.platform for d in jax.devices()}))
        raise DeviceUnavailable(
            f"JAX has no {platform} backend on this machine (available: {present})"
        ) from None


def numeric_sizes(givens, spec) -> dict:
    sizes = {dim: NUMERIC_SIZES[i % len(NUMERIC_SIZES)] for i, dim in enumerate(dimension_symbols(givens))}
    sizes.update(dict(spec.sizes))
    return sizes


def relative_error(claim, reference):
    claim, reference = jnp.asarray(claim), jnp.asarray(reference)
    if claim.shape != reference.shape and claim.size == reference.size:
        claim = jnp.reshape(claim, reference.shape)
    scale = jnp.maximum(jnp.max(jnp.abs(reference)), 1.0)
    return jnp.max(jnp.abs(claim - reference)) / scale


def run_check(derivation, spec, trials: int | None = None, seed: int = DEFAULT_SEED, device=None) -> NumericVerdict:
    """Run one numeric check spec of ``derivation`` as a single batch."""
    trials = trials or spec.trials
    device = device or device_for(None)
    givens = tuple(derivation.givens) + tuple(getattr(spec, "extra", ()))
    sizes = numeric_sizes(givens, spec)
    judge = _JUDGES[spec.kind]

    def trial(key):
        draws = sample(key, givens, sizes)
        env = {given.symbol: draws[given.name] for given in givens}
        env["__sizes__"] = sizes
        for symbol, expression in spec.where:
            env[symbol] = jnp.reshape(evaluate(expression, env), jnp.shape(env[symbol]))
        error, details = judge(spec, env)
        valid = jnp.asarray(True)
        for expression in spec.avoid:
            valid = valid & (jnp.min(jnp.abs(evaluate(expression, env))) > spec.margin)
        return error, valid, details

    started = time.perf_counter()
    keys = jax.random.split(jax.random.PRNGKey(seed), trials)
    with jax.default_device(device):
        errors, valid, details = jax.jit(jax.vmap(trial))(keys)
        errors = jax.device_get(errors)
        valid = jax.device_get(valid)
        details = jax.device_get(details)
    elapsed = time.perf_counter() - started
    used = int(valid.sum())
    kept = errors[valid]
    max_error = float(kept.max()) if used else float("nan")
    reasons = []
    if used < max(1, trials // 2):
        reasons.append(f"only {used} of {trials} trials stayed away from the excluded region")
    if used and not jnp.all(jnp.isfinite(kept)):
        reasons.append("a trial produced a non-finite value")
    elif used and max_error > spec.tolerance:
        reasons.append(f"error {max_error:.3g} exceeds tolerance {spec.tolerance:.3g}")
    summary = {}
    if used:  # the range of each diagnostic over the trials used
        summary = {name: [float(values[valid].min()), float(values[valid].max())] for name, values in details.items()}
    if spec.avoid:
        summary["excluded_trials"] = trials - used
    return NumericVerdict(
        kind=spec.kind,
        label=spec.describe(),
        status=FAIL if reasons else PASS,
        max_error=max_error,
        tolerance=spec.tolerance,
        trials=trials,
        seed=seed,
        device=f"{device.platform}:{device.id}",
        details=summary,
        reason="; ".join(reasons),
        seconds=elapsed,
    )


def _judge_grad(spec, env):
    return relative_error(evaluate(spec.claim, env), evaluate(spec.reference(), env)), {}


def _judge_identity(spec, env):
    return relative_error(evaluate(spec.lhs, env), evaluate(spec.rhs, env)), {}


def _judge_inequality(spec, env):
    greater, lesser = evaluate(spec.greater, env), evaluate(spec.lesser, env)
    scale = jnp.maximum(jnp.max(jnp.abs(greater)), 1.0)
    return jnp.maximum(jnp.max(lesser - greater), 0.0) / scale, {"smallest_gap": jnp.min(greater - lesser)}


def _judge_stationary(spec, env):
    point = dict(env)
    for variable, value in spec.at:
        point[variable] = jnp.reshape(evaluate(value, env), jnp.shape(env[variable]))
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
        sign = 1.0 if spec.second_order == "min" else -1.0
        violation = jnp.maximum(-sign * (eigenvalues[0] if sign > 0 else eigenvalues[-1]), 0.0)
        error = jnp.maximum(error, violation / scale)
        details["extreme_hessian_eigenvalue"] = eigenvalues[0] if sign > 0 else eigenvalues[-1]
    return error, details


def _flat(value):
    return jnp.reshape(value, (-1,))


def _judge_kkt(spec, env):
    variables = spec.variables
    shapes = [jnp.shape(env[v]) for v in variables]
    splits = [int(jnp.size(env[v])) for v in variables]

    def unpack(vector):
        parts, offset = {}, 0
        for variable, shape, size in zip(variables, shapes, splits):
            parts[variable] = jnp.reshape(vector[offset : offset + size], shape)
            offset += size
        return parts

    def at(vector, multipliers=()):
        return {**env, **unpack(vector), **dict(multipliers)}

    def constraint(expression):
        if expression is None:
            return lambda vector: jnp.zeros(0)
        return lambda vector: _flat(evaluate(expression, at(vector)))

    objective = lambda vector: to_scalar(evaluate(spec.objective, at(vector)))  # noqa: E731
    inequalities, equalities = constraint(spec.inequalities), constraint(spec.equalities)
    origin = jnp.zeros(sum(splits))
    solution = solve_qp(
        jax.hessian(objective)(origin),
        jax.grad(objective)(origin),
        jax.jacobian(inequalities)(origin),
        -inequalities(origin),
        jax.jacobian(equalities)(origin),
        -equalities(origin),
    )
    x, z, y = solution
    multipliers = []
    if spec.inequality_multiplier is not None:
        multipliers.append((spec.inequality_multiplier, jnp.reshape(z, jnp.shape(env[spec.inequality_multiplier]))))
    if spec.equality_multiplier is not None:
        multipliers.append((spec.equality_multiplier, jnp.reshape(y, jnp.shape(env[spec.equality_multiplier]))))

    def lagrangian(vector):
        return objective(vector) + jnp.dot(z, inequalities(vector)) + jnp.dot(y, equalities(vector))

    g = inequalities(x)
    scale = jnp.maximum(jnp.max(jnp.abs(x)), 1.0)
    conditions = {
        "stationarity": jnp.max(jnp.abs(jax.grad(lagrangian)(x)), initial=0.0) / scale,
        "primal_feasibility": jnp.maximum(jnp.max(g, initial=0.0), jnp.max(jnp.abs(equalities(x)), initial=0.0)),
        "dual_feasibility": jnp.maximum(-jnp.min(z, initial=0.0), 0.0),
        "complementary_slackness": jnp.max(jnp.abs(z * g), initial=0.0),
    }
    solved = at(x, multipliers)
    closed = [relative_error(evaluate(expr, solved), solved[variable]) for variable, expr in spec.closed_form]
    conditions["closed_form"] = jnp.max(jnp.asarray(closed + [0.0]))
    if spec.dual_objective is not None:
        primal = objective(x)
        dual = to_scalar(evaluate(spec.dual_objective, solved))
        conditions["duality_gap"] = jnp.abs(primal - dual) / jnp.maximum(jnp.abs(primal), 1.0)
    error = jnp.max(jnp.stack(list(conditions.values())))
    return error, conditions


_JUDGES = {
    _checks.Grad.kind: _judge_grad,
    _checks.Identity.kind: _judge_identity,
    _checks.Inequality.kind: _judge_inequality,
    _checks.Stationary.kind: _judge_stationary,
    _checks.KKT.kind: _judge_kkt,
}


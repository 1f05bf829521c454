"""The numeric checker: every check of an entry runs as one jit+vmap batch of random trials in JAX.

Errors are relative: ``max|claim - reference| / max(max|reference|, 1)`` per trial.
"""

from __future__ import annotations

import functools
import time

import jax
import numpy as np

from derive.checking import power
from derive.checking.comparison import ShapeMismatch
from derive.checking.host_samples import UNUSED_KEY, InvalidParameters, draw_samples, drawn_on_host, with_samples
from derive.checking.judges import grad, identity, inequality, iterate, kkt, mc, mc_rate, stationary
from derive.checking.sampling import away_from_avoided, environment, host_draws, numeric_sizes
from derive.checking.step_numeric import StepBatch
from derive.checking.verdicts import FAIL, PASS, UNKNOWN, WEAK, NumericVerdict
from derive.core.defaults import SEED
from derive.core.errors import DeviceUnavailable
from derive.core.intermediates import definitions, expanded, substituted

# check kind -> its judge: ``judge(spec, env) -> (error, details)`` for one trial
JUDGES = {
    "grad": grad.judge,
    "identity": identity.judge,
    "inequality": inequality.judge,
    "iterate": iterate.judge,
    "kkt": kkt.judge,
    "mc": mc.judge,
    "mc_rate": mc_rate.judge,
    "stationary": stationary.judge,
}

CHEAP_COMPILE = {"xla_backend_optimization_level": 0, "xla_llvm_disable_expensive_passes": True}
# XLA's newer CPU fusion emitters take about twice the compile time on a deterministic check batch
# (the same run time), and about 15% more on a Monte Carlo batch of host-drawn samples; on one that
# runs JAX's samplers they save compile time.
OLD_FUSION = {"xla_cpu_use_fusion_emitters": False}


SAMPLING_KINDS = ("mc", "mc_rate")  # Monte Carlo batches draw so much that optimised code pays for itself


def compile_options(device, specs) -> dict | None:
    """Cheap XLA compilation on the CPU: a check batch runs once, so optimising it costs more than
    it saves (about half the compile time), except for batches that spend their time sampling; those
    keep XLA's optimisation level (at 0 they ran 2-4x longer), and take the older fusion code when
    none of their samples is drawn by JAX."""
    if device.platform != "cpu":
        return None
    sampling = [spec for spec in specs if spec.kind in SAMPLING_KINDS]
    if not sampling:
        return _cheapest_compile()
    if all(drawn_on_host(spec, device) for spec in sampling):
        return {key: value for key, value in _cheapest_compile().items() if key in OLD_FUSION}
    return None


@functools.cache
def _cheapest_compile() -> dict:
    """CHEAP_COMPILE with OLD_FUSION where this XLA has that option (an older one refuses it)."""
    options = {**CHEAP_COMPILE, **OLD_FUSION}
    try:
        jax.jit(lambda x: x + 1, compiler_options=options).lower(0.0).compile()
    except Exception:  # XlaRuntimeError: No such compile option
        return CHEAP_COMPILE
    return options


def device_for(platform: str | None):
    """The first JAX device of a backend ("cpu", "gpu", "tpu"), or the default device.

    Every numeric check computes in float64, switched on here, before JAX makes any array."""
    jax.config.update("jax_enable_x64", True)
    if platform is None:
        return jax.devices()[0]
    try:
        return jax.devices(platform)[0]
    except RuntimeError:
        present = ", ".join(sorted({d.platform for d in jax.devices()}))
        raise DeviceUnavailable(f"JAX has no {platform} backend on this machine (available: {present})") from None


def check_givens(derivation, spec) -> tuple:
    """The inputs a check draws: the entry's givens, then the check's ``extra`` ones."""
    return tuple(derivation.givens) + tuple(getattr(spec, "extra", ()))


def trial_function(derivation, spec, trials: int):
    """The function of one trial's draw (see ``trial_inputs``) that runs one trial of ``spec``:
    (error, valid, details).

    ``batch_function`` vmaps it over every trial.
    """
    givens = check_givens(derivation, spec)
    sizes = numeric_sizes(givens, spec)
    judge = JUDGES[spec.kind]

    def trial(drawn, key=None, samples=None):
        env = environment(drawn, givens, sizes, spec)
        # a PRNG key for judges that draw samples of their own (Monte Carlo), unless they are given
        env["__key__"] = key if samples is None else UNUSED_KEY
        env["__trials__"] = trials
        error, details = judge(spec if samples is None else with_samples(spec, samples), env)
        return error, away_from_avoided(spec, env), details

    return trial


def batch_function(derivation, spec, trials: int, device=None):
    """The function of ``trial_inputs(...)`` (on ``device``: the CPU by default) that runs every trial
    of ``spec``: (errors, valid, details), each with a leading trials axis. ``jax.jit`` of it is the
    check's batch."""
    trial = trial_function(derivation, spec, trials)
    if spec.kind not in SAMPLING_KINDS:
        return jax.vmap(trial)
    if drawn_on_host(spec, device):
        return jax.vmap(lambda drawn, samples: trial(drawn, samples=samples))
    batch = jax.vmap(trial)  # split inside the batch: run alone, JAX's split is compiled first
    return lambda drawn, seed: batch(drawn, trial_keys(seed, trials))


def trial_inputs(derivation, spec, trials: int, seed: int, device=None) -> tuple:
    """The arguments of ``batch_function``: every trial's givens drawn on the host (NumPy, seeded),
    and for a Monte Carlo check its own samples drawn on the host too (derive.checking.host_samples)
    or, where JAX draws them (not on the CPU), the seed of their PRNG keys. XLA takes a second or more
    to compile JAX's samplers on the CPU, several times what most checked expressions take, so the
    batch only evaluates expressions on draws made outside it."""
    givens = check_givens(derivation, spec)
    sizes = numeric_sizes(givens, spec)
    drawn = host_draws(givens, sizes, trials, seed)
    if spec.kind not in SAMPLING_KINDS:
        return (drawn,)
    if drawn_on_host(spec, device):
        return drawn, draw_samples(spec, drawn, givens, sizes, trials, seed, _cheapest_compile())
    return drawn, np.asarray(seed)


def trial_keys(seed, trials: int):
    """One PRNG key per trial (``seed`` a number, or traced inside a batch)."""
    return jax.random.split(jax.random.PRNGKey(seed), trials)


def run_checks(derivation, specs, trials: int | None = None, seed: int = SEED, device=None):
    """The verdicts of ``specs`` on ``derivation``, run as in ``run_entry`` (without the steps)."""
    specs = substituted(specs, definitions(derivation))  # named intermediates written out
    derivation = expanded(derivation)
    return _run(derivation, specs, None, trials, seed, device)[0]


def run_entry(derivation, trials: int | None = None, seed: int = SEED, device=None):
    """(the verdict of each check, the numeric verdict of each step) of an entry: its checks and
    every step evaluated numerically (derive.checking.step_numeric), in one compiled function."""
    derivation = expanded(derivation)  # named intermediates written out
    return _run(derivation, derivation.checks, StepBatch(derivation, trials, seed), trials, seed, device)


def run_steps(derivation, trials: int | None = None, seed: int = SEED, device=None):
    """The numeric verdict of each step of an entry, without its checks."""
    derivation = expanded(derivation)  # named intermediates written out
    return _run(derivation, (), StepBatch(derivation, trials, seed), trials, seed, device)[1]


def _run(derivation, specs, steps: StepBatch | None, trials, seed, device):
    """Run all of an entry's checks, and its ``steps``, as one compiled function (one ``jit``, one
    ``vmap`` per check and one for the steps).

    A check whose expressions cannot be evaluated (found by tracing it alone first) is UNKNOWN
    with the reason, and does not stop the others; one whose claim has the wrong shape FAILs. A
    step JAX cannot evaluate is found while the batch is traced (StepBatch.trial). Each part is
    traced once: the whole batch calls the parts' jitted functions, whose traces JAX keeps. The
    batch's wall time is shared equally among the checks.
    """
    device = device or device_for(None)
    counts = [trials or spec.trials for spec in specs]
    batches, inputs, broken = {}, {}, {}
    for index, (spec, count) in enumerate(zip(specs, counts)):
        try:
            batch = jax.jit(batch_function(derivation, spec, count, device))
            drawn = trial_inputs(derivation, spec, count, seed, device)
            jax.eval_shape(batch, *drawn)  # traces it: a check JAX cannot evaluate raises here
            batches[index], inputs[index] = batch, drawn
        except ShapeMismatch as exc:  # a claim of the wrong shape is wrong, not undecided
            broken[index] = FAIL, f"the claim's shape is wrong: {exc}"
        except InvalidParameters as exc:  # drawn from a distribution that does not exist
            broken[index] = FAIL, f"invalid parameters: {exc}"
        except Exception as exc:  # an entry the evaluator cannot translate: reported, not raised
            broken[index] = UNKNOWN, f"could not evaluate the check: {type(exc).__name__}: {exc}"
    step_batch = jax.vmap(steps.trial) if steps is not None else lambda drawn: None
    step_inputs = steps.inputs if steps is not None else None

    started = time.perf_counter()
    with jax.default_device(device):
        batch = jax.jit(
            lambda drawn, s: ({i: batches[i](*drawn[i]) for i in batches}, step_batch(s)),
            compiler_options=compile_options(device, specs),
        )
        outputs, step_outputs = jax.device_get(batch(inputs, step_inputs))
    share = (time.perf_counter() - started) / max(len(batches), 1)
    verdicts = tuple(
        _not_evaluated(spec, counts[i], seed, device, *broken[i])
        if i in broken
        else _verdict(spec, counts[i], seed, device, *outputs[i], seconds=share)
        for i, spec in enumerate(specs)
    )
    return verdicts, _step_verdicts(steps, step_outputs, device) if steps is not None else ()


def _step_verdicts(steps: StepBatch, outputs, device):
    """The steps' verdicts; those whose sides vanished on every input the check builds are judged
    again on the same draws without them, in a second, small batch (StepBatch.vanishing)."""
    verdicts = steps.verdicts(outputs)
    again = steps.vanishing(verdicts)
    if not again:
        return verdicts
    with jax.default_device(device):
        batch = jax.jit(
            jax.vmap(functools.partial(steps.plain_trial, indices=again)), compiler_options=compile_options(device, ())
        )
        return steps.verdicts(outputs, jax.device_get(batch(steps.inputs)))


def _device_name(device) -> str:
    return f"{device.platform}:{device.id}"


def _not_evaluated(spec, trials, seed, device, status, reason) -> NumericVerdict:
    nan = float("nan")
    return NumericVerdict(
        spec.kind, spec.describe(), status, nan, spec.tolerance, trials, seed, _device_name(device), {}, reason
    )


def _verdict(spec, trials, seed, device, errors, valid, details, seconds) -> NumericVerdict:
    """PASS when every trial used is finite and within tolerance, with enough trials used, and the
    spec's settings within its kind's bounds or justified by its ``reason`` (printed with the verdict)."""
    used = int(valid.sum())
    kept = errors[valid]
    max_error = float(kept.max()) if used else float("nan")
    reasons = []
    if used < max(1, trials // 2):
        reasons.append(f"only {used} of {trials} trials stayed away from the excluded region")
    if used and not np.all(np.isfinite(kept)):
        reasons.append("a trial produced a non-finite value")
    elif used and max_error > spec.tolerance:
        reasons.append(f"error {max_error:.3g} exceeds tolerance {spec.tolerance:.3g}")
    loose = spec.loose_settings()
    if loose and not spec.reason:
        reasons.append(f"settings looser than a {spec.kind} check allows ({'; '.join(loose)}) and no reason given")
    notes = [f"looser settings ({'; '.join(loose)}): {spec.reason}"] if loose and spec.reason else []
    summary = {}
    if used:  # the range of each diagnostic over the trials used
        summary = {name: [float(values[valid].min()), float(values[valid].max())] for name, values in details.items()}
    if spec.avoid:
        summary["excluded_trials"] = trials - used
    weak = power.weakness(spec, summary) if spec.kind in SAMPLING_KINDS and not reasons else ""
    return NumericVerdict(
        kind=spec.kind,
        label=spec.describe(),
        status=FAIL if reasons else WEAK if weak else PASS,
        max_error=max_error,
        tolerance=spec.tolerance,
        trials=trials,
        seed=seed,
        device=_device_name(device),
        details=summary,
        reason="; ".join(reasons + [weak] * bool(weak) + notes),
        seconds=seconds,
    )

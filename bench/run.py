"""The derive benchmark: prints one table, every figure measured in this run on this machine.

    python bench/run.py              # everything (several minutes: includes a cold and a warm check --all)
    python bench/run.py --quick      # skips check --all and the largest sizes
    python bench/run.py --compile-only     # the same-run baseline and one entry's compile
    python bench/run.py --check-all-only   # check --all cold, --recheck, warm; handout --all warm

Sections: (1) `derive show` start-up vs `import sympy`; (2) numeric-check throughput for the
logistic gradient against a lambdify loop and subs/evalf; (2b) against a hand-written jit+vmap check
measured in the same run, and the input generators; (3) scaling with d; (4) check --all,
cold and warm; (5) `derive verify` of a 3-step matrix derivation, the logistic Hessian and identical
sides. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RATE_RUNS = 5  # a throughput is the median of this many timed runs (one run of 1,000 trials varied 3x)
ROWS: list[tuple[str, str, str, str]] = []  # (section, measurement, value, target)


def row(section, measurement, value, target=""):
    ROWS.append((section, measurement, value, target))
    print(f"  {measurement}: {value} {target}", file=sys.stderr, flush=True)


def wall(command, runs=1, env=None) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - started)
    return times


def startup():
    runs = 7
    show = [sys.executable, "-m", "derive", "show", "logistic-grad"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "DERIVE_CACHE_DIR": cache}
        fresh = statistics.median(wall([*show, "--no-cache"], runs, env))
        wall(show, 1, env)  # the first show of an entry renders it and keeps the rendering
        stored = statistics.median(wall(show, runs, env))
    sympy = statistics.median(wall([sys.executable, "-c", "import sympy"], runs))
    row("1 start-up", f"`python -c 'import sympy'`, median of {runs}", f"{sympy:.3f} s")
    for label, seconds, target in (
        ("first show of an entry (renders it: `--no-cache`)", fresh, ""),
        ("repeated show (the stored rendering)", stored, "target <= 1.2"),
    ):
        ratio = seconds / sympy
        verdict = f"{target}: {'met' if ratio <= 1.2 else 'NOT met'}" if target else ""
        row("1 start-up", f"`derive show logistic-grad`, {label}, median of {runs}", f"{seconds:.3f} s")
        row("1 start-up", "  ratio to `import sympy`", f"{ratio:.2f}", verdict)


def _logistic_at(n_size, d_size):
    import derive
    from derive.core.symbols import dimension_symbols

    entry = derive.get("logistic-grad")
    d, n = dimension_symbols(entry.givens)
    return entry, dataclasses.replace(entry.checks[0], sizes=((n, n_size), (d, d_size)))


def _derive_rate(n_size, d_size, trials) -> tuple[float, float]:
    """(trials per second, compile seconds) of derive's logistic check as derive runs it: the inputs
    drawn on the host (counted in the rate), one jit+vmap batch compiled with derive's options."""
    from derive.checking.numeric import compile_options, device_for, trial_function, trial_inputs

    entry, spec = _logistic_at(n_size, d_size)
    options = compile_options(device_for(None), (spec,))
    return _compiled_rate(trial_function(entry, spec, trials), lambda: trial_inputs(entry, spec, trials, 0), options)


def _compiled_rate(function, make_inputs, options=None) -> tuple[float, float]:
    """(trials per second of ``function`` as one jit+vmap batch over ``make_inputs()``, counting the
    time to make the inputs, the median of RATE_RUNS runs; and seconds to compile it)."""
    import jax

    inputs = make_inputs()
    trials = len(jax.tree.leaves(inputs)[0])
    started = time.perf_counter()
    compiled = jax.jit(jax.vmap(function), compiler_options=options).lower(*inputs).compile()
    compile_s = time.perf_counter() - started
    jax.block_until_ready(compiled(*inputs))

    def once() -> float:
        started = time.perf_counter()
        jax.block_until_ready(compiled(*make_inputs()))
        return time.perf_counter() - started

    return trials / statistics.median(once() for _ in range(RATE_RUNS)), compile_s


def throughput():
    import numpy as np
    import sympy as sp
    from sympy.printing.numpy import NumPyPrinter

    from derive import dims, matrix, vector
    from derive.checking.instances import expand_definitions
    from derive.checking.numeric import trial_keys

    n_size, d_size = 256, 32
    for trials in (10, 100, 1000):
        batch, compile_s = _derive_rate(n_size, d_size, trials)
        row("2 throughput", f"jit+vmap batch, {trials} trials (host draws, claim + jax.grad reference)",
            f"{batch:,.0f} trials/s")  # fmt: skip
        row("2 throughput", f"  compile time for {trials} trials", f"{compile_s:.2f} s")
        row("2 throughput", "  drawing the same random inputs alone in jit (threefry)",
            f"{_drawing_rate(trial_keys(0, trials)):,.0f} trials/s")  # fmt: skip
        ROWS_THROUGHPUT[trials] = batch

    class ElementwisePrinter(NumPyPrinter):  # the printer extension lambdify lacks (see DESIGN.md)
        def _print_ElementwiseApplyFunction(self, expr):
            variable = self._print(expr.function.variables[0])
            return f"(lambda {variable}: {self._print(expr.function.expr)})({self._print(expr.expr)})"

    n, d = dims("n d")
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    entry = derive_entry("logistic-grad")
    concrete = {n: n_size, d: d_size}  # lambdify needs numbers for the sizes of 1 (ones)
    claim, loss = (expand_definitions(e).subs(concrete) for e in (entry.checks[0].claim, entry.checks[0].objective))
    arguments = tuple(s.subs(concrete) for s in (X, w, y))
    claim_f = sp.lambdify(arguments, claim, modules="numpy", printer=ElementwisePrinter)
    loss_f = sp.lambdify(arguments, loss, modules="numpy", printer=ElementwisePrinter)
    rng = np.random.default_rng(0)

    def lambdify_trial(with_reference):
        Xv, wv = rng.normal(size=(n_size, d_size)), rng.normal(size=(d_size, 1))
        yv = rng.integers(0, 2, (n_size, 1)) * 1.0
        claimed = claim_f(Xv, wv, yv)
        if not with_reference:
            return
        # without autodiff, the reference gradient is central finite differences of the loss
        reference = np.empty_like(wv)
        for i in range(d_size):
            step = np.zeros_like(wv)
            step[i] = 1e-6
            reference[i] = (loss_f(Xv, wv + step, yv) - loss_f(Xv, wv - step, yv)).item() / 2e-6
        np.max(np.abs(claimed - reference))

    for trials in (10, 100, 1000):
        for with_reference, what in ((True, "claim + finite-difference reference"), (False, "claim only")):
            started = time.perf_counter()
            for _ in range(trials):
                lambdify_trial(with_reference)
            loop = trials / (time.perf_counter() - started)
            ratio = ROWS_THROUGHPUT[trials] / loop
            met = "met" if ratio >= 100 else "NOT met"
            target = f"target >= 100x at 1,000: {met}" if trials == 1000 and with_reference else ""
            row("2 throughput", f"lambdify(numpy) loop, {trials} trials ({what})", f"{loop:,.0f} trials/s")
            row("2 throughput", f"  batch / this loop at {trials}", f"{ratio:,.1f}x", target)

    from derive.checking.instances import Instance, explicit

    small = {n: 16, d: 4}  # subs/evalf at 256x32 does not finish in minutes; measured smaller and stated
    instance = Instance.build((derive_given(X), derive_given(w), derive_given(y)), small)
    symbolic_claim = explicit(entry.checks[0].claim, instance)
    started = time.perf_counter()
    values = {s: sp.Float(rng.normal()) for s in symbolic_claim.free_symbols}
    symbolic_claim.xreplace(values).evalf()
    per_trial = time.perf_counter() - started
    row("2 throughput", "subs/evalf, 1 trial at n=16, d=4 (256x32 is out of reach)", f"{1 / per_trial:,.2f} trials/s")
    row(
        "2 throughput",
        "  batch (n=256, d=32) / subs-evalf (n=16, d=4) at 1,000",
        f"{ROWS_THROUGHPUT[1000] * per_trial:,.0f}x",
    )


ROWS_THROUGHPUT: dict[int, float] = {}


def _drawing_rate(keys) -> float:
    """Trials per second of the batch's input sampling alone (X, w, y at n=256, d=32)."""
    import jax

    def draw(key):
        x_key, w_key, y_key = jax.random.split(key, 3)
        return (jax.random.normal(x_key, (256, 32)), jax.random.normal(w_key, (32, 1)),
                jax.random.bernoulli(y_key, 0.5, (256, 1)))  # fmt: skip

    batch = jax.jit(jax.vmap(draw))
    jax.block_until_ready(batch(keys))
    started = time.perf_counter()
    jax.block_until_ready(batch(keys))
    return len(keys) / (time.perf_counter() - started)


def baseline():
    """Issue 17: derive's logistic check against a hand-written jit+vmap check of the same gradient
    that draws its inputs inside jit, both measured in this run; and the cost of drawing the inputs
    with each of JAX's PRNG implementations and with NumPy on the host."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    from derive.checking.numeric import device_for, trial_keys

    device_for(None)  # float64, as derive's checks compute: both sides of the ratio in the same precision
    n_size, d_size, trials = 256, 32, 1000

    def draw(key):
        x_key, w_key, y_key = jax.random.split(key, 3)
        X = jax.random.normal(x_key, (n_size, d_size))
        w = jax.random.normal(w_key, (d_size, 1))
        return X, w, jax.random.bernoulli(y_key, 0.5, (n_size, 1)).astype(float)

    def handwritten(key):
        X, w, y = draw(key)
        reference = jax.grad(lambda v: jnp.sum(jnp.logaddexp(0.0, X @ v) - y * (X @ v)))(w)
        claim = X.T @ (jax.nn.sigmoid(X @ w) - y)
        return jnp.max(jnp.abs(claim - reference)) / jnp.maximum(jnp.max(jnp.abs(reference)), 1.0)

    keys = trial_keys(0, trials)
    derive_rate, derive_compile = _derive_rate(n_size, d_size, trials)
    hand_rate, hand_compile = _compiled_rate(handwritten, lambda: (keys,))
    ratio = derive_rate / hand_rate
    row("2b baseline", f"derive's logistic check, {trials:,} trials, inputs drawn on the host (NumPy)",
        f"{derive_rate:,.0f} trials/s")  # fmt: skip
    row("2b baseline", "hand-written jit+vmap check, inputs drawn inside jit", f"{hand_rate:,.0f} trials/s")
    row(
        "2b baseline",
        "  derive / hand-written",
        f"{ratio:.2f}x",
        f"target >= 0.8x: {'met' if ratio >= 0.8 else 'NOT met'}",
    )
    row("2b baseline", "  derive's compile of that check (derive's compiler options)", f"{derive_compile:.2f} s")
    row("2b baseline", "  the hand-written check's compile", f"{hand_compile:.2f} s")
    derive_total, hand_total = derive_compile + trials / derive_rate, hand_compile + trials / hand_rate
    row("2b baseline", "  compile + run, derive / hand-written", f"{derive_total:.2f} s / {hand_total:.2f} s")
    for impl in ("threefry2x32", "rbg", "unsafe_rbg"):
        impl_keys = jax.random.split(jax.random.key(0, impl=impl), trials)
        drawn, compile_s = _compiled_rate(draw, lambda keys=impl_keys: (keys,))
        row(
            "2b baseline",
            f"drawing the inputs in jit with {impl}",
            f"{drawn:,.0f} trials/s",
            f"compile {compile_s:.2f} s",
        )
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    (
        rng.normal(size=(trials, n_size, d_size)),
        rng.normal(size=(trials, d_size, 1)),
        rng.integers(0, 2, (trials, n_size, 1)),
    )
    row(
        "2b baseline",
        "drawing the inputs with NumPy (PCG64) on the host",
        f"{trials / (time.perf_counter() - started):,.0f} trials/s",
    )


def entry_compile(entry_id="logistic-grad"):
    """Issue 17: one entry's compile as `derive check ID --no-cache` does it (its checks and its steps
    in one jit), in this process with JAX's caches off: JAX's own timings of each phase."""
    from collections import defaultdict

    import jax

    import derive
    from derive.cache.directory import use_compilation_cache
    from derive.checking.numeric import device_for, run_entry

    phases = defaultdict(float)
    prefix = "/jax/core/compile/"
    jax.monitoring.register_event_duration_secs_listener(
        lambda event, seconds, **_: (
            phases.__setitem__(event, phases[event] + seconds) if event.startswith(prefix) else None
        )
    )
    use_compilation_cache(False)
    started, cpu = time.perf_counter(), time.process_time()
    run_entry(derive.get(entry_id), None, 0, device_for("cpu"))
    whole, cpu = time.perf_counter() - started, time.process_time() - cpu
    use_compilation_cache(True)
    trace, lower = phases[prefix + "jaxpr_trace_duration"], phases[prefix + "jaxpr_to_mlir_module_duration"]
    xla = phases[prefix + "backend_compile_duration"]
    total = trace + lower + xla
    row("2c compile", f"{entry_id}: trace (JAX evaluator) + lower to MLIR", f"{trace:.2f} s + {lower:.2f} s")
    row("2c compile", f"{entry_id}: XLA compile of its one batch (checks and steps)", f"{xla:.2f} s")
    row("2c compile", f"{entry_id}: trace + lower + compile", f"{total:.2f} s",
        f"target <= 0.5 s: {'met' if total <= 0.5 else 'NOT met'}")  # fmt: skip
    row("2c compile", f"{entry_id}: the whole numeric check (host draws, compile, run)",
        f"{whole:.2f} s ({cpu:.2f} s of CPU, {load()})")  # fmt: skip


def derive_entry(entry_id):
    import derive

    return derive.get(entry_id)


def derive_given(symbol):
    from derive import Given

    return Given(symbol)


SCALING_PROBE = """
import dataclasses, json, resource, sys, time
import jax
import derive
from derive.checking.numeric import trial_function, trial_inputs
from derive.core.symbols import dimension_symbols
entry = derive.get(sys.argv[1])
d_size = int(sys.argv[2])
dims = dimension_symbols(entry.givens)
sizes = {{'d': d_size, 'n': 2 * d_size}}
spec = dataclasses.replace(entry.checks[0], sizes=tuple((s, sizes[s.name]) for s in dims))
trials = {trials}
inputs = trial_inputs(entry, spec, trials, 0)
compiled = jax.jit(jax.vmap(trial_function(entry, spec, trials))).lower(*inputs).compile()
jax.block_until_ready(compiled(*inputs))
started = time.perf_counter()
jax.block_until_ready(compiled(*trial_inputs(entry, spec, trials, 0)))  # the host draws counted
per_trial = (time.perf_counter() - started) / trials
print(json.dumps({{"per_trial": per_trial, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def scaling(quick):
    sizes = (8, 64, 512) if quick else (8, 64, 512, 4096)
    for entry_id in ("normal-equations", "logistic-grad"):
        for d_size in sizes:
            trials = 16 if d_size <= 512 else 2
            probe = SCALING_PROBE.format(trials=trials)
            result = subprocess.run(
                [sys.executable, "-c", probe, entry_id, str(d_size)], capture_output=True, text=True, cwd=ROOT
            )
            if result.returncode:
                row("3 scaling", f"{entry_id} d={d_size}", "failed: " + result.stderr.strip().splitlines()[-1])
                continue
            data = json.loads(result.stdout)
            row("3 scaling", f"{entry_id} d={d_size}, n={2 * d_size} ({trials} trials)",
                f"{data['per_trial'] * 1e3:,.3f} ms/trial, peak RSS {data['peak_mb']:,.0f} MB")  # fmt: skip


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes (the machine may be shared)."""
    return "load " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def children_cpu() -> float:
    """CPU seconds (user and system) used so far by this process's finished children and theirs."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def check_all(jobs=None):
    """`derive check --all` cold, warm with --recheck and warm, then `derive handout --all` warm, in
    one fresh cache directory; each with the load it ran under."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "DERIVE_CACHE_DIR": cache}
        command = [sys.executable, "-m", "derive", "check", "--all", "--json"]
        command += ["--jobs", str(jobs)] if jobs else []
        runs = (
            ("cold (empty cache: compiles and checks everything)", [], 90),
            ("warm, `--recheck` (compiled checks reused, every check run again)", ["--recheck"], 30),
            ("warm (stored reports of the identical earlier run)", [], 15),
        )
        for label, extra, target in runs:
            before, cpu = load(), children_cpu()
            started = time.perf_counter()
            result = subprocess.run(command + extra, capture_output=True, text=True, cwd=ROOT, env=env)
            elapsed, cpu = time.perf_counter() - started, children_cpu() - cpu
            reports = json.loads(result.stdout)
            verdict = "met" if elapsed <= target else "NOT met"
            row("4 check --all", f"{label}, {len(reports)} entries, exit {result.returncode} ({before})",
                f"{elapsed:.1f} s ({cpu:.0f} s of CPU)", f"target <= {target} s: {verdict}")  # fmt: skip
            if extra:
                rechecked = reports
        per_entry = sorted(
            (
                (sum(s["seconds"] for s in r["symbolic"]), sum(v["seconds"] for v in r["numeric"]), r["id"])
                for r in rechecked
            ),
            key=lambda t: -(t[0] + t[1]),
        )
        for symbolic, numeric, entry_id in per_entry[:5]:
            row(
                "4 check --all",
                f"  slowest with --recheck: {entry_id}",
                f"{symbolic:.1f} s SymPy + {numeric:.1f} s JAX",
            )
        row("4 check --all", "  all entries with --recheck, summed", f"{sum(t[0] for t in per_entry):.0f} s SymPy + "
            f"{sum(t[1] for t in per_entry):.0f} s JAX")  # fmt: skip
        handout_all(env, Path(cache) / "all.pdf")


def handout_all(env, output: Path):
    """`derive handout --all -o all.pdf` after check --all (warm: the stored reports), TeX included."""
    before, cpu = load(), children_cpu()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "derive", "handout", "--all", "--quiet", "-o", str(output)],
                            capture_output=True, text=True, cwd=ROOT, env=env)  # fmt: skip
    elapsed, cpu = time.perf_counter() - started, children_cpu() - cpu
    met = "met" if elapsed <= 120 and result.returncode == 0 else "NOT met"
    row("4 handout", f"`handout --all -o all.pdf`, warm, exit {result.returncode} ({before})",
        f"{elapsed:.1f} s ({cpu:.0f} s of CPU)", f"target <= 120 s: {met}")  # fmt: skip


VERIFY = [
    "verify",
    "--where", r"X \in \mathbb{R}^{n \times d}",
    "--where", r"w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}",
    r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top X w - X^\top y = X^\top(Xw - y)",
]  # fmt: skip


def verify():
    command = [sys.executable, "-m", "derive", *VERIFY]
    probe = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if probe.returncode == 2 and "No such command" in probe.stderr:
        row("5 verify", "3-step matrix derivation", "n/a: `derive verify` is not there yet")
        return
    median = statistics.median(wall(command, runs=5))
    row("5 verify", f"3-step matrix derivation (exit {probe.returncode}), median of 5", f"{median:.2f} s",
        f"target < 2 s: {'met' if median < 2 else 'NOT met'}")  # fmt: skip
    for label, arguments, target in VERIFY_DECIDED:
        command = [sys.executable, "-m", "derive", "verify", *arguments]
        status = subprocess.run(command, capture_output=True, cwd=ROOT).returncode
        median = statistics.median(wall(command, runs=3))
        met = "met" if median < target and status == 0 else "NOT met"
        row("5 verify", f"{label} (exit {status}: 0 is valid), median of 3", f"{median:.2f} s",
            f"target < {target} s and valid: {met}")  # fmt: skip
    sympy = statistics.median(wall([sys.executable, "-c", "import sympy"], runs=3))
    row("5 verify", "  for scale: `python -c 'import sympy'`, median of 3", f"{sympy:.2f} s")


VERIFY_DECIDED = [  # (label, arguments, target seconds): steps that used to time out (issue 16)
    ("logistic Hessian", [
        "--where", r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \{0,1\}^{n}",
        r"\nabla^2_w \left(-y^\top \log \sigma(Xw) - (1-y)^\top \log(1-\sigma(Xw))\right)"
        r" = X^\top \operatorname{diag}(\sigma(Xw) \odot (1 - \sigma(Xw))) X",
    ], 5),
    ("identical sides x^{100000000}", [r"x^{100000000} = x^{100000000}"], 1),
]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip check --all and d=4096")
    parser.add_argument("--check-all-only", action="store_true", help="only check --all and handout --all")
    parser.add_argument("--compile-only", action="store_true", help="only the same-run baseline and the compile rows")
    parser.add_argument("--jobs", type=int, help="derive check --jobs (default: derive's, the CPU count)")
    args = parser.parse_args()
    import jax

    print(f"derive benchmark on {platform.node()} ({os.cpu_count()} CPUs), Python {platform.python_version()}, "
          f"JAX {jax.__version__} on {jax.devices()[0].platform}", flush=True)  # fmt: skip
    if args.check_all_only:
        check_all(args.jobs)
        return table()
    if args.compile_only:
        baseline()
        entry_compile()
        return table()
    startup()
    throughput()
    baseline()
    entry_compile()
    scaling(args.quick)
    if not args.quick:
        check_all(args.jobs)
    verify()
    table()


def table():
    width = max(len(r[1]) for r in ROWS)
    print(f"\n| {'section':<14} | {'measurement':<{width}} | value | target |")
    print(f"|{'-' * 16}|{'-' * (width + 2)}|---|---|")
    for section, measurement, value, target in ROWS:
        print(f"| {section:<14} | {measurement:<{width}} | {value} | {target} |")


if __name__ == "__main__":
    main()

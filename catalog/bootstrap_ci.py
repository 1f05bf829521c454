"""The percentile bootstrap interval for a mean, and the exact bootstrap variance of the mean."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    STATES,
    Derivation,
    Given,
    IdentityCheck,
    MonteCarloRate,
    Reference,
    Step,
    dims,
    expectation,
    iid,
    matrix,
    normal,
    probability,
    sample_mean,
    scalar,
    step,
    sum_entries,
    vector,
)

from ._lib.bootstrap import bootstrap_variance, resample_indices, resample_quantile

# 8000 experiments and a slack of 0.04 let the coverage check refuse the 95% level, RIVAL (its power)
COVERAGE_N, RESAMPLES, EXPERIMENTS, ALPHA, SLACK, RIVAL = 30, 150, 8_000, 0.1, 0.04, 0.95


def derivation() -> Derivation:
    n, b = dims("n B")
    x, resample = vector("x", n), vector("xtilde", n)
    mu, sigma, alpha = scalar("mu"), scalar("sigma", POSITIVE), scalar("alpha", PROBABILITY)
    low, high = scalar("ell"), scalar("u")  # the interval's endpoints
    indices = matrix("I", n, b)
    xbar = sample_mean(x)
    plug_in_variance = sum_entries(lambda t: (t - xbar) ** 2, x) / n
    empirical = iid(xbar, plug_in_variance)  # the empirical distribution of x: its mean and variance
    law = empirical.of(resample)
    result = sum_entries(lambda t: (t - xbar) ** 2, x) / n**2
    covered = sp.And(low <= mu, mu <= high)  # the event the interval [l, u] covers mu
    # simulated: the indicator of that event, with l and u the quantiles of the resample means
    endpoints = {low: resample_quantile(x, indices, alpha / 2), high: resample_quantile(x, indices, 1 - alpha / 2)}
    covers = (step(mu - low) * step(high - mu)).xreplace(endpoints)
    return Derivation(
        id="bootstrap-ci",
        title="Bootstrap confidence intervals: the percentile interval for a mean",
        topic="statistics",
        statement=(
            r"A model's per-example test scores $x_{1}$, ..., $x_{n}$ are a sample from an unknown distribution "
            r"with mean $\mu$; their mean $m = \bar{x} = (1/n) \sum_{i} x_{i}$ estimates $\mu$. How uncertain "
            r"is $m$? The bootstrap answers by resampling: a resample $\tilde{\mathbf{x}}$ draws $n$ values from "
            r"$x_{1}$, ..., $x_{n}$ uniformly with replacement (the empirical distribution, with mean $m$ and "
            r"plug-in variance $s^{2} = (1/n) \sum_{i} (x_{i} - m)^{2}$), and its mean $m_{b}$ varies from "
            r"resample to resample. The percentile interval $[\ell, u]$ takes the $\alpha /2$ and $1 - \alpha /2$ "
            r"quantiles of $m_{b}$ over $B$ resamples. Show that $\mathbb{E}_{b} m_{b} = m$, that the interval covers $\mu$ "
            r"with probability close to $1 - \alpha$ (the central limit theorem of central-limit, applied to the "
            r"resample), and compute the bootstrap variance of the mean exactly: $\operatorname{Var}_{b} m_{b} = "
            r"s^{2} / n$."
        ),
        givens=(
            Given(x, "observed sample (e.g. per-example test scores)"),
            Given(
                resample,
                r"a bootstrap resample: $n$ independent uniform draws from the entries of $\mathbf{x}$",
                law=empirical,
            ),
            Given(mu, "the population mean the interval is for"),
            Given(sigma, "population standard deviation (for the coverage simulation)", POSITIVE),
            Given(alpha, "$1$ - confidence level", PROBABILITY),
            Given(low, r"lower end of the percentile interval: the $\alpha /2$ quantile of $m_{b}$ over $B$ resamples"),
            Given(high, r"upper end: the $1 - \alpha /2$ quantile of $m_{b}$ over $B$ resamples"),
        ),
        start=expectation(sample_mean(resample), law),
        steps=(
            Step(xbar, r"each resampled value has mean $(1/n) \sum_{i} x_{i} = m$ under the empirical distribution"),
            Step(
                1 - alpha,
                (
                    r"the bootstrap principle: $m_{b} - m$ given the data mimics $m - \mu$, and $m_{b}$ is approximately "
                    r"$\mathcal{N}(m, s^{2} / n)$ by the central limit theorem, so its quantiles are about $m \mp z s / "
                    r"\sqrt{n}$ and the interval covers $\mu$ with probability $1 - \alpha + O(1/n)$; checked by "
                    r"simulating the percentile interval (Monte Carlo coverage)"
                ),
                STATES,
                states="approx",
                checked_by=2,
                start=probability(covered),
            ),
            Step(
                expectation(sum_entries(lambda t: t - xbar, resample) ** 2, law) / n**2,
                r"$m_{b} - m = (1/n) \sum_{j} (\tilde{x}_{j} - m)$; the constant $1/n^{2}$ leaves $\mathbb{E}_{b}$",
                start=expectation((sample_mean(resample) - xbar) ** 2, law),
            ),
            Step(
                expectation(sum_entries(lambda t: (t - xbar) ** 2, resample), law) / n**2,
                "expand the square: cross terms vanish, the resampled draws are independent with mean $m$",
            ),
            Step(
                result,
                (
                    r"each resampled draw has variance $s^{2} = (1/n) \sum_{i} (x_{i} - m)^{2}$ (the plug-in variance, "
                    r"divided by $n$, not $n - 1$): $\operatorname{Var}_{b} m_{b} = s^{2} / n$"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"$\operatorname{Var}_{b} m_{b}$ by enumerating all $5^{5} = 3125$ equally likely resamples $(n = 5)$ "
                    r"equals $s^{2} / n$"
                ),
                lhs=bootstrap_variance(x),
                rhs=result,
                sizes=((n, 5),),
                trials=16,
            ),
            MonteCarloRate(
                label=(
                    f"the percentile interval ($B = {RESAMPLES}$ resamples) covers $\\mu$ in {100 * (1 - ALPHA):.0f}\\% of "
                    f"{EXPERIMENTS} simulated normal samples of $n = {COVERAGE_N}$, within {SLACK} "
                    f"(its $O(1/n)$ under-coverage), and refuses the coverage {RIVAL}; a correct claim fails fewer "
                    "than 1 in $10^{6}$ runs"
                ),
                integrand=covers,
                claim=1 - alpha,
                rival=sp.Float(RIVAL),
                slack=SLACK,
                draws=((x, normal(mu, sigma)), (indices, resample_indices(n))),
                where=((alpha, sp.Float(ALPHA)),),
                extra=(Given(indices, "resample indices, one column per bootstrap resample"),),
                sizes=((n, COVERAGE_N), (b, RESAMPLES)),
                samples=EXPERIMENTS,
            ),
        ),
        references=(
            Reference("Efron & Tibshirani, An Introduction to the Bootstrap", "chapters 5 (standard error) and 13"),
            Reference("Wasserman, All of Statistics", "chapter 8 (the bootstrap), section 8.3"),
        ),
        tags=("bootstrap", "confidence interval", "resampling", "model evaluation"),
        notes=(
            r"The bootstrap variance uses the plug-in variance (divide by $n$): with the unbiased $s^{2}$ (divide "
            r"by $n - 1$) the identity fails, and the enumeration check refutes it. The symbolic checker computes "
            r"$\mathbb{E}_{b}$ exactly from the empirical distribution's moments at $n = 3$ (the size it "
            r"instantiates). One numeric check enumerates all $5^{5}$ resamples of random data ($n = 5$); the other "
            f"simulates {EXPERIMENTS} normal samples of $n = {COVERAGE_N}$ per trial, each with $B = {RESAMPLES}$ "
            "resamples."
        ),
        sizes=((n, 3),),
    )

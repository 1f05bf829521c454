"""The bias-variance decomposition of the expected squared error."""

import sympy as sp

from derive import (
    POSITIVE,
    STATES,
    Derivation,
    Given,
    MonteCarlo,
    Reference,
    Step,
    normal,
    scalar,
    uniform,
)


def derivation() -> Derivation:
    f, m = scalar("f"), scalar("m")
    s, tau = scalar("s", POSITIVE), scalar("tau", POSITIVE)
    eps, eta = scalar("epsilon"), scalar("eta")
    target = f + s * eps  # y = f(x0) + noise
    estimate = m + tau * eta  # the learned prediction f_hat(x0), random through the training set
    squared_error = (target - estimate) ** 2
    result = (m - f) ** 2 + tau**2 + s**2
    root3 = sp.sqrt(3)
    return Derivation(
        id="bias-variance",
        title="Bias-variance decomposition of the expected squared error",
        topic="models",
        statement=(
            r"At a test input $x_{0}$ the target is $y = f(x_{0}) + s \epsilon$, with noise $\epsilon$ of mean "
            r"$0$ and variance $1$. A model trained on a random training set predicts $\hat{f} (x_{0}) = m + \tau "
            r"\eta$, where $m = \mathbb{E} \hat{f} (x_{0})$ and $\eta$ (mean $0$, variance $1$) is independent "
            r"of $\epsilon$: $\tau^{2}$ is the variance of the prediction over training sets. Show that "
            r"$\mathbb{E} (y - \hat{f} (x_{0}))^{2}$ = bias$^2$ + variance + noise, with bias = $m - f(x_{0})$, "
            r"variance = $\tau^{2}$ and noise = $s^{2}$. (Write $f$ for $f(x_{0})$.)"
        ),
        givens=(
            Given(f, "the true function's value $f(x_{0})$"),
            Given(m, r"the mean prediction $\mathbb{E} \hat{f} (x_{0})$ over training sets"),
            Given(tau, "standard deviation of the prediction over training sets", POSITIVE),
            Given(s, "standard deviation of the label noise", POSITIVE),
            Given(eps, "standardised label noise (mean $0$, variance $1$)"),
            Given(
                eta, r"standardised fluctuation of the prediction (mean $0$, variance $1$), independent of $\epsilon$"
            ),
        ),
        start=squared_error,
        steps=(
            Step(
                sp.Add(
                    (f - m) ** 2,
                    s**2 * eps**2,
                    tau**2 * eta**2,
                    2 * (f - m) * s * eps,
                    -2 * (f - m) * tau * eta,
                    -2 * s * tau * eps * eta,
                    evaluate=False,
                ),
                r"write $y - \hat{f} = (f - m) + s \epsilon - \tau \eta$ and expand the square",
            ),
            Step(
                sp.Add((f - m) ** 2, s**2, tau**2, evaluate=False),
                (
                    r"take the expectation over the noise and the training set: $\mathbb{E} \epsilon = \mathbb{E} \eta "
                    r"= 0$, $\mathbb{E} \epsilon^{2} = \mathbb{E} \eta^{2} = 1$, and $\mathbb{E} [\epsilon \eta] = "
                    r"\mathbb{E} \epsilon \mathbb{E} \eta = 0$ by independence, so every cross term vanishes (the Monte "
                    r"Carlo check covers this)"
                ),
                STATES,
                states="expectation",
                checked_by=1,
            ),
            Step(
                result,
                (
                    r"name the terms: bias$^2 = (\mathbb{E} \hat{f} - f)^{2} = (m - f)^{2}$, variance = $\tau^{2}$, "
                    r"irreducible noise = $s^{2}$"
                ),
            ),
        ),
        checks=(
            MonteCarlo(
                label=(
                    r"$\mathbb{E} (y - \hat{f})^{2}$ vs bias$^2$ + variance + noise; $\epsilon \sim \mathcal{N}(0, 1)$, "
                    r"$\eta \sim U(-\sqrt{3}, \sqrt{3})$"
                ),
                integrand=squared_error,
                claim=result,
                draws=((eps, normal(sp.Integer(0), sp.Integer(1))), (eta, uniform(-root3, root3))),
                samples=400_000,
            ),
            MonteCarlo(
                label=r"the same where the noise dominates $(m = f, \tau = s /4)$, so that a noise term $2\%$ off is refused",
                integrand=squared_error,
                claim=result,
                draws=((eps, normal(sp.Integer(0), sp.Integer(1))), (eta, uniform(-root3, root3))),
                where=((m, f), (tau, s / 4)),
                samples=600_000,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 3.2, eqs. 3.37-3.41"),
            Reference("Hastie, Tibshirani, Friedman: The Elements of Statistical Learning", "section 7.3, eq. 7.9"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 5.4.4, eq. 5.54"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 6.4.4"),
        ),
        tags=("bias", "variance", "generalisation", "expectation"),
        notes=(
            r"Only the first two moments of $\epsilon$ and $\eta$ enter, so the decomposition holds for any "
            r"distribution: the check draws the prediction's fluctuation from a uniform distribution on purpose. "
            r"Regularisation typically trades a larger bias ($m$ further from $f$) for a smaller variance "
            r"$\tau^{2}$."
        ),
    )

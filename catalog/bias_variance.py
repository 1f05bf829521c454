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
            "At a test input x0 the target is y = f(x0) + s epsilon, with noise epsilon of mean 0 and variance 1. "
            "A model trained on a random training set predicts f_hat(x0) = m + tau eta, where m = E f_hat(x0) and "
            "eta (mean 0, variance 1) is independent of epsilon: tau^2 is the variance of the prediction over "
            "training sets. Show that E(y - f_hat(x0))^2 = bias^2 + variance + noise, with bias = m - f(x0), "
            "variance = tau^2 and noise = s^2. (Write f for f(x0).)"
        ),
        givens=(
            Given(f, "the true function's value f(x0)"),
            Given(m, "the mean prediction E f_hat(x0) over training sets"),
            Given(tau, "standard deviation of the prediction over training sets", POSITIVE),
            Given(s, "standard deviation of the label noise", POSITIVE),
            Given(eps, "standardised label noise (mean 0, variance 1)"),
            Given(eta, "standardised fluctuation of the prediction (mean 0, variance 1), independent of epsilon"),
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
                "write y - f_hat = (f - m) + s epsilon - tau eta and expand the square",
            ),
            Step(
                sp.Add((f - m) ** 2, s**2, tau**2, evaluate=False),
                "take the expectation over the noise and the training set: E epsilon = E eta = 0, "
                "E epsilon^2 = E eta^2 = 1, and E[epsilon eta] = E epsilon E eta = 0 by independence, so every "
                "cross term vanishes (the Monte Carlo check covers this)",
                STATES,
                states="expectation",
                checked_by=1,
            ),
            Step(
                result,
                "name the terms: bias^2 = (E f_hat - f)^2 = (m - f)^2, variance = tau^2, irreducible noise = s^2",
            ),
        ),
        checks=(
            MonteCarlo(
                label="E(y - f_hat)^2 vs bias^2 + variance + noise; epsilon ~ N(0, 1), eta ~ U(-sqrt 3, sqrt 3)",
                integrand=squared_error,
                claim=result,
                draws=((eps, normal(sp.Integer(0), sp.Integer(1))), (eta, uniform(-root3, root3))),
                samples=400_000,
            ),
            MonteCarlo(
                label="the same where the noise dominates (m = f, tau = s/4), so that a noise term 2% off is refused",
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
            "Only the first two moments of epsilon and eta enter, so the decomposition holds for any distribution: "
            "the check draws the prediction's fluctuation from a uniform distribution on purpose. Regularisation "
            "typically trades a larger bias (m further from f) for a smaller variance tau^2."
        ),
    )

"""The Gaussian integral: the integral of exp(-x^2 / (2 sigma^2)) over the real line is sigma sqrt(2 pi)."""

import sympy as sp

from derive import (
    POSITIVE,
    Derivation,
    Given,
    IdentityCheck,
    MonteCarlo,
    Reference,
    Step,
    exp,
    quadrature,
    scalar,
    sqrt,
    uniform,
)


def derivation() -> Derivation:
    sigma = scalar("sigma", POSITIVE)
    x, y = scalar("x"), scalar("y")
    r, theta = scalar("r", POSITIVE), scalar("theta")
    oo = sp.oo
    bump = exp(-(x**2) / (2 * sigma**2))
    integral = sp.Integral(bump, (x, -oo, oo))
    radial = r * exp(-(r**2) / (2 * sigma**2))
    result = sigma * sqrt(2 * sp.pi)
    width = 6  # the Monte Carlo window [-6 sigma, 6 sigma] leaves out a mass below 2e-9 of the total
    return Derivation(
        id="gaussian-integral",
        title="The Gaussian integral",
        topic="calculus",
        statement=(
            r"Compute $I$ = integral over the real line of $\exp(-x^{2} / (2 \sigma^{2})) d x$ for $\sigma > 0$, "
            r"the normalising constant of the normal density. The integrand has no elementary antiderivative: "
            r"square $I$, write $I^{2}$ as an integral over the plane and change to polar coordinates."
        ),
        givens=(Given(sigma, r"the width (standard deviation), $\sigma > 0$", POSITIVE),),
        start=integral,
        steps=(
            Step(
                sqrt(sp.Integral(exp(-(x**2 + y**2) / (2 * sigma**2)), (x, -oo, oo), (y, -oo, oo))),
                (
                    r"$I > 0$, so $I = \sqrt{I^{2}}$, and $I^{2} = (\int e^{-x^{2}/2\sigma^{2}}\,dx)(\int "
                    r"e^{-y^{2}/2\sigma^{2}}\,dy)$ is a double integral over the plane (Fubini, the integrand is positive)"
                ),
            ),
            Step(
                sqrt(sp.Integral(radial, (r, 0, oo), (theta, 0, 2 * sp.pi))),
                (
                    r"polar coordinates $x = r\cos\theta$, $y = r\sin\theta$: $x^{2} + y^{2} = r^{2}$ and $dx\,dy = "
                    r"r\,dr\,d\theta$"
                ),
            ),
            Step(
                sqrt(2 * sp.pi * sp.Integral(radial, (r, 0, oo))),
                r"the integrand does not depend on $\theta$: the $\theta$ integral is $2 \pi$",
            ),
            Step(
                sp.Pow(2 * sp.pi * sigma**2, sp.Rational(1, 2), evaluate=False),
                (
                    r"substitute $u = r^{2} / (2 \sigma^{2})$, $du = r\,dr / \sigma^{2}$: $\int_{0}^{\infty} \sigma^{2} "
                    r"e^{-u}\,du = \sigma^{2}$"
                ),
            ),
            Step(result, r"$\sqrt{\sigma^{2}} = \sigma$ because $\sigma > 0$"),
        ),
        checks=(
            IdentityCheck(
                label=r"Gauss-Legendre quadrature of the integrand over the real line equals $\sigma\sqrt{2\pi}$",
                lhs=quadrature(bump, x, -oo, oo),
                rhs=result,
                tolerance=1e-10,
            ),
            IdentityCheck(
                label=(
                    r"quadrature of the radial integral: $2\pi \int_{0}^{\infty} r e^{-r^{2}/2\sigma^{2}}\,dr = I^{2}$"
                ),
                lhs=2 * sp.pi * quadrature(radial, r, 0, oo),
                rhs=result**2,
                tolerance=1e-10,
            ),
            MonteCarlo(
                label=rf"Monte Carlo: $x$ uniform on $[-{width}\sigma, {width}\sigma]$, the mean of ${2 * width}\sigma$ "
                "times the integrand",
                integrand=2 * width * sigma * bump,
                claim=result,
                draws=((x, uniform(-width * sigma, width * sigma)),),
                samples=600_000,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "exercise 1.7 (eqs. 1.48-1.49)"),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 6.5 (Gaussian distribution)"
            ),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 3.9.3, eq. 3.21"),
        ),
        tags=("integral", "gaussian", "polar coordinates", "normalisation"),
        notes=(
            r"So $\mathcal{N}(x \mid \mu, \sigma^{2}) = \exp(-(x - \mu)^{2} / (2 \sigma^{2})) / (\sigma "
            r"\sqrt{2\pi})$ integrates to $1$. The symbolic checker evaluates each integral with SymPy; the "
            r"numeric checks integrate the original integrand independently, by quadrature over the real line, "
            r"and by Monte Carlo on $[-6\sigma, 6\sigma]$, whose tails hold about $2 \cdot 10^{-9}$ of the total, "
            r"far below the Monte Carlo check's resolution."
        ),
    )

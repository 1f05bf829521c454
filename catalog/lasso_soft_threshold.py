"""The one-dimensional lasso: subgradients give the soft-thresholding operator."""

import sympy as sp

from derive import (
    PROBABILITY,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Inequality,
    Reference,
    Step,
    argmin,
    grad,
    relu,
    scalar,
    sign,
)


def derivation() -> Derivation:
    x, z, u, t = scalar("x"), scalar("z"), scalar("u"), scalar("t")
    lam = scalar("lambda", PROBABILITY)
    half = sp.Rational(1, 2)

    def objective(at):
        return half * (at - z) ** 2 + lam * sp.Abs(at)

    cases = sp.Max(z - lam, 0) + sp.Min(z + lam, 0)
    result = relu(z - lam) - relu(-z - lam)
    spread = {
        "where": ((z, 3 * u),),
        "extra": (Given(u, "standard normal; $z = 3u$ spreads $z$ over all three cases"),),
    }
    return Derivation(
        id="lasso-soft-threshold",
        title="The lasso in one dimension: soft thresholding",
        topic="optimization",
        statement=(
            r"Minimise $f(x) = \tfrac{1}{2} (x - z)^{2} + \lambda |x |$ over a real $x$, for a given $z$ and "
            r"$\lambda > 0$ (the lasso with one feature, and the proximal operator of $\lambda |x |$). $|x |$ has "
            r"no derivative at $0$, so use subgradients: $x^{\star}$ is optimal iff $0$ is in the subdifferential "
            r"$x^{\star} - z + \lambda \partial |x^{\star}|$, where $\partial |x| = \{\operatorname{sign} x\}$ for $x \neq 0$ and "
            r"$\partial |x| = [-1, 1]$ at $x = 0$. Solve the three cases and combine them."
        ),
        givens=(
            Given(z, "the point being shrunk (the least-squares estimate)"),
            Given(
                lam,
                (
                    r"penalty weight; taking it in $(0, 1)$ loses nothing, since the problem is scale-free: with $x$ and "
                    r"$z$ divided by $\lambda$ it becomes the problem with $\lambda = 1$"
                ),
                PROBABILITY,
            ),
            Given(x, "the variable"),
        ),
        start=grad(objective(x), x),
        steps=(
            Step(
                x - z + lam * sign(x),
                r"away from $x = 0$, $d |x |/d x = \operatorname{sign}(x)$: the subdifferential is this one value",
            ),
            Step(
                Equation(x, z - lam),
                (
                    r"case $x > 0 (\operatorname{sign} x = 1)$: $x - z + \lambda = 0$; the solution is positive exactly "
                    r"when $z > \lambda$"
                ),
                SOLVES,
                start=x - z + lam,
            ),
            Step(
                Equation(x, z + lam),
                (
                    r"case $x < 0 (\operatorname{sign} x = -1)$: $x - z - \lambda = 0$; the solution is negative exactly "
                    r"when $z < -\lambda$"
                ),
                SOLVES,
                start=x - z - lam,
            ),
            Step(
                Equation(x, sp.Integer(0)),
                (
                    r"case $x = 0$: $0$ is in the subdifferential $-z + \lambda [-1, 1]$ at $0$ exactly when $|z | \leq "
                    r"\lambda$, so $x^{\star} = 0$ for every $z$ in $[-\lambda, \lambda]$ (the dead zone); the three cases "
                    r"cover every $z$ once"
                ),
                STATES,
                checked_by=4,
                start=x,
            ),
            Step(
                result,
                (
                    r"the three cases in one formula: $\max(z - \lambda, 0)$ is $z - \lambda$ for $z > \lambda$ and $0$ "
                    r"otherwise, $\min(z + \lambda, 0)$ is $z + \lambda$ for $z < -\lambda$ and $0$ otherwise; and "
                    r"$\min(a, 0) = -\max(-a, 0)$, so $x^{\star} = \operatorname{ReLU} (z - \lambda) - \operatorname{ReLU} "
                    r"(-z - \lambda) = \operatorname{sign} (z) \max(|z | - \lambda, 0)$"
                ),
                start=cases,
            ),
        ),
        checks=(
            IdentityCheck(
                label=r"the closed form equals a numeric minimiser of $f$ (bisection on the sign of \texttt{jax.grad})",
                lhs=argmin(objective(x), x, -sp.Abs(z) - 1, sp.Abs(z) + 1),
                rhs=result,
                trials=128,
                **spread,
            ),
            IdentityCheck(
                label=(
                    r"$\operatorname{ReLU} (z - \lambda) - \operatorname{ReLU} (-z - \lambda) = \operatorname{sign} (z) "
                    r"\max(|z | - \lambda, 0)$"
                ),
                lhs=result,
                rhs=sign(z) * sp.Max(sp.Abs(z) - lam, 0),
                trials=128,
                **spread,
            ),
            Inequality(
                label=r"$0$ is a subgradient at $x^{\star}$: $f(x^{\star}) \leq f(t)$ for random $t$",
                lesser=objective(result),
                greater=objective(t),
                where=((z, 3 * u),),
                extra=(*spread["extra"], Given(t, "a competing point")),
                trials=256,
            ),
            IdentityCheck(
                label=r"in the dead zone $|z | \leq \lambda$ the numeric minimiser of $f$ is $0$",
                lhs=x,
                rhs=sp.Integer(0),
                where=((z, lam * sp.tanh(u)), (x, argmin(objective(x), x, -sp.Abs(z) - 1, sp.Abs(z) + 1))),
                extra=spread["extra"],
                trials=64,
            ),
        ),
        references=(
            Reference("Parikh & Boyd, Proximal Algorithms", "section 6.5.2 (l1 norm: soft thresholding)"),
            Reference("Hastie, Tibshirani, Friedman: The Elements of Statistical Learning", "section 3.4.3, eq. 3.49"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 6.3.2 (l1-regularized approximation)"),
        ),
        tags=("subgradient", "lasso", "proximal operator"),
        notes=(
            r"The symbolic checker proves the combination of the cases with $\operatorname{ReLU}$; the equivalent "
            r"form $\operatorname{sign}(z) \max(|z | - \lambda, 0)$ is checked numerically (SymPy cannot "
            r"simplify sign times $\max$)."
        ),
    )

"""Gradient descent on (x - 3)^2: the error contracts by 1 - 2 eta per step; it converges iff 0 < eta < 1."""

import sympy as sp

from derive import (
    POSITIVE,
    PROBABILITY,
    STATES,
    Derivation,
    Given,
    Inequality,
    Iterate,
    Reference,
    Step,
    absolute,
    grad,
    scalar,
    scalar_of,
    sign,
)

STEPS = 20


def derivation() -> Derivation:
    x, x0, eta = scalar("x"), scalar("x0"), scalar("eta", POSITIVE)
    k, j = sp.Symbol("k", integer=True, nonnegative=True), sp.Symbol("j", integer=True, positive=True)
    u = scalar("u", PROBABILITY)
    f = (x - 3) ** 2
    update = x - eta * scalar_of(grad(f, x))  # one gradient-descent step, f' by JAX autodiff
    rate = 1 - 2 * eta
    result = 3 + rate**k * (x0 - 3)

    def iterates(label, learning_rate):
        return Iterate(
            label=label,
            state=((x, x0),),
            update=((x, update),),
            counter=k,
            steps=STEPS,
            claim=result,
            where=((eta, learning_rate),),
            trials=16,
        )

    return Derivation(
        id="gd-quadratic",
        title="Gradient descent on a one-dimensional quadratic",
        topic="calculus",
        statement=(
            r"Run gradient descent $x_{k +1} = x_{k} - \eta f'(x_{k})$ on $f(x) = (x - 3)^{2}$ from a starting "
            r"point $x_{0}$ with learning rate $\eta$. Show that the error $x_{k} - 3$ is multiplied by the same "
            r"factor at every step, find $x_{k}$ in closed form, and find the learning rates for which the "
            r"iterates converge to the minimiser $3$ (try $\eta = 0.1$, $0.9$ and $1.1$)."
        ),
        givens=(
            Given(x, "the current iterate $x_{k}$"),
            Given(x0, "the starting point"),
            Given(eta, "the learning rate", POSITIVE),
            Given(k, "the number of steps taken (a whole number)"),
        ),
        start=update - 3,
        steps=(
            Step(x - 2 * eta * (x - 3) - 3, "$f'(x) = 2(x - 3)$"),
            Step(
                rate * (x - 3),
                (
                    r"collect the terms in $x - 3$: $x_{k +1} - 3 = (1 - 2 \eta)(x_{k} - 3)$, the same factor at every "
                    r"step"
                ),
            ),
            Step(
                sp.StrictLessThan(sp.Abs(rate), 1),
                (
                    r"so $|x_{k} - 3| = |1 - 2 \eta |^{k} |x_{0} - 3|$, which tends to $0$ exactly when $|1 - 2 \eta | < "
                    r"1$, i.e. $0 < \eta < 1$: monotonically for $\eta < \tfrac{1}{2}$, in one step at $\eta = "
                    r"\tfrac{1}{2}$, oscillating for $\tfrac{1}{2} < \eta < 1$; for $\eta > 1$ the error grows ($\eta = "
                    r"1$ bounces between $x_{0}$ and $6 - x_{0}$). Checked numerically: $300$ steps with $\eta$ in $(0, "
                    r"1)$ reach $3$, and with $\eta$ in $(1, 2)$ every iterate is farther from $3$ than $x_{0}$"
                ),
                STATES,
                checked_by=(6, 7),
            ),
            Step(
                result,
                r"unroll the recursion from $x_{0}$: each of the $k$ steps multiplies the error by $1 - 2 \eta$",
                start=3 + sp.Product(rate, (j, 1, k)) * (x0 - 3),
            ),
        ),
        checks=(
            iterates(
                r"$\eta = 0.1$: 20 JAX gradient-descent iterates equal $3 + 0.8^{k} (x_{0} - 3)$", sp.Rational(1, 10)
            ),
            iterates(r"$\eta = 0.9$: the iterates oscillate in, $3 + (-0.8)^{k} (x_{0} - 3)$", sp.Rational(9, 10)),
            iterates(r"$\eta = 1.1$: the iterates diverge, $3 + (-1.2)^{k} (x_{0} - 3)$", sp.Rational(11, 10)),
            Iterate(
                label=r"$\eta$ uniform in $(0, 1)$: after $300$ steps the iterate is at the minimiser $3$",
                state=((x, x0),),
                update=((x, update),),
                steps=300,
                first=300,
                claim=sp.Integer(3),
                where=((eta, u),),
                extra=(Given(u, "a learning rate in $(0, 1)$", PROBABILITY),),
                tolerance=1e-9,
            ),
            Iterate(
                label=(
                    r"$\eta$ uniform in $(1, 2)$: every iterate is farther from $3$ than $x_{0} (\operatorname{sign} "
                    r"(|x_{k} - 3| - |x_{0} - 3|) = 1)$"
                ),
                state=((x, x0),),
                update=((x, update),),
                steps=STEPS,
                first=1,
                observe=sign(absolute(x - 3) - absolute(x0 - 3)),
                claim=sp.Integer(1),
                where=((eta, 1 + u),),
                extra=(Given(u, "a learning rate in $(1, 2)$, minus $1$", PROBABILITY),),
            ),
            Inequality(
                label=r"the condition $|1 - 2 \eta | < 1$ holds for $\eta$ uniform in $(0, 1)$, where the iterates converge",
                lesser=sp.Abs(rate),
                greater=sp.Integer(1),
                where=((eta, u),),
                extra=(Given(u, "a learning rate in $(0, 1)$", PROBABILITY),),
            ),
            Inequality(
                label=r"and fails $(|1 - 2 \eta | \geq 1)$ for $\eta$ uniform in $(1, 2)$, where they do not",
                lesser=sp.Integer(1),
                greater=sp.Abs(rate),
                where=((eta, 1 + u),),
                extra=(Given(u, "a learning rate in $(1, 2)$, minus $1$", PROBABILITY),),
            ),
        ),
        references=(
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 4.3 (gradient-based optimization)"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 9.3 (gradient descent method)"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 7.1.1 (step size)"),
        ),
        tags=("gradient descent", "learning rate", "convergence", "iterates"),
        notes=(
            r"$f'' = 2$ is the curvature $L$; the rule $0 < \eta < 2/L$ for a quadratic (gd-quadratic-rate) gives "
            r"$0 < \eta < 1$ here, and $\eta = 1/L = \tfrac{1}{2}$ is the step that lands on the minimiser at "
            r"once."
        ),
    )

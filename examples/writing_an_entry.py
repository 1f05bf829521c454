"""The example entry of docs/writing-an-entry.md, "How to write a row, a justification and an
intermediate": every code block of that section is quoted from this file, and
tests/test_catalog_doc.py checks it both ways as `derive check` would."""

import sympy as sp

from derive import (
    POSITIVE,
    SOLVES,
    STATES,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Inequality,
    Intermediate,
    Stated,
    Step,
    grad,
    scalar,
)


def derivation() -> Derivation:
    a, b, x = scalar("a", POSITIVE), scalar("b"), scalar("x")
    x_star = scalar("x^{*}")
    f = a * x**2 - 2 * b * x
    minimiser = Intermediate(x_star, b / a, "the minimiser")
    return Derivation(
        id="quadratic-minimum",
        title="The minimum of a one-dimensional quadratic",
        topic="calculus",
        statement=r"Minimise $f(x) = a x^{2} - 2 b x$ over $x$ for $a > 0$, and find its smallest value.",
        givens=(
            Given(a, "the curvature", POSITIVE),
            Given(b, "the linear coefficient"),
            Given(x, "the variable"),
        ),
        start=grad(f, x),
        steps=(
            Step(2 * a * x - 2 * b, r"differentiate term by term: $\frac{d}{dx} a x^{2} = 2 a x$"),
            Step(Equation(x, x_star), r"set the derivative to zero and solve; $a > 0$, so $f$ is convex", SOLVES),
            Step(a * x_star**2 - 2 * b * x_star, "substitute the minimiser", start=f, using=(Equation(x, x_star),)),
            Step(
                sp.Add(
                    sp.Mul(a, sp.Pow(b / a, 2, evaluate=False), evaluate=False),
                    sp.Mul(-2, b, b / a, evaluate=False),
                    evaluate=False,
                ),
                r"write out $x^{*} = b/a$",
            ),
            Step(-(b**2) / a, r"$a (b/a)^{2} = b^{2}/a$, and $b^{2}/a - 2 b^{2}/a = -b^{2}/a$"),
            Step(
                -(b**2) / a,
                r"a convex function lies above its minimum: $f(x) \geq f(x^{*})$ for every $x$",
                STATES,
                start=f,
                states=">=",
                checked_by=1,
            ),
        ),
        checks=(
            Inequality(label=r"$f(x) \geq -b^{2}/a$ at random $x$", lesser=-(b**2) / a, greater=f),
            IdentityCheck(label=r"$f(b/a) = -b^{2}/a$", lhs=f.subs(x, b / a), rhs=-(b**2) / a),
        ),
        results=(Equation(x, x_star), Stated(f, ">=", -(b**2) / a)),
        intermediates=(minimiser,),
    )

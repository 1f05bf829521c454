"""Projection of a vector onto a line: the best multiple of a, and the orthogonal residual."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SOLVES,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Reference,
    Stationary,
    Step,
    dims,
    grad,
    lstsq,
    norm_sq,
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    a, b = vector("a", d), vector("b", d)
    t = scalar("t")
    loss = norm_sq(b - t * a)
    aa, ab = scalar_of(a.T * a), scalar_of(a.T * b)
    best = ab / aa
    residual = b - best * a
    return Derivation(
        id="projection-onto-vector",
        title="Projection onto a vector",
        topic="linear-algebra",
        statement=(
            "Project b onto the line spanned by a nonzero vector a: find the multiple t a closest to b, i.e. "
            "minimise f(t) = ||b - t a||^2 over the scalar t. Show that the minimiser is t* = a^T b / a^T a and "
            "that the residual b - t* a is orthogonal to a."
        ),
        givens=(
            Given(a, "direction of the line (nonzero)"),
            Given(b, "vector to project"),
            Given(t, "coefficient along a"),
        ),
        start=scalar_of(a.T * residual),
        steps=(
            Step(ab - best * aa, "distribute a^T over the residual b - t* a"),
            Step(sp.Integer(0), "(a^T b / a^T a) a^T a = a^T b: the residual is orthogonal to a"),
            Step(
                -2 * a.T * (b - t * a),
                "chain rule: d/dt (b - ta)^T (b - ta) = 2 (b - ta)^T (-a)",
                start=grad(loss, t),
            ),
            Step(2 * t * aa - 2 * ab, "expand: a^T (t a) = t a^T a"),
            Step(
                Equation(aa * t, ab),
                "f is a convex quadratic in t (f'' = 2 a^T a > 0), so its minimum is where f'(t) = 0",
                EQUIVALENT,
                factor=sp.Integer(2),
            ),
            Step(Equation(t, best), "divide by a^T a > 0 (a is nonzero)", SOLVES, nonzero=(aa,)),
        ),
        checks=(
            Stationary(
                label="jax.grad of ||b - ta||^2 vanishes at t* = a^T b / a^T a, second derivative > 0",
                objective=loss,
                at=((t, best),),
                wrt=(t,),
                second_order="min",
            ),
            IdentityCheck(
                label="t* equals a least-squares solver on the one-column system a t = b", lhs=best, rhs=lstsq(a, b)
            ),
            IdentityCheck(
                label="the residual b - t* a is orthogonal to a", lhs=scalar_of(a.T * residual), rhs=sp.Integer(0)
            ),
        ),
        references=(
            Reference("Strang, Introduction to Linear Algebra", "section 4.2, projection onto a line"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 3.8.1, eqs. 3.39-3.44"),
            Reference("Boyd & Vandenberghe, Introduction to Applied Linear Algebra (VMLS)", "section 3.4 (projection)"),
        ),
        tags=("projection", "least squares", "orthogonality"),
        notes="The projection itself is p = (a^T b / a^T a) a = (a a^T / a^T a) b: a rank-one projection matrix.",
    )

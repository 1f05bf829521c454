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
            r"Project $\mathbf{b}$ onto the line spanned by a nonzero vector $\mathbf{a}$: find the multiple "
            r"$t \mathbf{a}$ closest to $\mathbf{b}$, i.e. minimise $f(t) = \|\mathbf{b} - t \mathbf{a} \|^{2}$ over "
            r"the scalar $t$. Show that the minimiser is $t^{\star} = \mathbf{a}^{\top} \mathbf{b} / \mathbf{a}^{\top} "
            r"\mathbf{a}$ and that the residual $\mathbf{b} - t^{\star} \mathbf{a}$ is orthogonal to $\mathbf{a}$."
        ),
        givens=(
            Given(a, "direction of the line (nonzero)"),
            Given(b, "vector to project"),
            Given(t, r"coefficient along $\mathbf{a}$"),
        ),
        start=scalar_of(a.T * residual),
        steps=(
            Step(
                sp.Add(ab, -sp.Mul(best, aa, evaluate=False), evaluate=False),
                r"distribute $\mathbf{a}^{\top}$ over the residual $\mathbf{b} - t^{\star} \mathbf{a}$",
            ),
            Step(
                sp.Integer(0),
                (
                    r"$(\mathbf{a}^{\top} \mathbf{b} / \mathbf{a}^{\top} \mathbf{a}) \mathbf{a}^{\top} \mathbf{a} = "
                    r"\mathbf{a}^{\top} \mathbf{b}$: the residual is orthogonal to $\mathbf{a}$"
                ),
            ),
            Step(
                -2 * a.T * (b - t * a),
                (
                    r"chain rule: $\frac{d}{dt} (\mathbf{b} - t \mathbf{a})^{\top} (\mathbf{b} - t \mathbf{a}) = 2 "
                    r"(\mathbf{b} - t \mathbf{a})^{\top} (-\mathbf{a})$"
                ),
                start=grad(loss, t),
            ),
            Step(2 * t * aa - 2 * ab, r"expand: $\mathbf{a}^{\top} (t \mathbf{a}) = t \mathbf{a}^{\top} \mathbf{a}$"),
            Step(
                Equation(aa * t, ab),
                (
                    r"$f$ is a convex quadratic in $t$ ($f'' = 2 \mathbf{a}^{\top} \mathbf{a} > 0$), so its minimum is "
                    r"where $f'(t) = 0$"
                ),
                EQUIVALENT,
                factor=sp.Integer(2),
            ),
            Step(
                Equation(t, best),
                r"divide by $\mathbf{a}^{\top} \mathbf{a} > 0$ ($\mathbf{a}$ is nonzero)",
                SOLVES,
                nonzero=(aa,),
            ),
        ),
        checks=(
            Stationary(
                label=(
                    r"\texttt{jax.grad} of $\|\mathbf{b} - t \mathbf{a} \|^{2}$ vanishes at $t^{\star} = "
                    r"\mathbf{a}^{\top} \mathbf{b} / \mathbf{a}^{\top} \mathbf{a}$, second derivative $> 0$"
                ),
                objective=loss,
                at=((t, best),),
                wrt=(t,),
                second_order="min",
            ),
            IdentityCheck(
                label=r"$t^{\star}$ equals a least-squares solver on the one-column system $\mathbf{a} t = \mathbf{b}$",
                lhs=best,
                rhs=lstsq(a, b),
            ),
            IdentityCheck(
                label=r"the residual $\mathbf{b} - t^{\star} \mathbf{a}$ is orthogonal to $\mathbf{a}$",
                lhs=scalar_of(a.T * residual),
                rhs=sp.Integer(0),
            ),
        ),
        references=(
            Reference("Strang, Introduction to Linear Algebra", "section 4.2, projection onto a line"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 3.8.1, eqs. 3.39-3.44"),
            Reference("Boyd & Vandenberghe, Introduction to Applied Linear Algebra (VMLS)", "section 3.4 (projection)"),
        ),
        tags=("projection", "least squares", "orthogonality"),
        notes=(
            r"The projection itself is $\mathbf{p} = (\mathbf{a}^{\top} \mathbf{b} / \mathbf{a}^{\top} \mathbf{a}) "
            r"\mathbf{a} = (\mathbf{a} \mathbf{a}^{\top} / \mathbf{a}^{\top} \mathbf{a}) \mathbf{b}$: "
            r"$\mathbf{a} \mathbf{a}^{\top} / \mathbf{a}^{\top} \mathbf{a}$ is a rank-one projection matrix."
        ),
    )

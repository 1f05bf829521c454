"""The derivative of the matrix inverse, and the gradient of a^T X^{-1} b."""

from derive import (
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    grad,
    inv,
    matrix,
    scalar,
    scalar_of,
    transpose,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    X, V, a, b = matrix("X", d, d), matrix("V", d, d), vector("a", d), vector("b", d)
    t = scalar("t")
    moving = X + t * V  # a line through X in the direction V
    along = scalar_of(a.T * inv(moving) * b)
    bilinear = scalar_of(a.T * inv(X) * b)
    Xi = inv(X)
    result = -(transpose(Xi) * a * b.T * transpose(Xi))
    return Derivation(
        id="inverse-derivative",
        title="Derivative of the matrix inverse",
        topic="linear-algebra",
        statement=(
            "Differentiate X(t)^{-1} along a line X(t) = X + tV by differentiating X(t) X(t)^{-1} = I, so that "
            "d(X^{-1}) = -X^{-1} (dX) X^{-1}; then find the gradient of f(X) = a^T X^{-1} b with respect to an "
            "invertible, not necessarily symmetric X."
        ),
        givens=(
            Given(X, "invertible square matrix, not necessarily symmetric"),
            Given(V, "direction of the perturbation dX"),
            Given(a, "vector"),
            Given(b, "vector"),
            Given(t, "step along the line X + tV"),
        ),
        start=grad(along, t),
        steps=(
            Step(
                -a.T * inv(moving) * V * inv(moving) * b,
                "product rule on X(t) X(t)^{-1} = I: V X^{-1} + X d(X^{-1})/dt = 0, so d(X^{-1})/dt = -X^{-1} V X^{-1}",
            ),
            Step(
                transpose(-(Xi * b * a.T * Xi)),
                "df = -a^T X^{-1} (dX) X^{-1} b = tr(-X^{-1} b a^T X^{-1} dX); a linear map tr(M dX) has gradient M^T",
                start=grad(bilinear, X),
            ),
            Step(result, "(PQR)^T = R^T Q^T P^T with (b a^T)^T = a b^T"),
        ),
        checks=(
            Grad(
                label="d/dt a^T (X + tV)^{-1} b vs jax.grad in t",
                objective=along,
                wrt=t,
                claim=-a.T * inv(moving) * V * inv(moving) * b,
            ),
            Grad(label="-X^{-T} a b^T X^{-T} vs jax.grad, X not symmetric", objective=bilinear, wrt=X, claim=result),
        ),
        references=(
            Reference(
                "Petersen & Pedersen, The Matrix Cookbook",
                "section 2.2, eqs. 59 (d(Y^{-1})) and 61 (d a^T X^{-1} b / dX)",
            ),
            Reference("Bishop, Pattern Recognition and Machine Learning", "appendix C, eq. C.21"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.5, eq. 5.104"),
        ),
        tags=("matrix inverse", "gradient", "matrix calculus"),
    )

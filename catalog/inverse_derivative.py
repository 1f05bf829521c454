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
            r"Differentiate $\mathbf{X} (t)^{-1}$ along a line $\mathbf{X} (t) = \mathbf{X} + t \mathbf{V}$ by "
            r"differentiating $\mathbf{X} (t) \mathbf{X} (t)^{-1} = I$, so that $d (\mathbf{X}^{-1}) = "
            r"-\mathbf{X}^{-1} (d \mathbf{X}) \mathbf{X}^{-1}$; then find the gradient of $f (\mathbf{X}) = "
            r"\mathbf{a}^{\top} \mathbf{X}^{-1} \mathbf{b}$ with respect to an invertible, not necessarily "
            r"symmetric $\mathbf{X}$."
        ),
        givens=(
            Given(X, "invertible square matrix, not necessarily symmetric"),
            Given(V, r"direction of the perturbation $d \mathbf{X}$"),
            Given(a, "vector"),
            Given(b, "vector"),
            Given(t, r"step along the line $\mathbf{X} + t \mathbf{V}$"),
        ),
        start=grad(along, t),
        steps=(
            Step(
                -a.T * inv(moving) * V * inv(moving) * b,
                (
                    r"product rule on $\mathbf{X} (t) \mathbf{X} (t)^{-1} = I$: $\mathbf{V} \mathbf{X}^{-1} + \mathbf{X} "
                    r"d (\mathbf{X}^{-1})/d t = 0$, so $d (\mathbf{X}^{-1})/d t = -\mathbf{X}^{-1} \mathbf{V} "
                    r"\mathbf{X}^{-1}$"
                ),
            ),
            Step(
                transpose(-(Xi * b * a.T * Xi)),
                (
                    r"$d f = -\mathbf{a}^{\top} \mathbf{X}^{-1} (d \mathbf{X}) \mathbf{X}^{-1} \mathbf{b} = "
                    r"\operatorname{tr} (-\mathbf{X}^{-1} \mathbf{b} \mathbf{a}^{\top} \mathbf{X}^{-1} d \mathbf{X})$; a "
                    r"linear map $\operatorname{tr}(M d \mathbf{X})$ has gradient $M^{\top}$"
                ),
                start=grad(bilinear, X),
            ),
            Step(
                result,
                (
                    r"$(PQR)^{\top} = R^{\top} Q^{\top} P^{\top}$ with $(\mathbf{b} \mathbf{a}^{\top})^{\top} = "
                    r"\mathbf{a} \mathbf{b}^{\top}$"
                ),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"$\frac{d}{dt} \mathbf{a}^{\top} (\mathbf{X} + t \mathbf{V})^{-1} \mathbf{b}$ vs \texttt{jax.grad} "
                    r"in $t$"
                ),
                objective=along,
                wrt=t,
                claim=-a.T * inv(moving) * V * inv(moving) * b,
            ),
            Grad(
                label=(
                    r"$-\mathbf{X}^{-T}$ a $\mathbf{b}^{\top} \mathbf{X}^{-T}$ vs \texttt{jax.grad}, $\mathbf{X}$ not "
                    r"symmetric"
                ),
                objective=bilinear,
                wrt=X,
                claim=result,
            ),
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

"""Fisher's linear discriminant: the criterion's stationary points solve S_B w = lambda S_W w."""

from derive import (
    EQUIVALENT,
    SOLVES,
    SPD,
    Derivation,
    Equation,
    Given,
    Grad,
    IdentityCheck,
    Inequality,
    Reference,
    Stationary,
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
    w, m0, m1, u = vector("w", d), vector("m0", d), vector("m1", d), vector("u", d)
    S_W = matrix("S_W", d, d)
    delta = m1 - m0
    S_B = delta * transpose(delta)  # between-class scatter of two classes
    between, within = scalar_of(w.T * S_B * w), scalar_of(w.T * S_W * w)
    criterion = between / within
    gradient = 2 * (within * S_B * w - between * S_W * w) / within**2
    direction = inv(S_W) * delta
    c = scalar("c")
    projection = scalar_of(transpose(delta) * w)
    scale = Equation(c, within / projection)  # S_W w = c (m_1 - m_0) at a stationary point with J != 0
    result = scalar_of(transpose(delta) * inv(S_W) * delta)
    return Derivation(
        id="fisher-lda",
        title="Fisher's linear discriminant",
        topic="models",
        statement=(
            r"Fisher's criterion for projecting two classes onto a direction $\mathbf{w}$ is $J (\mathbf{w}) = "
            r"(\mathbf{w}^{\top} S_{B} \mathbf{w}) / (\mathbf{w}^{\top} \mathbf{S}_{W} \mathbf{w})$, the "
            r"between-class scatter over the within-class scatter, with $S_{B} = (\mathbf{m}_{1} - "
            r"\mathbf{m}_{0})(\mathbf{m}_{1} - \mathbf{m}_{0})^{\top}$ for class means $\mathbf{m}_{0}$, "
            r"$\mathbf{m}_{1}$ and $\mathbf{S}_{W}$ the (positive definite) within-class scatter matrix. Show "
            r"that the stationary points of $J$ satisfy the generalised eigenproblem $S_{B} \mathbf{w} = \lambda "
            r"\mathbf{S}_{W} \mathbf{w}$ with $\lambda = J (\mathbf{w})$, that its solutions with $J(\mathbf{w}) \neq 0$ are "
            r"the multiples of $\mathbf{S}_{W}^{-1} (\mathbf{m}_{1} - \mathbf{m}_{0})$ ($J$ is scale invariant, so "
            r"only the direction matters), and that the largest value of $J$ is $(\mathbf{m}_{1} "
            r"- \mathbf{m}_{0})^{\top} \mathbf{S}_{W}^{-1} (\mathbf{m}_{1} - \mathbf{m}_{0})$."
        ),
        givens=(
            Given(w, "projection direction"),
            Given(m0, "mean of class $0$"),
            Given(m1, "mean of class $1$"),
            Given(S_W, "within-class scatter matrix", SPD),
            Given(
                c,
                r"the scale of $\mathbf{w}$ along $\mathbf{S}_{W}^{-1} (\mathbf{m}_{1} - \mathbf{m}_{0})$",
                defined_by=scale,
            ),
        ),
        start=grad(criterion, w),
        steps=(
            Step(
                gradient,
                (
                    r"quotient rule, with grad $\mathbf{w}^{\top} A \mathbf{w} = 2 A \mathbf{w}$ for the symmetric "
                    r"$S_{B}$ and $\mathbf{S}_{W}$"
                ),
            ),
            Step(
                Equation(S_B * w, criterion * S_W * w),
                (
                    r"the gradient vanishes exactly when $S_{B} \mathbf{w} = J(\mathbf{w}) \mathbf{S}_{W} \mathbf{w}$ "
                    r"(divide by $2 / (\mathbf{w}^{\top} \mathbf{S}_{W} \mathbf{w}) > 0$): a generalised eigenvector with "
                    r"eigenvalue $\lambda = J(\mathbf{w})$"
                ),
                EQUIVALENT,
                factor=2 / within,
                nonzero=(within,),
            ),
            Step(
                Equation(S_W * w, c * delta),
                (
                    r"$S_{B} \mathbf{w} = (\mathbf{m}_{1} - \mathbf{m}_{0})((\mathbf{m}_{1} - \mathbf{m}_{0})^{\top} "
                    r"\mathbf{w})$ always points along $\mathbf{m}_{1} - \mathbf{m}_{0}$, so $\mathbf{S}_{W} \mathbf{w}$ "
                    r"must too: divide by $-J(\mathbf{w}) \neq 0$ (a stationary point with $J = 0$, $\mathbf{w}$ "
                    r"orthogonal to $\mathbf{m}_{1} - \mathbf{m}_{0}$, is a minimum)"
                ),
                EQUIVALENT,
                factor=-criterion,
                using=(scale,),
                nonzero=(within, projection),
            ),
            Step(
                Equation(w, c * direction),
                (
                    r"$\mathbf{S}_{W}$ is invertible: $\mathbf{w}$ is a multiple of $\mathbf{S}_{W}^{-1} (\mathbf{m}_{1} "
                    r"- \mathbf{m}_{0})$, and as $J$ is scale invariant any $c \neq 0$ gives the same direction"
                ),
                SOLVES,
            ),
            Step(
                result,
                (
                    r"at that $\mathbf{w}$, $\mathbf{w}^{\top} S_{B} \mathbf{w} = ((\mathbf{m}_{1} - "
                    r"\mathbf{m}_{0})^{\top} \mathbf{S}_{W}^{-1} (\mathbf{m}_{1} - \mathbf{m}_{0}))^{2}$ and "
                    r"$\mathbf{w}^{\top} \mathbf{S}_{W} \mathbf{w} = (\mathbf{m}_{1} - \mathbf{m}_{0})^{\top} "
                    r"\mathbf{S}_{W}^{-1} (\mathbf{m}_{1} - \mathbf{m}_{0})$, times $c^{2}$ each; their ratio is the eigenvalue $\lambda$, "
                    r"the only nonzero one ($S_{B}$ has rank $1$), hence the maximum of $J$"
                ),
                start=criterion,
                using=(Equation(w, c * direction),),
            ),
        ),
        checks=(
            Grad(
                label=r"quotient-rule gradient vs \texttt{jax.grad} of $J$", objective=criterion, wrt=w, claim=gradient
            ),
            Stationary(
                label=(
                    r"\texttt{jax.grad} of $J$ vanishes at $\mathbf{S}_{W}^{-1}(\mathbf{m}_{1} - \mathbf{m}_{0})$, "
                    r"Hessian negative semidefinite"
                ),
                objective=criterion,
                at=((w, direction),),
                wrt=(w,),
                second_order="max",
                tolerance=1e-7,
            ),
            IdentityCheck(
                label=r"$J(\mathbf{S}_{W}^{-1}(\mathbf{m}_{1} - \mathbf{m}_{0}))$ = the maximal value",
                lhs=criterion,
                rhs=result,
                where=((w, direction),),
            ),
            Inequality(
                label=r"$J(\mathbf{u}) \leq$ the maximal value for random directions $\mathbf{u}$",
                lesser=scalar_of(u.T * S_B * u) / scalar_of(u.T * S_W * u),
                greater=result,
                extra=(Given(u, "a random direction"),),
                trials=256,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.1.4, eqs. 4.25-4.30"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 8.6.3.1 (Fisher's LDA)"),
            Reference("Hastie, Tibshirani, Friedman: The Elements of Statistical Learning", "section 4.3.3"),
        ),
        tags=("discriminant", "generalised eigenproblem", "Rayleigh quotient"),
        notes=(
            r"With $K$ classes $S_{B}$ has rank up to $K - 1$ and the directions are the top generalised "
            r"eigenvectors of $(S_{B}, \mathbf{S}_{W})$; for two classes the single direction "
            r"$\mathbf{S}_{W}^{-1}(\mathbf{m}_{1} - \mathbf{m}_{0})$ is also the LDA direction of the "
            r"shared-covariance Gaussian model (entry lda-posterior-is-logistic)."
        ),
        sizes=((d, 2),),
    )

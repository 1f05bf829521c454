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
    result = scalar_of(transpose(delta) * inv(S_W) * delta)
    return Derivation(
        id="fisher-lda",
        title="Fisher's linear discriminant",
        topic="models",
        statement=(
            "Fisher's criterion for projecting two classes onto a direction w is J(w) = (w^T S_B w) / (w^T S_W w), "
            "the between-class scatter over the within-class scatter, with S_B = (m1 - m0)(m1 - m0)^T for class "
            "means m0, m1 and S_W the (positive definite) within-class scatter matrix. Show that the stationary "
            "points of J satisfy the generalised eigenproblem S_B w = lambda S_W w with lambda = J(w), that "
            "w = S_W^{-1} (m1 - m0) solves it, and that the largest value of J is (m1 - m0)^T S_W^{-1} (m1 - m0)."
        ),
        givens=(
            Given(w, "projection direction"),
            Given(m0, "mean of class 0"),
            Given(m1, "mean of class 1"),
            Given(S_W, "within-class scatter matrix", SPD),
        ),
        start=grad(criterion, w),
        steps=(
            Step(
                gradient,
                "quotient rule, with grad w^T A w = 2 A w for the symmetric S_B and S_W",
            ),
            Step(
                Equation(S_B * w, criterion * S_W * w),
                "the gradient vanishes exactly when S_B w = J(w) S_W w (divide by 2 / (w^T S_W w) > 0): "
                "a generalised eigenvector with eigenvalue lambda = J(w)",
                EQUIVALENT,
                factor=2 / within,
                nonzero=(within,),
            ),
            Step(
                Equation(w, direction),
                "S_B w = (m1 - m0)((m1 - m0)^T w) always points along m1 - m0, so S_W w must too: "
                "w = S_W^{-1} (m1 - m0) (any nonzero multiple works, J is scale invariant)",
                SOLVES,
                nonzero=(within,),
                root="every nonzero multiple of S_W^{-1} (m1 - m0) is a root and J is scale invariant: this one is chosen",
            ),
            Step(
                result,
                "at that w, w^T S_B w = ((m1 - m0)^T S_W^{-1} (m1 - m0))^2 and "
                "w^T S_W w = (m1 - m0)^T S_W^{-1} (m1 - m0); their ratio is the eigenvalue lambda, the only nonzero "
                "one (S_B has rank 1), hence the maximum of J",
                start=criterion,
                using=(Equation(w, direction),),
            ),
        ),
        checks=(
            Grad(label="quotient-rule gradient vs jax.grad of J", objective=criterion, wrt=w, claim=gradient),
            Stationary(
                label="jax.grad of J vanishes at S_W^{-1}(m1 - m0), Hessian negative semidefinite",
                objective=criterion,
                at=((w, direction),),
                wrt=(w,),
                second_order="max",
                tolerance=1e-7,
            ),
            IdentityCheck(
                label="J(S_W^{-1}(m1 - m0)) = the maximal value", lhs=criterion, rhs=result, where=((w, direction),)
            ),
            Inequality(
                label="J(u) <= the maximal value for random directions u",
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
            "With K classes S_B has rank up to K - 1 and the directions are the top generalised eigenvectors of "
            "(S_B, S_W); for two classes the single direction S_W^{-1}(m1 - m0) is also the LDA direction of the "
            "shared-covariance Gaussian model (entry lda-posterior-is-logistic)."
        ),
        sizes=((d, 2),),
    )

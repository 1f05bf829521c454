"""The gradient of the t-SNE objective."""

import sympy as sp

from derive import (
    POSITIVE,
    SYMMETRIC,
    Derivation,
    Equation,
    Given,
    Grad,
    Reference,
    Step,
    diag,
    dims,
    eye,
    grad,
    hadamard,
    log,
    matrix,
    ones,
    scalar_of,
)


def derivation() -> Derivation:
    n, s = dims("n s")
    Y, P, U = matrix("Y", n, s), matrix("P", n, n), matrix("U", n, n)
    one, identity = ones(n), eye(n)
    off_diagonal = one * one.T - identity
    norms = hadamard(Y, Y) * ones(s)  # ||y_i||^2
    distances = norms * one.T + one * norms.T - 2 * Y * Y.T  # ||y_i - y_j||^2
    W = (one * one.T + distances).applyfunc(lambda t: 1 / t)  # w_ij = (1 + ||y_i - y_j||^2)^{-1}
    Z = scalar_of(one.T * hadamard(W, off_diagonal) * one)  # sum over i != j of w_ij
    Q = sp.MatMul(1 / Z, hadamard(W, off_diagonal))  # q_ij = w_ij / Z, q_ii = 0

    def total(M):
        return scalar_of(one.T * M * one)

    cost = total(hadamard(P, log(P + identity) - log(Q + identity)))  # KL(P || Q); the diagonal adds 0
    M = hadamard(P - Q, W)
    result = 4 * (diag(M * one) - M) * Y
    symmetric_p = hadamard(U + U.T, off_diagonal)
    similarities = (Equation(hadamard(P, identity) * one, sp.ZeroMatrix(n, 1)), Equation(total(P), sp.Integer(1)))
    return Derivation(
        id="tsne-gradient",
        title="The gradient of the t-SNE objective",
        topic="models",
        statement=(
            "t-SNE places n points y_i (the rows of Y) in a low-dimensional space by minimising C = KL(P || Q) = "
            "sum_{i != j} p_ij log(p_ij / q_ij), where P holds the input similarities (symmetric, zero diagonal, "
            "summing to 1) and q_ij = w_ij / Z with the Student-t kernel w_ij = (1 + ||y_i - y_j||^2)^{-1} and "
            "Z = sum_{k != l} w_kl. Show that dC/dy_i = 4 sum_j (p_ij - q_ij)(y_i - y_j) w_ij, i.e. "
            "dC/dY = 4 (diag(M 1) - M) Y with M = (P - Q) . W."
        ),
        givens=(
            Given(Y, "the embedding, one point per row"),
            Given(
                P, "input similarities p_ij: symmetric, zero diagonal, summing to 1", SYMMETRIC, defined_by=similarities
            ),
        ),
        start=grad(cost, Y),
        steps=(
            Step(
                grad(total(hadamard(P, log(P + identity) - log(W))) + log(Z), Y),
                "log q_ij = log w_ij - log Z and sum_{i != j} p_ij = 1, so C = sum p log p - sum_{i != j} p_ij log w_ij "
                "+ log Z (w_ii = 1 and p_ii = 0 add nothing)",
                using=similarities,
            ),
            Step(
                result,
                "d log w_ij / dy_i = -2 w_ij (y_i - y_j), and d log Z / dy_i = -(4/Z) sum_j w_ij^2 (y_i - y_j) "
                "= -4 sum_j q_ij w_ij (y_i - y_j) (each pair appears twice, p and w are symmetric); together "
                "dC/dy_i = 4 sum_j (p_ij - q_ij) w_ij (y_i - y_j), whose matrix form is 4 (diag(M 1) - M) Y",
            ),
        ),
        checks=(
            Grad(
                label="closed-form dC/dY vs jax.grad of KL(P || Q) (random symmetric P, zero diagonal, sum 1)",
                objective=cost,
                wrt=Y,
                claim=result,
                where=((P, sp.MatMul(1 / total(symmetric_p), symmetric_p)),),
                extra=(Given(U, "positive weights that make the random P", POSITIVE),),
                sizes=((n, 6), (s, 2)),
            ),
        ),
        references=(
            Reference(
                "van der Maaten & Hinton, Visualizing Data using t-SNE (JMLR 2008)",
                "section 3.3, eq. 5; appendix A (derivation of the gradient)",
            ),
            Reference("Murphy, Probabilistic Machine Learning: An Introduction", "section 20.4.10 (t-SNE)"),
        ),
        tags=("t-SNE", "embedding", "gradient", "KL divergence"),
        notes=(
            "The heavy-tailed Student-t kernel lets moderately dissimilar points sit far apart in the embedding; "
            "the factor w_ij in the gradient is what makes the repulsion of distant pairs fade."
        ),
        sizes=((n, 3), (s, 2)),
    )

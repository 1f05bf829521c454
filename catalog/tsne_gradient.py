"""The gradient of the t-SNE objective."""

import sympy as sp

from derive import (
    POSITIVE,
    SYMMETRIC,
    Derivation,
    Equation,
    Given,
    Grad,
    Intermediate,
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
    scalar,
    scalar_of,
    vector,
)


def derivation() -> Derivation:
    n, s = dims("n s")
    Y, P, U = matrix("Y", n, s), matrix("P", n, n), matrix("U", n, n)
    one, identity = ones(n), eye(n)
    # the squared norms, the distances, the kernel, its normaliser and the similarities, named: the
    # rows keep the names, the checkers write the values out
    r, D, W = vector("r", n), matrix("D", n, n), matrix("W", n, n)
    Z, Q = scalar("Z", POSITIVE), matrix("Q", n, n)
    named = (
        Intermediate(r, hadamard(Y, Y) * ones(s), r"the squared norms, $r_{i} = \|y_{i}\|^{2}$"),
        Intermediate(
            D,
            r * one.T + one * r.T - 2 * Y * Y.T,
            r"the squared distances, $d_{i j} = \|y_{i}\|^{2} + \|y_{j}\|^{2} - 2 y_{i}^{\top} y_{j} = \|y_{i} - y_{j}\|^{2}$",
        ),
        Intermediate(W, D.applyfunc(lambda t: 1 / (1 + t)), r"the Student-t kernel, $w_{i j} = (1 + d_{i j})^{-1}$"),
        Intermediate(
            Z,
            scalar_of(one.T * (W - identity) * one),
            r"$\sum_{k \neq l} w_{k l}$: $d_{k k} = 0$, so $w_{k k} = 1$ and $\mathbf{W} - I$ keeps the pairs $k \neq l$",
        ),
        Intermediate(Q, sp.MatMul(1 / Z, W - identity), r"$q_{i j} = w_{i j} / Z$ for $i \neq j$, $q_{i i} = 0$"),
    )

    def total(M):
        return scalar_of(one.T * M * one)

    cost = total(hadamard(P, log(P + identity) - log(Q + identity)))  # KL(P || Q); the diagonal adds 0
    M = hadamard(P - Q, W)
    result = 4 * (diag(M * one) - M) * Y
    symmetric_p = hadamard(U + U.T, one * one.T - identity)
    similarities = (Equation(hadamard(P, identity) * one, sp.ZeroMatrix(n, 1)), Equation(total(P), sp.Integer(1)))
    return Derivation(
        id="tsne-gradient",
        title="The gradient of the t-SNE objective",
        topic="models",
        statement=(
            r"t-SNE places $n$ points $y_{i}$ (the rows of $\mathbf{Y}$) in a low-dimensional space by minimising "
            r"$C = \operatorname{KL}(P \,\|\, Q) = \sum_{i \neq j} p_{ij} \log(p_{ij} / q_{ij})$, where "
            r"$\mathbf{P}$ holds the input similarities (symmetric, zero diagonal, summing to $1$) and $q_{i j} = "
            r"w_{i j} / Z$ with the Student-t kernel $w_{i j} = (1 + \|y_{i} - y_{j} \|^{2})^{-1}$ and $Z = "
            r"\sum_{k \neq l} w_{k l}$. Show that $\frac{\partial C}{\partial y_{i}} = 4 \sum_{j} (p_{i j} - q_{i "
            r"j})(y_{i} - y_{j}) w_{i j}$, i.e. $\frac{\partial C}{\partial \mathbf{Y}} = 4 (\operatorname{diag} "
            r"(M 1) - M) \mathbf{Y}$ with $M = (\mathbf{P} - Q) \odot W$."
        ),
        givens=(
            Given(Y, "the embedding, one point per row"),
            Given(
                P,
                "input similarities $p_{i j}$: symmetric, zero diagonal, summing to $1$",
                SYMMETRIC,
                defined_by=similarities,
            ),
        ),
        start=grad(cost, Y),
        steps=(
            Step(
                grad(total(hadamard(P, log(P + identity) - log(W))) + log(Z), Y),
                (
                    r"$\log q_{i j} = \log w_{i j} - \log Z$ and $\sum_{i \neq j} p_{i j} = 1$, so $C = \sum p \log "
                    r"p - \sum_{i \neq j} p_{i j} \log w_{i j} + \log Z$ ($w_{i i} = 1$ and $p_{i i} = 0$ add nothing)"
                ),
                using=similarities,
            ),
            Step(
                result,
                (
                    r"$d \log w_{i j} / d y_{i} = -2 w_{i j} (y_{i} - y_{j})$, and $d \log Z / d y_{i} = -(4/Z) \sum_{j} "
                    r"w_{i j}^{2} (y_{i} - y_{j}) = -4 \sum_{j} q_{i j} w_{i j} (y_{i} - y_{j})$ (each pair appears "
                    r"twice, $p$ and $w$ are symmetric); together $\frac{\partial C}{\partial y_{i}} = 4 \sum_{j} (p_{i "
                    r"j} - q_{i j}) w_{i j} (y_{i} - y_{j})$, whose matrix form is $4 (\operatorname{diag} (M 1) - M) "
                    r"\mathbf{Y}$"
                ),
            ),
        ),
        checks=(
            Grad(
                label=(
                    r"closed-form $\frac{\partial C}{\partial \mathbf{Y}}$ vs \texttt{jax.grad} of $\operatorname{KL}(P "
                    r"\,\|\, Q)$ (random symmetric $\mathbf{P}$, zero diagonal, $\sum 1$)"
                ),
                objective=cost,
                wrt=Y,
                claim=result,
                where=((P, sp.MatMul(1 / total(symmetric_p), symmetric_p)),),
                extra=(Given(U, r"positive weights that make the random $\mathbf{P}$", POSITIVE),),
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
            "the factor $w_{i j}$ in the gradient is what makes the repulsion of distant pairs fade. The rows write "
            r"$C$ as $\mathbf{1}^{\top} ((\log(I + \mathbf{P}) - \log(I + \mathbf{Q})) \odot \mathbf{P}) \mathbf{1}$: "
            r"adding $I$ changes only the diagonal, where $p_{i i} = q_{i i} = 0$ and each term is $0 \cdot (\log 1 - \log 1) = 0$ "
            r"rather than the undefined $0 \log 0$, so the matrix form sums exactly the pairs $i \neq j$."
        ),
        sizes=((n, 3), (s, 2)),
        intermediates=named,
    )

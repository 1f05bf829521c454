"""The k-means centroid update: the point minimising the summed squared distances is the mean."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Grad,
    Reference,
    Stationary,
    Step,
    dims,
    grad,
    hadamard,
    matrix,
    ones,
    scalar_of,
    transpose,
    vector,
)


def derivation() -> Derivation:
    n, d = dims("n d")
    X, mu = matrix("X", n, d), vector("mu", d)
    residual = X - ones(n) * mu.T  # row i: (x_i - mu)^T
    cost = scalar_of(ones(n).T * hadamard(residual, residual) * ones(d))  # sum_i ||x_i - mu||^2
    gradient = 2 * n * mu - 2 * X.T * ones(n)
    mean = sp.MatMul(1 / n, X.T * ones(n))
    return Derivation(
        id="kmeans-centroid",
        title="k-means: the best centroid of a cluster is its mean",
        topic="models",
        statement=(
            r"In the update step of k-means (Lloyd's algorithm) each centroid is moved to minimise the sum of "
            r"squared distances to the $n$ points currently assigned to it: $J (\boldsymbol{\mu}) = \sum_{i} "
            r"\|x_{i} - \boldsymbol{\mu} \|^{2}$, with the points $x_{i}^{\top}$ as the rows of $\mathbf{X}$. Set "
            r"the gradient to zero and show that the minimiser is the mean $(1/n) \sum_{i} x_{i}$."
        ),
        givens=(Given(X, "the points of one cluster, one per row"), Given(mu, "the centroid")),
        start=grad(cost, mu),
        steps=(
            Step(
                -2 * transpose(residual) * ones(n),
                (
                    r"grad\_mu $\|x_{i} - \boldsymbol{\mu} \|^{2} = -2 (x_{i} - \boldsymbol{\mu})$; summing over $i$ is "
                    r"multiplying the residual rows by $1^{\top}$"
                ),
            ),
            Step(
                gradient,
                (
                    r"$(1 \boldsymbol{\mu}^{\top})^{\top} 1 = \boldsymbol{\mu} (1^{\top} 1) = n \boldsymbol{\mu}$ and "
                    r"$(\mathbf{X}^{\top}) 1 = \sum_{i} x_{i}$"
                ),
            ),
            Step(
                Equation(n * mu, X.T * ones(n)),
                "$J$ is a convex quadratic, so its minimum is where the gradient vanishes",
                EQUIVALENT,
                factor=sp.Integer(2),
            ),
            Step(Equation(mu, mean), "divide by $n$: the centroid is the mean of its points", SOLVES),
        ),
        checks=(
            Grad(
                label=r"$2 n \boldsymbol{\mu} - 2 \mathbf{X}^{\top} 1$ vs \texttt{jax.grad} of $J$",
                objective=cost,
                wrt=mu,
                claim=gradient,
            ),
            Stationary(
                label=r"\texttt{jax.grad} of $J$ vanishes at the mean, Hessian $(2n I)$ PSD",
                objective=cost,
                at=((mu, mean),),
                wrt=(mu,),
                second_order="min",
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 9.1, eqs. 9.1-9.4"),
            Reference("CS229 lecture notes (Ng)", "the k-means clustering algorithm"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 11.4.2.5 (k-means)"),
        ),
        tags=("clustering", "k-means", "stationary point"),
        notes=(
            "The Hessian is $2n I$, positive definite, so the mean is the unique minimiser. The assignment step "
            "then moves each point to its nearest centroid; neither step increases $J$, so Lloyd's algorithm "
            "converges (to a local optimum)."
        ),
    )

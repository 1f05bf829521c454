"""The M-step of EM for a Gaussian mixture: weighted means, weighted covariances, and mixing weights N_k / n."""

import sympy as sp

from derive import (
    EQUIVALENT,
    POSITIVE,
    PROBABILITY,
    SIMPLEX,
    SOLVES,
    SPD,
    Derivation,
    Equation,
    Given,
    Reference,
    Stationary,
    Step,
    diag,
    dims,
    grad,
    hadamard,
    inv,
    matrix,
    multivariate_normal,
    ones,
    scalar,
    scalar_of,
    transpose,
    vector,
)


def _reciprocal(a):
    t = sp.Dummy("t")
    return a.applyfunc(sp.Lambda(t, 1 / t))


EACH_ROOT = (
    r"$\phi_{k} = N_{k} / \lambda$ is the one root of $N_{k} / \phi_{k} = \lambda$ for each $k$ (the constraint "
    r"then fixes $\lambda$); the checker sees only the free entries of $\boldsymbol{\phi}$, its last being $1$ "
    r"minus the others"
)


def derivation() -> Derivation:
    # p, not d, for the dimension: verify's numeric lane sizes dimensions in the order of their names,
    # and the weighted scatter S / N_k is invertible (a covariance) only with at least as many points as dimensions
    K, p, n = dims("K p n")
    X, r, R = matrix("X", n, p), vector("r", n), matrix("R", K, n)
    mu, Sigma = vector("mu", p), matrix("Sigma", p, p)
    phi, lam = vector("phi", K), scalar("lambda", POSITIVE)
    N = R * ones(n)  # N_k = sum_i r_ik, the effective number of points of each component
    Nk = scalar_of(ones(n).T * r)
    # Q restricted to component k: sum_i r_i log N(x_i | mu, Sigma) (the other components' terms do not involve it)
    Q = multivariate_normal(mu, Sigma).log_likelihood(X, r)
    centred = X - ones(n) * mu.T
    scatter = transpose(centred) * diag(r) * centred
    mu_hat = X.T * r / Nk
    sigma_grad = inv(Sigma) * scatter * inv(Sigma) / 2 - Nk * inv(Sigma) / 2
    sigma_hat = scatter / Nk
    mixing = scalar_of(N.T * phi.applyfunc(sp.log)) + lam * (1 - scalar_of(ones(K).T * phi))
    sizes = ((K, 3), (p, 2), (n, 12))
    multiplier = Equation(lam, scalar_of(ones(K).T * N))
    return Derivation(
        id="gmm-em-mstep",
        title="The M-step of EM for a Gaussian mixture",
        topic="probability",
        statement=(
            r"EM for a mixture of $K$ Gaussians: given the responsibilities $r_{i k} = P(z_{i} = k \mid x_{i})$ of "
            r"the E-step (the columns of $\mathbf{R}$ sum to $1$), the M-step maximises $Q = \sum_{i} \sum_{k} "
            r"r_{i k} [\log \phi_{k} + \log N (x_{i} | \mu_{k}, \Sigma_{k})$]. Maximise over $\boldsymbol{\phi}$ "
            r"on the simplex (a Lagrange multiplier), and over the mean $\boldsymbol{\mu}$ and covariance "
            r"$\boldsymbol{\Sigma}$ of one component $k$, whose terms are $\sum_{i} r_{i} \log N (x_{i} | "
            r"\boldsymbol{\mu}, \boldsymbol{\Sigma})$ with $\mathbf{r}$ the k-th row of $\mathbf{R}$."
        ),
        givens=(
            Given(
                X,
                r"data, one point per row: $n \geq p$ points spanning $\mathbb{R}^{p}$, so that the weighted scatter $S$ is invertible",
            ),
            Given(R, "responsibilities, one column per point", SIMPLEX),
            Given(r, r"the responsibilities of component $k$ (row $k$ of $\mathbf{R}$)", PROBABILITY),
            Given(phi, "mixing weights", SIMPLEX),
            Given(
                lam,
                r"Lagrange multiplier for $\sum_{k} \phi_{k} = 1$, which fixes it: $\lambda = \sum_{k} N_{k}$",
                POSITIVE,
                defined_by=multiplier,
            ),
            Given(mu, "mean of component $k$"),
            Given(Sigma, "covariance of component $k$", SPD),
        ),
        start=grad(mixing, phi),
        steps=(
            Step(
                hadamard(N, _reciprocal(phi)) - lam * ones(K),
                (
                    r"only $\sum_{k} N_{k} \log \phi_{k}$ depends on $\boldsymbol{\phi} (N_{k} = \sum_{i} r_{i k})$, plus "
                    r"the multiplier term"
                ),
            ),
            Step(Equation(phi, N / lam), r"set it to zero: $\phi_{k} = N_{k} / \lambda$", SOLVES, root=EACH_ROOT),
            Step(
                Equation(phi, N / n),
                (
                    r"$\sum_{k} \phi_{k} = 1$ gives $\lambda = \sum_{k} N_{k} = n$, since each point's responsibilities "
                    r"sum to $1$"
                ),
                EQUIVALENT,
                using=(multiplier,),
            ),
            Step(
                sigma_grad,
                (
                    r"the quadratic terms add up to $-\operatorname{tr}(\boldsymbol{\Sigma}^{-1} S)/2$ with $S = "
                    r"\sum_{i} r_{i} (x_{i} - \boldsymbol{\mu})(x_{i} - \boldsymbol{\mu})^{\top}$; $d \operatorname{tr} "
                    r"(\boldsymbol{\Sigma}^{-1} S) = -\operatorname{tr} (\boldsymbol{\Sigma}^{-1} S "
                    r"\boldsymbol{\Sigma}^{-1} d\boldsymbol{\Sigma})$ and $d \log \det \boldsymbol{\Sigma} = \operatorname{tr} "
                    r"(\boldsymbol{\Sigma}^{-1} d\boldsymbol{\Sigma})$"
                ),
                start=grad(Q, Sigma),
            ),
            Step(
                Equation(Sigma, sigma_hat),
                (
                    r"set it to zero and multiply by $2 \boldsymbol{\Sigma}$ on both sides: $\boldsymbol{\Sigma} = S / "
                    r"N_{k}$, the weighted covariance (evaluated at the new mean)"
                ),
                SOLVES,
                root=(
                    r"$\boldsymbol{\Sigma}$ is invertible: multiplying $\boldsymbol{\Sigma}^{-1} S "
                    r"\boldsymbol{\Sigma}^{-1} = N_{k} \boldsymbol{\Sigma}^{-1}$ by $\boldsymbol{\Sigma}$ on both sides "
                    r"leaves the one root $\boldsymbol{\Sigma} = S / N_{k}$"
                ),
            ),
            Step(
                inv(Sigma) * (X.T * r - Nk * mu),
                (
                    r"grad of $-(x - \boldsymbol{\mu})^{\top} \boldsymbol{\Sigma}^{-1} (x - \boldsymbol{\mu}) / 2$ is "
                    r"$\boldsymbol{\Sigma}^{-1} (x - \boldsymbol{\mu})$; weight by $r_{i}$ and sum"
                ),
                start=grad(Q, mu),
            ),
            Step(
                Equation(Nk * mu, X.T * r),
                r"set it to zero; $\boldsymbol{\Sigma}^{-1}$ is invertible",
                EQUIVALENT,
                factor=-inv(Sigma),
            ),
            Step(
                Equation(mu, mu_hat),
                r"$\boldsymbol{\mu} = \sum_{i} r_{i} x_{i} / N_{k}$, the responsibility-weighted mean",
                SOLVES,
            ),
        ),
        checks=(
            Stationary(
                label=(
                    r"the Lagrangian's \texttt{jax.grad} in $(\boldsymbol{\phi}, \lambda)$ vanishes at $\boldsymbol{\phi} = "
                    r"N /n$, $\lambda = n$"
                ),
                objective=mixing,
                at=((phi, N / n), (lam, n)),
                wrt=(phi, lam),
                sizes=sizes,
            ),
            Stationary(
                label=(
                    r"\texttt{jax.grad} of $Q$ in $\boldsymbol{\mu}$ vanishes at the weighted mean, Hessian negative "
                    r"definite"
                ),
                objective=Q,
                at=((mu, mu_hat),),
                wrt=(mu,),
                second_order="max",
                sizes=sizes,
            ),
            Stationary(
                label=r"\texttt{jax.grad} of $Q$ in $\boldsymbol{\Sigma}$ vanishes at the weighted scatter / $N_{k}$",
                objective=Q,
                at=((Sigma, sigma_hat),),
                wrt=(Sigma,),
                sizes=sizes,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 9.2.2, eqs. 9.17-9.24"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 11.4.2.3"),
            Reference("CS229 lecture notes (Ng)", "mixtures of Gaussians and the EM algorithm, section 2"),
        ),
        tags=("EM", "Gaussian mixture", "Lagrange multipliers"),
        notes=(
            r"The mixing weights are written $\boldsymbol{\phi}$ as in CS229 (Bishop writes $\pi_{k}$), which "
            r"keeps $\pi$ for the constant in $\log (2 \pi)$ of the Gaussian log-density."
        ),
        sizes=((K, 2), (p, 2), (n, 2)),
    )

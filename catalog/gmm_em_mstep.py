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
    "pi_k = N_k / lambda is the one root of N_k / pi_k = lambda for each k (the constraint then fixes lambda); "
    "the checker sees only pi's free entries, its last being 1 minus the others"
)


def derivation() -> Derivation:
    K, d, n = dims("K d n")
    X, r, R = matrix("X", n, d), vector("r", n), matrix("R", K, n)
    mu, Sigma = vector("mu", d), matrix("Sigma", d, d)
    pi, lam = vector("pi", K), scalar("lambda", POSITIVE)
    N = R * ones(n)  # N_k = sum_i r_ik, the effective number of points of each component
    Nk = scalar_of(ones(n).T * r)
    # Q restricted to component k: sum_i r_i log N(x_i | mu, Sigma) (the other components' terms do not involve it)
    Q = multivariate_normal(mu, Sigma).log_likelihood(X, r)
    centred = X - ones(n) * mu.T
    scatter = transpose(centred) * diag(r) * centred
    mu_hat = X.T * r / Nk
    sigma_grad = inv(Sigma) * scatter * inv(Sigma) / 2 - Nk * inv(Sigma) / 2
    sigma_hat = scatter / Nk
    mixing = scalar_of(N.T * pi.applyfunc(sp.log)) + lam * (1 - scalar_of(ones(K).T * pi))
    sizes = ((K, 3), (d, 2), (n, 12))
    multiplier = Equation(lam, scalar_of(ones(K).T * N))
    return Derivation(
        id="gmm-em-mstep",
        title="The M-step of EM for a Gaussian mixture",
        topic="probability",
        statement=(
            "EM for a mixture of K Gaussians: given the responsibilities r_ik = P(z_i = k | x_i) of the E-step "
            "(the columns of R sum to 1), the M-step maximises Q = sum_i sum_k r_ik [log pi_k + log N(x_i | mu_k, "
            "Sigma_k)]. Maximise over pi on the simplex (a Lagrange multiplier), and over the mean mu and "
            "covariance Sigma of one component k, whose terms are sum_i r_i log N(x_i | mu, Sigma) with r the "
            "k-th row of R."
        ),
        givens=(
            Given(X, "data, one point per row"),
            Given(R, "responsibilities, one column per point", SIMPLEX),
            Given(r, "the responsibilities of component k (row k of R)", PROBABILITY),
            Given(pi, "mixing weights", SIMPLEX),
            Given(
                lam,
                "Lagrange multiplier for sum_k pi_k = 1, which fixes it: lambda = sum_k N_k",
                POSITIVE,
                defined_by=multiplier,
            ),
            Given(mu, "mean of component k"),
            Given(Sigma, "covariance of component k", SPD),
        ),
        start=grad(mixing, pi),
        steps=(
            Step(
                hadamard(N, _reciprocal(pi)) - lam * ones(K),
                "only sum_k N_k log pi_k depends on pi (N_k = sum_i r_ik), plus the multiplier term",
            ),
            Step(Equation(pi, N / lam), "set it to zero: pi_k = N_k / lambda", SOLVES, root=EACH_ROOT),
            Step(
                Equation(pi, N / n),
                "sum_k pi_k = 1 gives lambda = sum_k N_k = n, since each point's responsibilities sum to 1",
                EQUIVALENT,
                using=(multiplier,),
            ),
            Step(
                sigma_grad,
                "the quadratic terms add up to -tr(Sigma^-1 S)/2 with S = sum_i r_i (x_i - mu)(x_i - mu)^T; "
                "d tr(Sigma^-1 S) = -tr(Sigma^-1 S Sigma^-1 dSigma) and d log det Sigma = tr(Sigma^-1 dSigma)",
                start=grad(Q, Sigma),
            ),
            Step(
                Equation(Sigma, sigma_hat),
                "set it to zero and multiply by 2 Sigma on both sides: Sigma = S / N_k, the weighted covariance "
                "(evaluated at the new mean)",
                SOLVES,
                root="Sigma is invertible: multiplying Sigma^-1 S Sigma^-1 = N_k Sigma^-1 by Sigma on both sides leaves "
                "the one root Sigma = S / N_k",
            ),
            Step(
                inv(Sigma) * (X.T * r - Nk * mu),
                "grad of -(x - mu)^T Sigma^-1 (x - mu) / 2 is Sigma^-1 (x - mu); weight by r_i and sum",
                start=grad(Q, mu),
            ),
            Step(Equation(Nk * mu, X.T * r), "set it to zero; Sigma^-1 is invertible", EQUIVALENT, factor=-inv(Sigma)),
            Step(Equation(mu, mu_hat), "mu = sum_i r_i x_i / N_k, the responsibility-weighted mean", SOLVES),
        ),
        checks=(
            Stationary(
                label="the Lagrangian's jax.grad in (pi, lambda) vanishes at pi = N/n, lambda = n",
                objective=mixing,
                at=((pi, N / n), (lam, n)),
                wrt=(pi, lam),
                sizes=sizes,
            ),
            Stationary(
                label="jax.grad of Q in mu vanishes at the weighted mean, Hessian negative definite",
                objective=Q,
                at=((mu, mu_hat),),
                wrt=(mu,),
                second_order="max",
                sizes=sizes,
            ),
            Stationary(
                label="jax.grad of Q in Sigma vanishes at the weighted scatter / N_k",
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
        sizes=((K, 2), (d, 2), (n, 2)),
    )

"""Maximum likelihood for (Bernoulli) naive Bayes: the priors and feature probabilities are frequencies."""

import sympy as sp

from derive import (
    BINARY,
    EQUIVALENT,
    POSITIVE,
    PROBABILITY,
    SIMPLEX,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Grad,
    Reference,
    Stationary,
    Step,
    categorical,
    diag,
    dims,
    grad,
    hadamard,
    inv,
    log,
    matrix,
    ones,
    scalar,
    scalar_of,
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
    Y, X = matrix("Y", K, n), matrix("X", n, d)
    pi, theta, lam = vector("pi", K), matrix("theta", K, d), scalar("lambda", POSITIVE)
    all_ones = sp.OneMatrix(K, d)
    counts = Y * ones(n)  # N_k, the number of examples of each class
    on, off = Y * X, Y * (sp.OneMatrix(n, d) - X)  # per class and feature: how often x_j = 1, x_j = 0
    # log p(y, x) summed over examples: the categorical log-density is linear in the one-hot y_i, so the class
    # terms sum to its value at the counts Y 1; the features add sum_kj [on log theta + off log(1 - theta)].
    loglik = categorical(pi).log_density(counts) + scalar_of(
        ones(K).T * (hadamard(on, log(theta)) + hadamard(off, log(all_ones - theta))) * ones(d)
    )
    lagrangian = loglik + lam * (1 - scalar_of(ones(K).T * pi))
    theta_grad = hadamard(on, _reciprocal(theta)) - hadamard(off, _reciprocal(all_ones - theta))
    theta_hat = inv(diag(counts)) * Y * X
    pi_hat = counts / n
    multiplier = Equation(lam, scalar_of(ones(K).T * counts))
    return Derivation(
        id="naive-bayes-mle",
        title="Maximum likelihood for naive Bayes",
        topic="probability",
        statement=(
            "Naive Bayes with binary features: p(y = k) = pi_k and, given the class, features are independent with "
            "p(x_j = 1 | y = k) = theta_kj. The labels are the one-hot columns of Y (K x n), the features the rows "
            "of X (n x d). Maximise the log-likelihood sum_i log p(y_i, x_i) over theta and over pi on the simplex "
            "(a Lagrange multiplier for sum_k pi_k = 1): both estimates are frequencies."
        ),
        givens=(
            Given(Y, "one-hot labels, one column per example (soft labels in the checks)", SIMPLEX),
            Given(X, "binary features, one row per example", BINARY),
            Given(pi, "class priors", SIMPLEX),
            Given(theta, "P(x_j = 1 | class k)", PROBABILITY),
            Given(
                lam,
                "Lagrange multiplier for sum_k pi_k = 1, which fixes it: lambda = sum_k N_k",
                POSITIVE,
                defined_by=multiplier,
            ),
        ),
        start=grad(loglik, theta),
        steps=(
            Step(
                theta_grad,
                "d/d theta of a log theta + b log(1 - theta) is a/theta - b/(1 - theta), entry by entry",
            ),
            Step(
                Equation(theta, theta_hat),
                "set it to zero: (YX)_kj (1 - theta_kj) = (Y(1 - X))_kj theta_kj, so theta_kj = (YX)_kj / N_k, "
                "the fraction of class-k examples with x_j = 1 (N_k = (Y1)_k)",
                SOLVES,
                root="each theta_kj solves its own equation, linear with coefficient N_k > 0 (every class has examples)",
            ),
            Step(
                hadamard(counts, _reciprocal(pi)) - lam * ones(K),
                "the Lagrangian l + lambda (1 - 1^T pi); d/d pi_k of N_k log pi_k is N_k / pi_k",
                start=grad(lagrangian, pi),
            ),
            Step(Equation(pi, counts / lam), "set it to zero: pi_k = N_k / lambda", SOLVES, root=EACH_ROOT),
            Step(
                Equation(pi, pi_hat),
                "the constraint 1 = sum_k pi_k = sum_k N_k / lambda gives lambda = sum_k N_k = n (each label column "
                "sums to 1): pi_k = N_k / n",
                EQUIVALENT,
                using=(multiplier,),
            ),
        ),
        checks=(
            Grad(
                label="the theta gradient vs jax.grad of the log-likelihood",
                objective=loglik,
                wrt=theta,
                claim=theta_grad,
            ),
            Stationary(
                label="jax.grad in theta vanishes at the class-conditional frequencies",
                objective=loglik,
                at=((theta, theta_hat),),
                wrt=(theta,),
                sizes=((n, 24),),
                avoid=(hadamard(theta_hat, all_ones - theta_hat),),
            ),
            Stationary(
                label="the Lagrangian's jax.grad in (pi, lambda) vanishes at pi = N/n, lambda = n",
                objective=lagrangian,
                at=((pi, pi_hat), (lam, n)),
                wrt=(pi, lam),
            ),
        ),
        references=(
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 3.5.1.1, eqs. 3.56-3.60"),
            Reference("CS229 lecture notes (Ng)", "part IV, section 2: naive Bayes"),
            Reference(
                "Bishop, Pattern Recognition and Machine Learning",
                "section 2.2 (multinomial MLE with a Lagrange multiplier)",
            ),
        ),
        tags=("maximum likelihood", "Lagrange multipliers", "classification"),
        sizes=((K, 2), (d, 2), (n, 3)),
    )

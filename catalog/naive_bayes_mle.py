"""Maximum likelihood for (Bernoulli) naive Bayes: the priors and feature probabilities are frequencies."""

import sympy as sp

from derive import (
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
    r"$\pi_{k} = N_{k} / \lambda$ is the one root of $N_{k} / \pi_{k} = \lambda$ for each $k$ (the constraint "
    r"then fixes $\lambda$); the checker sees only the free entries of $\boldsymbol{\pi}$, its last being $1$ "
    r"minus the others"
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
            r"Naive Bayes with binary features: $p(y = k) = \pi_{k}$ and, given the class, features are "
            r"independent with $p(x_{j} = 1 \mid y = k) = \theta_{k j}$. The labels are the one-hot columns of "
            r"$\mathbf{Y}$ ($K \times n$), the features the rows of $\mathbf{X}$ ($n \times d$). Maximise the log-likelihood "
            r"$\sum_{i} \log p(y_{i}, x_{i})$ over $\boldsymbol{\theta}$ and over $\boldsymbol{\pi}$ on the "
            r"simplex (a Lagrange multiplier for $\sum_{k} \pi_{k} = 1$): both estimates are frequencies."
        ),
        givens=(
            Given(Y, "one-hot labels, one column per example (soft labels in the checks)", SIMPLEX),
            Given(
                X,
                (
                    r"binary features, one row per example (fractions in $(0, 1)$ in the checks: with $0$s and $1$s "
                    r"$\hat{\theta}_{k j}$ is $0$ or $1$, where the gradient is not defined, unless each class has "
                    r"both values of each feature)"
                ),
                PROBABILITY,
            ),
            Given(pi, "class priors", SIMPLEX),
            Given(theta, r"$P(x_{j} = 1 \mid \text{class } k)$", PROBABILITY),
            Given(
                lam,
                r"Lagrange multiplier for $\sum_{k} \pi_{k} = 1$, which fixes it: $\lambda = \sum_{k} N_{k}$",
                POSITIVE,
                defined_by=multiplier,
            ),
        ),
        start=grad(loglik, theta),
        steps=(
            Step(
                theta_grad,
                (
                    r"$d /d \boldsymbol{\theta}$ of a $\log \boldsymbol{\theta} + b \log(1 - \boldsymbol{\theta})$ is $a "
                    r"/\boldsymbol{\theta} - b /(1 - \boldsymbol{\theta})$, entry by entry"
                ),
            ),
            Step(
                Equation(theta, theta_hat),
                (
                    r"set it to zero: $(\mathbf{Y} \mathbf{X})_{k j} (1 - \theta_{k j}) = (\mathbf{Y} (1 - "
                    r"\mathbf{X}))_{k j} \theta_{k j}$, so $\theta_{k j} = (\mathbf{Y} \mathbf{X})_{k j} / N_{k}$, the "
                    r"fraction of class-$k$ examples with $x_{j} = 1$, where $N_{k} = (\mathbf{Y} \mathbf{1})_{k}$ is not "
                    r"$0$ (every class has examples)"
                ),
                SOLVES,
                nonzero=(diag(counts),),  # each theta_kj solves its own equation, linear with coefficient N_k
            ),
            Step(
                hadamard(counts, _reciprocal(pi)) - lam * ones(K),
                (
                    r"the Lagrangian $l + \lambda(1 - 1^{\top} \boldsymbol{\pi})$; $d /d \pi_{k}$ of $N_{k} \log \pi_{k}$ "
                    r"is $N_{k} / \pi_{k}$"
                ),
                start=grad(lagrangian, pi),
            ),
            Step(Equation(pi, counts / lam), r"set it to zero: $\pi_{k} = N_{k} / \lambda$", SOLVES, root=EACH_ROOT),
            Step(
                Equation(pi, pi_hat),
                (
                    r"the constraint $1 = \sum_{k} \pi_{k} = \sum_{k} N_{k} / \lambda$ gives $\lambda = \sum_{k} N_{k} = "
                    r"n$ (each label column sums to $1$): $\pi_{k} = N_{k} / n$"
                ),
                EQUIVALENT,
                using=(multiplier,),
            ),
        ),
        checks=(
            Grad(
                label=r"the $\boldsymbol{\theta}$ gradient vs \texttt{jax.grad} of the log-likelihood",
                objective=loglik,
                wrt=theta,
                claim=theta_grad,
            ),
            Stationary(
                label=r"\texttt{jax.grad} in $\boldsymbol{\theta}$ vanishes at the class-conditional frequencies",
                objective=loglik,
                at=((theta, theta_hat),),
                wrt=(theta,),
                sizes=((n, 24),),
            ),
            Stationary(
                label=(
                    r"the Lagrangian's \texttt{jax.grad} in $(\boldsymbol{\pi}, \lambda)$ vanishes at $\boldsymbol{\pi} = "
                    r"N /n$, $\lambda = n$"
                ),
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

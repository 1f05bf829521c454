"""Maximum entropy under a mean constraint gives the Gibbs (softmax) distribution."""

import sympy as sp

from derive import (
    EQUIVALENT,
    SIMPLEX,
    SOLVES,
    Derivation,
    Equation,
    Given,
    Inequality,
    Reference,
    Stationary,
    Step,
    dims,
    exp,
    grad,
    log,
    ones,
    scalar,
    scalar_of,
    softmax,
    vector,
)


def derivation() -> Derivation:
    (k,) = dims("k")
    p, f, q = vector("p", k), vector("f", k), vector("q", k)
    alpha, beta, mu = scalar("alpha"), scalar("beta"), scalar("mu")

    def entropy(dist):
        return -scalar_of(dist.T * log(dist))

    lagrangian = entropy(p) + alpha * (scalar_of(ones(k).T * p) - 1) + beta * (scalar_of(f.T * p) - mu)
    exponent = (alpha - 1) * ones(k) + beta * f
    result = softmax(beta * f)
    normaliser = 1 - log(scalar_of(ones(k).T * exp(beta * f)))
    mean_matches = ((mu, scalar_of(f.T * result)),)  # choose the constraint value that beta produces
    normalised = Equation(scalar_of(ones(k).T * exp(exponent)), sp.Integer(1))  # sum_i p_i = 1
    return Derivation(
        id="max-entropy-softmax",
        title="Maximum entropy with a mean constraint: the softmax (Gibbs) distribution",
        topic="optimization",
        statement=(
            r"Among all distributions $\mathbf{p}$ on $k$ outcomes with a given mean $\sum_{i} p_{i} f_{i} = \mu$ "
            r"of a feature $\mathbf{f}$, find the one with the largest entropy $H (\mathbf{p}) = -\sum_{i} p_{i} "
            r"\log p_{i}$. Form the Lagrangian with a multiplier $\alpha$ for $\sum_{i} p_{i} = 1$ and $\beta$ "
            r"for the mean, solve the stationarity condition for $\mathbf{p}$, and normalise."
        ),
        givens=(
            Given(p, "the distribution sought (positive entries)", SIMPLEX),
            Given(f, "feature value (or negative energy) of each outcome"),
            Given(
                alpha, r"multiplier of the normalisation $\sum_{i} p_{i} = 1$, which fixes it", defined_by=normalised
            ),
            Given(beta, "multiplier of the mean constraint"),
            Given(mu, r"the required mean of $\mathbf{f}$"),
        ),
        start=grad(lagrangian, p),
        steps=(
            Step(
                -log(p) - ones(k) + alpha * ones(k) + beta * f,
                (
                    r"$\frac{d}{d\mathbf{p}}_{i}$ of $-p_{i} \log p_{i}$ is -log $p_{i} - 1$; the constraints are linear "
                    r"in $\mathbf{p}$"
                ),
            ),
            Step(
                Equation(log(p), exponent),
                "stationarity: the gradient of the Lagrangian vanishes",
                EQUIVALENT,
                factor=sp.Integer(-1),
            ),
            Step(
                Equation(p, exp(exponent)),
                "exponentiate: every $p_{i}$ is positive automatically",
                SOLVES,
                root=r"$\log$ is one-to-one on the positive reals: $\log p_{i} = c_{i}$ has the one root $p_{i} = e^{c_{i}}$",
            ),
            Step(
                result,
                (
                    r"normalisation $\sum_{i} p_{i} = 1$ fixes $e^{\alpha - 1} = 1/\sum_{j} e^{\beta f_{j}}$: $p_{i} = "
                    r"e^{\beta f_{i}}/\sum_{j} e^{\beta f_{j}}$, the $\operatorname{softmax}$ of $\beta \mathbf{f}$, with "
                    r"$\beta$ chosen so that the mean is $\mu$"
                ),
                start=exp(exponent),
                using=(normalised,),
            ),
        ),
        checks=(
            Stationary(
                label=(
                    r"the Lagrangian's \texttt{jax.grad} in $\mathbf{p}$, $\alpha$ and $\beta$ vanishes at $\mathbf{p} = "
                    r"\operatorname{softmax} (\beta \mathbf{f})$"
                ),
                objective=lagrangian,
                at=((p, result), (alpha, normaliser)),
                wrt=(p, alpha, beta),
                where=mean_matches,
            ),
            Stationary(
                label=r"and its Hessian in $\mathbf{p}$ is negative definite there (the entropy is concave: a maximum)",
                objective=lagrangian,
                at=((p, result), (alpha, normaliser)),
                wrt=(p,),
                second_order="max",
                where=mean_matches,
            ),
            Inequality(
                label=(
                    r"$\operatorname{softmax}(\beta \mathbf{f})$ maximises $H (\mathbf{q}) + \beta \mathbf{f}^{\top} "
                    r"\mathbf{q}$ over random distributions $\mathbf{q}$ (so it has the largest entropy among those with "
                    r"its mean)"
                ),
                lesser=entropy(q) + beta * scalar_of(f.T * q),
                greater=entropy(result) + beta * scalar_of(f.T * result),
                extra=(Given(q, "a competing distribution", SIMPLEX),),
                trials=256,
            ),
        ),
        references=(
            Reference("Jaynes, Information Theory and Statistical Mechanics (1957)", "section 3"),
            Reference("Cover & Thomas, Elements of Information Theory", "2nd ed., section 12.1, theorem 12.1.1"),
            Reference("Boyd & Vandenberghe, Convex Optimization", "section 5.2.4, example 5.5 (entropy maximization)"),
            Reference(
                "Bishop, Pattern Recognition and Machine Learning", "section 1.6 (entropy, Lagrange multipliers)"
            ),
        ),
        tags=("lagrange multipliers", "entropy", "softmax"),
        notes=(
            r"Why the inequality check suffices: if $\mathbf{q}$ has the same mean as $\mathbf{p}^{\star} = "
            r"\operatorname{softmax} (\beta \mathbf{f})$, then $H (\mathbf{q}) + \beta \mu \leq H (\mathbf{p}^{\star}"
            r") + \beta \mu$ gives $H (\mathbf{q}) \leq H (\mathbf{p}^{\star})$. $\beta = 0$ (no mean "
            r"constraint) gives the uniform distribution; $\beta \to \infty$ puts all mass on the largest "
            r"$f_{i}$."
        ),
        sizes=((k, 3),),
    )

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
            "Among all distributions p on k outcomes with a given mean sum_i p_i f_i = mu of a feature f, find the "
            "one with the largest entropy H(p) = -sum_i p_i log p_i. Form the Lagrangian with a multiplier alpha "
            "for sum_i p_i = 1 and beta for the mean, solve the stationarity condition for p, and normalise."
        ),
        givens=(
            Given(p, "the distribution sought (positive entries)", SIMPLEX),
            Given(f, "feature value (or negative energy) of each outcome"),
            Given(alpha, "multiplier of the normalisation sum_i p_i = 1, which fixes it", defined_by=normalised),
            Given(beta, "multiplier of the mean constraint"),
            Given(mu, "the required mean of f"),
        ),
        start=grad(lagrangian, p),
        steps=(
            Step(
                -log(p) - ones(k) + alpha * ones(k) + beta * f,
                "d/dp_i of -p_i log p_i is -log p_i - 1; the constraints are linear in p",
            ),
            Step(
                Equation(log(p), exponent),
                "stationarity: the gradient of the Lagrangian vanishes",
                EQUIVALENT,
                factor=sp.Integer(-1),
            ),
            Step(
                Equation(p, exp(exponent)),
                "exponentiate: every p_i is positive automatically",
                SOLVES,
                root="log is one-to-one on the positive reals: log p_i = c_i has the one root p_i = e^(c_i)",
            ),
            Step(
                result,
                "normalisation sum_i p_i = 1 fixes e^(alpha - 1) = 1/sum_j e^(beta f_j): p_i = e^(beta f_i)/sum_j "
                "e^(beta f_j), the softmax of beta f, with beta chosen so that the mean is mu",
                start=exp(exponent),
                using=(normalised,),
            ),
        ),
        checks=(
            Stationary(
                label="the Lagrangian's jax.grad in p, alpha and beta vanishes at p = softmax(beta f)",
                objective=lagrangian,
                at=((p, result), (alpha, normaliser)),
                wrt=(p, alpha, beta),
                where=mean_matches,
            ),
            Stationary(
                label="and its Hessian in p is negative definite there (the entropy is concave: a maximum)",
                objective=lagrangian,
                at=((p, result), (alpha, normaliser)),
                wrt=(p,),
                second_order="max",
                where=mean_matches,
            ),
            Inequality(
                label="softmax(beta f) maximises H(q) + beta f^T q over random distributions q (so it has the "
                "largest entropy among those with its mean)",
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
            "Why the inequality check suffices: if q has the same mean as p* = softmax(beta f), then "
            "H(q) + beta mu <= H(p*) + beta mu gives H(q) <= H(p*). beta = 0 (no mean constraint) gives the "
            "uniform distribution; beta -> infinity puts all mass on the largest f_i."
        ),
        sizes=((k, 3),),
    )

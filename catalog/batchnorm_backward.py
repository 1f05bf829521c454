"""The batch-normalisation backward pass in closed form."""

import sympy as sp

from derive import (
    POSITIVE,
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    eye,
    grad,
    jacobian,
    ones,
    scalar,
    scalar_of,
    sqrt,
    vector,
)


def derivation() -> Derivation:
    (n,) = dims("n")
    x, g = vector("x", n), vector("g", n)
    gamma, beta = scalar("gamma"), scalar("beta")
    eps = scalar("epsilon", POSITIVE)
    centred = x - sp.MatMul(1 / n, ones(n) * ones(n).T * x)  # x - mean 1
    variance = scalar_of(centred.T * centred) / n
    scale = sqrt(variance + eps)
    xhat = sp.MatMul(1 / scale, centred)
    out = gamma * xhat + beta * ones(n)
    loss = scalar_of(g.T * out)  # any loss whose gradient with respect to the output is g
    one = ones(n)
    result = sp.MatMul(gamma / (n * scale), n * g - one * (one.T * g) - xhat * (xhat.T * g))
    return Derivation(
        id="batchnorm-backward",
        title="Batch normalisation: the backward pass",
        topic="models",
        statement=(
            "Batch normalisation standardises one feature over a batch of n examples, x_hat = (x - mu 1) / "
            "sqrt(v + eps) with the batch mean mu = (1/n) 1^T x and variance v = (1/n) ||x - mu 1||^2, and outputs "
            "y = gamma x_hat + beta 1. Given the upstream gradient g = dL/dy, derive dL/dbeta, dL/dgamma and "
            "dL/dx, remembering that mu and v depend on every x_i. (L = g^T y has exactly the gradient g with "
            "respect to y, so its gradients are the backward pass.)"
        ),
        givens=(
            Given(x, "one feature's values over the batch"),
            Given(g, "upstream gradient dL/dy"),
            Given(gamma, "scale"),
            Given(beta, "shift"),
            Given(eps, "the small constant added to the variance", POSITIVE),
        ),
        start=grad(loss, beta),
        steps=(
            Step(scalar_of(one.T * g), "y depends on beta through beta 1: dL/dbeta = sum_i g_i"),
            Step(
                scalar_of(xhat.T * g),
                "y depends on gamma through gamma x_hat: dL/dgamma = x_hat^T g",
                start=grad(loss, gamma),
            ),
            Step(
                gamma * jacobian(xhat, x).T * g,
                "chain rule: L depends on x only through x_hat, so dL/dx = gamma J^T g with J = dx_hat/dx",
                start=grad(loss, x),
            ),
            Step(
                sp.MatMul(gamma / scale, eye(n) - sp.MatMul(1 / n, one * one.T) - sp.MatMul(1 / n, xhat * xhat.T), g),
                "with c = x - mu 1 and s = sqrt(v + eps): dc/dx = I - (1/n) 1 1^T, dv/dx = (2/n) c (the terms in "
                "sum_i c_i vanish), ds/dx = c / (n s); the quotient rule gives J = (1/s)(I - (1/n) 1 1^T - "
                "(1/n) x_hat x_hat^T), which is symmetric",
            ),
            Step(
                result,
                "multiply out: dL/dx = gamma / (n s) [n g - 1 (1^T g) - x_hat (x_hat^T g)], the usual backward "
                "pass (n g minus the sum of g minus x_hat times dL/dgamma)",
            ),
        ),
        checks=(
            Grad(label="dL/dbeta vs jax.grad", objective=loss, wrt=beta, claim=scalar_of(one.T * g)),
            Grad(label="dL/dgamma vs jax.grad", objective=loss, wrt=gamma, claim=scalar_of(xhat.T * g)),
            Grad(
                label="closed-form dL/dx vs jax.grad through the batch statistics", objective=loss, wrt=x, claim=result
            ),
        ),
        references=(
            Reference(
                "Ioffe & Szegedy, Batch Normalization (ICML 2015)", "section 3, algorithm 1 and the backward equations"
            ),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 8.7.1 (batch normalization)"),
        ),
        tags=("batch normalisation", "backpropagation", "gradient"),
        notes=(
            "The gradient with respect to x sums to zero and is orthogonal to x_hat: shifting or rescaling a "
            "feature's batch does not change the normalised output, so the loss cannot change in those directions."
        ),
        sizes=((n, 3),),
    )

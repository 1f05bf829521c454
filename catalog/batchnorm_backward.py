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
            r"Batch normalisation standardises one feature over a batch of $n$ examples, $\hat{\mathbf{x}} = "
            r"(\mathbf{x} - \mu \mathbf{1}) / \sqrt{v + \epsilon}$ with the batch mean $\mu = (1/n) 1^{\top} "
            r"\mathbf{x}$ and variance $v = (1/n) \|\mathbf{x} - \mu 1\|^{2}$, and outputs $y = \gamma \hat{x} + "
            r"\beta 1$. Given the upstream gradient $\mathbf{g} = \frac{\partial L}{\partial y}$, derive "
            r"$\frac{\partial L}{\partial \beta}$, $\frac{\partial L}{\partial \gamma}$ and $\frac{\partial "
            r"L}{\partial \mathbf{x}}$, remembering that $\mu$ and $v$ depend on every $x_{i}$. ($L = "
            r"\mathbf{g}^{\top} y$ has exactly the gradient $\mathbf{g}$ with respect to $y$, so its gradients "
            r"are the backward pass.)"
        ),
        givens=(
            Given(x, "one feature's values over the batch"),
            Given(g, r"upstream gradient $\frac{\partial L}{\partial y}$"),
            Given(gamma, "scale"),
            Given(beta, "shift"),
            Given(eps, "the small constant added to the variance", POSITIVE),
        ),
        start=grad(loss, beta),
        steps=(
            Step(
                scalar_of(one.T * g),
                r"$y$ depends on $\beta$ through $\beta 1$: $\frac{\partial L}{\partial \beta} = \sum_{i} g_{i}$",
            ),
            Step(
                scalar_of(xhat.T * g),
                (
                    r"$y$ depends on $\gamma$ through $\gamma \hat{x}$: $\frac{\partial L}{\partial \gamma} = "
                    r"\hat{x}^{\top} \mathbf{g}$"
                ),
                start=grad(loss, gamma),
            ),
            Step(
                gamma * jacobian(xhat, x).T * g,
                (
                    r"chain rule: $L$ depends on $\mathbf{x}$ only through $\hat{x}$, so $\frac{\partial L}{\partial "
                    r"\mathbf{x}} = \gamma J^{\top} \mathbf{g}$ with $J = d \hat{x} /d \mathbf{x}$"
                ),
                start=grad(loss, x),
            ),
            Step(
                sp.MatMul(gamma / scale, eye(n) - sp.MatMul(1 / n, one * one.T) - sp.MatMul(1 / n, xhat * xhat.T), g),
                (
                    r"with $c = \mathbf{x} - \mu 1$ and $s = \sqrt{v + \epsilon}$: $\frac{\partial c}{\partial "
                    r"\mathbf{x}} = I - (1/n) 1 1^{\top}$, $\frac{\partial v}{\partial \mathbf{x}} = (2/n) c$ (the terms "
                    r"in $\sum_{i} c_{i}$ vanish), $\frac{\partial s}{\partial \mathbf{x}} = c / (n s)$; the quotient "
                    r"rule gives $J = (1/s)(I - (1/n) 1 1^{\top} - (1/n) \hat{x} \hat{x}^{\top})$, which is symmetric"
                ),
            ),
            Step(
                result,
                (
                    r"multiply out: $\frac{\partial L}{\partial \mathbf{x}} = \gamma / (n s) [n \mathbf{g} - 1 (1^{\top} "
                    r"\mathbf{g}) - \hat{x} (\hat{x}^{\top} \mathbf{g})]$, the usual backward pass ($n \mathbf{g}$ minus "
                    r"the sum of $\mathbf{g}$ minus $\hat{x}$ times $\frac{\partial L}{\partial \gamma}$)"
                ),
            ),
        ),
        checks=(
            Grad(
                label=r"$\frac{\partial L}{\partial \beta}$ vs \texttt{jax.grad}",
                objective=loss,
                wrt=beta,
                claim=scalar_of(one.T * g),
            ),
            Grad(
                label=r"$\frac{\partial L}{\partial \gamma}$ vs \texttt{jax.grad}",
                objective=loss,
                wrt=gamma,
                claim=scalar_of(xhat.T * g),
            ),
            Grad(
                label=(
                    r"closed-form $\frac{\partial L}{\partial \mathbf{x}}$ vs \texttt{jax.grad} through the batch "
                    r"statistics"
                ),
                objective=loss,
                wrt=x,
                claim=result,
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
            r"The gradient with respect to $\mathbf{x}$ sums to zero and is orthogonal to $\hat{x}$: shifting or "
            r"rescaling a feature's batch does not change the normalised output, so the loss cannot change in "
            r"those directions."
        ),
        sizes=((n, 3),),
    )

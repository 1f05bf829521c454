"""The batch-normalisation backward pass in closed form."""

import sympy as sp

from derive import (
    POSITIVE,
    Derivation,
    Equation,
    Given,
    Grad,
    Intermediate,
    Reference,
    Step,
    dims,
    eye,
    grad,
    jacobian,
    norm_sq,
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
    one = ones(n)
    # the batch statistics and the normalised x, named: the rows keep the names, the checkers expand them
    mu, v, xhat, y, L = scalar("mu"), scalar("v"), vector("xhat", n), vector("y", n), scalar("L")
    scale = sqrt(v + eps)
    named = (
        Intermediate(mu, scalar_of(one.T * x) / n, "the batch mean"),
        Intermediate(v, scalar_of(norm_sq(x - mu * one)) / n, "the batch variance"),
        Intermediate(xhat, sp.MatMul(1 / scale, x - mu * one), "the normalised batch"),
        Intermediate(y, gamma * xhat + beta * one, "the output"),
        Intermediate(L, scalar_of(g.T * y), r"any loss whose gradient with respect to $\mathbf{y}$ is $\mathbf{g}$"),
    )
    result = sp.MatMul(gamma / (n * scale), n * g - one * (one.T * g) - xhat * (xhat.T * g))
    return Derivation(
        id="batchnorm-backward",
        title="Batch normalisation: the backward pass",
        topic="models",
        statement=(
            r"Batch normalisation standardises one feature over a batch of $n$ examples, $\hat{\mathbf{x}} = "
            r"(\mathbf{x} - \mu \mathbf{1}) / \sqrt{v + \epsilon}$ with the batch mean $\mu = (1/n) \mathbf{1}^{\top} "
            r"\mathbf{x}$ and variance $v = (1/n) \|\mathbf{x} - \mu \mathbf{1}\|^{2}$, and outputs $\mathbf{y} = \gamma \hat{\mathbf{x}} + "
            r"\beta \mathbf{1}$. Given the upstream gradient $\mathbf{g} = \frac{\partial L}{\partial \mathbf{y}}$, derive "
            r"$\frac{\partial L}{\partial \beta}$, $\frac{\partial L}{\partial \gamma}$ and $\frac{\partial "
            r"L}{\partial \mathbf{x}}$, remembering that $\mu$ and $v$ depend on every $x_{i}$. ($L = "
            r"\mathbf{g}^{\top} \mathbf{y}$ has exactly the gradient $\mathbf{g}$ with respect to $\mathbf{y}$, so its gradients "
            r"are the backward pass.)"
        ),
        givens=(
            Given(x, "one feature's values over the batch"),
            Given(g, r"upstream gradient $\frac{\partial L}{\partial \mathbf{y}}$"),
            Given(gamma, "scale"),
            Given(beta, "shift"),
            Given(eps, "the small constant added to the variance", POSITIVE),
        ),
        start=grad(L, beta),
        steps=(
            Step(
                scalar_of(one.T * g),
                r"$\mathbf{y}$ depends on $\beta$ through $\beta \mathbf{1}$: $\frac{\partial L}{\partial \beta} = \sum_{i} g_{i}$",
            ),
            Step(
                scalar_of(xhat.T * g),
                (
                    r"$\mathbf{y}$ depends on $\gamma$ through $\gamma \hat{\mathbf{x}}$: $\frac{\partial L}{\partial \gamma} = "
                    r"\hat{\mathbf{x}}^{\top} \mathbf{g}$"
                ),
                start=grad(L, gamma),
            ),
            Step(
                gamma * jacobian(xhat, x).T * g,
                (
                    r"chain rule: $L$ depends on $\mathbf{x}$ only through $\hat{\mathbf{x}}$, so $\frac{\partial L}{\partial "
                    r"\mathbf{x}} = \gamma J^{\top} \mathbf{g}$ with $J = d \hat{\mathbf{x}} /d \mathbf{x}$"
                ),
                start=grad(L, x),
            ),
            Step(
                sp.MatMul(gamma / scale, eye(n) - sp.MatMul(1 / n, one * one.T) - sp.MatMul(1 / n, xhat * xhat.T), g),
                (
                    r"with $c = \mathbf{x} - \mu \mathbf{1}$ and $s = \sqrt{v + \epsilon}$: $\frac{\partial c}{\partial "
                    r"\mathbf{x}} = I - (1/n) \mathbf{1}\mathbf{1}^{\top}$, $\frac{\partial v}{\partial \mathbf{x}} = (2/n) c$ (the terms "
                    r"in $\sum_{i} c_{i}$ vanish), $\frac{\partial s}{\partial \mathbf{x}} = c / (n s)$; the quotient "
                    r"rule gives $J = (1/s)(I - (1/n) \mathbf{1}\mathbf{1}^{\top} - (1/n) \hat{\mathbf{x}} \hat{\mathbf{x}}^{\top})$, which is symmetric"
                ),
            ),
            Step(
                result,
                (
                    r"multiply out: $\frac{\partial L}{\partial \mathbf{x}} = \gamma / (n s) [n \mathbf{g} - \mathbf{1} (\mathbf{1}^{\top} "
                    r"\mathbf{g}) - \hat{\mathbf{x}} (\hat{\mathbf{x}}^{\top} \mathbf{g})]$, the usual backward pass ($n \mathbf{g}$ minus "
                    r"the sum of $\mathbf{g}$ minus $\hat{\mathbf{x}}$ times $\frac{\partial L}{\partial \gamma}$)"
                ),
            ),
        ),
        results=(
            Equation(grad(L, beta), scalar_of(one.T * g)),
            Equation(grad(L, gamma), scalar_of(xhat.T * g)),
            Equation(grad(L, x), result),
        ),
        intermediates=named,
        checks=(
            Grad(
                label=r"$\frac{\partial L}{\partial \beta}$ vs \texttt{jax.grad}",
                objective=L,
                wrt=beta,
                claim=scalar_of(one.T * g),
            ),
            Grad(
                label=r"$\frac{\partial L}{\partial \gamma}$ vs \texttt{jax.grad}",
                objective=L,
                wrt=gamma,
                claim=scalar_of(xhat.T * g),
            ),
            Grad(
                label=(
                    r"closed-form $\frac{\partial L}{\partial \mathbf{x}}$ vs \texttt{jax.grad} through the batch "
                    r"statistics"
                ),
                objective=L,
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
            r"The gradient with respect to $\mathbf{x}$ sums to zero and is orthogonal to $\hat{\mathbf{x}}$: shifting or "
            r"rescaling a feature's batch does not change the normalised output, so the loss cannot change in "
            r"those directions."
        ),
        sizes=((n, 3),),
    )

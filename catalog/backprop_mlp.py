"""Backpropagation through a two-layer network: ReLU hidden layer, sigmoid output, cross-entropy."""

from derive import (
    BINARY,
    Derivation,
    Equation,
    Given,
    Grad,
    Intermediate,
    Reference,
    Step,
    dims,
    grad,
    hadamard,
    log,
    matrix,
    relu,
    scalar,
    scalar_of,
    sigmoid,
    step,
    vector,
)


def derivation() -> Derivation:
    d, h = dims("d h")
    x, W1, b1, w2 = vector("x", d), matrix("W1", h, d), vector("b1", h), vector("w2", h)
    y, b2, z = scalar("y"), scalar("b2"), scalar("z")

    def cross_entropy(logit):
        p = sigmoid(logit)
        return -(y * log(p) + (1 - y) * log(1 - p))

    # the forward pass and Bishop's deltas, named: each row keeps the name, the checkers expand it
    z1, a1, z2, L = vector("z_1", h), vector("a_1", h), scalar("z_2"), scalar("L")
    delta2, delta1 = scalar("delta_2"), vector("delta_1", h)
    forward = (
        Intermediate(z1, W1 * x + b1),
        Intermediate(a1, relu(z1)),
        Intermediate(z2, scalar_of(w2.T * a1) + b2),
        Intermediate(L, cross_entropy(z2), "the loss"),
    )
    deltas = (
        Intermediate(delta2, sigmoid(z2) - y, r"the output error $\frac{\partial L}{\partial z_{2}}$"),
        Intermediate(delta1, delta2 * hadamard(w2, step(z1)), r"the hidden error $\frac{\partial L}{\partial z_{1}}$"),
    )
    claims = {b2: delta2, w2: delta2 * a1, b1: delta1, W1: delta1 * x.T}
    away_from_kink = {"avoid": (z1,), "margin": 1e-3}
    return Derivation(
        id="backprop-mlp",
        title="Backpropagation in a two-layer MLP",
        topic="models",
        statement=(
            r"A network computes $z_{1} = \mathbf{W}_{1} \mathbf{x} + \mathbf{b}_{1}$, $a_{1} = "
            r"\operatorname{ReLU} (z_{1})$, $z_{2} = \mathbf{w}_{2}^{\top} a_{1} + b_{2}$ and $p = "
            r"\sigma(z_{2})$, with loss $L = -[y \log p + (1 - y) \log(1 - p)]$. Derive the output error "
            r"$\delta_{2} = \frac{\partial L}{\partial z_{2}}$ and the gradients of $L$ with respect to every "
            r"parameter by the chain rule (away from the $\operatorname{ReLU}$ kink $z_{1} = 0$)."
        ),
        givens=(
            Given(x, "input"),
            Given(y, "label", BINARY),
            Given(W1, "first-layer weights"),
            Given(b1, "first-layer bias"),
            Given(w2, "output weights"),
            Given(b2, "output bias"),
            Given(z, "the output logit $z_{2}$, as a free variable"),
        ),
        start=grad(cross_entropy(z), z),
        steps=(
            Step(sigmoid(z) - y, r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$: the output error $\delta_{2} = p - y$"),
            Step(
                delta2,
                r"chain rule through $z_{2}$, with $\frac{\partial z_{2}}{\partial b_{2}} = 1$",
                start=grad(L, b2),
            ),
            Step(
                delta2 * a1,
                r"chain rule through $z_{2}$, with $\frac{\partial z_{2}}{\partial \mathbf{w}_{2}} = \mathbf{a}_{1}$",
                start=grad(L, w2),
            ),
            Step(
                delta1,
                (
                    r"back through $z_{2} = \mathbf{w}_{2}^{\top} \mathbf{a}_{1} + b_{2}$ and the $\operatorname{ReLU}$, "
                    r"whose derivative is $\mathbb{I}[z > 0]$, with $\frac{\partial \mathbf{z}_{1}}{\partial \mathbf{b}_{1}} = I$"
                ),
                start=grad(L, b1),
            ),
            Step(
                delta1 * x.T,
                (
                    r"$\frac{\partial \mathbf{z}_{1}}{\partial \mathbf{W}_{1}}$ gives the outer product $\boldsymbol{\delta}_{1} "
                    r"\mathbf{x}^{\top}$"
                ),
                start=grad(L, W1),
            ),
        ),
        results=tuple(Equation(grad(L, wrt), claim) for wrt, claim in claims.items()),
        intermediates=forward + deltas,
        checks=tuple(
            Grad(
                label=rf"$\nabla_{{{name}}} L$ vs \texttt{{jax.grad}} (inputs away from the ReLU kink)",
                objective=L,
                wrt=wrt,
                claim=claim,
                **away_from_kink,
            )
            for (wrt, claim), name in zip(
                claims.items(), (r"b_{2}", r"\mathbf{w}_{2}", r"\mathbf{b}_{1}", r"\mathbf{W}_{1}")
            )
        ),
        references=(
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 6.5 (back-propagation)"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 5.3.1, eqs. 5.53-5.56"),
            Reference("CS229 lecture notes", "deep learning, section 7.3: backpropagation"),
        ),
        tags=("backpropagation", "chain rule", "neural networks"),
        notes=(
            r"$\operatorname{ReLU}$ is not differentiable at $0$. The numeric checks leave out random inputs with "
            r"a pre-activation within $10^{-3}$ of $0$ and report how many they left out."
        ),
    )

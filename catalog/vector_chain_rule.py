"""The chain rule for vector functions: the Jacobian of f(g(x)) is J_f(g(x)) J_g(x)."""

from derive import (
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    diag,
    dims,
    hadamard,
    jacobian,
    matrix,
    ones,
    tanh,
    vector,
)


def derivation() -> Derivation:
    m, n = dims("m n")
    x, A, b = vector("x", n), matrix("A", m, n), vector("b", m)
    u, B = vector("u", m), matrix("B", m, m)

    def tanh_prime(v):  # 1 - tanh(v)^2, elementwise
        return ones(m) - hadamard(tanh(v), tanh(v))

    inner = A * x + b  # g(x), R^n -> R^m
    outer_jacobian = diag(tanh_prime(B * u)) * B  # J_f(u) for f(u) = tanh(Bu)
    result = diag(tanh_prime(B * inner)) * B * A
    return Derivation(
        id="vector-chain-rule",
        title="The chain rule for Jacobians",
        topic="calculus",
        statement=(
            r"Let $g(\mathbf{x}) = \mathbf{A} \mathbf{x} + \mathbf{b}$ map $\mathbb{R}^{n}$ to $\mathbb{R}^{m}$ "
            r"and $f (\mathbf{u}) = \tanh(\mathbf{B} \mathbf{u})$ map $\mathbb{R}^{m}$ to $\mathbb{R}^{m}$ (a "
            r"layer: a linear map, then $\tanh$ elementwise). Compute the Jacobians $J_{g}$ ($m \times n$) and "
            r"$J_{f}$ ($m \times m$), and the Jacobian of the composition $h(\mathbf{x}) = f(g(\mathbf{x}))$ from "
            r"the chain rule $J_{h} (\mathbf{x}) = J_{f} (g(\mathbf{x})) J_{g} (\mathbf{x})$."
        ),
        givens=(
            Given(x, "input of $g$"),
            Given(A, "weights of the affine map $g$"),
            Given(b, "offset of the affine map $g$"),
            Given(u, "input of $f$"),
            Given(B, "weights inside $f$"),
        ),
        start=jacobian(inner, x),
        steps=(
            Step(
                A,
                (
                    r"an affine map: $d(\mathbf{A} \mathbf{x} + \mathbf{b})_{i} / d x_{j} = A_{i j}$, and $\mathbf{b}$ "
                    r"does not depend on $\mathbf{x}$"
                ),
            ),
            Step(
                outer_jacobian,
                (
                    r"entry by entry, $d \tanh((\mathbf{B} \mathbf{u})_{i}) / d u_{j} = \tanh'((\mathbf{B} "
                    r"\mathbf{u})_{i}) B_{i j}$ with $\tanh' = 1 - \tanh^{2}$ (tanh-derivative): the row scaling "
                    r"$\operatorname{diag}(1 - \tanh^{2}(\mathbf{B} \mathbf{u}))$ times $\mathbf{B}$"
                ),
                start=jacobian(tanh(B * u), u),
            ),
            Step(
                result,
                (
                    r"the chain rule $J_{h} (\mathbf{x}) = J_{f} (g(\mathbf{x})) J_{g} (\mathbf{x})$: $J_{f}$ above at "
                    r"$\mathbf{u} = \mathbf{A} \mathbf{x} + \mathbf{b}$, times $J_{g} = \mathbf{A}$ ($m \times m$ times "
                    r"$m \times n$, the order the shapes allow)"
                ),
                start=jacobian(tanh(B * inner), x),
            ),
        ),
        checks=(
            Grad(
                label=r"$J_{g} = \mathbf{A}$ vs \texttt{jax.jacobian}",
                objective=inner,
                wrt=x,
                claim=A,
                order="jacobian",
            ),
            Grad(
                label=(
                    r"$J_{f} = \operatorname{diag}(1 - \tanh^{2}(\mathbf{B} \mathbf{u})) \mathbf{B}$ vs "
                    r"\texttt{jax.jacobian}"
                ),
                objective=tanh(B * u),
                wrt=u,
                claim=outer_jacobian,
                order="jacobian",
            ),
            Grad(
                label=r"$J_{f} (g(\mathbf{x})) J_{g} (\mathbf{x})$ vs \texttt{jax.jacobian} of the composition",
                objective=tanh(B * inner),
                wrt=x,
                claim=result,
                order="jacobian",
            ),
        ),
        references=(
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.3, eq. 5.63 (chain rule)"
            ),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 6.5.2, eq. 6.47"),
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 2.8 (derivatives of structured matrices)"),
        ),
        sizes=((m, 3), (n, 2)),
        tags=("jacobian", "chain rule", "backpropagation"),
        notes=(
            r"The order matters: $J_{f} J_{g}$ is $m \times n$ like $J_{h}$, while $J_{g} J_{f}$ is not even "
            r"defined here. Backpropagation multiplies the same Jacobians from the left, $v^{\top} J_{f} J_{g}$, "
            r"one vector-Jacobian product at a time."
        ),
    )

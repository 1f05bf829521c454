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
            "Let g(x) = Ax + b map R^n to R^m and f(u) = tanh(Bu) map R^m to R^m (a layer: a linear map, "
            "then tanh elementwise). Compute the Jacobians J_g (m x n) and J_f (m x m), and the Jacobian of "
            "the composition h(x) = f(g(x)) from the chain rule J_h(x) = J_f(g(x)) J_g(x)."
        ),
        givens=(
            Given(x, "input of g"),
            Given(A, "weights of the affine map g"),
            Given(b, "offset of the affine map g"),
            Given(u, "input of f"),
            Given(B, "weights inside f"),
        ),
        start=jacobian(inner, x),
        steps=(
            Step(A, "an affine map: d(Ax + b)_i / dx_j = A_ij, and b does not depend on x"),
            Step(
                outer_jacobian,
                "entry by entry, d tanh((Bu)_i) / du_j = tanh'((Bu)_i) B_ij with tanh' = 1 - tanh^2 "
                "(tanh-derivative): the row scaling diag(1 - tanh^2(Bu)) times B",
                start=jacobian(tanh(B * u), u),
            ),
            Step(
                result,
                "the chain rule J_h(x) = J_f(g(x)) J_g(x): J_f above at u = Ax + b, times J_g = A "
                "(m x m times m x n, the order the shapes allow)",
                start=jacobian(tanh(B * inner), x),
            ),
        ),
        checks=(
            Grad(label="J_g = A vs jax.jacobian", objective=inner, wrt=x, claim=A, order="jacobian"),
            Grad(
                label="J_f = diag(1 - tanh^2(Bu)) B vs jax.jacobian",
                objective=tanh(B * u),
                wrt=u,
                claim=outer_jacobian,
                order="jacobian",
            ),
            Grad(
                label="J_f(g(x)) J_g(x) vs jax.jacobian of the composition",
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
            "The order matters: J_f J_g is m x n like J_h, while J_g J_f is not even defined here. "
            "Backpropagation multiplies the same Jacobians from the left, v^T J_f J_g, one vector-Jacobian "
            "product at a time."
        ),
    )

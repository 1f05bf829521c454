"""Gradients of the squared L2 norm, the L2 norm, and a subgradient of the L1 norm."""

import sympy as sp

from derive import (
    BINARY,
    STATES,
    Derivation,
    Given,
    Grad,
    Inequality,
    Reference,
    Step,
    absolute,
    dims,
    grad,
    hadamard,
    norm_sq,
    ones,
    scalar_of,
    sign,
    sqrt,
    vector,
)


def derivation() -> Derivation:
    (d,) = dims("d")
    x, y, x0, mask = vector("x", d), vector("y", d), vector("x0", d), vector("m", d)
    squared = norm_sq(x)
    norm = sqrt(scalar_of(norm_sq(x)))

    def l1(v):
        return scalar_of(ones(d).T * absolute(v))

    signs = sign(x)  # one object: an elementwise sign built twice would not compare equal
    subgradient_bound = l1(x) + scalar_of(signs.T * (y - x))
    return Derivation(
        id="norm-gradients",
        title="Gradients of norms: the squared norm, the norm and a subgradient of the L1 norm",
        topic="linear-algebra",
        statement=(
            r"Compute the gradient of $\|\mathbf{x} \|_{2}^{2} = \mathbf{x}^{\top} \mathbf{x}$ and of "
            r"$\|\mathbf{x}\|_{2} = \sqrt{\mathbf{x}^{\top} \mathbf{x}}$ (for $\mathbf{x} \neq 0$). The $L_{1}$ "
            r"norm $\|\mathbf{x} \|_{1} = \sum_{i} |x_{i} |$ is not differentiable where some $x_{i} = 0$: show "
            r"that $\operatorname{sign} (\mathbf{x})$ is its gradient where it is differentiable and a "
            r"subgradient everywhere, i.e. $\|\mathbf{y} \|_{1} \geq \|\mathbf{x} \|_{1} + \operatorname{sign} "
            r"(\mathbf{x})^{\top} (\mathbf{y} - \mathbf{x})$ for all $\mathbf{y}$."
        ),
        givens=(
            Given(x, r"point (nonzero for $\|\mathbf{x} \|_{2}$; entries nonzero where the $L_{1}$ gradient is taken)"),
            Given(y, "any other point"),
        ),
        start=grad(squared, x),
        steps=(
            Step(
                2 * x,
                (
                    r"$\mathbf{x}^{\top} \mathbf{x} = \sum_{i} x_{i}^{2}$ and $\frac{d}{d\mathbf{x}}_{i} x_{i}^{2} = 2 "
                    r"x_{i}$"
                ),
            ),
            Step(
                (1 / (2 * norm)) * grad(squared, x),
                r"chain rule: $\frac{d}{du} \sqrt{u} = 1 / (2 \sqrt{u})$ with $u = \mathbf{x}^{\top} \mathbf{x}$",
                start=grad(norm, x),
            ),
            Step(
                x / norm,
                (
                    r"the gradient of $\mathbf{x}^{\top} \mathbf{x}$ is $2\mathbf{x}$: the unit vector $\mathbf{x} / "
                    r"\|\mathbf{x} \|_{2}$"
                ),
            ),
            Step(
                sp.GreaterThan(l1(y), subgradient_bound),
                (
                    r"subgradient inequality, coordinate by coordinate: $|x_{i} | = \operatorname{sign}(x_{i}) x_{i}$ "
                    r"and $|y_{i} | \geq \operatorname{sign}(x_{i}) y_{i}$ since $|\operatorname{sign}(x_{i})| \leq 1$; "
                    r"at $x_{i} = 0$, $\operatorname{sign}(0) = 0$ lies in the subdifferential $[-1, 1]$ (checked "
                    r"numerically with points that have zero coordinates)"
                ),
                STATES,
                start=l1(y),
                checked_by=3,
            ),
            Step(
                signs,
                (
                    r"where every $x_{i} \neq 0$, $d |x_{i} |/d x_{i} = \operatorname{sign}(x_{i})$: the gradient, and "
                    r"then the only subgradient"
                ),
                start=grad(l1(x), x),
            ),
        ),
        checks=(
            Grad(
                label=r"grad $\|\mathbf{x} \|^{2} = 2\mathbf{x}$ vs \texttt{jax.grad}",
                objective=squared,
                wrt=x,
                claim=2 * x,
            ),
            Grad(
                label=r"grad $\|\mathbf{x} \| = \mathbf{x} /\|\mathbf{x} \|$ vs \texttt{jax.grad}",
                objective=norm,
                wrt=x,
                claim=x / norm,
            ),
            Inequality(
                label=(
                    r"$\operatorname{sign}(\mathbf{x})$ is a subgradient of $\|.\|_{1}$, also at points with zero "
                    r"coordinates"
                ),
                lesser=subgradient_bound,
                greater=l1(y),
                where=((x, hadamard(mask, x0)),),
                extra=(
                    Given(x0, "random point"),
                    Given(mask, r"which coordinates of $\mathbf{x}$ are kept (others are $0$)", BINARY),
                ),
                trials=256,
                tolerance=1e-12,
            ),
            Grad(
                label=(
                    r"grad $\|\mathbf{x} \|_{1} = \operatorname{sign}(\mathbf{x})$ vs \texttt{jax.grad} (inputs away from "
                    r"the kinks $x_{i} = 0$)"
                ),
                objective=l1(x),
                wrt=x,
                claim=signs,
                avoid=(x,),
            ),
        ),
        references=(
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 2.6.1 (derivative of the two-norm)"),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning",
                "section 5.5 (useful identities for gradients)",
            ),
            Reference(
                "Boyd & Vandenberghe, Convex Optimization",
                "section 3.1.3: the first-order condition f(y) >= f(x) + grad f(x)^T (y - x), which a subgradient extends to nonsmooth f",
            ),
        ),
        tags=("norms", "gradient", "subgradient"),
        notes=(
            "The $L_{1}$ check leaves out random points with a coordinate within $10^{-3}$ of $0$, where $|.|$ "
            "has its kink; the subgradient inequality is checked at points whose coordinates are set to exactly "
            "$0$ at random."
        ),
    )

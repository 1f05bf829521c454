"""The degree-2 polynomial kernel is an inner product of explicit feature vectors."""

import sympy as sp

from derive import (
    POSITIVE,
    Derivation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    scalar,
)


def derivation() -> Derivation:
    x1, x2, z1, z2 = (scalar(name) for name in ("x1", "x2", "z1", "z2"))
    c = scalar("c", POSITIVE)
    root2 = sp.sqrt(2)

    def phi(u1, u2):
        return (u1**2, root2 * u1 * u2, u2**2, sp.sqrt(2 * c) * u1, sp.sqrt(2 * c) * u2, c)

    inner = x1 * z1 + x2 * z2  # x^T z
    kernel = (inner + c) ** 2
    # phi(x)^T phi(z), kept as the sum of the six products so the features stay visible
    result = sp.Add(*(sp.Mul(f, g, evaluate=False) for f, g in zip(phi(x1, x2), phi(z1, z2))), evaluate=False)
    return Derivation(
        id="poly-kernel-feature-map",
        title="The quadratic polynomial kernel as an explicit feature map",
        topic="models",
        statement=(
            r"For $x = (x_{1}, x_{2})$ and $z = (z_{1}, z_{2})$ in $\mathbb{R}^{2}$, so $x^{\top} z = x_{1} z_{1} "
            r"+ x_{2} z_{2}$, and $c > 0$, show that the kernel $k(x, z) = (x^{\top} z + c)^{2}$ equals "
            r"$\phi(x)^{\top} \phi(z)$ for the six-dimensional feature map $\phi(u) = (u_{1}^{2}, \sqrt{2}\, "
            r"u_{1} u_{2}, u_{2}^{2}, \sqrt{2c}\, u_{1}, \sqrt{2c}\, u_{2}, c)$. A kernel method that evaluates "
            r"$k$ therefore works in the feature space of all monomials of degree at most $2$ without ever "
            r"computing $\phi$."
        ),
        givens=(
            Given(x1, "first coordinate of the input $x$"),
            Given(x2, "second coordinate of the input $x$"),
            Given(z1, "first coordinate of the input $z$"),
            Given(z2, "second coordinate of the input $z$"),
            Given(c, "the kernel's offset, trading off degree-1 against degree-2 terms", POSITIVE),
        ),
        start=kernel,
        steps=(
            Step(
                sp.Add(inner**2, 2 * c * inner, c**2, evaluate=False),
                r"expand the square $(x^{\top} z + c)^{2} = (x^{T} z)^{2} + 2c x^{T} z + c^{2}$",
            ),
            Step(
                x1**2 * z1**2 + 2 * x1 * x2 * z1 * z2 + x2**2 * z2**2 + 2 * c * x1 * z1 + 2 * c * x2 * z2 + c**2,
                (
                    r"$x^{\top} z = x_{1} z_{1} + x_{2} z_{2}$, so $(x^{T} z)^{2} = x_{1}^{2} z_{1}^{2} + 2 x_{1} x_{2} "
                    r"z_{1} z_{2} + x_{2}^{2} z_{2}^{2}$"
                ),
            ),
            Step(
                result,
                (
                    r"each term is a product $f(x) f(z)$ of one function of $x$ and the same function of $z$: "
                    r"$(x_{1}^{2})(z_{1}^{2})$, $(\sqrt{2}\, x_{1} x_{2})(\sqrt{2}\, z_{1} z_{2})$, "
                    r"$(x_{2}^{2})(z_{2}^{2})$, $(\sqrt{2c}\, x_{1})(\sqrt{2c}\, z_{1})$, $(\sqrt{2c}\, "
                    r"x_{2})(\sqrt{2c}\, z_{2})$ and $(c)(c)$, which is the inner product of the feature vectors"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=r"$(x^{\top} z + c)^{2} = \phi(x)^{\top} \phi(z)$ on random inputs",
                lhs=kernel,
                rhs=result,
                trials=256,
            ),
        ),
        references=(
            Reference("CS229 lecture notes (Ng)", "part V, section 7: kernels (the (x^T z + c)^2 example)"),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 6.2, eq. 6.12"),
            Reference("Murphy, Machine Learning: A Probabilistic Perspective", "section 14.2.3 (polynomial kernels)"),
        ),
        tags=("kernels", "feature map", "identity"),
        notes=(
            r"In $d$ dimensions the same expansion gives $\phi(u) = (\operatorname{vec}(u u^{\top}), \sqrt{2c}\, "
            r"u, c)$: $d^{2} + d + 1$ features (fewer if the symmetric products $u_{i} u_{j}$, $u_{j} u_{i}$ are "
            r"merged), while $k$ costs $O(d)$ to evaluate."
        ),
    )

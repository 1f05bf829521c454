"""Rules of the matrix product: associativity, the transpose of a product, and non-commutativity."""

import sympy as sp

from derive import (
    STATES,
    Derivation,
    Given,
    IdentityCheck,
    Inequality,
    Intermediate,
    Reference,
    Step,
    dims,
    matrix,
    transpose,
    vector,
)


def derivation() -> Derivation:
    m, n, p, d = dims("m n p d")
    A, B, x = matrix("A", m, n), matrix("B", n, p), vector("x", p)
    C, D = matrix("C", d, d), matrix("D", d, d)
    E = sp.ImmutableMatrix([[0, 1], [0, 0]])
    F = sp.ImmutableMatrix([[0, 0], [1, 0]])
    commutator = C * D - D * C
    commutator_sq = sp.Trace(transpose(commutator) * commutator)  # ||CD - DC||_F^2
    # (AB)x and A(Bx): the inner products named, so the rows show which is formed first
    AB, Bx = matrix("M", m, p), vector("u", n)
    products = (
        Intermediate(AB, A * B, "formed first on the left"),
        Intermediate(Bx, B * x, "formed first on the right"),
    )
    left_first, right_first = AB * x, A * Bx
    return Derivation(
        id="matrix-product-rules",
        title="Rules of the matrix product",
        topic="linear-algebra",
        statement=(
            r"For an $m \times n$ matrix $\mathbf{A}$, an $n \times p$ matrix $\mathbf{B}$ and $\mathbf{x}$ in "
            r"$\mathbb{R}^{p}$ show that $(\mathbf{A} \mathbf{B})\mathbf{x} = \mathbf{A} (\mathbf{B} \mathbf{x})$ "
            r"and $(\mathbf{A} \mathbf{B})^{\top} = \mathbf{B}^{\top} \mathbf{A}^{\top}$. Then show that the "
            r"product is not commutative: give two matrices with $EF \neq FE$, and check that square matrices "
            r"$\mathbf{C}$, $\mathbf{D}$ in general have $\mathbf{C} \mathbf{D} \neq \mathbf{D} \mathbf{C}$, so "
            r"that for them $(\mathbf{C} \mathbf{D})^{\top} = \mathbf{D}^{\top} \mathbf{C}^{\top}$ is not "
            r"$\mathbf{C}^{\top} \mathbf{D}^{\top}$."
        ),
        givens=(
            Given(A, r"$m \times n$ matrix"),
            Given(B, r"$n \times p$ matrix"),
            Given(x, "vector"),
            Given(C, "square matrix"),
            Given(D, "square matrix of the same size"),
        ),
        start=left_first,
        steps=(
            Step(
                right_first,
                (
                    r"associativity: entry $i$ of both is $\sum_{j} \sum_{k} A_{i j} B_{j k} x_{k}$; "
                    r"$\mathbf{A} (\mathbf{B} \mathbf{x})$ costs two matrix-vector products"
                ),
            ),
            Step(
                B.T * A.T,
                (
                    r"entry $(i, j)$ of $(\mathbf{A} \mathbf{B})^{\top}$ is $(\mathbf{A} \mathbf{B})_{j i} = \sum_{k} "
                    r"A_{j k} B_{k i} = \sum_{k} (\mathbf{B}^{\top})_{i k} (\mathbf{A}^{\top})_{k j}$; only this order "
                    r"has matching shapes ($p \times n$ times $n \times m$)"
                ),
                start=transpose(A * B),
            ),
            Step(
                sp.ImmutableMatrix([[1, 0], [0, 0]]),
                (
                    r"a counterexample: $E = \begin{pmatrix} 0 & 1 \\ 0 & 0 \end{pmatrix}$ and $F = \begin{pmatrix} 0 & 0 "
                    r"\\ 1 & 0 \end{pmatrix}$ give $EF = \begin{pmatrix} 1 & 0 \\ 0 & 0 \end{pmatrix}$"
                ),
                start=sp.MatMul(E, F, evaluate=False),
            ),
            Step(
                sp.ImmutableMatrix([[0, 0], [0, 1]]),
                r"but $FE = \begin{pmatrix} 0 & 0 \\ 0 & 1 \end{pmatrix} \neq EF$: the product does not commute",
                start=sp.MatMul(F, E, evaluate=False),
            ),
            Step(
                sp.Float(1e-6),
                (
                    r"not only for special matrices: the commutator $\mathbf{C} \mathbf{D} - \mathbf{D} \mathbf{C}$ is "
                    r"nonzero for random square $\mathbf{C}$, $\mathbf{D}$ (checked numerically: $\|\mathbf{C} \mathbf{D} "
                    r"- \mathbf{D} \mathbf{C} \|_{F}^{2} > 0$ on every random instance); $\mathbf{A} \mathbf{B} = "
                    r"\mathbf{B} \mathbf{A}$ is the exception"
                ),
                STATES,
                start=commutator_sq,
                states=">",
                checked_by=4,
            ),
            Step(
                D.T * C.T,
                (
                    r"the transpose rule for square factors: the order reverses, and $\mathbf{C}^{\top} \mathbf{D}^{\top} "
                    r"= (\mathbf{D} \mathbf{C})^{\top}$ differs from $(\mathbf{C} \mathbf{D})^{\top}$ exactly because "
                    r"$\mathbf{D} \mathbf{C} \neq \mathbf{C} \mathbf{D}$"
                ),
                start=transpose(C * D),
            ),
        ),
        intermediates=products,
        checks=(
            IdentityCheck(
                label=(
                    r"$(\mathbf{A} \mathbf{B})\mathbf{x} = \mathbf{A} (\mathbf{B} \mathbf{x})$, each side evaluated in "
                    r"its own order"
                ),
                lhs=left_first,
                rhs=right_first,
            ),
            IdentityCheck(
                label=(
                    r"$(\mathbf{A} \mathbf{B})^{\top} = \mathbf{B}^{\top} \mathbf{A}^{\top}$ for rectangular "
                    r"$\mathbf{A}$, $\mathbf{B}$"
                ),
                lhs=transpose(A * B),
                rhs=B.T * A.T,
            ),
            IdentityCheck(
                label=r"the counterexample: $EF - FE = \operatorname{diag}(1, -1)$",
                # unevaluated: SymPy would compute E F - F E itself, and the check compare a constant with itself
                lhs=sp.MatAdd(sp.MatMul(E, F, evaluate=False), sp.MatMul(-1, F, E, evaluate=False), evaluate=False),
                rhs=sp.ImmutableMatrix([[1, 0], [0, -1]]),
            ),
            Inequality(
                label=(
                    r"random square $\mathbf{C}$, $\mathbf{D}$ do not commute: $\|\mathbf{C} \mathbf{D} - \mathbf{D} "
                    r"\mathbf{C} \|_{F}^{2} > 10^{-6}$"
                ),
                lesser=sp.Float(1e-6),
                greater=commutator_sq,
            ),
            IdentityCheck(
                label=(
                    r"$(\mathbf{C} \mathbf{D})^{\top} = \mathbf{D}^{\top} \mathbf{C}^{\top}$ for square $\mathbf{C}$, "
                    r"$\mathbf{D}$"
                ),
                lhs=transpose(C * D),
                rhs=D.T * C.T,
            ),
        ),
        references=(
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 1.1, eq. 5: (AB)^T = B^T A^T"),
            Reference("Strang, Introduction to Linear Algebra", "section 2.4, rules for matrix operations"),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 2.2.1, eqs. 2.18-2.21 and 2.28"
            ),
        ),
        tags=("matrix product", "transpose", "non-commutativity"),
    )

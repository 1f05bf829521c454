"""Rules of the matrix product: associativity, the transpose of a product, and non-commutativity."""

import sympy as sp

from derive import (
    STATES,
    Derivation,
    Given,
    IdentityCheck,
    Inequality,
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
    left_first = sp.MatMul(sp.MatMul(A, B), x, evaluate=False)
    right_first = sp.MatMul(A, sp.MatMul(B, x), evaluate=False)
    return Derivation(
        id="matrix-product-rules",
        title="Rules of the matrix product",
        topic="linear-algebra",
        statement=(
            "For A (m x n), B (n x p) and x in R^p show that (AB)x = A(Bx) and (AB)^T = B^T A^T. Then show that "
            "the product is not commutative: give two matrices with EF != FE, and check that square matrices "
            "C, D in general have CD != DC, so that for them (CD)^T = D^T C^T is not C^T D^T."
        ),
        givens=(
            Given(A, "m x n matrix"),
            Given(B, "n x p matrix"),
            Given(x, "vector"),
            Given(C, "square matrix"),
            Given(D, "square matrix of the same size"),
        ),
        start=left_first,
        steps=(
            Step(
                right_first,
                "associativity: both are sum_j sum_k A_ij B_jk x_k (A(Bx) costs two matrix-vector products)",
            ),
            Step(
                B.T * A.T,
                "entry (i, j) of (AB)^T is (AB)_ji = sum_k A_jk B_ki = sum_k (B^T)_ik (A^T)_kj; only this order "
                "has matching shapes (p x n times n x m)",
                start=transpose(A * B),
            ),
            Step(
                sp.ImmutableMatrix([[1, 0], [0, 0]]),
                "a counterexample: E = [[0, 1], [0, 0]] and F = [[0, 0], [1, 0]] give EF = [[1, 0], [0, 0]]",
                start=sp.MatMul(E, F, evaluate=False),
            ),
            Step(
                sp.ImmutableMatrix([[0, 0], [0, 1]]),
                "but FE = [[0, 0], [0, 1]] != EF: the product does not commute",
                start=sp.MatMul(F, E, evaluate=False),
            ),
            Step(
                sp.StrictGreaterThan(commutator_sq, sp.Float(1e-6)),
                "not only for special matrices: the commutator CD - DC is nonzero for random square C, D (checked "
                "numerically: ||CD - DC||_F^2 > 0 on every random instance); AB = BA is the exception",
                STATES,
                start=commutator_sq,
                checked_by=4,
            ),
            Step(
                D.T * C.T,
                "the transpose rule for square factors: the order reverses, and C^T D^T = (DC)^T differs from "
                "(CD)^T exactly because DC != CD",
                start=transpose(C * D),
            ),
        ),
        checks=(
            IdentityCheck(label="(AB)x = A(Bx), each side evaluated in its own order", lhs=left_first, rhs=right_first),
            IdentityCheck(label="(AB)^T = B^T A^T for rectangular A, B", lhs=transpose(A * B), rhs=B.T * A.T),
            IdentityCheck(
                label="the counterexample: EF - FE = diag(1, -1)",
                # unevaluated: SymPy would compute E F - F E itself, and the check compare a constant with itself
                lhs=sp.MatAdd(sp.MatMul(E, F, evaluate=False), sp.MatMul(-1, F, E, evaluate=False), evaluate=False),
                rhs=sp.ImmutableMatrix([[1, 0], [0, -1]]),
            ),
            Inequality(
                label="random square C, D do not commute: ||CD - DC||_F^2 > 1e-6",
                lesser=sp.Float(1e-6),
                greater=commutator_sq,
            ),
            IdentityCheck(label="(CD)^T = D^T C^T for square C, D", lhs=transpose(C * D), rhs=D.T * C.T),
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

"""Rank-nullity through the SVD: orthonormal bases of the column space and the null space."""

import sympy as sp

from derive import (
    ORTHONORMAL,
    POSITIVE,
    STATES,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    diag,
    dims,
    eye,
    matrix,
    vector,
)

from ._lib.subspaces import column_basis, null_basis, nullity, rank


def derivation() -> Derivation:
    n, d, r = dims("n d r")
    A = matrix("A", n, d)
    U1, V1, V2 = matrix("U_1", n, r), matrix("V_1", d, r), matrix("V_2", d, d - r)
    s = vector("s", r)
    L, R = matrix("L", n, r), matrix("R", d, r)
    svd = U1 * diag(s) * V1.T
    rank_r = ((A, L * R.T),)  # the numeric checks draw A = L R^T: rank r
    extra = (Given(L, "random left factor"), Given(R, "random right factor"))
    sizes = ((n, 5), (d, 6), (r, 2))
    null = null_basis(A, d - r)
    orthogonal = Equation(V1.T * V2, sp.ZeroMatrix(r, d - r))  # right singular vectors are orthogonal
    return Derivation(
        id="rank-nullity",
        title="Rank and null space: the rank-nullity theorem from the SVD",
        topic="statistics",
        statement=(
            "A matrix A with n rows, d columns and rank r has a singular value decomposition A = U_1 diag(s) V_1^T "
            "with r positive singular values s, orthonormal columns U_1 (n-by-r) and V_1 (d-by-r), and V_2 "
            "(d-by-(d - r)) completing "
            "V_1 to an orthonormal basis of R^d. Show that the columns of V_2 lie in the null space of A, that "
            "together with the fact that Ax = 0 forces V_1^T x = 0 they give its basis, and conclude "
            "rank A + dim null A = d: the r directions A keeps plus the d - r it destroys. (Features that are exact "
            "linear combinations of others add null directions: the least-squares weights are then not unique.)"
        ),
        givens=(
            Given(A, "a data or weight matrix of rank r"),
            Given(U1, "left singular vectors of the nonzero singular values", ORTHONORMAL),
            Given(s, "the r nonzero singular values", POSITIVE),
            Given(V1, "right singular vectors of the nonzero singular values (orthonormal columns)"),
            Given(V2, "the other right singular vectors, orthonormal columns", defined_by=orthogonal),
        ),
        start=svd * V2,
        steps=(
            Step(
                sp.ZeroMatrix(n, d - r),
                "A V_2 with the SVD A = U_1 diag(s) V_1^T: V_1^T V_2 = 0 because right singular vectors are "
                "orthogonal, so every column of V_2 is in null A",
                using=(orthogonal,),
            ),
            Step(
                sp.Add(r, d - r, evaluate=False),
                "the columns of U_1 are an orthonormal basis of the column space (A x = U_1 (diag(s) V_1^T x) reaches "
                "all of span U_1), so rank A = r; if A x = 0 then diag(s) V_1^T x = 0, so V_1^T x = 0 and "
                "x = V_2 V_2^T x: the d - r columns of V_2 are a basis of null A. Checked with JAX's SVD on random "
                "rank-r matrices (the bases, the rank and the nullity)",
                STATES,
                start=rank(A) + nullity(A),
                states="=",
                checked_by=1,
            ),
            Step(d, "add"),
        ),
        checks=(
            IdentityCheck(
                label="rank A (singular values > 0) + dim null A (zero eigenvalues of A^T A) = d, for A of rank 2",
                lhs=rank(A) + nullity(A),
                rhs=d,
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
            IdentityCheck(
                label="rank A = r",
                lhs=rank(A),
                rhs=r,
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
            IdentityCheck(
                label="A V_2 = 0 for the last d - r right singular vectors from jnp.linalg.svd",
                lhs=A * null,
                rhs=sp.ZeroMatrix(n, d - r),
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
                tolerance=1e-10,
            ),
            IdentityCheck(
                label="V_2^T V_2 = I: an orthonormal basis of the null space",
                lhs=null.T * null,
                rhs=eye(d - r),
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
            IdentityCheck(
                label="U_1 U_1^T A = A: the first r left singular vectors span the column space",
                lhs=column_basis(A, r) * column_basis(A, r).T * A,
                rhs=A,
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
        ),
        references=(
            Reference("Strang, Introduction to Linear Algebra (5th ed.)", "sections 3.5 and 7.1 (the four subspaces)"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "sections 2.7.3 and 4.5"),
        ),
        tags=("rank", "null space", "SVD", "linear algebra"),
        notes=(
            "The symbolic checker verifies A V_2 = 0 on an explicit instance from the SVD and V_1^T V_2 = 0 (solved "
            "for entries of V_1); the counting step is stated, and the numeric checks compute the rank from the "
            "singular values and the nullity independently from the eigenvalues of A^T A."
        ),
        sizes=((n, 4), (d, 3), (r, 2)),
    )

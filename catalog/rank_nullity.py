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
        topic="linear-algebra",
        statement=(
            r"A matrix $\mathbf{A}$ with $n$ rows, $d$ columns and rank $r$ has a singular value decomposition "
            r"$\mathbf{A} = \mathbf{U}_{1} \operatorname{diag}(\mathbf{s}) \mathbf{V}_{1}^{\top}$ with $r$ "
            r"positive singular values $\mathbf{s}$, orthonormal columns $\mathbf{U}_{1}$ (n-by-r) and "
            r"$\mathbf{V}_{1}$ (d-by-r), and $\mathbf{V}_{2}$ (d-by-(d - $r$)) completing $\mathbf{V}_{1}$ to an "
            r"orthonormal basis of $\mathbb{R}^{d}$. Show that the columns of $\mathbf{V}_{2}$ lie in the null "
            r"space of $\mathbf{A}$, that together with the fact that Ax = $0$ forces $\mathbf{V}_{1}^{\top} x = "
            r"0$ they give its basis, and conclude rank $\mathbf{A}$ + dim null $\mathbf{A} = d$: the $r$ "
            r"directions $\mathbf{A}$ keeps plus the $d - r$ it destroys. (Features that are exact linear "
            r"combinations of others add null directions: the least-squares weights are then not unique.)"
        ),
        givens=(
            Given(A, "a data or weight matrix of rank $r$"),
            Given(U1, "left singular vectors of the nonzero singular values", ORTHONORMAL),
            Given(s, "the $r$ nonzero singular values", POSITIVE),
            Given(V1, "right singular vectors of the nonzero singular values (orthonormal columns)"),
            Given(V2, "the other right singular vectors, orthonormal columns", defined_by=orthogonal),
        ),
        start=svd * V2,
        steps=(
            Step(
                sp.ZeroMatrix(n, d - r),
                (
                    r"$\mathbf{A} \mathbf{V}_{2}$ with the SVD $\mathbf{A} = \mathbf{U}_{1} \operatorname{diag} "
                    r"(\mathbf{s}) \mathbf{V}_{1}^{\top}$: $\mathbf{V}_{1}^{\top} \mathbf{V}_{2} = 0$ because right "
                    r"singular vectors are orthogonal, so every column of $\mathbf{V}_{2}$ is in null $\mathbf{A}$"
                ),
                using=(orthogonal,),
            ),
            Step(
                sp.Add(r, d - r, evaluate=False),
                (
                    r"the columns of $\mathbf{U}_{1}$ are an orthonormal basis of the column space ($\mathbf{A} x = "
                    r"\mathbf{U}_{1} (\operatorname{diag} (\mathbf{s}) \mathbf{V}_{1}^{\top} x)$ reaches all of span "
                    r"$\mathbf{U}_{1}$), so rank $\mathbf{A} = r$; if $\mathbf{A} x = 0$ then $\operatorname{diag} "
                    r"(\mathbf{s}) \mathbf{V}_{1}^{\top} x = 0$, so $\mathbf{V}_{1}^{\top} x = 0$ and $x = \mathbf{V}_{2} "
                    r"\mathbf{V}_{2}^{\top} x$: the $d - r$ columns of $\mathbf{V}_{2}$ are a basis of null $\mathbf{A}$. "
                    r"Checked with JAX's SVD (\texttt{jnp.linalg.svd}) on random matrices of rank $r$ (the bases, the rank "
                    r"and the nullity)"
                ),
                STATES,
                start=rank(A) + nullity(A),
                states="=",
                checked_by=1,
            ),
            Step(d, "add"),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"rank $\mathbf{A}$ (singular values $> 0$) + dim null $\mathbf{A}$ (zero eigenvalues of "
                    r"$\mathbf{A}^{\top} \mathbf{A}) = d$, for $\mathbf{A}$ of rank $2$"
                ),
                lhs=rank(A) + nullity(A),
                rhs=d,
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
            IdentityCheck(
                label=r"rank $\mathbf{A} = r$",
                lhs=rank(A),
                rhs=r,
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
            IdentityCheck(
                label=r"$\mathbf{A} \mathbf{V}_{2} = 0$ for the last $d - r$ right singular vectors from jnp.linalg.svd",
                lhs=A * null,
                rhs=sp.ZeroMatrix(n, d - r),
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
                tolerance=1e-10,
            ),
            IdentityCheck(
                label=r"$\mathbf{V}_{2}^{\top} \mathbf{V}_{2} = I$: an orthonormal basis of the null space",
                lhs=null.T * null,
                rhs=eye(d - r),
                where=rank_r,
                extra=extra,
                sizes=sizes,
                trials=32,
            ),
            IdentityCheck(
                label=(
                    r"$\mathbf{U}_{1} \mathbf{U}_{1}^{\top} \mathbf{A} = \mathbf{A}$: the first $r$ left singular vectors "
                    r"span the column space"
                ),
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
            r"The symbolic checker verifies $\mathbf{A} \mathbf{V}_{2} = 0$ on an explicit instance from the SVD "
            r"and $\mathbf{V}_{1}^{\top} \mathbf{V}_{2} = 0$ (solved for entries of $\mathbf{V}_{1}$); the "
            r"counting step is stated, and the numeric checks compute the rank from the singular values and the "
            r"nullity independently from the eigenvalues of $\mathbf{A}^{\top} \mathbf{A}$."
        ),
        sizes=((n, 4), (d, 3), (r, 2)),
    )

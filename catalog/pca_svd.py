"""PCA through the SVD of the centred data: covariance, principal directions and scores."""

import sympy as sp

from derive import (
    ORTHONORMAL,
    POSITIVE,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    diag,
    dims,
    eigval,
    matrix,
    ones,
    svd_s,
    svd_u,
    svd_v,
    transpose,
    vector,
)


def derivation() -> Derivation:
    d, n = dims("d n")
    Xc, U, V, s = matrix("X_c", n, d), matrix("U", n, d), matrix("V", d, d), vector("s", d)
    S = diag(s)
    inv_n = 1 / n
    svd = Equation(Xc, U * S * V.T)
    C = sp.MatMul(inv_n, Xc.T * Xc)
    variances = sp.MatMul(inv_n, S * S)  # Sigma^2 / n
    scores = U * S
    from_data = (
        (Xc, Xc - sp.MatMul(inv_n, ones(n) * ones(n).T * Xc)),  # centre the random data
        (U, svd_u(Xc)),
        (s, svd_s(Xc)),
        (V, svd_v(Xc)),
    )
    return Derivation(
        id="pca-svd",
        title="PCA from the singular value decomposition",
        topic="linear-algebra",
        statement=(
            r"Let $\mathbf{X}_{c}$ ($n \times d$, $n \geq d$) be centred data with thin SVD $\mathbf{X}_{c} = \mathbf{U} "
            r"\Sigma \mathbf{V}^{\top}$: $\mathbf{U}$ has orthonormal columns, $\mathbf{V}$ is orthogonal and "
            r"$\Sigma = \operatorname{diag}(\mathbf{s})$ holds the singular values. Show that the covariance $C "
            r"= (1/n) \mathbf{X}_{c}^{\top} \mathbf{X}_{c}$ equals $\mathbf{V} (\Sigma^{2} / n) "
            r"\mathbf{V}^{\top}$, so the columns of $\mathbf{V}$ are the principal directions (eigenvectors of "
            r"$C$ with eigenvalues $s_{i}^{2} / n$), and that the scores, the coordinates of the data in those "
            r"directions, are $\mathbf{X}_{c} \mathbf{V} = \mathbf{U} \Sigma$."
        ),
        givens=(
            Given(Xc, r"centred data, one observation per row $(n \geq d)$"),
            Given(U, "left singular vectors, orthonormal columns", ORTHONORMAL, defined_by=svd),
            Given(s, "singular values", POSITIVE),
            Given(V, "right singular vectors, an orthogonal matrix", ORTHONORMAL),
        ),
        start=C,
        steps=(
            Step(
                sp.MatMul(inv_n, transpose(U * S * V.T) * (U * S * V.T)),
                r"substitute the SVD $\mathbf{X}_{c} = \mathbf{U} \Sigma \mathbf{V}^{\top}$",
                using=(svd,),
            ),
            Step(
                sp.MatMul(inv_n, V * S * U.T * U * S * V.T),
                (
                    r"($\mathbf{U} \Sigma \mathbf{V}^{\top})^{\top} = \mathbf{V} \Sigma \mathbf{U}^{\top} (\Sigma$ is "
                    r"diagonal)"
                ),
            ),
            Step(V * variances * V.T, r"$\mathbf{U}^{\top} \mathbf{U} = I$ (orthonormal columns)"),
            Step(
                V * variances,
                (
                    r"$C \mathbf{V} = \mathbf{V} (\Sigma^{2}/n) \mathbf{V}^{\top} \mathbf{V}$ and $\mathbf{V}^{\top} "
                    r"\mathbf{V} = I$: column $i$ of $\mathbf{V}$ is an eigenvector of $C$ with eigenvalue $s_{i}^{2} / "
                    r"n$, the variance along it, so the columns of $\mathbf{V}$ are the principal directions"
                ),
                start=C * V,
                using=(svd,),
            ),
            Step(U * S * V.T * V, "substitute the SVD", start=Xc * V, using=(svd,)),
            Step(
                scores,
                (
                    r"$\mathbf{V}^{\top} \mathbf{V} = I$: the scores are $\mathbf{U} \Sigma$, the left singular vectors "
                    r"scaled"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"$C = \mathbf{V} (\Sigma^{2}/n) \mathbf{V}^{\top}$ with $\mathbf{U}$, $\mathbf{s}$, $\mathbf{V}$ "
                    r"from jnp.linalg.svd"
                ),
                lhs=C,
                rhs=V * variances * V.T,
                where=from_data,
            ),
            IdentityCheck(
                label=r"$C \mathbf{V} = \mathbf{V} \Sigma^{2} / n$: the columns of $\mathbf{V}$ are eigenvectors",
                lhs=C * V,
                rhs=V * variances,
                where=from_data,
            ),
            IdentityCheck(
                label="the top eigenvalue of $C$ (eigh) is $s_{1}^{2} / n$",
                lhs=eigval(C, 0),
                rhs=sp.MatMul(inv_n, s[0, 0] ** 2 * sp.Identity(1)),
                where=from_data,
            ),
            IdentityCheck(
                label=r"scores $\mathbf{X}_{c} \mathbf{V} = \mathbf{U} \Sigma$", lhs=Xc * V, rhs=scores, where=from_data
            ),
        ),
        references=(
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 10.4 (PCA via the SVD), eq. 10.46"
            ),
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 12.1 (PCA)"),
            Reference("Strang, Introduction to Linear Algebra", "section 7.3, principal component analysis by the SVD"),
        ),
        tags=("pca", "svd", "eigenvectors"),
        sizes=((n, 2), (d, 2)),
        notes=(
            r"The numeric checks centre random data and take $\mathbf{U}$, $\mathbf{s}$ and $\mathbf{V}$ from "
            r"jnp.linalg.svd of it, then compare what the derivation claims with the covariance computed from the "
            r"data (and its eigh). The symbolic checker proves the steps on a $2 \times 2$ instance with orthogonal "
            r"$\mathbf{U}$ and $\mathbf{V}$ (Cayley parametrisation), which keeps it within its time limit; the "
            r"numeric checks use $8 \times 5$ data."
        ),
    )

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
            "Let X_c (n x d, n >= d) be centred data with thin SVD X_c = U Sigma V^T: U has orthonormal columns, "
            "V is orthogonal and Sigma = diag(s) holds the singular values. Show that the covariance "
            "C = (1/n) X_c^T X_c equals V (Sigma^2 / n) V^T, so the columns of V are the principal directions "
            "(eigenvectors of C with eigenvalues s_i^2 / n), and that the scores, the coordinates of the data "
            "in those directions, are X_c V = U Sigma."
        ),
        givens=(
            Given(Xc, "centred data, one observation per row (n >= d)"),
            Given(U, "left singular vectors, orthonormal columns", ORTHONORMAL, defined_by=svd),
            Given(s, "singular values", POSITIVE),
            Given(V, "right singular vectors, an orthogonal matrix", ORTHONORMAL),
        ),
        start=C,
        steps=(
            Step(
                sp.MatMul(inv_n, transpose(U * S * V.T) * (U * S * V.T)),
                "substitute the SVD X_c = U Sigma V^T",
                using=(svd,),
            ),
            Step(
                sp.MatMul(inv_n, V * S * U.T * U * S * V.T),
                "(U Sigma V^T)^T = V Sigma U^T (Sigma is diagonal)",
            ),
            Step(V * variances * V.T, "U^T U = I (orthonormal columns)"),
            Step(
                V * variances,
                "C V = V (Sigma^2/n) V^T V and V^T V = I: column i of V is an eigenvector of C with eigenvalue "
                "s_i^2 / n, the variance along it, so the columns of V are the principal directions",
                start=C * V,
                using=(svd,),
            ),
            Step(U * S * V.T * V, "substitute the SVD", start=Xc * V, using=(svd,)),
            Step(scores, "V^T V = I: the scores are U Sigma, the left singular vectors scaled"),
        ),
        checks=(
            IdentityCheck(
                label="C = V (Sigma^2/n) V^T with U, s, V from jnp.linalg.svd",
                lhs=C,
                rhs=V * variances * V.T,
                where=from_data,
            ),
            IdentityCheck(
                label="C V = V Sigma^2 / n: the columns of V are eigenvectors",
                lhs=C * V,
                rhs=V * variances,
                where=from_data,
            ),
            IdentityCheck(
                label="the top eigenvalue of C (eigh) is s_1^2 / n",
                lhs=eigval(C, 0),
                rhs=sp.MatMul(inv_n, s[0, 0] ** 2 * sp.Identity(1)),
                where=from_data,
            ),
            IdentityCheck(label="scores X_c V = U Sigma", lhs=Xc * V, rhs=scores, where=from_data),
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
            "The numeric checks centre random data and take U, s and V from jnp.linalg.svd of it, then compare "
            "what the derivation claims with the covariance computed from the data (and its eigh). The symbolic "
            "checker proves the steps on a 2 x 2 instance with orthogonal U and V (Cayley parametrisation), which "
            "keeps it within its time limit; the numeric checks use 8 x 5 data."
        ),
    )

"""Ridge regression in the eigenbasis of X^T X: eigenvalues shift by lambda, directions shrink."""

import sympy as sp

from derive import (
    ORTHONORMAL,
    POSITIVE,
    Derivation,
    Equation,
    Given,
    Identity,
    Reference,
    Step,
    diag,
    dims,
    eigval,
    eye,
    inv,
    lstsq,
    matrix,
    scalar,
    svd_s,
    svd_u,
    svd_v,
    vector,
)


def derivation() -> Derivation:
    d, n = dims("d n")
    X, y = matrix("X", n, d), vector("y", n)
    U, V, s = matrix("U", n, d), matrix("V", d, d), vector("s", d)
    lam = scalar("lambda", POSITIVE)
    S = diag(s)
    M = S * S  # diag(mu), mu_i = s_i^2: the eigenvalues of X^T X
    svd = Equation(X, U * S * V.T)
    ridge = inv(X.T * X + lam * eye(d)) * X.T * y
    ols = inv(X.T * X) * X.T * y
    shrink = M * inv(M + lam * eye(d))  # diag(mu_i / (mu_i + lambda))
    result = shrink * V.T * ols
    from_data = ((U, svd_u(X)), (s, svd_s(X)), (V, svd_v(X)))
    return Derivation(
        id="ridge-eigen-shift",
        title="Ridge regression shrinks along the eigenvectors of X^T X",
        topic="linear-algebra",
        statement=(
            "Let X (n x d, full column rank) have thin SVD X = U diag(s) V^T, so X^T X = V diag(mu) V^T with "
            "eigenvalues mu_i = s_i^2. Show that X^T X + lambda I has the same eigenvectors with eigenvalues "
            "mu_i + lambda, and that in the eigenbasis the ridge solution w_lambda = (X^T X + lambda I)^{-1} X^T y "
            "is the least-squares solution w_0 = (X^T X)^{-1} X^T y with coordinate i shrunk by the factor "
            "mu_i / (mu_i + lambda)."
        ),
        givens=(
            Given(X, "design matrix with full column rank (n >= d)"),
            Given(y, "targets"),
            Given(lam, "ridge penalty", POSITIVE),
            Given(U, "left singular vectors of X", ORTHONORMAL),
            Given(s, "singular values of X", POSITIVE),
            Given(V, "right singular vectors of X: the eigenvectors of X^T X", ORTHONORMAL),
        ),
        start=(X.T * X + lam * eye(d)) * V,
        steps=(
            Step(
                V * (M + lam * eye(d)),
                "X^T X = V diag(s)^2 V^T and V^T V = I: column i of V is an eigenvector of X^T X + lambda I with "
                "eigenvalue mu_i + lambda (adding lambda I shifts every eigenvalue and keeps the eigenvectors)",
                using=(svd,),
            ),
            Step(
                inv(M + lam * eye(d)) * S * U.T * y,
                "substitute the SVD: V^T (V (M + lambda I) V^T)^{-1} V diag(s) U^T y, and V^T V = I",
                start=V.T * ridge,
                using=(svd,),
            ),
            Step(
                shrink * inv(S) * U.T * y, "diagonal matrices commute: insert M M^{-1} = I with M^{-1} = diag(s)^{-2}"
            ),
            Step(
                result,
                "least squares in the eigenbasis: V^T w_0 = V^T (X^T X)^{-1} X^T y = diag(s)^{-1} U^T y",
                using=(svd,),
            ),
        ),
        checks=(
            Identity(
                label="(X^T X + lambda I) V = V (diag(s)^2 + lambda I), with U, s, V from jnp.linalg.svd",
                lhs=(X.T * X + lam * eye(d)) * V,
                rhs=V * (M + lam * eye(d)),
                where=from_data,
            ),
            Identity(
                label="top eigenvalue (eigh) of X^T X + lambda I = top eigenvalue of X^T X + lambda",
                lhs=eigval(X.T * X + lam * eye(d), 0),
                rhs=eigval(X.T * X, 0) + lam * sp.Identity(1),
            ),
            Identity(
                label="and the smallest ones",
                lhs=eigval(X.T * X + lam * eye(d), 4),
                rhs=eigval(X.T * X, 4) + lam * sp.Identity(1),
                sizes=((d, 5),),
            ),
            Identity(
                label="V^T w_ridge (from X directly) = shrunk V^T w_0",
                lhs=V.T * ridge,
                rhs=result,
                where=from_data,
            ),
            Identity(
                label="the shrunk coordinates with w_0 from a least-squares solver",
                lhs=V.T * ridge,
                rhs=shrink * V.T * lstsq(X, y),
                where=from_data,
            ),
        ),
        references=(
            Reference("Hastie, Tibshirani, Friedman: The Elements of Statistical Learning", "section 3.4.1, eq. 3.47"),
            Reference(
                "Bishop, Pattern Recognition and Machine Learning",
                "section 3.5.3 (effective number of parameters, eq. 3.91)",
            ),
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning",
                "section 4.4 (eigendecomposition) and 9.2.3",
            ),
        ),
        tags=("ridge", "eigenvalues", "shrinkage", "svd"),
        notes=(
            "Directions with large mu_i (well determined by the data) are barely shrunk; directions with "
            "mu_i << lambda are shrunk towards 0. The sum of the factors, sum_i mu_i / (mu_i + lambda), is the "
            "effective number of parameters."
        ),
        sizes=((n, 2), (d, 2)),
    )

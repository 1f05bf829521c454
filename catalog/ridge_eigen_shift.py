"""Ridge regression in the eigenbasis of X^T X: eigenvalues shift by lambda, directions shrink."""

import sympy as sp

from derive import (
    ORTHONORMAL,
    POSITIVE,
    Derivation,
    Given,
    IdentityCheck,
    Reference,
    Step,
    diag,
    dims,
    eigval,
    eye,
    hadamard,
    inv,
    lstsq,
    matrix,
    scalar,
    svd_s,
    svd_v,
    vector,
)


def derivation() -> Derivation:
    d, n = dims("d n")
    X, y = matrix("X", n, d), vector("y", n)
    V, mu, h = matrix("V", d, d), vector("mu", d), vector("h", d)
    lam = scalar("lambda", POSITIVE)
    M = diag(mu)
    gram = V * M * V.T  # X^T X in its eigendecomposition
    identity = eye(d)
    shrink = M * inv(M + lam * identity)  # diag(mu_i / (mu_i + lambda))
    # evaluate=False keeps V^T (V diag(mu) V^T)^{-1} h = V^T w_0 as written (SymPy would cancel V^T into V^{-1})
    result = sp.MatMul(M, inv(M + lam * identity), V.T, inv(gram), h, evaluate=False)
    from_data = ((V, svd_v(X)), (mu, hadamard(svd_s(X), svd_s(X))), (h, X.T * y))
    ridge_from_data = inv(X.T * X + lam * identity) * X.T * y
    return Derivation(
        id="ridge-eigen-shift",
        title="Ridge regression shrinks along the eigenvectors of X^T X",
        topic="linear-algebra",
        statement=(
            "Let X (n x d) have full column rank and X^T X = V diag(mu) V^T (V orthogonal, eigenvalues mu_i > 0; "
            "from the SVD X = U diag(s) V^T, mu_i = s_i^2), and let h = X^T y. Show that X^T X + lambda I has the "
            "same eigenvectors with eigenvalues mu_i + lambda, and that in the eigenbasis the ridge solution "
            "w_lambda = (X^T X + lambda I)^{-1} h is the least-squares solution w_0 = (X^T X)^{-1} h with "
            "coordinate i shrunk by the factor mu_i / (mu_i + lambda)."
        ),
        givens=(
            Given(X, "design matrix with full column rank (n >= d)"),
            Given(y, "targets"),
            Given(lam, "ridge penalty", POSITIVE),
            Given(V, "eigenvectors of X^T X (the right singular vectors of X)", ORTHONORMAL),
            Given(mu, "eigenvalues of X^T X (the squared singular values of X)", POSITIVE),
            Given(h, "X^T y"),
        ),
        start=(gram + lam * identity) * V,
        steps=(
            Step(
                V * (M + lam * identity),
                "V^T V = I: column i of V is an eigenvector of X^T X + lambda I with eigenvalue mu_i + lambda "
                "(adding lambda I shifts every eigenvalue and keeps the eigenvectors)",
            ),
            Step(
                inv(M + lam * identity) * V.T * h,
                "X^T X + lambda I = V (diag(mu) + lambda I) V^T, whose inverse is V (diag(mu) + lambda I)^{-1} V^T",
                start=V.T * inv(gram + lam * identity) * h,
            ),
            Step(shrink * inv(M) * V.T * h, "diagonal matrices commute: insert diag(mu) diag(mu)^{-1} = I"),
            Step(
                result,
                "least squares in the eigenbasis: V^T w_0 = V^T (V diag(mu) V^T)^{-1} h = diag(mu)^{-1} V^T h",
            ),
        ),
        checks=(
            IdentityCheck(
                label="(X^T X + lambda I) V = V (diag(mu) + lambda I), with V, mu = s^2 from jnp.linalg.svd of X",
                lhs=(X.T * X + lam * identity) * V,
                rhs=V * (M + lam * identity),
                where=from_data,
            ),
            IdentityCheck(
                label="top eigenvalue (eigh) of X^T X + lambda I = top eigenvalue of X^T X + lambda",
                lhs=eigval(X.T * X + lam * identity, 0),
                rhs=eigval(X.T * X, 0) + lam * sp.Identity(1),
            ),
            IdentityCheck(
                label="and the smallest ones",
                lhs=eigval(X.T * X + lam * identity, 4),
                rhs=eigval(X.T * X, 4) + lam * sp.Identity(1),
                sizes=((d, 5),),
            ),
            IdentityCheck(
                label="V^T w_ridge computed from X and y = the shrunk eigen-coordinates of w_0",
                lhs=V.T * ridge_from_data,
                rhs=result,
                where=from_data,
            ),
            IdentityCheck(
                label="the same with w_0 from a least-squares solver",
                lhs=V.T * ridge_from_data,
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
            "effective number of parameters. The symbolic checker works with X^T X written as V diag(mu) V^T; "
            "the numeric checks start from random data X, y and take V and mu = s^2 from its SVD."
        ),
    )

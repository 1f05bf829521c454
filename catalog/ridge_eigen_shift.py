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
        title="Ridge regression shrinks along the eigenvectors of the Gram matrix",
        topic="linear-algebra",
        statement=(
            r"Let $\mathbf{X}$ ($n \times d$) have full column rank and $\mathbf{X}^{\top} \mathbf{X} = \mathbf{V} "
            r"\operatorname{diag} (\boldsymbol{\mu}) \mathbf{V}^{\top} (\mathbf{V}$ orthogonal, eigenvalues "
            r"$\mu_{i} > 0$; from the SVD $\mathbf{X} = U \operatorname{diag}(s) \mathbf{V}^{\top}$, $\mu_{i} = "
            r"s_{i}^{2}$), and let $\mathbf{h} = \mathbf{X}^{\top} \mathbf{y}$. Show that $\mathbf{X}^{\top} "
            r"\mathbf{X} + \lambda I$ has the same eigenvectors with eigenvalues $\mu_{i} + \lambda$, and that in "
            r"the eigenbasis the ridge solution $w_{\lambda} = (\mathbf{X}^{\top} \mathbf{X} + \lambda I)^{-1} "
            r"\mathbf{h}$ is the least-squares solution $w_{0} = (\mathbf{X}^{\top} \mathbf{X})^{-1} \mathbf{h}$ "
            r"with coordinate $i$ shrunk by the factor $\mu_{i} / (\mu_{i} + \lambda)$."
        ),
        givens=(
            Given(X, r"design matrix with full column rank $(n \geq d)$"),
            Given(y, "targets"),
            Given(lam, "ridge penalty", POSITIVE),
            Given(
                V,
                r"eigenvectors of $\mathbf{X}^{\top} \mathbf{X}$ (the right singular vectors of $\mathbf{X}$)",
                ORTHONORMAL,
            ),
            Given(
                mu,
                r"eigenvalues of $\mathbf{X}^{\top} \mathbf{X}$ (the squared singular values of $\mathbf{X}$)",
                POSITIVE,
            ),
            Given(h, r"$\mathbf{X}^{\top} \mathbf{y}$"),
        ),
        start=(gram + lam * identity) * V,
        steps=(
            Step(
                V * (M + lam * identity),
                (
                    r"$\mathbf{V}^{\top} \mathbf{V} = I$: column $i$ of $\mathbf{V}$ is an eigenvector of "
                    r"$\mathbf{X}^{\top} \mathbf{X} + \lambda I$ with eigenvalue $\mu_{i} + \lambda$ (adding $\lambda I$ "
                    r"shifts every eigenvalue and keeps the eigenvectors)"
                ),
            ),
            Step(
                inv(M + lam * identity) * V.T * h,
                (
                    r"$\mathbf{X}^{\top} \mathbf{X} + \lambda I = \mathbf{V} (\operatorname{diag} (\boldsymbol{\mu}) + "
                    r"\lambda I) \mathbf{V}^{\top}$, whose inverse is $\mathbf{V} (\operatorname{diag} (\boldsymbol{\mu}) "
                    r"+ \lambda I)^{-1} \mathbf{V}^{\top}$"
                ),
                start=V.T * inv(gram + lam * identity) * h,
            ),
            Step(
                shrink * inv(M) * V.T * h,
                (
                    r"diagonal matrices commute: insert $\operatorname{diag} (\boldsymbol{\mu}) \operatorname{diag} "
                    r"(\boldsymbol{\mu})^{-1} = I$"
                ),
            ),
            Step(
                result,
                (
                    r"least squares in the eigenbasis: $\mathbf{V}^{\top} w_{0} = \mathbf{V}^{\top} (\mathbf{V} "
                    r"\operatorname{diag} (\boldsymbol{\mu}) \mathbf{V}^{\top})^{-1} \mathbf{h} = \operatorname{diag} "
                    r"(\boldsymbol{\mu})^{-1} \mathbf{V}^{\top} \mathbf{h}$"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"$(\mathbf{X}^{\top} \mathbf{X} + \lambda I) \mathbf{V} = \mathbf{V} (\operatorname{diag} "
                    r"(\boldsymbol{\mu}) + \lambda I)$, with $\mathbf{V}$, $\boldsymbol{\mu} = s^{2}$ from jnp.linalg.svd "
                    r"of $\mathbf{X}$"
                ),
                lhs=(X.T * X + lam * identity) * V,
                rhs=V * (M + lam * identity),
                where=from_data,
            ),
            IdentityCheck(
                label=(
                    r"top eigenvalue (eigh) of $\mathbf{X}^{\top} \mathbf{X} + \lambda I$ = top eigenvalue of "
                    r"$\mathbf{X}^{\top} \mathbf{X} + \lambda$"
                ),
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
                label=(
                    r"$\mathbf{V}^{\top} w_{\mathrm{ridge}}$ computed from $\mathbf{X}$ and $\mathbf{y}$ = the shrunk "
                    r"eigen-coordinates of $w_{0}$"
                ),
                lhs=V.T * ridge_from_data,
                rhs=result,
                where=from_data,
            ),
            IdentityCheck(
                label="the same with $w_{0}$ from a least-squares solver",
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
            r"Directions with large $\mu_{i}$ (well determined by the data) are barely shrunk; directions with "
            r"$\mu_{i} << \lambda$ are shrunk towards $0$. The sum of the factors, $\sum_{i} \mu_{i} / (\mu_{i} + "
            r"\lambda)$, is the effective number of parameters. The symbolic checker works with "
            r"$\mathbf{X}^{\top} \mathbf{X}$ written as $\mathbf{V} \operatorname{diag} (\boldsymbol{\mu}) "
            r"\mathbf{V}^{\top}$; the numeric checks start from random data $\mathbf{X}$, $\mathbf{y}$ and take "
            r"$\mathbf{V}$ and $\boldsymbol{\mu} = s^{2}$ from its SVD."
        ),
    )

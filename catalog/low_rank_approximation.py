"""The error of a truncated SVD: the sum of the squared singular values left out."""

from derive import (
    BINARY,
    ORTHONORMAL,
    POSITIVE,
    Derivation,
    Equation,
    Given,
    IdentityCheck,
    Inequality,
    Reference,
    Step,
    diag,
    dims,
    hadamard,
    matrix,
    norm_sq,
    ones,
    scalar_of,
    step,
    svd_s,
    svd_u,
    svd_v,
    trace,
    transpose,
    vector,
)


def derivation() -> Derivation:
    d, n = dims("d n")
    X, U, V = matrix("X", n, d), matrix("U", n, d), matrix("V", d, d)
    s, m = vector("s", d), vector("m", d)
    Q = matrix("Q", d, 2)
    svd = Equation(X, U * diag(s) * V.T)
    kept = diag(hadamard(m, s))
    dropped = diag(hadamard(ones(d) - m, s))
    X_k = U * kept * V.T
    error = trace(transpose(X - X_k) * (X - X_k))  # ||X - X_k||_F^2
    result = scalar_of(norm_sq(hadamard(ones(d) - m, s)))  # sum of the dropped s_i^2
    from_data = ((U, svd_u(X)), (s, svd_s(X)), (V, svd_v(X)))
    top_two = (*from_data, (m, step(s - s[2, 0] * ones(d))))  # keep the two largest singular values
    return Derivation(
        id="low-rank-approximation",
        title="Error of a truncated SVD",
        topic="linear-algebra",
        statement=(
            r"Let $\mathbf{X} = \mathbf{U} \operatorname{diag}(\mathbf{s}) \mathbf{V}^{\top}$ be the thin SVD of "
            r"$\mathbf{X}$ ($n \times d$), and let $X_{k} = \mathbf{U} \operatorname{diag} (\mathbf{m} \odot \mathbf{s}) "
            r"\mathbf{V}^{\top}$ keep the singular values selected by the $\tfrac{0}{1}$ vector $\mathbf{m}$ (for "
            r"the truncated SVD, the $k$ largest). Show that the squared Frobenius error is $\|\mathbf{X} - X_{k} "
            r"\|_{F}^{2} = \sum_{i} (1 - m_{i}) s_{i}^{2}$, the sum of the squared singular values left out "
            r"($\sum_{i > k} s_{i}^{2}$ for the truncated $S \mathbf{V} D$)."
        ),
        givens=(
            Given(X, r"data matrix $(n \geq d)$"),
            Given(U, "left singular vectors, orthonormal columns", ORTHONORMAL, defined_by=svd),
            Given(s, "singular values", POSITIVE),
            Given(V, "right singular vectors, orthogonal", ORTHONORMAL),
            Given(m, "which singular values are kept $(1)$ or dropped $(0)$", BINARY),
        ),
        start=error,
        steps=(
            Step(
                trace(transpose(U * dropped * V.T) * (U * dropped * V.T)),
                (
                    r"substitute the SVD: $\mathbf{X} - X_{k} = \mathbf{U} (\operatorname{diag} (\mathbf{s}) - "
                    r"\operatorname{diag} (\mathbf{m} \odot \mathbf{s})) \mathbf{V}^{\top} = \mathbf{U} "
                    r"\operatorname{diag} ((1 - \mathbf{m}) \odot \mathbf{s}) \mathbf{V}^{\top}$"
                ),
                using=(svd,),
            ),
            Step(
                trace(V * dropped * U.T * U * dropped * V.T), "transpose of a product; diagonal matrices are symmetric"
            ),
            Step(trace(V * dropped * dropped * V.T), r"$\mathbf{U}^{\top} \mathbf{U} = I$"),
            Step(trace(dropped * dropped * V.T * V), "cyclic property of the trace: tr(AB) = tr(BA)"),
            Step(
                result,
                (
                    r"$\mathbf{V}^{\top} \mathbf{V} = I$, and the trace of a diagonal matrix squared is the sum of its "
                    r"squared entries"
                ),
            ),
        ),
        checks=(
            IdentityCheck(
                label=(
                    r"$\|\mathbf{X} - X_{k} \|_{F}^{2}$ = sum of dropped $s_{i}^{2}$, with $\mathbf{U}$, $\mathbf{s}$, "
                    r"$\mathbf{V}$ from jnp.linalg.svd and a random kept set"
                ),
                lhs=error,
                rhs=result,
                where=from_data,
            ),
            IdentityCheck(
                label=r"the truncated SVD keeping the two largest: error = $\sum_{i > 2} s_{i}^{2}$",
                lhs=error,
                rhs=result,
                where=top_two,
            ),
            Inequality(
                label="Eckart-Young: the rank-2 truncation beats projecting the rows onto a random 2-plane",
                lesser=error,
                greater=trace(transpose(X - X * Q * Q.T) * (X - X * Q * Q.T)),
                where=top_two,
                extra=(Given(Q, "random orthonormal basis of a 2-dimensional subspace", ORTHONORMAL),),
                trials=256,
            ),
        ),
        references=(
            Reference(
                "Deisenroth, Faisal, Ong: Mathematics for Machine Learning",
                "section 4.6 (matrix approximation), theorem 4.25 (Eckart-Young)",
            ),
            Reference("Strang, Introduction to Linear Algebra", "section 7.2 (the SVD) and 7.3"),
            Reference("Petersen & Pedersen, The Matrix Cookbook", "section 5.3 (singular value decomposition)"),
        ),
        tags=("svd", "low rank", "frobenius norm"),
        notes=(
            r"The Eckart-Young theorem adds that no matrix of rank $k$ comes closer than the truncated SVD; the "
            r"inequality check compares it with rank-2 projections of the data onto random subspaces. The "
            r"symbolic checker works on a $2 \times 2$ instance with orthogonal $\mathbf{U}$ and $\mathbf{V}$ (Cayley "
            r"parametrisation) to stay within its time limit."
        ),
        sizes=((n, 2), (d, 2)),
    )

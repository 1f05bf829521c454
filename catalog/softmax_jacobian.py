"""The Jacobian of softmax: diag(s) - s s^T."""

from derive import Derivation, Given, Grad, Reference, Step, diag, dims, eye, jacobian, ones, softmax, vector


def derivation() -> Derivation:
    (k,) = dims("k")
    z = vector("z", k)
    s = softmax(z)
    result = diag(s) - s * s.T
    return Derivation(
        id="softmax-jacobian",
        title="The Jacobian of softmax",
        topic="calculus",
        statement=(
            "softmax maps scores z in R^k to probabilities s_i = e^(z_i) / sum_j e^(z_j). Compute its k x k "
            "Jacobian J_ij = ds_i/dz_j and write it with matrices."
        ),
        givens=(Given(z, "scores (logits), one per class"),),
        start=jacobian(s, z),
        steps=(
            Step(
                diag(s) * (eye(k) - ones(k) * s.T),
                "quotient rule on s_i = e^(z_i)/S with S = sum_j e^(z_j) and dS/dz_j = e^(z_j): "
                "ds_i/dz_j = s_i [i = j] - s_i s_j = s_i (delta_ij - s_j)",
            ),
            Step(result, "multiply out: diag(s) 1 = s, so diag(s) 1 s^T = s s^T"),
        ),
        checks=(
            Grad(
                label="diag(s) - s s^T vs jax.jacobian of softmax",
                objective=s,
                wrt=z,
                claim=result,
                order="jacobian",
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.4, eq. 4.106"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 6.2.2.3 (softmax units)"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.3 (Jacobians)"),
        ),
        sizes=((k, 3),),
        tags=("jacobian", "softmax", "quotient rule", "classification"),
        notes=(
            "J is symmetric, and J 1 = s - s (s^T 1) = 0: adding a constant to every score leaves softmax "
            "unchanged. Unlike an elementwise activation, softmax has off-diagonal terms -s_i s_j, so its "
            "Jacobian is not diag(s . (1 - s))."
        ),
    )

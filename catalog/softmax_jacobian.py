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
            r"$\operatorname{softmax}$ maps scores $\mathbf{z}$ in $\mathbb{R}^{k}$ to probabilities $s_{i} = e^{z_{i}} / "
            r"\sum_{j} e^{z_{j}}$. Compute its $k \times k$ Jacobian $J_{i j} = d s_{i} /d z_{j}$ and write it with "
            r"matrices."
        ),
        givens=(Given(z, "scores (logits), one per class"),),
        start=jacobian(s, z),
        steps=(
            Step(
                diag(s) * (eye(k) - ones(k) * s.T),
                (
                    r"quotient rule on $s_{i} = e^{z_{i}}/S$ with $S = \sum_{j} e^{z_{j}}$ and $\frac{\partial "
                    r"S}{\partial \mathbf{z}}_{j} = e^{z_{j}}$: $d s_{i} /d z_{j} = s_{i} [i = j] - s_{i} s_{j} = s_{i} "
                    r"(\delta_{i j} - s_{j})$"
                ),
            ),
            Step(
                result,
                r"multiply out: $\operatorname{diag}(s) 1 = s$, so $\operatorname{diag}(s) 1 s^{\top} = s s^{\top}$",
            ),
        ),
        checks=(
            Grad(
                label=r"$\operatorname{diag}(s) - s s^{\top}$ vs \texttt{jax.jacobian} of $\operatorname{softmax}$",
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
            r"$J$ is symmetric, and $J 1 = s - s(s^{\top} 1) = 0$: adding a constant to every score leaves "
            r"$\operatorname{softmax}$ unchanged. Unlike an elementwise activation, $\operatorname{softmax}$ has "
            r"off-diagonal terms $-s_{i} s_{j}$, so its Jacobian is not $\operatorname{diag}(s \odot(1 - s))$."
        ),
    )

"""The gradient of cross-entropy through softmax: softmax(z) - y."""

from derive import (
    SIMPLEX,
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    dims,
    exp,
    grad,
    log,
    ones,
    scalar_of,
    softmax,
    vector,
)


def derivation() -> Derivation:
    (k,) = dims("k")
    z, y = vector("z", k), vector("y", k)
    loss = -(y.T * log(softmax(z)))
    log_partition = log(scalar_of(ones(k).T * exp(z)))
    result = softmax(z) - y
    return Derivation(
        id="softmax-ce-grad",
        title="Gradient of softmax cross-entropy",
        topic="calculus",
        statement=(
            r"A classifier turns scores $\mathbf{z}$ in $\mathbb{R}^{k}$ into probabilities $\operatorname{softmax} "
            r"(\mathbf{z})$ and is trained with the cross-entropy $L (\mathbf{z}) = -\sum_{i} y_{i} \log "
            r"\operatorname{softmax} (\mathbf{z})_{i}$ against a target distribution $\mathbf{y} (a$ one-hot "
            r"label, or any probability vector: $y_{i} \geq 0$, $\sum_{i} y_{i} = 1$). Compute the gradient of "
            r"$L$ with respect to the scores $\mathbf{z}$."
        ),
        givens=(
            Given(z, "scores (logits)"),
            Given(y, "target distribution over the $k$ classes", SIMPLEX),
        ),
        start=grad(loss, z),
        steps=(
            Step(
                grad(scalar_of(y.T * ones(k)) * log_partition - scalar_of(y.T * z), z),
                (
                    r"$\log \operatorname{softmax}(\mathbf{z})_{i} = z_{i} - \log \sum_{j} e^{z_{j}}$, so $L = "
                    r"(\sum_{i} y_{i}) \log \sum_{j} e^{z_{j}} - \mathbf{y}^{\top} \mathbf{z}$"
                ),
            ),
            Step(
                scalar_of(y.T * ones(k)) * softmax(z) - y,
                (
                    r"$\frac{d}{d\mathbf{z}}_{i} \log \sum_{j} e^{z_{j}} = e^{z_{i}} / \sum_{j} e^{z_{j}} = "
                    r"\operatorname{softmax} (\mathbf{z})_{i}$; the gradient of $\mathbf{y}^{\top} \mathbf{z}$ is "
                    r"$\mathbf{y}$"
                ),
            ),
            Step(result, r"$\mathbf{y}$ is a probability vector: $\sum_{i} y_{i} = \mathbf{y}^{\top} 1 = 1$"),
        ),
        checks=(
            Grad(
                label=(
                    r"$\operatorname{softmax}(\mathbf{z}) - \mathbf{y}$ vs \texttt{jax.grad} of the cross-entropy "
                    r"($\mathbf{y}$ on the simplex)"
                ),
                objective=loss,
                wrt=z,
                claim=result,
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.4, eqs. 4.108-4.109"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 6.2.2.3 (softmax units)"),
            Reference("CS229 lecture notes (Ng)", "part II, section 9.3: softmax regression"),
        ),
        sizes=((k, 3),),
        tags=("gradient", "softmax", "cross-entropy", "classification"),
        notes=(
            r"The same result follows from the chain rule with the $\operatorname{softmax}$ Jacobian: $J^{\top} "
            r"(-\mathbf{y} / s) = (\operatorname{diag} (s) - s s^{\top})(-\mathbf{y} / s) = -\mathbf{y} + s "
            r"(1^{\top} \mathbf{y})$. If $\mathbf{y}$ did not sum to $1$ the gradient would be $(1^{\top} "
            r"\mathbf{y}) \operatorname{softmax} (\mathbf{z}) - \mathbf{y}$, which is why the target must be a "
            r"distribution."
        ),
    )

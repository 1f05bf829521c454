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
            "A classifier turns scores z in R^k into probabilities softmax(z) and is trained with the "
            "cross-entropy L(z) = -sum_i y_i log softmax(z)_i against a target distribution y (a one-hot "
            "label, or any probability vector: y_i >= 0, sum_i y_i = 1). Compute the gradient of L with "
            "respect to the scores z."
        ),
        givens=(
            Given(z, "scores (logits)"),
            Given(y, "target distribution over the k classes", SIMPLEX),
        ),
        start=grad(loss, z),
        steps=(
            Step(
                grad(scalar_of(y.T * ones(k)) * log_partition - scalar_of(y.T * z), z),
                "log softmax(z)_i = z_i - log sum_j e^(z_j), so L = (sum_i y_i) log sum_j e^(z_j) - y^T z",
            ),
            Step(
                scalar_of(y.T * ones(k)) * softmax(z) - y,
                "d/dz_i log sum_j e^(z_j) = e^(z_i) / sum_j e^(z_j) = softmax(z)_i; the gradient of y^T z is y",
            ),
            Step(result, "y is a probability vector: sum_i y_i = y^T 1 = 1"),
        ),
        checks=(
            Grad(
                label="softmax(z) - y vs jax.grad of the cross-entropy (y on the simplex)",
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
            "The same result follows from the chain rule with the softmax Jacobian: J^T (-y / s) = "
            "(diag(s) - s s^T)(-y / s) = -y + s (1^T y). If y did not sum to 1 the gradient would be "
            "(1^T y) softmax(z) - y, which is why the target must be a distribution."
        ),
    )

"""The derivative of the logistic sigmoid: sigma' = sigma (1 - sigma)."""

from derive import (
    Derivation,
    Given,
    Grad,
    Reference,
    Step,
    diag,
    dims,
    exp,
    grad,
    hadamard,
    jacobian,
    ones,
    scalar,
    sigmoid,
    vector,
)


def derivation() -> Derivation:
    (k,) = dims("k")
    z, u = scalar("z"), vector("u", k)
    s = sigmoid(u)
    result = sigmoid(z) * (1 - sigmoid(z))
    return Derivation(
        id="sigmoid-derivative",
        title="The derivative of the sigmoid",
        topic="calculus",
        statement=(
            "The logistic sigmoid is sigma(z) = 1 / (1 + e^(-z)). Differentiate it and write the derivative in "
            "terms of sigma itself. Then apply sigma elementwise to a vector u and find its Jacobian."
        ),
        givens=(
            Given(z, "a real number (a logit)"),
            Given(u, "a vector of logits, sigma applied elementwise"),
        ),
        start=jacobian(s, u),
        steps=(
            Step(
                diag(hadamard(s, ones(k) - s)),
                "sigma acts elementwise: d sigma(u_i)/d u_j = 0 for i != j, and the diagonal is the scalar "
                "derivative sigma'(u_i) = sigma(u_i)(1 - sigma(u_i)) derived below",
            ),
            Step(
                exp(-z) / (1 + exp(-z)) ** 2,
                "chain rule on (1 + e^(-z))^(-1): -(1 + e^(-z))^(-2) times d/dz e^(-z) = -e^(-z)",
                start=grad(sigmoid(z), z),
            ),
            Step(
                sigmoid(z) * (exp(-z) / (1 + exp(-z))),
                "split the fraction into two factors; the first is 1/(1 + e^(-z)) = sigma(z)",
            ),
            Step(
                result,
                "the second factor is 1 - sigma(z), since 1 - 1/(1 + e^(-z)) = e^(-z)/(1 + e^(-z))",
            ),
        ),
        checks=(
            Grad(
                label="sigma(1 - sigma) vs jax.grad of the sigmoid",
                objective=sigmoid(z),
                wrt=z,
                claim=result,
            ),
            Grad(
                label="diag(sigma(u) . (1 - sigma(u))) vs jax.jacobian of the elementwise sigmoid",
                objective=s,
                wrt=u,
                claim=diag(hadamard(s, ones(k) - s)),
                order="jacobian",
            ),
        ),
        references=(
            Reference("Bishop, Pattern Recognition and Machine Learning", "section 4.3.2, eq. 4.88"),
            Reference("Goodfellow, Bengio, Courville: Deep Learning", "section 3.10, eq. 3.33 (properties of sigma)"),
            Reference("Deisenroth, Faisal, Ong: Mathematics for Machine Learning", "section 5.2 (chain rule)"),
        ),
        sizes=((k, 3),),
        tags=("derivative", "sigmoid", "chain rule", "activation functions"),
        notes=(
            "sigma'(z) = sigma(z)(1 - sigma(z)) is at most 1/4 (at z = 0), which is why deep stacks of sigmoids "
            "shrink gradients. The same identity gives the logistic-regression gradient and Hessian."
        ),
    )

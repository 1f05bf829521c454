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
            r"The logistic sigmoid is $\sigma(z) = 1 / (1 + e^{-z})$. Differentiate it and write the derivative "
            r"in terms of $\sigma$ itself. Then apply $\sigma$ elementwise to a vector $\mathbf{u}$ and find its "
            r"Jacobian."
        ),
        givens=(
            Given(z, "a real number (a logit)"),
            Given(u, r"a vector of logits, $\sigma$ applied elementwise"),
        ),
        start=jacobian(s, u),
        steps=(
            Step(
                diag(hadamard(s, ones(k) - s)),
                (
                    r"$\sigma$ acts elementwise: $d \sigma(u_{i})/d u_{j} = 0$ for $i \neq j$, and the diagonal is the "
                    r"scalar derivative $\sigma'(u_{i}) = \sigma(u_{i})(1 - \sigma(u_{i}))$ derived below"
                ),
            ),
            Step(
                exp(-z) / (1 + exp(-z)) ** 2,
                r"chain rule on $(1 + e^{-z})^{-1}$: $-(1 + e^{-z})^{-2}$ times $\frac{d}{dz} e^{-z} = -e^{-z}$",
                start=grad(sigmoid(z), z),
            ),
            Step(
                sigmoid(z) * (exp(-z) / (1 + exp(-z))),
                r"split the fraction into two factors; the first is $1/(1 + e^{-z}) = \sigma(z)$",
            ),
            Step(
                result,
                r"the second factor is $1 - \sigma(z)$, since $1 - 1/(1 + e^{-z}) = e^{-z}/(1 + e^{-z})$",
            ),
        ),
        checks=(
            Grad(
                label=r"$\sigma(1 - \sigma)$ vs \texttt{jax.grad} of the sigmoid",
                objective=sigmoid(z),
                wrt=z,
                claim=result,
            ),
            Grad(
                label=(
                    r"$\operatorname{diag}(\sigma(\mathbf{u}) \odot(1 - \sigma(\mathbf{u})))$ vs \texttt{jax.jacobian} of "
                    r"the elementwise sigmoid"
                ),
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
            r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$ is at most $\tfrac{1}{4}$ (at $z = 0$), which is why deep "
            r"stacks of sigmoids shrink gradients. The same identity gives the logistic-regression gradient and "
            r"Hessian."
        ),
    )

"""The opening example of docs/writing-an-entry.md ("The parts"), quoted there line for line;
tests/test_catalog_doc.py checks that it passes both checks."""

from derive import BINARY, Derivation, Given, Grad, Reference, Step, dims, grad, log, matrix, ones, sigmoid, vector


def derivation() -> Derivation:
    n, d = dims("n d")  # dimension symbols; the checkers pick concrete sizes
    X, w, y = matrix("X", n, d), vector("w", d), vector("y", n)
    p = sigmoid(X * w)  # elementwise on vectors
    loss = -(y.T * log(p) + (ones(n) - y).T * log(ones(n) - p))  # a 1x1 expression
    return Derivation(
        id="logistic-grad",
        title="...",
        topic="models",
        statement=r"The problem, in words a student can follow, math in $...$.",
        givens=(Given(X, "design matrix"), Given(w, "weights"), Given(y, "labels", BINARY)),
        start=grad(loss, w),  # what is being derived
        steps=(
            Step(X.T * p - X.T * y, r"chain rule with $\frac{d}{dz} \log(1 + e^{z}) = \sigma(z)$"),
            Step(X.T * (p - y), r"factor out $\mathbf{X}^{\top}$"),  # the last step is the boxed result
        ),
        checks=(Grad(objective=loss, wrt=w, claim=X.T * (p - y)),),
        references=(Reference("Bishop, PRML", "section 4.3.2"),),
    )

"""Derivations written as a student would, with the verdict and first invalid step they must get.

Matrix calculus (linear and quadratic forms, traces, log-det, inverses), logistic and softmax
gradients, Gaussian MLE, and chains of 2 to 4 steps; wrong steps are the usual mistakes. The
parser is general: none of these strings is special-cased anywhere.
"""

import pytest

import derive

from .verify_cases import BEYOND_CALCULUS, SQ, R

MATRIX_CALCULUS = [
    # (name, where, latex, verdict, first_invalid)
    ("linear form", [r"a \in \mathbb{R}^{d}, x \in \mathbb{R}^{d}"], r"\nabla_x a^\top x = a", "valid", None),
    ("quadratic form", [SQ], r"\nabla_x x^\top A x = (A + A^\top) x", "valid", None),
    ("quadratic form, 2Ax", [SQ], r"\nabla_x x^\top A x = 2 A x", "invalid", 1),
    (
        "quadratic form, symmetric",
        [r"A \in \mathbb{S}^{d}, x \in \mathbb{R}^{d}"],
        r"\nabla_{\mathbf{x}} \mathbf{x}^T A \mathbf{x} = 2Ax",
        "valid",
        None,
    ),
    (
        "trace of AX",
        [r"A \in \mathbb{R}^{d \times n}, X \in \mathbb{R}^{n \times d}"],
        r"\nabla_X \operatorname{tr}(AX) = A^\top",
        "valid",
        None,
    ),
    (
        "trace of AX, no transpose",
        [r"A \in \mathbb{R}^{d \times d}, X \in \mathbb{R}^{d \times d}"],
        r"\frac{\partial}{\partial X} \mathrm{tr}(AX) = A",
        "invalid",
        1,
    ),
    ("log det, spd", [r"S \in \mathbb{S}^{d}_{++}"], r"\nabla_S \log\det S = S^{-1}", "valid", None),
    ("log det, general", [r"X \in \mathbb{R}^{d \times d}"], r"\nabla_X \log \det(X) = X^{-\top}", "valid", None),
    ("log det, missing transpose", [r"X \in \mathbb{R}^{d \times d}"], r"\nabla_X \ln\det X = X^{-1}", "invalid", 1),
    (
        "trace quadratic",
        [r"X \in \mathbb{R}^{d \times k}, A \in \mathbb{R}^{d \times d}"],
        r"\nabla_X \operatorname{tr}(X^\top A X) = (A + A^\top) X",
        "valid",
        None,
    ),
    ("frobenius", [r"X \in \mathbb{R}^{n \times d}"], r"\frac{\partial}{\partial X} \|X\|_F^2 = 2X", "valid", None),
    (
        "trace cyclic",
        [r"A \in \mathbb{R}^{n \times d}, B \in \mathbb{R}^{d \times n}"],
        r"\operatorname{tr}(AB) = \operatorname{tr}(BA)",
        "valid",
        None,
    ),
    ("transpose of product", [SQ], r"(AB)^\top = A^\top B^\top", "invalid", 1),
    ("inverse of product", [SQ], r"(AB)^{-1} = B^{-1} A^{-1}", "valid", None),
    ("inverse of product, wrong order", [SQ], r"(AB)^{-1} = A^{-1}B^{-1}", "invalid", 1),
    ("least-squares hessian", [R], r"\nabla^2_w \tfrac12 \|Xw - y\|^2 = X^\top X", "valid", None),
    (
        "ridge",
        [R, r"\lambda > 0"],
        r"\nabla_w \left(\tfrac12\|Xw-y\|^2 + \tfrac{\lambda}{2}\|w\|^2\right) = X^\top(Xw-y) + \lambda w = (X^\top X + \lambda I) w - X^\top y",
        "valid",
        None,
    ),
    ("expand square", [R], r"(Xw-y)^\top(Xw-y) = w^\top X^\top X w - 2 y^\top X w + y^\top y", "valid", None),
    ("inverse quadratic", [SQ], r"\nabla_x x^\top A^{-1} x = (A^{-1} + A^{-\top})x", "valid", None),
    ("inverse transpose", [SQ], r"(A^{-1})^\top = (A^\top)^{-1}", "valid", None),
    ("det of inverse", [SQ], r"\det(A^{-1}) = \frac{1}{\det A}", "valid", None),
    ("trace outer", [SQ], r"\operatorname{tr}(x x^\top) = \|x\|^2 = x^\top x = \sum_{i=1}^{d} x_i^2", "valid", None),
    ("sigmoid derivative", [], r"\frac{d}{dz} \sigma(z) = \sigma(z)(1 - \sigma(z))", "valid", None),
    ("log sigmoid derivative", [], r"\frac{d}{dz} \log \sigma(z) = 1 - \sigma(z)", "valid", None),
    ("log sigmoid, chain rule dropped", [], r"\frac{d}{dz} \log\sigma(z) = \frac{1}{\sigma(z)}", "invalid", 1),
    (
        "logistic gradient",
        [r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \{0,1\}^{n}"],
        r"\nabla_w \left[-y^\top \log \sigma(Xw) - (1-y)^\top \log(1-\sigma(Xw))\right] = X^\top(\sigma(Xw) - y)",
        "valid",
        None,
    ),
    (
        "logistic gradient, sign",
        [r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \{0,1\}^{n}"],
        r"\nabla_w \left[-y^\top \log \sigma(Xw) - (1-y)^\top \log(1-\sigma(Xw))\right] = X^\top(y - \sigma(Xw))",
        "invalid",
        1,
    ),
    (
        "logistic softplus form",
        [R],
        r"\nabla_w \left(\mathbf{1}^\top \log(1 + \exp(Xw)) - y^\top X w\right) = X^\top \sigma(Xw) - X^\top y = X^\top(\sigma(Xw) - y)",
        "valid",
        None,
    ),
    (
        "scalar logistic loss",
        [],
        r"\frac{\partial}{\partial w} \log(1 + e^{-y w x}) = -y x \sigma(-y w x)",
        "valid",
        None,
    ),
    (
        "cross-entropy in the logit",
        [r"y \in \{0,1\}"],
        r"\frac{\partial}{\partial z} \left(-y\log\sigma(z) - (1-y)\log(1-\sigma(z))\right) = \sigma(z) - y",
        "valid",
        None,
    ),
    (
        "log-sum-exp gradient",
        [r"z \in \mathbb{R}^{k}"],
        r"\nabla_z \log\left(\mathbf{1}^\top \exp(z)\right) = \operatorname{softmax}(z)",
        "valid",
        None,
    ),
    (
        "softmax cross-entropy",
        [r"z \in \mathbb{R}^{k}, y \in \Delta^{k}"],
        r"\nabla_z \left(-y^\top \log \operatorname{softmax}(z)\right) = \operatorname{softmax}(z) - y",
        "valid",
        None,
    ),
    (
        "softmax jacobian",
        [r"z \in \mathbb{R}^{k}"],
        r"\frac{\partial \operatorname{softmax}(z)}{\partial z} = \operatorname{diag}(\operatorname{softmax}(z)) - \operatorname{softmax}(z)\operatorname{softmax}(z)^\top",
        "valid",
        None,
    ),
    ("two-class softmax", [], r"\log \frac{e^{a}}{e^{a} + e^{b}} = a - \log(e^a + e^b)", "valid", None),
    ("sigmoid symmetry", [], r"\sigma(-z) = 1 - \sigma(z)", "valid", None),
    ("log sigmoid", [], r"\log \sigma(z) = -\log(1 + e^{-z})", "valid", None),
    (
        "gaussian mean MLE",
        [r"\sigma^2 > 0"],
        r"\frac{\partial}{\partial \mu} \sum_{i=1}^{n} \frac{(x_i - \mu)^2}{2\sigma^2} = \sum_{i=1}^{n} \frac{\mu - x_i}{\sigma^2} = \frac{n\mu - \sum_{i=1}^{n} x_i}{\sigma^2}",
        "valid",
        None,
    ),
    (
        "gaussian variance MLE",
        [r"\sigma > 0"],
        r"\frac{\partial}{\partial \sigma} \left(n \log \sigma + \sum_{i=1}^{n} \frac{(x_i-\mu)^2}{2\sigma^2}\right) = \frac{n}{\sigma} - \frac{1}{\sigma^3}\sum_{i=1}^{n}(x_i - \mu)^2",
        "valid",
        None,
    ),
    (
        "mean squared error, missing 1/n",
        [],
        r"\frac{\partial}{\partial \mu} \frac{1}{n}\sum_{i=1}^{n} (x_i - \mu)^2 = -2\sum_{i=1}^n (x_i - \mu)",
        "invalid",
        1,
    ),
    (
        "gaussian quadratic form",
        [r"x \in \mathbb{R}^{d}, \mu \in \mathbb{R}^{d}, \Sigma \in \mathbb{S}^{d}_{++}"],
        r"\nabla_\mu \tfrac12 (x-\mu)^\top \Sigma^{-1} (x - \mu) = \Sigma^{-1}(\mu - x)",
        "valid",
        None,
    ),
    (
        "gaussian quadratic form, sign",
        [r"x \in \mathbb{R}^{d}, \mu \in \mathbb{R}^{d}, \Sigma \in \mathbb{S}^{d}_{++}"],
        r"\nabla_{\boldsymbol\mu} \tfrac12 (x-\mu)^\top \Sigma^{-1} (x - \mu) = \Sigma^{-1}(x - \mu)",
        "invalid",
        1,
    ),
    ("log base", [r"x > 0"], r"\frac{d}{dx} \log x = \frac{1}{x \ln 10}", "invalid", 1),
    ("power rule chain", [], r"\frac{d}{dx} x^3 = 3x^2 = 2x", "invalid", 2),
    (
        "least squares, four sides",
        [R],
        r"\nabla_w \|Xw - y\|^2 = 2X^\top(Xw-y) = 2X^\top X w - 2X^\top y = 2(X^\top X w - X^\top y)",
        "valid",
        None,
    ),
    (
        "least squares, dropped 2",
        [R],
        r"\nabla_w \|Xw - y\|^2 = 2X^\top(Xw-y) = 2X^\top X w - 2X^\top y = X^\top X w - X^\top y",
        "invalid",
        3,
    ),
    ("gradient as a row", [R], r"\nabla_w y^\top X w = y^\top X", "invalid", 1),
    (
        "jacobian of a linear map",
        [r"A \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}"],
        r"\frac{\partial (Aw)}{\partial w} = A",
        "valid",
        None,
    ),
    (
        "hessian of a quadratic",
        [SQ],
        r"\frac{\partial^2}{\partial x \partial x^\top} \tfrac12 x^\top A x = \tfrac12(A + A^\top)",
        "valid",
        None,
    ),
    (
        "squared distances from the squared norms",
        [r"Y \in \mathbb{R}^{n \times s}, r \in \mathbb{R}^{n}", r"r = (Y \odot Y)\mathbf{1}"],
        r"\operatorname{tr}\left(r \mathbf{1}^\top + \mathbf{1} r^\top - 2 Y Y^\top\right) = 0",
        "valid",
        None,
    ),
    (
        "squared distances, a row lost",
        [r"Y \in \mathbb{R}^{n \times s}, r \in \mathbb{R}^{n}", r"r = (Y \odot Y)\mathbf{1}"],
        r"r \mathbf{1}^\top + \mathbf{1} r^\top - 2 Y Y^\top = 2 r \mathbf{1}^\top - 2 Y Y^\top",
        "invalid",
        1,
    ),
    ("sum of exponentials", [r"w \in \mathbb{R}^{d}"], r"\nabla_w \mathbf{1}^\top \exp(w) = \exp(w)", "valid", None),
    ("sum of squares", [r"w \in \mathbb{R}^{d}"], r"\nabla_w \sum_{i=1}^{d} w_i^2 = 2w", "valid", None),
    ("mse with mean", [R], r"\nabla_w \frac{1}{n}\|Xw - y\|^2 = \frac{2}{n} X^\top (Xw - y)", "valid", None),
    ("mse, missing 1/n", [R], r"\nabla_w \frac{1}{n}\|Xw - y\|^2 = 2 X^\top (Xw - y)", "invalid", 1),
    (
        "variance MLE in the variance",
        [r"\sigma^2 > 0"],
        r"\frac{\partial}{\partial \sigma^2} \left(-\frac{n}{2}\log \sigma^2 - \frac{1}{2\sigma^2}\sum_{i=1}^{n}(x_i-\mu)^2\right)"
        r" = -\frac{n}{2\sigma^2} + \frac{1}{2\sigma^4}\sum_{i=1}^{n}(x_i - \mu)^2",
        "valid",
        None,
    ),
    (
        "gamma recursion",
        [r"a > 0"],
        r"\frac{\Gamma(a + 1)}{\Gamma(a)} = a",
        "valid",
        None,
    ),
    (
        "geometric sum of an EMA",
        [r"g \in \mathbb{R}^{T}, \beta \in (0,1)"],
        r"\beta \sum_{s=1}^{T-1} \beta^{T-1-s} g_s + g_T = \sum_{s=1}^{T} \beta^{T-s} g_s",
        "valid",
        None,
    ),
    (
        "geometric series",
        [r"g \in \mathbb{R}^{T}, \rho \in (0,1)"],
        r"(1 - \rho) \sum_{s=1}^{T} \rho^{T-s} = 1 - \rho^T",
        "valid",
        None,
    ),
    ("normal CDF symmetry", [], r"\Phi(z) - \Phi(-z) = 2\Phi(z) - 1", "valid", None),
    ("residual entries", [R], r"\sum_{i=1}^{n} (y - Xw)_i^2 = \|Xw - y\|^2", "valid", None),
    (
        "align environment",
        [R],
        "\\begin{align*}\n\\nabla_w \\tfrac12\\|Xw-y\\|^2 &= X^\\top X w - X^\\top y \\\\\n&= X^\\top(Xw - y)\n\\end{align*}",
        "valid",
        None,
    ),
    (
        "hadamard",
        [r"a \in \mathbb{R}^{d}, b \in \mathbb{R}^{d}"],
        r"\nabla_a \mathbf{1}^\top (a \odot b) = b",
        "valid",
        None,
    ),
    ("tanh derivative", [], r"\frac{d}{dx}\tanh x = 1 - \tanh^2 x", "valid", None),
]
CASES = MATRIX_CALCULUS + BEYOND_CALCULUS


SLOW = {
    "gaussian quadratic form",
    "gaussian quadratic form, sign",
    "inverse of product",
    "inverse of product, wrong order",
    "inverse quadratic",
    "log det, general",
    "log det, missing transpose",
    "log det, spd",
    "logistic gradient",
    "logistic gradient, sign",
}


def _params():
    for name, where, latex, verdict, first in CASES:
        marks = (pytest.mark.slow,) if name in SLOW else ()
        yield pytest.param(where, latex, verdict, first, id=name, marks=marks)


def test_the_table_is_large_enough():
    assert len(CASES) >= 40
    assert sum(verdict == "invalid" for *_, verdict, _ in CASES) >= 12
    assert any(latex.count("=") >= 3 for _, _, latex, _, _ in CASES)  # chains of 4 sides


def test_identical_sides_are_decided_without_the_symbolic_bound():
    report = derive.verify(r"x^{100000000} = x^{100000000}", trials=8, timeout=5)
    assert report.verdict == "valid", report.to_text()
    assert report.steps[0].method.startswith("symbolic: the sides are identical")


@pytest.mark.parametrize(("where", "latex", "verdict", "first_invalid"), list(_params()))
def test_student_derivation(where, latex, verdict, first_invalid):
    report = derive.verify(latex, where, trials=8)
    assert (report.verdict, report.first_invalid_step) == (verdict, first_invalid), report.to_text()
    for step in report.steps:
        if step.status == "invalid":
            assert step.counterexample is None or {"lhs", "rhs"} <= set(step.counterexample)


def test_a_shape_that_would_be_empty_at_size_2_gets_larger_sizes():
    """V_2 is d x (d - r): at d = r = 2 it has no columns and every claim about it holds vacuously."""
    where = [r"V \in \mathbb{R}^{d \times d - r}, W \in \mathbb{R}^{d \times r}"]
    report = derive.verify(r"\operatorname{tr}(V^\top V) = \|V\|_F^2 + 1", where, trials=8)
    assert report.verdict == "invalid", report.to_text()
    assert "d=3" in report.steps[0].method and "r=2" in report.steps[0].method, report.to_text()

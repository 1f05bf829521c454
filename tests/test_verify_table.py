"""Derivations written as a student would, with the verdict and first invalid step they must get.

Matrix calculus (linear and quadratic forms, traces, log-det, inverses), logistic and softmax
gradients, Gaussian MLE, and chains of 2 to 4 steps; wrong steps are the usual mistakes. The
parser is general: none of these strings is special-cased anywhere.
"""

import pytest

import derive

R = r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \mathbb{R}^{n}"
SQ = r"A \in \mathbb{R}^{d \times d}, B \in \mathbb{R}^{d \times d}, x \in \mathbb{R}^{d}"
NORMAL = r"X \sim \mathcal{N}(\mu, \sigma^2)"
BERNOULLI = r"Y \sim \operatorname{Bernoulli}(p)"
BATCH = (  # a minibatch of b of the n examples, as its mask m
    r"X \in \mathbb{R}^{n \times d}, y \in \mathbb{R}^{n}, w \in \mathbb{R}^{d}",
    r"\mathbf{m} \in \{0,1\}^{n}, \mathbf{m} \sim \operatorname{Minibatch}(b)",
)
BATCH_GRADIENT = r"\mathbb{E}_{\mathbf{m}}\left[\frac{1}{b} X^\top \operatorname{diag}(\mathbf{m}) (Xw - y)\right]"
DRAWS = (
    r"\mathbf{x} \in \mathbb{R}^{n}, \mathbf{x} \sim \operatorname{IID}(\mu, \sigma^2, \kappa)"  # kappa: E(x - mu)^3
)
DUAL = r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, \alpha \in \mathbb{R}^{n}, y \in \{-1,1\}^{n}"
EIGEN = r"v \in \mathbb{R}^{d}, \Sigma \in \mathbb{S}^{d}"
MARKDOWN = r"""The loss is $L(w) = \|Xw - y\|^2$, where $X$ is the data (50% of it held out).
Its gradient is $$\nabla_w L(w) = 2X^\top(Xw - y) = 2X^\top X w - 2X^\top y.$$"""
LOGISTIC = r"X \in \mathbb{R}^{n \times d}, w \in \mathbb{R}^{d}, y \in \{0,1\}^{n}"
LOGISTIC_HESSIAN = (
    r"\nabla^2_w \left(-y^\top \log \sigma(Xw) - (1-y)^\top \log(1-\sigma(Xw))\right)"
    r" = X^\top \operatorname{diag}(\sigma(Xw) "
)
INVERTIBLE = r"\det(X^\top X) \neq 0"
NORMAL_EQUATIONS = r"""\begin{align*}
\nabla_w \tfrac12 \|Xw - y\|^2 &= X^\top X w - X^\top y \\
&= X^\top (Xw - y) \\
&\iff X^\top X w = X^\top y \\
&\implies w = (X^\top X)^{-1} X^\top y
\end{align*}"""
CASES = [
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
    # the standard functions, roots, products and extrema (issue 16)
    ("tan derivative", [], r"\frac{d}{dx}\tan x = \sec^2 x = \cos^{-2} x", "valid", None),
    ("tan derivative as sec", [], r"\frac{d}{dx}\tan x = \sec x", "invalid", 1),
    ("cosecant and cotangent", [], r"\csc x \cos x = \cot x", "valid", None),
    ("arctan derivative", [], r"\frac{d}{dx}\arctan x = \frac{1}{1 + x^2}", "valid", None),
    ("arcsin derivative", [r"x \in (0,1)"], r"\frac{d}{dx}\arcsin x = \frac{1}{\sqrt{1 - x^2}}", "valid", None),
    ("arccos derivative, sign", [r"x \in (0,1)"], r"\frac{d}{dx}\arccos x = \frac{1}{\sqrt{1 - x^2}}", "invalid", 1),
    ("hyperbolic identity", [], r"\cosh^2 x - \sinh^2 x = 1", "valid", None),
    ("sinh derivative", [], r"\frac{d}{dx}\sinh x = \cosh x", "valid", None),
    ("cube root derivative", [r"x > 0"], r"\frac{d}{dx}\sqrt[3]{x} = \frac{1}{3 x^{2/3}}", "valid", None),
    ("cube root derivative, power", [r"x > 0"], r"\frac{d}{dx}\sqrt[3]{x} = \frac{1}{3 x^{1/3}}", "invalid", 1),
    (
        "log of a product",
        [r"x \in \mathbb{R}^{n}"],
        r"\log \prod_{i=1}^{n} e^{x_i} = \sum_{i=1}^{n} x_i",
        "valid",
        None,
    ),
    (
        "log of a product, factor",
        [r"x \in \mathbb{R}^{n}"],
        r"\log \prod_{i=1}^{n} e^{x_i} = \sum_{i=1}^{n} 2 x_i",
        "invalid",
        1,
    ),
    ("max as abs", [], r"\max(a, b) = \frac{a + b + |a - b|}{2}", "valid", None),
    ("min as abs, sign", [], r"\min(a, b) = \frac{a + b + |a - b|}{2}", "invalid", 1),
    ("min by max", [], r"\min(a, b) = -\max(-a, -b)", "valid", None),
    ("sign times abs", [], r"\operatorname{sign}(x) |x| = x", "valid", None),
    # decided where they used to be unknown (issue 16)
    ("identical sides", [], r"x^{100000000} = x^{100000000}", "valid", None),
    ("det of a scaled matrix", [SQ, r"\lambda > 0"], r"\det(\lambda A) = \lambda \det(A)", "invalid", 1),
    ("det of a scaled matrix, power", [SQ], r"\det(\lambda A) = \lambda^d \det(A)", "valid", None),
    # sigma and softmax by their derivative rules; realistic mistakes (issue 16)
    ("logistic hessian", [LOGISTIC], LOGISTIC_HESSIAN + r"\odot (1 - \sigma(Xw))) X", "valid", None),
    ("logistic hessian, sigma' dropped", [LOGISTIC], LOGISTIC_HESSIAN + ") X", "invalid", 1),
    (
        "softmax jacobian",
        [r"z \in \mathbb{R}^{k}"],
        r"\frac{\partial \operatorname{softmax}(z)}{\partial z} = \operatorname{diag}(\operatorname{softmax}(z)) - \operatorname{softmax}(z)\operatorname{softmax}(z)^\top",
        "valid",
        None,
    ),
    (
        "softmax differentiated elementwise",
        [r"z \in \mathbb{R}^{k}"],
        r"\frac{\partial \operatorname{softmax}(z)}{\partial z} = \operatorname{diag}(\operatorname{softmax}(z) \odot (1 - \operatorname{softmax}(z)))",
        "invalid",
        1,
    ),
    (
        "log-sum-exp gradient",
        [r"z \in \mathbb{R}^{k}"],
        r"\nabla_z \operatorname{logsumexp}(z) = \operatorname{softmax}(z)",
        "valid",
        None,
    ),
    (
        "log-sum-exp gradient, not normalised",
        [r"z \in \mathbb{R}^{k}"],
        r"\nabla_z \operatorname{LSE}(z) = \exp(z)",
        "invalid",
        1,
    ),
    (
        "log-sum-exp shift",
        [r"z \in \mathbb{R}^{k}"],
        r"\operatorname{logsumexp}(z + c\mathbf{1}) = \log(\mathbf{1}^\top \exp(z + c\mathbf{1})) = \operatorname{logsumexp}(z) + c",
        "valid",
        None,
    ),
    ("chain rule", [], r"\frac{d}{dx} \sin(x^2) = 2x \cos(x^2)", "valid", None),
    ("chain rule without the inner derivative", [], r"\frac{d}{dx} \sin(x^2) = \cos(x^2)", "invalid", 1),
    (
        "a sign slipped mid-chain",
        [R],
        r"\nabla_w \tfrac12\|Xw-y\|^2 = X^\top(Xw - y) = X^\top X w + X^\top y = X^\top X w - X^\top y",
        "invalid",
        2,
    ),
    ("log of a sum split", [r"a > 0, b > 0"], r"\log(a + b) = \log a + \log b", "invalid", 1),
    ("log of a product split", [r"a > 0, b > 0"], r"\log(ab) = \log a + \log b", "valid", None),
    # integrals, expectations, definitions, hypotheses and pasted notation (issue 16)
    ("integral of a power", [], r"\int_0^1 x^2 \, dx = \frac13", "valid", None),
    ("integral by parts, sign slipped", [], r"\int_0^1 x e^{x} \,\mathrm{d}x = e - 1", "invalid", 1),
    ("integral with a limit", [], r"\frac{d}{da} \int_0^{a} \sin(t)\, dt = \sin a", "valid", None),
    ("second moment", [NORMAL], r"\mathbb{E}[X^2] = \mu^2 + \sigma^2", "valid", None),
    (
        "variance of a line",
        [NORMAL],
        r"\operatorname{Var}(aX + b) = \mathbb{E}[(aX + b - a\mu - b)^2] = a^2 \sigma^2",
        "valid",
        None,
    ),
    ("variance of a line, factor not squared", [NORMAL], r"\operatorname{Var}(aX + b) = a \sigma^2", "invalid", 1),
    ("variance of a sum", [NORMAL, BERNOULLI], r"\operatorname{Var}(X + Y) = \sigma^2 + p(1 - p)", "valid", None),
    ("covariance", [NORMAL, BERNOULLI], r"\operatorname{Cov}(X, X + Y) = \sigma^2", "valid", None),
    ("covariance, independence dropped", [NORMAL], r"\operatorname{Cov}(X, X) = 0", "invalid", 1),
    ("minibatch gradient, unbiased", [*BATCH], BATCH_GRADIENT + r" = \frac{1}{n} X^\top (Xw - y)", "valid", None),
    ("minibatch gradient, b/n dropped", [*BATCH], BATCH_GRADIENT + r" = \frac{1}{b} X^\top (Xw - y)", "invalid", 1),
    # true at n = 2 only, the symbolic instance's size: the numbers, drawn at other sizes, disagree
    (
        "minibatch gradient, n written as 2",
        [*BATCH],
        BATCH_GRADIENT + r" = \frac{1}{2} X^\top (Xw - y)",
        "unknown",
        None,
    ),
    (
        "minibatch second moment, the draws taken as independent",
        [*BATCH],
        r"\mathbb{E}_{\mathbf{m}}\left[(\mathbf{m}^\top y)^2\right] = \frac{b^2}{n^2} (\mathbf{1}^\top y)^2",
        "invalid",
        1,
    ),
    ("mean of iid draws", [DRAWS], r"\mathbb{E}[\bar{\mathbf{x}}] = \mu", "valid", None),
    ("mean of iid draws, doubled", [DRAWS], r"\mathbb{E}[\bar{\mathbf{x}}] = 2\mu", "invalid", 1),
    # true at n = 2 only, the symbolic instance's size: the numbers, drawn at other sizes, disagree
    ("sum of iid draws, n written as 2", [DRAWS], r"\mathbb{E}\left[\sum_{i=1}^{n} x_i\right] = 2\mu", "unknown", None),
    ("variance of the mean", [DRAWS], r"\mathbb{E}[(\bar{\mathbf{x}} - \mu)^2] = \frac{\sigma^2}{n}", "valid", None),
    ("variance of the mean, 1/n missing", [DRAWS], r"\mathbb{E}[(\bar{\mathbf{x}} - \mu)^2] = \sigma^2", "invalid", 1),
    (
        "third moment of the mean",
        [DRAWS],
        r"\mathbb{E}[(\bar{\mathbf{x}} - \mu)^3] = \frac{\kappa}{n^2}",
        "valid",
        None,
    ),
    (
        "third moment of the mean, as if n = 2",
        [DRAWS],
        r"\mathbb{E}[(\bar{\mathbf{x}} - \mu)^3] = \frac{\kappa}{2n}",
        "unknown",
        None,
    ),
    ("definition, then its gradient", [R], r"L(w) = \|Xw - y\|^2 \\ \nabla_w L(w) = 2X^\top(Xw - y)", "valid", None),
    (
        "definition, gradient missing its 2",
        [R],
        r"L(w) := \|Xw - y\|^2 \\ \nabla_w L(w) = X^\top(Xw - y)",
        "invalid",
        1,
    ),
    (
        "definition in --where",
        [R, r"L(w) = \tfrac12\|Xw - y\|^2"],
        r"\frac{\partial L}{\partial w} = X^\top(Xw - y)",
        "valid",
        None,
    ),
    ("definition, chain rule dropped", [], r"f(x) = \sin(x^2) \\ f'(x) = \cos(x^2)", "invalid", 1),
    ("a product, not a function", [], r"x(x - 1) = x^2 - x", "valid", None),
    (
        "hypothesis substituted",
        [DUAL, r"w = X^\top(\alpha \odot y)"],
        r"w^\top w = (\alpha \odot y)^\top X X^\top (\alpha \odot y)",
        "valid",
        None,
    ),
    (
        "hypothesis, Gram matrix dropped",
        [DUAL, r"w = X^\top(\alpha \odot y)"],
        r"\|w\|^2 = (\alpha \odot y)^\top (\alpha \odot y)",
        "invalid",
        1,
    ),
    (
        "unit vector hypothesis",
        [r"v \in \mathbb{R}^{d}, A \in \mathbb{R}^{d \times d}", r"v^\top v = 1"],
        r"v^\top (A + I) v = v^\top A v + 1",
        "valid",
        None,
    ),
    (
        "eigenvector hypothesis",
        [EIGEN, r"\Sigma v = \lambda v", r"v^\top v = 1"],
        r"v^\top \Sigma v = \lambda",
        "valid",
        None,
    ),
    (
        "eigenvector hypothesis, factor",
        [EIGEN, r"\Sigma v = \lambda v", r"v^\top v = 1"],
        r"v^\top \Sigma v = 2\lambda",
        "invalid",
        1,
    ),
    ("a constraint using a substituted symbol", [r"m = 2x", r"s^2 = m x"], r"s^2 = 2 x^2", "valid", None),
    ("eigenvector, no hypothesis", [EIGEN], r"v^\top \Sigma v = \lambda", "invalid", 1),
    ("pasted from MathJax", [R], "∇_w ½‖Xw − y‖² = Xᵀ(Xw − y) = XᵀX·w − Xᵀy", "valid", None),
    ("pasted, a sign slipped", [R], "∇_w ½‖Xw − y‖² = Xᵀ(Xw + y)", "invalid", 1),
    ("a Markdown cell", [R], MARKDOWN, "valid", None),
    ("a Markdown cell, a factor wrong", [R], MARKDOWN.replace("2X^\\top", "X^\\top"), "invalid", 1),
    # rows related by \iff, \implies and stated relations, as the worked solutions print them (issue 15)
    ("normal equations, \\iff and \\implies", [R, INVERTIBLE], NORMAL_EQUATIONS, "valid", None),
    ("\\iff with a factor", [R], r"X^\top(Xw - y) \\ \iff 2 X^\top X w = 2 X^\top y", "valid", None),
    (
        "\\implies a wrong solution",
        [R, INVERTIBLE],
        NORMAL_EQUATIONS.replace(r"(X^\top X)^{-1} X^\top y", r"X^\top y"),
        "invalid",
        4,
    ),
    ("\\implies without the condition", [R], NORMAL_EQUATIONS, "unknown", None),
    ("\\iff an equation no multiple", [R], r"X^\top(Xw - y) \\ \iff X^\top X w = 2 X^\top y", "unknown", None),
    ("stated \\le", [], r"(x - 1)^2 \\ \le (x - 1)^2 + 1 \\ = x^2 - 2x + 2", "unknown", None),
    ("stated \\le, then a slip", [], r"(x - 1)^2 \\ \le (x - 1)^2 + 1 \\ = x^2 - 2x + 1", "invalid", 2),
    (
        "\\implies the only root in (0, 1)",
        [r"p \in (0,1)"],
        r"\log(1 - p) - \log p \\ \implies p = \frac12",
        "valid",
        None,
    ),
    ("\\implies one of two roots", [], r"x^2 - 1 \\ \implies x = 1", "unknown", None),
    ("\\implies the positive root", [r"x > 0"], r"x^2 - 1 \\ \implies x = 1", "valid", None),
    ("\\therefore states", [], r"(1 - 2\eta)(x - 3) \\ \therefore |1 - 2\eta| < 1", "unknown", None),
]


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

"""Cases of derive verify's table of student derivations (tests/test_verify_table.py) beyond matrix
calculus: the standard functions, integrals, expectations over declared laws, definitions,
hypotheses, pasted notation, and rows related by \\iff, \\implies and stated relations; with the
declarations the whole table shares. Each case: (name, where, latex, verdict, first_invalid)."""

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

BEYOND_CALCULUS = [
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

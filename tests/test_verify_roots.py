"""\\implies is valid only when the value written is the only root (derive/checking/roots.py): for
vectors on the simplex, entries in an interval and invertible matrices; a wrong root (off by a
factor, the wrong normaliser) is invalid, and an equation with other roots is left undecided.
An \\iff through a square matrix factor (relations.py) is valid only when that factor is invertible."""

import pytest

import derive

SIMPLEX = r"p \in \Delta^{k}, f \in \mathbb{R}^{k}, \beta \in \mathbb{R}"
COUNTS = r"\pi \in \Delta^{k}, c \in \mathbb{R}_{>0}^{k}, \lambda \in \mathbb{R}_{>0}"
SPD = r"\Sigma \in \mathbb{S}^{d}_{++}, S \in \mathbb{S}^{d}_{++}, c \in \mathbb{R}_{>0}"
GENERAL = r"\Sigma \in \mathbb{R}^{d \times d}, S \in \mathbb{S}^{d}_{++}, c \in \mathbb{R}_{>0}"
MEAN = r"\Sigma \in \mathbb{S}^{d}_{++}, A \in \mathbb{R}^{d \times d}, a \in \mathbb{R}^{d}, \mu \in \mathbb{R}^{d}, c \in \mathbb{R}_{>0}"
FISHER = r"w \in \mathbb{R}^{d}, m \in \mathbb{R}^{d}, S \in \mathbb{S}^{d}_{++}, c \in \mathbb{R}"
CASES = [
    (
        "Fisher: every multiple is a root",
        [FISHER],
        r"m m^\top w = \frac{(w^\top m)^2}{w^\top S w} S w \\ \implies w = S^{-1} m",
        "unknown",
        None,
    ),
    ("Fisher: the multiple named", [FISHER], r"S w = c m \\ \implies w = c S^{-1} m", "valid", None),
    ("Fisher: the scale dropped", [FISHER], r"S w = c m \\ \implies w = S^{-1} m", "invalid", 1),
    # (name, where, latex, verdict, first invalid step)
    ("log of a simplex vector", [SIMPLEX], r"\log(p) = \beta f \\ \implies p = \exp(\beta f)", "valid", None),
    ("log, a factor 2", [SIMPLEX], r"\log(p) = \beta f \\ \implies p = 2 \exp(\beta f)", "invalid", 1),
    ("log, normalised", [SIMPLEX], r"\log(p) = \beta f \\ \implies p = \frac{1}{k} \exp(\beta f)", "invalid", 1),
    (
        "counts over a multiplier",
        [COUNTS],
        r"c \odot \left[\frac{1}{\pi_{i}}\right]_{i} - \lambda \mathbf{1} \\ \implies \pi = \frac{1}{\lambda} c",
        "valid",
        None,
    ),
    (
        "counts, the multiplier upside down",
        [COUNTS],
        r"c \odot \left[\frac{1}{\pi_{i}}\right]_{i} - \lambda \mathbf{1} \\ \implies \pi = \lambda c",
        "invalid",
        1,
    ),
    (
        "a square with two roots",
        [r"x \in \mathbb{R}^{d}, a \in \mathbb{R}_{>0}^{d}"],
        r"x \odot x - a \odot a \\ \implies x = a",
        "unknown",
        None,
    ),
    (
        "a square, positive entries",
        [r"x \in \mathbb{R}_{>0}^{d}, a \in \mathbb{R}_{>0}^{d}"],
        r"x \odot x - a \odot a \\ \implies x = a",
        "valid",
        None,
    ),
    (
        "covariance",
        [SPD],
        r"\Sigma^{-1} S \Sigma^{-1} - c \Sigma^{-1} \\ \implies \Sigma = \frac{1}{c} S",
        "valid",
        None,
    ),
    (
        "a factor that may be 0",
        [r"a \in \mathbb{R}, b \in \mathbb{R}, x \in \mathbb{R}"],
        r"a (x - b) \\ \implies x = b",
        "unknown",
        None,
    ),
    (
        "a positive factor",
        [r"a \in \mathbb{R}_{>0}, b \in \mathbb{R}, x \in \mathbb{R}"],
        r"a (x - b) \\ \implies x = b",
        "valid",
        None,
    ),
    (
        "a coefficient that may be 0",
        [r"a \in \mathbb{R}, b \in \mathbb{R}, x \in \mathbb{R}"],
        r"a x - b \\ \implies x = \frac{b}{a}",
        "unknown",
        None,
    ),
    (
        "a coefficient assumed nonzero",
        [r"a \in \mathbb{R}, b \in \mathbb{R}, x \in \mathbb{R}", r"a \neq 0"],
        r"a x - b \\ \implies x = \frac{b}{a}",
        "valid",
        None,
    ),
    (
        "entrywise, a factor that may be 0",
        [r"p \in \Delta^{k}, f \in \mathbb{R}^{k}, c \in \mathbb{R}"],
        r"c \log(p) = c f \\ \implies p = \exp(f)",
        "unknown",
        None,
    ),
    ("covariance, times N", [SPD], r"\Sigma^{-1} S \Sigma^{-1} - c \Sigma^{-1} \\ \implies \Sigma = c S", "invalid", 1),
    ("invertible: no root 0", [SPD], r"\Sigma S \Sigma - c \Sigma \\ \implies \Sigma = c S^{-1}", "valid", None),
    (
        "any matrix: 0 is a root too",
        [GENERAL],
        r"\Sigma S \Sigma - c \Sigma \\ \implies \Sigma = c S^{-1}",
        "unknown",
        None,
    ),
    ("iff through Sigma^{-1}", [MEAN], r"\Sigma^{-1}(a - c \mu) \\ \iff c \mu = a", "valid", None),
    ("iff through Sigma^{-1}, a factor 2", [MEAN], r"\Sigma^{-1}(a - c \mu) \\ \iff c \mu = 2 a", "unknown", None),
    ("iff through a matrix maybe singular", [MEAN], r"A (a - c \mu) \\ \iff c \mu = a", "unknown", None),
]


@pytest.mark.parametrize(("where", "latex", "verdict", "first_invalid"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_only_root(where, latex, verdict, first_invalid):
    report = derive.verify(latex, where, trials=8)
    assert (report.verdict, report.first_invalid_step) == (verdict, first_invalid), report.to_text()

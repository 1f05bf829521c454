"""The domains a given may live in: one ``Domain`` object per domain, the only place where what a
domain means is written.

A domain holds its SymPy assumptions, its set in LaTeX (printed in the givens table and read back
by ``derive verify --where``), its samplers (JAX for the checker, one trial at a time; NumPy for
verify's numeric opinion, a batch with a leading trials axis), the range the symbolic checker's
refutation probe draws its entries from, and the structure that puts an explicit small matrix in
the domain (symmetry, unit column sums, unit norm, orthonormal columns).

To add a domain: write one ``Domain`` below and add it to ``DOMAINS``; tests/test_domains.py then
checks its samplers draw inside it and its set reads back through ``--where``.

JAX and NumPy are imported inside the samplers: `derive show` must not load JAX.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

# --- the set in LaTeX ---------------------------------------------------------------------------

# How the shape follows the set, and which kinds of given `--where` reads in that set:
#   "power"    the shape as a power: \mathbb{R}^{n}, \mathbb{R}^{n \times d}
#   "vector"   the same, but `--where` reads vectors only: (0,1)^{n}, \{0,1\}^{n}
#   "side"     the side of a square matrix: \mathbb{S}^{d}
#   "simplex"  printed as the simplex's dimension, \Delta^{n - 1}; `--where` writes the length, \Delta^{n}
READ_KINDS = {
    "power": ("scalar", "vector", "matrix"),
    "vector": ("scalar", "vector"),
    "side": ("matrix",),
    "simplex": ("vector",),
}


@dataclass(frozen=True)
class SetNotation:
    """A domain's set in LaTeX: ``head`` (with its subscript), then the shape, then ``after``,
    then a ``condition`` on the symbol ``{x}`` (a set with a condition has no ``--where`` form).
    ``also_read`` lists other spellings of the head that ``--where`` accepts."""

    head: str
    shape: str = "power"
    after: str = ""
    condition: str = ""
    also_read: tuple[str, ...] = ()

    @property
    def spelling(self) -> str:
        """The set without its shape, as ``--where`` declarations are looked up: ``\\mathbb{S}_{++}``."""
        return self.head + self.after

    def latex(self, dims: list[str], symbol: str) -> str:
        """The set of a given with these (rendered) dimensions, as the givens table prints it."""
        if self.shape == "side" and not dims:  # a 1x1 symmetric matrix is a real number
            return r"\mathbb{R}"
        text = self.head + self._superscript(dims, printed=True) + self.after
        return text + r",\ " + self.condition.format(x=symbol) if self.condition else text

    def where(self, dims: list[str], kind: str) -> str | None:
        """The set as a ``--where`` declaration writes it, or None when --where has no set for it."""
        if self.condition or kind not in READ_KINDS[self.shape]:
            return None
        return self.head + self._superscript(dims, printed=False) + self.after

    def _superscript(self, dims: list[str], printed: bool) -> str:
        if not dims:
            return ""
        if self.shape == "side":
            return f"^{{{dims[0]}}}"
        if self.shape == "simplex":
            return f"^{{{dims[0]} - 1}}" if printed else f"^{{{dims[0]}}}"
        return f"^{{{dims[0]}}}" if dims[1] == "1" else rf"^{{{dims[0]} \times {dims[1]}}}"


# --- samplers: JAX for one trial (key, shape); NumPy for a batch (rng, (trials, *shape)) ----------


def _normal_jax(key, shape):
    import jax

    return jax.random.normal(key, shape)


def _normal_numpy(rng, shape):
    return rng.normal(size=shape)


def _uniform(low: float, high: float) -> tuple[Callable, Callable]:
    """The JAX and the NumPy sampler of the uniform distribution on [low, high]."""

    def jax_sampler(key, shape):
        import jax

        return jax.random.uniform(key, shape, minval=low, maxval=high)

    def numpy_sampler(rng, shape):
        return rng.uniform(low, high, size=shape)

    return jax_sampler, numpy_sampler


def _binary_jax(key, shape):
    import jax
    import jax.numpy as jnp

    return jax.random.bernoulli(key, 0.5, shape).astype(jnp.float64)


def _binary_numpy(rng, shape):
    return rng.integers(0, 2, size=shape).astype(float)


def _signs_jax(key, shape):
    import jax
    import jax.numpy as jnp

    return jnp.where(jax.random.bernoulli(key, 0.5, shape), 1.0, -1.0)


def _signs_numpy(rng, shape):
    return rng.choice([-1.0, 1.0], size=shape)


def _simplex_jax(key, shape):  # each column a probability vector
    import jax

    return jax.nn.softmax(jax.random.normal(key, shape), axis=0)


def _simplex_numpy(rng, shape):
    a = rng.normal(size=shape)
    e = _numpy().exp(a - a.max(axis=-2, keepdims=True))
    return e / e.sum(axis=-2, keepdims=True)


def _symmetric_jax(key, shape):
    import jax

    a = jax.random.normal(key, shape)
    return (a + a.T) / 2


def _symmetric_numpy(rng, shape):
    a = rng.normal(size=shape)
    return (a + _numpy().swapaxes(a, -1, -2)) / 2


def _spd_jax(key, shape):
    import jax
    import jax.numpy as jnp

    a = jax.random.normal(key, shape)
    return a @ a.T / shape[0] + 0.5 * jnp.eye(shape[0])


def _spd_numpy(rng, shape):
    np = _numpy()
    a = rng.normal(size=shape)
    return a @ np.swapaxes(a, -1, -2) / shape[-1] + 0.5 * np.eye(shape[-1])


def _orthonormal_jax(key, shape):
    import jax
    import jax.numpy as jnp

    q, _ = jnp.linalg.qr(jax.random.normal(key, shape))
    return q


def _orthonormal_numpy(rng, shape):
    return _numpy().linalg.qr(rng.normal(size=shape))[0]


def _unit_jax(key, shape):
    import jax
    import jax.numpy as jnp

    v = jax.random.normal(key, shape)
    return v / jnp.linalg.norm(v)


def _unit_numpy(rng, shape):
    v = rng.normal(size=shape)
    return v / _numpy().linalg.norm(v, axis=(-2, -1), keepdims=True)


def _numpy():
    import numpy

    return numpy


# --- structure of an explicit instance (a matrix of scalar symbols) -------------------------------


def _unstructured(explicit) -> dict:
    return {}


def _symmetric_structure(explicit) -> dict:
    rows, _ = explicit.shape
    return {explicit[j, i]: explicit[i, j] for i in range(rows) for j in range(i)}


def _simplex_structure(explicit) -> dict:  # each column is a probability vector, as the samplers draw them
    _, cols = explicit.shape
    return {explicit[-1, j]: 1 - sum(explicit[:-1, j]) for j in range(cols)}


def _unit_structure(explicit) -> dict:
    if explicit.shape[1] != 1:
        return {}
    return {explicit[-1, 0]: sp.sqrt(1 - sum(e**2 for e in explicit[:-1, 0]))}


def _orthonormal_structure(explicit) -> dict:
    """Orthonormal columns with rational entries: the first columns of the Cayley transform
    Q = (I - K)(I + K)^{-1} of a skew-symmetric K with free parameters, so that U^T U = I
    holds identically and cancel() can prove identities that rely on it. (It covers the
    rotations without eigenvalue -1, a dense part of the orthogonal matrices of det 1.)"""
    rows, cols = explicit.shape
    if rows < cols:
        return {}
    name = str(explicit[0, 0]).rsplit("_", 1)[0]
    skew = sp.zeros(rows, rows)
    for i in range(rows):
        for j in range(i + 1, rows):
            parameter = sp.Symbol(f"{name}_k{i}{j}", real=True)
            skew[i, j], skew[j, i] = parameter, -parameter
    identity = sp.eye(rows)
    plus = identity + skew
    q = (identity - skew) * plus.adjugate() / plus.det()
    return {explicit[i, j]: sp.cancel(q[i, j]) for i in range(rows) for j in range(cols)}


# --- the domains ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Domain:
    """Where a symbol's values live: the numeric samplers draw from it, the symbolic checker may assume it.

    ``sample_jax(key, shape)`` draws one trial; ``sample_numpy(rng, (trials, *shape))`` a batch.
    The refutation probe draws each explicit entry from ``probe_range`` (its two ends only when
    ``discrete``), diagonal entries from ``probe_diagonal`` where given; ``structure(explicit)``
    is the substitution that puts an explicit matrix of symbols in the domain.
    """

    name: str
    description: str
    notation: SetNotation
    sample_jax: Callable = _normal_jax
    sample_numpy: Callable = _normal_numpy
    assumptions: tuple[tuple[str, bool], ...] = (("real", True),)
    probe_range: tuple = (-2, 2)
    probe_diagonal: tuple | None = None
    discrete: bool = False
    structure: Callable = _unstructured

    def probe(self, on_diagonal: bool) -> tuple:
        """Where the probe draws an entry: (low, high), or (a, b, name) for the discrete set {a, b}."""
        if on_diagonal and self.probe_diagonal:
            return self.probe_diagonal
        return (*self.probe_range, self.name) if self.discrete else self.probe_range

    def __str__(self) -> str:
        return self.name


_POSITIVE_SAMPLERS = _uniform(0.5, 2.0)
_PROBABILITY_SAMPLERS = _uniform(0.05, 0.95)

REAL = Domain("real", "real", SetNotation(r"\mathbb{R}"))
POSITIVE = Domain(
    "positive",
    "positive real",
    SetNotation(r"\mathbb{R}_{>0}", also_read=tuple(rf"\mathbb{{R}}_{{{s}}}" for s in ("+", "++", r"\geq0", r"\ge0"))),
    *_POSITIVE_SAMPLERS,
    assumptions=(("positive", True),),
    probe_range=(0.2, 3),
)
PROBABILITY = Domain(
    "probability",
    "in (0, 1)",
    SetNotation("(0,1)", shape="vector"),
    *_PROBABILITY_SAMPLERS,
    assumptions=(("positive", True),),
    probe_range=(0.05, 0.95),
)
BINARY = Domain(
    "binary",
    "in {0, 1}",
    SetNotation(r"\{0,1\}", shape="vector"),
    _binary_jax,
    _binary_numpy,
    probe_range=(0, 1),
    discrete=True,
)
SIGNS = Domain(
    "signs",
    "in {-1, 1}",
    SetNotation(r"\{-1,1\}", shape="vector", also_read=(r"\{\pm1\}",)),
    _signs_jax,
    _signs_numpy,
    probe_range=(-1, 1),
    discrete=True,
)
SIMPLEX = Domain(
    "simplex",
    "a probability vector",
    SetNotation(r"\Delta", shape="simplex"),
    _simplex_jax,
    _simplex_numpy,
    assumptions=(("positive", True),),
    probe_range=(0.05, 0.3),
    structure=_simplex_structure,
)
SYMMETRIC = Domain(
    "symmetric",
    "symmetric",
    SetNotation(r"\mathbb{S}", shape="side"),
    _symmetric_jax,
    _symmetric_numpy,
    structure=_symmetric_structure,
)
SPD = Domain(
    "spd",
    "symmetric positive definite",
    SetNotation(
        r"\mathbb{S}",
        shape="side",
        after="_{++}",
        also_read=tuple(rf"\mathbb{{S}}_{{{s}}}" for s in ("+", ">0", r"\succ0", r"\geq0", r"\ge0")),
    ),
    _spd_jax,
    _spd_numpy,
    probe_range=(-0.5, 0.5),
    probe_diagonal=(3, 5),
    structure=_symmetric_structure,
)
ORTHONORMAL = Domain(
    "orthonormal",
    "orthonormal columns",
    SetNotation(r"\mathbb{R}", condition=r"{x}^{{\top}} {x} = I"),
    _orthonormal_jax,
    _orthonormal_numpy,
    structure=_orthonormal_structure,
)
UNIT = Domain(
    "unit",
    "unit norm",
    SetNotation(r"\mathbb{R}", condition=r"\|{x}\| = 1"),
    _unit_jax,
    _unit_numpy,
    probe_range=(-0.4, 0.4),
    structure=_unit_structure,
)

DOMAINS = {
    dom.name: dom for dom in (REAL, POSITIVE, PROBABILITY, BINARY, SIGNS, SIMPLEX, SYMMETRIC, SPD, ORTHONORMAL, UNIT)
}


def domain_of_set(spelling: str) -> Domain | None:
    """The domain whose set (without its shape) is written ``spelling`` in ``--where``, if any."""
    for domain in DOMAINS.values():
        notation = domain.notation
        if not notation.condition and spelling in (notation.spelling, *notation.also_read):
            return domain
    return None

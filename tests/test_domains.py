"""Every domain is one Domain object with all its parts, and the parts agree: its samplers (JAX and
NumPy) draw inside it, its set reads back through `--where` as the same domain, its probe range and
the structure of an explicit instance keep to it."""

import jax
import numpy as np
import pytest
import sympy as sp

from derive.checking.instances import Instance
from derive.checking.numeric import device_for
from derive.checking.sampling import sample
from derive.core.domains import READ_KINDS, SetNotation, domain_of_set
from derive.core.symbols import DOMAINS, POSITIVE, REAL, SIGNS, SPD, Domain, Given, dims, matrix, scalar, vector
from derive.verifying.declarations import declaration, parse_declarations
from derive.verifying.lexer import ParseError
from derive.verifying.numeric import draws

device_for(None)  # float64, as every numeric check computes
n, d = dims("n d")
TOL = 1e-9


def _columns_sum_to_one(x):
    return bool(np.all(x >= 0) and np.allclose(x.sum(axis=0), 1.0, atol=TOL))


def _symmetric(x):
    return x.shape[0] == x.shape[1] and np.allclose(x, x.T, atol=TOL)


# What it means to lie in each domain, for one drawn value (a 2-d array).
MEMBER = {
    "real": lambda x: bool(np.all(np.isfinite(x))),
    "positive": lambda x: bool(np.all(x > 0)),
    "probability": lambda x: bool(np.all((x > 0) & (x < 1))),
    "binary": lambda x: bool(np.all((x == 0) | (x == 1))),
    "signs": lambda x: bool(np.all((x == -1) | (x == 1))),
    "simplex": _columns_sum_to_one,
    "symmetric": _symmetric,
    "spd": lambda x: _symmetric(x) and bool(np.all(np.linalg.eigvalsh(x) > 0)),
    "orthonormal": lambda x: np.allclose(x.T @ x, np.eye(x.shape[1]), atol=TOL),
    "unit": lambda x: np.isclose(np.linalg.norm(x), 1.0, atol=TOL),
}

# A shape each domain is drawn at: square for the matrix domains, tall for orthonormal columns.
SHAPES = {"symmetric": (4, 4), "spd": (4, 4), "orthonormal": (5, 3), "simplex": (4, 3)}


def _shape(name):
    return SHAPES.get(name, (4, 1))


def _given(domain, shape):
    rows, cols = (n, 1) if shape[1] == 1 else (n, d) if shape[0] != shape[1] else (d, d)
    symbol = vector("x", rows) if cols == 1 else matrix("X", rows, cols)
    return Given(symbol, "", domain), {n: shape[0], d: shape[1] if shape[0] != shape[1] else shape[0]}


def test_every_domain_has_a_membership_check():
    assert set(MEMBER) == set(DOMAINS)


@pytest.mark.parametrize("name", list(DOMAINS))
def test_every_part_exists(name):
    domain = DOMAINS[name]
    assert isinstance(domain, Domain) and domain.name == name and str(domain) == name
    assert domain.description
    assert isinstance(domain.notation, SetNotation) and domain.notation.head
    assert domain.notation.shape in READ_KINDS
    assert callable(domain.sample_jax) and callable(domain.sample_numpy) and callable(domain.structure)
    assert sp.Symbol("t", **dict(domain.assumptions)).is_real
    for on_diagonal in (True, False):
        spec = domain.probe(on_diagonal)
        assert len(spec) == (3 if domain.discrete else 2) and spec[0] < spec[1]


def test_domains_are_hashable_values():
    assert {SPD: "spd"}[DOMAINS["spd"]] == "spd"
    assert SPD != REAL and hash(SPD) == hash(DOMAINS["spd"])


@pytest.mark.parametrize("name", list(DOMAINS))
def test_jax_draws_lie_in_the_domain(name):
    domain = DOMAINS[name]
    for seed in range(3):
        value = np.asarray(domain.sample_jax(jax.random.PRNGKey(seed), _shape(name)))
        assert value.shape == _shape(name) and value.dtype == np.float64
        assert MEMBER[name](value), value


@pytest.mark.parametrize("name", list(DOMAINS))
def test_numpy_draws_lie_in_the_domain(name):
    domain = DOMAINS[name]
    batch = np.asarray(domain.sample_numpy(np.random.default_rng(0), (5, *_shape(name))), dtype=float)
    assert batch.shape == (5, *_shape(name))
    for value in batch:
        assert MEMBER[name](value), value


@pytest.mark.parametrize("name", [name for name in DOMAINS if name != "real"])
def test_the_membership_checks_can_fail(name):
    """A standard normal draw lies outside every constrained domain."""
    value = np.asarray(REAL.sample_numpy(np.random.default_rng(1), _shape(name)))
    assert not MEMBER[name](value)


@pytest.mark.parametrize("name", list(DOMAINS))
def test_the_checker_and_verify_draw_from_the_domain(name):
    given, sizes = _given(DOMAINS[name], _shape(name))
    key = jax.random.PRNGKey(3)
    checker = np.asarray(sample(key, (given,), sizes)[given.name])
    expected = np.asarray(DOMAINS[name].sample_jax(jax.random.split(key, 1)[0], _shape(name)))
    assert np.array_equal(checker, expected)
    for value in np.asarray(draws((given,), sizes, 4, 0)[given.name]):
        assert MEMBER[name](value)


def _givens_of_every_kind(domain):
    return {
        "scalar": Given(scalar("s", domain), "", domain),
        "vector": Given(vector("v", n), "", domain),
        "matrix": Given(matrix("M", d, d), "", domain),
    }


@pytest.mark.parametrize("name", list(DOMAINS))
def test_the_set_notation_reads_back_as_the_same_domain(name):
    domain = DOMAINS[name]
    readable = () if domain.notation.condition else READ_KINDS[domain.notation.shape]
    for kind, given in _givens_of_every_kind(domain).items():
        text = declaration(given)
        if text is None:  # only a kind the set notation has no --where form for
            assert kind not in readable, kind
            continue
        (parsed,) = parse_declarations([text])
        assert (parsed.name, parsed.shape, parsed.domain) == (given.name, given.shape, domain), text
    if readable:
        assert domain_of_set(domain.notation.spelling) is domain
        for spelling in domain.notation.also_read:
            assert domain_of_set(spelling) is domain


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        (r"w \in \mathbb{R}^{d}_{>0}", POSITIVE),
        (r"w \in \mathbb{R}_{+}^{d}", POSITIVE),
        (r"w \in \mathbb{R}_{\geq 0}^{d}", POSITIVE),
        (r"s \in \{\pm 1\}^{n}", SIGNS),
        (r"s \in \{-1,+1\}^{n}", SIGNS),
        (r"A \in \mathbb{S}^{d}_{+}", SPD),
        (r"A \succ 0", SPD),
    ],
)
def test_other_spellings_of_a_set(text, domain):
    (parsed,) = parse_declarations([text])
    assert parsed.domain is domain


def test_an_unknown_subscript_is_an_error():
    with pytest.raises(ParseError, match="unknown set"):
        parse_declarations([r"w \in \mathbb{R}^{d}_{<0}"])


def test_printed_sets():
    dom = {name: DOMAINS[name].notation for name in DOMAINS}
    assert dom["positive"].latex(["n", "1"], "w") == r"\mathbb{R}_{>0}^{n}"
    assert dom["spd"].latex(["d", "d"], "A") == r"\mathbb{S}^{d}_{++}"
    assert dom["simplex"].latex(["k", "1"], "p") == r"\Delta^{k - 1}"
    assert dom["simplex"].where(["k", "1"], "vector") == r"\Delta^{k}"
    assert dom["orthonormal"].latex(["n", "k"], "U") == r"\mathbb{R}^{n \times k},\ U^{\top} U = I"
    assert dom["unit"].latex(["d", "1"], "u") == r"\mathbb{R}^{d},\ \|u\| = 1"


@pytest.mark.parametrize("name", list(DOMAINS))
def test_probe_values_lie_in_the_domain(name):
    domain = DOMAINS[name]
    low, high = domain.probe(on_diagonal=False)[:2]
    if domain.discrete:
        assert MEMBER[name](np.array([[low], [high]], dtype=float))
    elif name in ("positive", "probability"):
        assert MEMBER[name](np.array([[low], [high]], dtype=float))


@pytest.mark.parametrize(("name", "shape"), [("symmetric", (3, 3)), ("spd", (3, 3)), ("simplex", (3, 2)), ("unit", (3, 1)), ("orthonormal", (3, 2))])  # fmt: skip
def test_the_explicit_instance_has_the_domain_structure(name, shape):
    given, sizes = _given(DOMAINS[name], shape)
    instance = Instance.build((given,), sizes)
    (entries,) = instance.entries.values()
    structured = sp.Matrix(entries.xreplace(instance.structure))
    cols = shape[1]
    if name in ("symmetric", "spd"):
        assert structured == structured.T
    elif name == "simplex":
        assert all(sp.simplify(sum(structured[:, j]) - 1) == 0 for j in range(cols))
    elif name == "unit":
        assert sp.simplify((structured.T * structured)[0, 0] - 1) == 0
    else:
        assert sp.simplify(structured.T * structured - sp.eye(cols)) == sp.zeros(cols, cols)

"""derive: symbolic derivations of machine-learning mathematics, checked symbolically and with JAX.

    >>> import derive
    >>> entry = derive.get("logistic-grad")
    >>> entry.check().ok
    True

Entries are written with the vocabulary re-exported here (see docs/writing-an-entry.md).
Importing this package does not import JAX; only numeric checks do.
"""

from importlib.metadata import PackageNotFoundError, version

from ._checking import check, check_many
from ._checks import KKT, Grad, Identity, Inequality, Iterate, MonteCarlo, Stationary
from ._distributions import (
    Distribution,
    bernoulli,
    beta,
    binomial,
    categorical,
    multivariate_normal,
    normal,
    poisson,
    uniform,
)
from ._errors import BrokenEntry, DeriveError, UnknownEntry, UnknownTopic
from ._hmm import hmm_forward, hmm_paths
from ._hmm_smoothing import hmm_backward, hmm_marginals, hmm_suffix_paths
from ._model import EQUALS, EQUIVALENT, SOLVES, STATES, Derivation, Equation, Reference, Step
from ._numeric_ops import eigval, eigvals, eigvec, lstsq, quadrature, svd_s, svd_u, svd_v
from ._ops import (
    absolute,
    det,
    diag,
    exp,
    eye,
    frobenius_sq,
    grad,
    hadamard,
    hessian,
    inv,
    jacobian,
    log,
    mean_outer,
    norm_sq,
    ones,
    relu,
    scalar_of,
    sigmoid,
    sign,
    softmax,
    sqrt,
    step,
    tanh,
    trace,
    transpose,
)
from ._optimize import argmin, entry, minibatch_mean, vstack
from ._quadrature import normal_expectation
from ._registry import entries, get, ids, topics
from ._render import FORMATS, render
from ._stats import (
    MonteCarloRate,
    beta_function,
    bootstrap_variance,
    column_basis,
    expectation,
    normal_cdf,
    normal_quantile,
    null_basis,
    nullity,
    probability,
    rank,
    resample_indices,
    resample_quantile,
    sample_mean,
    sum_entries,
)
from ._symbols import (
    BINARY,
    ORTHONORMAL,
    POSITIVE,
    PROBABILITY,
    REAL,
    SIGNS,
    SIMPLEX,
    SPD,
    SYMMETRIC,
    UNIT,
    Domain,
    Given,
    dims,
    matrix,
    scalar,
    vector,
)
from ._verdict import FAIL, PASS, PROVED, REFUTED, STATED, UNKNOWN, CheckReport, NumericVerdict, StepVerdict

try:
    __version__ = version("derive-ml")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = [
    "BINARY", "EQUALS", "EQUIVALENT", "FAIL", "FORMATS", "KKT", "ORTHONORMAL", "PASS", "POSITIVE",
    "PROBABILITY", "PROVED", "REAL", "REFUTED", "SIGNS", "SIMPLEX", "SOLVES", "SPD", "STATED", "STATES",
    "SYMMETRIC", "UNIT", "UNKNOWN", "BrokenEntry", "CheckReport", "Derivation", "DeriveError", "Domain",
    "Equation", "Given", "Grad", "Identity", "Inequality", "MonteCarlo", "Distribution", "bernoulli", "beta", "binomial", "categorical", "multivariate_normal", "normal", "poisson", "uniform", "NumericVerdict", "Reference", "Stationary",
    "Step", "StepVerdict", "UnknownEntry", "UnknownTopic", "check", "check_many", "det", "diag", "dims", "entries",
    "exp", "eye", "frobenius_sq", "get", "grad", "hadamard", "hessian", "ids", "inv", "jacobian", "log",
    "matrix", "norm_sq", "ones", "relu", "render", "scalar", "scalar_of", "sigmoid", "eigval", "eigvals", "eigvec", "lstsq", "quadrature", "absolute", "mean_outer", "svd_s", "svd_u", "svd_v", "sign", "softmax", "sqrt", "step",
    "tanh", "topics", "trace", "transpose", "vector",
    "Iterate", "argmin", "entry", "minibatch_mean", "vstack",
    "MonteCarloRate", "beta_function", "bootstrap_variance", "column_basis", "expectation", "normal_cdf", "normal_quantile",
    "null_basis", "nullity", "probability", "rank", "resample_indices", "resample_quantile", "sample_mean",
    "sum_entries", "hmm_backward", "hmm_marginals", "hmm_suffix_paths",
    "CompileFailed", "TexMissing", "Written", "handout_entries", "handout_tex", "standalone_latex", "write_handout",
    "VerifyReport", "verify",
    "hmm_forward", "hmm_paths", "normal_expectation",
]  # fmt: skip

# Loaded on first use, so that `derive show` and `derive list` start fast (PEP 562).
_LAZY = {
    "verify": "._verify",
    "VerifyReport": "._verify_report",
    "Written": "._handout",
    "handout_tex": "._handout",
    "write_handout": "._handout",
    "handout_entries": ("._handout", "choose"),
    "standalone_latex": ("._worked", "standalone"),
    "CompileFailed": "._tex",
    "TexMissing": "._tex",
}


def __getattr__(name: str):
    import importlib

    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'derive' has no attribute {name!r}")
    module_name, attribute = (target, name) if isinstance(target, str) else target
    value = getattr(importlib.import_module(module_name, __name__), attribute)
    globals()[name] = value
    return value

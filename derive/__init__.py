"""derive: symbolic derivations of machine-learning mathematics, checked symbolically and with JAX.

    >>> import derive
    >>> entry = derive.get("logistic-grad")
    >>> derive.check(entry).ok
    True

Entries are written with the vocabulary re-exported here (see docs/writing-an-entry.md).
Every name is loaded on first use (PEP 562): importing this package imports neither SymPy nor
JAX, so a `derive show` answered from the rendered-solution cache never loads them.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("derive-ml")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

# module -> the public names it provides; a (name, attribute) pair renames on export
_EXPORTS = {
    '.api': ('check', 'check_many',),
    '.core.checks': ('Grad', 'IdentityCheck', 'Inequality', 'Iterate', 'KKT', 'MonteCarlo', 'Stationary',),
    '.core.distributions': ('Distribution', 'bernoulli', 'beta', 'binomial', 'categorical', 'multivariate_normal', 'normal', 'poisson', 'uniform',),
    '.core.laws': ('bernoulli_law', 'iid', 'minibatch_law',),
    '.core.errors': ('BrokenEntry', 'DeriveError', 'UnknownEntry', 'UnknownTopic',),
    '.rendering.formats': ('FORMATS',),
    '.rendering.handout': ('Written', 'handout_tex', 'write_handout', ('handout_entries', 'choose'),),
    '.core.model': ('Derivation', 'EQUALS', 'EQUIVALENT', 'Equation', 'Intermediate', 'Reference', 'SOLVES', 'STATES', 'Stated', 'Step',),
    '.core.numeric_references': ('eigval', 'eigvals', 'eigvec', 'lstsq', 'quadrature', 'svd_s', 'svd_u', 'svd_v',),
    '.core.operations': ('absolute', 'det', 'diag', 'exp', 'eye', 'frobenius_sq', 'grad', 'hadamard', 'hessian', 'inv', 'jacobian', 'log', 'mean_outer', 'norm_sq', 'ones', 'relu', 'scalar_of', 'sigmoid', 'sign', 'softmax', 'sqrt', 'step', 'tanh', 'trace', 'transpose',),
    '.core.optimization': ('argmin', 'entry', 'minibatch_mean', 'vstack',),
    '.registry': ('entries', 'get', 'ids', 'topics',),
    '.rendering.render': ('render', ('typeset', 'Typeset'),),
    '.core.statistics': ('MonteCarloRate', 'expectation', 'normal_cdf', 'normal_quantile', 'probability', 'sample_mean', 'sum_entries',),
    '.core.symbols': ('BINARY', 'Domain', 'Given', 'ORTHONORMAL', 'POSITIVE', 'PROBABILITY', 'REAL', 'SIGNS', 'SIMPLEX', 'SPD', 'SYMMETRIC', 'UNIT', 'dims', 'matrix', 'scalar', 'vector',),
    '.rendering.tex': ('CompileFailed', 'TexMissing',),
    '.checking.verdicts': ('CheckReport', 'FAIL', 'NumericVerdict', 'PASS', 'PROVED', 'REFUTED', 'STATED', 'StepVerdict', 'UNKNOWN',),
    '.verifying.run': ('verify',),
    '.verifying.batch': ('verify_many',),
    '.verifying.report': ('VerifyReport',),
    '.rendering.worked': (('standalone_latex', 'standalone'),),
}  # fmt: skip

_LOCATION = {
    (item if isinstance(item, str) else item[0]): (module, item if isinstance(item, str) else item[1])
    for module, items in _EXPORTS.items()
    for item in items
}
__all__ = sorted(_LOCATION)


def __getattr__(name: str):
    import importlib

    if name not in _LOCATION:
        raise AttributeError(f"module 'derive' has no attribute {name!r}")
    module_name, attribute = _LOCATION[name]
    value = getattr(importlib.import_module(module_name, __name__), attribute)
    globals()[name] = value
    return value


def __dir__():
    return [*globals(), *__all__]

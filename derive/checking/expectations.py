"""Expectations written out at given sizes, so JAX can evaluate them: both numeric lanes (the
catalog's per-step check, derive.checking.step_numeric, and derive verify's numeric opinion) then
see the sizes they draw at, not only the symbolic instance's."""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions import MatrixSymbol

from derive.checking.instances import Instance, explicit
from derive.core.optimization import MinibatchMean
from derive.core.statistics import Expectation

# an expectation over random vectors with more entries than this is not written out (two-proportion-
# z-test's 1,000 Bernoulli draws took 12 CPU s and still left it unevaluated)
MAX_RANDOM_ENTRIES = 64


def written_out(expr, givens, sizes: dict):
    """``expr`` with each expectation over random vectors (and over a minibatch of b, a letter, where
    the mask's average is computed for every b) replaced by its closed form at ``sizes``,
    the vectors' entries written as their entries (x[i, 0]), so JAX evaluates it: the numeric opinion
    then sees the sizes it draws at, and refuses E[x_1 + ... + x_n] = 2 mu, true only at n = 2, the
    size of the symbolic instance. An expectation that cannot be written out, or over more than
    MAX_RANDOM_ENTRIES random entries, is left as it is."""

    def averaged(e) -> bool:  # an expectation, or a minibatch average whose batch size is a letter
        return isinstance(e, Expectation) or (isinstance(e, MinibatchMean) and not e.args[2].is_Integer)

    if not isinstance(expr, sp.Basic) or not any(
        _random_entries(average, sizes) <= MAX_RANDOM_ENTRIES for average in expr.atoms(Expectation, MinibatchMean)
    ):
        return expr  # nothing to write out: no instance built (two-proportion-z-test's has 1,000 entries)
    instance = Instance.build(tuple(givens), sizes)
    entries = {}
    for given in givens:
        if isinstance(given.symbol, MatrixSymbol):
            written = instance.entries[given.symbol.subs(sizes)]
            entries.update(
                {written[i, j]: given.symbol[i, j] for i in range(written.rows) for j in range(written.cols)}
            )

    def closed_form(average):
        if _random_entries(average, sizes) > MAX_RANDOM_ENTRIES:
            return average
        try:
            value = explicit(average, instance)
        except Exception:  # not a polynomial at these sizes: no numeric opinion, as before
            return average
        return average if value.has(Expectation, MinibatchMean) else value.xreplace(entries)

    return expr.replace(averaged, closed_form)


def _random_entries(average, sizes: dict) -> int:
    """How many random entries an expectation (or a minibatch average: its mask's) is over at ``sizes``."""
    variables = [law[0] for law in average.laws] if isinstance(average, Expectation) else [average.args[1]]
    counts = [sp.Mul(*getattr(x, "shape", (1, 1))).subs(sizes) for x in variables]
    return sum(int(count) for count in counts if count.is_Integer)  # a size not given counts as none

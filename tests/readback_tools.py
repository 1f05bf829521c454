"""Whether a formula read back by derive's parser is the same mathematics as the SymPy expression
it was printed from: both on an explicit instance (every vector and matrix a grid of scalar
symbols, derive.checking.instances), compared at random points of the givens' domains.

Shared by the printer round-trip test (random formulas) and the read-back test (every printed
row of the catalog).
"""

from __future__ import annotations

import random

import sympy as sp

from derive.checking.instances import Instance, expand_definitions, explicit
from derive.core.operation import Operation

TOLERANCE = 1e-9  # relative to the largest value compared


PARAMETER_RANGE = (-2, 2)  # of the free parameters a domain's structure brings (orthonormal columns)


def sample_points(instance: Instance, count: int = 3, seed: int = 0) -> list[dict]:
    """``count`` points of the instance's scalar symbols (each a multiple of 1/64 in its probe range)
    and of the parameters of its structure (in PARAMETER_RANGE)."""
    rng = random.Random(seed)
    ranges = dict(instance.probe_ranges)
    for value in instance.structure.values():
        ranges.update({s: PARAMETER_RANGE for s in value.free_symbols if s not in ranges})
    symbols = sorted(ranges, key=str)
    return [{s: sp.Rational(round(rng.uniform(*ranges[s][:2]) * 64) or 1, 64) for s in symbols} for _ in range(count)]


def shape_of(expr) -> tuple:
    return tuple(expr.shape) if isinstance(expr, sp.MatrixExpr) else (1, 1)


def values(expr, instance: Instance, point: dict) -> list[complex]:
    """The entries of ``expr`` on the instance at ``point``, as numbers. A scalar symbol that is no
    given (an iteration count k, a free scalar of a row) takes a value drawn from its name, the same
    in both expressions compared, whatever assumptions each was created with."""
    if expr.has(sp.Integral) and not expr.atoms(sp.MatrixSymbol):  # by quadrature: SymPy integrates slowly
        scalar = expand_definitions(expr.subs(instance.sizes)).xreplace(point)
        return [complex(_quadrature(scalar.xreplace(_by_name(scalar, point)), {}))]
    if expr.has(sp.Sum) and not expr.atoms(sp.MatrixSymbol):  # summed at the point: SymPy's closed forms take minutes
        scalar = expand_definitions(expr.subs(instance.sizes)).xreplace(point)
        return [complex(sp.N(scalar.xreplace(_by_name(scalar, point)), 30))]
    value = explicit(expr, instance)
    entries = value if isinstance(value, sp.MatrixBase) else sp.ImmutableMatrix([[value]])
    return [complex(sp.N(entry.xreplace(point).xreplace(_by_name(entry, point)), 30)) for entry in entries]


def _quadrature(expr, env: dict):
    """The number ``expr`` is, its integrals (nested ones too, with limits that depend on the outer
    variables) computed by mpmath's quadrature; ``env``: the values of the outer variables."""
    outermost = [
        i
        for i in expr.atoms(sp.Integral)
        if not any(i in o.function.atoms(sp.Integral) for o in expr.atoms(sp.Integral) if o != i)
    ]
    values = {integral: _integral(integral.function, list(integral.limits), env) for integral in outermost}
    return complex(sp.N(expr.xreplace(values).xreplace(env), 15))


def _integral(body, limits: list, env: dict):
    """The integral of ``body`` over ``limits`` (innermost first), the outer variables at ``env``:
    nested adaptive quadratures (SciPy, to 1e-12 relative) over a body compiled once (an integral
    inside it is computed again at each outer point)."""
    from scipy.integrate import quad

    variables = [variable for variable, _, _ in limits]
    body = body.xreplace(env).replace(lambda e: isinstance(e, Operation), lambda e: e.doit())
    compiled = None if body.has(sp.Integral) else sp.lambdify(variables, body, ["scipy", "numpy"])

    def end(value, outer: dict) -> float:
        return float(value) if value.is_infinite else float(sp.N(value.xreplace(env).xreplace(outer)))

    def level(k: int, outer: dict) -> float:
        if k < 0:
            if compiled is not None:
                return float(compiled(*(outer[v] for v in variables)))
            return _quadrature(body.xreplace({v: sp.Float(outer[v], 15) for v in variables}), {}).real
        variable, low, high = limits[k]
        return quad(
            lambda value: level(k - 1, {**outer, variable: value}),
            end(low, outer),
            end(high, outer),
            epsabs=0,
            epsrel=1e-12,
            limit=200,
        )[0]

    return sp.Float(level(len(limits) - 1, {}), 15)


def _by_name(entry, point: dict) -> dict:
    """Values of the symbols of ``entry`` that ``point`` lacks, by name; one named b^2 (a variance
    printed \\sigma^{2}) is the square of b's."""
    extra = {}
    for symbol in entry.free_symbols - set(point):
        base = symbol.name.removesuffix("^2")
        rng = random.Random(f"{base}{sorted(point.values())[:1]}")
        value = sp.Integer(rng.randint(2, 4))  # whole: an integer count or any real alike
        extra[symbol] = value**2 if base != symbol.name else value
    return extra


def difference(printed, read, instance: Instance, points: list[dict]) -> str | None:
    """Why ``read`` is not the same mathematics as ``printed`` (a different shape, or different
    values at one of ``points``), or None when they agree everywhere."""
    if shape_of(printed) != shape_of(read):
        return f"printed a {shape_of(printed)} value, read back a {shape_of(read)} one"
    for point in points:
        expected, found = values(printed, instance, point), values(read, instance, point)
        scale = max([1.0] + [abs(v) for v in expected])
        worst = max(abs(u - v) for u, v in zip(expected, found))
        if not worst <= TOLERANCE * scale:  # also a NaN
            return f"printed {printed}\n  read back {read}\n  {expected} != {found}"
    return None

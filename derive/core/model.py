"""The frozen data model of a derivation. No I/O, no registration, no checking here."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from derive.core.plain import plain
from derive.core.symbols import Given

EQUALS = "equals"
EQUIVALENT = "equivalent"
SOLVES = "solves"
STATES = "states"
RELATIONS = (EQUALS, EQUIVALENT, SOLVES, STATES)

# what a ``states`` step with a bare expression claims about the previous expression and it
STATED_RELATIONS = {
    "<=": "at most",
    "<": "less than",
    ">=": "at least",
    ">": "greater than",
    "=": "equal (shown only numerically)",
    "expectation": "its expectation is",
    "approx": "approximately (asymptotically) equal",
}


@dataclass(frozen=True)
class Equation:
    """``lhs = rhs`` as a step of a derivation (SymPy's Eq would try to evaluate it).

    ``cited``: the id of another catalog entry whose steps contain this equation; a step may then
    assume it (``Step(using=...)``), and loading the entry checks that the cited entry has it.
    """

    lhs: sp.Basic
    rhs: sp.Basic
    cited: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{plain(self.lhs)} = {plain(self.rhs)}"

    def residual(self) -> sp.Basic:
        if self.rhs == 0:
            return self.lhs
        return self.lhs - self.rhs


def residual(expr) -> sp.Basic:
    """An equation as ``lhs - rhs``; a bare expression E stands for ``E = 0``."""
    return expr.residual() if isinstance(expr, Equation) else expr


@dataclass(frozen=True)
class Step:
    """One step: the new expression and the rule that justifies it.

    relation:
      - ``equals``: the expression equals the previous one;
      - ``equivalent``: an equation whose residual times ``factor`` is the previous residual
        (a bare previous expression E means E = 0, so "setting the gradient to zero" is this);
      - ``solves``: an ``Equation(variable, value)`` whose value satisfies the previous equation;
      - ``states``: a claim the symbolic checker does not prove (an inequality, an expectation, a
        closed form shown only numerically): ``because`` says why it holds, and ``checked_by``
        numbers the entry's checks (from 1, as the report prints them) whose claim is this step's
        claim (the engine confirms it). The expression is a relation (``sp.Le(a, b)``, ``Equation``), or a bare expression
        that ``states`` relates to the previous one (a key of STATED_RELATIONS: "<=", "expectation", ...).
    ``using``: equations assumed at this step, solved for scalar unknowns on the explicit
    instance and substituted before comparing. Each must be a given's ``defined_by`` equation, an
    equation an earlier step of the entry shows, or another entry's (``Equation(..., cited=ID)``);
    the verdict names them ("PROVED assuming ...").
    ``start``: begin a new chain here: the step claims ``start`` (relation) ``expr``, instead of
    relating ``expr`` to the previous step (for a derivation with several parts).
    ``nonzero``: side conditions an ``equivalent`` or ``solves`` step relies on beyond the givens'
    domains: scalars assumed nonzero (x^T x for x != 0), square matrices assumed invertible
    (X^T X for full column rank); the verdict prints them ("assuming ...").
    ``root``: for a ``solves`` step whose equation is not linear in the variable, why this root
    is the only one, printed for the reader; the checker still shows it (derive.checking.roots)
    and leaves the step UNKNOWN when it cannot.
    """

    expr: object
    because: str
    relation: str = EQUALS
    factor: sp.Basic = sp.Integer(1)
    using: tuple[Equation, ...] = ()
    start: object = None
    nonzero: tuple = ()
    root: str = ""
    checked_by: tuple = ()
    states: str = ""

    def __post_init__(self):
        if self.relation not in RELATIONS:
            raise ValueError(f"unknown relation {self.relation!r}; use one of {', '.join(RELATIONS)}")
        if self.relation == SOLVES and not isinstance(self.expr, Equation):
            raise ValueError("a 'solves' step must be an Equation(variable, value)")
        if not isinstance(self.checked_by, tuple):  # one check number may be given bare
            object.__setattr__(self, "checked_by", (self.checked_by,))
        if self.states and self.states not in STATED_RELATIONS:
            raise ValueError(f"unknown stated relation {self.states!r}; use one of {', '.join(STATED_RELATIONS)}")
        if (self.states or self.checked_by) and self.relation != STATES:
            raise ValueError("only a 'states' step takes 'states' and 'checked_by'")


@dataclass(frozen=True)
class Stated:
    """A part of a boxed result that holds in the sense of a stated relation, ``lhs relation rhs``
    with ``relation`` a key of STATED_RELATIONS: P(|z| > z_{alpha/2}) "approx" alpha (asymptotically)."""

    lhs: sp.Basic
    relation: str
    rhs: sp.Basic

    def __post_init__(self):
        if self.relation not in STATED_RELATIONS:
            raise ValueError(f"unknown stated relation {self.relation!r}; use one of {', '.join(STATED_RELATIONS)}")


def _shape(expr) -> tuple:
    return tuple(expr.shape) if getattr(expr, "is_Matrix", False) else ()


@dataclass(frozen=True)
class Intermediate:
    """A named intermediate, printed "where ``symbol`` = ``value``" at the first row that uses it
    (Bishop's delta_j, a normalised x-hat). Rows, results and checks may use ``symbol``; the
    checkers substitute ``value`` (which may use earlier intermediates) before comparing, so a
    wrong definition is refused like a wrong row."""

    symbol: sp.Basic
    value: sp.Basic
    meaning: str = ""


@dataclass(frozen=True)
class Reference:
    """A textbook or paper section, e.g. ``Reference("CS229 lecture notes", "part I, section 2")``."""

    source: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.source}, {self.where}" if self.where else self.source


@dataclass(frozen=True)
class Derivation:
    """A worked derivation: from ``start`` through ``steps`` to the result (the last step).

    ``checks`` are numeric check specs (see derive.core.checks). ``sizes`` optionally fixes the
    dimension sizes the symbolic checker instantiates (default: distinct small sizes).
    ``results``: the parts of the boxed result when it has several (expressions, Equations, or
    ``Stated`` relations such as an approximation; e.g. every gradient of a network); each must be
    stated by a check or reached from its left side by a chain (derive.checking.result_coverage).
    Default: the last step's expression.
    ``intermediates``: named intermediates (``Intermediate``), in order of definition.
    """

    id: str
    title: str
    topic: str
    statement: str
    givens: tuple[Given, ...]
    start: object
    steps: tuple[Step, ...]
    checks: tuple = ()
    references: tuple[Reference, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    sizes: tuple[tuple[sp.Symbol, int], ...] = ()
    results: tuple = ()
    intermediates: tuple[Intermediate, ...] = ()

    def __post_init__(self):
        if not self.steps:
            raise ValueError(f"derivation {self.id!r} has no steps")
        defined = set()
        for named in self.intermediates:
            ahead = {later.symbol for later in self.intermediates} - defined
            if named.value.has(*ahead):
                raise ValueError(
                    f"derivation {self.id!r}: intermediate {named.symbol} is defined by itself or a later one"
                )
            if _shape(named.symbol) != _shape(named.value):
                raise ValueError(f"derivation {self.id!r}: intermediate {named.symbol} and its value differ in shape")
            defined.add(named.symbol)
        for index, step in enumerate(self.steps, start=1):
            for number in step.checked_by:
                if not (isinstance(number, int) and 1 <= number <= len(self.checks)):
                    raise ValueError(
                        f"derivation {self.id!r}, step {index}: checked_by={number!r} is not a check number"
                    )

    @property
    def result(self):
        return self.steps[-1].expr

    def chains(self) -> list[tuple[object, list[Step]]]:
        """The steps grouped into chains, each with its start: a step with ``start`` begins a new one."""
        found: list[tuple[object, list[Step]]] = [(self.start, [])]
        for step in self.steps:
            if step.start is not None:
                found.append((step.start, []))
            found[-1][1].append(step)
        return found

    @property
    def result_parts(self) -> tuple:
        """Every part of the boxed result: ``results``, or the last step's expression alone."""
        return self.results or (self.result,)

    def __repr__(self) -> str:
        return f"<Derivation {self.id!r}: {self.title}>"

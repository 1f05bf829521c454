"""Chains whose rows are related by more than '=': the worked solution's ``\\iff``, ``\\implies``
and stated relations (``\\le``, ``<``, ``\\approx``, ``\\overset{\\mathbb{E}}{=}``), read row by row.

Rows. The input is cut at its row breaks (``\\\\`` outside braces and nested environments); a row
that starts with ``+``, ``-``, ``\\cdot``, ``\\times`` or ``\\odot`` goes on with the row above (a
long expression broken over rows), any other row is read by the parser's ``parse_row``: a row led by
a relation goes on with the chain above, a row led by none starts a new chain.

Equations. Next to ``\\iff`` and ``\\implies`` a row is an equation: ``\\iff A = B`` is the equation
A = B, and so is a row ``A = B`` that an ``\\iff`` or ``\\implies`` row follows (in ``E = A = B``
the step E = A comes first). A row of one expression E there means E = 0 (the gradient set to 0). A row ``\\therefore a \\le b``
states a \\le b (one stated step, from a); ``\\therefore E`` states E about the row above.

Each link between consecutive values is decided in a child process (derive/verifying/run.py) by
``decide_link``, which reuses the catalog checker (derive.checking.symbolic):

    =          the sides are equal (as the catalog's EQUALS steps);
    \\iff       the later equation's residual times a nonzero, finite factor is the earlier's: the
               factor is the ratio of the residuals' first entries on the explicit instance, or
               that ratio times a square matrix that leads every term of the earlier residual
               (Sigma^{-1} in Sigma^{-1}(a - N mu)), and the step is then the catalog's
               EQUIVALENT step with that factor (side conditions included: a matrix factor must
               be invertible); a residual that is no such multiple of the other is left
               undecided, never called invalid;
    \\implies   ``variable = value``: the catalog's SOLVES step (the value substituted satisfies the
               equation, and is its only root, shown by derive/checking/roots.py; else undecided);
    stated     never decided here: "unknown (stated: ...)", the catalog's numeric checks cover it.

``--where`` conditions ``c \\neq 0`` and ``\\det(M) \\neq 0`` (derive/verifying/hypotheses.py) are the
catalog's ``nonzero=`` conditions of the ``\\iff`` and ``\\implies`` steps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions import MatrixExpr, MatrixSymbol

from derive.checking.instances import Instance, explicit
from derive.checking.roots import only_root
from derive.checking.symbolic import is_zero
from derive.checking.verdicts import REFUTED, UNKNOWN, StepVerdict
from derive.core.errors import DeriveError
from derive.core.model import EQUIVALENT, SOLVES, STATED_RELATIONS, Equation, Step, residual
from derive.verifying.lexer import OPENERS, ParseError, TokenStream
from derive.verifying.opaque import decide

EQUALS, IFF, IMPLIES, THEREFORE = "=", "iff", "implies", "therefore"
DECIDED = (EQUALS, IFF, IMPLIES)
EQUATION_LEADS = (IFF, IMPLIES)
SYMBOLS = {EQUALS: "=", IFF: r"\iff", IMPLIES: r"\implies", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}
SYMBOLS |= {"approx": r"\approx", "expectation": r"\overset{\mathbb{E}}{=}", "therefore": r"\therefore"}
GOES_ON = ("+", "-", r"\cdot", r"\times", r"\odot")  # a row starting with one continues the row above
LAYOUT = ("&", r"\begin", r"\end", r"\tag", r"\label", r"\text", r"\intertext")


@dataclass(frozen=True)
class Value:
    """An expression or an equation of a chain, with its text (and an equation's right side's)."""

    expr: object
    text: str
    notes: tuple = ()
    rhs_text: str = ""


@dataclass(frozen=True)
class Link:
    """One step: ``before <relation> after``."""

    before: Value
    relation: str
    after: Value
    concluded: bool = False  # in a row led by \\therefore: a conclusion stated, not derived

    @property
    def stated(self) -> bool:
        return self.concluded or self.relation not in DECIDED


def has_relations(source: str) -> bool:
    """Whether the input relates rows by anything but '=' (so it is read row by row)."""
    from derive.verifying.parser import READ_RELATIONS

    tokens, depth = TokenStream(source).tokens, 0
    for before, token in zip([None, *tokens], tokens):
        depth += token.is_("{", *OPENERS) - token.is_("}", *OPENERS.values())
        if depth == 0 and token.is_(*READ_RELATIONS, r"\therefore") and token.text != "=":
            return True  # outside brackets: not the > of an indicator 1[z > 0]
        if depth == 1 and token.is_("{") and before is not None and before.is_(r"\overset"):
            return True  # \overset{\mathbb{E}}{=}
    return False


def rows_of(source: str) -> list[str]:
    """The rows of the input, each the input with everything outside that row blanked (so an
    error's line and column are the input's)."""
    tokens = TokenStream(source).tokens
    cuts, braces, environments = [], 0, 0
    for token in tokens:
        braces += token.is_("{") - token.is_("}")
        environments += token.is_(r"\begin") - token.is_(r"\end")
        if token.is_("\\\\", "$") and braces == 0 and environments <= 1:
            cuts.append(token)
    rows, start = [], 0
    for cut in [*cuts, None]:
        end = cut.start if cut is not None else len(source)
        rows.append((start, end))
        start = cut.end if cut is not None else end
    merged: list[tuple[int, int]] = []
    for start, end in rows:
        first = _first_token(source, start, end)
        if first is None:
            continue
        if merged and first.is_(*GOES_ON):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [_only(source, start, end) for start, end in merged]


def _first_token(source: str, start: int, end: int):
    """The first token of a row that is not layout (None for an empty row)."""
    tokens = [t for t in TokenStream(_only(source, start, end)).tokens if t.kind != "end"]
    i = 0
    while i < len(tokens):
        if tokens[i].is_("&"):
            i += 1
        elif tokens[i].is_(*LAYOUT) and i + 1 < len(tokens) and tokens[i + 1].is_("{"):
            depth, i = 0, i + 1
            while i < len(tokens):
                depth += tokens[i].is_("{") - tokens[i].is_("}")
                i += 1
                if depth == 0:
                    break
        else:
            return tokens[i]
    return None


def _only(source: str, start: int, end: int) -> str:
    blank = "".join(c if c == "\n" else " " for c in source)
    return blank[:start] + source[start:end] + blank[end:]


def links_of(rows: list[list], source: str, label: str) -> tuple[list[Link], list[list[Value]]]:
    """The links of parsed rows (each a list of the parser's Sides, the first keeping the relation
    that leads its row, '' for none), and the values of each chain in order."""
    links, chains = [], []
    for position, sides in enumerate(rows):
        lead = sides[0].relation
        following = rows[position + 1][0].relation if position + 1 < len(rows) else ""
        items = [(side.relation, Value(side.expr, side.text, side.notes)) for side in sides]
        if (lead in EQUATION_LEADS or following in EQUATION_LEADS) and len(items) > 1 and items[-1][0] == EQUALS:
            (relation, left), (_, right) = items[-2], items[-1]
            equation = Value(
                Equation(*aligned(left.expr, right.expr)),
                f"{left.text} = {right.text}",
                left.notes + right.notes,
                right.text,
            )
            items = items[:-2] + (
                [(relation, equation)] if relation in ("", *EQUATION_LEADS) else [(relation, left), (None, equation)]
            )
        if lead == THEREFORE and len(items) > 1:  # "\\therefore a \\le b" claims a \\le b, not a link to the row above
            items[0] = (None, items[0][1])
        if not lead:
            chains.append([])
        elif not chains:
            raise ParseError(
                f"the first row starts with {SYMBOLS.get(lead, lead)}: nothing above it to relate to", source, 0, label
            )
        for relation, value in items:
            chain = chains[-1]
            if chain and relation:
                _check_link(chain[-1], relation, value, label)
                links.append(Link(chain[-1], relation, value, lead == THEREFORE))
            chain.append(value)
    return links, chains


def _check_link(before: Value, relation: str, after: Value, label: str) -> None:
    equations = isinstance(before.expr, Equation) or isinstance(after.expr, Equation)
    if relation == EQUALS and equations:
        raise DeriveError(
            f"{label}: '=' between an equation and another row ({before.text}; {after.text}): "
            r"relate equations by \iff or \implies"
        )
    if relation == IMPLIES and not isinstance(after.expr, Equation):
        raise DeriveError(rf"{label}: \implies must lead an equation 'variable = value', not {after.text}")


def aligned(lhs, rhs):
    """A bare 0 beside a vector or matrix is that shape's zero."""
    if isinstance(lhs, MatrixExpr) and rhs == 0:
        return lhs, sp.ZeroMatrix(*lhs.shape)
    if isinstance(rhs, MatrixExpr) and lhs == 0:
        return sp.ZeroMatrix(*rhs.shape), rhs
    return lhs, rhs


def stated_reason(link: Link) -> str:
    symbol = SYMBOLS.get(link.relation, link.relation)
    if link.concluded:
        claim = rf"\therefore ({symbol} concluded, not derived from the row above)"
    else:
        claim = f"{symbol} ({STATED_RELATIONS.get(link.relation, 'it follows')})"
    return (
        f"stated: {claim}; verify proves '=', \\iff and \\implies only, so a stated relation is left to a numeric check"
    )


def solution_residual(before, equation: Equation) -> tuple:
    """For ``E \\implies w = v``: (E's residual with v for w, 0), equal when v solves E."""
    return aligned(residual(before).xreplace({equation.lhs: equation.rhs}), 0)


def decide_link(index, before, relation, after, givens, sizes, using=(), conditions=()) -> StepVerdict:
    """The verdict on ``before <relation> after`` for '=', \\iff or \\implies (run in a child)."""
    if relation == IMPLIES:
        if not isinstance(after.lhs, (sp.Symbol, MatrixSymbol)):
            return StepVerdict(index, UNKNOWN, "solution", r"\implies must lead 'variable = value'")
        root = only_root(before, after, givens, sizes, conditions)
        step = Step(after, "as written", relation=SOLVES, using=using, nonzero=conditions, root=root)
        return decide(index, before, step, givens, sizes)
    if relation == IFF:
        verdict = None
        for factor in _factors(residual(before), residual(after), givens, sizes):
            step = Step(after, "as written", relation=EQUIVALENT, factor=factor, using=using, nonzero=conditions)
            verdict = decide(index, before, step, givens, sizes)
            if verdict.status != REFUTED:
                return verdict
        if verdict is None:
            return StepVerdict(index, UNKNOWN, "equivalence", "the later equation is not a multiple of the earlier one")
        # only the guessed factors are refuted, not the equivalence
        reason = (
            "the later equation is no multiple of the earlier one on the instance by a scalar, or by a square "
            "matrix that leads every term of the earlier one"
        )
        return dataclasses.replace(verdict, status=UNKNOWN, reason=reason, counterexample=None)
    return decide(index, before, Step(after, "as written", using=using), givens, sizes)


def _factors(earlier, later, givens, sizes):
    """The factors F to try in earlier = F * later: the scalar ratio c, then c M for each square
    matrix M that leads every term of the earlier residual (Sigma^{-1} in Sigma^{-1}(X^T r - N mu)),
    with c the ratio of M^{-1} times the earlier residual to the later one."""
    instance = Instance.build(givens, sizes)
    scalar = _factor(explicit(earlier, instance), explicit(later, instance))
    if scalar is not None:
        yield scalar
    for matrix in _leading_matrices(earlier):
        ratio = _factor(explicit(sp.Inverse(matrix) * earlier, instance), explicit(later, instance))
        if ratio is not None:
            yield ratio * matrix


def _leading_matrices(expr) -> list:
    """The square matrices that lead every term of ``expr`` (after scalar coefficients)."""
    terms = expr.args if isinstance(expr, sp.MatAdd) else (expr,)
    found = None
    for term in terms:
        factors = [a for a in (term.args if isinstance(term, sp.MatMul) else (term,)) if isinstance(a, MatrixExpr)]
        lead = {factors[0]} if len(factors) > 1 and factors[0].is_square else set()
        found = lead if found is None else found & lead
    return sorted(found or (), key=str)


def _factor(left, right):
    """The scalar c with left = c * right (explicit values), from the first entry where the right
    one is not 0 (checked on every entry afterwards by the catalog checker), or None."""
    left, right = _entries(left), _entries(right)
    if len(left) != len(right):
        return None
    for a, b in zip(left, right):
        if not is_zero(b):
            return sp.cancel(sp.together(a / b))
    return None


def _entries(value) -> list:
    return list(value) if isinstance(value, sp.MatrixBase) else [value]

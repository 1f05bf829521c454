"""Text in the two forms the renderers need, with pylatexenc doing the conversions.

Authors write an entry's prose (statement, justifications, meanings, check labels, notes) as
LaTeX text with the math in ``$...$``; the LaTeX printer uses it as written. The terminal shows
it as Unicode (``unicode_text``), and plain text such as titles, references and the checkers'
messages is escaped for LaTeX (``escape_text``).

    >>> unicode_text(r"factor out $\\mathbf{X}^{\\top}$, then $x_{i} \\geq 0$")
    'factor out Xᵀ, then xᵢ ≥ 0'
"""

from __future__ import annotations

import re
from functools import cache

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import unicode_to_latex
from pylatexenc.macrospec import MacroSpec

SUPERSCRIPTS = dict(zip("0123456789+-=()nikTᵀ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵏᵀᵀ"))
SUBSCRIPTS = dict(zip("0123456789+-=()aeijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
# macros whose Unicode pylatexenc lacks or sets in a style the terminal pictures do not use:
# name -> (arguments, text)
MACROS = {
    "mathbf": ("{", "%(1)s"),
    "boldsymbol": ("{", "%(1)s"),
    "mathrm": ("{", "%(1)s"),
    "operatorname": ("{", "%(1)s"),
    "textup": ("{", "%(1)s"),
    "texttt": ("{", "%(1)s"),
    "emph": ("{", "%(1)s"),
    "tfrac": ("{{", "%(1)s/%(2)s"),
    "|": ("", "‖"),
    "top": ("", "ᵀ"),
    "odot": ("", " ⊙ "),
    "mid": ("", " | "),
    "to": ("", " → "),
    "leftarrow": ("", " ← "),
    "sim": ("", " ~ "),
}
_SPACED_MACRO = re.compile(r"(\\[A-Za-z]+) (?=[A-Za-z0-9\\])")
_SCRIPT = re.compile(r"(?P<mark>[\^_])(?:\{(?P<group>[^{}]*)\}|(?P<one>\\[A-Za-z]+|[A-Za-z0-9]))")


@cache
def _contexts():
    parsing = latexwalker.get_default_latex_context_db()
    parsing.add_context_category("derive", prepend=True, macros=[MacroSpec(n, a) for n, (a, _) in MACROS.items()])
    texts = get_default_latex_context_db()
    texts.add_context_category("derive", prepend=True, macros=[MacroTextSpec(n, t) for n, (_, t) in MACROS.items()])
    return parsing, LatexNodes2Text(latex_context=texts, math_mode="text", strict_latex_spaces="macros")


def _plain(latex: str) -> str:
    parsing, converter = _contexts()
    nodes, _, _ = latexwalker.LatexWalker(latex, latex_context=parsing, tolerant_parsing=True).get_latex_nodes()
    return converter.nodelist_to_text(nodes)


def _script(match: re.Match) -> str:
    """``^{-1}`` as ⁻¹ and ``_{i}`` as ᵢ where Unicode has every character, else ``^(a+b)``."""
    body = _plain(match.group("group") if match.group("group") is not None else match.group("one")).strip()
    table = SUPERSCRIPTS if match.group("mark") == "^" else SUBSCRIPTS
    if body and all(ch in table for ch in body):
        return "{}" + "".join(table[ch] for ch in body)  # {}: ends a macro name before it (\\lambda^k)
    return match.group("mark") + (body if len(body) == 1 or body.startswith("(") else f"({body})")


def unicode_text(latex: str) -> str:
    """Authored LaTeX text as Unicode for a terminal: math unwrapped, scripts raised where Unicode can."""
    latex = _SPACED_MACRO.sub(r"\1\\ ", latex)  # log \\sigma keeps its space (TeX's would vanish)
    previous = None
    while previous != latex:  # innermost scripts first: e^{x_{i}}
        previous, latex = latex, _SCRIPT.sub(_script, latex)
    return re.sub(r"[ \t]{2,}", " ", _plain(latex)).strip()


def escape_text(text: str) -> str:
    """Plain text (a title, a reference, a checker's message) made safe for LaTeX."""
    return unicode_to_latex(text, non_ascii_only=False, unknown_char_warning=False).replace("|", r"\textbar{}")

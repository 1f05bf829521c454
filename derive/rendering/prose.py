"""Entry prose (statements, justifications) as LaTeX: the ASCII math authors write becomes math.

Authors write ``X^T (p - y)``, ``sigma'(z) = sigma(z)(1 - sigma(z))``, ``1/2 ||Xw - y||^2``,
``alpha . y`` (Hadamard) in plain strings. Runs of such tokens are typeset in math mode with
the entry's own symbols (bold where they are vectors or matrices); words stay text:

    >>> prose_latex("factor out X^T", {"X": r"\\mathbf{X}"})
    'factor out $\\\\mathbf{X}^{\\\\top}$'

The output always compiles: every TeX special character is escaped, in text and in math.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

GREEK = {
    *"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau".split(),
    *"upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega".split(),
}
FUNCTIONS = {
    "log": r"\log",
    "ln": r"\ln",
    "exp": r"\exp",
    "tanh": r"\tanh",
    "det": r"\det",
    "max": r"\max",
    "min": r"\min",
    "argmax": r"\operatorname{arg\,max}",
    "argmin": r"\operatorname{arg\,min}",
    "sum": r"\sum",  # sum, max, min, E: math only next to math characters (sum_i), not as words
    "tr": r"\operatorname{tr}",
    "diag": r"\operatorname{diag}",
    "softmax": r"\operatorname{softmax}",
    "ReLU": r"\operatorname{ReLU}",
    "relu": r"\operatorname{ReLU}",
    "sign": r"\operatorname{sign}",
    "E": r"\mathbb{E}",
    "Var": r"\operatorname{Var}",
}
NEEDS_CONTEXT = {"sum", "max", "min", "E", "Var", "sign", "log", "exp"}
NOT_MATH = {"a", "e.g.", "i.e.", "cf.", "etc.", "vs."}
ENGLISH = set("the and is of for to in on by at as be or an it its if so we no not".split())
UNICODE = {
    "ᵀ": "^T", "²": "^2", "³": "^3", "⁻¹": "^-1", "≥": ">=", "≤": "<=", "≠": "!=", "→": "->", "‖": "||",
    "⊙": " . ", "·": "*", "×": "*", "−": "-", "–": "--", "—": "---", "’": "'", "‘": "`", "“": "``", "”": "''",
    "…": "...", "∇": "nabla ", "∂": "partial ", "∈": " in ", "ℝ": "R", "∑": "sum ", "√": "sqrt",
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "η": "eta", "θ": "theta",
    "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Σ": "Sigma", "Δ": "Delta",
    "Θ": "Theta", "Λ": "Lambda", "Φ": "Phi", "Ω": "Omega", "𝟏": "1", "ℓ": "l",
}  # fmt: skip
TEXT_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
    "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
    "|": r"\textbar{}",
}  # fmt: skip
MATH_SPECIALS = {
    "\\": r"\backslash ",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "~": r"\sim ",
    "{": r"\{",
    "}": r"\}",
}
MATH_CHARS = set("^_()[]=+*/|<>'")
OPERATORS = {"~", "=", "+", "-", "*", "/", ".", "<", ">", "<=", ">=", "!=", "->", "<-", "|", "||", ":"}
_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"([.,;:!?]+)$")


def escape_text(text: str) -> str:
    """Plain text made safe for LaTeX (no math conversion)."""
    return "".join(TEXT_SPECIALS.get(ch, ch) for ch in _ascii(text))


def _ascii(text: str) -> str:
    """Unicode math written by authors as the ASCII math the converter reads; other characters
    outside Latin-1 (which pdflatex cannot typeset without extra packages) become '?'."""
    for char, ascii_form in UNICODE.items():
        text = text.replace(char, ascii_form)
    return "".join(ch if ord(ch) < 0x100 else "?" for ch in text)


def _split_symbols(word: str, symbols: Mapping[str, str]) -> list[str] | None:
    """``Xw`` -> ``["X", "w"]`` when every piece is a declared symbol; None otherwise."""
    if not word:
        return []
    for end in range(len(word), 0, -1):
        if word[:end] in symbols:
            rest = _split_symbols(word[end:], symbols)
            if rest is not None:
                return [word[:end], *rest]
    return None


def _is_math_word(word: str, symbols: Mapping[str, str], lenient: bool = False) -> bool:
    """``lenient``: the token has math characters around the word, so short words (``Aw`` in
    ``2Aw``) count as products of letters unless they are common English words."""
    core = word.rstrip("0123456789") or word
    if core in NEEDS_CONTEXT:
        return lenient
    if word in symbols or core in GREEK or core in FUNCTIONS or len(core) == 1:
        return True
    if core.startswith("d") and _is_math_word(core[1:], symbols):  # dz2, dW1, dL: derivative numerators
        return True
    if lenient and len(core) <= 3 and core not in ENGLISH and any(letter in symbols for letter in core):
        return True  # 2Aw: a product of letters, one of them a declared symbol
    return (split := _split_symbols(word, symbols)) is not None and len(split) > 1


def _is_math_token(token: str, symbols: Mapping[str, str]) -> bool:
    if token in NOT_MATH:
        return False
    if token in OPERATORS:
        return True
    core = _SENTENCE_END.sub("", token) or token
    if re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)+", core):  # hyphenated words: log-likelihood, hard-margin
        return False
    words = _WORD.findall(re.sub(r"_\{?[A-Za-z0-9]+\}?", "_", core))  # subscripts (p_ij) are not words
    lenient = bool(MATH_CHARS & set(core)) or any(ch.isdigit() for ch in core) or core in NEEDS_CONTEXT
    if core in NEEDS_CONTEXT:  # alone: math between math tokens only (decided by prose_latex)
        return False
    if not all(_is_math_word(w, symbols, lenient) for w in words):
        return False
    return bool(words) or lenient


def _ends_clause(span_tokens: list[str]) -> bool:
    """The last token closes a clause ("w;", "x,") outside any open parenthesis: N(0, I) stays one span."""
    last, text = span_tokens[-1], " ".join(span_tokens)
    depth = text.count("(") + text.count("[") - text.count(")") - text.count("]")
    return last != "." and bool(_SENTENCE_END.search(last)) and depth <= 0


def _starts_sentence(tokens: list[str], i: int) -> bool:
    """The article "A" opening a sentence ("A network computes ..."), not the matrix A ("A + A^T")."""
    opens = i == 0 or tokens[i - 1].endswith((".", ":"))
    return opens and i + 1 < len(tokens) and tokens[i + 1].isalpha() and tokens[i + 1].islower()


def prose_latex(text: str, symbols: Mapping[str, str] | None = None) -> str:
    """Text with its ASCII math typeset: math runs in ``$...$``, the rest escaped text.

    ``symbols`` maps the entry's symbol names to their LaTeX (``{"w": r"\\mathbf{w}"}``).
    """
    symbols = symbols or {}
    tokens = _ascii(text).split(" ")
    math = [_is_math_token(t, symbols) and not (t == "A" and _starts_sentence(tokens, i)) for i, t in enumerate(tokens)]
    for i, token in enumerate(tokens):  # a lone operator is math between math tokens, a function before one
        if token in OPERATORS:
            math[i] = 0 < i < len(tokens) - 1 and math[i - 1] and math[i + 1]
        elif token in NEEDS_CONTEXT:
            math[i] = i < len(tokens) - 1 and math[i + 1]
    out, i = [], 0
    while i < len(tokens):
        if not math[i]:
            out.append(escape_text(tokens[i]))
            i += 1
            continue
        j = i + 1  # a span ends at a token that ends a clause: "is w; alpha^T ..."
        while j < len(tokens) and math[j] and not _ends_clause(tokens[i:j]):
            j += 1
        out.append(_math_span(" ".join(tokens[i:j]), symbols))
        i = j
    return " ".join(out)


def _math_span(span: str, symbols: Mapping[str, str]) -> str:
    """One run of math tokens: trailing sentence punctuation and unbalanced closing brackets stay text."""
    tail = ""
    while span:
        if (end := _SENTENCE_END.search(span)) and not span.endswith(" ."):
            tail = end.group(1) + tail
            span = span[: end.start()]
        elif span[-1] in ")]" and span.count(span[-1]) > span.count("(" if span[-1] == ")" else "["):
            tail = span[-1] + tail
            span = span[:-1]
        else:
            break
    lead = ""
    while span and span[0] in "([" and span.count(span[0]) > span.count(")" if span[0] == "(" else "]"):
        lead += span[0]
        span = span[1:]
    body = f"${_math(span, symbols)}$" if span.strip() else ""
    return escape_text(lead) + body + escape_text(tail)


_MATH_TOKEN = re.compile(
    r"(?P<dfrac>\bd(?P<num>[A-Za-z][A-Za-z0-9]*)?/d(?P<den>[A-Za-z][A-Za-z0-9]*))"
    r"|(?P<frac>\b(?P<p>\d+)/(?P<q>\d+)\b)"
    r"|(?P<indicator>\b1\[)"
    r"|(?P<norm>\|\|)"
    r"|(?P<rel>>=|<=|!=|->|<-(?=\s))"
    r"|(?P<sup>\^(?P<supbody>-?[A-Za-z0-9]+|\([^()]*\)|\{[^{}]*\}))"
    r"|(?P<sub>_(?P<subbody>[A-Za-z0-9]+|\([^()]*\)|\{[^{}]*\}))"
    r"|(?P<named>[A-Za-z]+_[A-Za-z0-9]+)"
    r"|(?P<sci>\b(?P<mantissa>\d+(?:\.\d+)?)e(?P<exponent>-?\d+)\b)"
    r"|(?P<word>[A-Za-z]+\d*)"
    r"|(?P<hadamard>(?<= )\.(?= ))"
    r"|(?P<star>\*)"
    r"|(?P<other>.)",
    re.DOTALL,
)


def _word(word: str, symbols: Mapping[str, str]) -> str:
    if word in symbols:
        return symbols[word]
    core, digits = re.fullmatch(r"([A-Za-z]+?)(\d*)", word).groups()
    if digits and core in symbols:
        return f"{symbols[core]}_{{{digits}}}"
    if core in GREEK:
        return rf"\{core}" + (f"_{{{digits}}}" if digits else "")
    if word in FUNCTIONS:
        return FUNCTIONS[word]
    if word == "nabla" or word == "partial":
        return rf"\{word}"
    if (split := _split_symbols(word, symbols)) and len(split) > 1:
        return " ".join(symbols[piece] for piece in split)
    subscript = f"_{{{digits}}}" if digits else ""
    if len(core) <= 3:  # a product of letters: Aw, xy
        return " ".join(symbols.get(letter, letter) for letter in core) + subscript
    return rf"\mathrm{{{core}}}" + subscript


def _is_scalar(word: str, symbols: Mapping[str, str]) -> bool:
    """A declared scalar, or a name whose numbered forms are declared scalars (adam's beta, with
    beta1 and beta2 given): its ^T is a power, not a transpose."""
    names = [name for name in symbols if name == word or name.rstrip("0123456789") == word]
    return bool(names) and not any(symbols[name].startswith((r"\mathbf", r"\boldsymbol")) for name in names)


def _math(span: str, symbols: Mapping[str, str]) -> str:
    parts, previous, after_subscript = [], "", False
    for match in _MATH_TOKEN.finditer(span):
        kind = match.lastgroup
        if kind == "dfrac":
            num, den = match.group("num"), match.group("den")
            parts.append(
                rf"\frac{{\partial {_word(num, symbols)}}}{{\partial {_word(den, symbols)}}}"
                if num
                else rf"\frac{{d}}{{d{_word(den, symbols)}}}"
            )
        elif kind == "frac":
            parts.append(rf"\tfrac{{{match.group('p')}}}{{{match.group('q')}}}")
        elif kind == "indicator":
            parts.append(r"\mathbb{I}[")
        elif kind == "norm":
            parts.append(r"\|")
        elif kind == "rel":
            parts.append({">=": r"\geq ", "<=": r"\leq ", "!=": r"\neq ", "->": r"\to ", "<-": r"\leftarrow "}[match.group()])
        elif kind in ("sup", "sub"):
            body = match.group(f"{kind}body")
            if body[0] in "({":  # x_(k+1), S^{-1}: the brackets only group
                body = body[1:-1]
            transpose = (
                body == "T" and kind == "sup" and not after_subscript and not _is_scalar(previous, symbols)
            )  # sum_{s=1}^T is a limit, not a transpose
            inner = r"\top" if transpose else _math(body, symbols)  # beta1^T of a scalar is a power
            parts.append(("^" if kind == "sup" else "_") + f"{{{inner}}}")
        elif kind == "named" and match.group() in symbols:  # a declared symbol such as S_W
            parts.append(symbols[match.group()] + " ")
        elif kind == "named":  # x_i: an entry of x, not bold
            word, _, sub = match.group().partition("_")
            parts.append(f"{_word(word, {})}_{{{_math(sub, symbols)}}} ")
        elif kind == "sci":
            mantissa = "" if match.group("mantissa") == "1" else match.group("mantissa") + r" \times "
            parts.append(f"{mantissa}10^{{{match.group('exponent')}}}")
        elif kind == "word":
            parts.append(_word(match.group(), symbols) + " ")
        elif kind == "hadamard":
            parts.append(r"\odot")
        elif kind == "star":
            parts.append(r"\cdot ")
        else:
            parts.append(MATH_SPECIALS.get(match.group(), match.group()))
        after_subscript = kind == "sub"
        if kind not in ("sup", "sub"):
            previous = match.group()
    return "".join(parts).strip()

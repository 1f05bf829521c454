"""Unicode that a copy from MathJax, a PDF or a word processor puts in a formula, read as its LaTeX
meaning: − is -, ∇ is \\nabla, xᵀ is x^{\\top}, ‖x‖² is \\|x\\|^{2}, 𝑥 is x.

Each character becomes the tokens of its LaTeX spelling, all at the character's position, so an
error still points at the character the user wrote.
"""

from __future__ import annotations

import unicodedata

SYMBOLS = {
    "−": "-", "–": "-", "‐": "-", "∗": "*", "⋅": r"\cdot", "·": r"\cdot", "×": r"\times", "÷": "/",
    "∇": r"\nabla", "∂": r"\partial", "⊤": r"\top", "⊺": r"\top", "‖": r"\|", "∥": r"\|", "∣": "|",
    "⊙": r"\odot", "∘": r"\circ", "∑": r"\sum", "∏": r"\prod", "√": r"\sqrt", "∫": r"\int", "∞": r"\infty",
    "′": "'", "’": "'", "≔": r"\coloneqq", "≜": r"\triangleq", "≈": r"\approx", "≤": r"\le", "≥": r"\ge",
    "≠": r"\neq", "∝": r"\propto", "≡": r"\equiv", "∈": r"\in", "…": r"\ldots", "⋯": r"\cdots",
    "ℓ": r"\ell", "ℝ": r"\mathbb{R}", "𝔼": r"\mathbb{E}", "𝟏": r"\mathbf{1}", "𝟙": r"\mathbb{1}",
    "⟨": "(", "⟩": ")", "\u00a0": " ", "\u2009": " ", "\u200b": "",
}  # fmt: skip
def _spelled(name: str) -> str:
    return "LAMDA" if name == "lambda" else name.upper()  # Unicode's spelling


_GREEK_NAMES = """alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau upsilon
    phi chi psi omega""".split()
GREEK_LETTERS = {unicodedata.lookup(f"GREEK SMALL LETTER {_spelled(name)}"): name for name in _GREEK_NAMES}
GREEK_LETTERS.update({unicodedata.lookup(f"GREEK CAPITAL LETTER {_spelled(name)}"): name.capitalize()
                      for name in "gamma delta theta lambda xi pi sigma phi psi omega".split()})  # fmt: skip
GREEK_LETTERS.update({"ϵ": "epsilon", "ϑ": "vartheta", "ϕ": "phi", "ς": "sigma"})


def latex_of_run(run: str) -> list[tuple[int, str | None]]:
    """(offset, LaTeX) for the pieces of a run of characters that are not ASCII; LaTeX None for a
    character it cannot read. Consecutive superscripts are one braced superscript (x⁻¹ is x^{-1}),
    consecutive subscripts one subscript (∇ᵤ is \\nabla_{u})."""
    pieces, offset = [], 0
    while offset < len(run):
        script = _script(run[offset])
        if script:
            end = offset
            while end < len(run) and _script(run[end]) == script:
                end += 1
            inner = " ".join(unicodedata.normalize("NFKC", c).replace("−", "-") for c in run[offset:end])
            pieces.append((offset, f"{script}{{{inner}}}"))
            offset = end
        else:
            pieces.append((offset, latex_of(run[offset])))
            offset += 1
    return pieces


def _script(character: str) -> str:
    """'^' for a superscript character, '_' for a subscript one, '' otherwise."""
    tag = unicodedata.decomposition(character).split(" ", 1)[0]
    return {"<super>": "^", "<sub>": "_"}.get(tag, "")


def latex_of(character: str) -> str | None:
    if character in SYMBOLS:
        return SYMBOLS[character]
    if character in GREEK_LETTERS:
        return "\\" + GREEK_LETTERS[character] + " "
    plain = unicodedata.normalize("NFKC", character)  # mathematical italic and bold letters: 𝑥, 𝐗
    numerator, slash, denominator = plain.partition("⁄")  # ½ is 1⁄2
    if slash and numerator.isdigit() and denominator.isdigit():
        return rf"\frac{{{numerator}}}{{{denominator}}}"
    if len(plain) == 1 and plain.isascii() and plain.isalnum():
        return plain
    return None

"""The bounds ``derive verify`` puts on its input before anything is evaluated (docs/reliability.md,
"Input"). Input beyond one of them is refused with a ParseError naming the limit (exit status 2):
it is never handed to SymPy or JAX, so no formula can hang the parser or fill the memory."""

from __future__ import annotations

import math

MAX_INPUT_BYTES = 10_000_000  # read from a file or stdin (a .tex document, most of it prose)
MAX_TOKENS = 20_000  # symbols, numbers, commands and punctuation in one formula or declaration
MAX_DIGITS = 100  # of one number
MAX_POWER_BITS = 10_000  # of an integer or fraction that a power of numbers evaluates to
MAX_SIZE = 1_000  # a size written as a number: a sum's upper limit, a declared extent, the n of 1_n or I_n
MAX_TERMS = 1_000  # of a sum or product over numbers written out, nested ones multiplied (each is traced for JAX)
MAX_ENTRIES = 10_000  # of a declared matrix whose sizes are numbers (the symbolic check writes each out)
QUOTE_WINDOW = 60  # characters of the input an error message quotes around its caret


def power_too_large(base, exponent) -> bool:
    """Whether ``base^exponent``, both numbers (SymPy Rationals), has more than MAX_POWER_BITS bits.

    Decided from the sizes of the operands (``|exponent| * log2(max(|p|, q))`` for ``base = p/q``),
    without computing the power."""
    if not (getattr(base, "is_Rational", False) and getattr(exponent, "is_Rational", False)):
        return False
    if abs(base.p) == base.q or base.p == 0:  # 0, 1 and -1: every power is 0, 1 or -1 (or undefined)
        return False
    try:
        magnitude = abs(exponent.p) / exponent.q
    except OverflowError:  # an exponent past 1e308
        return True
    return magnitude * math.log2(max(abs(base.p), base.q)) > MAX_POWER_BITS


def size_problem(digits: str) -> str | None:
    """Why a size written as the number ``digits`` is refused (None when it is within MAX_SIZE)."""
    value = whole_number(digits)
    if value is not None and value <= MAX_SIZE:
        return None
    shown = digits if len(digits) <= 20 else f"{digits[:20]}… ({len(digits):,} digits)"
    return f"the size {shown} is larger than {MAX_SIZE:,}, the largest size derive verify checks"


def whole_number(text: str) -> int | None:
    """The value of ``text`` when it is a whole number of at most MAX_DIGITS digits, else None."""
    return int(text) if text.isdecimal() and len(text) <= MAX_DIGITS else None

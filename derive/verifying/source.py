"""The text ``derive verify`` reads from a file, stdin or the command line: UTF-8, of bounded size,
or a DeriveError that names the problem and where it is (exit status 2), never a traceback."""

from __future__ import annotations

from typing import BinaryIO

from derive.core.errors import DeriveError
from derive.verifying.limits import MAX_INPUT_BYTES


def read_source(stream: BinaryIO, name: str) -> str:
    """The text of a binary stream: at most MAX_INPUT_BYTES, decoded as UTF-8."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise DeriveError(f"{name} is larger than {MAX_INPUT_BYTES:,} bytes, the most derive verify reads")
    return decoded(data, name)


def decoded(data: bytes, name: str) -> str:
    """``data`` decoded as UTF-8 (a byte-order mark dropped); a DeriveError naming the first byte
    that is not UTF-8 and its offset."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DeriveError(
            f"{name} is not UTF-8 text: the byte 0x{data[error.start]:02x} at byte offset {error.start} "
            f"(line {line}) cannot be read; save it as UTF-8"
        ) from None


def checked_text(text: str, name: str) -> str:
    """``text`` from the command line, where bytes that are not UTF-8 arrive as lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        try:
            return decoded(text.encode("utf-8", "surrogateescape"), name)
        except UnicodeEncodeError:
            raise DeriveError(
                f"{name} is not text: the character U+{ord(text[error.start]):04X} at column {error.start + 1}"
            ) from None
    return text

"""The decoding policy of every input (.txt files, JSON Lines files, standard input), and lines of a stream.

UTF-8, with or without a byte order mark; UTF-16 with a byte order mark
(what Windows calls "Unicode"), decoded; anything else (Latin-1,
Windows-1252, UTF-16 without a byte order mark, UTF-32) becomes an
``encoding`` error, never text with replacement characters. JSON Lines are
decoded line by line (:func:`byte_lines`, :func:`text_lines`), so that one
bad line costs only its document; :mod:`quotes.inputs` turns the errors into
error records.
"""

from __future__ import annotations

import codecs
from typing import IO, Iterator, Optional

UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
READ_SIZE = 1 << 16
"""Bytes read at a time from a UTF-16 stream."""

UTF8_ADVICE = "convert it to UTF-8 first"


def utf32_error() -> tuple[str, str]:
    """The error (class, message) for UTF-32 input."""
    return "encoding", (f"The input is UTF-32 text; {UTF8_ADVICE} "
                        "(quotes reads UTF-8 and UTF-16 with a byte order mark).")


def utf16_no_bom_error() -> tuple[str, str]:
    """The error (class, message) for UTF-16 input without a byte order mark."""
    return "encoding", ("The input looks like UTF-16 text without a byte order mark; save it as UTF-8 "
                        "(or as UTF-16 with a byte order mark).")


def looks_utf16(data: bytes) -> bool:
    """Whether ``data`` (without a byte order mark) looks like UTF-16: mostly
    Latin text with a NUL byte in every other place."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    for nuls, other in ((sample[0::2], sample[1::2]), (sample[1::2], sample[0::2])):
        if nuls.count(0) >= 0.7 * len(nuls) and other.count(0) <= 0.1 * len(other):
            return True
    return False


def decode(data: bytes) -> tuple[Optional[str], Optional[tuple[str, str]]]:
    """Decode a whole input by the decoding policy (see the module docstring).

    Returns:
        ``(text, None)``, or ``(None, (error class, message))`` with class
        ``encoding`` (not UTF-8, UTF-16 without a byte order mark, UTF-32) or
        ``binary`` (NUL bytes).
    """
    if data.startswith(UTF32_BOMS):
        return None, utf32_error()
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            return None, ("encoding", f"The input starts with a UTF-16 byte order mark but is not valid UTF-16 "
                                      f"({exc.reason} at byte {exc.start}); {UTF8_ADVICE}.")
    if b"\x00" in data[:4096]:
        if looks_utf16(data):
            return None, utf16_no_bom_error()
        return None, ("binary", "The file contains NUL bytes: it looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, ("encoding", f"The input is not valid UTF-8 (byte {exc.start}); {UTF8_ADVICE}.")


def byte_lines(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    """Lines (split at ``\\n`` only, kept) of ``head`` followed by ``stream``."""
    buf = head
    while True:
        cut = buf.find(b"\n")
        if cut >= 0:
            yield buf[: cut + 1]
            buf = buf[cut + 1:]
            continue
        more = stream.readline()
        if not more:
            if buf:
                yield buf
            return
        buf += more


def text_lines(head: bytes, stream: IO[bytes]) -> Iterator[str]:
    """Lines (split at ``\\n`` only, kept) of UTF-16 text with a byte order mark.

    Lone surrogates pass through (the document check reports them for their
    document alone); a cut-off last character raises ``UnicodeDecodeError``.
    """
    decoder = codecs.getincrementaldecoder("utf-16")("surrogatepass")
    buf = ""
    chunk = head
    while True:
        buf += decoder.decode(chunk, final=not chunk)
        *lines, buf = buf.split("\n")
        for line in lines:
            yield line + "\n"
        if not chunk:
            break
        chunk = stream.readline(READ_SIZE)
    if buf:
        yield buf


def lines_of(head: bytes, stream: IO[bytes]) -> Iterator:
    """The lines of a stream whose first line is ``head``: text for UTF-16 with a byte order mark, else bytes."""
    return text_lines(head, stream) if head.startswith(UTF16_BOMS) else byte_lines(head, stream)

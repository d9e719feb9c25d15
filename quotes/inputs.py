"""Reading documents: .txt files, folders, JSON Lines, stdin; and input checks.

Reading never raises for one bad document: it yields an :class:`InputDoc`
whose ``error`` says what is wrong, so a batch goes on with the others.

**One decoding policy for every input** (.txt files, JSON Lines files and
standard input alike), in :mod:`quotes.decoding`: UTF-8, or UTF-16 with a
byte order mark; anything else becomes an ``encoding`` error record, never
text with replacement characters. In JSON Lines every line is checked on its
own, so one bad line costs only its document.

**Unreadable inputs** (no permission, a symbolic-link loop, a dangling link,
a folder without .txt files, a read error) become ``unreadable`` (or
``empty``) error records; the run goes on with the other inputs.

**Article metadata.** A JSON Lines object may carry ``date``, ``source``
(the outlet), ``url`` and ``title`` besides ``id`` and ``text``
(:func:`quotes.metadata.article_meta`); they become the document's
:class:`~quotes.models.ArticleMeta` and travel into every export and the
archive. A value that is not a string (or null), or a ``date`` that is not an
ISO 8601 date or date-time, makes the line a ``bad_meta`` error record: a
wrong date would otherwise sort the article into the wrong place in the
archive without anyone noticing. Blank values count as absent; other keys
are ignored as before. ``.txt`` inputs carry no metadata.

**Unique ids.** :func:`read_paths` gives every document of a run its own id:
a document whose id was used before in the same run becomes a
``duplicate_id`` error record (the first one is processed), never a silent
replacement further down the line.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from .decoding import (UTF8_ADVICE, UTF16_BOMS, UTF32_BOMS, decode, lines_of, looks_utf16, utf16_no_bom_error,
                       utf32_error)
from .lexicon import load_words
from .metadata import META_FIELDS, article_meta, iso_date  # noqa: F401  (part of this module's API)
from .models import ArticleMeta

__all__ = ["MAX_CHARS", "JSONL_SUFFIXES", "META_FIELDS", "InputError", "DocumentRejected", "InputDoc", "check_text",
           "looks_german", "decode", "looks_utf16", "json_error", "article_meta", "iso_date", "read_paths",
           "unique_ids", "read_jsonl", "read_stream"]

MAX_CHARS = 2_000_000
"""Documents longer than this are refused (a parse would take many minutes)."""

JSONL_SUFFIXES = (".jsonl", ".ndjson")


class InputError(ValueError):
    """A path or file that cannot be read at all (not one bad document)."""


class DocumentRejected(ValueError):
    """:meth:`quotes.Extractor.extract` cannot process this text.

    ``error`` is the error class a batch would write in the document's
    :class:`~quotes.models.DocumentError` (``empty``, ``binary``,
    ``not_german``, ``too_large``, ``encoding``, ``parser``, ``internal``, …),
    ``record`` that error record; the message says why in one sentence.
    """

    def __init__(self, record) -> None:
        super().__init__(record.message)
        self.record = record
        self.error: str = record.error


@dataclass
class InputDoc:
    id: str
    text: Optional[str]
    error: Optional[str] = None
    message: Optional[str] = None
    source: Optional[str] = None
    """Where the document came from, for messages: a path, ``"in.jsonl line 3"``, ``"stdin"``."""
    meta: Optional[ArticleMeta] = None
    """The article metadata of a JSON Lines object (date, source, url, title); None for .txt input."""


def check_text(text: str) -> Optional[tuple[str, str]]:
    """Why ``text`` cannot be processed, as (error class, sentence), or None."""
    if not text.strip():
        return "empty", "The document is empty."
    if "\x00" in text:
        return "binary", "The document contains NUL bytes: it looks like a binary file, not text."
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(3, len(text) // 100):
        return "binary", "The document contains many control characters: it looks like a binary file, not text."
    if len(text) > MAX_CHARS:
        return "too_large", f"The document has {len(text):,} characters; the limit is {MAX_CHARS:,}. Split it first."
    if not looks_german(text):
        return "not_german", "The document does not look like German text; quotes extracts from German only."
    return None


def looks_german(text: str) -> bool:
    """A function-word test: German prose is dense with der/die/und/nicht/...

    Text is refused only where German function words are rare AND another
    language's are more frequent (English, French, Spanish, Italian, Dutch), so
    that German tables and lists (results, schedules, names) still pass.
    Short texts (fewer than 8 words) pass: there is too little to judge.
    """
    import regex

    words = regex.findall(r"\p{L}+", text.lower())
    if len(words) < 8:
        return bool(words)
    german = sum(1 for w in words if w in load_words("german_function_words")) / len(words)
    other = sum(1 for w in words if w in load_words("foreign_function_words")) / len(words)
    return german >= 0.08 or other <= german


# -- messages ------------------------------------------------------------------


def json_error(exc: json.JSONDecodeError) -> str:
    """A whole sentence for a JSON syntax error: ``Invalid control character at column 9 (...)``.

    :class:`json.JSONDecodeError`'s ``msg`` alone is cut ("Invalid control
    character at"); this names the column and, for control characters, the
    likely cause.
    """
    msg = getattr(exc, "msg", str(exc)).removesuffix(" at")
    out = f"{msg} at column {exc.colno}" if hasattr(exc, "colno") else msg
    if msg.startswith("Invalid control character"):
        out += r": a raw line break or tab inside a string; write it as \n or \t"
    return out


# -- reading -----------------------------------------------------------------


def read_paths(paths: Iterable[str], stdin: Optional[IO[bytes]] = None) -> Iterator[InputDoc]:
    """Documents from PATHs: ``-`` (stdin), .jsonl files, folders of .txt, .txt files.

    Every document comes once, in input order; an input that cannot be read
    is an error record in its place, and a repeated id a ``duplicate_id``
    error record (see the module docstring). JSON Lines (files or stdin) are
    streamed line by line.
    """
    return unique_ids(_read_all(paths, stdin))


def _read_all(paths: Iterable[str], stdin: Optional[IO[bytes]]) -> Iterator[InputDoc]:
    for raw in paths:
        if raw == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_folder(path)
        elif path.is_file():
            yield from _read_file(path, doc_id=path.stem)
        else:
            yield _unreadable(path.stem or raw, path, None)


def unique_ids(docs: Iterable[InputDoc]) -> Iterator[InputDoc]:
    """Pass documents on; one whose id came before becomes a ``duplicate_id`` error record."""
    seen: dict[str, Optional[str]] = {}
    for doc in docs:
        if doc.id not in seen:
            seen[doc.id] = doc.source
            yield doc
            continue
        first, here = seen[doc.id], doc.source
        yield InputDoc(
            doc.id, None, "duplicate_id",
            f"An earlier document of this run has the same id {doc.id!r}"
            + (f" ({first})" if first else "") + "; this one" + (f" ({here})" if here else "")
            + " was not processed. Give every document its own id.",
            here)


def _unreadable(doc_id: str, path: Path, exc: Optional[OSError]) -> InputDoc:
    if exc is None:
        try:
            os.stat(path)
        except OSError as err:
            exc = err
    reason = (exc.strerror or str(exc)) if exc is not None else "not a regular file"
    if exc is not None and exc.errno == 2 and os.path.islink(path):
        reason = "a symbolic link to nothing"
    return InputDoc(doc_id, None, "unreadable", f"Cannot read {path}: {reason}.", str(path))


def _read_folder(path: Path) -> Iterator[InputDoc]:
    files: list[Path] = []
    problems: list[InputDoc] = []

    def onerror(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else path
        rel = str(where.relative_to(path)) if path in where.parents else (path.name or str(path))
        problems.append(InputDoc(rel, None, "unreadable",
                                 f"Cannot read the folder {where}: {exc.strerror or exc}.", str(where)))

    for root, _dirs, names in os.walk(path, onerror=onerror):
        for name in names:
            if name.lower().endswith(".txt"):
                f = Path(root, name)
                # regular files, and links that lead nowhere (a loop, a dangling link: reported);
                # never a FIFO or a device, whose reading could block the run
                if f.is_file() or (f.is_symlink() and not f.exists()):
                    files.append(f)
    yield from problems
    if not files and not problems:
        yield InputDoc(path.name or str(path), None, "empty", f"The folder {path} contains no .txt files.",
                       str(path))
    for f in sorted(files):
        yield from _read_file(f, doc_id=str(f.relative_to(path).with_suffix("")))


def _read_file(path: Path, doc_id: str) -> Iterator[InputDoc]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    try:
        size = path.stat().st_size
        if size > 4 * MAX_CHARS + 4:  # more characters than the limit, whatever the encoding
            yield InputDoc(doc_id, None, "too_large", f"The file has {size:,} bytes, more than the limit of "
                           f"{MAX_CHARS:,} characters. Split it first.", str(path))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _unreadable(doc_id, path, exc)
        return
    text, err = decode(data)
    yield InputDoc(doc_id, text, *(err or (None, None)), str(path))


def read_jsonl(path: Union[str, os.PathLike]) -> Iterator[InputDoc]:
    """Stream a JSON Lines file of ``{"id", "text"}`` objects (with optional ``date``,
    ``source``, ``url``, ``title``: :func:`article_meta`), one line at a time.

    A file that cannot be opened or read is one ``unreadable`` error record.
    """
    path = Path(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield _unreadable(path.stem, path, exc)
        return
    with fh:
        yield from _jsonl_stream(path.stem, fh, str(path))


def read_stream(stream: IO[bytes], name: str = "stdin") -> Iterator[InputDoc]:
    """Documents from a byte stream (standard input): JSON Lines when the first
    non-empty line starts with ``{`` (streamed line by line), else one text
    document called ``name``."""
    try:
        head = stream.readline()
    except OSError as exc:
        yield InputDoc(name, None, "unreadable", f"Cannot read {name}: {exc.strerror or exc}.", name)
        return
    if isinstance(head, str):  # a text stream given by a caller
        rest = head + stream.read()
        yield from read_stream(_BytesOf(rest.encode("utf-8", "surrogatepass")), name)
        return
    if head.startswith(UTF32_BOMS):
        yield InputDoc(name, None, *utf32_error(), name)
        return
    utf16 = head.startswith(UTF16_BOMS)
    lines: Iterator = lines_of(head, stream)
    first: list = []
    try:
        for line in lines:
            first.append(line)
            if line.strip():
                break
        if first and _starts_object(first[-1]):
            yield from _jsonl_stream(name, _Chain(first, lines), name, sniffed=True)
            return
        rest = first + list(lines)
    except (OSError, UnicodeDecodeError) as exc:
        yield _stream_failure(name, name, 0, exc)
        return
    if utf16:
        yield InputDoc(name, "".join(rest), source=name)
        return
    text, err = decode(b"".join(rest))
    yield InputDoc(name, text, *(err or (None, None)), name)


def _starts_object(line: Union[str, bytes]) -> bool:
    if isinstance(line, bytes):
        line = line[:64].decode("utf-8", "replace")
    return line.lstrip().lstrip("\ufeff").lstrip().startswith("{")


class _BytesOf:
    def __init__(self, data: bytes) -> None:
        import io

        self._io = io.BytesIO(data)
        self.read = self._io.read
        self.readline = self._io.readline


class _Chain:
    """Lines already read, then the rest of an iterator of lines."""

    def __init__(self, first: list, rest: Iterator) -> None:
        self.first, self.rest = first, rest

    def __iter__(self):
        yield from self.first
        yield from self.rest


def _stream_failure(source: str, where: str, n: int, exc: BaseException) -> InputDoc:
    at = f" after line {n - 1}" if n > 1 else ""
    if isinstance(exc, UnicodeDecodeError):
        return InputDoc(f"{source}:{n}" if n else source, None, "encoding",
                        f"{where} ends in the middle of a UTF-16 character{at}; the rest could not be read.", where)
    return InputDoc(f"{source}:{n}" if n else source, None, "unreadable",
                    f"Reading {where} failed{at}: {getattr(exc, 'strerror', None) or exc}.", where)


def _jsonl_stream(source: str, fh, where: str, sniffed: bool = False) -> Iterator[InputDoc]:
    """JSON Lines from a binary file (or the lines :func:`read_stream` found), decoded by the policy."""
    if sniffed:
        lines: Iterable = fh
    else:
        try:
            head = fh.readline()
        except OSError as exc:
            yield _stream_failure(source, where, 1, exc)
            return
        if head.startswith(UTF32_BOMS):
            yield InputDoc(source, None, *utf32_error(), where)
            return
        lines = lines_of(head, fh)
    n = 0
    it = iter(lines)
    while True:
        n += 1
        try:
            line = next(it)
        except StopIteration:
            return
        except (OSError, UnicodeDecodeError) as exc:
            yield _stream_failure(source, where, n, exc)
            return
        if isinstance(line, bytes):
            if n == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8):]
            if n == 1 and b"\x00" in line and looks_utf16(line):
                yield InputDoc(source, None, *utf16_no_bom_error(), where)
                return
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                if line.strip():
                    yield _undecodable_line(source, where, n, line, exc)
                continue
        elif n == 1:
            line = line.lstrip("\ufeff")
        doc = _json_doc(source, where, n, line)
        if doc is not None:
            yield doc


def _undecodable_line(source: str, where: str, n: int, line: bytes, exc: UnicodeDecodeError) -> InputDoc:
    doc_id = f"{source}:{n}"
    try:  # name the document by its id where the id itself is readable
        obj = json.loads(line.decode("utf-8", "replace"))
        if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) and "\ufffd" not in str(obj["id"]):
            doc_id = str(obj["id"])
    except ValueError:
        pass
    return InputDoc(doc_id, None, "encoding",
                    f"Line {n} is not valid UTF-8 (byte {exc.start} of the line): the input must be UTF-8 "
                    f"(or UTF-16 with a byte order mark); {UTF8_ADVICE}.", f"{where} line {n}")


def _json_doc(source: str, where: str, n: int, line: str) -> Optional[InputDoc]:
    if not line.strip():
        return None
    fallback = f"{source}:{n}"
    at = f"{where} line {n}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputDoc(fallback, None, "bad_json", f"Line {n} is not valid JSON ({json_error(exc)}).", at)
    except ValueError as exc:
        return InputDoc(fallback, None, "bad_json", f"Line {n} is not valid JSON ({exc}).", at)
    if not isinstance(obj, dict):
        return InputDoc(fallback, None, "bad_json", f"Line {n} is not a JSON object.", at)
    doc_id = str(obj.get("id", fallback))
    text = obj.get("text")
    if not isinstance(text, str):
        return InputDoc(doc_id, None, "bad_json", f"Line {n} has no string field \"text\".", at)
    meta, problem = article_meta(obj)
    if problem:
        return InputDoc(doc_id, None, "bad_meta", f"Line {n}: {problem}", at)
    return InputDoc(doc_id, text, source=at, meta=meta)


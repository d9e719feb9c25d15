"""Reading documents: .txt files, folders, JSON Lines, stdin; and input checks.

Reading never raises for one bad document: it yields an :class:`InputDoc`
whose ``error`` says what is wrong, so a batch goes on with the others.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .lexicon import load_words

MAX_CHARS = 2_000_000
"""Documents longer than this are refused (a parse would take many minutes)."""


class InputError(ValueError):
    """A path or file that cannot be read at all (not one bad document)."""


@dataclass
class InputDoc:
    id: str
    text: Optional[str]
    error: Optional[str] = None
    message: Optional[str] = None


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


def decode(data: bytes) -> tuple[Optional[str], Optional[tuple[str, str]]]:
    """Decode UTF-8 (with or without BOM); report binary or undecodable bytes."""
    if b"\x00" in data[:4096]:
        return None, ("binary", "The file contains NUL bytes: it looks like a binary file, not text.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, ("encoding", f"The file is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first.")


def read_paths(paths: Iterable[str], stdin=None) -> Iterator[InputDoc]:
    """Documents from PATHs: ``-`` (stdin), .jsonl files, folders of .txt, .txt files."""
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8", "surrogatepass")
            yield from _from_bytes("stdin", data, jsonl=_looks_jsonl(data))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                raise InputError(f"The folder {path} contains no .txt files.")
            for f in files:
                yield from _read_file(f, doc_id=str(f.relative_to(path).with_suffix("")))
        elif path.is_file():
            yield from _read_file(path, doc_id=path.stem)
        else:
            raise InputError(f"No such file or folder: {path}")


def _read_file(path: Path, doc_id: str) -> Iterator[InputDoc]:
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        yield from read_jsonl(path)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputDoc(doc_id, None, "unreadable", f"Cannot read {path}: {exc.strerror}.")
        return
    yield from _from_bytes(doc_id, data, jsonl=False)


def _looks_jsonl(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def _from_bytes(doc_id: str, data: bytes, jsonl: bool) -> Iterator[InputDoc]:
    if jsonl:
        yield from _jsonl_lines(doc_id, data.decode("utf-8", "replace").splitlines())
        return
    text, err = decode(data)
    if err:
        yield InputDoc(doc_id, None, *err)
    else:
        yield InputDoc(doc_id, text)


def read_jsonl(path: Path) -> Iterator[InputDoc]:
    """Stream a JSON Lines file of ``{"id", "text"}`` objects, one line at a time."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from None
    with fh:
        yield from _jsonl_lines(path.stem, (line.decode("utf-8", "replace") for line in fh))


def _jsonl_lines(source: str, lines: Iterable[str]) -> Iterator[InputDoc]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fallback = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputDoc(fallback, None, "bad_json", f"Line {n} is not valid JSON ({exc.msg}).")
            continue
        if not isinstance(obj, dict):
            yield InputDoc(fallback, None, "bad_json", f"Line {n} is not a JSON object.")
            continue
        doc_id = str(obj.get("id", fallback))
        text = obj.get("text")
        if not isinstance(text, str):
            yield InputDoc(doc_id, None, "bad_json", f"Line {n} has no string field \"text\".")
            continue
        yield InputDoc(doc_id, text)

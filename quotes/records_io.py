"""Reading result records back: the JSON and JSON Lines written by ``quotes extract``.

:func:`read_records` streams validated :class:`~quotes.models.DocumentResult`
and :class:`~quotes.models.DocumentError` records from a file; a file that is
not such output raises :class:`RecordsError` with the line at fault.
:func:`records_from_paths` serves the commands that take either such files or
raw input (``quotes speakers``, ``quotes archive add``): record files are read
as they are, everything else is extracted first.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Union

from pydantic import ValidationError

from .inputs import json_error
from .models import DocumentError, DocumentResult

Record = Union[DocumentResult, DocumentError]

RECORD_SUFFIXES = (".json", ".jsonl", ".ndjson")


class RecordsError(ValueError):
    """A file that is not (valid) output of ``quotes extract``."""


def read_records(path: Union[str, os.PathLike]) -> Iterator[Record]:
    """Stream the records of a ``quotes extract`` JSON or JSON Lines file.

    The format is taken from the content: a file starting with ``[`` is a JSON
    array (``-f json``), otherwise one record per line (``-f jsonl``); a file
    holding one pretty-printed record is read too. Every record is validated
    (offsets included).

    Args:
        path: the file.

    Yields:
        The records in file order.

    Raises:
        RecordsError: the file cannot be read, is not JSON, or holds something
            other than records (e.g. raw ``{"id", "text"}`` input).
    """
    path = Path(path)
    try:
        fh = open(path, "r", encoding="utf-8-sig")
    except OSError as exc:
        raise RecordsError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        try:
            head = _first_char(fh)
            if head == "":
                return
            if head == "[":
                try:
                    data = json.load(fh)
                except ValueError as exc:
                    raise RecordsError(f"{path} is not valid JSON ({exc})") from None
                if not isinstance(data, list):
                    raise RecordsError(f"{path} is not a JSON array of records")
                for n, obj in enumerate(data, 1):
                    yield to_record(obj, f"{path}: record {n}")
                return
            lines = fh.readlines() if head == "{" else None
        except UnicodeDecodeError as exc:
            raise RecordsError(f"{path} is not UTF-8 text (byte {exc.start})") from None
        if lines is None:
            raise RecordsError(f"{path} is not a quotes JSON or JSON Lines file (it starts with {head!r})")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    try:
        json.loads(lines[first])
    except ValueError:  # not one record per line: maybe one pretty-printed record
        try:
            obj = json.loads("".join(lines))
        except ValueError as exc:
            raise RecordsError(f"{path}: line {first + 1} is not valid JSON ({json_error(exc)})") from None
        yield to_record(obj, str(path))
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise RecordsError(f"{path}: line {n} is not valid JSON ({json_error(exc)})") from None
        yield to_record(obj, f"{path}: line {n}")


def to_record(obj: Any, where: str = "record") -> Record:
    """Validate one parsed JSON object as a result or error record.

    Args:
        obj: the object.
        where: names the place in error messages, e.g. ``"out.jsonl: line 3"``.

    Raises:
        RecordsError: ``obj`` is no record or fails validation.
    """
    if not isinstance(obj, dict):
        raise RecordsError(f"{where} is not a JSON object")
    if "error" in obj and "message" in obj and "text" not in obj:
        cls: type = DocumentError
    elif "quotes" in obj:
        cls = DocumentResult
    elif "text" in obj:
        raise RecordsError(f"{where} has no \"quotes\": it looks like raw input, not output of quotes extract")
    else:
        raise RecordsError(f"{where} is not a quotes record (no \"quotes\" or \"error\" field); "
                           "expected the output of `quotes extract -f json` or `-f jsonl`")
    try:
        return cls.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ())) or "record"
        raise RecordsError(f"{where} is not a valid record: {loc}: {first.get('msg')}"
                           + (f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else "")
                           ) from None


def is_records_file(path: str) -> bool:
    """Whether ``path`` holds records (output of ``quotes extract``) rather than raw input.

    A ``.json`` file always counts as records (``quotes extract`` does not
    read .json input). A ``.jsonl``/``.ndjson`` file counts when its first
    object has a ``"quotes"`` field or is an error record; a JSON Lines file
    of ``{"id", "text"}`` objects is raw input. ``-``, folders and other
    files are raw input.
    """
    if path == "-":
        return False
    p = Path(path)
    suffix = p.suffix.lower()
    if not p.is_file() or suffix not in RECORD_SUFFIXES:
        return False
    if suffix == ".json":
        return True
    try:
        with open(p, "r", encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and ("quotes" in obj or ("error" in obj and "message" in obj
                                                                          and "text" not in obj))
    except ValueError:
        return False
    return False


def records_from_paths(paths: Iterable[str], extractor_factory: Callable[[], Any], workers: int = 1) -> Iterator[Record]:
    """Records from PATHs: record files are read, raw input is extracted.

    Args:
        paths: record files (see :func:`is_records_file`) or raw input as
            ``quotes extract`` takes it (.txt, folders, JSON Lines of
            ``{"id", "text"}``, ``-``).
        extractor_factory: builds the extractor, called once and only when
            some path is raw input; with ``workers > 1`` once in every worker
            process (it must then be picklable, as for :func:`quotes.runner.process`).
        workers: processes that extract raw input (1: this process). A document
            that kills its worker becomes an error record; the others go on.

    Yields:
        One record per document, path by path, in input order.

    Raises:
        RecordsError: a record file is damaged.
        quotes.inputs.InputError: raw input cannot be read.
    """
    extractor = None
    for path in paths:
        if is_records_file(path):
            yield from read_records(path)
            continue
        if path != "-" and not os.path.lexists(path):
            raise RecordsError(f"No such file or folder: {path}")
        from .runner import process, read_inputs

        if workers > 1:
            chunks = process(read_inputs([path]), extractor_factory, workers=workers)
        else:
            if extractor is None:
                extractor = extractor_factory()
            chunks = process(read_inputs([path]), lambda: extractor)
        for records, _ in chunks:
            yield from records


def _first_char(fh) -> str:
    """The first non-space character of ``fh``, which is then rewound."""
    while True:
        ch = fh.read(1)
        if ch == "" or not ch.isspace():
            fh.seek(0)
            return ch

"""Output formats, one module each, all reading the same records.

An exporter is a class with ``__init__(out, **options)``, ``write(record)``
for each :class:`~quotes.models.DocumentResult` or
:class:`~quotes.models.DocumentError` in input order, and ``close()``.
Exporters never extract; they only render records.

An exporter whose files can be appended to (and so resumed with
``quotes extract --resume``) also has a static ``done_ids(path)``, its
format's resume scanner: it returns a :class:`Done` (the document ids
already in the file and the end of its last whole record) or raises
:class:`ResumeError`. :func:`done_ids` calls it by format name.
"""

from __future__ import annotations

import importlib
import os
from typing import IO, NamedTuple

FORMATS = {
    "json": ("jsonl", "JsonExporter"),
    "jsonl": ("jsonl", "JsonLinesExporter"),
    "csv": ("csv", "CsvExporter"),
    "html": ("html", "HtmlExporter"),
}


APPENDABLE = ("jsonl", "csv")
"""Formats whose files can be appended to, and so resumed (their exporters have ``done_ids``)."""


class ResumeError(ValueError):
    """An output file that cannot be resumed (damaged before its end, not written by quotes)."""


class Done(NamedTuple):
    """What a resume scanner found in an output file."""

    ids: set
    """Ids of the documents whose records are complete in the file."""
    good_end: int
    """Byte offset after the last complete record: a damaged tail starts here."""


def exporter_class(fmt: str):
    """The exporter class for ``fmt`` (imported on first use)."""
    try:
        module_name, cls_name = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    module = importlib.import_module(f".{module_name}", __package__)
    return getattr(module, cls_name)


def get_exporter(fmt: str, out: IO[str], **options):
    """Instantiate the exporter for ``fmt`` writing to ``out``."""
    return exporter_class(fmt)(out, **options)


def done_ids(fmt: str, path: str | os.PathLike) -> Done:
    """Scan an existing output file of format ``fmt`` for ``--resume``.

    Raises:
        ValueError: for a format that cannot be resumed.
        ResumeError: for a file damaged before its end.
    """
    if fmt not in APPENDABLE:
        raise ValueError(f"cannot resume {fmt!r} output; resume works with {' or '.join(APPENDABLE)}")
    return exporter_class(fmt).done_ids(path)

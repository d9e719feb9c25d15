"""Output formats, one module each, all reading the same records.

An exporter is a class with ``__init__(out, **options)``, ``write(record)``
for each :class:`~quotes.models.DocumentResult` or
:class:`~quotes.models.DocumentError` in input order, and ``close()``.
Exporters never extract; they only render records.
"""

from __future__ import annotations

import importlib
from typing import IO

FORMATS = {
    "json": ("jsonl", "JsonExporter"),
    "jsonl": ("jsonl", "JsonLinesExporter"),
    "csv": ("csv", "CsvExporter"),
    "html": ("html", "HtmlExporter"),
}


def get_exporter(fmt: str, out: IO[str], **options):
    """Instantiate the exporter for ``fmt`` writing to ``out``."""
    try:
        module_name, cls_name = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    module = importlib.import_module(f".{module_name}", __package__)
    return getattr(module, cls_name)(out, **options)

"""JSON (one array) and JSON Lines (one document per line) output.

Both write each record as ``model_dump(mode="json")``; see
``docs/data-format.md``. JSON Lines flushes after every line so that a
reader (or ``--resume``) never sees half a document.
"""

from __future__ import annotations

import json
from typing import IO, Union

from ..models import DocumentError, DocumentResult

Record = Union[DocumentResult, DocumentError]


def dump(record: Record, indent=None) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


class JsonLinesExporter:
    def __init__(self, out: IO[str], **_options) -> None:
        self.out = out

    def write(self, record: Record) -> None:
        self.out.write(dump(record) + "\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonExporter:
    """A JSON array of records, streamed (one record in memory at a time)."""

    def __init__(self, out: IO[str], **_options) -> None:
        self.out = out
        self.count = 0

    def write(self, record: Record) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        body = dump(record, indent=2)
        self.out.write("  " + body.replace("\n", "\n  "))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()

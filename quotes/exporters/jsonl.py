"""JSON (one array) and JSON Lines (one document per line) output.

Both write each record as ``model_dump(mode="json")``; see
``docs/data-format.md``. JSON Lines flushes after every line so that a
reader (or ``--resume``) never sees half a document;
:meth:`JsonLinesExporter.done_ids` is the resume scanner of the format.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import IO, Optional, Union

from ..models import DocumentError, DocumentResult
from . import Done, ResumeError

Record = Union[DocumentResult, DocumentError]


def dump(record: Record, indent=None) -> str:
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=indent)


class JsonLinesExporter:
    def __init__(self, out: IO[str], **_options) -> None:
        self.out = out

    @staticmethod
    def done_ids(path: str | os.PathLike) -> Done:
        """The ids of the whole lines of a JSON Lines output (for ``--resume``).

        A last line that is cut off (no line end, or not valid JSON) is left
        out of ``good_end``; damage on any earlier line raises
        :class:`~quotes.exporters.ResumeError`.
        """
        return scan_done(Path(path))

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


# -- resume ----------------------------------------------------------------

_JSON_ID = re.compile(rb'^\{"id": ?("(?:[^"\\]|\\.)*")')


def scan_done(path: Path) -> Done:
    """See :meth:`JsonLinesExporter.done_ids`."""
    ids: set[str] = set()
    offset = good_end = 0
    bad: Optional[tuple[int, str]] = None
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, 1):
            offset += len(line)
            if bad is not None:  # damage before the last line
                raise ResumeError(f"cannot resume: line {bad[0]} of {path} {bad[1]}; "
                                  "fix or remove it, or run without --resume")
            if not line.strip():
                good_end = offset
                continue
            doc_id, why = _line_id(line)
            if why is None and not line.endswith(b"\n"):
                why = "is incomplete (no line end)"
            if why is not None:
                bad = (n, why)
                continue
            ids.add(doc_id)  # type: ignore[arg-type]
            good_end = offset
    return Done(ids, good_end)


def _line_id(line: bytes) -> tuple[Optional[str], Optional[str]]:
    """(the record's id, None), or (None, why the line is no record)."""
    m = _JSON_ID.match(line)
    if m and line.rstrip().endswith(b"}"):
        try:
            return json.loads(m.group(1)), None
        except ValueError:
            pass
    try:
        obj = json.loads(line)
    except ValueError:
        return None, "is not valid JSON (cut off?)"
    if not isinstance(obj, dict) or "id" not in obj:
        return None, 'is not a record with an "id"'
    return str(obj["id"]), None

"""CSV output for spreadsheets: one row per quote.

The file starts with a UTF-8 byte order mark so that Excel reads umlauts
correctly. ``csv_dialect="excel"`` writes comma-separated values with a
decimal point; ``csv_dialect="excel-de"`` (registered here as a :mod:`csv`
dialect) writes semicolon-separated values with a decimal comma, as German
Excel expects. Fields holding quotation marks, separators or line breaks are
quoted by the :mod:`csv` module, so ``csv.reader`` (and Excel) read them back
unchanged.

Besides one row per quote there is one row, with the quote columns left
empty, for each document without quotes (so the file lists every document
of a run and ``quotes extract --resume`` can skip it), and one row per error
record with the message in the ``error`` column. :meth:`CsvExporter.done_ids`
is the resume scanner of the format.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO, Iterator, Optional, Union

from ..models import DocumentError, DocumentResult, Quote, Span, speaker_gender
from . import Done, ResumeError

Record = Union[DocumentResult, DocumentError]

BOM = "\ufeff"
"""The byte order mark written first, so that Excel reads the file as UTF-8 (umlauts)."""
SEPARATOR = " … "
"""Joins the parts of a split quote or cue."""

COLUMNS = (
    "doc_id",
    "quote_id",
    "type",
    "speaker",
    "speaker_mention",
    "descriptor",
    "cue",
    "cue_lemma",
    "content",
    "addressee",
    "medium",
    "content_start",
    "content_end",
    "sentences",
    "confidence",
    "rule",
    "error",
    "speaker_gender",
    "article_date",
    "article_source",
    "article_title",
    "article_url",
)
"""The header row, in order. ``doc_id`` is what ``--resume`` looks for. ``speaker_gender`` is
the gender of the quote's speaker (its entity's, or the mention's own where it is no entity; empty without a speaker); the ``article_*`` columns hold the
input's metadata (:class:`~quotes.models.ArticleMeta`; empty where it had none) and are repeated
on every row of the document. These five came last (records 1.1), so that the columns before
them keep their places; a file written before they existed cannot be resumed (its header
differs): the run says so and stops."""

ID_COLUMN = "doc_id"


class ExcelDe(csv.excel):
    """Excel as set up for German: semicolons between fields."""

    delimiter = ";"


csv.register_dialect("excel-de", ExcelDe)

DIALECTS = ("excel", "excel-de")


class CsvExporter:
    """Write records as CSV rows, one per quote.

    Args:
        out: a text stream; open files with ``newline=""`` so that line breaks
            inside fields stay as written.
        csv_dialect: ``"excel"`` (comma, decimal point) or ``"excel-de"``
            (semicolon, decimal comma).
        **_: other exporters' options, ignored.

    Raises:
        ValueError: for an unknown dialect.
    """

    def __init__(self, out: IO[str], csv_dialect: Optional[str] = "excel", **_) -> None:
        dialect = csv_dialect or "excel"
        if dialect not in DIALECTS:
            raise ValueError(f"unknown CSV dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")
        self.out = out
        self.dialect = dialect
        self.decimal = "," if dialect == "excel-de" else "."
        self.writer = csv.writer(out, dialect=dialect)
        self._started = False

    @staticmethod
    def done_ids(path: str | os.PathLike) -> Done:
        """The ids of the documents whose rows are complete in a CSV output (for ``--resume``).

        Either dialect, with or without a byte order mark. A cut-off tail
        drops all rows of its document (it is processed again); a damaged
        row before the end raises :class:`~quotes.exporters.ResumeError`.
        """
        return scan_done(Path(path))

    def _start(self) -> None:
        if not self._started:
            self.out.write(BOM)
            self.writer.writerow(COLUMNS)
            self._started = True

    def write(self, record: Record) -> None:
        """Write the rows of one record (one per quote; one for a document without quotes)."""
        self._start()
        self.writer.writerows(self.rows(record))

    def close(self) -> None:
        """Finish the file; an empty run still gets its header."""
        self._start()
        self.out.flush()

    def rows(self, record: Record) -> list[list[str]]:
        """The CSV rows of one record, as lists of strings in :data:`COLUMNS` order."""
        if isinstance(record, DocumentError):
            return [self._row(doc_id=record.id, error=f"{record.error}: {record.message}")]
        article = _article(record)
        if not record.quotes:
            return [self._row(**article)]
        entities = {e.id: e for e in record.speakers}
        return [self._quote_row(article, q, entities) for q in record.quotes]

    def _quote_row(self, article: dict, q: Quote, entities: dict) -> list[str]:
        speaker = q.speaker
        return self._row(
            **article,
            quote_id=q.id,
            type=q.type.value,
            speaker=(speaker.name if speaker else None),
            speaker_gender=(speaker_gender(speaker, entities).value if speaker else None),
            speaker_mention=_text(speaker.mention if speaker else None),
            descriptor=(speaker.descriptor if speaker else None),
            cue=SEPARATOR.join(s.text for s in q.cue),
            cue_lemma=q.cue_lemma,
            content=SEPARATOR.join(s.text for s in q.content),
            addressee=_text(q.addressee),
            medium=_text(q.medium),
            content_start=str(q.start),
            content_end=str(q.end),
            sentences=", ".join(str(n) for n in q.sentences),
            confidence=_number(q.confidence).replace(".", self.decimal),
            rule=q.rule,
        )

    @staticmethod
    def _row(**values: Optional[str]) -> list[str]:
        return [defuse(values.get(col) or "") for col in COLUMNS]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """Keep spreadsheet programs from running a quoted text as a formula.

    Used by every CSV file the project writes (``quotes extract -f csv``, the
    archive report's CSV files, ``quotes archive reuse --csv``).

    Args:
        cell: the text of one cell.

    Returns:
        The cell, with a leading apostrophe (shown by Excel and LibreOffice as
        plain text) when it starts like a formula (= + - @ tab or carriage
        return) and is not a number; numbers stay numbers.
    """
    if cell.startswith(FORMULA_STARTS) and not _is_number(cell):
        return "'" + cell
    return cell


_defuse = defuse
"""The former private name, kept for callers written before :func:`defuse` was public."""


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def _article(record: DocumentResult) -> dict:
    """The document's columns: its id and metadata."""
    meta = record.meta
    return dict(doc_id=record.id, article_date=meta and meta.date, article_source=meta and meta.source,
                article_title=meta and meta.title, article_url=meta and meta.url)


def _text(span: Optional[Span]) -> Optional[str]:
    return span.text if span is not None else None


def _number(value: float) -> str:
    """At most three decimals, no trailing zeros: 0.85, 1, 0.333."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


# -- resume ----------------------------------------------------------------


def scan_done(path: Path) -> Done:
    """See :meth:`CsvExporter.done_ids`."""
    total = path.stat().st_size
    state = {"consumed": 0, "newline": True}

    def lines(fh) -> Iterator[str]:
        for raw in fh:
            state["consumed"] += len(raw)
            state["newline"] = raw.endswith(b"\n")
            yield raw.decode("utf-8", "replace")

    with open(path, "rb") as fh:
        first = fh.readline()
        if not first.endswith(b"\n"):  # cut off in the header: nothing was written completely
            return Done(set(), 0)
        fh.seek(0)
        reader = csv.reader(lines(fh), delimiter=_delimiter(first), strict=True)
        try:
            header = [h.lstrip(BOM).strip().lower() for h in next(reader)]
        except (csv.Error, StopIteration):
            raise ResumeError(f"cannot resume: {path} does not start with a CSV header") from None
        if ID_COLUMN not in header:
            raise ResumeError(f"cannot resume: the CSV header of {path} has no {ID_COLUMN} column")
        column = header.index(ID_COLUMN)
        rows: list[tuple[str, int]] = []  # (document id, offset where its row starts)
        good_end = state["consumed"]
        while True:
            start = state["consumed"]
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error:
                row = None
            if row == []:
                good_end = state["consumed"]
                continue
            if row is None or len(row) != len(header) or not state["newline"]:
                if state["consumed"] < total:
                    raise ResumeError(f"cannot resume: {path} has a damaged CSV row before its end; "
                                      "fix or remove it, or run without --resume")
                # A cut-off tail: drop all rows of the last document; it is processed again.
                good_end = start
                last = rows[-1][0] if rows else None
                while rows and rows[-1][0] == last:
                    good_end = rows.pop()[1]
                break
            rows.append((row[column], start))
            good_end = state["consumed"]
    return Done({doc_id for doc_id, _ in rows}, good_end)


def _delimiter(header: bytes) -> str:
    text = header.decode("utf-8", "replace")
    return ";" if text.count(";") > text.count(",") else ","

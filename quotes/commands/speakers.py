"""``quotes speakers``: who is quoted how often, over many documents.

PATH is output of ``quotes extract`` (``-f json`` or ``-f jsonl``; read as it
is, nothing is extracted again) or raw input as ``quotes extract`` takes it,
which is extracted first. Speakers are merged across documents by canonical
name (:mod:`quotes.aggregate`).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from contextlib import contextmanager
from typing import IO, Iterator, Optional

from ..aggregate import TYPES, SpeakerTable, aggregate_speakers
from ..models import DocumentResult
from ..records_io import Record, RecordsError, records_from_paths
from . import CommandError, add_min_confidence_arg, add_model_args, extractor_factory, make_extractor, positive_int

PATHS_HELP = ("output of `quotes extract -f json|jsonl` (read as it is), or raw input extracted first: "
              'a .txt file, a folder of .txt files, a JSON Lines file of {"id", "text"} objects, or -')


def register(sub) -> None:
    p = sub.add_parser("speakers", help="list the speakers quoted across documents, with counts by quote type",
                       description="Merge the speakers of many documents by canonical name and count their "
                                   "quotes by type. " + PATHS_HELP[0].upper() + PATHS_HELP[1:] + ".")
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    p.add_argument("-f", "--format", choices=("text", "csv", "json"), default="text",
                   help="output format (default: text)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
    p.add_argument("--csv-dialect", choices=("excel", "excel-de"), default="excel",
                   help="CSV flavour: excel (comma) or excel-de (semicolon, for German Excel)")
    p.add_argument("--cache", metavar="DIR", help="parse cache directory for raw input (re-runs skip parsing)")
    add_min_confidence_arg(p, help="count only the records whose confidence is at least P (0 to 1, e.g. 0.9), "
                                   "in record files and raw input alike")
    add_workers_arg(p)
    add_model_args(p)
    p.set_defaults(func=run)


def load_records(args: argparse.Namespace, cache_dir: Optional[str] = None) -> Iterator[Record]:
    """Records from ``args.paths``: record files read, raw input extracted with the model args
    (and the parse cache ``cache_dir``); with ``args.min_confidence``, each document keeps only its
    records of at least that confidence (:meth:`~quotes.models.DocumentResult.filtered`).

    Raises:
        CommandError: a record file is damaged or a path is missing.
    """
    if getattr(args, "batch_size", 1) < 1:
        raise CommandError("--batch-size must be at least 1")
    workers = getattr(args, "workers", 1)
    # Worker processes need a picklable factory; in this process the extractor is built once, lazily.
    factory = extractor_factory(args, cache_dir, make=make_extractor) if workers > 1 else (lambda: make_extractor(args, cache_dir=cache_dir))
    threshold = getattr(args, "min_confidence", None)
    try:
        for record in records_from_paths(args.paths, factory, workers=workers):
            yield record.filtered(threshold) if threshold is not None and isinstance(record, DocumentResult) \
                else record
    except RecordsError as exc:
        raise CommandError(str(exc)) from None


def add_workers_arg(parser: argparse.ArgumentParser) -> None:
    """--workers N for the commands that extract raw input first (``speakers``, ``archive add``)."""
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="worker processes for raw input, each loading the model once and using one torch "
                             "thread (default: 1, in this process); record files are read as they are")


@contextmanager
def open_output(path: str | None, newline: str | None = None) -> Iterator[IO[str]]:
    """The output file, or standard output for None."""
    if not path:
        yield sys.stdout
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None
    with fh:
        yield fh


def run(args: argparse.Namespace) -> int:
    table = aggregate_speakers(load_records(args, cache_dir=args.cache))
    with open_output(args.output, newline="" if args.format == "csv" else None) as out:
        if args.format == "json":
            out.write(json.dumps(table.as_dict(), ensure_ascii=False, indent=2) + "\n")
        elif args.format == "csv":
            write_csv(table, out, args.csv_dialect)
        else:
            out.write(format_text(table))
    return 0


def write_csv(table: SpeakerTable, out: IO[str], dialect: str = "excel") -> None:
    """One row per speaker, with a BOM for Excel: name, descriptors, articles, counts by type, total."""
    from ..exporters.csv import BOM  # registers the excel-de dialect

    writer = csv.writer(out, dialect=dialect)
    out.write(BOM)
    writer.writerow(["speaker", "descriptors", "articles", "documents", *TYPES, "total"])
    for s in table.speakers:
        writer.writerow([s.name, " | ".join(s.descriptors), len(s.documents), " ".join(s.documents),
                         *(s.counts.get(t, 0) for t in TYPES), s.total])


def format_text(table: SpeakerTable) -> str:
    """An aligned table for the terminal, most quoted first."""
    short = {"free_indirect": "free"}
    head = ["speaker", "descriptor", "docs", *(short.get(t, t) for t in TYPES), "total"]
    rows = [[s.name, _clip("; ".join(s.descriptors), 40), str(len(s.documents)),
             *(str(s.counts.get(t, 0) or "") for t in TYPES), str(s.total)] for s in table.speakers]
    lines = []
    if rows:
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        for r in [head, *rows]:
            cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
            lines.append("  ".join(cells).rstrip())
    unattributed = sum(table.unattributed.values())
    summary = f"{_n(len(table.speakers), 'speaker')} in {_n(table.documents, 'document')}"
    if unattributed:
        summary += f"; {_n(unattributed, 'quote')} without a resolved speaker"
    if table.errors:
        summary += f"; {_n(table.errors, 'error record')}"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

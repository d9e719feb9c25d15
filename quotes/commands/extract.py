"""``quotes extract``: find quotations in files, folders, JSON Lines or stdin."""

from __future__ import annotations

import sys

from ..exporters import FORMATS, get_exporter
from ..inputs import read_paths
from ..models import DocumentError
from . import CommandError, add_model_args, make_extractor


def register(sub) -> None:
    p = sub.add_parser("extract", help="extract quotations from German text",
                       description="PATH is a .txt file, a folder of .txt files, a JSON Lines file of "
                                   '{"id", "text"} objects, or - for standard input.')
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-f", "--format", choices=sorted(FORMATS), default="json", help="output format (default: json)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
    p.add_argument("--csv-dialect", choices=("excel", "excel-de"), default="excel",
                   help="CSV flavour: excel (comma) or excel-de (semicolon, for German Excel)")
    p.add_argument("--cache", metavar="DIR", help="parse cache directory (re-runs skip parsing)")
    p.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    add_model_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    docs = read_paths(args.paths)
    extractor = make_extractor(args, cache_dir=args.cache)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        try:
            exporter = get_exporter(args.format, out, csv_dialect=args.csv_dialect)
        except (ValueError, ModuleNotFoundError) as exc:
            raise CommandError(str(exc)) from None
        n_docs = n_quotes = n_errors = 0
        for result in extractor.extract_many(docs):
            exporter.write(result)
            n_docs += 1
            if isinstance(result, DocumentError):
                n_errors += 1
                if not args.quiet:
                    print(f"quotes: {result.id}: {result.message}", file=sys.stderr)
            else:
                n_quotes += len(result.quotes)
        exporter.close()
    finally:
        if args.output:
            out.close()
    if not args.quiet:
        print(f"quotes: {n_docs} documents, {n_quotes} quotes, {n_errors} errors", file=sys.stderr)
    return 1 if n_errors and n_errors == n_docs else 0

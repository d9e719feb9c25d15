"""``quotes archive``: keep results in a searchable SQLite file (:mod:`quotes.archive`).

* ``quotes archive add PATH... --db quotes.sqlite``: PATH as for ``quotes
  speakers`` (records of ``quotes extract``, or raw input extracted first,
  with ``--cache`` for re-runs); an article already in the archive is
  replaced by the new version, an id repeated within one add is skipped (the
  first is kept), and the summary names both.
  A folder of output parts of ``quotes extract --engine dask -f json|jsonl
  -o OUTDIR`` is read part by part.
* ``quotes archive search [QUERY] [--speaker NAME] [--type TYPE] [--min-confidence P] --db ...``:
  matching quotes with their articles, as text or ``-f json``.
* ``quotes archive stats --db ...``: what the archive holds.
* ``quotes archive reuse [--min-articles 2] [--min-words N] [--threshold T] --db ...``:
  statements carried by several articles (near-identical quotations,
  :mod:`quotes.archive.reuse`), earliest article first, with the speakers they
  were attributed to; as text, ``-f json`` or ``-f csv``.
* ``quotes archive report --db ... -o report.html [--csv DIR] [--reading-view DIR] [--lang de|en]
  [--since DATE] [--until DATE]``: a dashboard page (:mod:`quotes.archive.report`).

Opening an archive of an older schema migrates it (one line on stderr says so).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys

from ..archive import Archive, ArchiveError
from ..archive.reuse import DEFAULT_MIN_ARTICLES, DEFAULT_MIN_WORDS, DEFAULT_THRESHOLD, ReuseGroup
from ..archive.writing import clip
from ..models import QuoteType
from . import CommandError, add_min_confidence_arg, add_model_args
from .speakers import PATHS_HELP, add_workers_arg, load_records

DEFAULT_DB = "quotes.sqlite"


def register(sub) -> None:
    p = sub.add_parser("archive", help="store results in a searchable SQLite archive and search it",
                       description="A SQLite file with full-text search over quotes, speakers and articles. "
                                   "Re-adding an article replaces it (the summary names it).")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    def db_arg(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--db", metavar="FILE", default=os.environ.get("QUOTES_DB", DEFAULT_DB),
                            help=f"the archive file (default: $QUOTES_DB, else {DEFAULT_DB})")

    add = actions.add_parser("add", help="add results (or extract raw input first) to the archive",
                             description="Add documents to the archive. An article already there (same id) is "
                                         "replaced by the new version; an id that comes twice in one add is "
                                         "stored once (the first; the repeat is skipped); the summary line names "
                                         "both. Error records are not stored. "
                                         + PATHS_HELP[0].upper() + PATHS_HELP[1:] + "; or a folder of "
                                         "output parts of quotes extract --engine dask -f json|jsonl.")
    add.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    db_arg(add)
    add.add_argument("--quiet", action="store_true", help="no summary line on stderr")
    add.add_argument("--cache", metavar="DIR", help="parse cache directory for raw input (re-runs skip parsing)")
    add_workers_arg(add)
    add_model_args(add)
    add.set_defaults(func=run_add)

    search = actions.add_parser(
        "search", help="full-text search over quotes",
        description='QUERY uses SQLite FTS5 syntax: words (all must occur), "a phrase", OR, NOT, prefix*, '
                    "speaker: NAME; -word after another word excludes it (as NOT word). Case and umlaut accents are "
                    "ignored. Without QUERY, every quote matches and the filters alone select. A query that "
                    "starts with - goes after --: quotes archive search -- '-x'.")
    search.add_argument("query", nargs="?", metavar="QUERY", help="what to search for, e.g. Pompeo")
    search.add_argument("--speaker", metavar="NAME", help="only quotes of speakers whose name contains NAME")
    search.add_argument("--type", choices=[t.value for t in QuoteType], help="only quotes of this type")
    add_min_confidence_arg(search, help="only quotes whose confidence is at least P (0 to 1, e.g. 0.9)")
    search.add_argument("--limit", type=int, default=50, metavar="N", help="at most N hits (default: 50)")
    search.add_argument("-f", "--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    db_arg(search)
    search.set_defaults(func=run_search)

    stats = actions.add_parser("stats", help="what the archive holds",
                               description="Counts of articles, quotes (by type) and speakers, the most quoted "
                                           "speakers, and when the archive was created and last updated.")
    stats.add_argument("-f", "--format", choices=("text", "json"), default="text",
                       help="output format (default: text)")
    db_arg(stats)
    stats.set_defaults(func=run_stats)

    reuse = actions.add_parser(
        "reuse", help="statements carried by several articles, with the first article and the speakers",
        description="Group near-identical quotations across the archive (case, quotation marks, punctuation "
                    "and white space ignored; a word changed or a clause added or cut still matches) and list "
                    "the statements carried by several articles: the earliest article by date (undated ones "
                    "last), every article with date and source, the speakers the words were attributed to, and "
                    "a flag when they were attributed to different people.")
    reuse.add_argument("--min-articles", type=int, default=DEFAULT_MIN_ARTICLES, metavar="N",
                       help=f"only statements in at least N distinct articles (default: {DEFAULT_MIN_ARTICLES})")
    reuse.add_argument("--min-words", type=int, default=DEFAULT_MIN_WORDS, metavar="N",
                       help=f"leave out quotes of fewer than N words (default: {DEFAULT_MIN_WORDS})")
    reuse.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, metavar="T",
                       help="how alike two quotes must be to be one statement, 0-100 "
                            f"(default: {DEFAULT_THRESHOLD:g}; lower finds more, and more false groups)")
    reuse.add_argument("-f", "--format", choices=("table", "json", "csv"), default="table",
                       help="output format (default: table)")
    db_arg(reuse)
    reuse.set_defaults(func=run_reuse)
    register_report(actions, db_arg)


def _open(path: str, create: bool) -> Archive:
    """The archive at ``path``; an older one is migrated and a line on stderr says so."""
    try:
        db = Archive(path, create=create)
    except ArchiveError as exc:
        raise CommandError(str(exc)) from None
    if db.migrated is not None:
        print(db.migrated.line(), file=sys.stderr)
    return db


def run_add(args: argparse.Namespace) -> int:
    for path in args.paths:
        if path != "-" and not os.path.lexists(path):
            raise CommandError(f"No such file or folder: {path}")
    args.paths = expand_part_folders(args.paths)
    with _open(args.db, create=True) as db:
        summary = db.add(load_records(args, cache_dir=args.cache))
    if not args.quiet:
        print(summary.line() + f" ({args.db})", file=sys.stderr)
    return 0


def expand_part_folders(paths: list[str]) -> list[str]:
    """A folder of output parts (``quotes extract --engine dask -o OUTDIR`` with ``-f json`` or
    ``-f jsonl``) stands for its parts, in partition order; other paths are kept as they are."""
    from ..records_io import is_records_file

    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            names = sorted((n for n in os.listdir(path) if _PART.match(n)), key=lambda n: int(_PART.match(n)[1]))
            parts = [os.path.join(path, n) for n in names]
            if parts and all(is_records_file(p) for p in parts):
                out.extend(parts)
                continue
        out.append(path)
    return out


_PART = re.compile(r"^part-(\d{5,})\.(?:json|jsonl)$")


def run_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CommandError("--limit must be at least 1")
    with _open(args.db, create=False) as db:
        try:
            hits = db.search(args.query, speaker=args.speaker, type=args.type, limit=args.limit,
                             min_confidence=args.min_confidence)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
    if args.format == "json":
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2))
        return 0
    for n, h in enumerate(hits, 1):
        who = h.speaker or "unknown speaker"
        if h.descriptor:
            who += f" ({h.descriptor})"
        print(f"{n}. {h.article_id} · {h.title}" + "".join(f" · {v}" for v in (h.date, h.source) if v))
        print(f"   {h.quote_id} {h.type} · {who}" + (f" · {h.cue_lemma}" if h.cue_lemma else ""))
        print("   " + " ".join(h.snippet.split()))
    print(f"{len(hits)} quote{'s' if len(hits) != 1 else ''} found"
          + (f" (limit {args.limit}; use --limit for more)" if len(hits) == args.limit else ""), file=sys.stderr)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with _open(args.db, create=False) as db:
        stats = db.stats()
    if args.format == "json":
        print(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"archive {stats.path} (schema {stats.schema_version})")
    print(f"articles: {stats.articles}")
    print(f"quotes:   {stats.quotes} (" + ", ".join(f"{t} {n}" for t, n in stats.by_type.items()) + ")")
    print(f"speakers: {stats.speakers}")
    if stats.top_speakers:
        print("most quoted: " + ", ".join(f"{name} ({n})" for name, n in stats.top_speakers))
    print(f"created {stats.created}, updated {stats.updated}")
    return 0


def run_reuse(args: argparse.Namespace) -> int:
    with _open(args.db, create=False) as db:
        try:
            groups = db.reuse(min_articles=args.min_articles, min_words=args.min_words, threshold=args.threshold)
        except ArchiveError as exc:
            raise CommandError(str(exc)) from None
    if args.format == "json":
        print(json.dumps([g.as_dict() for g in groups], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        write_reuse_csv(groups, sys.stdout)
    else:
        print(format_reuse(groups), end="")
    print(f"{len(groups)} statement{'s' if len(groups) != 1 else ''} in at least {args.min_articles} articles",
          file=sys.stderr)
    return 0


def format_reuse(groups: list[ReuseGroup]) -> str:
    """The text table of ``quotes archive reuse``: one block per statement."""
    lines = []
    for n, g in enumerate(groups, 1):
        who = "; ".join(s.name + (f" ({s.gender})" if s.gender != "unknown" else "") for s in g.speakers)
        lines.append(f"{n}. {len(g.articles)} articles · first: {g.first.article_id}"
                     + (f" ({g.first.date})" if g.first.date else " (undated)")
                     + (f" · speakers: {who}" if who else " · no speaker")
                     + (" · DIFFERENT SPEAKERS" if g.different_speakers else ""))
        lines.append("   " + clip(" ".join(g.statement.split()), 200))
        for a in g.articles:
            for q in a.quotes:
                lines.append(f"   - {a.date or 'undated':<25} {a.source or '-':<20} {a.article_id} {q.quote_id}"
                             f" · {q.speaker or 'unknown speaker'} · {q.similarity:g}")
    return "\n".join(lines) + ("\n" if lines else "")


REUSE_COLUMNS = ("group", "articles", "first_article", "different_speakers", "article_id", "date", "source",
                 "title", "quote_id", "speaker", "speaker_gender", "similarity", "content")


def write_reuse_csv(groups: list[ReuseGroup], out) -> None:
    """One row per quotation of every group (the group's number and facts repeated), with a BOM
    for Excel; cells that look like formulas are defused as in ``quotes extract -f csv``."""
    from ..exporters.csv import BOM, defuse

    writer = csv.writer(out)
    out.write(BOM)
    writer.writerow(REUSE_COLUMNS)
    for n, g in enumerate(groups, 1):
        for a in g.articles:
            for q in a.quotes:
                row = [n, len(g.articles), g.first.article_id, str(g.different_speakers).lower(), a.article_id,
                       a.date or "", a.source or "", a.title, q.quote_id, q.speaker or "", q.speaker_gender or "",
                       f"{q.similarity:g}", q.content]
                writer.writerow([defuse(str(cell)) for cell in row])
# -- report: the dashboard (quotes.archive.report) -----------------------------


def register_report(actions, db_arg) -> None:
    """The ``report`` action."""
    from ..archive.report import LANGUAGES, TOP

    report = actions.add_parser(
        "report", help="a dashboard page of the archive: charts and tables of who is quoted",
        description="One self-contained HTML page (no internet needed): share of quotations by speaker gender "
                    "(overall and per month), top speakers, quote types, outlets, each chart with its table. "
                    "--since/--until count only articles dated within those days (undated ones are left out).")
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="the HTML page to write")
    report.add_argument("--csv", metavar="DIR", help="also write one CSV file per chart into DIR")
    report.add_argument("--reading-view", metavar="DIR",
                        help="also write the reading view of every article into DIR (one page each); the "
                             "report links to them")
    report.add_argument("--lang", choices=LANGUAGES, default=LANGUAGES[0],
                        help=f"page language (default: {LANGUAGES[0]})")
    report.add_argument("--since", metavar="DATE", help="only articles dated on or after DATE (YYYY-MM-DD)")
    report.add_argument("--until", metavar="DATE", help="only articles dated on or before DATE (YYYY-MM-DD)")
    report.add_argument("--top", type=int, default=TOP, metavar="N",
                        help=f"speakers and articles in the top lists (default: {TOP})")
    db_arg(report)
    report.set_defaults(func=run_report)


def _day(value: "str | None", option: str):
    import datetime as dt

    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-05-01") from None


def run_report(args: argparse.Namespace) -> int:
    import sqlite3
    from pathlib import Path

    from ..archive.report import Scope, write_report

    scope = Scope(since=_day(args.since, "--since"), until=_day(args.until, "--until"))
    if scope.since and scope.until and scope.since > scope.until:
        raise CommandError(f"--since {scope.since} is after --until {scope.until}")
    if args.top < 1:
        raise CommandError("--top must be at least 1")
    with _open(args.db, create=False) as db:
        try:
            summary = write_report(db.conn, Path(args.output), scope, lang=args.lang,
                                   csv_dir=Path(args.csv) if args.csv else None,
                                   reading_view=Path(args.reading_view) if args.reading_view else None, top=args.top)
        except sqlite3.Error as exc:
            raise CommandError(f"cannot read the archive {args.db}: {exc}") from None
        except OSError as exc:
            raise CommandError(f"cannot write the report: {exc.strerror or exc}"
                               + (f": {exc.filename}" if exc.filename else "")) from None
    print(summary.line(), file=sys.stderr)
    return 0

"""``quotes eval``: score the extractor against a folder of news-quotes-de gold files."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

from . import CommandError, add_min_confidence_arg, add_model_args, add_parse_arg, make_extractor


def default_cache_dir() -> str:
    """``$QUOTES_CACHE_DIR``, else ``~/.cache/quotes/parses``."""
    return os.environ.get("QUOTES_CACHE_DIR") or str(Path("~/.cache/quotes/parses").expanduser())


def register(sub) -> None:
    """Add the ``eval`` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "eval", help="score extraction against gold annotations (news-quotes-de format)",
        description="Runs the extractor on the originalText of every GOLD_DIR/*.json and prints token-level "
                    "P/R/F1 for message, speaker and cue (Hungarian pairing of quotes), quote-level scores "
                    "and a breakdown by type. Parses are cached, so a second run only re-runs the rules.",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold *.json files (e.g. news-quotes-de/dev)")
    cache = p.add_mutually_exclusive_group()
    cache.add_argument("--cache", metavar="DIR",
                       help="parse cache directory (default: $QUOTES_CACHE_DIR, else ~/.cache/quotes/parses)")
    cache.add_argument("--no-cache", action="store_true", help="parse every document afresh, store nothing")
    p.add_argument("--report", metavar="FILE",
                   help="write misses and false alarms with their parses: HTML for *.html, else Markdown")
    p.add_argument("--json", metavar="FILE", help="write the scores (and per-document numbers) as JSON")
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N files (sorted by name)")
    p.add_argument("--one-per-record", action="store_true",
                   help="score every record as one annotation; by default a quotation relayed by a medium "
                        "(\"X zitierte Y: ...\") counts as the corpus's two annotations, one per source")
    p.add_argument("--baseline", metavar="FILE",
                   help="quality gate: exit with status 1 when message, speaker or joint F1 fall more than the "
                        "file's tolerance below its stated figures (e.g. tests/data/quality_baseline.json)")
    p.add_argument("--calibration", action="store_true",
                   help="also print precision per rule and the calibration table: records by confidence bin "
                        "against the share of them that is right (quotation found and speaker right)")
    add_min_confidence_arg(p, help="score only the records whose confidence is at least P (0 to 1, e.g. 0.9): "
                                   "the precision and recall of what a reader who filters sees")
    p.add_argument("--progress", choices=("auto", "bar", "log", "off"), default="auto",
                   help="progress while parsing: a bar on a terminal, a line every 30 s otherwise (default: auto)")
    add_parse_arg(p)
    add_model_args(p)
    p.set_defaults(func=run)


def _cache_dir(args) -> Optional[str]:
    if args.no_cache:
        return None
    return args.cache or default_cache_dir()


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from None


def _load_baseline(path: Optional[str]):
    """The decoded ``--baseline`` file, or None without one.

    Raises:
        CommandError: when the file cannot be read or states no gated figure.
    """
    from .. import evaluate as ev

    if path is None:
        return None
    try:
        return ev.load_baseline(path)
    except (OSError, ValueError) as exc:
        raise CommandError(f"cannot use the baseline {path}: {exc}") from None


def run(args) -> int:
    """Score the extractor on ``args.gold_dir`` and print the tables.

    Returns:
        0, or 1 when ``--baseline`` is given and the quality gate fails.

    Raises:
        CommandError: for a folder without gold, a bad ``--limit`` or ``--baseline``, or an unwritable output.
    """
    from .. import evaluate as ev
    from ..evaluate.calibration import calibrate
    from ..evaluate.calibration import summary as calibration_summary
    from ..evaluate.calibration import tables as calibration_tables
    from ..evaluate.tables import plain_table
    from ..progress import Progress

    if args.limit is not None and args.limit < 1:
        raise CommandError("--limit must be at least 1")
    if args.baseline and args.one_per_record:
        raise CommandError("--baseline states figures of the default scoring; drop --one-per-record")
    if args.baseline and args.min_confidence is not None:
        raise CommandError("--baseline states figures of every record; drop --min-confidence")
    baseline = _load_baseline(args.baseline)  # before the long run, so a wrong path fails at once
    try:
        golds, skipped = ev.load_gold_dir(args.gold_dir, args.limit)
    except ev.GoldFormatError as exc:
        raise CommandError(str(exc)) from None
    for name, problem in skipped:
        print(f"quotes: skipping {name}: {problem}", file=sys.stderr)
    if not golds:
        raise CommandError(f"no valid gold file in {args.gold_dir}")
    extractor = make_extractor(args, cache_dir=_cache_dir(args))
    with Progress(total=len(golds), desc="quotes eval", unit="documents", mode=args.progress) as progress:
        scores, details = ev.evaluate_golds(golds, extractor, relayed_twice=not args.one_per_record,
                                            progress=progress)
    scores.skipped = skipped
    for doc_id, message in scores.errors:
        print(f"quotes: {doc_id}: {message}", file=sys.stderr)
    print(ev.format_table(scores), end="")
    cal = calibrate((d.gold, d.result) for d in details)
    if args.calibration:
        rules, bins = calibration_tables(cal)
        print("\n" + plain_table(*rules) + "\n\n" + plain_table(*bins))
    print(calibration_summary(cal))
    if args.json:
        data = {**scores.to_dict(), "calibration": cal.to_dict(), "per_document": [d.to_dict() for d in details]}
        _write(args.json, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    cache = extractor.cache
    if cache is not None:
        print(f"quotes: parse cache {cache.directory}: {cache.hits} hits, {cache.misses} misses", file=sys.stderr)
    if args.report:
        parse = lambda text: extractor.parse_many([text])[0]  # noqa: E731 - cached parse
        _write(args.report, ev.render_report(scores, details, ev.report_format(args.report), parse))
    if baseline is not None:
        gate = ev.check_quality(scores, baseline)
        print(gate, file=sys.stderr)
        return 0 if gate.passed else 1
    return 0

"""``quotes eval-gender``: score speaker gender against a hand-labelled gold file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import CommandError, add_model_args, make_extractor
from .eval import default_cache_dir


def register(sub) -> None:
    """Add the ``eval-gender`` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "eval-gender", help="score speaker gender against a hand-labelled gold file",
        description="Runs the extractor on the articles a gender gold file names (their texts from CORPUS_DIR, "
                    "a news-quotes-de split), matches every gold speaker to the predicted speaker entity whose "
                    "mentions overlap it most, and prints accuracy (labelled speakers labelled right), "
                    "coverage (gold female and male speakers that got a label) and a confusion table. "
                    "Example: quotes eval-gender tests/data/speaker_gender_dev40.json ../shared/news-quotes-de/dev",
    )
    p.add_argument("gold_file", metavar="GOLD_FILE", help="gender gold JSON (e.g. tests/data/speaker_gender_dev40.json)")
    p.add_argument("corpus_dir", metavar="CORPUS_DIR", help="folder of the articles' news-quotes-de files")
    p.add_argument("--cache", metavar="DIR",
                   help="parse cache directory (default: $QUOTES_CACHE_DIR, else ~/.cache/quotes/parses)")
    p.add_argument("--details", action="store_true", help="also print every gold speaker with the prediction")
    p.add_argument("--json", metavar="FILE", help="write the figures and every speaker's row as JSON")
    add_model_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    """Score gender on the gold file's articles and print the figures.

    Raises:
        CommandError: for an unreadable gold file, an article missing from the corpus folder or a gold
            mention that is not in its article, or an unwritable ``--json`` file.
    """
    from .. import evaluate as ev
    from ..evaluate.gender import GenderGoldError, check_texts, format_gender_table, load_gender_gold, score_gender

    try:
        gold = load_gender_gold(args.gold_file)
    except GenderGoldError as exc:
        raise CommandError(str(exc)) from None
    corpus = Path(args.corpus_dir)
    if not corpus.is_dir():
        raise CommandError(f"{corpus} is not a folder")
    texts = {}
    for doc_id in gold.articles:
        if not (corpus / f"{doc_id}.json").is_file():
            raise CommandError(f"article {doc_id} of the gold file is not in {corpus} (the split it was made from?)")
        try:
            texts[doc_id] = ev.load_gold(corpus / f"{doc_id}.json").text
        except ev.GoldFormatError as exc:
            raise CommandError(f"article {doc_id} in {corpus}: {exc}") from None
    try:
        check_texts(gold, texts)
    except GenderGoldError as exc:
        raise CommandError(str(exc)) from None
    extractor = make_extractor(args, cache_dir=args.cache or default_cache_dir())
    results = {r.id: r for r in extractor.extract_many((i, texts[i]) for i in gold.articles)}
    scores = score_gender(gold, results)
    for doc_id, result in results.items():
        if getattr(result, "error", None):
            scores.errors.append((doc_id, result.error))
            print(f"quotes: {doc_id}: {result.error}: {result.message}", file=sys.stderr)
    print(f"{len(gold.articles)} articles, {len(gold.speakers)} gold speakers")
    print(format_gender_table(scores), end="")
    if args.details:
        print()
        for row in scores.rows:
            mark = "  " if row.predicted in (row.speaker.label, "unknown") else "!!"
            print(f"{mark} {row.speaker.article:>6} gold={row.speaker.label:<7} pred={row.predicted:<8} "
                  f"{' | '.join(row.speaker.texts)[:70]!r} -> {row.entity.name if row.entity else None!r} "
                  f"{row.entity.gender_evidence if row.entity else ''}")
    if args.json:
        try:
            Path(args.json).write_text(json.dumps(scores.to_dict(), ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {args.json}: {exc.strerror or exc}") from None
    return 0

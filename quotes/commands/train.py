"""``quotes train``: train the learned layer (quote gate, speaker ranker, confidence model) on gold articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import CommandError, add_model_args, make_extractor
from .eval import default_cache_dir

LICENCE = ("derived from news-quotes-de (CC BY-NC-SA 4.0): the weights are an adaptation of the corpus, "
           "so they may be used and shared for non-commercial purposes only, with attribution, under the "
           "same licence")


def register(sub) -> None:
    """Add the ``train`` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "train", help="train the quote gate, the speaker ranker and the confidence model on gold annotations",
        description="Parses every GOLD_DIR/*.json (through the parse cache), runs the rules, and fits three "
                    "logistic-regression models with a fixed seed: the quote gate (which tentative candidates "
                    "stay; its threshold chosen on cross-validation), the speaker ranker and the confidence "
                    "model. Writes quote_gate.json, speaker_ranker.json and confidence.json (weights as JSON, "
                    "with a checksum and the command, data, seed and licence that produced them) and prints "
                    "the cross-validated figures: extraction (message, speaker, joint P/R/F1 and quote "
                    "precision per type, every fold scored by models that did not see it) and calibration. The packaged models were made with: quotes train "
                    "../shared/news-quotes-de/train --model-dir ../shared/stanza-de-compact --offline",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold *.json files (news-quotes-de/train)")
    p.add_argument("--out", metavar="DIR", help="where to write the models (default: the package's "
                                                "quotes/data/models, replacing the shipped ones)")
    p.add_argument("--folds", type=int, default=5, metavar="K",
                   help="article folds for cross-fitting and cross-validation (default: 5)")
    p.add_argument("--cache", metavar="DIR",
                   help="parse cache directory (default: $QUOTES_CACHE_DIR, else ~/.cache/quotes/parses)")
    p.add_argument("--limit", type=int, metavar="N", help="use only the first N files (sorted by name)")
    add_model_args(p)
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise CommandError("quotes train needs scikit-learn: pip install 'quotes[learn]'") from None
    from .. import evaluate as ev
    from ..learn.dataset import Article
    from ..learn.model import packaged_path
    from ..learn.train import SEED, train_layer

    if args.folds < 2:
        raise CommandError("--folds must be at least 2")
    try:
        golds, skipped = ev.load_gold_dir(args.gold_dir, args.limit)
    except ev.GoldFormatError as exc:
        raise CommandError(str(exc)) from None
    if len(golds) < args.folds:
        raise CommandError(f"{len(golds)} gold files in {args.gold_dir}: fewer than --folds {args.folds}")
    out = Path(args.out) if args.out else packaged_path("x").parent
    out.mkdir(parents=True, exist_ok=True)
    extractor = make_extractor(args, cache_dir=args.cache or default_cache_dir())
    log = lambda s: print(f"quotes train: {s}", file=sys.stderr, flush=True)  # noqa: E731
    log(f"parsing {len(golds)} articles (cached parses are reused)")
    docs = extractor.parse_many([g.text for g in golds])
    articles = [Article(g, d) for g, d in zip(golds, docs)]
    provenance = {
        "command": f"quotes train {args.gold_dir} --folds {args.folds}" + (f" --limit {args.limit}" if args.limit else ""),
        "data": f"news-quotes-de {Path(args.gold_dir).name} split ({len(golds)} articles)",
        "parser": extractor.model_info.name, "seed": SEED, "licence": LICENCE,
    }
    layer = train_layer(articles, args.folds, provenance, log)
    layer.gate.save(out / "quote_gate.json")
    layer.ranker.save(out / "speaker_ranker.json")
    layer.confidence.save(out / "confidence.json")
    print(json.dumps(layer.metrics, indent=2))
    log(f"wrote {out / 'quote_gate.json'}, {out / 'speaker_ranker.json'} and {out / 'confidence.json'}")
    if out != packaged_path("x").parent:
        log("the extractor reads the models in quotes/data/models: copy the files there to use them")
    return 0

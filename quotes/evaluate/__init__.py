"""Score extracted quotations against the news-quotes-de gold corpus.

The method follows the corpus authors' evaluation:

1. Every span, gold or predicted, is mapped onto the gold token grid (a
   predicted character span covers every gold token it overlaps).
2. Per document, predicted and gold quotes are paired one-to-one by the
   Hungarian algorithm, maximising the token-overlap F1 of their messages
   (quote contents); a pair without any overlap is no pair.
3. Over all pairs, token-level TP/FP/FN are counted for message, speaker and
   cue; every token of an unpaired prediction is a false positive, every token
   of an unpaired gold quote a false negative, for all three roles. "Joint"
   pools the three roles.
4. Quote level: a pair whose message F1 is at least 0.5 is a match.

The package, by concern:

- :mod:`~quotes.evaluate.roles` — :class:`QuoteRoles`, the one shape of a
  gold or predicted quotation on the token grid;
- :mod:`~quotes.evaluate.gold` — reading gold files (:func:`load_gold_dir`);
- :mod:`~quotes.evaluate.scoring` — pairing and counting (:func:`score_documents`);
- :mod:`~quotes.evaluate.counts` — :class:`Counts` and :class:`EvalScores`;
- :mod:`~quotes.evaluate.run` — running an extractor over gold (:func:`evaluate`);
- :mod:`~quotes.evaluate.tables` and :mod:`~quotes.evaluate.report` — tables and
  the misses/false-alarms report;
- :mod:`~quotes.evaluate.gate` — the quality gate against the figures the README states;
- :mod:`~quotes.evaluate.gender` — speaker gender against a hand-labelled gold file (``quotes eval-gender``).

>>> from quotes.evaluate import format_table, load_gold_dir, score_documents
>>> golds, problems = load_gold_dir("../shared/news-quotes-de/dev")  # doctest: +SKIP
>>> scores, details = score_documents(golds, predictions)            # doctest: +SKIP
>>> print(format_table(scores))                                      # doctest: +SKIP
"""

from .counts import Counts, EvalScores, TypeScore
from .gate import GateResult, check_quality, load_baseline
from .gold import GOLD_TYPES, GoldDocument, GoldFormatError, load_gold, load_gold_dir, parse_gold
from .report import compact_parse, render_report, report_format, write_report
from .roles import ROLES, QuoteRoles, token_runs
from .run import evaluate, evaluate_golds
from .scoring import (
    MATCH_THRESHOLD,
    TIE_BREAK,
    DocumentDetail,
    Pair,
    Prediction,
    overlap_f1,
    pair_quotes,
    predicted_quotes,
    score_document,
    score_documents,
)
from .tables import format_markdown, format_table

__all__ = [
    "GOLD_TYPES", "MATCH_THRESHOLD", "ROLES", "TIE_BREAK",
    "Counts", "DocumentDetail", "EvalScores", "GateResult", "GoldDocument", "GoldFormatError", "Pair",
    "Prediction", "QuoteRoles", "TypeScore",
    "check_quality", "compact_parse", "evaluate", "evaluate_golds", "format_markdown", "format_table",
    "load_baseline", "load_gold", "load_gold_dir", "overlap_f1", "pair_quotes", "parse_gold",
    "predicted_quotes", "render_report", "report_format", "score_document", "score_documents",
    "token_runs", "write_report",
]

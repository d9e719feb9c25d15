"""Running an extractor over gold documents and scoring what it finds."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional, Protocol, Sequence, Union

from ..models import DocumentResult
from .counts import EvalScores
from .gold import GoldDocument, load_gold_dir
from .scoring import DocumentDetail, Prediction, score_documents

if TYPE_CHECKING:  # pragma: no cover
    from ..extractor import Extractor


class ProgressSink(Protocol):
    """What :func:`evaluate_golds` reports progress to; :class:`quotes.progress.Progress` is one."""

    def update(self, n: int = 1, note: Optional[str] = None) -> None:
        """``n`` more documents are done; ``note`` is a short text shown after the counts."""


def evaluate(
    gold_dir: Union[str, os.PathLike], extractor: "Extractor", limit: Optional[int] = None,
    progress: Optional[ProgressSink] = None,
) -> tuple[EvalScores, list[DocumentDetail]]:
    """Run an extractor over every gold file of a folder and score it.

    Files that are not valid gold are skipped and listed in
    ``scores.skipped``; documents the extractor fails on count as having no
    predictions and are listed in ``scores.errors``.

    Args:
        gold_dir: a folder of news-quotes-de ``*.json`` files.
        extractor: the extractor to score (use one with a parse cache for speed).
        limit: score only the first ``limit`` files (sorted by name).
        progress: told of every document extracted (see :func:`evaluate_golds`).

    Returns:
        The corpus scores and the per-document details.

    Raises:
        GoldFormatError: when the folder holds no gold file at all.
    """
    golds, skipped = load_gold_dir(gold_dir, limit)
    scores, details = evaluate_golds(golds, extractor, progress=progress)
    scores.skipped = skipped
    return scores, details


def evaluate_golds(
    golds: Sequence[GoldDocument], extractor: "Extractor", relayed_twice: bool = True,
    progress: Optional[ProgressSink] = None,
) -> tuple[EvalScores, list[DocumentDetail]]:
    """Run an extractor on already loaded gold documents and score it (see :func:`evaluate`).

    Args:
        golds: the gold documents.
        extractor: anything with ``extract_many`` over ``(id, text)`` pairs.
        relayed_twice: see :func:`~quotes.evaluate.scoring.score_documents`.
        progress: where each finished document is reported (``update(1, note=...)``,
            the note counting the quotes found so far); parsing is what takes
            time, scoring afterwards takes a moment.
    """
    results: dict[str, Prediction] = {}
    found = 0
    for record in extractor.extract_many((g.id, g.text) for g in golds):
        results[record.id] = record
        if progress is not None:
            found += len(record.quotes) if isinstance(record, DocumentResult) else 0
            progress.update(1, note=f"{found:,} quotes")
    return score_documents(golds, results, relayed_twice)

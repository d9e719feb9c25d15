"""The learned layer at extraction time: a calibrated ``confidence`` for every record.

:func:`confidences` is called by the engine once a document's records are built. For each record it
asks the speaker ranker how probable the record's speaker is (the rules' choice, or "nobody" where
they found none) and feeds that with the record's own features to the confidence model. Where the
package ships no models, records keep the rule families' priority as their confidence.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ..models import Quote
from ..rules.base import Context
from . import confidence
from .model import LinearModel, packaged
from .speaker_features import DocIndex, QuoteView, features, previous_speakers, rule_candidate

RANKER = "speaker_ranker"
"""The packaged speaker ranker's name (``quotes/data/models/speaker_ranker.json``)."""


def view_of(q: Quote) -> QuoteView:
    """A record as the learned layer sees it."""
    mention = q.speaker.mention if q.speaker is not None else None
    return QuoteView(
        type=q.type.value, rule=q.rule, content=tuple((s.start, s.end) for s in q.content),
        cue=tuple((s.start, s.end) for s in q.cue),
        speaker=(mention.start, mention.end) if mention is not None else None)


def previous_lemmas(index: DocIndex, views: Sequence[QuoteView]) -> list[list[str]]:
    """For each view (in the order given), the head lemmas of the speakers of the views that start before it."""
    return previous_speakers(views, [rule_candidate(index, v) for v in views])


def speaker_evidence(index: DocIndex, views: Sequence[QuoteView],
                     ranker: Optional[LinearModel]) -> list[tuple[dict[str, float], Optional[float]]]:
    """For each view: the ranker's features of its speaker (the rules' choice, or "nobody" where they found
    none) and the ranker's probability that it is right (None without a ranker)."""
    cands = [rule_candidate(index, v) for v in views]  # each speaker's candidate, found once
    out = []
    for v, c, p in zip(views, cands, previous_speakers(views, cands)):
        feats = features(index, v, c, p)
        out.append((feats, ranker.probability(feats) if ranker is not None else None))
    return out


def record_features(index: DocIndex, quotes: Sequence[Quote], ranker: Optional[LinearModel]) -> list[dict[str, float]]:
    """The confidence model's features of every record of one document."""
    views = [view_of(q) for q in quotes]
    shared = confidence.records_per_sentence(quotes)
    return [{**confidence.features(index, v, q.cue_lemma, sp, q.evidence, q.confidence, spk),
             **confidence.record_features(index, q, n)}
            for q, v, (spk, sp), n in zip(quotes, views, speaker_evidence(index, views, ranker), shared)]


def confidences(ctx: Context, quotes: Sequence[Quote], ranker: Optional[LinearModel] = None,
                model: Optional[LinearModel] = None) -> Optional[list[float]]:
    """The calibrated probability that each record is right, or None where no confidence model is packaged.

    Args:
        ctx: the engine's context of the document the records were found in.
        quotes: the document's records, their ``confidence`` still the rule families' priority.
        ranker, model: the speaker ranker and the confidence model (default: the packaged ones).
    """
    model = model if model is not None else packaged(confidence.MODEL_NAME)
    if model is None or not quotes:
        return None if model is None else []
    ranker = ranker if ranker is not None else packaged(RANKER)
    return [model.probability(f) for f in record_features(DocIndex(ctx), quotes, ranker)]

"""Calibrated confidence: the probability that a record is right.

A record is right when its quotation is one of the gold's (message token-overlap F1 ≥ 0.5 with a gold
annotation) and its speaker is right (overlapping the gold speaker, or none where the gold has none).
The packaged model ``quotes/data/models/confidence.json`` maps features of a finished record — the
rule and its family, the quote type, the cue lemma, the marks, how long the content is, where the
speaker came from and how sure the speaker ranker was — to that probability. ``quotes eval`` checks it
against the gold (per-rule precision, a calibration table and the expected calibration error).
"""

from __future__ import annotations

from typing import Optional, Sequence

from .model import LinearModel, packaged
from .speaker_features import DocIndex, QuoteView, bucket

MODEL_NAME = "confidence"


SPEAKER_KEYS = ("deprel=", "upos=", "child_of_cue", "grandchild_of_cue", "has_name", "role_noun", "has_role_noun",
                "pron=", "sdist=", "prep=", "inside_content", "inside_marks", "spoke_before", "last_speaker", "nobody")
"""Features of the record's speaker (as the ranker describes it) that the confidence model reads too."""


def features(index: DocIndex, quote: QuoteView, cue_lemma: Optional[str], speaker_probability: Optional[float],
             evidence: Sequence[str], priority: Optional[float] = None,
             speaker: Optional[dict[str, float]] = None) -> dict[str, float]:
    """Named features of one finished record.

    Args:
        index: the document's lookups.
        quote: the record's quotation and final speaker mention.
        cue_lemma: the record's cue lemma.
        speaker_probability: the speaker ranker's probability that the record's speaker (or "nobody",
            where it has none) is right; None without a ranker.
        evidence: the record's evidence tags.
        priority: the rule family's priority of the record (see :class:`quotes.rules.base.RuleFamily`).
        speaker: the speaker ranker's features of the record's speaker (or of "nobody").
    """
    fam = quote.rule.split(".")[0]
    f: dict[str, float] = {f"rule={quote.rule}": 1.0, f"fam={fam}": 1.0, f"type={quote.type}": 1.0}
    f[f"cue={cue_lemma or '-'}"] = 1.0
    f["has_cue" if quote.cue else "no_cue"] = 1.0
    f["has_speaker" if quote.speaker is not None else "no_speaker"] = 1.0
    f[f"has_speaker={quote.speaker is not None}&fam={fam}"] = 1.0
    chars = sum(e - s for s, e in quote.content)
    f[f"chars={bucket(chars, (10, 30, 60, 120, 250, 500))}"] = 1.0
    f[f"chars={bucket(chars, (10, 30, 60, 120, 250, 500))}&fam={fam}"] = 1.0
    first = index.sentence_index(quote.start)
    last = index.sentence_index(max(quote.start, quote.end - 1))
    f[f"sentences={min(last - first + 1, 4)}"] = 1.0
    if any(index.in_marks(s) for s in quote.content):
        f["in_marks"] = 1.0
    for tag in evidence:
        f[f"ev={tag.split(':')[0]}"] = 1.0
        if tag.startswith("gate:"):  # a tentative candidate the quote gate kept, with its probability
            f["gate_p"] = float(tag[5:])
    if priority is not None:
        f["priority"] = priority
    for key in speaker or {}:
        if key.startswith(SPEAKER_KEYS) and "&" not in key:
            f[f"speaker:{key}"] = 1.0
    if speaker_probability is not None:
        f["speaker_p"] = speaker_probability
        f[f"speaker_p={bucket(speaker_probability, (0.2, 0.4, 0.6, 0.8, 0.9))}"] = 1.0
    return f


def probability(feats: dict[str, float], model: Optional[LinearModel] = None) -> Optional[float]:
    """The packaged confidence model's probability for a record's features; None without a model."""
    model = model if model is not None else packaged(MODEL_NAME)
    return None if model is None else model.probability(feats)

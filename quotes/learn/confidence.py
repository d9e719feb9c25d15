"""Calibrated confidence: the probability that a record is right.

A record is right when its quotation is one of the gold's (message token-overlap F1 ≥ 0.5 with a gold
annotation) and its speaker is right (overlapping the gold speaker, or none where the gold has none).
The packaged model ``quotes/data/models/confidence.json`` maps features of a finished record — the
rule and its family, the quote type, the cue lemma, the marks, how long the content is, where the
speaker came from and how sure the speaker ranker was — to that probability. ``quotes eval`` checks it
against the gold (per-rule precision, a calibration table and the expected calibration error).

Two groups of features:

* :func:`features`: the record as the rules and the speaker ranker see it (rule, cue, evidence, the
  ranker's features and probability of the record's speaker);
* :func:`record_features`: what separates the near-certain records from the rest: the content's own
  grammar (finite verb, Konjunktiv, first person, what it starts with, quotation-mark characters, split),
  the kind of speaker mention (name, pronoun or other noun) crossed with the rule and with type and cue,
  the mention's length, descriptor and entity, how many records share the sentence
  (:func:`records_per_sentence`), where the sentence stands in the article, and the sentence's own shape
  (length, the part of speech of its root: a parse whose root is no verb is often a broken one).

Every feature is read from the record and the words of its own sentences, once per record, so the
confidence step costs the engine no scan of the whole document per record.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional, Sequence

from ..doc import Word
from ..models import Quote
from .model import LinearModel, packaged
from .speaker_features import DocIndex, QuoteView, bucket

MODEL_NAME = "confidence"


SPEAKER_KEYS = ("deprel=", "upos=", "child_of_cue", "grandchild_of_cue", "has_name", "role_noun", "has_role_noun",
                "pron=", "sdist=", "prep=", "inside_content", "inside_marks", "spoke_before", "last_speaker", "nobody",
                "agrees_with_cue", "disagrees_with_cue", "left_of_cue", "right_of_cue", "cue_gap=", "in_cue_sentence",
                "case=", "sentence_initial", "before_quote", "after_quote", "len=", "freq=")
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
    length = bucket(chars, (10, 30, 60, 120, 250, 500))
    f[f"chars={length}"] = 1.0
    f[f"chars={length}&fam={fam}"] = 1.0
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
        name = _speaker_feature(key)
        if name is not None:
            f[name] = 1.0
    if speaker_probability is not None:
        f["speaker_p"] = speaker_probability
        f[f"speaker_p={bucket(speaker_probability, (0.2, 0.4, 0.6, 0.8, 0.9))}"] = 1.0
    return f


@lru_cache(maxsize=8192)
def _speaker_feature(key: str) -> Optional[str]:
    """``speaker:KEY`` for a feature of the speaker ranker that the confidence model reads too (one of
    :data:`SPEAKER_KEYS`, not a conjunction), else None; cached, as the ranker's feature names recur."""
    return f"speaker:{key}" if "&" not in key and key.startswith(SPEAKER_KEYS) else None


def records_per_sentence(quotes: Sequence[Quote]) -> list[int]:
    """For each record, the most records that share one of its sentences (itself included)."""
    per_sentence = Counter(s for q in quotes for s in q.sentences)
    return [max((per_sentence[s] for s in q.sentences), default=1) for q in quotes]


def speaker_kind(index: DocIndex, record: Quote, words: Optional[Sequence[Word]] = None) -> str:
    """What the record's speaker mention is: ``name`` (holds a proper noun), ``pron`` (pronouns and
    determiners only), ``noun`` (any other phrase), or ``none`` (no mention).

    Args:
        index: the document's lookups.
        record: the record.
        words: the mention's words, where the caller has them already.
    """
    mention = record.speaker.mention if record.speaker is not None else None
    if mention is None:
        return "none"
    if words is None:
        words = index.words_in((mention.start, mention.end))
    if any(w.upos == "PROPN" for w in words):
        return "name"
    if words and all(w.upos in ("PRON", "DET") for w in words):
        return "pron"
    return "noun"


MARK_CHARACTERS = re.compile("[„“”\"«»‚‘’›‹]")
"""Characters that open or close a quotation (and the apostrophe that looks like one)."""


def record_features(index: DocIndex, record: Quote, records_in_sentence: int = 1) -> dict[str, float]:
    """Named features of a finished record beyond :func:`features`: its content's grammar, its speaker
    mention and its sentence.

    Args:
        index: the document's lookups.
        record: the finished record (its ``sentences`` filled in).
        records_in_sentence: the most records that share one of its sentences (:func:`records_per_sentence`).
    """
    qtype, rule = record.type.value, record.rule
    words = [w for s in record.content for w in index.words_in((s.start, s.end))]
    verb_feats = [w.feats for w in words if w.upos in ("VERB", "AUX")]  # UD "Key=Value|…" strings, read once
    f: dict[str, float] = {f"content_verbs={bucket(len(verb_feats), (0, 1, 2, 4))}": 1.0}
    if any("Mood=Sub" in v for v in verb_feats):
        f[f"content_konjunktiv&type={qtype}"] = 1.0
    if not any("VerbForm=Fin" in v or "Mood=" in v for v in verb_feats):  # some treebanks mark only the mood
        f[f"no_finite&type={qtype}"] = 1.0
    if words:
        first = words[0]
        f[f"starts={first.low if first.upos == 'SCONJ' else first.upos}"] = 1.0
    if any(w.upos in ("PRON", "DET") and "Person=1" in w.feats and "Person=1" in w.feats.split("|") for w in words):
        f[f"first_person&type={qtype}"] = 1.0
    if len(record.content) > 1:
        f[f"split&type={qtype}"] = 1.0
    marks = sum(len(MARK_CHARACTERS.findall(s.text)) for s in record.content)
    f[f"marks_in_content={bucket(marks, (0, 1, 2, 3))}&type={qtype}"] = 1.0
    f[f"sentences={min(len(record.sentences), 4)}&type={qtype}"] = 1.0
    shared = min(records_in_sentence, 3)
    f[f"records_in_sentence={shared}"] = 1.0
    f[f"records_in_sentence={shared}&type={qtype}"] = 1.0
    if record.addressee is not None:
        f["has_addressee"] = 1.0
    if record.medium is not None:
        f["has_medium"] = 1.0
    if record.sentences and index.sentences:
        f[f"sent_pos={bucket(record.sentences[0], (0, 1, 3))}"] = 1.0
        sentence = index.sentences[record.sentences[0]].words
        f[f"sent_words={bucket(len(sentence), (8, 15, 25, 40, 60))}"] = 1.0
        root = next((w for w in sentence if w.deprel == "root"), None)
        if root is not None:
            f[f"root_upos={root.upos}"] = 1.0
    speaker = record.speaker
    mention = speaker.mention if speaker is not None else None
    mention_words = index.words_in((mention.start, mention.end)) if mention is not None else []
    kind = speaker_kind(index, record, mention_words)
    f[f"kind={kind}&rule={rule}"] = 1.0
    if speaker is not None:
        if mention is not None:
            f[f"kind={kind}&type={qtype}&cue={record.cue_lemma or '-'}"] = 1.0
            f[f"mention_words={bucket(len(mention_words), (1, 2, 3, 5, 8))}"] = 1.0
            if "," in mention.text:
                f["mention_comma"] = 1.0
        else:
            f["speaker_no_mention"] = 1.0
        if speaker.descriptor:
            f["has_descriptor"] = 1.0
        if speaker.entity is None:
            f["no_entity"] = 1.0
    return f


def probability(feats: dict[str, float], model: Optional[LinearModel] = None) -> Optional[float]:
    """The packaged confidence model's probability for a record's features; None without a model."""
    model = model if model is not None else packaged(MODEL_NAME)
    return None if model is None else model.probability(feats)

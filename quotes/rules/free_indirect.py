"""Free indirect speech: Konjunktiv sentences without a frame of their own.

1. Continuations: a run of consecutive sentences after an attributed quote,
   each holding a Konjunktiv form (sei, habe, werde, könne, wäre …) outside
   quotation marks and no reporting verb, becomes one free_indirect quote
   with the same speaker ("Kwon sagte, … . Es sei wünschenswert, …").
2. Unanchored: a sentence whose own words hold a Konjunktiv I form (sei,
   habe, gehe — never the conditional wäre/hätte/würde alone) reports
   speech even where no frame was found; its speaker is taken from the
   subject of the sentence before ("Die Regierung warnt vor Überschwemmungen.
   Die Dämme befänden sich …"). Following Konjunktiv sentences join it.

A run stops at the first sentence without Konjunktiv or one that another
rule claimed.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..models import QuoteType
from .base import Candidate, Context, Offsets
from .grammar import clause_has_konjunktiv, clause_speaker, content_words, offsets, speech_lemma

MAX_RUN = 6
"""At most this many sentences continue one quote."""

CONDITIONAL_OPENERS = {"wenn", "falls", "als", "ob", "sofern", "obwohl"}


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    claimed: set[int] = set()
    for c in found:
        for s, e in c.content:
            claimed.update(range(ctx.sentence_index(s), ctx.sentence_index(max(s, e - 1)) + 1))
    out: list[Candidate] = []
    for anchor in sorted(found, key=lambda c: c.end):
        k = ctx.sentence_index(max(anchor.start, anchor.end - 1)) + 1
        run = _run(ctx, k, claimed, strict=False)
        if run:
            claimed.update(run)
            out.append(_candidate(ctx, run, anchor.speaker, anchor.speaker_head, anchor.descriptor,
                                  max(0.3, anchor.confidence - 0.2), "free_indirect.continuation"))
    for k in range(len(ctx.sentences)):
        if k in claimed or not _reports(ctx, ctx.sentences[k], strict=True):
            continue
        run = [k] + _run(ctx, k + 1, claimed | {k}, strict=False)
        claimed.update(run)
        spk = _previous_subject(ctx, k)
        out.append(_candidate(ctx, run, offsets(spk) if spk else None, spk[0] if spk else None, None, 0.45,
                              "free_indirect.konjunktiv"))
    return out


def _reports(ctx: Context, sent: Sentence, strict: bool) -> Optional[Word]:
    """The Konjunktiv verb that makes ``sent`` reported speech, if any."""
    words = [w for w in content_words(sent.words) if not ctx.mark_covering(w.start, w.end)]
    if len(words) < 3 or any(speech_lemma(w) and w.upos == "VERB" for w in words):
        return None
    if strict and words[0].low in CONDITIONAL_OPENERS:
        return None
    return clause_has_konjunktiv(words, strict=strict)


def _run(ctx: Context, k: int, claimed: set[int], strict: bool) -> list[int]:
    run: list[int] = []
    while k < len(ctx.sentences) and len(run) < MAX_RUN and k not in claimed:
        if _reports(ctx, ctx.sentences[k], strict) is None:
            break
        run.append(k)
        k += 1
    return run


def _previous_subject(ctx: Context, k: int) -> Optional[list[Word]]:
    if k == 0:
        return None
    prev = ctx.sentences[k - 1]
    root = prev.root
    if root is None:
        return None
    verb = root if root.upos in ("VERB", "AUX") else next(
        (w for w in prev.words if w.upos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin"), None)
    if verb is None:
        return None
    spk = clause_speaker(prev, verb, prev.words[0].id, prev.words[-1].id)
    if spk and spk[0].low in ("es", "das", "dies", "man"):
        return None
    return spk


def _candidate(ctx: Context, run: list[int], speaker: Optional[Offsets], head, descriptor, conf, rule) -> Candidate:
    first, last = ctx.sentences[run[0]], ctx.sentences[run[-1]]
    return Candidate(
        type=QuoteType.FREE_INDIRECT,
        content=[(first.words[0].start, last.words[-1].end)],
        rule=rule,
        confidence=conf,
        speaker=speaker,
        speaker_head=head,
        descriptor=descriptor,
        evidence=["konjunktiv"],
        anchor=run[0],
    )

"""Free indirect speech: Konjunktiv sentences without a frame of their own
that continue an attributed quote ("Kwon sagte, … . Es sei wünschenswert, …").

A run of consecutive sentences after an attributed quote, each holding a
Konjunktiv form (sei, habe, werde, könne, gehe …) in its own words and no
frame, becomes one free_indirect quote with the same speaker. The run stops
at the first sentence without Konjunktiv, or one that another rule claimed.
"""

from __future__ import annotations

from ..models import QuoteType
from .base import Candidate, Context
from .grammar import clause_has_konjunktiv, content_words, speech_lemma

MAX_RUN = 6
"""At most this many sentences continue one quote."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    claimed: set[int] = set()
    for c in found:
        for s, e in c.content:
            claimed.update(range(ctx.sentence_index(s), ctx.sentence_index(max(s, e - 1)) + 1))
    out: list[Candidate] = []
    anchors = sorted((c for c in found if c.type != QuoteType.REPORTED), key=lambda c: c.end)
    for anchor in anchors:
        k = ctx.sentence_index(max(anchor.start, anchor.end - 1)) + 1
        run: list[int] = []
        while k < len(ctx.sentences) and len(run) < MAX_RUN and k not in claimed:
            sent = ctx.sentences[k]
            words = [w for w in content_words(sent.words) if not ctx.mark_covering(w.start, w.end)]
            verb = clause_has_konjunktiv(words)
            if verb is None or any(speech_lemma(w) and w.upos == "VERB" for w in words):
                break
            run.append(k)
            k += 1
        if not run:
            continue
        first, last = ctx.sentences[run[0]], ctx.sentences[run[-1]]
        claimed.update(run)
        out.append(
            Candidate(
                type=QuoteType.FREE_INDIRECT,
                content=[(first.words[0].start, last.words[-1].end)],
                rule="free_indirect.continuation",
                confidence=max(0.3, anchor.confidence - 0.2),
                speaker=anchor.speaker,
                speaker_head=anchor.speaker_head,
                descriptor=anchor.descriptor,
                evidence=["konjunktiv-continuation"],
                anchor=anchor.anchor,
            )
        )
    return out

"""Anaphoric frames: "Das bestätigte der Kreml." points back at the previous
sentence, which is the content.

The frame sentence opens with a demonstrative (das, dies, dies alles, das
alles), followed by a reporting verb and its subject, and has no clause of
its own (an apposition of the speaker or a relative clause on it may follow a
comma). Parsers often take "Das" for the subject; the rule reads word order
and takes the noun phrase after the verb as the speaker, or, for a verb whose
source is a place ("Dies geht aus einer Pressemitteilung hervor"), that place.
"""

from __future__ import annotations

from ..models import QuoteType
from .base import Candidate, Context, Piece, WordRange, in_text_order, is_punct
from .clauses import content_words, cue_words
from .morph import clause_has_konjunktiv, speech_lemma
from .phrases import np_extent, surface_np
from .roles import place_lemma, place_prepositions, place_source
from .subjects import subject_of
from .vocab import RELATIVE

name = "anaphoric"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


MAX_BACK = 4
"""At most this many sentences of one paragraph before the frame are its content."""

DEMONSTRATIVES = {"das", "dies", "dieses", "dies alles", "das alles", "dieses alles"}
OPENERS = {d.split()[0] for d in DEMONSTRATIVES}
"""The first word of every demonstrative: a sentence that opens with none of them is passed over at once."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for k, sent in enumerate(ctx.sentences):
        if k == 0:
            continue
        first = next((w for w in sent.words if not is_punct(w)), None)
        if first is None or first.low not in OPENERS:
            continue  # no demonstrative opens it (the test below, without the list of its words)
        words = [w for w in sent.words if not is_punct(w)]
        if len(words) < 3 or not _no_clause_after_comma(sent):
            continue
        n = 2 if words[1].low == "alles" else 1
        if " ".join(w.low for w in words[:n]) not in DEMONSTRATIVES:
            continue
        verb = words[n]
        lemma = speech_lemma(verb)
        if lemma is None:
            continue
        subj = subject_of(verb)
        if place_prepositions(place_lemma(verb)):
            # "Dies geht aus einer Pressemitteilung des Konzerns hervor": the document is the source
            spk = place_source(verb)
            if not spk:
                continue
        elif subj is not None and subj.id > verb.id and subj.low not in DEMONSTRATIVES:
            spk = np_extent(subj, (verb.id + 1, sent.words[-1].id))
        else:
            spk = surface_np(sent, verb.id + 1)
            if not spk:
                # "Das hat die Polizei bestätigt": subject between auxiliary and participle
                continue
        prev = content_words(ctx.sentences[k - 1].words)
        if len(prev) < 3:
            continue
        first = k - 1
        while first > 0 and k - first < MAX_BACK and "\n" not in ctx.text[ctx.sentences[first - 1].words[-1].end:
                                                                         ctx.sentences[first].words[0].start] \
                and not ctx.marks_in(ctx.sentences[first - 1].words[0].start, ctx.sentences[first - 1].words[-1].end) \
                and not _reports(ctx.sentences[first - 1]):
            first -= 1
        qtype = QuoteType.INDIRECT
        content: list[Piece] = [WordRange(ctx.sentences[first].words[0], ctx.sentences[k - 1].words[-1])]
        mark = ctx.mark_covering(prev[0].start, prev[-1].end) or ctx.mark_covering(prev[0].start + 1, prev[-1].end)
        if mark is not None:
            # „…“ Das sagte X. — the quotation is direct speech
            qtype, content = QuoteType.DIRECT, [(mark.start, mark.end)]
        else:
            # the demonstrative stands for what was said: the corpus counts it to the content
            content.append(WordRange(words[0], words[n - 1]))
        out.append(
            Candidate(
                type=qtype,
                content=content,
                rule="anaphoric.demonstrative",
                confidence=0.75,
                cue=in_text_order(cue_words(verb)),
                cue_lemma=lemma,
                speaker=spk,
                evidence=[f"anaphor:{words[0].low}"],
            )
        )
    return out


def _no_clause_after_comma(sent) -> bool:
    """The frame sentence has no clause of its own: a comma in it only sets off an apposition of the speaker
    ("Das bestätigte der Geschäftsführer der Fraktion, Jens Nacke."), with no verb or conjunction after it, or
    a relative clause on the source ("Dies geht aus einer Pressemitteilung des Konzerns hervor, die am 11.
    Oktober veröffentlicht wurde.")."""
    comma = next((w for w in sent.words[:-1] if w.text == ","), None)
    if comma is None:
        return True
    after = sent.words[comma.i + 1 :]
    if after and after[0].low in RELATIVE and after[0].upos in ("PRON", "DET"):
        return True
    return not any(w.upos in ("VERB", "AUX", "SCONJ") or w.low in RELATIVE and w.upos == "PRON" for w in after)


def _reports(sent) -> bool:
    """The sentence is a frame of its own: an indicative reporting verb heads it ("Die Staatsanwaltschaft
    begründete ihren Antrag …"), or a source word stands in it ("laut", "zufolge")."""
    if any(w.low in ("laut", "zufolge", "demnach") for w in sent.words):
        return True
    root = sent.root
    return root is not None and speech_lemma(root) is not None and clause_has_konjunktiv(sent.words) is None

"""Reported speech: a speech act with a noun or prepositional object instead
of a content clause: "Die FAO warnt vor den Folgen der Katastrophe.",
"Die Organisation verlangte eine Untersuchung.", "Sie sprach von Betrug."

Following the corpus guidelines the content is the whole clause (speaker
included), the cue the verb. Only verbs whose object names the content
count (list below); "Er sagte nichts" is not reported speech.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Word
from ..lexicon import load_words
from ..models import QuoteType
from .base import Candidate, Context, WordRange, is_punct, word_range
from .clauses import content_words, cue_words
from .morph import after_zu, has_zu_infinitive, participle_or_infinitive, speech_lemma, takes_zu
from .phrases import np_extent
from .subjects import subject_of
from .vocab import PURPOSE_OPENERS, SUBORDINATE_SENTENCE_OPENERS

name = "reported"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        words = content_words(sent.words)
        if len(words) < 4 or words[0].low in SUBORDINATE_SENTENCE_OPENERS or sent.words[-1].text == "?":
            continue
        for verb in sent.words:
            if verb.upos != "VERB" or verb.deprel not in ("root", "conj"):
                continue
            particle = verb.particle
            full = (particle.low if particle else "") + verb.lem
            lemma = speech_lemma(verb) or (full if full in load_words("reported_verbs") else None)
            if lemma not in load_words("reported_verbs"):
                continue
            if any(c.deprel in ("ccomp", "parataxis") for c in verb.children):
                continue
            if verb.feat("VerbForm") == "Part" and not any(c.deprel.startswith("aux") for c in verb.children):
                continue  # "Ausgehend von …": no finite clause
            subj = subject_of(verb)
            if subj is None or subj.low in ("das", "dies", "es", "man", "ich", "wir"):
                continue
            spk = np_extent(subj)
            start = _zu_content_start(verb, lemma)
            if start is not None:
                # "Mubarak hatte angekündigt bei der Wahl erneut anzutreten": a zu-infinitive without its comma
                # is the content of indirect speech
                content = content_words([w for w in sent.words if w.id >= start.id])
                if len(content) >= 3:
                    out.append(Candidate(
                        type=QuoteType.INDIRECT, content=[word_range(content)],
                        rule="reported.zu_infinitive", confidence=0.5, cue=cue_words(verb),
                        cue_lemma=lemma, speaker=spk, evidence=[f"speech-act:{lemma}", "zu-infinitive"]))
                    break
            # The verb is part of the content; following the corpus guidelines a speech act without
            # content clause has no separate cue span. The verb stays visible as cue_lemma.
            out.append(
                Candidate(
                    type=QuoteType.REPORTED,
                    content=[WordRange(words[0], sent.words[-1] if is_punct(sent.words[-1]) else words[-1])],
                    rule="reported.speech_act",
                    confidence=0.5,
                    cue=[],
                    cue_lemma=lemma,
                    speaker=spk,
                    evidence=[f"speech-act:{lemma}"],
                )
            )
            break
    return out


def _zu_content_start(verb: Word, lemma: str) -> Optional[Word]:
    """The first word of a zu-infinitive object after ``verb`` ("hat angekündigt bei der Wahl anzutreten"), or None.

    After a clause-final participle or infinitive, or after a separable particle, everything up to the
    infinitive is its clause; else the infinitive's own subtree. Purpose clauses ("um … zu") are no content.
    """
    if not takes_zu(lemma):
        return None
    sent = verb.sent
    for c in verb.children:
        if c.deprel != "xcomp" or c.id <= verb.id or c.upos != "VERB" or not (after_zu(c) or has_zu_infinitive([c])):
            continue
        if any(m.low in PURPOSE_OPENERS for m in c.children):
            return None
        particle = verb.particle
        if participle_or_infinitive(verb) or any(a.deprel.startswith("aux") for a in verb.children):
            first = verb.id + 1
        elif particle is not None and particle.id < c.id:
            first = particle.id + 1
        else:
            first = min(w.id for w in sent.subtree(c))
        words = content_words([w for w in sent.words if first <= w.id <= c.id and w.id > verb.id])
        return words[0] if words else None
    return None

"""Reported speech: a speech act with a noun or prepositional object instead
of a content clause: "Die FAO warnt vor den Folgen der Katastrophe.",
"Die Organisation verlangte eine Untersuchung.", "Sie sprach von Betrug."

Following the corpus guidelines the content is the whole clause (speaker
included), the cue the verb. Only verbs whose object names the content
count (list below); "Er sagte nichts" is not reported speech.
"""

from __future__ import annotations

from ..models import QuoteType
from .base import Candidate, Context, is_punct
from .grammar import content_words, cue_words, np_extent, offsets, speech_lemma, subject_of

# verb lemma -> prepositions (or "" for a direct object) that carry the content.
# Source: Reported events in news-quotes-de train and the corpus guidelines (warnen vor,
# fordern, verlangen, nennen, bekanntgeben, verurteilen, die Rede sein von, halten für).
REPORTING_OBJECTS = {
    "warnen": ("vor",),
    "fordern": ("", ),
    "verlangen": ("",),
    "kritisieren": ("",),
    "verurteilen": ("",),
    "berichten": ("von", "über"),
    "sprechen": ("von",),
    "bekanntgeben": ("",),
    "ankündigen": ("",),
    "dementieren": ("",),
    "bestätigen": ("",),
    "äußern": ("zu", "über", ""),
    "beklagen": ("",),
    "appellieren": ("an",),
    "plädieren": ("für",),
}


def find(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        for verb in sent.words:
            if verb.upos != "VERB":
                continue
            lemma = speech_lemma(verb)
            if lemma not in REPORTING_OBJECTS or ctx.mark_covering(verb.start, verb.end):
                continue
            if any(c.deprel in ("ccomp", "xcomp", "parataxis") for c in verb.children):
                continue
            preps = REPORTING_OBJECTS[lemma]
            obj = None
            for c in verb.children:
                if "" in preps and c.deprel == "obj" and c.upos in ("NOUN", "PROPN"):
                    obj = c
                elif c.deprel.startswith("obl") and any(x.deprel == "case" and x.low in preps for x in c.children):
                    obj = c
                if obj is not None:
                    break
            subj = subject_of(verb)
            if obj is None or subj is None or subj.low in ("das", "dies", "es", "man"):
                continue
            words = content_words(sent.words)
            if not words or "," in (w.text for w in words):
                continue  # complex sentences: too risky without a clause frame
            spk = np_extent(subj)
            cue = [(c.start, c.end) for c in cue_words(verb)]
            out.append(
                Candidate(
                    type=QuoteType.REPORTED,
                    content=[(words[0].start, sent.words[-1].end if is_punct(sent.words[-1]) else words[-1].end)],
                    rule="reported.speech_act",
                    confidence=0.5,
                    cue=sorted(cue),
                    cue_lemma=lemma,
                    speaker=offsets(spk),
                    speaker_head=spk[0],
                    evidence=[f"object:{obj.low}"],
                    anchor=sent.index,
                )
            )
    return out

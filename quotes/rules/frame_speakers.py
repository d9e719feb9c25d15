"""Who speaks in a frame before its content, and to whom (:mod:`quotes.rules.indirect`):

* :func:`speaker_before_content`: the subject inside the frame, the roles of "zitieren", a place ("In dem Bericht
  heißt es"), a document of a passive ("In einer Presseerklärung wurde verkündet"), a noun phrase right before or
  after the verb, or the subject the verb shares with a reporting verb before "und" (:func:`_shared_subject`);
* :func:`addressee`: the object a verb of saying addresses ("warf Pompeo vor, …").
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import verbs_with
from .base import is_punct
from .clauses import is_passive
from .morph import adverbial_kind, konjunktiv, speech_lemma
from .phrases import np_extent, surface_np
from .roles import frame_roles, passive_document, place_prepositions, place_source
from .speaking import can_speak
from .subjects import find_subject
from .vocab import OBJECT_STARTS


DEMONSTRATIVE_PERSONS = frozenset({"dieser", "diese", "jener", "jene"})
"""Demonstratives that, alone before a frame verb, stand for someone named before ("Dieser behaupte, …", "Diese
erklärten, …"); "dies", "das" and "dieses" take up what was said instead ("Dies bestätigte …")."""


def speaker_before_content(sent: Sentence, verb: Word, lemma: str, frame_words: list[Word], seg: list[Word]
                            ) -> tuple[Optional[list[Word]], Optional[list[Word]]]:
    """(speaker, medium) of a frame before its content: the subject inside the frame, the roles of
    "zitieren", a place ("In dem Bericht heißt es"), else a noun phrase right before or after the verb."""
    lo, hi = frame_words[0].id, seg[-1].id
    spk, medium = frame_roles(sent, verb, lemma, (lo, hi))
    medium = medium or None
    if spk is None and place_prepositions(lemma):
        spk = place_source(verb)
    if spk is None:
        spk = passive_document(verb)  # "In einer Presseerklärung wurde verkündet, dass …"
    if spk is None and not is_passive(verb) and lemma != "heißen":  # "es heißt" names only a place
        # fallback: a pronoun or noun phrase right before/after the verb
        before = [w for w in frame_words if w.id < verb.id and not is_punct(w)]
        if before and before[0].upos in ("PRON", "PROPN", "NOUN", "DET") and not before[0].low.startswith(("dies", "das")) \
                and not adverbial_kind(before[0]) and before[0].low not in OBJECT_STARTS:
            spk = surface_np(sent, before[0].id, verb.id - 1) or None
        elif len(before) == 1 and before[0].low in DEMONSTRATIVE_PERSONS:
            spk = before  # "Dieser behaupte, …": a demonstrative alone before the verb points back to a person
        if spk is None and verb.id < seg[-1].id:
            spk = surface_np(sent, verb.id + 1, seg[-1].id) or None
            if spk and spk[0].low in OBJECT_STARTS:
                spk = None  # "Es weist den Vorwurf … zurück": an object, never the subject
    if spk is None and not is_passive(verb):
        spk = _shared_subject(sent, verb)
    return spk, medium


def _shared_subject(sent: Sentence, verb: Word) -> Optional[list[Word]]:
    """The subject a frame verb right after "und"/"sowie" shares with the reporting verb of the clause before it:
    "Der Minister erklärte, die Lage sei ernst, und kündigte an, …" (the verb has no subject of its own)."""
    if verb.i == 0 or sent.words[verb.i - 1].low not in ("und", "sowie"):
        return None
    earlier = [w for w in sent.words[: verb.i - 1] if w.upos == "VERB" and speech_lemma(w) and w.finite
               and not konjunktiv(w, strict=True)]
    if not earlier:
        return None
    spk = find_subject(sent, earlier[0], personal=True)
    return spk if spk and can_speak(spk) else None


def addressee(verb: Word, lemma: str, exclude: set[int]) -> Optional[list[Word]]:
    """The addressee of a reporting verb that takes one (``speech_verbs`` "addressee": "warf Pompeo vor"): its
    dative or accusative object without preposition, not in ``exclude`` (the content's and the speaker's words);
    else the noun phrase right after the verb, which the compact parser often mislabels."""
    if lemma not in verbs_with("addressee"):
        return None
    for c in verb.children:
        if c.id in exclude or c.deprel not in ("iobj", "obj", "obl:arg"):
            continue
        if c.upos not in ("NOUN", "PROPN", "PRON"):
            continue
        if any(x.deprel == "case" for x in c.children):
            continue
        if c.upos == "PRON" and c.low in ("es", "das", "dies", "sich"):
            continue
        ws = np_extent(c)
        if any(w.id in exclude for w in ws):
            continue
        return ws
    # the compact parser often mislabels it: take the noun phrase right after the verb
    sent = verb.sent
    if sent is not None and verb.id < len(sent.words):
        nxt = sent.words[verb.id]
        if nxt.id not in exclude and (nxt.upos in ("PROPN", "NOUN") or nxt.low in ("dem", "den", "der", "ihm", "ihr", "ihnen")):
            ws = surface_np(sent, nxt.id)
            if ws and not any(w.id in exclude for w in ws) and not any(w.deprel == "compound:prt" for w in ws):
                return ws
    return None

"""Who else a frame names besides its subject: the place or document a source phrase stands for ("In der
Erklärung heißt es" -> "der Erklärung", "In einer Presseerklärung wurde verkündet" -> "einer
Presseerklärung"), and for "zitieren" the quoted person and the outlet that relays the quote ("…, zitierten
staatliche Medien Kwon"; "X wird von Reuters zitiert"). :func:`frame_roles` joins them with the subject
(:func:`quotes.rules.subjects.find_subject`) for the frame rules.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import compound_of, verb_value
from .clauses import is_passive, passive_agent
from .morph import heissen, is_speech_noun, speech_lemma
from .phrases import antecedent, np_extent, split_medium, surface_np
from .subjects import find_subject
from .vocab import RELATIVE


def place_prepositions(lemma: str) -> tuple[str, ...]:
    """The prepositions that open the source phrase of a frame without a speaking subject ("In der
    Erklärung heißt es, …", "Aus dem Bericht geht hervor, dass …"): the ``place=`` column of the verb
    lists; () for other verbs."""
    value = verb_value(lemma, "place")
    return tuple(value.split(",")) if value else ()


def place_lemma(verb: Word) -> str:
    """The lemma whose ``place=`` column :func:`place_source` reads: the reporting-verb lemma, "heißen" for its
    forms the lemmatiser misses ("geheißen"), else the parser's lemma."""
    return speech_lemma(verb) or ("heißen" if heissen(verb) else verb.lem)


def place_source(verb: Word) -> Optional[list[Word]]:
    """"In der Erklärung heißt es" -> "der Erklärung"; "Aus dem Bericht geht hervor" -> "dem Bericht"."""
    preps = place_prepositions(place_lemma(verb))
    for c in verb.children:
        if c.deprel.startswith("obl") and (c.upos in ("NOUN", "PROPN") or _relative(c)):
            case = [x for x in c.children if x.deprel == "case"]
            if preps and case and case[0].low not in preps:
                continue
            return _oblique_phrase(c) or None
    return None


def _relative(w: Word) -> bool:
    """A relative pronoun after a preposition ("…, in der …")."""
    return w.upos == "PRON" and w.low in RELATIVE and w.i > 0 and w.sent.words[w.i - 1].upos == "ADP"


def _oblique_phrase(c: Word) -> list[Word]:
    """The phrase of the adverbial ``c`` without its preposition ("in der Erklärung" -> "der Erklärung"); for a
    relative pronoun ("eine Erklärung, in der es heißt, …") the phrase the relative clause is about."""
    if _relative(c):
        return antecedent(c, governed=True) or []
    return without_preposition(c)


def without_preposition(c: Word) -> list[Word]:
    """The noun phrase of ``c`` without the preposition that governs it ("von Reuters" -> "Reuters"), also an
    article contracted with it ("vom Deutschen Wetterdienst" -> "Deutschen Wetterdienst", "im Bericht" ->
    "Bericht": the two words share one token, whose span is the contraction's, so the article cannot stand
    without the preposition)."""
    case = next((x for x in c.children if x.deprel == "case"), None)
    return [w for w in np_extent(c) if case is None or w.start >= case.end]


DOCUMENT_PREPOSITIONS = ("in", "im")
"""Prepositions of the document a passive frame stands in ("In einer Presseerklärung wurde verkündet, …")."""


def passive_document(verb: Word) -> Optional[list[Word]]:
    """The document that speaks for a passive frame without an agent: "In einer Presseerklärung wurde
    verkündet, dass …", "In einem Bericht wurde vermutet, dass …" -> "einer Presseerklärung", "einem
    Bericht", as "In der Erklärung heißt es" names its source (:func:`place_source`); "ein Bericht, in dem
    vermutet wird, dass …" -> "ein Bericht". The phrase must be an adverbial of the verb opened by "in" whose
    head is a noun of statement or source (``speech_nouns``, ``source_nouns``, or a compound ending in one:
    "Pressemitteilung"); None otherwise, and None where the verb is not passive or has a "von"/"durch" agent."""
    if not is_passive(verb) or passive_agent(verb) is not None:
        return None
    for c in verb.children:
        if not (c.deprel.startswith("obl") and (c.upos == "NOUN" or _relative(c))):
            continue
        if not any(x.deprel == "case" and x.low in DOCUMENT_PREPOSITIONS for x in c.children):
            continue
        phrase = _oblique_phrase(c)
        head = next((w for w in reversed(phrase) if w.upos == "NOUN"), None) if _relative(c) else c
        if head is None:
            continue
        if is_speech_noun(head.low) or compound_of(head.low, "source_nouns", min_head=4):
            return phrase or None
    return None


def passive_zitieren(verb: Word) -> Optional[tuple[Optional[list[Word]], Optional[list[Word]]]]:
    """"X wird von Reuters (mit den Worten) zitiert": (speaker X, medium Reuters), else None."""
    if not is_passive(verb):
        return None
    subj = next((c for c in verb.children if c.deprel in ("nsubj:pass", "nsubj")), None)
    agent = passive_agent(verb)
    medium = without_preposition(agent) if agent else None
    return (np_extent(subj) if subj is not None else None), medium


def _object_like(w: Word) -> bool:
    """An object of the verb, also a bare accusative phrase the parser attached as ``obl`` ("zitiert das
    Magazin „Focus“ den Minister": no preposition, so no adverbial)."""
    if w.deprel in ("obj", "iobj"):
        return True
    return w.deprel == "obl" and w.feat("Case") == "Acc" and not any(c.deprel == "case" for c in w.children)


def zitieren_roles(verb: Word, speaker: Optional[list[Word]], region: tuple[int, int]
                   ) -> tuple[Optional[list[Word]], Optional[list[Word]]]:
    """Who is quoted and who relays it, for "zitieren" frames: (speaker, medium).

    Active: "…, zitierten staatliche Medien Kwon" — the subject is the medium,
    the object the speaker (parsers often glue both into one phrase, which is
    split where a common noun meets a name). Passive: "X wird von Reuters
    zitiert" — the subject is the speaker, the agent the medium.
    """
    passive = passive_zitieren(verb)
    if passive is not None:
        return passive
    if not speaker:
        return speaker, None
    sent = verb.sent
    taken = {w.id for w in speaker}
    obj = next((c for c in verb.children if _object_like(c) and region[0] <= c.id <= region[1]
                and c.id not in taken), None)
    obj_words = np_extent(obj, region) if obj is not None else None
    if obj_words is None and sent is not None and speaker[-1].id < region[1]:
        obj_words = surface_np(sent, speaker[-1].id + 1, region[1]) or None
    if obj_words and not taken & {w.id for w in obj_words}:
        if len(speaker) == 1 and speaker[0].low in ("man", "es"):
            return obj_words, None  # "zitiert man Yolanda Alvarez": no medium named
        return obj_words, speaker
    medium, rest = split_medium(speaker)
    return rest, medium


def frame_roles(sent: Sentence, verb: Word, lemma: Optional[str], region: tuple[int, int], *, after_verb: bool = False
                ) -> tuple[Optional[list[Word]], Optional[list[Word]]]:
    """(speaker, medium) of a frame inside ``region`` (word ids): the subject (:func:`find_subject`), and
    for "zitieren" the quoted person and the outlet that relays the quote (:func:`zitieren_roles`); none for
    "heißen"."""
    if heissen(verb):
        return None, None  # "es heißt": the subject is the impersonal "es"; a place may name the source (place_source)
    spk = find_subject(sent, verb, *region, after_verb=after_verb)
    if lemma == "zitieren":
        return zitieren_roles(verb, spk, region)
    return spk, None

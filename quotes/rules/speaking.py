"""Who can speak: whether a phrase names a speaker at all, read from its words and the packaged word lists.

:func:`can_speak` (a name, a role, a speaking group or institution, a personal pronoun), :func:`personal_only`
(no impersonal "es", "das", "man") and :func:`untagged_name` (a surname the parser tagged as an adverb). The
subject finder of :mod:`quotes.rules.subjects` and the frames ask these; they read no tree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..doc import Word
from ..lexicon import load_words
from .morph import adverbial_kind, compound_of, is_role_noun, is_speaking_noun
from .vocab import ADVERBIAL_OPENERS, CORRELATES, IMPERSONAL, POPULATION_NOUNS, SPEAKING_PRONOUNS, SUBORDINATORS


def can_speak(spk: list[Word]) -> bool:
    """A phrase that names someone who can speak: a name, a role ("der Sprecher"), a group or institution
    ("die Polizei", "chinesische Medien"), a personal pronoun."""
    return any(w.upos == "PROPN" or is_role_noun(w.text) or is_speaking_noun(w.text) or w.low in SPEAKING_PRONOUNS
               or _institution(w) for w in spk)


def _institution(w: Word) -> bool:
    """A noun for a body that issues statements, by ``data/group_nouns.txt`` ("die Bank", "die Armeeleitung", "der
    Deutsche Wetterdienst"), not one for a population (:data:`~quotes.rules.vocab.POPULATION_NOUNS`)."""
    return w.upos == "NOUN" and _institution_noun(w.low.split("-")[-1])


@lru_cache(maxsize=65536)
def _institution_noun(head: str) -> bool:
    """:func:`_institution` for the lower-case last part of a noun; cached, as can_speak asks for every word."""
    return compound_of(head, "group_nouns", min_head=5) and not any(head.endswith(p) for p in POPULATION_NOUNS)


def personal_only(spk: Optional[list[Word]]) -> Optional[list[Word]]:
    """``spk`` unless it is an impersonal subject ("es", "das", "dies", "man"); "das russische Außenministerium",
    a phrase with a noun after the article, names someone."""
    if spk and spk[0].low in IMPERSONAL and not any(w.upos in ("NOUN", "PROPN") for w in spk[1:]):
        return None
    return spk


def untagged_name(w: Word) -> bool:
    """A capitalised word the parser tagged as an adverb or foreign word that is none of the known adverbs or
    function words: a surname alone before the verb ("Glos | hatte … gesagt")."""
    return w.upos in ("ADV", "X") and w.text[:1].isupper() and w.text[1:].islower() and len(w.text) > 2 \
        and not adverbial_kind(w) and w.low not in load_words("german_function_words") \
        and w.low not in load_words("temporal_nouns") and w.low not in ADVERBIAL_OPENERS | CORRELATES | SUBORDINATORS \
        and not (w.low.startswith("dar") and len(w.low) <= 7)  # "Darin", "Darauf": pronominal adverbs

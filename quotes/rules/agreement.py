"""Number agreement between a finite verb and a phrase: whether the phrase can be the verb's subject.

German subject and finite verb agree in number. Small taggers confuse the number of both, so each test reads
what it can trust: :func:`plural_verb_singular_phrase` the tags of a plural verb and singular nouns,
:func:`plural_phrase_singular_verb` the forms (a plural-only noun ending, a verb ending without "-en",
:func:`~quotes.rules.morph.singular_form`). :mod:`quotes.rules.subjects` asks them where word order leaves the
subject open ("Die Äußerungen … bezeichnete Wiefelspütz als …": a fronted object).
"""

from __future__ import annotations

from typing import Optional

from ..doc import Word
from .morph import singular_form
from .vocab import COORDINATORS

PLURAL_SUFFIXES = ("ungen", "innen", "ionen", "heiten", "keiten", "schaften", "nisse")
"""Endings of nouns that are plural in every case ("Äußerungen", "Sprecherinnen", "Organisationen")."""


def plural_phrase_singular_verb(finite_verb: Optional[Word], np: list[Word]) -> bool:
    """The prefield phrase ``np`` is plural by form (its first noun has a plural-only ending such as "-ungen")
    while the clause's finite verb after it is singular by form (:func:`~quotes.rules.morph.singular_form`): it
    cannot be the subject. False without a finite verb."""
    if finite_verb is None or not singular_form(finite_verb) or finite_verb.id < np[-1].id:
        return False
    head = next((w for w in np if w.upos == "NOUN"), None)
    return head is not None and head.low.endswith(PLURAL_SUFFIXES)


def plural_verb_singular_phrase(verb: Word, np: list[Word]) -> bool:
    """The finite ``verb`` is tagged plural and ``np`` is one singular noun phrase (no coordination inside or
    right after it, every noun and name tagged singular): it cannot be the verb's subject."""
    nouns = [w for w in np if w.upos in ("NOUN", "PROPN")]
    sent = np[-1].sent
    after = sent.words[np[-1].i + 1] if sent is not None and np[-1].i + 1 < len(sent.words) else None
    coordinated = any(w.upos == "CCONJ" for w in np) or after is not None and after.low in COORDINATORS
    return verb.feat("Number") == "Plur" and bool(nouns) and all(w.feat("Number") == "Sing" for w in nouns) \
        and not coordinated

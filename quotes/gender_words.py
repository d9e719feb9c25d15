"""What the word lists say about gender: person nouns by their form, organisation and group nouns, first
names (the lookups behind :mod:`quotes.gender`, which reads the evidence in the document).

Lists: ``data/person_nouns.txt``, ``data/role_nouns.txt`` (masculine unless -in), ``data/group_nouns.txt``,
``data/speaking_nouns.txt`` and ``data/first_names.txt``; each names its source and licence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .lexicon import load_table
from .models import Gender
from .rules.morph import is_role_noun, is_speaking_noun

SHORT_EXACT = 5
"""List entries shorter than this match only whole words ("mann" never in "Ackermann")."""
INFLECTIONS = ("en", "n", "s", "es")
"""Endings a person noun may carry beyond its list form: "Präsidenten", "Augenzeugen", "Sprechers"."""


@lru_cache(maxsize=65536)
def person_noun(low: str) -> Optional[tuple[str, str]]:
    """(kind, ending) for a person noun in lower case: kind "female", "male" or "adjective" by its entry
    in ``data/person_nouns.txt``, as a role noun (``data/role_nouns.txt``, masculine unless -in) or by
    its feminine form in -in/-innen ("Zeugin", "Ministerin"); ending what the word adds to the entry
    ("Präsidenten": "en"; "Sprecherinnen": "innen"). None for any other word."""
    for ending in ("", *INFLECTIONS):
        stem = low[: -len(ending)] if ending else low
        if ending and not low.endswith(ending):
            continue
        kind = _person_entry(stem)
        if kind is None and is_role_noun(stem):  # role_nouns.txt lists feminine forms too: "anwältin"
            kind = "female" if stem.endswith("in") and not stem.endswith("innen") or _feminine(stem) else "male"
        if kind is not None:
            return kind, "innen" if stem.endswith("innen") else ending
    for suffix in ("innen", "in"):
        if low.endswith(suffix) and _feminine(low[: -len(suffix)] + "in"):
            return "female", suffix
    return None


def _feminine(low: str) -> bool:
    """``low`` ends in -in after a masculine person noun: "ministerin", "zeugin", "expertin"."""
    if not low.endswith("in") or len(low) < 5:
        return False
    stem = low[:-2]
    return any(_person_entry(s) == "male" or is_role_noun(s) for s in (stem, stem + "e"))


@lru_cache(maxsize=65536)
def _person_entry(low: str) -> Optional[str]:
    """The kind of ``low`` in ``data/person_nouns.txt``, also as the last element of a compound (entries of
    :data:`SHORT_EXACT` letters or more: "augenzeuge" -> "zeuge")."""
    return _lookup("person_nouns", low)


@lru_cache(maxsize=65536)
def is_group_noun(low: str) -> bool:
    """An organisation, institution or group: ``data/speaking_nouns.txt`` or ``data/group_nouns.txt``,
    also as the last element of a compound ("Bundesgerichtshof") and inflected ("Ministeriums")."""
    stems = [low] + [low[: -len(e)] for e in ("s", "es", "n", "en") if low.endswith(e) and len(low) > len(e) + 3]
    return any(is_speaking_noun(s) or _lookup("group_nouns", s) is not None for s in stems)


def _lookup(name: str, low: str) -> Optional[str]:
    table = load_table(name)
    if low in table:
        return (table[low] or ("",))[0]
    for i in range(3, len(low) - SHORT_EXACT + 1):
        if low[i:] in table:
            return (table[low[i:]] or ("",))[0]
    return None


def first_name_gender(first: str) -> Optional[Gender]:
    """The gender of a first name that (nearly) always has one (``data/first_names.txt``); None otherwise."""
    gender = load_table("first_names").get(first.lower())
    if not gender:
        return None
    return Gender.FEMALE if gender[0] == "female" else Gender.MALE

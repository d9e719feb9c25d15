"""Word lists as data: ``quotes/data/*.txt``, one entry per line.

Each file opens with ``#`` comment lines naming its source (mined from the
news-quotes-de train split, from German grammar, or both). Entries are
lower-cased; a line may hold several tab-separated fields, read with
:func:`load_table`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional


def _lines(name: str) -> list[str]:
    text = resources.files("quotes.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [l.strip() for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """The entries of ``data/NAME.txt`` (first field, lower-cased)."""
    return frozenset(l.split("\t")[0].lower() for l in _lines(name))


@lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, tuple[str, ...]]:
    """``data/NAME.txt`` as first field -> remaining tab-separated fields."""
    table = {}
    for line in _lines(name):
        key, *rest = line.split("\t")
        table[key.lower()] = tuple(rest)
    return table


@lru_cache(maxsize=None)
def words_with(name: str, mark: str) -> frozenset[str]:
    """The entries of ``data/NAME.txt`` that carry ``mark`` in one of their further fields:
    ``words_with("speech_verbs", "zu")`` are the reporting verbs that take a zu-infinitive."""
    return frozenset(key for key, rest in load_table(name).items() if mark in rest)


VERB_LISTS = ("speech_verbs", "impersonal_verbs")
"""The lists whose columns hold verb properties (see the header of ``data/speech_verbs.txt``)."""


@lru_cache(maxsize=None)
def verbs_with(prop: str) -> frozenset[str]:
    """The verbs with property ``prop`` ("saying", "addressee", "naming", "wh", "zu")."""
    return frozenset().union(*(words_with(name, prop) for name in VERB_LISTS))


@lru_cache(maxsize=None)
def verb_value(lemma: str, key: str) -> Optional[str]:
    """The value of a ``KEY=VALUE`` property of a verb (``verb_value("bezeichnen", "prep")`` -> ``"als"``),
    or None."""
    for name in VERB_LISTS:
        for field in load_table(name).get(lemma, ()):
            if field.startswith(key + "="):
                return field[len(key) + 1 :]
    return None


def compound_of(low: str, name: str, min_head: int = 1) -> bool:
    """``low`` is an entry of ``data/NAME.txt`` or a compound ending in one, with at least three
    letters before it and an entry of at least ``min_head`` letters: "kremlsprecher" -> "sprecher"."""
    words = load_words(name)
    return low in words or any(low[i:] in words for i in range(3, len(low) - min_head + 1))

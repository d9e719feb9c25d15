"""The speaker table (``quotes speakers``) lists people, organisations and groups only.

Runs the library call behind ``quotes speakers`` (:func:`quotes.aggregate.aggregate_speakers` over the
extractor's records) on the first 40 dev articles of news-quotes-de, with the parse cache when it is there,
and checks every row against a rule a reader can check:

* no row starts with an indefinite article ("einem Jury-Mitglied", "ein Sprecher": somebody, not an
  identity; merged by name across articles it would make one person of many);
* no row holds a noun of time ("späten Abend"; ``data/temporal_nouns.txt``);
* a row that starts with an article or demonstrative is a person, group or institution: it holds a noun
  of ``data/role_nouns.txt``, ``data/speaking_nouns.txt`` or ``data/speaker_nouns.txt`` (compounds by their
  last element: "Fischereiministerium"), or it is a proper name with a capitalised adjective ("Das Rote
  Kreuz"). Rows without an article are names ("Nicolas Sarkozy", "EADS") or bare plural groups
  ("Experten").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.aggregate import aggregate_speakers
from quotes.lexicon import load_words
from quotes.speakers import DETERMINERS, INDEFINITE, speaker_noun

pytestmark = pytest.mark.model

CACHE = Path("~/.cache/quotes/parses").expanduser()
KNOWN_BAD = ["die Entscheidung", "NEMA)", "späten Abend", "einem Jury-Mitglied", "Der wissenschaftliche Name"]
"""Rows an earlier version listed."""


@pytest.fixture(scope="module")
def table(parser, corpus_dir):
    from quotes.extractor import Extractor

    extractor = Extractor(parser=parser, cache_dir=CACHE if CACHE.is_dir() else None)
    files = sorted((corpus_dir / "dev").glob("*.json"))[:40]
    docs = [(f.stem, json.loads(f.read_text(encoding="utf-8"))["originalText"]) for f in files]
    return aggregate_speakers(extractor.extract_many(docs))


def _words(name: str) -> list[str]:
    return [w.strip(",.;:()„“\"") for w in name.split()]


def _is_speaker(name: str) -> bool:
    words = [w for w in _words(name) if w]
    if not words or words[0].lower() in INDEFINITE:
        return False
    if any(w.lower() in load_words("temporal_nouns") for w in words):
        return False
    if words[0].lower() not in DETERMINERS:
        return True
    rest = words[1:]
    return any(w[:1].isupper() and speaker_noun(w) for w in rest) \
        or len(rest) >= 2 and rest[0][:1].isupper() and rest[0].lower().endswith(("e", "en", "es", "er"))


def test_the_rule_tells_speakers_from_things():
    assert all(_is_speaker(n) for n in ["Nicolas Sarkozy", "Experten", "das isländische Fischereiministerium",
                                        "Der oberste Gerichtshof", "Das Rote Kreuz", "die Polizei"])
    assert not any(_is_speaker(n) for n in KNOWN_BAD[:1] + KNOWN_BAD[2:])


def test_every_row_of_the_speaker_table_is_a_person_group_or_institution(table):
    assert len(table.speakers) >= 30  # the articles quote many people: the table is not empty by accident
    bad = [s.name for s in table.speakers if not _is_speaker(s.name)]
    assert bad == []


def test_the_rows_seen_before_are_gone(table):
    names = [s.name for s in table.speakers]
    assert not [n for n in names for bad in KNOWN_BAD if bad in n]

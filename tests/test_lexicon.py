"""Word lists are data with a stated source, and load as documented."""

from __future__ import annotations

from importlib import resources

import pytest

from quotes.doc import Word
from quotes.lexicon import VERB_LISTS, load_table, load_words, verb_value, verbs_with
from quotes.rules.morph import konjunktiv

FILES = sorted(p.name[:-4] for p in resources.files("quotes.data").iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", FILES)
def test_every_list_names_its_source(name):
    head = resources.files("quotes.data").joinpath(f"{name}.txt").read_text(encoding="utf-8").splitlines()[:8]
    assert head[0].startswith("#"), f"{name}.txt must open with a comment"
    assert any("source" in line.lower() for line in head if line.startswith("#")), f"{name}.txt names no source"


@pytest.mark.parametrize("name", FILES)
def test_every_list_names_its_licence(name):
    text = resources.files("quotes.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    licence = [line for line in header if "licence" in line.lower()]
    assert licence, f"{name}.txt names no licence in its header"
    if any("derived from the news-quotes-de" in line for line in licence):
        assert any("CC BY-NC-SA 4.0" in line for line in header), f"{name}.txt: news-quotes-de is CC BY-NC-SA 4.0"


@pytest.mark.parametrize("name", FILES)
def test_no_entry_twice(name):
    text = resources.files("quotes.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    keys = [l.split("\t")[0].lower() for l in text.splitlines() if l.strip() and not l.startswith("#")]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{name}.txt lists {sorted(dupes)} twice"


def test_tables_keep_extra_columns():
    assert load_table("speech_verbs")["vorwerfen"] == ("zu", "addressee", "naming")
    assert "sagen" in load_words("speech_verbs")
    assert load_table("konjunktiv_forms")["sei"] == ("1",)
    assert load_table("konjunktiv_forms")["wäre"] == ("2",)


@pytest.mark.parametrize("form,expected", [
    ("befänden", True),    # befinden: Konjunktiv II behind an inseparable prefix
    ("ergäbe", True),
    ("verstünde", True),
    ("verließen", False),  # ließen is past indicative as well
    ("geblieben", False),  # a participle, not ge + blieben
    ("erwäre", False),     # auxiliaries take no prefix
])
def test_konjunktiv_two_behind_an_inseparable_prefix(form, expected):
    verb = Word(1, form, form, "VERB", "_", "_", 0, "root", 0, len(form))
    assert konjunktiv(verb) is expected
    assert konjunktiv(verb, strict=True) is False


PROPERTIES = {"zu", "saying", "addressee", "naming", "wh", "attitude"}
VALUED = {"prep", "place", "clause"}


@pytest.mark.parametrize("name", VERB_LISTS)
def test_verb_properties_are_known(name):
    """Every property column names a known property, on a verb of a verb list."""
    for lemma, fields in load_table(name).items():
        for field in fields:
            key, eq, _ = field.partition("=")
            assert (key in VALUED and eq) or field in PROPERTIES, f"{name}.txt: {lemma} has unknown property {field!r}"


def test_every_property_key_is_a_known_speech_verb():
    """Properties sit on reporting verbs (speech_verbs.txt) or on the impersonal "es heißt" frame only:
    a property of any other verb could never be reached, because the rules look properties up by the
    reporting-verb lemma (grammar.GOVERNED_PREPOSITIONS once held "werten" and "einstufen", no reporting
    verbs, and so never applied)."""
    speech = load_words("speech_verbs")
    impersonal = load_words("impersonal_verbs")
    assert not speech & impersonal
    for prop in PROPERTIES:
        assert verbs_with(prop) <= speech | impersonal
    assert verb_value("bezeichnen", "prep") == "als"
    assert verb_value("heißen", "place") == "in,im,aus,von,vom,auf,bei,beim"
    assert verb_value("sagen", "prep") is None
    assert "heißen" in verbs_with("saying") and "sagen" in verbs_with("addressee")

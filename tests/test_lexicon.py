"""Word lists are data with a stated source, and load as documented."""

from __future__ import annotations

from importlib import resources

import pytest

from quotes.doc import Word
from quotes.lexicon import load_table, load_words
from quotes.rules.morph import konjunktiv

FILES = sorted(p.name[:-4] for p in resources.files("quotes.data").iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", FILES)
def test_every_list_names_its_source(name):
    head = resources.files("quotes.data").joinpath(f"{name}.txt").read_text(encoding="utf-8").splitlines()[:8]
    assert head[0].startswith("#"), f"{name}.txt must open with a comment"
    assert any("source" in line.lower() for line in head if line.startswith("#")), f"{name}.txt names no source"


@pytest.mark.parametrize("name", FILES)
def test_no_entry_twice(name):
    text = resources.files("quotes.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    keys = [l.split("\t")[0].lower() for l in text.splitlines() if l.strip() and not l.startswith("#")]
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{name}.txt lists {sorted(dupes)} twice"


def test_tables_keep_extra_columns():
    assert load_table("speech_verbs")["vorwerfen"] == ("zu",)
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

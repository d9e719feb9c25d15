"""Small grammar helpers of the rules, on hand-built words (tags as a parser gives them)."""

from __future__ import annotations

import pytest

from quotes.doc import Word
from quotes.rules.phrases import opens_genitive


def words(spec: str) -> list[Word]:
    """"Angaben/NOUN der/DET Polizei/NOUN:Fem,Sing" -> Words with upos and Gender/Number features."""
    out, pos = [], 0
    for i, item in enumerate(spec.split()):
        text, _, rest = item.partition("/")
        upos, _, feats = rest.partition(":")
        gender, _, number = feats.partition(",")
        fs = "|".join(f for f in (f"Gender={gender}" if gender else "", f"Number={number}" if number else "") if f)
        out.append(Word(i + 1, text, text.lower(), upos, "_", fs or "_", 0, "dep", pos, pos + len(text)))
        pos += len(text) + 1
    return out


@pytest.mark.parametrize("spec,index,expected", [
    ("Angaben/NOUN der/DET Polizei/NOUN:Fem,Sing", 1, True),
    ("Sprecher/NOUN des/DET Weißen/ADJ Hauses/NOUN:Neut,Sing", 1, True),
    ("Vertreter/NOUN der/DET deutschen/ADJ Verbände/NOUN:Masc,Plur", 1, True),
    ("Pressemitteilung/NOUN des/DET BMI/NOUN der/DET Verbesserung/NOUN:Fem,Sing", 3, False),  # after an acronym
    ("Sprecher/NOUN Obama/PROPN der/DET Regierung/NOUN:Fem,Sing", 2, False),                 # after a name
    ("Gerichtes/NOUN des/DET „/PUNCT Aufrufs/NOUN “/PUNCT", 1, False),                        # a quotation
    ("Zeugenaussagen/NOUN der/DET Ehemann/NOUN:Masc,Sing", 1, False),                          # nominative
])
def test_opens_genitive(spec, index, expected):
    assert opens_genitive(words(spec), index) is expected

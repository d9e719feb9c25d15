"""Verbs of saying from ``data/speech_verbs.txt`` frame their dass-clause as indirect speech with its cue and
speaker, end to end with the compact model. Without the entry the clause is only free indirect speech
(Konjunktiv) without cue, or no quotation at all, so each row fails when its verb is taken out of the list."""

from __future__ import annotations

import pytest

from quotes.models import QuoteType

CASES = [
    # (text, speaker, cue, content)
    ("Die Gruppe bekundete, dass die Daten leicht zugänglich gewesen seien.", "Die Gruppe", "bekundete",
     "dass die Daten leicht zugänglich gewesen seien"),
    ("Bereits im Juli vermeldete die Agentur, dass die Firma als Partner im Gespräch sei.", "die Agentur",
     "vermeldete", "dass die Firma als Partner im Gespräch sei"),
    ("Die Abgeordneten prangerten an, dass die Lehrer als Hilfssheriffs missbraucht würden.", "Die Abgeordneten",
     "prangerten an", "dass die Lehrer als Hilfssheriffs missbraucht würden"),
    ("Die Kanzlerin hob hervor, dass dies Arbeitsplätze sichern könnte.", "Die Kanzlerin", "hob hervor",
     "dass dies Arbeitsplätze sichern könnte"),
    ("Der Präsident sicherte den Bürgern zu, die Grenzen offen zu halten.", "Der Präsident", "sicherte zu",
     "die Grenzen offen zu halten"),
]


@pytest.mark.parametrize("text,speaker,cue,content", CASES, ids=[c[2] for c in CASES])
def test_verb_of_saying_frames_indirect_speech(extractor, text, speaker, cue, content):
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.rule) for q in quotes] == [(QuoteType.INDIRECT, "indirect.frame_before")]
    quote = quotes[0]
    assert quote.content[0].text == content
    assert " ".join(c.text for c in quote.cue) == cue
    assert quote.speaker is not None and quote.speaker.mention.text == speaker

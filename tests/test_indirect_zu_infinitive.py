"""Indirect speech whose content is a past or passive zu-infinitive ("…, in der Bucht eine Explosion
beobachtet zu haben"): end to end with the compact model (the shared ``extractor`` fixture).

The compact parser tags such a participle ("beobachtet", "verwickelt") as a finite verb, which made the
clause look like a main clause of its own; :func:`quotes.rules.clauses.content_evidence` now reads it as
the zu-infinitive it is. Verbs marked "zu" in ``data/speech_verbs.txt`` (admitting, denying, urging …) take a
zu-infinitive as content even where a verb in it looks finite.
"""

from __future__ import annotations

import pytest

from quotes.models import QuoteType

CASES = [
    # (text, speaker, cue, content)
    ("Mehrere Fischer sagten, in der Bucht eine Explosion beobachtet zu haben.",
     "Mehrere Fischer", "sagten", "in der Bucht eine Explosion beobachtet zu haben"),
    ("Der Konzern bestreitet, in den Skandal verwickelt zu sein.",
     "Der Konzern", "bestreitet", "in den Skandal verwickelt zu sein"),
    ("Der Junge gab an, von dem Mann bedroht worden zu sein.",
     "Der Junge", "gab an", "von dem Mann bedroht worden zu sein"),
    ("Der Händler behauptet, den Schaden nicht verursacht zu haben.",
     "Der Händler", "behauptet", "den Schaden nicht verursacht zu haben"),
]


ZU_VERBS = [
    # Verbs marked "zu" in data/speech_verbs.txt: their zu-infinitive is content even where the compact
    # parser tags a verb in it as finite ("geträumt", "wissen").
    ("Die Sängerin räumte ein, seit Jahren davon geträumt zu haben, in der Halbzeitshow aufzutreten.",
     "Die Sängerin", "räumte ein", "seit Jahren davon geträumt zu haben, in der Halbzeitshow aufzutreten"),
    ("Der Minister bestritt, davon zu wissen.", "Der Minister", "bestritt", "davon zu wissen"),
    ("Die Verbündeten drängten ihn, seine Bemühungen zu verstärken.",
     "Die Verbündeten", "drängten", "seine Bemühungen zu verstärken"),
    ("Die Ministerin ermahnte die Länder, die Mittel rasch abzurufen.",
     "Die Ministerin", "ermahnte", "die Mittel rasch abzurufen"),
]


@pytest.mark.parametrize("text,speaker,cue,content", CASES + ZU_VERBS, ids=[c[0][:40] for c in CASES + ZU_VERBS])
def test_zu_infinitive_is_content(extractor, text, speaker, cue, content):
    quotes = extractor.extract(text).quotes
    found = [q for q in quotes if q.content[0].text == content]
    assert found, [(q.type.value, [s.text for s in q.content]) for q in quotes]
    quote = found[0]
    assert quote.type == QuoteType.INDIRECT
    assert quote.speaker is not None and quote.speaker.mention is not None
    assert quote.speaker.mention.text == speaker
    assert " ".join(c.text for c in quote.cue) == cue


NEGATIVE = [
    "Die Polizei sucht den Fahrer, der den Unfall verursacht haben soll.",
    "Der Fahrer fuhr weiter, ohne den Unfall bemerkt zu haben.",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_zu_infinitive_without_reporting_frame_is_no_quote(extractor, text):
    assert [q.content[0].text for q in extractor.extract(text).quotes] == []

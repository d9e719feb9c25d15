"""End to end with the compact Stanza model: German sentences in, records out.

Each row: a text, then what a reader expects — the quote type, the speaker
mention, the cue words and a piece of the content. The parser is the small
model in ../shared/stanza-de-compact (QUOTES_STANZA_DIR); rows are plain news
sentences that a German grammar settles, not parser artefacts.
"""

from __future__ import annotations

import pytest

from quotes.models import QuoteType

pytestmark = pytest.mark.model

CASES = [
    # direct, frame after
    ("„Wir werden die Verhandlungen fortsetzen“, sagte der Minister am Montag in Berlin.",
     "direct", "der Minister", "sagte", "„Wir werden die Verhandlungen fortsetzen“"),
    ("„Das ist ein guter Tag für Europa“, so Müller.",
     "direct", "Müller", "so", "„Das ist ein guter Tag für Europa“"),
    # direct, frame before
    ("Der Bürgermeister sagte: „Die Stadt ist auf alles vorbereitet.“",
     "direct", "Der Bürgermeister", "sagte", "„Die Stadt ist auf alles vorbereitet.“"),
    # indirect, frame first
    ("Der Sprecher der Polizei sagte, die Lage sei unter Kontrolle.",
     "indirect", "Der Sprecher der Polizei", "sagte", "die Lage sei unter Kontrolle"),
    ("Die Regierung bestätigte am Dienstag, dass die Gespräche fortgesetzt werden.",
     "indirect", "Die Regierung", "bestätigte", "dass die Gespräche fortgesetzt werden"),
    ("Die Gewerkschaft kündigte an, die Streiks fortzusetzen.",
     "indirect", "Die Gewerkschaft", "kündigte an", "die Streiks fortzusetzen"),
    ("Die Polizei teilte mit, dass drei Menschen verletzt worden seien.",
     "indirect", "Die Polizei", "teilte mit", "dass drei Menschen verletzt worden seien"),
    # indirect, frame after
    ("Die Lage sei ernst, betonte der Minister.",
     "indirect", "der Minister", "betonte", "Die Lage sei ernst"),
    # source phrases
    ("Laut Polizei wurden bei dem Unfall drei Menschen verletzt.",
     "indirect", "Polizei", "Laut", "wurden bei dem Unfall drei Menschen verletzt"),
    ("Nach Angaben der Feuerwehr brach das Feuer im Keller aus.",
     "indirect", "Angaben der Feuerwehr", "Nach", "brach das Feuer im Keller aus"),
    ("Dem Bericht zufolge stieg die Zahl der Arbeitslosen im März deutlich an.",
     "indirect", "Dem Bericht", "zufolge", "stieg die Zahl der Arbeitslosen im März deutlich an"),
    ("Wie ein Sprecher des Konzerns mitteilte, wird das Werk Ende des Jahres geschlossen.",
     "indirect", "ein Sprecher des Konzerns", "Wie mitteilte", "wird das Werk Ende des Jahres geschlossen"),
]


def _find(result, content):
    for q in result.quotes:
        if any(content in s.text or s.text in content for s in q.content):
            return q
    return None


@pytest.mark.parametrize("text,qtype,speaker,cue,content", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_table(extractor, text, qtype, speaker, cue, content):
    result = extractor.extract(text)
    quote = _find(result, content)
    assert quote is not None, [(q.type.value, [s.text for s in q.content]) for q in result.quotes]
    assert quote.type == QuoteType(qtype)
    assert " ".join(s.text for s in quote.content).strip(" .") == content.strip(" .") or content in quote.content[0].text
    assert quote.speaker is not None and quote.speaker.mention is not None
    assert quote.speaker.mention.text == speaker
    assert " ".join(c.text for c in quote.cue) == cue


def test_negative_sentences_have_no_quotes(extractor):
    text = ("Das Schiff „Morning Star“ lief am Morgen in Hamburg ein. "
            "Die Mannschaft gewann das Spiel mit drei zu eins. Der Film „Titanic“ läuft wieder im Kino.")
    assert extractor.extract(text).quotes == []


def test_offsets_hold_for_every_span(extractor):
    text = "Im Rathaus sagte der Bürgermeister zum Abschluss, man werde im Mai weiterverhandeln. „Gut so“, hieß es."
    result = extractor.extract(text)
    assert result.quotes
    for q in result.quotes:
        for span in q.spans():
            assert text[span.start : span.end] == span.text


def test_pronoun_and_surname_resolve_to_the_full_name(extractor):
    text = ("Regierungssprecher Steffen Hebestreit erklärte, die Gespräche dauerten an. "
            "Hebestreit fügte hinzu, man sei zuversichtlich. „Wir bleiben dran“, sagte er.")
    result = extractor.extract(text)
    named = [q for q in result.quotes if q.speaker is not None]
    assert len(named) >= 3
    assert {q.speaker.name for q in named} == {"Steffen Hebestreit"}
    assert [q.speaker.mention.text for q in named][:3] == ["Regierungssprecher Steffen Hebestreit", "Hebestreit", "er"]
    (entity,) = result.speakers
    assert entity.descriptors == ["Regierungssprecher"]
    assert len(entity.mentions) == 3


def test_free_indirect_continuation_keeps_the_speaker(extractor):
    text = "„Das war ein gutes Spiel“, sagte der Trainer Jürgen Klopp. Die Mannschaft habe bis zum Schluss gekämpft."
    result = extractor.extract(text)
    cont = [q for q in result.quotes if q.type.value == "free_indirect"]
    assert cont and cont[0].content[0].text == "Die Mannschaft habe bis zum Schluss gekämpft."
    assert cont[0].speaker.name == "Jürgen Klopp"

"""Acceptance: the seed article (corpus/000_cc06fec6f0d5e8d6.txt, n-tv) with the compact model."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.models import QuoteType

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parent.parent / "corpus" / "000_cc06fec6f0d5e8d6.txt"


@pytest.fixture(scope="module")
def seed(extractor):
    text = SEED.read_text(encoding="utf-8")
    return text, extractor.extract(text, id="seed")


def _by_content(result, start_of_content):
    found = [q for q in result.quotes if q.content[0].text.startswith(start_of_content)]
    assert found, f"no quote starting with {start_of_content!r}: {[q.content[0].text[:40] for q in result.quotes]}"
    return found[0]


def test_kreml_confirms_previous_sentence(seed):
    _, r = seed
    q = _by_content(r, "Der nordkoreanische Staatschef Kim Jong Un wird diesen Monat")
    assert q.content[0].text.endswith("Russland besuchen.")
    assert q.speaker.name == "der Kreml"
    assert [c.text for c in q.cue] == ["bestätigte"]


def test_peskow_with_descriptor_and_addressee(seed):
    _, r = seed
    q = _by_content(r, "dass ein Treffen vorbereitet werde")
    assert q.speaker.name == "Dmitri Peskow"
    assert q.speaker.descriptor == "Kremlsprecher"
    assert q.addressee is not None and q.addressee.text == "der Agentur Interfax"
    assert "bestätigt" in [c.text for c in q.cue]


def test_russian_media_source_phrase(seed):
    _, r = seed
    q = _by_content(r, "Aktuell geht es")
    assert [s.text for s in q.content] == [
        "Aktuell geht es", "darum, dass Zehntausende nordkoreanische Gastarbeiter das Land verlassen müssten"]
    assert q.speaker.name == "russische Medien"
    assert [c.text for c in q.cue] == ["nach"]


def test_north_korea_demanded(seed):
    _, r = seed
    q = _by_content(r, "US-Außenminister Mike Pompeo künftig auszuschließen")
    assert q.speaker.name == "Nordkorea"
    assert "gefordert" in [c.text for c in q.cue]
    assert q.cue_lemma == "fordern"


def test_kwon_accuses_pompeo(seed):
    _, r = seed
    q = _by_content(r, "die Gespräche zu behindern")
    assert q.content[0].text.endswith("verletzt zu haben")
    assert q.speaker.name == "Kwon Jong Gun"
    assert q.speaker.descriptor == "Leiter des Amerika-Büros im nordkoreanischen Außenministerium"
    assert q.addressee is not None and q.addressee.text == "Pompeo"
    assert [c.text for c in q.cue] == ["warf", "vor"]
    assert q.cue_lemma == "vorwerfen"


def test_kwon_quoted_by_state_media_is_mixed(seed):
    text, r = seed
    q = _by_content(r, "Für den Fall einer möglichen Wiederaufnahme des Dialogs")
    assert q.type == QuoteType.MIXED
    assert q.content[-1].text.endswith('mit uns zu kommunizieren"')
    assert q.speaker.mention.text == "Kwon"
    assert q.speaker.name == "Kwon Jong Gun"
    assert q.medium is not None and q.medium.text == "staatliche Medien"
    assert [c.text for c in q.cue] == ["zitierten"]


def test_nothing_from_credits_source_line_or_file_names(seed):
    text, r = seed
    for q in r.quotes:
        for span in q.spans():
            assert "picture alliance" not in span.text
            assert "Quelle" not in span.text
            assert ".jpg" not in span.text
    credit = text.index("(Foto:")
    quelle = text.index("Quelle:")
    assert not any(credit <= q.start < credit + 40 or q.start >= quelle for q in r.quotes)


def test_every_offset_is_exact(seed):
    text, r = seed
    for q in r.quotes:
        for span in q.spans():
            assert text[span.start : span.end] == span.text

"""A free indirect sentence without a speaker of its own, and no attributed quote just before it to continue,
belongs to the subject of the nearest sentence a few sentences back whose main verb reports speech
(``free_indirect.earlier_reporter``, asked by ``engine.continue_speakers``): end to end with the compact model."""

from __future__ import annotations

import pytest

REPORTED = "Der Mann sei bereits zuvor wegen Diebstahls aufgefallen."

CASES = [
    # (text, speaker of the free indirect sentence)
    # a reporting sentence two sentences back names the source
    ("Die Polizei bestätigte am Montag die Festnahme. Die Temperaturen fielen in der Nacht deutlich. " + REPORTED,
     "Die Polizei"),
    # an institution named by a group noun reports too (data/group_nouns.txt)
    ("Der Deutsche Wetterdienst warnte am Montag vor Sturm. Die Temperaturen fielen in der Nacht deutlich. " + REPORTED,
     "Der Deutsche Wetterdienst"),
    ("Die Armeeleitung bestätigte am Montag die Festnahme. Die Temperaturen fielen in der Nacht deutlich. " + REPORTED,
     "Die Armeeleitung"),
    # a population is no reporter
    ("Die Menschen bestätigten am Montag die Festnahme. Die Temperaturen fielen in der Nacht deutlich. " + REPORTED,
     None),
    # a sentence whose verb reports nothing names nobody
    ("Die Polizei beobachtete am Montag die Festnahme. Die Temperaturen fielen in der Nacht deutlich. " + REPORTED,
     None),
    # nor does a reporting sentence further back than the look-back
    ("Die Polizei bestätigte am Montag die Festnahme. Die Temperaturen fielen in der Nacht deutlich. Es regnete. "
     "Der Wind drehte nach Westen. Die Straßen waren nass. Der Verkehr stockte. Viele Autos blieben stehen. "
     + REPORTED, None),
]


@pytest.mark.parametrize("text,speaker", CASES, ids=[c[0][:40] + str(c[1]) for c in CASES])
def test_free_indirect_speaker_from_an_earlier_reporting_sentence(extractor, text, speaker):
    quotes = [q for q in extractor.extract(text).quotes if q.content[0].text.endswith(REPORTED)]
    assert len(quotes) == 1 and quotes[0].rule == "free_indirect.konjunktiv"
    assert (quotes[0].speaker.mention.text if quotes[0].speaker else None) == speaker


FAULT = ("Techniker hätten am Vortag des Unglücks bei einer Überprüfung den Hebel von automatisch auf manuell gestellt "
         "und versäumt, dies wieder rückgängig zu machen. Dadurch sei eine Kette von missverständlichen Warnsignalen "
         "ausgelöst worden.")


@pytest.mark.parametrize("before,speaker", [
    # a document reports where the verb before says so
    ("Der Untersuchungsbericht schildert nun dezidiert die Fehlerkette, welche schließlich zu der Tragödie führte. ",
     "Der Untersuchungsbericht"),
    # a document that only lies there reports nothing
    ("Der Untersuchungsbericht liegt nun vor. ", None),
])
def test_a_document_subject_of_a_reporting_verb_speaks_for_the_konjunktiv_after_it(extractor, before, speaker):
    quotes = [q for q in extractor.extract(before + FAULT).quotes if q.content[0].text.startswith("Techniker")]
    assert len(quotes) == 1 and quotes[0].rule == "free_indirect.konjunktiv"
    assert (quotes[0].speaker.mention.text if quotes[0].speaker else None) == speaker

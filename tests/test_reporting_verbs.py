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
    # "sich zeigen" with an adjective of attitude (data/attitude_adjectives.txt), the adjective part of the cue
    ("Der Wahlkampfleiter Bodo Ramelow zeigte sich optimistisch, dass ein gemeinsamer Auftritt gelingen werde.",
     "Der Wahlkampfleiter Bodo Ramelow", "zeigte sich optimistisch", "dass ein gemeinsamer Auftritt gelingen werde"),
    ("Die Aktivistin zeigte sich besonders darüber besorgt, dass viele Frauen brutal behandelt würden.",
     "Die Aktivistin", "zeigte sich darüber besorgt", "dass viele Frauen brutal behandelt würden"),
]


@pytest.mark.parametrize("text,speaker,cue,content", CASES, ids=[c[2] for c in CASES])
def test_verb_of_saying_frames_indirect_speech(extractor, text, speaker, cue, content):
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.rule) for q in quotes] == [(QuoteType.INDIRECT, "indirect.frame_before")]
    quote = quotes[0]
    assert quote.content[0].text == content
    assert " ".join(c.text for c in quote.cue) == cue
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


def test_an_attitude_after_a_quotation_frames_it(extractor):
    text = "„Wir haben jetzt vier Punkte“, zeigte sich Milovan Rajevac, der Trainer Ghanas, zufrieden."
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.rule) for q in quotes] == [(QuoteType.DIRECT, "direct.frame_after")]
    assert [c.text for c in quotes[0].cue] == ["zeigte", "sich", "zufrieden"]
    assert quotes[0].speaker.mention.text == "Milovan Rajevac, der Trainer Ghanas"


@pytest.mark.parametrize("text", [
    "Simulationen zeigen, dass das Objekt sich auf einer instabilen Umlaufbahn befindet.",
    "Es zeigte sich schnell, dass die Lage ernst ist.",
])
def test_zeigen_without_an_attitude_frames_nothing(extractor, text):
    assert extractor.extract(text).quotes == []


def test_a_verb_of_thinking_frames_a_quotation_after_a_comma(extractor):
    text = "Der 84-jährige Küng hofft aber, „dass Ratzinger nicht Einfluss auf die Wahl nimmt.“"
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.rule) for q in quotes] == [(QuoteType.DIRECT, "direct.frame_before")]
    assert [c.text for c in quotes[0].cue] == ["hofft"]
    assert quotes[0].speaker.mention.text == "Der 84-jährige Küng"


@pytest.mark.parametrize("text,content", [
    ("Der Leiter der betreffenden Schule hofft, die Frau halten zu können.", "die Frau halten zu können"),
    ("Die Ministerin glaubt, dass die Reform gelingt.", "dass die Reform gelingt"),
])
def test_a_verb_of_thinking_frames_its_clause(extractor, text, content):
    quotes = extractor.extract(text).quotes
    assert [(q.rule, q.content[0].text) for q in quotes] == [("indirect.frame_before", content)]


def test_a_verb_of_thinking_without_zu_frames_no_zu_infinitive(extractor):
    assert extractor.extract("Die Vereinigten Staaten denken darüber nach, die Zölle zu senken.").quotes == []


def test_a_coordinated_frame_shares_the_subject_of_the_frame_before(extractor):
    text = "Der Minister erklärte, die Lage sei ernst, und kündigte an, die Steuern zu senken."
    quotes = extractor.extract(text).quotes
    assert [(q.content[0].text, q.speaker.mention.text if q.speaker else None) for q in quotes] == [
        ("die Lage sei ernst", "Der Minister"), ("die Steuern zu senken", "Der Minister")]


def test_nennen_frames_a_clause_only_with_als(extractor):
    """speech_verbs.txt gives "nennen" clause=als: with "als" it frames its content, without it it names things."""
    framed = extractor.extract("Als Grund für die Verlängerung nannte die NASA, den Astronauten zusätzliche Zeit "
                               "zu geben.").quotes
    assert [(q.rule, q.content[0].text, q.speaker.mention.text) for q in framed] == [
        ("indirect.frame_before", "den Astronauten zusätzliche Zeit zu geben", "die NASA")]
    naming = extractor.extract("Der Minister nannte in einem Interview vier Bedingungen dafür, dass Deutschland sich "
                               "an der Mission beteiligt.").quotes
    assert [q.rule for q in naming if q.rule.startswith("indirect")] == []


@pytest.mark.parametrize("text,speaker,cue", [
    # the tagger takes "meinen" for a possessive and "strich" for an adverb; their forms are reporting verbs
    ("„Die Koalition widerspricht den Wahlversprechen“, meinen die beiden Neu-Mitglieder Jan Giesel und David "
     "Perteck.", "die beiden Neu-Mitglieder Jan Giesel und David Perteck", ["meinen"]),
    ("„Ich trete an als ein konservativer Republikaner“, strich Romney heraus.", "Romney", ["strich", "heraus"]),
])
def test_a_reporting_verb_the_tagger_missed_frames_the_quotation_before_it(extractor, text, speaker, cue):
    quotes = extractor.extract(text).quotes
    assert [(q.rule, q.speaker.mention.text if q.speaker else None, [c.text for c in q.cue]) for q in quotes] == [
        ("direct.frame_after", speaker, cue)]

"""Reported speech (a speech act without a content clause) in sentence shapes the rules once held back:
end to end with the compact model (the shared ``extractor`` fixture)."""

from __future__ import annotations

import pytest

from quotes.models import QuoteType

ALS_PHRASE = [
    # (text, speaker, cue lemma): "als" before a bare noun is a predicative phrase of the main clause
    ("Als Grund nannte die Behörde die mangelnde Sicherheit der Maschinen.", "die Behörde", "nennen"),
    ("Als Beispiel nannte die Ministerin den Ausbau der Bahnstrecke nach Prag.", "die Ministerin", "nennen"),
]


@pytest.mark.parametrize("text,speaker,lemma", ALS_PHRASE, ids=[c[0][:40] for c in ALS_PHRASE])
def test_als_phrase_opens_a_speech_act(extractor, text, speaker, lemma):
    quotes = extractor.extract(text).quotes
    assert len(quotes) == 1, [(q.type.value, [s.text for s in q.content]) for q in quotes]
    quote = quotes[0]
    assert quote.type == QuoteType.REPORTED
    assert quote.content[0].text == text  # the whole clause, speaker included, as the corpus annotates it
    assert quote.cue_lemma == lemma
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


NOT_REPORTED = [
    "Als Kind spielte er gerne Fußball.",
    "Als Favorit für das Amt galt lange der Bürgermeister der Stadt.",
]


@pytest.mark.parametrize("text", NOT_REPORTED, ids=[t[:40] for t in NOT_REPORTED])
def test_als_phrase_without_speech_act_is_no_quote(extractor, text):
    assert [q.content[0].text for q in extractor.extract(text).quotes] == []


JOINED_TO_OTHER_ACT = [
    # a speech act coordinated with a verb that is none tells what someone did: no quotation
    "Die Gruppe beobachtet die Wahlen im Land und bezeichnet sich selbst als unabhängig.",
    "Der Verein sammelte Spenden und forderte eine bessere Ausstattung der Schulen.",
]


@pytest.mark.parametrize("text", JOINED_TO_OTHER_ACT, ids=[t[:40] for t in JOINED_TO_OTHER_ACT])
def test_speech_act_joined_to_another_act_is_no_quote(extractor, text):
    assert [q.content[0].text for q in extractor.extract(text).quotes] == []


SPEECH_ACT_SENTENCES = [
    # (text, speaker): the speech act heads the sentence, alone or after another speech act
    ("Die Gewerkschaft forderte höhere Löhne.", "Die Gewerkschaft"),
    ("Der Minister kritisierte die Entscheidung und forderte eine neue Abstimmung.", "Der Minister"),
]


@pytest.mark.parametrize("text,speaker", SPEECH_ACT_SENTENCES, ids=[c[0][:40] for c in SPEECH_ACT_SENTENCES])
def test_speech_act_heading_the_sentence_is_reported(extractor, text, speaker):
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.content[0].text) for q in quotes] == [(QuoteType.REPORTED, text)]
    assert quotes[0].speaker is not None and quotes[0].speaker.mention.text == speaker


VERB_TAGGED_AUX = [
    # (text, speaker): the compact parser tags "werfen", "warnten", "warf" as an auxiliary of the noun after it
    ("Die Behörden werfen Luna Menschenhandel vor.", "Die Behörden"),
    ("Vertreter aller im Deutschen Bundestag vertretenen Parteien warnten vor den Gefahren des Rechtsextremismus.",
     "Vertreter aller im Deutschen Bundestag vertretenen Parteien"),
    ("Der bayerische CSU-Vorsitzende, Edmund Stoiber, warf der SPD eine schreckliche Fehlentwicklung vor.",
     "Der bayerische CSU-Vorsitzende, Edmund Stoiber"),
    # … or as an auxiliary that is the root of the sentence itself
    ("Die deutschen Brauer warnen vor der umstrittenen Gasförderung aus Tiefengestein.", "Die deutschen Brauer"),
    ("Der Deutsche Wetterdienst warnte am 2. Dezember vor Sturmlage und teilweise ergiebigen Niederschlägen.",
     "Der Deutsche Wetterdienst"),
]



def test_a_semicolon_ends_the_speech_act(extractor):
    """A clause after a semicolon is no part of the speech act before it: each clause is its own event."""
    quotes = extractor.extract("Die Veranstalter schätzten etwa 1.500 bis 2.000 Teilnehmer; nach Polizeiangaben "
                               "waren es zirka 1.000.").quotes
    assert [(q.rule, q.content[0].text) for q in quotes] == [
        ("reported.speech_act", "Die Veranstalter schätzten etwa 1.500 bis 2.000 Teilnehmer"),
        ("source.nach", "waren es zirka 1.000")]


def test_verb_tagged_as_auxiliary_before_a_colon_frames_the_quotation(extractor):
    """Where the tree is broken, a colon after the verb stands for its content clause: the quotation after it
    is the content (direct speech), the sentence no speech act of its own."""
    quote = "„Eine Überprüfung der pädagogischen Qualität findet jedoch fast nicht statt.“"
    quotes = extractor.extract("Die Autoren der Studie werfen den Behörden vor: " + quote).quotes
    assert [(q.rule, q.content[0].text) for q in quotes] == [("direct.frame_before", quote)]


PASSIVE = [
    # (text, speaker): a passive speech act names its agent ("von", "durch"), never the verb's own
    # prepositional object ("sprechen von", "ausgehen von"), and never a contracted "vom"
    ("Von Versuchen, die Gewerkschaft zu vernichten, wird gesprochen.", None),
    ("Von einer hohen Brandgefahr wird auch in Bonn ausgegangen.", None),
    ("Von Unionspolitikern wurden die Äußerungen als geschmacklos bezeichnet.", "Unionspolitikern"),
    ("In Norddeutschland wird die Gefahr vom Deutschen Wetterdienst als sehr hoch eingestuft.",
     "Deutschen Wetterdienst"),
]


@pytest.mark.parametrize("text,speaker", VERB_TAGGED_AUX + PASSIVE, ids=[c[0][:40] for c in VERB_TAGGED_AUX + PASSIVE])
def test_whole_sentence_speech_act_and_its_speaker(extractor, text, speaker):
    """The sentence is one reported speech act, its content the whole sentence, with the speaker of the tables
    above (None: nobody)."""
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.rule, q.content[0].text) for q in quotes] == [(QuoteType.REPORTED, "reported.speech_act", text)]
    assert (quotes[0].speaker.mention.text if quotes[0].speaker else None) == speaker


# (text, the quoted name): a naming verb ("bezeichnen", "nennen") whose quoted name a direct record holds is no
# speech act of its own; the corpus annotates the quotation alone
NAMING_A_QUOTATION = [
    ("Er bezeichnete diese als eine „souveräne Entscheidung“.", "„souveräne Entscheidung“"),
    ("McCarthy nannte Patersons Entscheidung „eine sehr schlechte Wahl“.", "„eine sehr schlechte Wahl“"),
]


@pytest.mark.parametrize("text,quoted", NAMING_A_QUOTATION, ids=[c[0][:40] for c in NAMING_A_QUOTATION])
def test_a_naming_verb_with_a_quoted_name_yields_the_quotation_only(extractor, text, quoted):
    quotes = extractor.extract(text).quotes
    assert [(q.type.value, q.content[0].text) for q in quotes] == [("direct", quoted)]


def test_a_naming_verb_without_a_quotation_is_reported(extractor):
    quotes = extractor.extract("Die Regierung bezeichnete den Plan als schweren Fehler.").quotes
    assert [(q.rule, q.cue_lemma) for q in quotes] == [("reported.speech_act", "bezeichnen")]

"""How far a source phrase's speaker reaches, end to end with the compact model.

"laut X", "nach Angaben X" and "X zufolge" name their source in one noun phrase: the next phrase of the clause
(an object, a subject) and a date ("vom Dienstag") are not part of who speaks, while a genitive or "von"
attribute is ("Angaben der Fluggesellschaft", "Angaben von Interpol").
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _source_speaker(extractor, text):
    quotes = [q for q in extractor.extract(text).quotes if q.rule.startswith("source.")]
    assert quotes, f"no source phrase found in {text!r}"
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.mention is not None
    assert text[speaker.mention.start : speaker.mention.end] == speaker.mention.text
    return speaker.mention.text


# (text, the source's speaker mention)
EXTENTS = [
    # the next phrase is the clause's subject or object, not the source's
    ("Bisher liegen laut Airbus Bestellungen für 184 Flugzeuge von Belgien und Spanien vor.", "Airbus"),
    ("Die Reform sei gescheitert, hat die Kanzlerin einigen Teilnehmern zufolge gesagt.", "einigen Teilnehmern"),
    ("Am Montag sagte Sarkozy dem „Figaro“ zufolge, die Reform sei gescheitert.", "dem „Figaro“"),
    # a date after the source says when, not who
    ("46 Beamte wurden nach Angaben der Polizei vom Dienstag in der Stadt leicht verletzt.", "Angaben der Polizei"),
    ("Zwei Menschen wurden nach Angaben der Feuerwehr vom Montag schwer verletzt.", "Angaben der Feuerwehr"),
    # attributes of the source stay
    ("Nach Angaben der Fluggesellschaft war die Genehmigung zu spät beantragt worden.",
     "Angaben der Fluggesellschaft"),
    ("Nach Angaben von Interpol wurde der Mann in Spanien gefasst.", "Angaben von Interpol"),
    # a name after the role, first name or medium that announces it, whatever relation the parser gave it
    ("Die Ausfälle würden laut Finanzminister Peer Steinbrück nicht an anderer Stelle ausgeglichen.",
     "Finanzminister Peer Steinbrück"),
    ("Dabei sei es laut dem Nachrichtenmagazin Focus zu weiteren kritischen Situationen gekommen.",
     "dem Nachrichtenmagazin Focus"),
    # a name in the genitive right after a bare source noun, whatever relation the parser gave it
    ("Nach Auffassung Österreichs soll die Vollmitgliedschaft nicht erwähnt werden.", "Auffassung Österreichs"),
    ("Angaben der Polizei zufolge gab es drei Verletzte.", "Angaben der Polizei"),
    ("Laut Hauptmann Abraham Sipe von der US-Marineinfanterie gibt es gute Fortschritte.",
     "Hauptmann Abraham Sipe von der US-Marineinfanterie"),
    # ... up to where the clause's next phrase starts
    ("Trotzdem würden laut Hauptmann Abraham Sipe von der US-Marineinfanterie gute Fortschritte gemacht.",
     "Hauptmann Abraham Sipe von der US-Marineinfanterie"),
]


@pytest.mark.parametrize("text, mention", EXTENTS)
def test_a_source_phrase_names_one_noun_phrase(extractor, text, mention):
    assert _source_speaker(extractor, text) == mention


# "X, wonach …": the phrase before the comma is the source; "wonach" itself where no whole phrase stands there
WONACH = [
    ("Der Kreml dementierte einen Bericht der Nachrichtenagentur „Interfax“, wonach der Präsident schwer "
     "erkrankt sei.", "einen Bericht der Nachrichtenagentur „Interfax“"),
    ("Es gibt Spekulationen, wonach der Minister bald zurücktreten wolle.", "Spekulationen"),
    ("Die Sichtweise von Innenminister Heribert Rech (CDU), wonach die Polizei genug Personal habe, teilen "
     "nicht alle.", "wonach"),
]


@pytest.mark.parametrize("text, mention", WONACH)
def test_wonach_points_back_to_the_phrase_before_it(extractor, text, mention):
    assert _source_speaker(extractor, text) == mention


# (text, the speaker of its one quotation): a phrase of place or time after a person's name says where or when
# they spoke, not who; after an institution a place stays part of it
PLACE_OF_SPEAKING = [
    ("„Die Lage ist ernst“, sagte der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise, in Nürnberg.",
     "der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise"),
    ("„Wir fördern mehr Öl“, sagte der kuwaitische Ölminister Ali al-Omair in Wien.",
     "der kuwaitische Ölminister Ali al-Omair"),
    ("„Wir sind bereit“, sagte Charles Bouchard, kanadischer General und Kommandeur des Einsatzes am Montag.",
     "Charles Bouchard, kanadischer General und Kommandeur des Einsatzes"),
    ("„Das ist gut“, sagte ein Sprecher der Regierung in Lomé.", "ein Sprecher der Regierung in Lomé"),
    ("Die US Botschaft in Riad teilte mit, dass sich keine Bürger in Geiselhaft befänden.",
     "Die US Botschaft in Riad"),
]


@pytest.mark.parametrize("text, mention", PLACE_OF_SPEAKING, ids=[c[1][:40] for c in PLACE_OF_SPEAKING])
def test_where_and_when_a_person_spoke_is_not_part_of_the_speaker(extractor, text, mention):
    quotes = extractor.extract(text).quotes
    assert len(quotes) == 1
    speaker = quotes[0].speaker
    assert speaker is not None and speaker.mention is not None
    assert speaker.mention.text == mention
    assert text[speaker.mention.start : speaker.mention.end] == mention


# (text, speaker, addressee): an outlet after a person is the dative of the verb of saying, who was spoken to; after
# a role that belongs to outlets, and after a noun of a source, it is a genitive and stays
MEDIA_ADDRESSEE = [
    ("„Wir sind bereit“, sagte die Ministerin der „Süddeutschen Zeitung“.", "die Ministerin",
     "der „Süddeutschen Zeitung“"),
    ("Die Lage sei ernst, sagte Merkel der Zeitung „Die Welt“.", "Merkel", "der Zeitung „Die Welt“"),
    ("Wie Müller der Nachrichtenagentur Reuters sagte, ist die Lage ernst.", "Müller", "der Nachrichtenagentur Reuters"),
    ("„Wir sind bereit“, sagte ein Sprecher der Zeitung.", "ein Sprecher der Zeitung", None),
    ("Berichten der Zeitung zufolge ist die Lage ernst.", "Berichten der Zeitung", None),
]


@pytest.mark.parametrize("text, mention, addressee", MEDIA_ADDRESSEE, ids=[c[0][:40] for c in MEDIA_ADDRESSEE])
def test_an_outlet_spoken_to_is_the_addressee(extractor, text, mention, addressee):
    quotes = extractor.extract(text).quotes
    assert len(quotes) == 1
    assert quotes[0].speaker.mention.text == mention
    assert (quotes[0].addressee.text if quotes[0].addressee is not None else None) == addressee


@pytest.mark.parametrize("text, mention", [
    ("„Wir bleiben hier“, sagte einer der Demonstranten.", "einer der Demonstranten"),
    ("Einer der aufgebrachten Demonstranten sagte, man bleibe hier.", "Einer der aufgebrachten Demonstranten"),
])
def test_a_partitive_keeps_its_genitive(extractor, text, mention):
    quotes = extractor.extract(text).quotes
    assert [q.speaker.mention.text for q in quotes] == [mention]

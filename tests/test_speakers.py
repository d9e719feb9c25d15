"""Speaker names and descriptors read from the mention; resolution inside a document."""

from __future__ import annotations

import pytest

from quotes.names import source_name, split_name


@pytest.mark.parametrize(
    "mention,name,descriptor",
    [
        ("Kremlsprecher Dmitri Peskow", "Dmitri Peskow", "Kremlsprecher"),
        ("Der Leiter des Amerika-Büros im nordkoreanischen Außenministerium, Kwon Jong Gun",
         "Kwon Jong Gun", "Leiter des Amerika-Büros im nordkoreanischen Außenministerium"),
        ("Frank Biermann, Vorsitzender der DJU", "Frank Biermann", "Vorsitzender der DJU"),
        ("US-Präsident Donald Trump", "Donald Trump", "US-Präsident"),
        ("Ministerin Ursula von der Leyen", "Ursula von der Leyen", "Ministerin"),
        ("der Bürgermeister Müller", "Müller", "Bürgermeister"),
        ("Osama bin Laden", "Osama bin Laden", None),
        ("Nordkorea", "Nordkorea", None),
        ("der Kreml", None, None),
        ("die britische Königin", None, None),
        ("Die Bundesregierung", None, None),
        # a name in an attribute of the role noun is not the speaker's: the spokesman is not Reding
        ("Ein Sprecher der EU-Medienkommissarin Viviane Reding", None, None),
        ("der Sprecher von Bundeskanzlerin Angela Merkel", None, None),
        ("Sprecher der Bundeskanzlerin Steffen Seibert", None, None),
        # the role noun right before the name is the speaker's own
        ("Steffen Seibert, Sprecher der Bundeskanzlerin", "Steffen Seibert", "Sprecher der Bundeskanzlerin"),
        ("Bundeskanzlerin Angela Merkel", "Angela Merkel", "Bundeskanzlerin"),
        # a person noun before the name describes it (data/person_nouns.txt); at the end it is a surname
        ("der Physiker Sebastian Pflugbeil", "Sebastian Pflugbeil", "Physiker"),
        ("ihr Kollege Peter Schmidt", "Peter Schmidt", "ihr Kollege"),
        ("Frau Merkel", "Merkel", "Frau"),
        ("Professor Manfred Bauer", "Manfred Bauer", "Professor"),
        ("Horst König", "Horst König", None),
        ("Die Autoren der Studie", None, None),
        # a party or abbreviation in brackets after the name joins the descriptor
        ("Bundesfamilienministerin Kristina Schröder (CDU)", "Kristina Schröder", "Bundesfamilienministerin (CDU)"),
        ("der Ministerpräsident des Landes Niedersachsen, Christian Wulff (CDU)", "Christian Wulff",
         "Ministerpräsident des Landes Niedersachsen (CDU)"),
        ("Kurt Beck (SPD)", "Kurt Beck", "SPD"),
        # a person in a genitive attribute did not speak; a party before the name is no part of it
        ("Der Anwalt des Angeklagten", None, None),
        ("Ein Sprecher des Ministers", None, None),
        ("Der Abgeordnete der CDU Frank Mindermann", "Frank Mindermann", "Abgeordnete der CDU"),
        ("die Lehrerin Anna Müller aus Berlin", "Anna Müller", "Lehrerin aus Berlin"),
        # an institution in a masculine or neuter genitive is named in the nominative
        ("Ein Sprecher des Finanzministeriums", "Finanzministerium", "Sprecher des"),
        ("ein Sprecher des Auswärtigen Amtes", "Auswärtige Amt", "Sprecher des"),
    ],
)
def test_split_name(mention, name, descriptor):
    assert split_name(mention) == (name, descriptor)


@pytest.mark.parametrize(
    "mention,name",
    [
        ("russischen Medienangaben", "russische Medien"),
        ("Angaben der Polizei", "Polizei"),
        ("Polizeiangaben", "Polizei"),
        ("Regierungsangaben", "Regierung"),
        ("Müller", None),
        ("Angaben des Innenministeriums", "Innenministerium"),
        ("Angaben des Roten Kreuzes", "Rote Kreuz"),
        ("Angaben des Internationalen Währungsfonds", "Internationalen Währungsfonds"),  # -s in the nominative
    ],
)
def test_source_name(mention, name):
    assert source_name(mention) == name


@pytest.mark.parametrize(
    "mention,name",
    [
        ("Angaben eines Armeesprechers", "Armeesprecher"),  # named in the nominative
        ("Angaben einer Sprecherin", "Sprecherin"),
    ],
)
def test_source_name_after_an_indefinite_genitive(mention, name):
    assert source_name(mention) == name


def test_a_comma_inside_brackets_splits_no_apposition():
    mention = "Patrick Kamanda von der Behörde (National Environment Management Authority, NEMA)"
    name, _ = split_name(mention)
    assert name != "NEMA)"


# speaker resolution and noun phrases keep what they read on the document's words and sentences
# (quotes.rules.phrases.NP_EXTENT_MEMO, quotes.speakers.PEOPLE_MEMO and ANTECEDENTS_MEMO): a document
# extracted again must give the same records, and no caller may change what is kept
MEMO_TEXT = ("Der Innenminister Max Müller besuchte am Montag die Stadt. Müller sagte, die Lage sei ernst. "
             "Die Ministerin kam am Abend. Sie sagte, sie werde am Dienstag reisen.")


@pytest.mark.model
def test_a_document_extracted_twice_gives_the_same_records(parser):
    from quotes.engine import extract_from_parsed

    doc = parser.parse(MEMO_TEXT)
    first = extract_from_parsed(doc, "d")
    names = {q.speaker.mention.text: q.speaker.name for q in first.quotes if q.speaker and q.speaker.mention}
    assert names.get("Müller") == "Max Müller"  # completed from the subject of the first sentence
    assert names.get("Sie") == "Die Ministerin"  # the pronoun's antecedent in the sentence before
    assert extract_from_parsed(doc, "d").model_dump_json() == first.model_dump_json()


@pytest.mark.model
def test_np_extent_gives_a_new_list_each_time(parser):
    from quotes.rules.phrases import np_extent

    doc = parser.parse("Der Innenminister Max Müller besuchte am Montag die Stadt.")
    head = next(w for w in doc.sentences[0].words if w.deprel.startswith("nsubj"))
    phrase = np_extent(head)
    expected = [w.text for w in phrase]
    assert "Müller" in expected
    phrase.clear()
    assert [w.text for w in np_extent(head)] == expected
    # each limit has its own phrase: cut at the head, then the whole phrase again
    assert all(w.id <= head.id for w in np_extent(head, (1, head.id)))
    assert [w.text for w in np_extent(head)] == expected


@pytest.mark.model
def test_find_subject_answers_each_question_anew(parser):
    from quotes.rules.subjects import find_subject

    sent = parser.parse("Man sagt, die Lage sei ernst.").sentences[0]
    verb = next(w for w in sent.words if w.lemma == "sagen")
    subject = find_subject(sent, verb)
    assert [w.text for w in subject] == ["Man"]
    subject.clear()  # the caller's list; what find_subject keeps on the verb stays
    assert find_subject(sent, verb, personal=True) is None  # impersonal
    assert [w.text for w in find_subject(sent, verb)] == ["Man"]

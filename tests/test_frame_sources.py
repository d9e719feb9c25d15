"""Two frames whose source is no plain subject, end to end with the compact model (the shared
``extractor`` fixture):

* "wie X mitteilte" after a sentence-initial connective ("Denn wie die Zeitung berichtete, …"): the
  connective belongs to neither the frame nor the content;
* "wie X mitteilte" where X is a quoted name holding a verb ("Wie die „Aktion Deutschland hilft“ mitteilte"):
  the verb inside the quotation marks is part of the name, not the frame's verb;
* "X zufolge" where the parser took the surname X for an adverb, and "Einer Meldung von X zufolge" (the source
  noun governs the name);
* a quoted name after a noun for a body or medium belongs to the source ("laut einem Test des Magazins
  „auto, motor und sport“"); a quoted phrase after a name does not ("nach Angaben der Staatsanwaltschaft
  Krefeld wird der Fall „ganz besonders sorgfältig“ geprüft");
* "in der es heißt" after a noun: the relative pronoun stands for the noun ("eine Erklärung, in der es heißt,
  …" is said by the declaration), and a relative clause opened by a preposition is no content of the frame
  before it ("Man zitiert eine Erklärung, in der …": "zitiert" frames nothing here);
* a passive frame without an agent that stands in a document ("In einer Presseerklärung wurde verkündet,
  dass …"): the document is the speaker, as "In der Erklärung heißt es" names its source. A place that is no
  document ("In Berlin wurde verkündet") names nobody.
"""

from __future__ import annotations

import pytest

WIE_FRAMES = [
    # (text, content, speaker, cue)
    ("Denn wie die Zeitung berichtete, leidet der Schauspieler an einer schweren Krankheit.",
     "leidet der Schauspieler an einer schweren Krankheit", "die Zeitung", "wie berichtete"),
    ("Und wie die Polizei am Montag mitteilte, wurden bei dem Unfall drei Menschen verletzt.",
     "wurden bei dem Unfall drei Menschen verletzt", "die Polizei", "wie mitteilte"),
    ("Doch wie der Sprecher sagte, bleibt die Grenze geschlossen.",
     "bleibt die Grenze geschlossen", "der Sprecher", "wie sagte"),
    ("Aber wie die Agentur meldete, ist der Flughafen wieder geöffnet.",
     "ist der Flughafen wieder geöffnet", "die Agentur", "wie meldete"),
    ("Wie die „Aktion Deutschland hilft“ heute mitteilte, werde insbesondere den Opfern geholfen.",
     "werde insbesondere den Opfern geholfen", "die „Aktion Deutschland hilft“", "Wie mitteilte"),
    ("Wie der Verein „Wir helfen“ am Montag berichtete, seien viele Spenden eingegangen.",
     "seien viele Spenden eingegangen", "der Verein „Wir helfen“", "Wie berichtete"),
]


@pytest.mark.parametrize("text,content,speaker,cue", WIE_FRAMES, ids=[r[0][:30] for r in WIE_FRAMES])
def test_wie_frame(extractor, text, content, speaker, cue):
    quotes = extractor.extract(text).quotes
    assert [(q.rule, [c.text for c in q.content]) for q in quotes] == [("source.wie", [content])]
    assert quotes[0].speaker.mention.text == speaker
    assert " ".join(c.text for c in quotes[0].cue) == cue


def test_comparative_wie_after_a_connective_is_no_frame(extractor):
    assert extractor.extract("Und wie jedes Jahr kamen viele Besucher in die Stadt.").quotes == []


SURNAME_ZUFOLGE = [
    # (text, content, speaker): the compact model tags these surnames as adverbs
    ("Nacke zufolge soll Mindermann dabei unangemessene Fragen gestellt haben.",
     "soll Mindermann dabei unangemessene Fragen gestellt haben", "Nacke"),
    ("Müller zufolge ist die Lage ernst.", "ist die Lage ernst", "Müller"),
]


@pytest.mark.parametrize("text,content,speaker", SURNAME_ZUFOLGE, ids=[r[0][:30] for r in SURNAME_ZUFOLGE])
def test_surname_before_zufolge(extractor, text, content, speaker):
    quotes = extractor.extract(text).quotes
    assert [(q.rule, [c.text for c in q.content]) for q in quotes] == [("source.zufolge", [content])]
    assert quotes[0].speaker.mention.text == speaker


PASSIVE_IN_DOCUMENT = [
    # (text, content, speaker mention or None)
    ("In einer Presseerklärung wurde verkündet, dass die Serben alle Verantwortung übernehmen würden.",
     "dass die Serben alle Verantwortung übernehmen würden", "einer Presseerklärung"),
    ("In der Pressemitteilung wird gefordert, dass die Regierung die Ermittlungen fortsetzt.",
     "dass die Regierung die Ermittlungen fortsetzt", "der Pressemitteilung"),
    # "Im" is one token for two words ("in dem"): the mention keeps the token's offsets
    ("Im Abschlussbericht wurde festgestellt, dass die Brücke marode sei.",
     "dass die Brücke marode sei", "Im Abschlussbericht"),
    ("In Berlin wurde verkündet, dass die Grenze geschlossen bleibe.",
     "dass die Grenze geschlossen bleibe", None),
]


@pytest.mark.parametrize("text,content,speaker", PASSIVE_IN_DOCUMENT, ids=[r[0][:30] for r in PASSIVE_IN_DOCUMENT])
def test_passive_frame_in_a_document(extractor, text, content, speaker):
    result = extractor.extract(text)
    assert [(q.rule, [c.text for c in q.content]) for q in result.quotes] == [("indirect.frame_before", [content])]
    q = result.quotes[0]
    mention = q.speaker.mention if q.speaker is not None else None
    assert (mention.text if mention is not None else None) == speaker
    if mention is not None:
        assert result.text[mention.start:mention.end] == mention.text


RELATIVE_PLACE = [
    # (text, content, speaker, cue)
    ("Man zitiert eine Erklärung der Behörde, in der es heißt, dass die Sperre rechtmäßig sei.",
     "dass die Sperre rechtmäßig sei", "eine Erklärung der Behörde", "es heißt"),
    ("Die Zeitung veröffentlichte einen Brief, in dem es heißt, die Regierung habe versagt.",
     "die Regierung habe versagt", "einen Brief", "es heißt"),
]


@pytest.mark.parametrize("text,content,speaker,cue", RELATIVE_PLACE, ids=[r[0][:30] for r in RELATIVE_PLACE])
def test_relative_place_names_the_source(extractor, text, content, speaker, cue):
    quotes = extractor.extract(text).quotes
    assert [[c.text for c in q.content] for q in quotes] == [[content]]
    assert quotes[0].speaker.mention.text == speaker
    assert " ".join(c.text for c in quotes[0].cue) == cue


SOURCE_EXTENTS = [
    # (text, rule, content, speaker)
    ("Einer Meldung von Xinhua zufolge sind zehn Menschen gestorben.", "source.zufolge",
     ["sind zehn Menschen gestorben"], "Einer Meldung von Xinhua"),
    ("Laut einem Test des Magazins „auto, motor und sport“ sei das Auto sicher.", "source.laut",
     ["sei das Auto sicher"], "einem Test des Magazins „auto, motor und sport“"),
    ("Laut der Tageszeitung „La Nacion“ ist er krank.", "source.laut", ["ist er krank"], "der Tageszeitung „La Nacion“"),
    ("Nach Angaben der Staatsanwaltschaft Krefeld wird der Fall „ganz besonders sorgfältig“ geprüft.", "source.nach",
     ["wird der Fall „ganz besonders sorgfältig“ geprüft"], "Angaben der Staatsanwaltschaft Krefeld"),
    # "nach" after its noun, before a predicative adjective (no phrase it could govern)
    ("Die Rolle der Notenbank sei seiner Ansicht nach fragwürdig.", "source.nach",
     ["Die Rolle der Notenbank sei", "fragwürdig"], "seiner Ansicht"),
]


@pytest.mark.parametrize("text,rule,content,speaker", SOURCE_EXTENTS, ids=[r[0][:30] for r in SOURCE_EXTENTS])
def test_source_phrase_extent(extractor, text, rule, content, speaker):
    quotes = [q for q in extractor.extract(text).quotes if q.rule.startswith("source.")]
    assert [(q.rule, [c.text for c in q.content]) for q in quotes] == [(rule, content)]
    assert quotes[0].speaker.mention.text == speaker


HEISSEN_FROM = [
    # (text, rule, speaker): "heißt es" names where the words come from
    ("Die Lage sei ernst, hieß es vom Sprecher Mark Toner.", "indirect.frame_after", "vom Sprecher Mark Toner"),
    ("Aus Paris hieß es, das Vorgehen sei eine Verletzung des Abkommens.", "indirect.frame_before", "Paris"),
    ("„Alle Anzeichen deuteten auf einen Anschlag hin“, hieß es vom Abgeordneten Viktor Oserow.", "direct.frame_after",
     "vom Abgeordneten Viktor Oserow"),
    ("In dem Bericht heißt es, die Lage sei ernst.", "indirect.frame_before", "dem Bericht"),
]


@pytest.mark.parametrize("text,rule,speaker", HEISSEN_FROM, ids=[r[0][:30] for r in HEISSEN_FROM])
def test_heisst_es_names_its_source(extractor, text, rule, speaker):
    quotes = extractor.extract(text).quotes
    assert [q.rule for q in quotes] == [rule]
    assert quotes[0].speaker.mention.text == speaker


IN_CLAUSE = [
    # (text, speaker): the quotation is no part of the frame's clause, on either side of it
    ("„Guten Tag, ich bin wieder da“, mit diesen Worten meldete er sich auf der Pressekonferenz zurück.", "er"),
    ("Die Organisation verlangte eine Untersuchung der „schockierenden Szenen“ im Gefängnis.", "Die Organisation"),
]


@pytest.mark.parametrize("text,speaker", IN_CLAUSE, ids=[r[0][:30] for r in IN_CLAUSE])
def test_quotation_inside_a_frame_clause(extractor, text, speaker):
    quotes = [q for q in extractor.extract(text).quotes if q.rule == "direct.in_clause"]
    assert len(quotes) == 1 and quotes[0].speaker.mention.text == speaker


def test_quoted_sentence_framed_without_its_comma(extractor):
    """„…“ erklärte X: a whole quoted sentence may lose the comma before its frame; a quoted term may not."""
    quotes = extractor.extract("„Die Gemeinschaftsschule ist in der Schullandschaft angekommen.“ erklärte "
                               "Kultusministerin Eisenmann.").quotes
    assert [(q.rule, q.speaker.mention.text) for q in quotes] == [("direct.frame_after", "Kultusministerin Eisenmann")]
    assert extractor.extract("„Der Sonnenwind“ genannt, zieht er weiter.").quotes == []

"""Post-posed frames ("Die Lage sei ernst, betonte der Minister"): what frames content after it and what does not.

A participle after an apposition's comma closes its own clause, and a fronted phrase with a clause on it is the
main clause's prefield: neither frames content before it. ", so heißt es in X" frames like ", heißt es in X";
an interposed frame right after the finite verb takes the clause's middle field after it as content. A verb of
saying in a list of verbs ("verhaftet, verurteilt oder angeklagt") frames nothing and ends no source's content.
End to end with the compact model (the shared ``extractor`` fixture)."""

from __future__ import annotations

import pytest

NO_FRAME_AFTER = [
    # a participle after an apposition's comma closes its own clause
    "Das Ministerium hat Meldungen der Zeitung vom 2. Dezember, dem Tag der Wahl, zurückgewiesen.",
    "Die Partei hatte zu einer Kundgebung vor dem Rathaus, dem Sitz des Bürgermeisters, aufgerufen.",
    # no main clause before the verb, only a fronted phrase with a clause on it: the verb is the main clause's
    "Auf die Frage, ob er zurücktrete, antwortete Müller: „Nein.“",
    "Auf die Frage, wann die Straße wieder frei sei, antwortete der Bürgermeister ausweichend.",
    # a verb of saying in a list of verbs after a comma frames nothing
    "Laut einem Bericht des Innenministeriums wurden 40 Prozent aller Einwanderer wegen Straftaten verhaftet, "
    "verurteilt oder angeklagt.",
    "Nach Angaben der Polizei wurden mehrere Männer festgenommen, verhört, verurteilt oder angeklagt.",
]


@pytest.mark.parametrize("text", NO_FRAME_AFTER, ids=[t[:40] for t in NO_FRAME_AFTER])
def test_no_post_posed_frame(extractor, text):
    quotes = extractor.extract(text).quotes
    assert [q.rule for q in quotes if q.rule == "indirect.frame_after"] == []


POST_POSED = [
    # (text, content, speaker, cue)
    ("Die Lage sei ernst, hatte der Minister gesagt.", "Die Lage sei ernst", "der Minister", "hatte gesagt"),
    ("Die Lage sei ernst, betonte der Minister.", "Die Lage sei ernst", "der Minister", "betonte"),
    # a first constituent of more than a few words before the content's finite verb (verb second)
    ("Ein weiteres Konsulat in der balinesischen Hauptstadt Denpasar soll folgen, gab der indonesische "
     "Außenminister Hassan Wirajuda bekannt.", "Ein weiteres Konsulat in der balinesischen Hauptstadt Denpasar "
     "soll folgen", "der indonesische Außenminister Hassan Wirajuda", "gab bekannt"),
    # the correlative "so" before an impersonal "heißt es"; the place of the statement is its source
    ("Die Lage sei ernst, so heißt es in einem Bericht der Regierung.", "Die Lage sei ernst",
     "einem Bericht der Regierung", "heißt es"),
    ("Die Preise würden steigen, so hieß es aus dem Ministerium.", "Die Preise würden steigen", "dem Ministerium",
     "hieß es"),
]


@pytest.mark.parametrize("text,content,speaker,cue", POST_POSED, ids=[c[0][:40] for c in POST_POSED])
def test_post_posed_frame_still_frames(extractor, text, content, speaker, cue):
    quotes = extractor.extract(text).quotes
    assert [(q.rule, q.content[0].text) for q in quotes] == [("indirect.frame_after", content)]
    assert quotes[0].speaker.mention.text == speaker
    assert " ".join(c.text for c in quotes[0].cue) == cue


COORDINATED_FRAME = [
    # (text, content): the reporting verb continues a clause and has its content after it
    ("Die Polizei sperrte die Straße, erklärte aber, eine Gefahr bestehe nicht.", "eine Gefahr bestehe nicht"),
    ("Die Behörde bestätigte den Unfall, teilte jedoch mit, die Ursache sei noch unklar.",
     "die Ursache sei noch unklar"),
]


@pytest.mark.parametrize("text,content", COORDINATED_FRAME, ids=[c[0][:40] for c in COORDINATED_FRAME])
def test_coordinated_frame_takes_the_content_after_it(extractor, text, content):
    quotes = extractor.extract(text).quotes
    assert [(q.rule, q.content[0].text) for q in quotes] == [("indirect.frame_before", content)]


INTERPOSED_AFTER_VERB = [
    # (text, content pieces): the frame interrupts the content's clause right after its finite verb, and the
    # clause's middle field follows the frame
    ("Die Regierung werde, sagte Merkel, alles tun, um den Menschen zu helfen.",
     ["Die Regierung werde", "alles tun, um den Menschen zu helfen"]),
    ("Man habe, betonte der Sprecher, keine Hinweise auf einen Anschlag.",
     ["Man habe", "keine Hinweise auf einen Anschlag"]),
    # a clause of its own after the frame is no more of the content
    ("Die Lage sei ernst, sagte der Minister, und forderte Hilfe.", ["Die Lage sei ernst"]),
    # a verb-final relative clause before the frame is complete: the name after the frame is the speaker's
    ("Das Urteil sei von einem Gericht gefällt worden, das die Männer für schuldig befunden hatte, sagte der Berater, "
     "Hawalu Yadudu, der Agentur NAN.",
     ["Das Urteil sei von einem Gericht gefällt worden, das die Männer für schuldig befunden hatte"]),
]


@pytest.mark.parametrize("text,pieces", INTERPOSED_AFTER_VERB, ids=[c[0][:40] for c in INTERPOSED_AFTER_VERB])
def test_interposed_frame_after_the_finite_verb(extractor, text, pieces):
    quotes = [q for q in extractor.extract(text).quotes if q.rule == "indirect.frame_after"]
    assert [[c.text for c in q.content] for q in quotes] == [pieces]


SOURCE_OVER_A_VERB_LIST = [
    # (text, content): the source's content runs on over a list of verbs, one of them a verb of saying
    ("Laut einem Bericht des Innenministeriums wurden 40 Prozent aller Einwanderer wegen Straftaten verhaftet, "
     "verurteilt oder angeklagt.",
     "wurden 40 Prozent aller Einwanderer wegen Straftaten verhaftet, verurteilt oder angeklagt"),
    ("Nach Angaben der Polizei wurden mehrere Männer festgenommen, verhört, verurteilt oder angeklagt.",
     "wurden mehrere Männer festgenommen, verhört, verurteilt oder angeklagt"),
]


@pytest.mark.parametrize("text,content", SOURCE_OVER_A_VERB_LIST, ids=[c[0][:40] for c in SOURCE_OVER_A_VERB_LIST])
def test_source_content_runs_over_a_list_of_verbs(extractor, text, content):
    quotes = extractor.extract(text).quotes
    assert [[c.text for c in q.content] for q in quotes] == [[content]]

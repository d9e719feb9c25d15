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
    # a wie-frame across an apposition; the apposition belongs to the speaker
    ("Wie der Direktor des Katastrophenamtes, Smith Dharmmasaroj, mitteilte, waren die Menschen nicht "
     "ausreichend über den Test informiert worden.",
     "indirect", "der Direktor des Katastrophenamtes, Smith Dharmmasaroj", "Wie mitteilte",
     "waren die Menschen nicht ausreichend über den Test informiert worden"),
    ("Laut „Reuters“ haben die Soldaten Warnschüsse abgegeben.",
     "indirect", "„Reuters“", "Laut", "haben die Soldaten Warnschüsse abgegeben"),
    ("Laut bildblog.de veröffentlichte das Bundesministerium kürzlich einen Bericht.",
     "indirect", "bildblog.de", "Laut", "veröffentlichte das Bundesministerium kürzlich einen Bericht"),
    # frame after the content: with its auxiliary first, or with an indicative main clause as content
    ("Es drohe ein Rüstungswettlauf, hatte Obama bei seinem Treffen in Moskau gesagt.",
     "indirect", "Obama", "hatte gesagt", "Es drohe ein Rüstungswettlauf"),
    ("Im Bundesstaat Guerrero wurden etwa 500 Gebäude beschädigt, teilte Gouverneur Ángel Aguirre mit.",
     "indirect", "Gouverneur Ángel Aguirre", "teilte mit", "Im Bundesstaat Guerrero wurden etwa 500 Gebäude beschädigt"),
    # a fronted adverbial is not the speaker; the subject follows the verb
    ("Erst vergangene Woche kündigte der Konzern an, sämtliche Schalter zu schließen.",
     "indirect", "der Konzern", "kündigte an", "sämtliche Schalter zu schließen"),
    ("Unterdessen verlangen die Grünen, dass sich der Ausschuss mit dem Thema befasst.",
     "indirect", "die Grünen", "verlangen", "dass sich der Ausschuss mit dem Thema befasst"),
    ("In einem Gespräch mit dem Minister wies der Geschäftsführer alle Vorwürfe als „haltlos“ zurück.",
     "direct", "der Geschäftsführer", "wies als zurück", "„haltlos“"),
    # a subject's apposition and the verb's correlate stay in the frame
    ("Zugleich ging Celebi, die Anwältin der Frau, davon aus, dass der Haftbefehl vollstreckt würde.",
     "indirect", "Celebi, die Anwältin der Frau", "ging davon aus", "dass der Haftbefehl vollstreckt würde"),
    # a dative phrase before the verb is not the speaker ("der … -en" is no nominative)
    ("Der englisch-sprachigen Zeitung sagte Filep Karma: „Ich werde im Gefängnis gehalten.“",
     "direct", "Filep Karma", "sagte", "„Ich werde im Gefängnis gehalten.“"),
    ("„Wir wollen unsere Produktionssysteme enger verzahnen“, hatte VW-Chef Winterkorn in einem Interview erklärt.",
     "direct", "VW-Chef Winterkorn", "hatte erklärt", "„Wir wollen unsere Produktionssysteme enger verzahnen“"),
    ("Der Bundesrat kam zu dem Schluss, dass das Gesetz nicht zustimmungspflichtig sei.",
     "indirect", "Der Bundesrat", "kam Schluss", "dass das Gesetz nicht zustimmungspflichtig sei"),
    # "demnach" points back to the source; the corpus marks the adverb as the speaker mention
    ("Das Gericht veröffentlichte neue Zahlen. Demnach seien im vergangenen Jahr mehr Verfahren eröffnet worden.",
     "indirect", "Demnach", "Demnach", "seien im vergangenen Jahr mehr Verfahren eröffnet worden"),
    # a source's apposition and its relative clause belong to the frame, not the content
    ("Nach Angaben von Sam Maiha, dem Direktor der nationalen Wetterbehörde, waren die Menschen in Sicherheit.",
     "indirect", "Angaben von Sam Maiha, dem Direktor der nationalen Wetterbehörde", "Nach",
     "waren die Menschen in Sicherheit"),
    ("Nach Berichten der Zeitung, die sich auf Militärkreise stützen, kommt eine Untersuchung zu einem anderen Ergebnis.",
     "indirect", "Berichten der Zeitung", "Nach", "kommt eine Untersuchung zu einem anderen Ergebnis"),
    # a name in the genitive before its noun; the source inside a subordinate clause
    ("Die Kinder kamen unter Polizeischutz, da die Familie nach Celebis Angaben versuchen könnte, sie zu entführen.",
     "indirect", "Celebis Angaben", "nach", "da die Familie versuchen könnte, sie zu entführen"),
    # the speaker of a noun frame: "X ist der Meinung", a noun under the object the parser chose
    ("Der Verband ist der Meinung, dass die Reform zu spät komme.",
     "indirect", "Der Verband", "Meinung", "dass die Reform zu spät komme"),
    # a zu-infinitive without its comma is indirect speech, not a reported speech act
    ("Mubarak hatte am Donnerstag angekündigt bei der Präsidentenwahl im September erneut anzutreten.",
     "indirect", "Mubarak", "hatte angekündigt", "bei der Präsidentenwahl im September erneut anzutreten"),
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


SPEAKER_CASES = [
    # "gelte" is Konjunktiv I of gelten even where the lemmatiser gets the lemma wrong
    ("Der Sprecher sagte, der Streik sei beendet. Das gleiche gelte für die Verhandlungen in Köln.",
     "Das gleiche gelte für die Verhandlungen in Köln.", "free_indirect", "Der Sprecher"),
    # "soll … geflohen sein" reports what others say; the source is the subject before it
    ("Die Polizei sucht Zeugen. Der Täter soll nach der Tat mit einem Auto geflohen sein.",
     "Der Täter soll nach der Tat mit einem Auto geflohen sein.", "free_indirect", "Die Polizei"),
    # "X nach der Festnahme: „…“": a speaker phrase, a prepositional phrase, no verb
    ("Der Mann wurde gefasst. Ein Hauptkommissar nach der Festnahme: „Der Täter ist dort, wo er hingehört.“",
     "„Der Täter ist dort, wo er hingehört.“", "direct", "Ein Hauptkommissar"),
    # a noun of saying before the colon stands for what its owner says (the corpus marks the phrase)
    ("Er wollte den Professor nicht kritisieren. Seine Meinung zu Kirchhoff: „Ich dachte, das darf nicht wahr sein.“",
     "„Ich dachte, das darf nicht wahr sein.“", "direct", "Seine Meinung"),
    ("Müntefering sprach von einem Erfolg. Schröder wurde zunächst nicht zu Wort gelassen. Zitat von Schröder: „Wir "
     "haben etwas erreicht.“", "„Wir haben etwas erreicht.“", "direct", "Zitat von Schröder"),
    # "Wie aus … verlautete": the place is the source
    ("Wie aus Unternehmenskreisen verlautete, will die Volkswagen AG ihr Werk in Emden umrüsten.",
     "will die Volkswagen AG ihr Werk in Emden umrüsten", "indirect", "Unternehmenskreisen"),
    # "so letztere": an adjective standing for the person named before, as the corpus marks it
    ("Die Sängerin war in einen Käfig gesperrt, während die Moderatorin davor stand. „Während wir den Sommer "
     "genießen, geht das Elend der Tiere weiter“, so letztere.",
     "„Während wir den Sommer genießen, geht das Elend der Tiere weiter“", "direct", "letztere"),
]
"""Texts of more than one sentence, or without a cue to check: the quote, its type and its speaker mention."""


@pytest.mark.parametrize("text,content,qtype,speaker", SPEAKER_CASES, ids=[c[1][:40] for c in SPEAKER_CASES])
def test_speaker_table(extractor, text, content, qtype, speaker):
    quote = _find(extractor.extract(text), content)
    assert quote is not None and quote.type == QuoteType(qtype)
    assert quote.speaker is not None and quote.speaker.mention.text == speaker


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


def test_passive_frame_has_no_speaker(extractor):
    # the person accused is not the one who speaks
    result = extractor.extract("Dem Politiker wird vorgeworfen, Spenden nicht gemeldet zu haben.")
    quote = _find(result, "Spenden nicht gemeldet zu haben")
    assert quote is not None and quote.speaker is None


def test_demnach_resolves_to_the_source_before(extractor):
    text = ("Der Sprecher des Gerichts, Thomas Berger, sagte, die Lage sei ernst. "
            "Demnach seien im vergangenen Jahr mehr Verfahren eröffnet worden.")
    quote = _find(extractor.extract(text), "seien im vergangenen Jahr mehr Verfahren eröffnet worden")
    assert quote is not None and quote.speaker is not None
    assert quote.speaker.mention.text == "Demnach"
    assert quote.speaker.name == "Thomas Berger"


def test_speech_continued_after_demnach_names_the_source_before(extractor):
    """The corpus marks "Demnach" itself as the speaker of its own sentence, but the Konjunktiv sentences that go on
    reporting belong to the source it points to."""
    text = ("Nachdem Kampfflugzeuge Schüsse abgegeben haben, ist es laut dem Nachrichtenmagazin Focus zu weiteren "
            "kritischen Situationen gekommen. Demnach haben Jagdflugzeuge deutsche Hubschrauber mit ihrem Radar "
            "angepeilt. Üblicherweise sei dies der letzte Schritt vor einem scharfen Schuss.")
    quote = _find(extractor.extract(text), "Üblicherweise sei dies der letzte Schritt vor einem scharfen Schuss.")
    assert quote is not None and quote.rule == "free_indirect.continuation"
    assert quote.speaker is not None and quote.speaker.mention.text == "dem Nachrichtenmagazin Focus"


def test_a_reporting_frame_in_konjunktiv_is_part_of_the_run_around_it(extractor):
    """"Außerdem habe die Überprüfung ergeben, dass …" reports within the run of free indirect speech: the run covers
    it, and it is no indirect quote of "die Überprüfung" of its own (as news-quotes-de annotates it)."""
    text = ("Der Dekan sagte, die Arbeit sei geprüft worden. Von den Vorwürfen habe man nichts gewusst. Außerdem habe "
            "die Überprüfung der Arbeit ergeben, dass die Plagiate nicht unerheblich seien.")
    quotes = extractor.extract(text).quotes
    assert [(q.rule, q.speaker.mention.text if q.speaker else None) for q in quotes] == [
        ("indirect.frame_before", "Der Dekan"), ("free_indirect.continuation", "Der Dekan")]
    assert quotes[1].content[0].text.endswith("dass die Plagiate nicht unerheblich seien.")


def test_a_konjunktiv_verb_before_a_quotation_continues_the_run(extractor):
    """"Deshalb müsse „…“": two words of its own besides the quotation, one a Konjunktiv I verb, are enough for the
    sentence to go on reporting; the quotation inside takes the run's speaker."""
    text = ("Der Minister sagte, die Lage sei ernst. Deshalb müsse „die Politik des Präsidenten zentraler Bestandteil "
            "der Lösung sein“.")
    quotes = extractor.extract(text).quotes
    assert [(q.rule, q.speaker.mention.text if q.speaker else None) for q in quotes] == [
        ("indirect.frame_before", "Der Minister"), ("free_indirect.continuation", "Der Minister"),
        ("direct.frameless", "Der Minister")]
    assert quotes[1].content[0].text.startswith("Deshalb müsse „die Politik")


def test_es_sei_denn_is_no_reported_speech(extractor):
    assert extractor.extract("Der Zug fährt um acht Uhr ab, es sei denn, es schneit stark.").quotes == []


def test_sollen_as_plan_is_no_hearsay(extractor):
    assert extractor.extract("Die Brücke soll im nächsten Jahr gebaut werden.").quotes == []


def test_hearsay_sollen_after_a_long_prefield(extractor):
    # the modal is the finite verb of the main clause however many words stand before it;
    # ", um … zu …" after the past infinitive does not hide it
    text = ("Brandsätze wurden gegen Schulen geworfen. Im Département Seine-Saint-Denis sollen drei Lagerhallen "
            "abgebrannt sein. Der Täter soll aus seinem Wagen gestiegen sein, um die Frau zu bedrohen.")
    result = extractor.extract(text)
    for content in ("Im Département Seine-Saint-Denis sollen drei Lagerhallen abgebrannt sein.",
                    "Der Täter soll aus seinem Wagen gestiegen sein, um die Frau zu bedrohen."):
        quote = _find(result, content)
        assert quote is not None and quote.type == QuoteType.FREE_INDIRECT, content


def test_man_is_no_speaker(extractor):
    quote = _find(extractor.extract("Man befürchtete, dass das Land Hilfe brauchen werde."),
                  "dass das Land Hilfe brauchen werde")
    assert quote is not None and quote.speaker is None


def test_a_colon_quotation_is_direct_and_ends_the_reported_content(extractor):
    lead_in = "Da Frankfurt die letzten sieben Spiele gewann, war Trainer Thomas Schaaf zufrieden: „Ein guter Start“, sagte er."
    assert [(q.type, [c.text for c in q.content]) for q in extractor.extract(lead_in).quotes] == \
        [(QuoteType.DIRECT, ["„Ein guter Start“"])]
    both = "Er sagte, dass das Team gestärkt aus der Saison hervorgegangen sei: „Wir haben gelernt, noch härter zu arbeiten.“"
    quotes = extractor.extract(both).quotes
    assert [(q.type, [c.text for c in q.content]) for q in quotes] == [
        (QuoteType.INDIRECT, ["dass das Team gestärkt aus der Saison hervorgegangen sei"]),
        (QuoteType.DIRECT, ["„Wir haben gelernt, noch härter zu arbeiten.“"]),
    ]


def test_an_anaphoric_frame_takes_the_paragraph_before_it(extractor):
    text = ("Der Wagen geriet auf die Gegenfahrbahn. Anschließend prallte er gegen einen Baum. "
            "Das teilte die Polizei mit.\nIm nächsten Jahr wird die Straße erneuert.")
    quote = _find(extractor.extract(text), "Anschließend prallte er gegen einen Baum.")
    assert quote is not None and quote.type == QuoteType.INDIRECT
    assert [c.text for c in quote.content] == [
        "Der Wagen geriet auf die Gegenfahrbahn. Anschließend prallte er gegen einen Baum.", "Das"]
    assert quote.speaker.mention.text == "die Polizei"


@pytest.mark.parametrize("frame, speaker", [
    # a document after "aus" is the source of "hervorgehen", also with a relative clause on it
    ("Dies geht aus einer Pressemitteilung des Konzerns hervor.", "einer Pressemitteilung des Konzerns"),
    ("Dies geht aus einer Pressemitteilung des Konzerns hervor, die am Montag veröffentlicht wurde.",
     "einer Pressemitteilung des Konzerns"),
    # an apposition of the speaker after a comma is no clause of the frame's own
    ("Das bestätigte der Geschäftsführer der Fraktion, Jens Nacke.", "der Geschäftsführer der Fraktion, Jens Nacke"),
])
def test_an_anaphoric_frame_names_its_source(extractor, frame, speaker):
    text = "Der Gesundheitskonzern Fresenius plant eine Umwandlung in eine neue Rechtsform. " + frame
    [quote] = [q for q in extractor.extract(text).quotes if q.rule == "anaphoric.demonstrative"]
    assert quote.content[0].text == "Der Gesundheitskonzern Fresenius plant eine Umwandlung in eine neue Rechtsform."
    assert quote.speaker.mention.text == speaker


def test_a_quotation_without_frame_leaves_the_konjunktiv_of_its_sentence_free(extractor):
    text = ("Die Ministerin sprach über den Ausbau. Sie könne sich weiterhin vorstellen, „dass auch andere "
            "Fachressorts noch auf unbekannte Möglichkeiten stoßen“.")
    quote = _find(extractor.extract(text), "Sie könne sich weiterhin vorstellen")
    assert quote is not None and quote.type == QuoteType.FREE_INDIRECT
    assert quote.content[0].text.startswith("Sie könne sich weiterhin vorstellen, „dass")
    assert quote.speaker.mention.text == "Die Ministerin"


def test_a_frame_in_a_relative_clause_takes_no_speaker_from_outside_it(extractor):
    text = "Gesucht wird ein Palästinenser, von dem die Polizei glaubt, er sei für ein Selbstmordattentat rekrutiert worden."
    quote = _find(extractor.extract(text), "er sei für ein Selbstmordattentat rekrutiert worden")
    assert quote is not None
    assert quote.speaker is None or quote.speaker.mention.text != "Gesucht"


def test_a_konjunktiv_closing_a_fronted_subordinate_clause_is_no_reported_speech(extractor):
    text = "Die Maschine landete spät. In dem Moment als die Maschine aufsetze, brach das vordere Fahrwerk zusammen."
    assert extractor.extract(text).quotes == []


def test_a_konjunktiv_clause_before_a_semicolon_reports_on_its_own(extractor):
    text = ("Die Polizei ermittelt. Die Tat sei gegen den Rektor der Schule gerichtet gewesen; nach Behördenangaben "
            "stecke aber kein terroristisches Motiv dahinter.")
    result = extractor.extract(text)
    assert [(q.type, [c.text for c in q.content]) for q in result.quotes] == [
        (QuoteType.FREE_INDIRECT, ["Die Tat sei gegen den Rektor der Schule gerichtet gewesen"]),
        (QuoteType.INDIRECT, ["stecke aber kein terroristisches Motiv dahinter"]),
    ]

"""Frames whose source is no plain subject, end to end with the compact model (the shared ``extractor``
fixture). Each row is a German sentence and what a reader finds in it: the rule, the content, the speaker
mention (None: nobody) and the cue.

* "wie X mitteilte" after a sentence-initial connective ("Denn wie die Zeitung berichtete, …"; the connective
  belongs to neither frame nor content), and where X is a quoted name holding a verb ("Wie die „Aktion
  Deutschland hilft“ mitteilte": the verb inside the marks is part of the name);
* "X zufolge" where the parser took the surname X for an adverb, and "Einer Meldung von X zufolge" (the source
  noun governs the name);
* an outlet's quoted name after "zitiert" does not end the frame ("zitiert die „Computerwoche“ Lynch": Lynch is the
  speaker);
* a quoted name after a noun for a body or medium belongs to the source ("laut einem Test des Magazins
  „auto, motor und sport“"); a quoted phrase after a name does not ("nach Angaben der Staatsanwaltschaft
  Krefeld wird der Fall „ganz besonders sorgfältig“ geprüft"); "seiner Ansicht nach" before a predicative; a
  genitive plural after the source noun belongs to it ("Nach Meinung vieler Experten und Fans"), an article
  or adjective that opens no genitive does not ("laut ai-Bericht | eine hohe Dunkelziffer"), nor a phrase of
  place or time ("laut Gericht | im Zuge der Beweisaufnahme");
* "in der es heißt" after a noun: the relative pronoun stands for the noun, and a relative clause opened by a
  preposition is no content of the frame before it ("Man zitiert eine Erklärung, in der …": "zitiert" frames
  nothing here); "heißt es" names the source after in/aus/von/bei ("hieß es vom Sprecher", "Bei der Agentur RIA
  hieß es"), without the preposition, also where an article is contracted with it ("vom Sprecher" -> "Sprecher");
* a passive frame without an agent that stands in a document ("In einer Presseerklärung wurde verkündet,
  dass …") names the document; a place that is no document ("In Berlin wurde verkündet") names nobody;
* a noun of saying names its speaker as the agent of its participle attribute ("Die von Arnold … geäußerte
  Hoffnung, …");
* a quotation without a frame after a main clause belongs to that clause's subject (a pronoun yields to the name
  of the quote just before), one in parentheses after a name in a list does not; one that opens its sentence
  after a sentence without quotation or reporting verb belongs to that sentence's subject, unless a pronoun;
* a quoted web address after "laut" names the source and is no quotation;
* a quotation that opens its sentence is no prefield for the subject of the verb after it, and a quoted
  whole sentence keeps its frame when the comma before the frame is missing.
"""

from __future__ import annotations

from typing import Optional

import pytest

W, Z, L, N = "source.wie", "source.zufolge", "source.laut", "source.nach"
FB, FA, DA, DB = "indirect.frame_before", "indirect.frame_after", "direct.frame_after", "direct.frame_before"

FRAMES = [
    # (text, rule, content, speaker mention, cue)
    ("Denn wie die Zeitung berichtete, leidet der Schauspieler an einer schweren Krankheit.", W,
     ["leidet der Schauspieler an einer schweren Krankheit"], "die Zeitung", "wie berichtete"),
    ("Und wie die Polizei am Montag mitteilte, wurden bei dem Unfall drei Menschen verletzt.", W,
     ["wurden bei dem Unfall drei Menschen verletzt"], "die Polizei", "wie mitteilte"),
    ("Doch wie der Sprecher sagte, bleibt die Grenze geschlossen.", W, ["bleibt die Grenze geschlossen"],
     "der Sprecher", "wie sagte"),
    ("Aber wie die Agentur meldete, ist der Flughafen wieder geöffnet.", W, ["ist der Flughafen wieder geöffnet"],
     "die Agentur", "wie meldete"),
    ("Wie die „Aktion Deutschland hilft“ heute mitteilte, werde insbesondere den Opfern geholfen.", W,
     ["werde insbesondere den Opfern geholfen"], "die „Aktion Deutschland hilft“", "Wie mitteilte"),
    ("Wie der Verein „Wir helfen“ am Montag berichtete, seien viele Spenden eingegangen.", W,
     ["seien viele Spenden eingegangen"], "der Verein „Wir helfen“", "Wie berichtete"),
    # a relative clause on the subject before the reporting verb
    ("Wie der Minister, der gestern in Berlin war, mitteilte, sei die Lage ernst.", W, ["sei die Lage ernst"],
     "der Minister", "Wie mitteilte"),
    # the compact model tags these surnames as adverbs
    ("Nacke zufolge soll Mindermann dabei unangemessene Fragen gestellt haben.", Z,
     ["soll Mindermann dabei unangemessene Fragen gestellt haben"], "Nacke", "zufolge"),
    ("Müller zufolge ist die Lage ernst.", Z, ["ist die Lage ernst"], "Müller", "zufolge"),
    ("Einer Meldung von Xinhua zufolge sind zehn Menschen gestorben.", Z, ["sind zehn Menschen gestorben"],
     "Einer Meldung von Xinhua", "zufolge"),
    ("Laut einem Test des Magazins „auto, motor und sport“ sei das Auto sicher.", L, ["sei das Auto sicher"],
     "einem Test des Magazins „auto, motor und sport“", "Laut"),
    ("Laut der Tageszeitung „La Nacion“ ist er krank.", L, ["ist er krank"], "der Tageszeitung „La Nacion“", "Laut"),
    # quoted words after the subject are no name of it
    ("In der Begründung zum Urteil äußerten die Richter „gravierende rechtliche Bedenken“ gegen den Irakkrieg.",
     "direct.in_clause", ["„gravierende rechtliche Bedenken“"], "die Richter", "äußerten"),
    # "zitieren" after a quotation: an outlet's quoted name does not end the frame, and the quoted person
    # after it is the speaker (a bare accusative the parser attached as obl, too)
    ("„Das wird das größte Update aller Zeiten“, zitiert die „Computerwoche“ Lynch in einem Bericht.", DA,
     ["„Das wird das größte Update aller Zeiten“"], "Lynch", "zitiert"),
    ("„Die Lage ist ernst“, zitiert das Magazin „Focus“ den Minister.", DA, ["„Die Lage ist ernst“"],
     "den Minister", "zitiert"),
    # "so" after a quoted whole sentence whose comma is left out; a strong past form of a verb of saying
    ("„Offenbar sind öffentliche Anfragen dann doch zu lästig.“ so das Fazit der Betreiber der Seite.", "direct.so",
     ["„Offenbar sind öffentliche Anfragen dann doch zu lästig.“"], "das Fazit der Betreiber der Seite", "so"),
    ("„Wir sind stark“, strich der Kandidat heraus.", DA, ["„Wir sind stark“"], "der Kandidat", "strich heraus"),
    # a name between commas after the subject of a post-posed frame is its apposition, not content, where a
    # Konjunktiv clause follows it (the subject's bracketed abbreviation closes before it)
    ("In einem Interview erklärte der Direktor der Atomenergie-Organisation (IAEO), Mohammed el-Baradei, Nordkorea "
     "habe Plutonium hergestellt.", FB, ["Nordkorea habe Plutonium hergestellt"],
     "der Direktor der Atomenergie-Organisation (IAEO), Mohammed el-Baradei", "erklärte"),
    # the detached particle after an apposition of the subject, tagged as a verb by the compact parser
    ("Jetzt gab der Leiter der Kriminaldienststelle, Andreas Huber, bekannt, dass sich das Handy eingeloggt hatte.",
     FB, ["dass sich das Handy eingeloggt hatte"], "der Leiter der Kriminaldienststelle, Andreas Huber",
     "gab bekannt"),
    # an indicative relative clause on the frame's last noun belongs to the frame, not to the content after it
    ("Die Ministerin schrieb in einer Erklärung, die auf ihrer Homepage erschien, sie wolle den Kollegen eine "
     "Abstimmung ersparen.", FB, ["sie wolle den Kollegen eine Abstimmung ersparen"], "Die Ministerin", "schrieb"),
    # a relative clause whose pronoun is the reporting verb's subject frames the clause after it; the corpus
    # marks the pronoun as the speaker mention (the entity resolves it to its noun, see below)
    ("Es war der Präsident, der sagte, dass die Lage ernst sei.", FB, ["dass die Lage ernst sei"], "der", "sagte"),
    ("Das Parlament verabschiedete eine Resolution, die die Regierung auffordert, das Gesetz sofort zurückzunehmen.",
     FB, ["das Gesetz sofort zurückzunehmen"], "die", "auffordert"),
    # a source in a relative clause ("nach denen", "laut denen", "denen zufolge"): the rest of the relative
    # clause is its content, and the pronoun its mention ("denen" is never an article)
    ("Es gibt auch Gerüchte, nach denen Barrett an Krebs litt.", "source.nach_relative", ["Barrett an Krebs litt"],
     "denen", "nach"),
    ("Er bezweifelte die Vereinbarkeit mit Grundsätzen, denen zufolge von einer Unschuldsvermutung auszugehen sei.",
     "source.zufolge_relative", ["von einer Unschuldsvermutung auszugehen sei"], "denen", "zufolge"),
    # a role noun before the quoted person's name is their title, not part of the outlet
    ("„Das ist eine Größenordnung“, zitiert ndr.de Polizeisprecher Ralf Meyer.", DA, ["„Das ist eine Größenordnung“"],
     "Polizeisprecher Ralf Meyer", "zitiert"),
    ("„Wir sind bereit“, sagte der Trainer der „Löwen“ nach dem Spiel.", DA, ["„Wir sind bereit“"],
     "der Trainer der „Löwen“", "sagte"),
    ("Nach Angaben der Staatsanwaltschaft Krefeld wird der Fall „ganz besonders sorgfältig“ geprüft.", N,
     ["wird der Fall „ganz besonders sorgfältig“ geprüft"], "Angaben der Staatsanwaltschaft Krefeld", "Nach"),
    # "nach" after its noun, before a predicative adjective (no phrase it could govern)
    ("Die Rolle der Notenbank sei seiner Ansicht nach fragwürdig.", N, ["Die Rolle der Notenbank sei", "fragwürdig"],
     "seiner Ansicht", "nach"),
    ("Man zitiert eine Erklärung der Behörde, in der es heißt, dass die Sperre rechtmäßig sei.", FB,
     ["dass die Sperre rechtmäßig sei"], "eine Erklärung der Behörde", "es heißt"),
    ("Die Zeitung veröffentlichte einen Brief, in dem es heißt, die Regierung habe versagt.", FB,
     ["die Regierung habe versagt"], "einen Brief", "es heißt"),
    ("Die Lage sei ernst, hieß es vom Sprecher Mark Toner.", FA, ["Die Lage sei ernst"], "Sprecher Mark Toner",
     "hieß es"),
    ("Aus Paris hieß es, das Vorgehen sei eine Verletzung des Abkommens.", FB,
     ["das Vorgehen sei eine Verletzung des Abkommens"], "Paris", "hieß es"),
    ("„Alle Anzeichen deuteten auf einen Anschlag hin“, hieß es vom Abgeordneten Viktor Oserow.", DA,
     ["„Alle Anzeichen deuteten auf einen Anschlag hin“"], "Abgeordneten Viktor Oserow", "hieß es"),
    ("In dem Bericht heißt es, die Lage sei ernst.", FB, ["die Lage sei ernst"], "dem Bericht", "heißt es"),
    ("Bei der Agentur RIA hieß es, dass es zwei Detonationen gegeben habe.", FB,
     ["dass es zwei Detonationen gegeben habe"], "der Agentur RIA", "hieß es"),
    # the participle "geheißen", which the lemmatiser may miss; a time before "heißt es" names nobody
    ("In einer Erklärung hatte es geheißen, es gebe keine militärische Lösung.", FB,
     ["es gebe keine militärische Lösung"], "einer Erklärung", "hatte es geheißen"),
    ("Am Vormittag hatte es zunächst geheißen, die Opposition hätte die Demonstration abgesagt.", FB,
     ["die Opposition hätte die Demonstration abgesagt"], None, "hatte es geheißen"),
    ("In einer Erklärung der Außenminister hatte es geheißen: „Es gibt keine militärische Lösung.“", DB,
     ["„Es gibt keine militärische Lösung.“"], "einer Erklärung der Außenminister", "hatte geheißen"),
    ("In einer Presseerklärung wurde verkündet, dass die Serben alle Verantwortung übernehmen würden.", FB,
     ["dass die Serben alle Verantwortung übernehmen würden"], "einer Presseerklärung", "wurde verkündet"),
    ("In der Pressemitteilung wird gefordert, dass die Regierung die Ermittlungen fortsetzt.", FB,
     ["dass die Regierung die Ermittlungen fortsetzt"], "der Pressemitteilung", "wird gefordert"),
    # "Im" is one token for two words ("in dem"): the mention keeps the token's offsets
    ("Im Abschlussbericht wurde festgestellt, dass die Brücke marode sei.", FB, ["dass die Brücke marode sei"],
     "Abschlussbericht", "wurde festgestellt"),
    ("In Berlin wurde verkündet, dass die Grenze geschlossen bleibe.", FB, ["dass die Grenze geschlossen bleibe"],
     None, "wurde verkündet"),
    # a quoted sentence without the comma before its frame
    # an article or adjective after the source's noun opens the next phrase, wherever the parser hung it
    ("Bei Gewaltverbrechen gegen Frauen in Guatemala gibt es aber laut ai-Bericht eine hohe Dunkelziffer.", L,
     ["Bei Gewaltverbrechen gegen Frauen in Guatemala gibt es aber", "eine hohe Dunkelziffer"], "ai-Bericht", "laut"),
    ("Die Garde der Roma hatte laut ihrem Anführer starken Zulauf.", L, ["Die Garde der Roma hatte", "starken Zulauf"],
     "ihrem Anführer", "laut"),
    # so does a phrase of place or time; "für" in a name and "ohne" inside quotation marks do not
    ("Der Vorstandschef der Porsche AG, Wendelin Wiedeking, hat sich nach Angaben der EU-Kommission in schriftlicher "
     "Form sowohl an die deutsche Bundesregierung als auch an die EU-Kommission gewandt.", N,
     ["Der Vorstandschef der Porsche AG, Wendelin Wiedeking, hat sich", "in schriftlicher Form sowohl an die deutsche "
      "Bundesregierung als auch an die EU-Kommission gewandt"], "Angaben der EU-Kommission", "nach"),
    ("Durch das Gesetz würden sich nach Meinung der beiden Politiker in Zukunft weniger Selbstständige um ein "
     "Bundestagsmandat bemühen.", N, ["Durch das Gesetz würden sich", "in Zukunft weniger Selbstständige um ein "
                                      "Bundestagsmandat bemühen"], "Meinung der beiden Politiker", "nach"),
    ("Nach Angaben der Gesellschaft für bedrohte Völker wurden dieses Jahr mehr Menschen getötet.", N,
     ["wurden dieses Jahr mehr Menschen getötet"], "Angaben der Gesellschaft für bedrohte Völker", "Nach"),
    # a genitive plural quantifier continues the source phrase, with its coordination
    ("Nach Meinung vieler Experten und Fans werden sich Detroit und San Antonio durchsetzen.", N,
     ["werden sich Detroit und San Antonio durchsetzen"], "Meinung vieler Experten und Fans", "Nach"),
    ("Nach Ansicht einiger Juristen sind die Grenzen der Inklusion damit erreicht.", N,
     ["sind die Grenzen der Inklusion damit erreicht"], "Ansicht einiger Juristen", "Nach"),
    # the agent of a participle attribute of a noun of saying speaks
    ("Die von Arnold direkt nach dem Freispruch geäußerte Hoffnung, sein Leben werde sich nun langsam zum Guten "
     "wenden, schien sich nicht zu erfüllen.", "indirect.noun_frame",
     ["sein Leben werde sich nun langsam zum Guten wenden"], "Arnold", "Hoffnung"),
    # a noun of saying with its genitive attribute before the comma: the corpus takes the whole phrase as the source
    ("Mit Befremden reagierte die Schwesterpartei am Mittwoch auf die Forderung des CSU-Vorsitzenden Edmund Stoiber, "
     "in der Gesundheitspolitik auf die SPD zuzugehen.", "indirect.noun_frame",
     ["in der Gesundheitspolitik auf die SPD zuzugehen"], "die Forderung des CSU-Vorsitzenden Edmund Stoiber",
     "reagierte Forderung"),
    # ... with an indefinite article it cites
    ("Nach einer Veröffentlichung im Magazin „Nature“ haben Forscher ein Ozonloch entdeckt.", N,
     ["im Magazin „Nature“ haben Forscher ein Ozonloch entdeckt"], "einer Veröffentlichung", "Nach"),
    ("Dem Appell der Polizei, sich zu stellen, ist der Mann bisher nicht gefolgt.", "indirect.noun_frame",
     ["sich zu stellen"], "Dem Appell der Polizei", "Appell"),
    # "mit der Aufforderung, …" tells how the clause's subject spoke, also across a relative clause on it
    ("Der ehemalige Ministerpräsident Thaksin Shinawatra, der seit einer Verurteilung im Exil lebt, wandte sich an "
     "seine Anhänger mit der Aufforderung, ihre Macht zu demonstrieren.", "indirect.noun_frame",
     ["ihre Macht zu demonstrieren"], "Der ehemalige Ministerpräsident Thaksin Shinawatra", "wandte Aufforderung"),
    # "mit den Worten:" frames the quotation with the clause's finite verb, also one the tagger took for an
    # auxiliary ("warb" as a form of "sein"); a surname tagged as an adverb opens "X wörtlich:"
    ("Im Kongress warb Obama für die Annahme eines Klimaschutzgesetzes mit den Worten: „Und das bedeutet den Bau "
     "einer neuen Generation sicherer Atommeiler.“", DB,
     ["„Und das bedeutet den Bau einer neuen Generation sicherer Atommeiler.“"], "Obama", "warb mit den Worten"),
    ("Koppelin wörtlich: „Sie ziehen den Bürgern das Geld aus der Tasche.“", "direct.name_colon",
     ["„Sie ziehen den Bürgern das Geld aus der Tasche.“"], "Koppelin", ""),
    # "…, das sagte X": the demonstrative takes up the content as the object; the subject follows the verb
    ("Die Lage ist ernst, das sagte der Minister.", "indirect.frame_after", ["Die Lage ist ernst"], "der Minister",
     "sagte"),
    ("Die Raumfähre „Discovery“ bleibt einen Tag länger als geplant im All, das entschied die US-Weltraumbehörde "
     "NASA.", "indirect.frame_after", ["Die Raumfähre „Discovery“ bleibt einen Tag länger als geplant im All"],
     "die US-Weltraumbehörde NASA", "entschied"),
    # "so" with a verb of saying before the subject, after the content or interposed
    ("Die Lage ist ernst, so sagte der Minister.", "source.so", ["Die Lage ist ernst"], "der Minister", "so sagte"),
    ("Tatsächlich, so betont auch die ermittelnde Polizei, ist dies keine zutreffende Darstellung.", "source.so",
     ["Tatsächlich", "ist dies keine zutreffende Darstellung"], "die ermittelnde Polizei", "so betont"),
    # the comma after the wie-clause left out: the finite verb of the main clause ends it
    ("Wie die Zeitung berichtet hat die Polizei drei Männer festgenommen.", W,
     ["hat die Polizei drei Männer festgenommen"], "die Zeitung", "Wie berichtet"),
    # a quoted web address after "laut" is the source's name, not a quotation of its own
    ("Laut „tagesschau.de“ gehören auch der Abbruch der Beziehungen zu den USA zu den Forderungen der Rebellen.", L,
     ["gehören auch der Abbruch der Beziehungen zu den USA zu den Forderungen der Rebellen"], "„tagesschau.de“",
     "Laut"),
    # before a colon the main clause's verb frames the quotation, not a verb of a clause inside it
    ("Der Experte von Greenpeace, Martin Hoffstetter, wandte sich gegen die Behauptung, die Kartoffel werde nicht in "
     "die Nahrung gelangen: „Wo Genpflanzen angebaut werden, tauchen sie auch in Lebensmitteln auf.“", DB,
     ["„Wo Genpflanzen angebaut werden, tauchen sie auch in Lebensmitteln auf.“"],
     "Der Experte von Greenpeace, Martin Hoffstetter", "wandte sich"),
    ("Der Innenminister zeigte sich besorgt, dass die Fehden nun auch ins Ausland getragen würden: „Das hat es noch "
     "nicht gegeben.“", DB, ["„Das hat es noch nicht gegeben.“"], "Der Innenminister", "zeigte sich besorgt"),
    # a second main clause after a comma has its own subject, also where an apposition closes it
    ("Kulturministerin Susanne Eisenmann (CDU) wies diese Behauptung zurück, die bildungspolitische Sprecherin der "
     "Regierungsfraktion, Sandra Boser (GRÜNE), erklärte: „Neiddebatten sind völlig fehl am Platz.“", DB,
     ["„Neiddebatten sind völlig fehl am Platz.“"],
     "die bildungspolitische Sprecherin der Regierungsfraktion, Sandra Boser (GRÜNE)", "erklärte"),
    # a main clause of another speaker after a comma is no part of the source's content
    ("Heute demonstrierten in Hamburg nach Angaben der Veranstalter rund 7.000 Menschen gegen das ASEM-Treffen, die "
     "Polizei spricht von 4.000 Demonstrationsteilnehmern.", N,
     ["Heute demonstrierten in Hamburg", "rund 7.000 Menschen gegen das ASEM-Treffen"], "Angaben der Veranstalter",
     "nach"),
    # a colon before the frame ends the clause before it: its subject is not the frame's
    ("Aber auch die EU-Kommission kritisierte die Art und Weise, wie das Gesetz verabschiedet wurde, scharf: So sagte "
     "Olli Rehn, EU-Erweiterungskommissar: „Man kann der Bevölkerung nicht einfach ein Gesetz vorsetzen.“",
     "direct.frame_before", ["„Man kann der Bevölkerung nicht einfach ein Gesetz vorsetzen.“"],
     "Olli Rehn, EU-Erweiterungskommissar", "sagte"),
    ("„Die Gemeinschaftsschule ist in der Schullandschaft angekommen.“ erklärte Kultusministerin Eisenmann.", DA,
     ["„Die Gemeinschaftsschule ist in der Schullandschaft angekommen.“"], "Kultusministerin Eisenmann", "erklärte"),
    # an interposed source right after the finite verb: the clause's middle field after it is content too
    ("Die Kürzung verstoße, wie das Gericht mitteilte, gegen den Grundsatz der Gleichbehandlung.", W,
     ["Die Kürzung verstoße", "gegen den Grundsatz der Gleichbehandlung"], "das Gericht", "wie mitteilte"),
    ("Die Regierung werde, wie Merkel sagte, alles tun, um den Menschen zu helfen.", W,
     ["Die Regierung werde", "alles tun, um den Menschen zu helfen"], "Merkel", "wie sagte"),
    # "mit den Worten „…“" fills the prefield: the subject after the verb said it
    ("Der Minister reagierte gelassen: Mit den Worten „Jetzt werden alle wichtigen Fragen in der G20 diskutiert“, "
     "richtete er seinen Blick auf einen größeren Kreis.", "direct.frameless",
     ["„Jetzt werden alle wichtigen Fragen in der G20 diskutiert“"], "er", "Mit den Worten"),
    # a phrase of circumstance after the source's noun belongs to the clause, wherever the parser hung it
    ("Die Lage ist nach Angaben der Polizei unter Kontrolle.", "source.nach", ["Die Lage ist", "unter Kontrolle"],
     "Angaben der Polizei", "nach"),
    # ", so X," before the rest of a clause without a finite verb of its own (a participle goes on the content)
    ("Es sei, so der Bericht, für alle Parteien möglich gewesen, Wahlkampf zu betreiben.", "source.so",
     ["Es sei", "für alle Parteien möglich gewesen, Wahlkampf zu betreiben"], "der Bericht", "so"),
]


@pytest.mark.parametrize("text,rule,content,speaker,cue", FRAMES, ids=[r[0][:30] for r in FRAMES])
def test_frame(extractor, text: str, rule: str, content: list[str], speaker: Optional[str], cue: str):
    result = extractor.extract(text)
    quotes = [q for q in result.quotes if q.rule == rule]
    assert [[c.text for c in q.content] for q in quotes] == [content]
    mention = quotes[0].speaker.mention if quotes[0].speaker is not None else None
    assert (mention.text if mention is not None else None) == speaker
    if mention is not None:
        assert result.text[mention.start:mention.end] == mention.text
    assert " ".join(c.text for c in quotes[0].cue) == cue
    # no other record shares the content (a nested quotation of its own words is another matter)
    others = [q for q in result.quotes if q is not quotes[0] and not q.rule.startswith("direct.")]
    assert not any(set(range(o.start, o.end)) & set(range(quotes[0].start, quotes[0].end)) for o in others)


NO_QUOTATION = [
    "Und wie jedes Jahr kamen viele Besucher in die Stadt.",  # a comparative "wie" after a connective
    "„Der Sonnenwind“ genannt, zieht er weiter.",  # a quoted term, no comma: no frame
    # "nach" with a noun of an act and a definite article says when, not who (source_nouns.txt marks it "event")
    "Nach der Veröffentlichung kam es zu Demonstrationen gegen die Regierung.",
    "Nach der Auszählung aller Stimmen tritt Alan García die Nachfolge an.",
    # a possessive of the first or second person voices whoever speaks: no source of its own
    "Kim der Zweite war meiner Meinung nach sehr gut darin, dieses Spiel zu spielen.",
    "Welche Vorschläge der Gesetzesnovelle sind Ihrer Meinung nach verfassungswidrig?",
    "Nach unserer Einschätzung ist die Lage in der Region sehr ernst.",
    # "wie X (sich) nennt" names: "nennen" frames content only with "als" (speech_verbs.txt: clause=als)
    "Roger Keith Barrett oder Syd Barrett, wie er sich nannte, gründete die Band im Jahr 1965.",
    "Seit seiner Wutrede erreichte „Trap“, wie er genannt wird, Kultstatus.",
]


@pytest.mark.parametrize("text", NO_QUOTATION, ids=[t[:30] for t in NO_QUOTATION])
def test_no_quotation(extractor, text):
    assert extractor.extract(text).quotes == []


NO_NOUN_FRAME = [
    # a noun of saying with its attribute after a source preposition is the source rules' matter
    "Vereinzelt weigerten sich nach Angaben der Opposition einige Polizisten, gegen die Demonstranten Waffengewalt "
    "einzusetzen.",
    # an apposition after the attribute: the comma opens no content
    "Dem entgegen steht jedoch die Aussage von Reinhard Bütikofer, Parteivorsitzender der Bundes-Grünen, der sagte, "
    "man dürfe nicht so tun, als sei bereits eine Weichenstellung erfolgt.",
    # the noun of saying is the source of a ", so X," frame
    "Alles in allem sei es für alle Parteien, so der OSZE-Bericht, möglich gewesen, Wahlkampf zu betreiben.",
]


@pytest.mark.parametrize("text", NO_NOUN_FRAME, ids=[t[:30] for t in NO_NOUN_FRAME])
def test_no_noun_frame(extractor, text):
    assert [q.rule for q in extractor.extract(text).quotes if q.rule == "indirect.noun_frame"] == []


def test_the_correlative_so_after_a_fronted_clause_is_no_frame(extractor):
    text = "Wenn man den Geist einer Sache fassen will, so nennt man nicht das, was sich von selbst versteht."
    assert [q.rule for q in extractor.extract(text).quotes if q.rule == "source.so"] == []


def test_a_demonstrative_alone_before_the_frame_verb_is_the_speaker(extractor):
    # the compact parser tags "behaupte" an adjective here, so the tree gives no subject; the word before the verb does
    text = ("Die Staatsanwaltschaft gibt an, Spector werde durch seinen Fahrer belastet. Dieser behaupte, Spector sei "
            "ihm in der Tatnacht mit einer Pistole in der Hand entgegengekommen.")
    quotes = [q for q in extractor.extract(text).quotes if q.cue_lemma == "behaupten"]
    assert [q.speaker.mention.text for q in quotes] == ["Dieser"]


def test_a_quoted_clause_after_so_is_content_not_a_source(extractor):
    text = ("Der Bürgermeister forderte alle Bewohner zum Rückzug auf. Kämen sie dem nicht nach, so „schütze sie "
            "Gott“.")
    quotes = extractor.extract(text).quotes
    assert "source.so" not in [q.rule for q in quotes]
    nested = [q for q in quotes if q.content[0].text == "„schütze sie Gott“"]
    assert [q.speaker.mention.text for q in nested] == ["Der Bürgermeister"]


IN_CLAUSE = [
    # (text, speaker): the quotation is no part of the frame's clause
    ("„Guten Tag, ich bin wieder da“, mit diesen Worten meldete er sich auf der Pressekonferenz zurück.", "er"),
    ("Die Organisation verlangte eine Untersuchung der „schockierenden Szenen“ im Gefängnis.", "Die Organisation"),
    # the detached particle of the reporting verb stands after the quoted phrase ("sicherte … zu": zusichern)
    ("Sie sicherte dabei Johnson ihre „volle Unterstützung“ zu.", "Sie"),
    ("Der Bundespräsident konstatierte eine wachsende „Kluft zwischen Arm und Reich“.", "Der Bundespräsident"),
    # after a contracted article a quoted phrase with an inflected adjective is running text, no name
    ("Das Nobelkomitee würdigte damit Obamas Einsatz zur „Stärkung der internationalen Diplomatie“.",
     "Das Nobelkomitee"),
    # a frame in a subordinate clause has its own subject, not the main clause's prefield
    ("Der Bericht ist unter anderem deshalb brisant, weil die US-Regierung das Land im letzten Monat als „junge "
     "couragierte Demokratie“ bezeichnet hat.", "die US-Regierung"),
    ("Der NDR will aber wissen, dass Mindermann das Mädchen danach gefragt habe, ob sie „schon einmal einen Freund "
     "gehabt“ habe.", "Mindermann"),
    # a verb of judging or thinking quotes its subject's judgement
    ("In dem Verfahren sieht Osterloh einen „Angriff gegen die Belegschaft“.", "Osterloh"),
    ("Die Bundesländer erwarten einen „erheblichen Nachrüstungsbedarf“ bei den Schulen.", "Die Bundesländer"),
    # an indefinite article makes a capitalised quoted phrase running text, not a name ("die „Aktion …“" names)
    ("Der Minister nannte den Rücktritt einen „Vertrauensbruch“.", "Der Minister"),
    ("Lothar Nicht, Ordnungsdezernent der Stadt Cottbus, sprach von einer „Gefahr für Leib und Leben“.",
     "Lothar Nicht, Ordnungsdezernent der Stadt Cottbus"),
]


HOLDER_IN_SENTENCE = [
    # (text, speaker of the frameless quotation): a quotation after a main clause whose verb reports no
    # speech belongs to that clause's subject
    # ("zusichern" was such a verb here until it joined the verbs of saying)
    ("Den in Timor verbliebenen Flüchtlingen machte Präsident Gusmão kurz vor dem Ablauf der UN-Mission Hoffnung, "
     "dass „die Türen von Osttimor immer offen sein werden“.", "Präsident Gusmão"),
    # a pronoun subject stands where no quote before names the speaker …
    ("Ministerin Anna Berger besuchte am Montag das Lager. Sie beruhigte die Flüchtlinge damit, dass „die Türen von "
     "Osttimor immer offen sein werden“.", "Sie"),
    # … and yields to the name of the quote just before
    ("„Wir helfen, wo wir können“, sagte Ministerin Anna Berger am Montag im Lager. Sie beruhigte die Flüchtlinge "
     "damit, dass „die Türen von Osttimor immer offen sein werden“.", "Ministerin Anna Berger"),
    # a quotation in parentheses after a name in a list is that name's, not the clause subject's
    ("Auch weitere Staatsrepräsentanten gratulierten Obama, so der Leiter der IAEA, Mohammed ElBaradei („Mir fällt "
     "niemand ein, der diese Ehre mehr verdient hätte.“), und der norwegische Ministerpräsident.",
     "der Leiter der IAEA, Mohammed ElBaradei"),
]


SUBJECT_BEFORE = [
    # (text, speaker of the frameless quotation): a quote that opens its sentence after a sentence without
    # quotation or reporting verb belongs to that sentence's subject, where it names someone …
    ("„Das ist ein Donnerschlag aus heiterem Himmel“, sagte der Kardinal. Der ältere Bruder des Papstes, Georg "
     "Ratzinger, war seit langem in die Pläne eingeweiht. „Mein Bruder wünscht sich im Alter mehr Ruhe.“",
     "Der ältere Bruder des Papstes, Georg Ratzinger"),
    ("„Wir brauchen mehr Geld für die Schulen“, sagte die Ministerin am Montag. Der Bürgermeister Peter Schulz "
     "besuchte danach das Rathaus. „Die Stadt kann das nicht allein bezahlen.“", "Der Bürgermeister Peter Schulz"),
    # … also where that sentence quotes a term of its own (no finite verb, few words) …
    ("„Viele Menschen werden das nachvollziehen können“, sagte Merkel. Als „verpasste Chance“ beurteilte der "
     "parlamentarische Geschäftsführer der Grünen, Volker Beck das Pontifikat. „Unter ihm ist die Kirche wieder "
     "zurückgefallen.“", "der parlamentarische Geschäftsführer der Grünen"),
    # … not where it is a pronoun: the speaker of the quote before goes on
    ("„Wir brauchen mehr Geld für die Schulen“, sagte die Ministerin am Montag. Sie besuchte danach das Rathaus. "
     "„Die Stadt kann das nicht allein bezahlen.“", "die Ministerin"),
]


AFTER_A_QUOTATION = [
    # (text, source phrase): a closed quotation earlier in the sentence leaves the phrase of place or time after
    # the source outside any marks, so it still ends the source phrase
    ("Nach dem „Eklat“ hat sich Wiedeking nach Angaben der EU-Kommission in schriftlicher Form sowohl an die deutsche "
     "Bundesregierung als auch an die EU-Kommission gewandt.", "Angaben der EU-Kommission"),
    ("Die „Zeit“ meldete, durch das Gesetz würden sich nach Meinung der beiden Politiker in Zukunft weniger "
     "Selbstständige um ein Bundestagsmandat bemühen.", "Meinung der beiden Politiker"),
]


ONE_OF_A_RULE = ([("direct.in_clause", *row) for row in IN_CLAUSE]
                 + [("direct.frameless", *row) for row in HOLDER_IN_SENTENCE + SUBJECT_BEFORE]
                 + [("source.", *row) for row in AFTER_A_QUOTATION])
"""The four tables above: the one record of a rule (or rule family, "source.") that the text holds, and its
speaker mention."""


@pytest.mark.parametrize("rule,text,speaker", ONE_OF_A_RULE, ids=[f"{r[0]} {r[1][:30]}" for r in ONE_OF_A_RULE])
def test_the_one_quotation_of_a_rule_names_its_speaker(extractor, rule, text, speaker):
    quotes = [q for q in extractor.extract(text).quotes if q.rule.startswith(rule)]
    assert len(quotes) == 1 and quotes[0].speaker.mention.text == speaker


NESTED_AFTER_AN_INDEFINITE_ARTICLE = [
    # (text, quotation, speaker): a capitalised quoted phrase after an indefinite article inside reported content
    # is a quotation of the same speaker; after a definite article it stays a name
    ("Karsai sagte am Sonntag, Afghanistan sei ein „Opfer des Terrorismus“ und brauche Hilfe.",
     "„Opfer des Terrorismus“", "Karsai"),
    ("Vermutlich habe ein Stern der Scheibe einen „Ruck“ verpasst, sagte die Astronomin Jane Greaves.",
     "„Ruck“", "die Astronomin Jane Greaves"),
]


@pytest.mark.parametrize("text,quoted,speaker", NESTED_AFTER_AN_INDEFINITE_ARTICLE,
                         ids=[r[1] for r in NESTED_AFTER_AN_INDEFINITE_ARTICLE])
def test_quoted_phrase_after_an_indefinite_article_is_a_quotation(extractor, text, quoted, speaker):
    [quote] = [q for q in extractor.extract(text).quotes if q.type.value == "direct"]
    assert quote.content[0].text == quoted and quote.speaker.mention.text == speaker


def test_quoted_name_after_a_definite_article_is_no_quotation(extractor):
    text = "Karsai sagte am Sonntag, die „Partei der Arbeit“ habe die Wahl gewonnen."
    assert [q for q in extractor.extract(text).quotes if q.type.value == "direct"] == []


def test_quoted_source_name_after_laut_is_no_quotation(extractor):
    """"laut „tagesschau.de“": the quoted words name the source of the frame, they are nobody's words."""
    result = extractor.extract("Außerdem hatte er laut „tagesschau.de“ kritisiert, dass sein Stamm diskriminiert "
                               "werde.")
    assert not [q for q in result.quotes if q.rule.startswith("direct.")]
    [source] = [q for q in result.quotes if q.rule == L]
    assert source.speaker.mention.text == "„tagesschau.de“"


def test_relative_pronoun_speaker_resolves_to_its_noun(extractor):
    """The relative pronoun that frames a quotation names the person of the noun before it: the record's
    speaker is that person, not "die"."""
    result = extractor.extract("Zu Wort kam auch die Ministerin Anna Berger, die sagte, dass die Schulen offen blieben.")
    [quote] = [q for q in result.quotes if q.rule == "indirect.frame_before"]
    assert quote.speaker.mention.text == "die"
    assert quote.speaker.name == "Anna Berger"


@pytest.mark.parametrize("noun,pronoun", [("die Polizei", "der"), ("die Behörden", "denen")])
def test_relative_source_names_the_noun_before_it_and_continues_nobody(extractor, noun, pronoun):
    """"…, der zufolge …": the source's mention is the pronoun, its name the noun before the comma; the next
    sentence in Konjunktiv continues the sentence's own speaker, not the source inside its relative clause."""
    result = extractor.extract(f"Der Minister verwies auf {noun}, {pronoun} zufolge zwei Männer festgenommen wurden. "
                               "Die Männer seien bewaffnet gewesen.")
    [source] = [q for q in result.quotes if q.rule == "source.zufolge_relative"]
    assert source.speaker.mention.text == pronoun
    assert source.speaker.name == noun
    assert not any(q.speaker is not None and q.speaker.mention is not None and q.speaker.mention.text == pronoun
                   for q in result.quotes if q.rule.startswith("free_indirect."))


def test_passive_relative_clause_frames_nothing(extractor):
    """"…, der … erwogen wurde, …": the pronoun of a passive relative clause is what was considered, not who
    speaks, so the Konjunktiv clause after it is no content of that verb."""
    result = extractor.extract("Der Bonus für die Aktionäre, der zum Jubiläum erwogen wurde, gebe es nicht.")
    assert [q.rule for q in result.quotes if q.rule.startswith("indirect.")] == []

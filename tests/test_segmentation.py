"""Sentence boundaries the tokenizer got wrong are joined before tagging (quotes.segmentation).

Tokenized documents are built by hand (what Stanza's tokenizer hands over: token entries with character
offsets, multi-word tokens with their words), so these tests need no model."""

from __future__ import annotations

import re

import pytest
import stanza

from quotes.segmentation import SEGMENTATION, join_broken_sentences


def tokenized(text: str, cuts: list[str]) -> stanza.Document:
    """A tokenized document of ``text``, split into sentences before each string of ``cuts`` (found in turn);
    tokens are runs of letters, digits and dots inside words, or single other characters; "im" becomes the
    multi-word token "in dem"."""
    bounds, pos = [], 0
    for cut in cuts:
        pos = text.index(cut, pos + 1)
        bounds.append(pos)
    sentences, current, word = [], [], 0
    for m in re.finditer(r"\w+(?:[.,]\w+)*\.?(?<=Prof\.)|\w+(?:[.,]\w+)*|\S", text):
        if bounds and m.start() >= bounds[0]:
            bounds.pop(0)
            sentences.append(current)
            current, word = [], 0
        if m.group() == "im":
            current.append({"id": (word + 1, word + 2), "text": "im", "start_char": m.start(), "end_char": m.end()})
            current += [{"id": word + 1, "text": "in"}, {"id": word + 2, "text": "dem"}]
            word += 2
        else:
            word += 1
            current.append({"id": word, "text": m.group(), "start_char": m.start(), "end_char": m.end()})
    sentences.append(current)
    return stanza.Document(sentences, text=text)


def sentence_texts(doc: stanza.Document) -> list[str]:
    return [doc.text[s.tokens[0].start_char : s.tokens[-1].end_char] for s in doc.sentences]


JOINED = [
    # (text, where the tokenizer split, the sentences after joining)
    ("Das ist klar. Laut Informationen von SPIEGEL ONLINE soll es keine Ermittlung geben.", ["Laut", "ONLINE"],
     ["Das ist klar.", "Laut Informationen von SPIEGEL ONLINE soll es keine Ermittlung geben."]),
    ("Es regnet. Wie das Nachrichtenmagazin Der Spiegel berichtet, kam er.", ["Wie", "Der"],
     ["Es regnet.", "Wie das Nachrichtenmagazin Der Spiegel berichtet, kam er."]),
    # the sentence begins a line: joined only where the next begins with a small letter
    ("Yvonne, Sängerin der Band Die Happy, war in Pelz gekleidet.", ["war"],
     ["Yvonne, Sängerin der Band Die Happy, war in Pelz gekleidet."]),
    # an abbreviation before a name or a number, as one token or with its dot apart
    ("Ein Vortrag von Prof. Jiahua Pan folgte.", ["Jiahua"], ["Ein Vortrag von Prof. Jiahua Pan folgte."]),
    ("Ein Vortrag von Dr. Jiahua Pan folgte.", ["Jiahua"], ["Ein Vortrag von Dr. Jiahua Pan folgte."]),
    ("Der Umsatz lag bei 80,9 Mio. Euro im Jahr.", ["Euro"], ["Der Umsatz lag bei 80,9 Mio. Euro im Jahr."]),
]

KEPT = [
    # (text, where the tokenizer split): real sentence boundaries
    ("Das ist klar. Er kam.", ["Er"]),
    ("Er sagte: „Wir kommen.“ Dann ging er.", ["Dann"]),
    ("Er fragte: „Warum?“ Niemand antwortete.", ["Niemand"]),
    # a heading on its own line runs into the text
    ("Die Wahl ist vorbei.\nFDP Die FDP feierte eines ihrer besten Ergebnisse.", ["FDP", "Die FDP"]),
    # never across a line break
    ("Laut Informationen von SPIEGEL\nONLINE soll es keine Ermittlung geben.", ["ONLINE"]),
    # an abbreviation not listed may end a sentence
    ("Er las Bücher, Zeitungen usw. Dann schlief er.", ["Dann"]),
    # a listed abbreviation before a small letter
    ("Er wurde Dr. und später Professor.", ["und"]),
]


@pytest.mark.parametrize("text,cuts,expected", JOINED, ids=[c[0][:40] for c in JOINED])
def test_wrong_boundaries_are_joined(text, cuts, expected):
    doc = join_broken_sentences(tokenized(text, cuts))
    assert sentence_texts(doc) == expected


@pytest.mark.parametrize("text,cuts", KEPT, ids=[c[0][:40] for c in KEPT])
def test_real_boundaries_are_kept(text, cuts):
    doc = tokenized(text, cuts)
    assert join_broken_sentences(doc) is doc


def test_joined_words_are_numbered_on_and_keep_their_offsets():
    text = "Es regnet. Wie das Nachrichtenmagazin Der Spiegel im Mai berichtet, kam er."
    before = tokenized(text, ["Wie", "Der"])
    doc = join_broken_sentences(before)
    sent = doc.sentences[1]
    assert [w.id for w in sent.words] == list(range(1, len(sent.words) + 1))
    assert [(t.text, t.start_char, t.end_char) for t in sent.tokens] == \
        [(t.text, t.start_char, t.end_char) for s in before.sentences[1:] for t in s.tokens]
    mwt = next(t for t in sent.tokens if t.text == "im")
    assert [w.text for w in mwt.words] == ["in", "dem"]
    assert all(text[t.start_char : t.end_char] == t.text for t in sent.tokens)


def test_the_joining_is_part_of_the_parse_cache_identity():
    from quotes.nlp import Parser

    parser = Parser.__new__(Parser)
    parser.stanza_version, parser.fingerprint, parser.parse_mode = "1.0", "abc", "full"
    assert parser.identity.endswith(SEGMENTATION)


END_TO_END = [
    # (text, rule, speaker, content): the compact model's tokenizer splits these sentences inside; joined, the
    # source and its content stand in one parsed sentence
    ("HRW forderte eine Untersuchung des Vorfalls. Laut Informationen von SPIEGEL ONLINE soll jedoch noch keine "
     "Ermittlung eingeleitet worden sein.", "source.laut", "Informationen von SPIEGEL ONLINE",
     "soll jedoch noch keine Ermittlung eingeleitet worden sein"),
    ("Die Fraktion kritisierte das Vorhaben. Nach dem Gesetzesentwurf der Koalition aus SPD und Die Linke sollen "
     "auch die Jugendämter Zugriff auf die Datenbank erhalten.", "source.nach",
     "dem Gesetzesentwurf der Koalition aus SPD und Die Linke",
     "sollen auch die Jugendämter Zugriff auf die Datenbank erhalten"),
    ("Nachdem die Befruchtung ihren Weg in die Praxis gefunden hat, kann man laut Klinikdirektor Prof. Dr. "
     "Matthias W. Beckmann jetzt Paaren helfen.", "source.laut", "Klinikdirektor Prof. Dr. Matthias W. Beckmann",
     "jetzt Paaren helfen"),
]


@pytest.mark.parametrize("text,rule,speaker,content", END_TO_END, ids=[c[2][:30] for c in END_TO_END])
def test_a_source_split_off_by_the_tokenizer_is_found(extractor, text, rule, speaker, content):
    quotes = [q for q in extractor.extract(text).quotes if q.rule == rule]
    assert [q.speaker.mention.text for q in quotes] == [speaker]
    assert quotes[0].content[-1].text == content


def test_many_broken_sentences_join_into_one_numbered_on():
    # a run of 5,000 pieces without sentence marks on one line (what a tokenizer may make of a list of words)
    text = " ".join(["wort"] * 5000)
    doc = stanza.Document([[{"id": 1, "text": "wort", "start_char": 5 * i, "end_char": 5 * i + 4}]
                           for i in range(5000)], text=text)
    joined = join_broken_sentences(doc)
    assert len(joined.sentences) == 1
    assert [w.id for w in joined.sentences[0].words] == list(range(1, 5001))

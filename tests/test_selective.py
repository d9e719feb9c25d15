"""Selective parsing (issue 13): which sentences are tagged and parsed, and what that keeps."""

from __future__ import annotations

import copy

import pytest

from quotes.cache import ParseCache
from quotes.extractor import Extractor
from quotes.selective import choose, cue_sentence, reporting_verb_form


def _tokens(sentence: str) -> list[str]:
    """A rough tokenization for the word-level tests: punctuation split off the words."""
    import regex

    return regex.findall(r"\w+(?:-\w+)*|[^\w\s]", sentence)


@pytest.mark.parametrize("sentence, expected", [
    ("„Wir kommen morgen“, sagte Müller.", True),  # quotation marks
    ("Der Minister sagte, die Lage sei ernst.", True),  # verb and Konjunktiv
    ("Die Polizei teilte am Abend mit, dass niemand verletzt wurde.", True),  # detached particle
    ("Das hat die Behörde mitgeteilt.", True),  # particle written together
    ("Das wurde bereits im Mai angekündigt.", True),  # participle of a particle verb
    ("Er sprach von einem Erfolg.", True),  # irregular past
    ("Laut Polizei gab es drei Verletzte.", True),  # source word
    ("Nach Polizeiangaben gab es drei Verletzte.", True),  # source noun as a compound's head
    ("Drei Menschen wurden verletzt, so die Feuerwehr.", True),  # "…, so X"
    ("Die Regierung wies die Forderung zurück.", True),  # noun of saying
    ("Er habe nichts gewusst.", True),  # Konjunktiv I
    ("Seine Begründung: zu teuer.", True),  # colon frame
    ("Der Zug fuhr um acht Uhr ab.", False),
    ("Die Soldaten marschierten durch die Stadt.", False),  # "Daten" is no compound head here
    ("Es gab drei Verletzte.", False),  # "gab" of "angeben" needs its particle
    ("Am Montag regnete es in Berlin.", False),
])
def test_a_sentence_is_parsed_when_it_holds_a_cue(sentence, expected):
    assert cue_sentence(_tokens(sentence)) is expected


@pytest.mark.parametrize("form, sentence, expected", [
    ("sagte", "", True), ("gesagt", "", True), ("erklärten", "", True), ("sprach", "", True),
    ("mitgeteilt", "", True), ("anzukündigen", "", True), ("teilte", "mit", True), ("teilte", "", False),
    ("tisch", "", False), ("fuhr", "", False),
])
def test_reporting_verb_forms(form, sentence, expected):
    assert reporting_verb_form(form, frozenset(sentence.split())) is expected


def _spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        spans.append((start, start + len(s)))
        pos = start + len(s)
    return spans


def test_neighbours_and_every_sentence_of_a_quotation_are_kept():
    sentences = [
        "Am Montag regnete es in Berlin.",  # 0: no cue, no neighbour with one
        "Die Sonne schien nicht.",  # 1: before the frame
        "Der Minister äußerte sich am Abend.",  # 2: a reporting verb
        "Der Zug fuhr um acht Uhr ab.",  # 3: after the frame
        "Am Dienstag schneite es.",  # 4: nothing
        "Am Mittwoch auch.",  # 5: nothing
        "Es ist „kalt.",  # 6: a quotation opens
        "Wir frieren alle.",  # 7: inside it
        "Wir bleiben drinnen.",  # 8: inside it
        "Es reicht“.",  # 9: it closes
        "Der Bus fuhr nicht.",  # 10: the neighbour after
        "Der Rest ist Schweigen.",  # 11: nothing
    ]
    text = " ".join(sentences)
    keep = choose(text, _spans(text, sentences), [_tokens(s) for s in sentences])
    assert keep == [False, True, True, True, False, True, True, True, True, True, True, False]
    assert choose(text, _spans(text, sentences), [_tokens(s) for s in sentences], before=0, after=0) == [
        False, False, True, False, False, False, True, True, True, True, False, False]


# -- with the model ---------------------------------------------------------------

TEXTS = [
    "Am Montag regnete es in Berlin. Der Zug fuhr um acht Uhr ab. Die Stadt war leer. Niemand kam. "
    "Die Geschäfte blieben geschlossen. „Wir werden die Gespräche fortsetzen“, sagte Kremlsprecher Dmitri Peskow. "
    "Danach reiste er ab.",
    "Die Sonne schien. Das Wetter war gut. Die Kinder spielten im Park. Der Minister sagte, die Lage sei ernst. "
    "Er habe mit allen Beteiligten gesprochen. Am Abend gingen alle nach Hause. Es wurde dunkel.",
    "Nach Angaben der Polizei wurden drei Menschen verletzt. Die Straße blieb bis zum Abend gesperrt. "
    "Im Juli beginnt der Bau. Ein Sprecher der Stadt erklärte: „Der Bau beginnt im Juli. "
    "Er dauert zwei Jahre.“ Die Kosten liegen bei zwei Millionen Euro. Der Rat stimmte zu.",
]


@pytest.fixture(scope="module")
def selective_parser(parser):
    other = copy.copy(parser)  # the session's loaded pipeline, in the other mode
    other.parse_mode = "selective"
    return other


@pytest.mark.parametrize("text", TEXTS)
def test_a_selective_parse_keeps_the_sentences_offsets_and_the_parse_of_what_it_parses(text, parser,
                                                                                     selective_parser):
    full = parser.parse(text)
    sel = selective_parser.parse(text)
    assert [(s.index, s.start, s.end) for s in sel.sentences] == [(s.index, s.start, s.end) for s in full.sentences]
    parsed = 0
    for a, b in zip(sel.sentences, full.sentences):
        assert [(w.text, w.start, w.end) for w in a.words] == [(w.text, w.start, w.end) for w in b.words]
        single = [w for w in a.words if sum(x.token == w.token for x in a.words) == 1]  # not of a contraction
        assert all(text[w.start:w.end] == w.text for w in single)
        if any(w.upos != "X" for w in a.words):
            parsed += 1
            assert [(w.upos, w.lemma, w.head, w.deprel) for w in a.words] == \
                   [(w.upos, w.lemma, w.head, w.deprel) for w in b.words]
        else:
            assert all(w.head == 0 and w.deprel == "dep" for w in a.words)
    assert 0 < parsed < len(full.sentences)  # some are skipped, the quotation's are not
    for s in sel.sentences:
        if any(ch in text[s.start:s.end] for ch in "„“"):
            assert any(w.upos != "X" for w in s.words), f"a sentence with a quotation mark was skipped: {s}"


@pytest.mark.parametrize("text", TEXTS)
def test_selective_records_are_the_full_parse_records(text, extractor, selective_parser):
    full = extractor.extract(text)
    sel = Extractor(parser=selective_parser).extract(text)
    assert sel.quotes, "the example has quotations"
    assert [q.model_dump() for q in sel.quotes] == [q.model_dump() for q in full.quotes]
    for q in sel.quotes:
        for span in q.content + q.cue:
            assert text[span.start:span.end] == span.text


def test_the_parse_mode_is_part_of_the_cache_key(parser, selective_parser, tmp_path):
    assert selective_parser.identity != parser.identity
    cache = ParseCache(tmp_path)
    assert cache.key(TEXTS[0], parser.identity) != cache.key(TEXTS[0], selective_parser.identity)
    Extractor(parser=selective_parser, cache_dir=tmp_path).parse_many([TEXTS[0]])
    assert cache.get(TEXTS[0], parser.identity) is None  # a selective parse never answers for a full one
    assert cache.get(TEXTS[0], selective_parser.identity) is not None


def test_a_parse_mode_is_checked(parser, model_dir):
    with pytest.raises(ValueError, match="differs"):
        Extractor(parser=parser, parse="selective")
    from quotes.nlp import Parser

    with pytest.raises(ValueError, match="unknown parse mode"):
        Parser(model_dir, offline=True, parse="some")


def test_cli_extract_and_eval_take_parse_selective(tmp_path, model_dir, capsys):
    from quotes.cli import main

    (tmp_path / "a.txt").write_text(TEXTS[1], encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), "--parse", "selective", "-f", "jsonl", "-o", str(out),
                 "--model-dir", str(model_dir), "--offline", "--quiet"]) == 0
    assert '"die Lage sei ernst"' in out.read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(tmp_path / "a.txt"), "--parse", "half"])
    assert exc.value.code == 2

"""Bounds on the work of one document (issue 12): over-long sentences are split
before tagging and parsing, pathological documents become ``too_complex`` error
records before parsing, the rules have a time budget, and a long document is a
chunk of its own. Figures behind the bounds: ``benchmarks/sentence_sizes.py``;
time and memory against input size: ``benchmarks/test_bench_bounds.py``.
"""

from __future__ import annotations

import time

import pytest

from quotes import limits
from quotes.extractor import Extractor
from quotes.inputs import InputDoc
from quotes.limits import BudgetExceeded, complexity_problem, estimate_words, open_marks, time_budget
from quotes.models import DocumentError, DocumentResult
from quotes.nlp import bound_sentences, split_sentence
from quotes.runner import iter_chunks

from test_runner import SENTENCES, StubParser


def pathological(marks: int) -> str:
    """The input of issue 12: thousands of opening quotation marks in one sentence."""
    return "Er sagte: " + "„" * marks + " Ende. Müller sagte, er komme morgen."


# -- the bounds lie above the news corpus -------------------------------------

# Measured with benchmarks/sentence_sizes.py (compact tokenizer, train + dev, 850 articles).
CORPUS_MAX = {"sentence_words": 138, "sentence_chars": 719, "article_words": 2093, "article_estimate": 2168,
              "article_marks": 42, "open_marks": 3}


def test_bounds_leave_every_corpus_sentence_and_article_alone():
    from quotes.runner import ALONE_WORDS

    assert limits.MAX_SENTENCE_WORDS >= 1.5 * CORPUS_MAX["sentence_words"]
    assert limits.MAX_SENTENCE_CHARS >= 1.5 * CORPUS_MAX["sentence_chars"]
    assert limits.MAX_DOCUMENT_WORDS >= 100 * CORPUS_MAX["article_estimate"]
    assert limits.MAX_QUOTE_MARKS >= 100 * CORPUS_MAX["article_marks"]
    assert limits.MAX_OPEN_MARKS >= 10 * CORPUS_MAX["open_marks"]
    assert ALONE_WORDS >= 2 * CORPUS_MAX["article_estimate"]


# -- checks before parsing ------------------------------------------------------


@pytest.mark.parametrize("marks", [1000, 3000, 10000])
def test_nested_marks_make_the_document_too_complex_at_once(marks):
    started = time.process_time()
    reason = complexity_problem(pathological(marks))
    assert time.process_time() - started < 1.0  # linear: milliseconds
    assert reason is not None and f"{marks:,} quotation marks open at once" in reason


def test_ordinary_text_passes_the_checks():
    text = " ".join(SENTENCES) * 20
    assert complexity_problem(text) is None
    assert open_marks(text) == 1


@pytest.mark.parametrize("text, depth", [
    ("„a“ „b“ »c« «d» ‚e‘ ›f‹", 1),
    ("«a» «b» «c»", 1),                    # Swiss guillemets: « opens, » closes
    ("»a« »b«", 1),                        # German guillemets: » opens, « closes
    ("„a ‚b ›c‹ d‘ e“", 3),
    ("„„„ “", 3),
    ("“English” and “more”", 1),
])
def test_open_marks(text, depth):
    assert open_marks(text) == depth


def test_too_many_marks_and_too_many_words(monkeypatch):
    closed = "Er sagte: " + "„a“ " * (limits.MAX_QUOTE_MARKS // 2 + 1)
    assert "quotation marks; the limit is" in complexity_problem(closed)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_WORDS", 100)
    words = " ".join(SENTENCES * 3)
    assert estimate_words(words) > 100
    assert "words; the limit is 100" in complexity_problem(words)


def test_the_batch_goes_on_around_a_too_complex_document():
    ex = Extractor(parser=StubParser())
    docs = [InputDoc("a", SENTENCES[0]), InputDoc("bad", pathological(3000)), InputDoc("c", SENTENCES[4])]
    records = ex.process_batch(docs)
    assert [r.id for r in records] == ["a", "bad", "c"]
    assert isinstance(records[1], DocumentError) and records[1].error == "too_complex"
    assert "open at once" in records[1].message
    assert all(isinstance(r, DocumentResult) for r in (records[0], records[2]))


# -- splitting over-long sentences ----------------------------------------------


def _tokenized(n: int, mwt_every: int = 0) -> list[dict]:
    """A sentence of ``n`` tokens as Stanza's tokenizer gives it (with multi-word tokens)."""
    entries, word, pos = [], 1, 0
    for i in range(n):
        text = "," if i % 7 == 6 else ("im" if mwt_every and i % mwt_every == 3 else f"w{i}")
        start, end = pos, pos + len(text)
        if text == "im":
            entries += [{"id": (word, word + 1), "text": "im", "start_char": start, "end_char": end},
                        {"id": word, "text": "in"}, {"id": word + 1, "text": "dem"}]
            word += 2
        else:
            entries.append({"id": word, "text": text, "start_char": start, "end_char": end})
            word += 1
        pos = end + 1
    return entries


def test_a_long_sentence_is_split_within_the_bounds_at_commas():
    sentence = _tokenized(1000, mwt_every=10)
    pieces = split_sentence(sentence)
    assert len(pieces) > 1
    words = [[e for e in p if not isinstance(e["id"], tuple)] for p in pieces]
    assert all(len(w) <= limits.MAX_SENTENCE_WORDS for w in words)
    assert all([e["id"] for e in w] == list(range(1, len(w) + 1)) for w in words)  # renumbered
    assert all(p[-1]["text"] == "," for p in pieces[:-1])  # a comma ends each piece
    # Nothing lost, nothing moved: the same entries with the same offsets, in order.
    flat = [(e["text"], e.get("start_char")) for p in pieces for e in p]
    assert flat == [(e["text"], e.get("start_char")) for e in sentence]
    for p in pieces:  # a multi-word token stays whole, with its words after it
        for k, e in enumerate(p):
            if isinstance(e["id"], tuple):
                assert [x["id"] for x in p[k + 1:k + 3]] == list(range(e["id"][0], e["id"][1] + 1))


def test_a_sentence_without_punctuation_is_cut_at_the_bound():
    sentence = [{"id": i + 1, "text": "„", "start_char": i, "end_char": i + 1} for i in range(1000)]
    pieces = split_sentence(sentence)
    assert [len(p) for p in pieces] == [250, 250, 250, 250]


def test_character_bound():
    sentence = [{"id": i + 1, "text": "x" * 99, "start_char": 100 * i, "end_char": 100 * i + 99} for i in range(40)]
    pieces = split_sentence(sentence)
    assert all(p[-1]["end_char"] - p[0]["start_char"] <= limits.MAX_SENTENCE_CHARS for p in pieces)
    assert sum(len(p) for p in pieces) == 40


def test_a_single_token_over_the_bound_stays_whole():
    sentence = [{"id": 1, "text": "a", "start_char": 0, "end_char": 1},
                {"id": 2, "text": "x" * 5000, "start_char": 2, "end_char": 5002}]
    assert [len(p) for p in split_sentence(sentence)] == [1, 1]


class _FakeSentence:
    def __init__(self, n):
        self.words = [None] * n
        self.tokens = [type("T", (), {"start_char": 0, "end_char": n})()]


def test_documents_within_the_bounds_are_not_touched():
    doc = type("D", (), {"sentences": [_FakeSentence(138), _FakeSentence(5)]})()
    assert bound_sentences(doc) is doc


# -- with the model ----------------------------------------------------------------


def test_a_long_sentence_is_parsed_in_pieces_with_exact_offsets(parser):
    text = ("Müller sagte, " + ", ".join(f"der {i}. Zug im Bahnhof" for i in range(45)) + " sei pünktlich. "
            "„Wir kommen morgen“, sagte die Ministerin.")
    assert complexity_problem(text) is None
    doc = parser.parse(text)
    assert len(doc.sentences) >= 3 and max(len(s.words) for s in doc.sentences) <= limits.MAX_SENTENCE_WORDS
    for sent in doc.sentences:
        for word in sent.words:  # words of their own token have their exact text at their offsets
            if sum(1 for w in sent.words if w.token == word.token) == 1:
                assert text[word.start:word.end] == word.text
    result = Extractor(parser=parser).extract(text)
    for quote in result.quotes:
        for span in [*quote.content, *quote.cue]:
            assert text[span.start:span.end] == span.text
    assert any("Wir kommen morgen" in q.content[0].text for q in result.quotes)


def test_the_issue_input_is_an_error_record_and_the_rest_of_the_run_goes_on(extractor):
    records = extractor.process_batch([InputDoc("u3000", pathological(3000)),
                                       InputDoc("ok", "„Wir kommen“, sagte Müller.")])
    assert records[0].error == "too_complex"
    assert records[1].quotes[0].speaker.name == "Müller"


# -- the rules' time budget ----------------------------------------------------------


def test_time_budget_stops_a_loop_and_leaves_no_exception_behind():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.2):
            while True:
                pass
    assert time.monotonic() - started < 2
    with time_budget(0.2):
        pass
    time.sleep(0.4)  # the timer is cancelled: nothing strikes later
    with time_budget(None):
        pass


def test_rules_over_budget_make_a_too_complex_record(monkeypatch):
    import quotes.extractor as extractor_module

    real = extractor_module.extract_from_parsed

    def slow(parsed, doc_id, model_info):
        if "langsam" in parsed.text:
            while True:
                pass
        return real(parsed, doc_id, model_info)

    monkeypatch.setattr(extractor_module, "extract_from_parsed", slow)
    ex = Extractor(parser=StubParser(), rules_budget=0.3)
    records = ex.process_batch([InputDoc("a", SENTENCES[0]), InputDoc("slow", "Das ist langsam, sagte er."),
                                InputDoc("c", SENTENCES[1])])
    assert [type(r).__name__ for r in records] == ["DocumentResult", "DocumentError", "DocumentResult"]
    assert records[1].error == "too_complex" and "more than 0.3 s" in records[1].message


# -- a long document is a chunk of its own ---------------------------------------------


def test_a_long_document_is_a_chunk_of_its_own():
    long_text = " ".join(SENTENCES) * 130  # about 6,000 words
    docs = [InputDoc(f"d{i}", SENTENCES[i % 5]) for i in range(5)]
    docs[2] = InputDoc("long", long_text)
    chunks = list(iter_chunks(docs, 16))
    assert [[d.id for d in c] for c in chunks] == [["d0", "d1"], ["long"], ["d3", "d4"]]
    assert [len(c) for c in iter_chunks(docs[:2] * 20, 16)] == [16, 16, 8]


def test_records_before_a_long_document_are_written_before_it_is_parsed(tmp_path):
    import io
    import json

    from quotes.runner import run

    out = tmp_path / "out.jsonl"
    seen_when_parsing_long: list[list[str]] = []

    class WatchingParser(StubParser):
        def parse_many(self, texts):
            if any(len(t) > 10_000 for t in texts):
                seen_when_parsing_long.append([json.loads(line)["id"] for line in out.read_text().splitlines()])
            return super().parse_many(texts)

    long_text = " ".join(SENTENCES) * 130  # about 6,000 words
    docs = [InputDoc("a", SENTENCES[0]), InputDoc("b", SENTENCES[1]), InputDoc("long", long_text),
            InputDoc("c", SENTENCES[2])]
    run(docs, Extractor(parser=WatchingParser(batch_size=16)), fmt="jsonl", output=out, chunk_size=16,
        log=io.StringIO())
    assert seen_when_parsing_long == [["a", "b"]]
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "b", "long", "c"]

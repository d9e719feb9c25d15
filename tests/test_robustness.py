"""Nothing is lost: every input document yields exactly one record, in order.

A failing document (bad encoding, empty, binary, enormous, invalid Unicode,
a parser error, a rule error, a crashed worker) becomes a DocumentError in
its place and a count in the summary; the others go on.
"""

from __future__ import annotations

import io
import json

import pytest

import quotes.extractor as extractor_module
import quotes.inputs as inputs_module
from quotes.cache import ParseCache
from quotes.extractor import Extractor
from quotes.inputs import InputDoc
from quotes.models import DocumentError, DocumentResult
from quotes.runner import process, read_inputs, run
from test_runner import SENTENCES, StubFactory, StubParser, make_docs, stub_parse

GOOD = SENTENCES[0] + " " + SENTENCES[3]


def records_of(docs, extractor, **kw):
    return [r for recs, _ in process(docs, extractor, **kw) for r in recs]


def test_bad_files_become_error_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_latin1.txt").write_bytes("Er sagte, es sei schön.".encode("latin-1"))
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "e_good.txt").write_text(SENTENCES[1], encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_bytes(b'{"id": "j1", "text": "Er sagte nichts."}\n{"id": "j2", "text": 5}\n[1, 2]\n{broken\n'
                      b'{"id": "j5", "text": "\\ud800 Ein Satz."}\n{"id": "j6", "text": "Zum Schluss."}\n')
    out = tmp_path / "out.jsonl"
    summary = run(read_inputs([str(folder), str(jsonl)]), Extractor(parser=StubParser()), fmt="jsonl",
                  output=out, chunk_size=3, log=io.StringIO())
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r.get("error")) for r in records] == [
        ("a_good", None), ("b_latin1", "encoding"), ("c_empty", "empty"), ("d_binary", "binary"),
        ("e_good", None), ("j1", None), ("j2", "bad_json"), ("more:3", "bad_json"), ("more:4", "bad_json"),
        ("j5", "encoding"), ("j6", None),
    ]
    assert summary.documents == 11 and summary.errors == 7
    assert summary.error_kinds == {"encoding": 2, "empty": 1, "binary": 1, "bad_json": 3}


def test_enormous_document_is_refused(monkeypatch):
    monkeypatch.setattr(inputs_module, "MAX_CHARS", 200)
    docs = [InputDoc("small", GOOD), InputDoc("huge", GOOD * 20), InputDoc("after", GOOD)]
    records = records_of(docs, Extractor(parser=StubParser()))
    assert [getattr(r, "error", None) for r in records] == [None, "too_large", None]


def test_parser_error_costs_only_its_document():
    parser = StubParser(fail_on="KAPUTT")
    docs = make_docs(3) + [InputDoc("bad", GOOD + " KAPUTT")] + make_docs(3, prefix="e")
    records = records_of(docs, Extractor(parser=parser), chunk_size=7)
    assert [r.id for r in records] == [d.id for d in docs]
    assert [r.id for r in records if isinstance(r, DocumentError)] == ["bad"]
    assert records[3].error == "parser" and "KAPUTT" in records[3].message


def test_rule_error_costs_only_its_document(monkeypatch):
    real = extractor_module.extract_from_parsed

    def flaky(doc, doc_id="0", model=None):
        if doc_id == "d0001":
            raise IndexError("rule bug")
        return real(doc, doc_id, model)

    monkeypatch.setattr(extractor_module, "extract_from_parsed", flaky)
    records = records_of(make_docs(3), Extractor(parser=StubParser()))
    assert [type(r).__name__ for r in records] == ["DocumentResult", "DocumentError", "DocumentResult"]
    assert records[1].error == "internal" and "rule bug" in records[1].message


def test_worker_crash_costs_only_its_document():
    docs = make_docs(4) + [InputDoc("crash", GOOD + " ABSTURZ")] + make_docs(4, prefix="e")
    records = records_of(docs, StubFactory(crash_on="ABSTURZ"), workers=2, chunk_size=3)
    assert [r.id for r in records] == [d.id for d in docs]
    assert [(r.id, r.error) for r in records if isinstance(r, DocumentError)] == [("crash", "crash")]


def test_unwritable_cache_loses_nothing(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be")
    records = records_of(make_docs(3), Extractor(parser=StubParser(), cache_dir=blocker))
    assert all(isinstance(r, DocumentResult) for r in records)


def test_corrupt_cache_entry_is_parsed_again(tmp_path):
    parser = StubParser()
    ex = Extractor(parser=parser, cache_dir=tmp_path)
    first = ex.extract(GOOD)
    key = ParseCache.key(GOOD, parser.identity)
    entry = tmp_path / key[:2] / f"{key}.json.gz"
    assert entry.exists()
    entry.write_bytes(b"\x1f\x8b garbage")
    assert ex.extract(GOOD) == first
    assert parser.calls == 2
    assert ex.extract(GOOD) == first and parser.calls == 2  # repaired entry is used


def test_cache_gives_the_same_records(tmp_path):
    docs = make_docs(6)
    plain = [r.model_dump() for r in records_of(docs, Extractor(parser=StubParser()))]
    cached = Extractor(parser=StubParser(), cache_dir=tmp_path)
    assert [r.model_dump() for r in records_of(docs, cached)] == plain
    again = Extractor(parser=StubParser(fail_on="."), cache_dir=tmp_path)  # any parse would fail now
    assert [r.model_dump() for r in records_of(docs, again)] == plain


def test_odd_ids_and_texts_keep_the_output_valid(tmp_path):
    docs = [InputDoc("id\ud800", GOOD), InputDoc("zeilen\numbruch", "Er sagte:\r\n„Ja.“\u2028Gut."),
            InputDoc("", GOOD)]
    out = tmp_path / "out.jsonl"
    run(docs, Extractor(parser=StubParser()), fmt="jsonl", output=out, log=io.StringIO())
    lines = out.read_bytes().decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 4
    assert [json.loads(line)["id"] for line in lines[:-1]] == ["id\ufffd", "zeilen\numbruch", ""]


def test_extract_raises_value_error_for_unusable_text():
    ex = Extractor(parser=StubParser())
    with pytest.raises(ValueError, match="empty"):
        ex.extract("   ")


def test_every_span_matches_on_stub_parses():
    ex = Extractor(parser=StubParser())
    for doc in make_docs(10):
        result = ex.extract(doc.text, doc.id)
        for q in result.quotes:
            for span in q.spans():
                assert doc.text[span.start:span.end] == span.text


@pytest.mark.model
def test_real_parser_batch_with_bad_documents(extractor):
    docs = [InputDoc("gut", "„Wir kommen wieder“, sagte Müller."), InputDoc("leer", ""),
            InputDoc("englisch", "This is plainly an English sentence that has nothing German at all in it."),
            InputDoc("zahlen", "1 2 3 4 5 6 7 8 9 10 11 12"), InputDoc("gut2", "Er sagte, er sei müde.")]
    records = list(extractor.extract_many(docs))
    assert [r.id for r in records] == [d.id for d in docs]
    assert isinstance(records[0], DocumentResult) and isinstance(records[4], DocumentResult)
    assert records[1].error == "empty" and records[2].error == "not_german"
    assert records[0].quotes


def test_stub_parse_offsets_are_valid():
    text = "„Ja“, sagte er.  Dann: »nein«!"
    doc = stub_parse(text)
    assert all(text[w.start:w.end] == w.text for w in doc.words())

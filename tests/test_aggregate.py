"""Speakers across documents (quotes.aggregate) and reading records back (quotes.records_io)."""

from __future__ import annotations

import json

import pytest

from quotes.aggregate import aggregate_speakers, name_key
from quotes.exporters.jsonl import dump
from quotes.inputs import InputDoc
from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker, SpeakerEntity
from quotes.records_io import RecordsError, is_records_file, read_records, records_from_paths


def at(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start`` (exact offsets)."""
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


def quote(text, qid, qtype, content, mention=None, name=None, descriptor=None, entity=None) -> Quote:
    sp = None
    if mention or name or entity:
        sp = Speaker(mention=at(text, mention) if mention else None, name=name, descriptor=descriptor, entity=entity)
    return Quote(id=qid, type=qtype, content=[at(text, content)], speaker=sp, rule="test", confidence=0.7)


T1 = "Außenminister Mike Pompeo sagte: „Wir verhandeln.“ Er betonte, man bleibe hart. Jemand warnte vor Eile."
T2 = "US-Außenminister Pompeo erklärte, die Gespräche gingen weiter. Der Kreml schwieg zu „Größe“."
T3 = "„Ja“, sagte Weiß."


def records() -> list:
    d1 = DocumentResult(id="d1", text=T1, quotes=[
        quote(T1, "q1", QuoteType.DIRECT, "„Wir verhandeln.“", "Außenminister Mike Pompeo", "Mike Pompeo",
              "Außenminister", "s1"),
        quote(T1, "q2", QuoteType.INDIRECT, "man bleibe hart", "Er", None, None, "s1"),  # name via entity
        quote(T1, "q3", QuoteType.REPORTED, "vor Eile", "Jemand"),  # unresolved
    ], speakers=[SpeakerEntity(id="s1", name="Mike Pompeo", descriptors=["Außenminister"],
                               mentions=[at(T1, "Außenminister Mike Pompeo")], quote_ids=["q1", "q2"])])
    d2 = DocumentResult(id="d2", text=T2, quotes=[
        quote(T2, "q1", QuoteType.INDIRECT, "die Gespräche gingen weiter", "US-Außenminister Pompeo",
              "mike  POMPEO", "US-Außenminister"),
        quote(T2, "q2", QuoteType.REPORTED, "zu „Größe“", "Der Kreml", "der Kreml"),
    ], speakers=[SpeakerEntity(id="s1", name="der Kreml", quote_ids=["q2"]),
                 SpeakerEntity(id="s2", name="Sergej Lawrow", descriptors=["Außenminister"])])
    d3 = DocumentResult(id="d3", text=T3, quotes=[quote(T3, "q1", QuoteType.DIRECT, "„Ja“", "Weiß", "Weiß")])
    return [d1, DocumentError(id="bad", error="empty", message="The document is empty."), d2, d3]


def test_merges_speakers_by_canonical_name():
    table = aggregate_speakers(records())
    by_name = {s.name: s for s in table.speakers}
    assert set(by_name) == {"Mike Pompeo", "der Kreml", "Weiß", "Sergej Lawrow"}
    pompeo = by_name["Mike Pompeo"]
    assert pompeo.documents == ["d1", "d2"]
    assert dict(pompeo.counts) == {"direct": 1, "indirect": 2}
    assert pompeo.total == 3
    assert pompeo.descriptors == ["Außenminister", "US-Außenminister"]
    assert by_name["Sergej Lawrow"].total == 0 and by_name["Sergej Lawrow"].documents == ["d2"]
    assert table.speakers[0] is pompeo
    assert [s.name for s in table.speakers[1:]] == ["der Kreml", "Weiß", "Sergej Lawrow"]
    assert dict(table.unattributed) == {"reported": 1}
    assert table.documents == 3 and table.errors == 1


def test_as_dict_is_json_ready():
    d = aggregate_speakers(records()).as_dict()
    json.dumps(d)
    first = d["speakers"][0]
    assert first["quotes"] == {"direct": 1, "indirect": 2, "mixed": 0, "reported": 0, "free_indirect": 0}
    assert first["total"] == 3 and d["unattributed"]["reported"] == 1


def test_name_key():
    assert name_key("  Mike\tPOMPEO ") == name_key("mike pompeo")
    assert name_key("Weiß") != name_key("Weiss")


# -- reading records back -----------------------------------------------------


def write_jsonl(path, recs) -> None:
    path.write_text("".join(dump(r) + "\n" for r in recs), encoding="utf-8")


def test_read_jsonl_and_json_array(tmp_path):
    recs = records()
    jl = tmp_path / "out.jsonl"
    write_jsonl(jl, recs)
    assert list(read_records(jl)) == recs
    js = tmp_path / "out.json"
    js.write_text(json.dumps([r.model_dump(mode="json") for r in recs], ensure_ascii=False, indent=2),
                  encoding="utf-8")
    back = list(read_records(js))
    assert back == recs and isinstance(back[1], DocumentError)


def test_read_the_json_exporter_output(tmp_path):
    from quotes.exporters.jsonl import JsonExporter

    path = tmp_path / "out.json"
    with open(path, "w", encoding="utf-8") as fh:
        exp = JsonExporter(fh)
        for r in records():
            exp.write(r)
        exp.close()
    assert list(read_records(path)) == records()


def test_read_one_pretty_record_and_empty_files(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(dump(records()[0], indent=2), encoding="utf-8")
    assert list(read_records(one)) == records()[:1]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert list(read_records(empty)) == []


def test_bad_files_give_clear_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(dump(records()[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(RecordsError, match="line 2 is not valid JSON"):
        list(read_records(bad))
    raw = tmp_path / "raw.jsonl"
    raw.write_text('{"id": "a", "text": "Er sagte nichts."}\n', encoding="utf-8")
    with pytest.raises(RecordsError, match="raw input"):
        list(read_records(raw))
    wrong = tmp_path / "wrong.jsonl"
    obj = records()[0].model_dump(mode="json")
    obj["quotes"][0]["content"][0]["start"] += 1
    wrong.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    with pytest.raises(RecordsError, match=r"wrong.jsonl: line 1 is not a valid record"):
        list(read_records(wrong))
    text = tmp_path / "plain.json"
    text.write_text("Hallo", encoding="utf-8")
    with pytest.raises(RecordsError, match="not a quotes JSON"):
        list(read_records(text))
    with pytest.raises(RecordsError, match="cannot read"):
        list(read_records(tmp_path / "missing.jsonl"))


def test_is_records_file(tmp_path):
    jl = tmp_path / "out.jsonl"
    write_jsonl(jl, records())
    raw = tmp_path / "in.jsonl"
    raw.write_text('{"id": "a", "text": "Er sagte nichts."}\n', encoding="utf-8")
    txt = tmp_path / "a.txt"
    txt.write_text("Er sagte nichts.", encoding="utf-8")
    errors_only = tmp_path / "errors.jsonl"
    write_jsonl(errors_only, [records()[1]])
    assert is_records_file(str(jl)) and is_records_file(str(errors_only))
    assert not is_records_file(str(raw)) and not is_records_file(str(txt))
    assert not is_records_file("-") and not is_records_file(str(tmp_path))
    assert is_records_file(str(tmp_path / "x.json")) is False  # missing


class FakeExtractor:
    """Turns each input document into a result without quotes (no model)."""

    def __init__(self) -> None:
        self.n_words = 0
        self.seen: list[str] = []

    def process_batch(self, docs):
        out = []
        for d in docs:
            d = d if isinstance(d, InputDoc) else InputDoc(*d)
            self.seen.append(d.id)
            out.append(DocumentError(id=d.id, error=d.error, message=d.message) if d.error
                       else DocumentResult(id=d.id, text=d.text))
        return out


def test_records_from_paths_reads_records_and_extracts_raw_input(tmp_path):
    jl = tmp_path / "out.jsonl"
    write_jsonl(jl, records())
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "x.txt").write_text("Müller sagte nichts.", encoding="utf-8")
    made = []

    def factory():
        made.append(FakeExtractor())
        return made[-1]

    assert list(records_from_paths([str(jl)], factory)) == records()
    assert made == []  # record files need no model
    out = list(records_from_paths([str(jl), str(raw)], factory))
    assert [r.id for r in out] == ["d1", "bad", "d2", "d3", "x"]
    assert out[-1].text == "Müller sagte nichts." and len(made) == 1
    with pytest.raises(RecordsError, match="No such file"):
        list(records_from_paths([str(tmp_path / "nope.txt")], factory))

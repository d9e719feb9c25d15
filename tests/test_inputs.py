"""Input checks: what is refused, with which error class."""

from __future__ import annotations

import io
import json

import pytest

from quotes.inputs import check_text, decode, looks_german, read_paths


@pytest.mark.parametrize(
    "text,error",
    [
        ("", "empty"),
        ("  \n\t ", "empty"),
        ("abc\x00def", "binary"),
        ("The quick brown fox jumps over the lazy dog and then it runs away from the farmer.", "not_german"),
        ("Le chat est sur la table et il dort dans la cuisine avec les enfants qui jouent.", "not_german"),
        ("Der Minister sagte, die Lage sei ernst, und die Regierung werde nicht nachgeben.", None),
        ("Ergebnisse: Bayern München – Borussia Dortmund 2:1, Hertha BSC – VfB Stuttgart 0:0, "
         "Werder Bremen – Hamburger SV 3:2, Schalke 04 – 1. FC Köln 1:1", None),
        ("Kurz: „Ja.“", None),
    ],
)
def test_check_text(text, error):
    problem = check_text(text)
    assert (problem[0] if problem else None) == error
    if problem:
        assert problem[1].endswith(".")


def test_decode_reports_bad_bytes():
    assert decode("Grüße".encode("utf-8"))[0] == "Grüße"
    assert decode("\ufeffGrüße".encode("utf-8"))[0] == "Grüße"
    assert decode("Grüße".encode("latin-1"))[1][0] == "encoding"
    assert decode(b"\x00\x01PNG")[1][0] == "binary"


def test_short_texts_pass_the_language_check():
    assert looks_german("Ja, sagte er.")


# -- the decoding policy: UTF-8 (BOM allowed), UTF-16 with BOM, else an error ------

TEXT = "Der Bürgermeister sagte, er werde die Straße schließen."


@pytest.mark.parametrize(
    "data,expected",
    [
        (TEXT.encode("utf-8"), TEXT),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # with the platform's byte order mark
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), TEXT),
        (TEXT.encode("latin-1"), "encoding"),
        (TEXT.encode("cp1252"), "encoding"),
        (TEXT.encode("utf-16-le"), "encoding"),  # no byte order mark: said so, not "binary"
        (TEXT.encode("utf-32"), "encoding"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le") + b"\x00", "encoding"),  # a cut-off character
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_one_decoding_policy(data, expected):
    text, err = decode(data)
    assert (text if err is None else err[0]) == expected
    if err:
        assert err[1].endswith(".") and "UTF" in err[1] or err[0] == "binary"


def docs_of(paths, stdin=None):
    return [(d.id, d.error, d.text) for d in read_paths(paths, stdin=stdin)]


def test_jsonl_lines_are_decoded_one_by_one(tmp_path):
    good = json.dumps({"id": "ok", "text": TEXT}, ensure_ascii=False)
    bad = json.dumps({"id": "l1", "text": TEXT}, ensure_ascii=False)
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good.encode() + b"\n" + bad.encode("latin-1") + b"\n"
                     + good.replace("ok", "ok2").encode() + b"\n")
    assert docs_of([str(path)]) == [("ok", None, TEXT), ("l1", "encoding", None), ("ok2", None, TEXT)]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be-bom"])
def test_utf16_jsonl_is_decoded(tmp_path, encoding):
    lines = "\n".join(json.dumps({"id": f"w{i}", "text": TEXT + " \u2028 Ende."}, ensure_ascii=False)
                      for i in range(3)) + "\n"
    data = lines.encode("utf-16") if encoding == "utf-16" else b"\xfe\xff" + lines.encode("utf-16-be")
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    assert docs_of([str(path)]) == [(f"w{i}", None, TEXT + " \u2028 Ende.") for i in range(3)]
    assert docs_of(["-"], stdin=io.BytesIO(data)) == docs_of([str(path)])


def test_stdin_follows_the_same_policy():
    assert docs_of(["-"], stdin=io.BytesIO(TEXT.encode("utf-16"))) == [("stdin", None, TEXT)]
    assert docs_of(["-"], stdin=io.BytesIO(TEXT.encode("latin-1")))[0][1] == "encoding"
    line = json.dumps({"id": "x", "text": TEXT}, ensure_ascii=False).encode("latin-1")
    assert docs_of(["-"], stdin=io.BytesIO(line + b"\n")) == [("x", "encoding", None)]


def test_json_error_messages_are_whole_sentences(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "c", "text": "a\tb"}\n{"id": 1,\n')
    first, second = list(read_paths([str(path)]))
    assert first.error == "bad_json" and "Invalid control character at column 23" in first.message
    assert second.message.startswith("Line 2 is not valid JSON (Expecting") and "column" in second.message


def test_unreadable_inputs_are_records(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to("nowhere.txt")
    loop = tmp_path / "loop.jsonl"
    loop.symlink_to(loop)
    empty = tmp_path / "nothing"
    empty.mkdir()
    got = [(d.id, d.error) for d in read_paths([str(folder), str(loop), str(empty), str(tmp_path / "missing.txt")])]
    assert got == [("a", None), ("gone", "unreadable"), ("loop", "unreadable"), ("loop", "duplicate_id"),
                   ("nothing", "empty"), ("missing", "unreadable")]


def test_repeated_ids_become_error_records(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": TEXT}) + "\n" for i in ("a", "b", "a")), encoding="utf-8")
    docs = list(read_paths([str(path)]))
    assert [(d.id, d.error) for d in docs] == [("a", None), ("b", None), ("a", "duplicate_id")]
    assert "in.jsonl line 1" in docs[2].message and "in.jsonl line 3" in docs[2].message


# -- Extractor.extract: a documented exception for a text it cannot process --------


def _stub_extractor():
    from quotes.extractor import Extractor
    from test_runner import StubParser

    return Extractor(parser=StubParser())


@pytest.mark.parametrize("text,error", [("", "empty"), (" \n\t", "empty"), ("a\x00b", "binary"),
                                        ("\ud800 Er sagte nichts.", "encoding")])
def test_extract_raises_document_rejected_with_the_error_class(text, error):
    from quotes import DocumentRejected

    with pytest.raises(DocumentRejected) as exc:
        _stub_extractor().extract(text)
    assert isinstance(exc.value, ValueError) and exc.value.error == error == exc.value.record.error
    assert str(exc.value) == exc.value.record.message


def test_extract_refuses_a_non_string():
    with pytest.raises(TypeError, match="str, not bytes"):
        _stub_extractor().extract(b"Er sagte nichts.")


def test_unreadable_subfolder_is_a_record(tmp_path, monkeypatch):
    import os

    folder = tmp_path / "in"
    (folder / "zu").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "zu" / "b.txt").write_text(TEXT, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("zu"):  # as root, mode 000 would not keep us out
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs = list(read_paths([str(folder)]))
    assert [(d.id, d.error) for d in docs] == [("zu", "unreadable"), ("a", None)]
    assert "Permission denied" in docs[0].message


# -- article metadata in JSON Lines ------------------------------------------------


@pytest.mark.parametrize("value,ok", [
    ("2019-04-19", True), ("2019-04-19T14:30", True), ("2019-04-19T14:30:00", True),
    ("2019-04-19T14:30:00Z", True), ("2019-04-19T14:30:00+02:00", True), ("2019-04-19 14:30:00.123-0500", True),
    ("2024-02-29", True), ("2023-02-29", False), ("2019-13-01", False), ("2019-04-19T25:00", False),
    ("19.04.2019", False), ("2019-04", False), ("2019", False), ("20190419", False), ("2019-W16", False),
    ("2019-04-19T14:30:00+25:00", False), ("April 19, 2019", False), ("2019-04-19 und mehr", False),
])
def test_iso_dates(value, ok):
    from quotes.inputs import iso_date

    assert iso_date(value) is ok


def meta_line(**fields) -> str:
    return json.dumps({"id": "m", "text": TEXT, **fields}, ensure_ascii=False) + "\n"


def test_jsonl_metadata_is_read(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        meta_line(date="2019-04-19T10:00:00+02:00", source=" Deutsche Welle ", url="https://dw.com/a", title="Titel",
                  author="ignored as before")
        + json.dumps({"id": "plain", "text": TEXT}) + "\n"
        + json.dumps({"id": "blank", "text": TEXT, "date": " ", "source": None, "title": ""}) + "\n",
        encoding="utf-8")
    full, plain, blank = read_paths([str(path)])
    assert full.error is None and full.text == TEXT
    assert full.meta.model_dump() == {"date": "2019-04-19T10:00:00+02:00", "source": "Deutsche Welle",
                                      "url": "https://dw.com/a", "title": "Titel"}
    assert plain.meta is None and blank.meta is None and blank.error is None


def test_txt_input_carries_no_metadata(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (doc,) = read_paths([str(tmp_path / "a.txt")])
    assert doc.error is None and doc.meta is None


@pytest.mark.parametrize("fields,message", [
    ({"date": "19.04.2019"}, "Line 1: The \"date\" '19.04.2019' is not an ISO 8601 date or date-time"),
    ({"date": 20190419}, 'Line 1: The "date" must be a string, not a number.'),
    ({"source": ["DW"]}, 'Line 1: The "source" must be a string, not a list.'),
    ({"url": {"href": "x"}}, 'Line 1: The "url" must be a string, not an object.'),
    ({"title": True}, 'Line 1: The "title" must be a string, not true or false.'),
])
def test_bad_metadata_is_an_error_record_and_the_others_go_on(tmp_path, fields, message):
    path = tmp_path / "in.jsonl"
    path.write_text(meta_line(**fields) + json.dumps({"id": "next", "text": TEXT}) + "\n", encoding="utf-8")
    bad, good = read_paths([str(path)])
    assert (bad.id, bad.error, bad.text) == ("m", "bad_meta", None)
    assert bad.message.startswith(message) and bad.message.endswith(".")
    assert (good.id, good.error) == ("next", None)


def test_metadata_on_stdin():
    (doc,) = read_paths(["-"], stdin=io.BytesIO(meta_line(date="2020-01-31", source="taz").encode("utf-8")))
    assert (doc.meta.date, doc.meta.source) == ("2020-01-31", "taz")


def test_extract_and_extract_many_carry_metadata():
    from quotes import DocumentRejected
    from quotes.models import ArticleMeta

    ex = _stub_extractor()
    meta = ArticleMeta(date="2019-04-19", source="DW")
    assert ex.extract(TEXT, id="a", meta=meta).meta == meta
    assert ex.extract(TEXT, meta={"date": "2019-04-19", "title": "T"}).meta == ArticleMeta(date="2019-04-19",
                                                                                          title="T")
    assert ex.extract(TEXT).meta is None
    with pytest.raises(DocumentRejected) as exc:
        ex.extract(TEXT, meta={"date": "gestern"})
    assert exc.value.error == "bad_meta"
    with pytest.raises(TypeError, match="meta"):
        ex.extract(TEXT, meta="2019-04-19")
    got = list(ex.extract_many([{"id": "x", "text": TEXT, "source": "taz"}, ("y", TEXT),
                                {"id": "z", "text": TEXT, "url": 5}]))
    assert got[0].meta == ArticleMeta(source="taz") and got[1].meta is None
    assert (got[2].id, got[2].error) == ("z", "bad_meta")

"""CSV export for spreadsheets: BOM, dialects, quoting, one row per quote, error rows."""

from __future__ import annotations

import csv
import io

import pytest

from quotes.exporters import get_exporter
from quotes.exporters.csv import BOM, COLUMNS, CsvExporter
from quotes.models import (ArticleMeta, DocumentError, DocumentResult, Gender, Quote, QuoteType, Span, Speaker,
                           SpeakerEntity)


def at(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start`` (exact offsets)."""
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


TEXT_A = ("Die Ministerin sagte: „Wir sagen „nein“; niemals.“\n"
          'Müller betonte, man werde "hart" bleiben;\nes gehe um Größe und Übermut.\n')
TEXT_B = "„Das ist“, sagte Weiß, „ein Spaß.“"


def records() -> list:
    a = DocumentResult(id="artikel-ä", text=TEXT_A, quotes=[
        Quote(id="q1", type=QuoteType.DIRECT, content=[at(TEXT_A, "„Wir sagen „nein“; niemals.“")],
              cue=[at(TEXT_A, "sagte")], cue_lemma="sagen",
              speaker=Speaker(mention=at(TEXT_A, "Die Ministerin"), name="Anna Schäfer",
                              descriptor="Ministerin", entity="s1"),
              sentences=[0], rule="direct.colon", confidence=0.9),
        Quote(id="q2", type=QuoteType.INDIRECT,
              content=[at(TEXT_A, 'man werde "hart" bleiben;\nes gehe um Größe und Übermut.')],
              cue=[at(TEXT_A, "betonte")], cue_lemma="betonen",
              speaker=Speaker(mention=at(TEXT_A, "Müller"), name="Jörg Müller", entity="s2"),
              sentences=[1, 2], rule="indirect.frame", confidence=0.85),
    ], speakers=[SpeakerEntity(id="s1", name="Anna Schäfer", descriptors=["Ministerin"], quote_ids=["q1"]),
                 SpeakerEntity(id="s2", name="Jörg Müller", quote_ids=["q2"])])
    b = DocumentResult(id="b", text=TEXT_B, quotes=[
        Quote(id="q1", type=QuoteType.DIRECT, content=[at(TEXT_B, "„Das ist“"), at(TEXT_B, "„ein Spaß.“")],
              cue=[at(TEXT_B, "sagte")], cue_lemma="sagen",
              speaker=Speaker(mention=at(TEXT_B, "Weiß"), name="Weiß"), sentences=[0], rule="direct.split",
              confidence=1.0),
    ])
    empty = DocumentResult(id="leer", text="Keine Zitate hier.")
    error = DocumentError(id="kaputt", error="parser", message='Der Parser schlug fehl; "Zeile\n2".')
    return [a, b, empty, error]


def export(recs, **options) -> str:
    out = io.StringIO(newline="")
    exporter = CsvExporter(out, **options)
    for r in recs:
        exporter.write(r)
    exporter.close()
    return out.getvalue()


def read_back(data: str, dialect: str = "excel") -> list[dict[str, str]]:
    assert data.startswith(BOM)
    rows = list(csv.reader(io.StringIO(data[len(BOM):], newline=""), dialect=dialect))
    assert tuple(rows[0]) == COLUMNS
    assert all(len(r) == len(COLUMNS) for r in rows)
    return [dict(zip(COLUMNS, r)) for r in rows[1:]]


def test_starts_with_bom_and_header():
    data = export(records())
    assert data.startswith("\ufeffdoc_id,quote_id,type,")
    assert data.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_one_row_per_quote_round_trips_through_the_csv_module():
    rows = read_back(export(records()))
    assert [(r["doc_id"], r["quote_id"]) for r in rows] == [
        ("artikel-ä", "q1"), ("artikel-ä", "q2"), ("b", "q1"), ("leer", ""), ("kaputt", "")]
    q1, q2, split, empty, error = rows
    assert q1 == {
        "doc_id": "artikel-ä", "quote_id": "q1", "type": "direct", "speaker": "Anna Schäfer",
        "speaker_mention": "Die Ministerin", "descriptor": "Ministerin", "cue": "sagte", "cue_lemma": "sagen",
        "content": "„Wir sagen „nein“; niemals.“", "addressee": "", "medium": "",
        "content_start": str(TEXT_A.index("„Wir")), "content_end": str(TEXT_A.index("\nMüller")),
        "sentences": "0", "confidence": "0.9", "rule": "direct.colon", "error": "",
        "speaker_gender": "unknown", "article_date": "", "article_source": "", "article_title": "",
        "article_url": "",
    }
    # quotation marks, a semicolon and a line break inside one field survive unchanged
    assert q2["content"] == 'man werde "hart" bleiben;\nes gehe um Größe und Übermut.'
    assert q2["sentences"] == "1, 2" and q2["confidence"] == "0.85"
    assert TEXT_A[int(q2["content_start"]):int(q2["content_end"])] == q2["content"]
    assert split["content"] == "„Das ist“ … „ein Spaß.“" and split["speaker"] == "Weiß"
    assert split["confidence"] == "1"
    assert all(v == "" for k, v in empty.items() if k != "doc_id")
    assert error["error"] == 'parser: Der Parser schlug fehl; "Zeile\n2".'
    assert all(v == "" for k, v in error.items() if k not in ("doc_id", "error"))


def test_fields_with_quotes_are_quoted_and_doubled():
    data = export(records())
    assert '"man werde ""hart"" bleiben;\nes gehe um Größe und Übermut."' in data


def test_excel_de_uses_semicolons_and_decimal_commas():
    data = export(records(), csv_dialect="excel-de")
    header = data[len(BOM):].split("\r\n", 1)[0]
    assert header == ";".join(COLUMNS)
    rows = read_back(data, dialect="excel-de")
    assert rows[0]["content"] == "„Wir sagen „nein“; niemals.“"
    assert rows[1]["confidence"] == "0,85"
    assert '"„Wir sagen „nein“; niemals.“"' in data  # the semicolon forces quoting


def test_file_round_trip_with_utf8_sig(tmp_path):
    path = tmp_path / "quotes.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        exporter = get_exporter("csv", fh, csv_dialect="excel-de")
        for r in records():
            exporter.write(r)
        exporter.close()
    assert path.read_bytes().startswith(b"\xef\xbb\xbfdoc_id;")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, dialect="excel-de"))
    assert rows[1]["content"] == 'man werde "hart" bleiben;\nes gehe um Größe und Übermut.'
    assert rows[0]["speaker"] == "Anna Schäfer" and rows[0]["doc_id"] == "artikel-ä"


def test_empty_run_still_writes_the_header():
    data = export([])
    assert data == BOM + ",".join(COLUMNS) + "\r\n"


def test_unknown_options_are_ignored_and_unknown_dialects_refused():
    CsvExporter(io.StringIO(), csv_dialect="excel", title="x", whatever=1)
    CsvExporter(io.StringIO(), csv_dialect=None)
    with pytest.raises(ValueError, match="excel-de"):
        CsvExporter(io.StringIO(), csv_dialect="tab")


def test_addressee_and_medium_columns():
    text = "Staatliche Medien zitierten Kwon gegenüber Reportern: „Nein.“"
    doc = DocumentResult(id="m", text=text, quotes=[Quote(
        id="q1", type=QuoteType.DIRECT, content=[at(text, "„Nein.“")], cue=[at(text, "zitierten")],
        speaker=Speaker(mention=at(text, "Kwon"), name="Kwon"), addressee=at(text, "Reportern"),
        medium=at(text, "Staatliche Medien"), rule="r", confidence=0.5)])
    (row,) = read_back(export([doc]))
    assert row["addressee"] == "Reportern" and row["medium"] == "Staatliche Medien"


def test_cells_that_look_like_formulas_are_defused():
    from quotes.exporters.csv import _defuse

    assert _defuse("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _defuse("@SUM(A1)") == "'@SUM(A1)"
    assert _defuse("-5") == "-5"
    assert _defuse("„Wir kommen“") == "„Wir kommen“"


def test_columns_of_records_1_0_keep_their_places():
    """The columns added with records 1.1 come last: a spreadsheet set up for the old file still fits."""
    assert COLUMNS[:17] == ("doc_id", "quote_id", "type", "speaker", "speaker_mention", "descriptor", "cue",
                            "cue_lemma", "content", "addressee", "medium", "content_start", "content_end",
                            "sentences", "confidence", "rule", "error")
    assert COLUMNS[17:] == ("speaker_gender", "article_date", "article_source", "article_title", "article_url")


def test_article_metadata_and_speaker_gender_columns():
    a, b, empty, error = records()
    a.meta = ArticleMeta(date="2019-04-19", source="Deutsche Welle", url="https://www.dw.com/de/a-1",
                         title="=Ministerin: „Nein“")
    a.speakers[0].gender = Gender.FEMALE
    empty.meta = ArticleMeta(source="taz")
    q1, q2, split, no_quotes, err = read_back(export([a, b, empty, error], csv_dialect="excel-de"), "excel-de")
    for row in (q1, q2):  # every row of the document carries its metadata
        assert (row["article_date"], row["article_source"], row["article_url"]) == (
            "2019-04-19", "Deutsche Welle", "https://www.dw.com/de/a-1")
        assert row["article_title"] == "'=Ministerin: „Nein“"  # a title is defused like any cell
    assert (q1["speaker_gender"], q2["speaker_gender"]) == ("female", "unknown")
    # a speaker without an entity: unknown; no metadata: empty cells
    assert split["speaker_gender"] == "unknown" and split["article_date"] == split["article_source"] == ""
    assert no_quotes["article_source"] == "taz" and no_quotes["speaker_gender"] == ""
    assert err["article_source"] == "" and err["speaker_gender"] == ""

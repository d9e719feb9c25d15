"""``quotes speakers`` and ``quotes archive`` on record files made here (no model),
on raw input through a stand-in extractor, and once with the real model."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.exporters.jsonl import dump
from quotes.inputs import InputDoc
from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TXT = ROOT / "corpus" / "000_cc06fec6f0d5e8d6.txt"


def at(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start`` (exact offsets)."""
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


def quote(text, qid, qtype, content, mention, name, descriptor=None) -> Quote:
    return Quote(id=qid, type=qtype, content=[at(text, content)],
                 speaker=Speaker(mention=at(text, mention), name=name, descriptor=descriptor),
                 rule="test", confidence=0.8)


T1 = "Außenminister Pompeo sagte: „Wir verhandeln weiter; bald.“ Er betonte, man bleibe hart."
T2 = "Pompeo erklärte, die Gespräche seien „schwierig“. Der Kreml schwieg zur Größe des Treffens."


def records() -> list:
    return [
        DocumentResult(id="d1", text=T1, quotes=[
            quote(T1, "q1", QuoteType.DIRECT, "„Wir verhandeln weiter; bald.“", "Außenminister Pompeo",
                  "Mike Pompeo", "Außenminister"),
            quote(T1, "q2", QuoteType.INDIRECT, "man bleibe hart", "Er", "Mike Pompeo")]),
        DocumentResult(id="d2", text=T2, quotes=[
            quote(T2, "q1", QuoteType.MIXED, "die Gespräche seien „schwierig“", "Pompeo", "Mike Pompeo"),
            quote(T2, "q2", QuoteType.REPORTED, "zur Größe des Treffens", "Der Kreml", "der Kreml")]),
        DocumentError(id="d3", error="empty", message="The document is empty."),
    ]


@pytest.fixture
def jsonl(tmp_path) -> Path:
    path = tmp_path / "out.jsonl"
    path.write_text("".join(dump(r) + "\n" for r in records()), encoding="utf-8")
    return path


@pytest.fixture
def no_model(monkeypatch):
    """Fail loudly if a command tries to build an extractor for record files."""
    import quotes.commands.speakers as speakers_cmd

    def refuse(*_a, **_k):
        raise AssertionError("record files must not be extracted again")

    monkeypatch.setattr(speakers_cmd, "make_extractor", refuse)


class FakeExtractor:
    """Stands in for the model: every document gets one reported quote of 'Fake Sprecher'."""

    def __init__(self) -> None:
        self.n_words = 0

    def process_batch(self, docs):
        out = []
        for d in docs:
            if d.error or not d.text.strip():
                out.append(DocumentError(id=d.id, error=d.error or "empty", message=d.message or "Empty."))
                continue
            word = d.text.split()[0]
            i = d.text.index(word)
            out.append(DocumentResult(id=d.id, text=d.text, quotes=[Quote(
                id="q1", type=QuoteType.REPORTED, content=[Span.of(d.text, i, i + len(word))],
                speaker=Speaker(name="Fake Sprecher"), rule="fake", confidence=0.5)]))
        return out


@pytest.fixture
def fake_model(monkeypatch):
    import quotes.commands.speakers as speakers_cmd

    made = []

    def make(args, cache_dir=None):
        made.append(args)
        return FakeExtractor()

    monkeypatch.setattr(speakers_cmd, "make_extractor", make)
    return made


# -- quotes speakers ----------------------------------------------------------


def test_speakers_text(jsonl, no_model, capsys):
    assert main(["speakers", str(jsonl)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["speaker", "descriptor", "docs"]
    assert out[1].startswith("Mike Pompeo") and "Außenminister" in out[1] and out[1].split()[-1] == "3"
    assert out[2].startswith("der Kreml")
    assert out[-1] == "2 speakers in 2 documents; 1 error record"


def test_speakers_json_to_file(jsonl, no_model, tmp_path):
    target = tmp_path / "speakers.json"
    assert main(["speakers", str(jsonl), "-f", "json", "-o", str(target)]) == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    pompeo = data["speakers"][0]
    assert pompeo["name"] == "Mike Pompeo" and pompeo["documents"] == ["d1", "d2"]
    assert pompeo["quotes"] == {"direct": 1, "indirect": 1, "mixed": 1, "reported": 0, "free_indirect": 0}
    assert data["errors"] == 1


@pytest.mark.parametrize("dialect,delimiter", [("excel", ","), ("excel-de", ";")])
def test_speakers_csv(jsonl, no_model, tmp_path, dialect, delimiter):
    target = tmp_path / "speakers.csv"
    assert main(["speakers", str(jsonl), "-f", "csv", "--csv-dialect", dialect, "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfspeaker" + delimiter.encode())
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=delimiter))
    assert rows[0]["speaker"] == "Mike Pompeo" and rows[0]["total"] == "3" and rows[0]["articles"] == "2"
    assert rows[1]["speaker"] == "der Kreml" and rows[1]["reported"] == "1"


def test_speakers_reads_a_json_array(tmp_path, no_model, capsys):
    path = tmp_path / "out.json"
    path.write_text(json.dumps([r.model_dump(mode="json") for r in records()], ensure_ascii=False),
                    encoding="utf-8")
    assert main(["speakers", str(path), "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["speakers"][0]["total"] == 3


def test_speakers_on_raw_input_extracts_first(tmp_path, fake_model, capsys):
    raw = tmp_path / "in.jsonl"
    raw.write_text('{"id": "x", "text": "Zitat eins."}\n{"id": "y", "text": "Zitat zwei."}\n', encoding="utf-8")
    txt = tmp_path / "z.txt"
    txt.write_text("Zitat drei.", encoding="utf-8")
    assert main(["speakers", str(raw), str(txt), "-f", "json", "--offline"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["speakers"][0]["name"] == "Fake Sprecher"
    assert data["speakers"][0]["documents"] == ["x", "y", "z"]
    assert len(fake_model) == 1 and fake_model[0].offline is True


def test_speakers_bad_files_are_clear_errors(tmp_path, no_model, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[{\"id\": 1}]", encoding="utf-8")
    assert main(["speakers", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quotes: error:") and "record 1" in err and "Traceback" not in err
    assert main(["speakers", str(tmp_path / "nope.jsonl")]) == 2
    assert "No such file" in capsys.readouterr().err


@pytest.mark.model
def test_speakers_with_the_real_model(extractor, monkeypatch, capsys):
    import quotes.commands.speakers as speakers_cmd

    monkeypatch.setattr(speakers_cmd, "make_extractor", lambda *a, **k: extractor)
    assert main(["speakers", str(CORPUS_TXT), "-f", "json"]) == 0
    table = json.loads(capsys.readouterr().out)
    direct = extractor.extract(CORPUS_TXT.read_text(encoding="utf-8"), id=CORPUS_TXT.stem)
    named = [q for q in direct.quotes if q.speaker and q.speaker.name]
    assert table["speakers"] and table["documents"] == 1
    assert sum(s["total"] for s in table["speakers"]) == len(named)
    assert {s["name"] for s in table["speakers"]} >= {q.speaker.name for q in named}


# -- quotes archive -------------------------------------------------------------


def test_archive_add_search_stats(jsonl, no_model, tmp_path, capsys):
    db = str(tmp_path / "quotes.sqlite")
    assert main(["archive", "add", str(jsonl), "--db", db]) == 0
    assert "2 articles added, 0 replaced, 4 quotes; 1 error record not stored" in capsys.readouterr().err
    assert main(["archive", "add", str(jsonl), "--db", db]) == 0
    assert ("0 articles added, 2 replaced (already in the archive, now the new version: 'd1', 'd2')"
            in capsys.readouterr().err)

    assert main(["archive", "search", "Pompeo", "--db", db]) == 0
    captured = capsys.readouterr()
    out = captured.out
    # the article title (its first line) is indexed too: every quote of both articles matches
    numbered = [line for line in out.splitlines() if line[:1].isdigit()]
    assert [line.split(" ")[0] for line in numbered] == ["1.", "2.", "3.", "4."]
    assert sorted(line.split(" ")[1] for line in numbered) == ["d1", "d1", "d2", "d2"]
    assert "d1 · Außenminister Pompeo sagte" in out and "Mike Pompeo (Außenminister)" in out
    assert "4 quotes found" in captured.err

    assert main(["archive", "search", "Größe", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "der Kreml" in out and "zur [Größe] des Treffens" in out

    assert main(["archive", "search", "--speaker", "pompeo", "--type", "mixed", "-f", "json", "--db", db]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["article_id"], h["quote_id"], h["type"]) for h in hits] == [("d2", "q1", "mixed")]
    assert hits[0]["content"] == "die Gespräche seien „schwierig“"

    assert main(["archive", "stats", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "articles: 2" in out and "quotes:   4" in out and "Mike Pompeo (3)" in out
    assert main(["archive", "stats", "-f", "json", "--db", db]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 2 and stats["by_type"]["direct"] == 1


def test_archive_errors_are_one_line(jsonl, no_model, tmp_path, capsys):
    db = str(tmp_path / "quotes.sqlite")
    assert main(["archive", "search", "x", "--db", db]) == 2
    assert "no archive" in capsys.readouterr().err
    assert not Path(db).exists()
    assert main(["archive", "add", str(jsonl), "--db", db, "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["archive", "search", '"Pompeo', "--db", db]) == 2
    err = capsys.readouterr().err
    assert "invalid search query" in err and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["archive", "search", "x", "--type", "rumour", "--db", db])
    assert main(["archive", "add", str(tmp_path / "missing.jsonl"), "--db", db]) == 2
    assert "No such file" in capsys.readouterr().err


def test_archive_add_raw_input(tmp_path, fake_model, capsys):
    raw = tmp_path / "texte"
    raw.mkdir()
    (raw / "eins.txt").write_text("Bürgermeister sprach.", encoding="utf-8")
    (raw / "zwei.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "a.sqlite")
    assert main(["archive", "add", str(raw), "--db", db]) == 0
    assert "1 article added" in capsys.readouterr().err
    assert main(["archive", "search", "burgermeister", "-f", "json", "--db", db]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert hit["article_id"] == "eins" and hit["speaker"] == "Fake Sprecher"


def test_extract_passes_csv_dialect_to_every_exporter():
    from quotes.exporters import get_exporter

    for fmt in ("json", "jsonl", "csv", "html"):
        exporter = get_exporter(fmt, io.StringIO(newline=""), csv_dialect="excel-de")
        exporter.close()


def test_fake_extractor_sees_input_docs():
    (rec,) = FakeExtractor().process_batch([InputDoc("a", "Hallo Welt.")])
    assert rec.quotes[0].content[0].text == "Hallo"


def test_archive_add_names_repeated_ids(jsonl, no_model, tmp_path, capsys):
    db = str(tmp_path / "quotes.sqlite")
    assert main(["archive", "add", str(jsonl), str(jsonl), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "2 articles added, 0 replaced" in err
    assert "2 articles skipped: an earlier input of this add has the same id, the first was kept ('d1', 'd2')" in err


@pytest.mark.parametrize("query,message", [
    ("*", "to list every quote, leave the query out"),
    ("**", "Pomp* finds Pompeo"),
])
def test_archive_search_star_gets_a_hint(jsonl, no_model, tmp_path, capsys, query, message):
    db = str(tmp_path / "quotes.sqlite")
    assert main(["archive", "add", str(jsonl), "--db", db, "--quiet"]) == 0
    assert main(["archive", "search", query, "--db", db]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_archive_search_with_a_leading_dash(jsonl, no_model, tmp_path, capsys):
    db = str(tmp_path / "quotes.sqlite")
    assert main(["archive", "add", str(jsonl), "--db", db, "--quiet"]) == 0
    with pytest.raises(SystemExit) as exc:  # argparse: the subcommand's usage and a way out
        main(["archive", "search", "-Pompeo", "--db", db])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: quotes archive search") and "quotes archive search -- -Pompeo" in err
    assert main(["archive", "search", "--db", db, "--", "-Pompeo"]) == 2
    err = capsys.readouterr().err
    assert "cannot start with an excluded word" in err and "'Kreml -Pompeo'" in err
    assert main(["archive", "search", "Gespräche -Pompeo", "-f", "json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["archive", "search", "Pompeo -Kreml", "-f", "json", "--db", db]) == 0
    assert [h["article_id"] for h in json.loads(capsys.readouterr().out)] == ["d1", "d1"]  # d2 names the Kreml


@pytest.mark.parametrize("argv", [["schema"], ["download-model"], ["archive", "stats"], ["archive", "add"],
                                  ["archive", "search"], ["speakers"], ["extract"]])
def test_every_command_has_a_description(argv, capsys):
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    out = capsys.readouterr().out
    usage, description = out.split("\n\n")[:2]
    assert usage.startswith("usage: quotes") and len(description) > 40 and not description.startswith(
        ("positional", "options"))


def test_bad_record_file_message_is_whole(tmp_path, no_model, capsys):
    bad = tmp_path / "out.jsonl"
    bad.write_text(dump(records()[0]) + "\n" + '{"id": "x", "quotes": [], "text": "a\tb"}\n', encoding="utf-8")
    assert main(["speakers", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 2 is not valid JSON (Invalid control character at column" in err


@pytest.mark.parametrize("command", [["speakers", "-f", "json"], ["archive", "add"]])
def test_cache_spares_the_parser_on_re_runs(tmp_path, monkeypatch, capsys, command):
    import quotes.commands.speakers as speakers_cmd
    from quotes.extractor import Extractor
    from test_runner import SENTENCES, StubParser

    parsers = []

    def make(args, cache_dir=None):
        parsers.append(StubParser())
        return Extractor(parser=parsers[-1], cache_dir=cache_dir)

    monkeypatch.setattr(speakers_cmd, "make_extractor", make)
    raw = tmp_path / "in.jsonl"
    raw.write_text("".join(json.dumps({"id": f"t{i}", "text": s}, ensure_ascii=False) + "\n"
                           for i, s in enumerate(SENTENCES)), encoding="utf-8")
    cache = tmp_path / "cache"
    extra = ["--db", str(tmp_path / "a.sqlite")] if command[0] == "archive" else []
    outputs = []
    for _ in range(2):
        assert main([*command, str(raw), "--cache", str(cache), *extra]) == 0
        outputs.append(capsys.readouterr().out)
    assert parsers[0].calls > 0 and parsers[1].calls == 0  # the second run read every parse from the cache
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("lang,expected", [(None, '<html lang="de">'), ("en", '<html lang="en">')])
def test_extract_html_language(tmp_path, monkeypatch, lang, expected):
    import quotes.commands.extract as extract_cmd

    from quotes.extractor import Extractor
    from test_runner import SENTENCES, StubParser

    monkeypatch.setattr(extract_cmd, "make_extractor", lambda *a, **k: Extractor(parser=StubParser()))
    raw = tmp_path / "in.txt"
    raw.write_text(SENTENCES[0], encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["extract", str(raw), "-f", "html", "-o", str(out), "--quiet", *(["--lang", lang] if lang else [])]) == 0
    assert expected in out.read_text(encoding="utf-8")


# -- --workers for the commands that extract raw input first ------------------------


def test_records_from_raw_input_with_workers_equal_one_process(tmp_path):
    """Raw input extracted by two worker processes gives the records of one process, in input
    order; a document that kills its worker becomes an error record and the others go on."""
    from test_runner import StubFactory, make_docs

    from quotes.records_io import records_from_paths

    raw = tmp_path / "in.jsonl"
    docs = make_docs(9)
    lines = [json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) for d in docs]
    lines.insert(4, json.dumps({"id": "boom", "text": "ABSTURZ hier. „Wir kommen“, sagte Müller."}))
    raw.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = [r.model_dump() for r in records_from_paths([str(raw)], StubFactory(crash_on="ABSTURZ!"), workers=1)]
    two = [r.model_dump() for r in records_from_paths([str(raw)], StubFactory(crash_on="ABSTURZ"), workers=2)]
    assert [r["id"] for r in two] == [r["id"] for r in one] == [*(d.id for d in docs[:4]), "boom",
                                                                 *(d.id for d in docs[4:])]
    assert two[4]["error"] == "crash" and "error" not in one[4]
    assert [r for n, r in enumerate(two) if n != 4] == [r for n, r in enumerate(one) if n != 4]


@pytest.mark.parametrize("command", [["speakers"], ["archive", "add", "--db", "x.sqlite"]])
@pytest.mark.parametrize("value", ["0", "zwei"])
def test_workers_must_be_a_positive_number(command, value, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main([*command, "in.jsonl", "--workers", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--workers" in err and "Traceback" not in err


@pytest.mark.model
def test_speakers_and_archive_add_with_two_workers(model_dir, tmp_path, capsys):
    """``--workers 2`` with the real model: the speaker table and the archive equal those of one process."""
    raw = tmp_path / "in.jsonl"
    raw.write_text("".join(json.dumps({"id": f"a{n}", "text": t}, ensure_ascii=False) + "\n" for n, t in enumerate([
        "„Wir kommen morgen wieder“, sagte Bürgermeisterin Anna Berger.",
        "Der Minister Peter Novak erklärte, die Lage sei ernst.",
        "Anna Berger sagte, sie habe nichts gewusst. „Das ist neu“, fügte sie hinzu.",
    ])), encoding="utf-8")
    model = ["--model-dir", str(model_dir), "--offline"]
    tables = []
    for workers in ("1", "2"):
        assert main(["speakers", str(raw), "-f", "json", "--workers", workers, *model]) == 0
        tables.append(json.loads(capsys.readouterr().out))
    assert tables[0] == tables[1] and tables[0]["documents"] == 3
    assert {s["name"] for s in tables[0]["speakers"]} >= {"Anna Berger", "Peter Novak"}
    hits = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.sqlite")
        assert main(["archive", "add", str(raw), "--db", db, "--workers", workers, *model]) == 0
        assert "3 articles added" in capsys.readouterr().err
        assert main(["archive", "search", "--limit", "100", "-f", "json", "--db", db]) == 0
        hits.append(json.loads(capsys.readouterr().out))
    assert hits[0] == hits[1] and len(hits[0]) >= 3

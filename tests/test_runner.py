"""The batch runner: order, bounded chunks, workers, --resume, progress, the CLI.

These tests use :class:`StubParser` (regex tokens, flat trees), so they need
no model and run in seconds; worker tests start real ``spawn`` processes.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest

from quotes import cli
from quotes.doc import ParsedDoc, Sentence, Word
from quotes.extractor import Extractor
from quotes.inputs import InputDoc
from quotes.models import DocumentResult
from quotes.runner import DocumentWriter, RunnerError, Summary, done_ids, process, read_inputs, run

# -- a model-free parser ---------------------------------------------------

VERBS = {"sagte", "erklärte", "betonte", "meinte"}


def stub_parse(text: str) -> ParsedDoc:
    """Regex tokens, one sentence per . ! ?, flat trees (everything hangs on the first word)."""
    sentences: list[Sentence] = []
    words: list[Word] = []

    def close() -> None:
        if words:
            sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, list(words)))
            words.clear()

    for m in re.finditer(r"\w+|[^\w\s]", text):
        tok = m.group()
        upos = "PUNCT" if not tok[0].isalnum() else ("VERB" if tok.lower() in VERBS else "NOUN")
        first = not words
        words.append(Word(len(words) + 1, tok, tok.lower(), upos, "_", "_", 0 if first else 1,
                          "root" if first else ("punct" if upos == "PUNCT" else "dep"), m.start(), m.end(),
                          len(words)))
        if tok in ".!?":
            close()
    close()
    return ParsedDoc(text, sentences, "stub")


class StubParser:
    """Stands in for :class:`quotes.nlp.Parser`; ``fail_on`` raises, ``crash_on`` kills the process."""

    name = "stub"
    model_dir = "stub"
    stanza_version = None
    fingerprint = "stub"
    identity = "stub-parser-1"

    def __init__(self, batch_size: int = 4, fail_on: str | None = None, crash_on: str | None = None) -> None:
        self.batch_size = batch_size
        self.fail_on = fail_on
        self.crash_on = crash_on
        self.calls = 0

    def parse_many(self, texts):
        self.calls += 1
        for t in texts:
            if self.crash_on and self.crash_on in t:
                os._exit(3)
            if self.fail_on and self.fail_on in t:
                raise RuntimeError(f"stub parser refuses {self.fail_on}")
        return [stub_parse(t) for t in texts]


class StubFactory:
    """A picklable extractor factory for worker processes."""

    def __init__(self, **options) -> None:
        self.options = options

    def __call__(self) -> Extractor:
        options = dict(self.options)
        cache_dir = options.pop("cache_dir", None)
        return Extractor(parser=StubParser(**options), cache_dir=cache_dir)


SENTENCES = [
    "„Wir kommen morgen wieder“, sagte Müller.",
    "Die Regierung plant neue Gesetze für den Verkehr.",
    "»Das ist nicht akzeptabel«, erklärte die Ministerin am Montag.",
    "Er sagte, er sei mit dem Ergebnis zufrieden.",
    "Der Bürgermeister betonte: „Wir bauen die Brücke.“",
]


def make_docs(n: int, prefix: str = "d") -> list[InputDoc]:
    return [InputDoc(f"{prefix}{i:04d}", " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3)))
            for i in range(n)]


def ids_of(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def stub_extractor() -> Extractor:
    return Extractor(parser=StubParser())


# -- processing ------------------------------------------------------------


@pytest.mark.parametrize("chunk_size", [1, 3, 64])
def test_records_come_in_input_order(stub_extractor, chunk_size):
    docs = make_docs(11)
    records = [r for recs, _ in process(docs, stub_extractor, chunk_size=chunk_size) for r in recs]
    assert [r.id for r in records] == [d.id for d in docs]
    assert all(isinstance(r, DocumentResult) for r in records)
    assert any(r.quotes for r in records)


def test_words_are_counted(stub_extractor):
    docs = make_docs(4)
    words = sum(w for _, w in process(docs, stub_extractor, chunk_size=2))
    assert words == sum(stub_parse(d.text).n_words for d in docs)


def test_input_is_read_in_bounded_chunks(stub_extractor):
    consumed = 0

    def source():
        nonlocal consumed
        for doc in make_docs(50):
            consumed += 1
            yield doc

    written = 0
    for records, _ in process(source(), stub_extractor, chunk_size=4):
        assert consumed - written <= 4
        written += len(records)
    assert written == 50


def test_workers_give_the_same_records_in_order():
    docs = make_docs(13)
    one = [r.model_dump() for recs, _ in process(docs, StubFactory(), workers=1, chunk_size=2) for r in recs]
    two = [r.model_dump() for recs, _ in process(docs, StubFactory(), workers=2, chunk_size=2) for r in recs]
    assert two == one


def test_workers_need_a_factory(stub_extractor):
    with pytest.raises(RunnerError, match="factory"):
        list(process(make_docs(2), stub_extractor, workers=2))


def test_worker_start_up_failure_stops_the_run():
    with pytest.raises(RuntimeError, match="no model here"):
        list(process(make_docs(3), _failing_factory, workers=2, chunk_size=1))


def _failing_factory():
    raise RuntimeError("no model here")


# -- output and summary ----------------------------------------------------


def test_run_writes_one_line_per_document_and_sums_up(tmp_path, stub_extractor):
    docs = make_docs(7) + [InputDoc("empty", "   ")]
    out = tmp_path / "out.jsonl"
    log = io.StringIO()
    summary = run(docs, stub_extractor, fmt="jsonl", output=out, chunk_size=3, log=log)
    assert ids_of(out) == [d.id for d in docs]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.documents == 8 and summary.errors == 1 and summary.error_kinds == {"empty": 1}
    assert summary.quotes == sum(len(r.get("quotes", [])) for r in records) > 0
    assert summary.words > 0
    assert "empty: The document is empty." in log.getvalue()
    assert summary.line().startswith("quotes: 8 documents, ")


def test_each_document_is_one_write(tmp_path, stub_extractor, monkeypatch):
    writes: list[bytes] = []
    real_write = os.write

    def spy(fd, data):
        writes.append(bytes(data))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", spy)
    out = tmp_path / "out.jsonl"
    run(make_docs(5), stub_extractor, fmt="jsonl", output=out, chunk_size=2, log=io.StringIO())
    assert len(writes) == 5
    assert all(w.endswith(b"\n") and w.count(b"\n") == 1 for w in writes)
    assert b"".join(writes) == out.read_bytes()


def test_json_array_output_is_valid(tmp_path, stub_extractor):
    out = tmp_path / "out.json"
    run(make_docs(3), stub_extractor, fmt="json", output=out, log=io.StringIO())
    assert [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["d0000", "d0001", "d0002"]


def test_standard_output_when_no_file(stub_extractor):
    stream = io.StringIO()
    run(make_docs(2), stub_extractor, fmt="jsonl", stream=stream, log=io.StringIO())
    assert [json.loads(line)["id"] for line in stream.getvalue().splitlines()] == ["d0000", "d0001"]


@pytest.mark.parametrize("workers", [1, 2])
def test_failed_start_leaves_an_existing_output_alone(tmp_path, workers):
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        run(make_docs(2), _failing_factory, fmt="jsonl", output=out, workers=workers, log=io.StringIO())
    assert out.read_text(encoding="utf-8") == "precious\n"


# -- resume ----------------------------------------------------------------


def test_resume_skips_what_is_written_and_appends(tmp_path, stub_extractor):
    docs = make_docs(10)
    full = tmp_path / "full.jsonl"
    run(docs, stub_extractor, fmt="jsonl", output=full, log=io.StringIO())
    out = tmp_path / "out.jsonl"
    run(docs[:4], stub_extractor, fmt="jsonl", output=out, log=io.StringIO())
    summary = run(docs, stub_extractor, fmt="jsonl", output=out, resume=True, log=io.StringIO())
    assert summary.skipped == 4 and summary.documents == 6
    assert out.read_bytes() == full.read_bytes()


@pytest.mark.parametrize("cut", [1, 40, -2])
def test_resume_repairs_a_cut_off_last_line(tmp_path, stub_extractor, cut):
    docs = make_docs(6)
    full = tmp_path / "full.jsonl"
    run(docs, stub_extractor, fmt="jsonl", output=full, log=io.StringIO())
    lines = full.read_bytes().splitlines(keepends=True)
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join(lines[:3]) + lines[3][:cut])  # a crash in the middle of document 4
    assert done_ids(out, "jsonl") == {"d0000", "d0001", "d0002"}
    assert out.read_bytes() == b"".join(lines[:3])
    summary = run(docs, stub_extractor, fmt="jsonl", output=out, resume=True, log=io.StringIO())
    assert summary.skipped == 3
    assert out.read_bytes() == full.read_bytes()


def test_resume_refuses_damage_before_the_end(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "text": "x"}\n{"id": "b", "te\n{"id": "c", "text": "y"}\n', encoding="utf-8")
    with pytest.raises(RunnerError, match="line 2"):
        done_ids(out, "jsonl")


def test_resume_of_a_missing_or_empty_file_starts_afresh(tmp_path):
    assert done_ids(tmp_path / "nothing.jsonl", "jsonl") == set()
    (tmp_path / "empty.jsonl").write_bytes(b"")
    assert done_ids(tmp_path / "empty.jsonl", "jsonl") == set()


def test_resume_reads_ids_of_any_key_order(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text('{"text": "x", "id": 7}\n\n{"id": "a\\"b", "error": "empty"}\n', encoding="utf-8")
    assert done_ids(out, "jsonl") == {"7", 'a"b'}


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_resume_needs_an_appendable_format(tmp_path, stub_extractor, fmt):
    with pytest.raises(RunnerError, match="jsonl or -f csv"):
        run(make_docs(1), stub_extractor, fmt=fmt, output=tmp_path / "out", resume=True)


def test_resume_needs_an_output_file(stub_extractor):
    with pytest.raises(RunnerError, match="-o OUT"):
        run(make_docs(1), stub_extractor, fmt="jsonl", resume=True)


CSV_TEXT = (
    "doc_id,quote_id,type,content\r\n"
    "a,q1,direct,„Wir kommen“\r\n"
    "a,q2,indirect,\"zwei\r\nZeilen\"\r\n"
    "b,q1,direct,„Ja“\r\n"
    "c,q1,direct,erste\r\n"
    "c,q2,direct,\"zweite\r\nZeile\"\r\n"
)


def test_csv_resume_drops_the_whole_cut_off_document(tmp_path):
    out = tmp_path / "out.csv"
    whole = CSV_TEXT.split("c,q1")[0]
    out.write_bytes(CSV_TEXT.encode("utf-8")[:-5])  # cut in the second row of document c
    assert done_ids(out, "csv") == {"a", "b"}
    assert out.read_bytes() == whole.encode("utf-8")


def test_csv_resume_keeps_a_complete_file(tmp_path):
    out = tmp_path / "out.csv"
    text = CSV_TEXT.replace(",", ";")
    out.write_bytes(("\ufeff" + text).encode("utf-8"))
    assert done_ids(out, "csv") == {"a", "b", "c"}
    assert out.read_bytes() == ("\ufeff" + text).encode("utf-8")


def test_csv_resume_needs_an_id_column(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("quote,speaker\nx,y\n", encoding="utf-8")
    with pytest.raises(RunnerError, match="doc_id column"):
        done_ids(out, "csv")


def test_csv_resume_of_a_cut_off_header_starts_afresh(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(b"\xef\xbb\xbfdoc_id,quote_")
    assert done_ids(out, "csv") == set()
    assert out.read_bytes() == b""


def test_csv_damage_before_the_end_is_refused(tmp_path):
    out = tmp_path / "out.csv"
    out.write_bytes(CSV_TEXT.replace("b,q1,direct,„Ja“", "b,q1").encode("utf-8"))
    with pytest.raises(RunnerError, match="damaged CSV row"):
        done_ids(out, "csv")


@pytest.mark.parametrize("dialect", ["excel", "excel-de"])
def test_csv_round_trip_with_the_real_exporter(tmp_path, stub_extractor, dialect):
    pytest.importorskip("quotes.exporters.csv")
    docs = make_docs(8) + [InputDoc("leer", "")]
    options = {"csv_dialect": dialect}
    full = tmp_path / "full.csv"
    run(docs, stub_extractor, fmt="csv", output=full, exporter_options=options, log=io.StringIO())
    out = tmp_path / "out.csv"
    run(docs[:3], stub_extractor, fmt="csv", output=out, exporter_options=options, log=io.StringIO())
    with open(out, "ab") as fh:  # a crash in the middle of the next document
        fh.write(full.read_bytes()[len(out.read_bytes()):][:30])
    summary = run(docs, stub_extractor, fmt="csv", output=out, resume=True, exporter_options=options,
                  log=io.StringIO())
    assert summary.skipped == 3 and summary.documents == 6
    assert out.read_bytes() == full.read_bytes()


# -- progress --------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_stderr_is_no_terminal(tmp_path, stub_extractor):
    log = io.StringIO()
    run(make_docs(3), stub_extractor, fmt="jsonl", output=tmp_path / "o.jsonl", log=log)
    assert log.getvalue() == ""


def test_progress_bar_on_a_terminal(tmp_path, stub_extractor):
    log = _Terminal()
    run(make_docs(3), stub_extractor, fmt="jsonl", output=tmp_path / "o.jsonl", log=log)
    assert "doc" in log.getvalue() and "tok/s" in log.getvalue()


def test_quiet_silences_everything(tmp_path, stub_extractor):
    log = _Terminal()
    run(make_docs(2) + [InputDoc("e", "")], stub_extractor, fmt="jsonl", output=tmp_path / "o.jsonl",
        log=log, quiet=True)
    assert log.getvalue() == ""


def test_summary_line_mentions_skips_and_rates():
    s = Summary(documents=4, quotes=3, errors=1, skipped=2, words=400, seconds=2.0)
    s.error_kinds["parser"] = 1
    line = s.line()
    assert line.startswith("quotes: 4 documents, 3 quotes, 1 error (parser 1), 2 skipped")
    assert "2.0 docs/s" in line and "200 tokens/s" in line


# -- input -----------------------------------------------------------------


class _LineStream(io.BytesIO):
    def read(self, *args):  # proves JSON Lines are not read whole
        raise AssertionError("stdin read whole")


def test_jsonl_on_stdin_is_streamed():
    data = b'\n{"id": "a", "text": "Eins."}\n{"id": "b", "text": "Zwei."}\nnot json\n'
    docs = list(read_inputs(["-"], stdin=_LineStream(data)))
    assert [d.id for d in docs] == ["a", "b", "stdin:4"]
    assert docs[2].error == "bad_json"


def test_plain_text_on_stdin_is_one_document():
    docs = list(read_inputs(["-"], stdin=io.BytesIO("\nEr sagte nichts.\n".encode())))
    assert [(d.id, d.text) for d in docs] == [("stdin", "\nEr sagte nichts.\n")]


def test_writer_strips_the_header_when_appending_csv(tmp_path):
    pytest.importorskip("quotes.exporters.csv")
    out = tmp_path / "out.csv"
    first = DocumentWriter("csv", out)
    first.close()
    header = out.read_bytes()
    again = DocumentWriter("csv", out, append=True)
    again.close()
    assert out.read_bytes() == header


# -- the command line ------------------------------------------------------


@pytest.fixture
def stub_cli(monkeypatch):
    from quotes.commands import extract

    monkeypatch.setattr(extract, "extractor_factory", lambda args: StubFactory())


def _write_jsonl(path: Path, docs: list[InputDoc]) -> Path:
    path.write_text("".join(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n" for d in docs),
                    encoding="utf-8")
    return path


def test_cli_extract_with_workers_and_resume(tmp_path, stub_cli, capsys):
    docs = make_docs(9)
    src = _write_jsonl(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out.jsonl"
    _write_jsonl(tmp_path / "head.jsonl", docs[:2])
    assert cli.main(["extract", str(tmp_path / "head.jsonl"), "-f", "jsonl", "-o", str(out)]) == 0
    code = cli.main(["extract", str(src), "-f", "jsonl", "-o", str(out), "--resume", "--workers", "2",
                     "--chunk-size", "2"])
    assert code == 0
    assert ids_of(out) == [d.id for d in docs]
    err = capsys.readouterr().err
    assert "quotes: 7 documents" in err and "2 skipped" in err


def test_cli_quiet_prints_nothing(tmp_path, stub_cli, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", make_docs(2))
    assert cli.main(["extract", str(src), "-f", "jsonl", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert len(captured.out.splitlines()) == 2


def test_cli_all_errors_exit_1(tmp_path, stub_cli, capsys):
    src = _write_jsonl(tmp_path / "in.jsonl", [InputDoc("e", " ")])
    assert cli.main(["extract", str(src), "-f", "jsonl", "-o", str(tmp_path / "o.jsonl")]) == 1


@pytest.mark.parametrize("argv, message", [
    (["-f", "json", "--resume", "-o", "OUT"], "--resume works with -f jsonl or -f csv"),
    (["-f", "jsonl", "--resume"], "--resume needs an output file"),
    (["--workers", "0"], None),
])
def test_cli_refuses_bad_options(tmp_path, stub_cli, capsys, argv, message):
    src = _write_jsonl(tmp_path / "in.jsonl", make_docs(1))
    argv = [a.replace("OUT", str(tmp_path / "out.json")) for a in argv]
    if message is None:
        with pytest.raises(SystemExit):
            cli.main(["extract", str(src), *argv])
        assert "must be at least 1" in capsys.readouterr().err
        return
    assert cli.main(["extract", str(src), *argv]) == 2
    assert message in capsys.readouterr().err


def test_cli_missing_path(tmp_path, stub_cli, capsys):
    assert cli.main(["extract", str(tmp_path / "nope.jsonl")]) == 2
    assert "No such file or folder" in capsys.readouterr().err


# -- quotes.progress -------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_logs_a_line_per_interval_with_rate_and_time_left():
    from quotes.progress import Progress

    clock, log = _Clock(), io.StringIO()
    with Progress(total=100, stream=log, mode="log", interval=30, clock=clock) as bar:
        for i in range(100):
            clock.now += 1.5
            bar.update(1, note=f"{i + 1} quotes")
    lines = log.getvalue().splitlines()
    assert len(lines) == 6  # at 30, 60, 90, 120, 150 s and the closing line
    assert lines[0] == "quotes: 20/100 documents (20%), 0.7 documents/s, about 2 min left; 20 quotes"
    assert lines[-1] == "quotes: 100/100 documents (100%), 0.7 documents/s, done in 2 min; 100 quotes"


def test_progress_without_total_has_no_estimate_and_a_short_run_is_quiet():
    from quotes.progress import Progress

    clock, log = _Clock(), io.StringIO()
    bar = Progress(stream=log, mode="log", interval=10, clock=clock, desc="eval", unit="articles")
    clock.now = 5
    bar.update(2)
    bar.close()
    assert log.getvalue() == ""
    bar = Progress(stream=log, mode="log", interval=10, clock=clock, desc="eval", unit="articles")
    clock.now += 20
    bar.update(600)
    assert log.getvalue() == "eval: 600 articles, 30.0 articles/s\n"


def test_progress_resumed_items_count_but_not_in_the_rate():
    from quotes.progress import Progress

    clock = _Clock()
    bar = Progress(total=10, initial=4, stream=io.StringIO(), mode="log", clock=clock)
    clock.now = 3
    bar.update(3)
    assert bar.rate() == 1.0 and bar.remaining() == 3.0
    assert bar.line().startswith("quotes: 7/10 documents (70%)")


def test_progress_modes():
    from quotes.progress import Progress, format_duration, is_terminal

    assert Progress(stream=_Terminal()).mode == "bar"
    assert Progress(stream=io.StringIO()).mode == "log"
    off = io.StringIO()
    quiet = Progress(stream=off, mode="off", interval=0)
    quiet.update(5)
    quiet.write("a message")
    quiet.close()
    assert off.getvalue() == "a message\n"
    term = _Terminal()
    with Progress(total=2, stream=term, desc="eval") as bar:
        bar.update(2, note="9 quotes")
    assert "eval" in term.getvalue() and "2/2" in term.getvalue() and "9 quotes" in term.getvalue()
    with pytest.raises(ValueError):
        Progress(mode="loud")
    assert not is_terminal(object())
    assert [format_duration(s) for s in (42, 300, 7500)] == ["42 s", "5 min", "2 h 05 min"]


def test_each_appendable_format_has_its_resume_scanner_next_to_its_exporter(tmp_path):
    from quotes import exporters
    from quotes.exporters.csv import CsvExporter
    from quotes.exporters.jsonl import JsonLinesExporter

    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "c", "te')
    assert JsonLinesExporter.done_ids(out) == exporters.done_ids("jsonl", out) == ({"a", "b"}, 24)
    (tmp_path / "out.csv").write_bytes(CSV_TEXT.encode("utf-8"))
    assert CsvExporter.done_ids(tmp_path / "out.csv").ids == {"a", "b", "c"}
    assert set(exporters.APPENDABLE) == {f for f in exporters.FORMATS
                                         if hasattr(exporters.exporter_class(f), "done_ids")}
    with pytest.raises(ValueError, match="cannot resume"):
        exporters.done_ids("html", out)


def test_progress_in_a_log_names_documents_rate_and_time_left(tmp_path, stub_extractor, monkeypatch):
    import quotes.progress

    monkeypatch.setattr(quotes.progress, "DEFAULT_INTERVAL", 0.0)
    log = io.StringIO()
    run(make_docs(6) + [InputDoc("e", "")], stub_extractor, fmt="jsonl", output=tmp_path / "o.jsonl", log=log,
        chunk_size=2, total=7)
    lines = log.getvalue().splitlines()
    assert "quotes: e: The document is empty." in lines
    progress = [line for line in lines if "documents" in line]
    assert progress[0].startswith("quotes: 2/7 documents (29%), ") and "left; " in progress[0]
    assert "tok/s, " in progress[0] and "quotes, 0 errors" in progress[0]
    assert progress[-1].startswith("quotes: 7/7 documents (100%)") and "done in" in progress[-1]


def test_count_inputs(tmp_path):
    from quotes.runner import count_inputs

    folder = tmp_path / "f"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.md"):
        (folder / name).write_text("x", encoding="utf-8")
    jsonl = _write_jsonl(tmp_path / "in.jsonl", make_docs(3))
    with open(jsonl, "a", encoding="utf-8") as fh:
        fh.write("\n  \n")
    assert count_inputs([str(folder), str(jsonl), str(folder / "a.txt")]) == 2 + 3 + 1
    assert count_inputs([str(jsonl), "-"]) is None

"""The ``quotes`` command line: extract, schema, download-model, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quotes.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture
def shared_extractor(extractor, monkeypatch):
    """Make the CLI reuse the session's loaded model instead of loading its own."""
    import quotes.commands.extract as extract_cmd

    monkeypatch.setattr(extract_cmd, "make_extractor", lambda *a, **k: extractor)
    return extractor


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "quotes" in capsys.readouterr().out


def test_schema_is_json(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "quotes" in schema["properties"]


def test_missing_model_offline_is_one_clear_sentence(tmp_path, capsys):
    code = main(["extract", str(CORPUS), "--model-dir", str(tmp_path / "none"), "--offline"])
    err = capsys.readouterr().err
    assert code == 2
    assert "No German Stanza model" in err and "download-model" in err
    assert "Traceback" not in err


def test_missing_path_is_a_clear_error(tmp_path, capsys):
    code = main(["extract", str(tmp_path / "nope.txt")])
    assert code == 2
    assert "No such file or folder" in capsys.readouterr().err


@pytest.mark.model
def test_extract_corpus_folder_json(shared_extractor, tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["extract", str(CORPUS), "-o", str(out), "--quiet"]) == 0
    docs = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in docs] == ["000_cc06fec6f0d5e8d6"]
    text = docs[0]["text"]
    assert len(docs[0]["quotes"]) >= 6
    for q in docs[0]["quotes"]:
        for s in q["content"] + q["cue"]:
            assert text[s["start"] : s["end"]] == s["text"]


@pytest.mark.model
def test_extract_jsonl_keeps_input_offsets(shared_extractor, tmp_path, capsys):
    text = "  \n„Wir bleiben“, sagte die Sprecherin.\n"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["extract", str(src), "-f", "jsonl", "--quiet"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    doc = json.loads(line)
    assert doc["id"] == "a" and doc["text"] == text
    q = doc["quotes"][0]
    assert text[q["content"][0]["start"] : q["content"][0]["end"]] == "„Wir bleiben“"
    assert q["speaker"]["mention"]["text"] == "die Sprecherin"


@pytest.mark.model
def test_bad_documents_become_error_records_and_the_rest_goes_on(shared_extractor, tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a_empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (folder / "c_latin1.txt").write_bytes("Die Bürger sagten, sie kämen.".encode("latin-1"))
    (folder / "d_english.txt").write_text("The quick brown fox jumps over the lazy dog and then it runs away "
                                          "from the farmer who was chasing it all day long.", encoding="utf-8")
    (folder / "e_good.txt").write_text("„Wir kommen morgen“, sagte der Trainer.", encoding="utf-8")
    assert main(["extract", str(folder), "-f", "jsonl"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(l) for l in captured.out.splitlines()]
    by_id = {r["id"]: r for r in records}
    assert [r["id"] for r in records] == ["a_empty", "b_binary", "c_latin1", "d_english", "e_good"]
    assert by_id["a_empty"]["error"] == "empty"
    assert by_id["b_binary"]["error"] == "binary"
    assert by_id["c_latin1"]["error"] == "encoding"
    assert by_id["d_english"]["error"] == "not_german"
    assert by_id["e_good"]["quotes"][0]["type"] == "direct"
    assert "Traceback" not in captured.err


@pytest.mark.model
def test_stdin(shared_extractor, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("Laut Polizei wurde niemand verletzt.".encode())))
    assert main(["extract", "-", "-f", "jsonl", "--quiet"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["quotes"][0]["cue"][0]["text"] == "Laut"

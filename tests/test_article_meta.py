"""Article metadata end to end: JSON Lines input → runner (in process, worker processes, Dask)
→ JSON Lines / CSV output → ``quotes archive add`` → archive rows and search hits.

The extractor runs on the model-free :class:`test_runner.StubParser`; the metadata does not
depend on the trees.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.records_io import read_records
from quotes.runner import read_inputs, run

from test_runner import StubFactory

TEXT = "„Wir kommen morgen wieder“, sagte Müller. Die Regierung plant neue Gesetze für den Verkehr."
INPUT = [
    {"id": "dw", "text": TEXT, "date": "2019-04-19", "source": "Deutsche Welle", "url": "https://dw.com/1",
     "title": "Müller kommt wieder"},
    {"id": "plain", "text": TEXT},
    {"id": "kaputt", "text": TEXT, "date": "gestern"},
    {"id": "taz", "text": TEXT, "date": "2019-04-20T08:15:00+02:00", "source": "taz", "extra": [1, 2]},
]
META = {"dw": {"date": "2019-04-19", "source": "Deutsche Welle", "url": "https://dw.com/1",
               "title": "Müller kommt wieder"},
        "plain": None,
        "taz": {"date": "2019-04-20T08:15:00+02:00", "source": "taz", "url": None, "title": None}}


@pytest.fixture
def raw(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in INPUT), encoding="utf-8")
    return path


def metas(records) -> dict:
    return {r.id: (r.meta.model_dump() if r.meta else None) for r in records if not hasattr(r, "error")}


@pytest.mark.parametrize("workers", [1, 2])
def test_runner_writes_metadata_to_json_lines(raw, tmp_path, workers):
    out = tmp_path / "out.jsonl"
    summary = run(read_inputs([str(raw)]), StubFactory(), fmt="jsonl", output=out, workers=workers, quiet=True)
    assert summary.error_kinds == {"bad_meta": 1}
    records = list(read_records(out))
    assert [r.id for r in records] == ["dw", "plain", "kaputt", "taz"]
    assert metas(records) == META
    assert records[2].error == "bad_meta" and "gestern" in records[2].message


def test_runner_writes_metadata_to_csv(raw, tmp_path):
    out = tmp_path / "out.csv"
    run(read_inputs([str(raw)]), StubFactory(), fmt="csv", output=out, quiet=True)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_doc = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    assert {r["article_source"] for r in by_doc["dw"]} == {"Deutsche Welle"}
    assert {(r["article_date"], r["article_title"], r["article_url"]) for r in by_doc["dw"]} == {
        ("2019-04-19", "Müller kommt wieder", "https://dw.com/1")}
    assert {r["article_source"] for r in by_doc["plain"]} == {""}
    assert by_doc["kaputt"][0]["error"].startswith("bad_meta: ")


def test_dask_parts_carry_metadata(raw, tmp_path):
    distributed = pytest.importorskip("distributed")
    from quotes.distributed import extract_dask

    outdir = tmp_path / "parts"
    with distributed.Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0") as client:
        summary = extract_dask([str(raw)], outdir, fmt="jsonl", extractor_factory=StubFactory(), client=client,
                               partition_size=2, quiet=True)
    assert summary.documents == 4
    records = [r for part in sorted(outdir.glob("part-*.jsonl")) for r in read_records(part)]
    assert metas(records) == META


def test_archive_add_stores_metadata_and_search_shows_it(raw, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    run(read_inputs([str(raw)]), StubFactory(), fmt="jsonl", output=out, quiet=True)
    db = str(tmp_path / "a.sqlite")
    assert main(["archive", "add", str(out), "--db", db, "--quiet"]) == 0
    conn = sqlite3.connect(db)
    got = conn.execute("SELECT id, title, date, source, url FROM articles ORDER BY id").fetchall()
    conn.close()
    assert got == [("dw", "Müller kommt wieder", "2019-04-19", "Deutsche Welle", "https://dw.com/1"),
                   ("plain", TEXT, None, None, None),
                   ("taz", TEXT, "2019-04-20T08:15:00+02:00", "taz", None)]
    capsys.readouterr()
    assert main(["archive", "search", "--db", db, "-f", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {(h["article_id"], h["date"], h["source"]) for h in hits} >= {("dw", "2019-04-19", "Deutsche Welle")}
    assert main(["archive", "search", "--db", db]) == 0
    assert "1. dw · Müller kommt wieder · 2019-04-19 · Deutsche Welle" in capsys.readouterr().out


def test_html_output_of_a_run_shows_metadata(raw, tmp_path):
    stream = io.StringIO()
    run(read_inputs([str(raw)]), StubFactory(), fmt="html", stream=stream, quiet=True)
    page = stream.getvalue()
    assert "Müller kommt wieder" in page and 'datetime="2019-04-19"' in page and "Deutsche Welle" in page
    assert 'href="https://dw.com/1"' in page

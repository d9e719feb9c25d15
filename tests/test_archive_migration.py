"""Archive schema 2 and the versioned migration of schema-1 files.

The schema-1 file is ``tests/data/archive/schema1.sqlite``, made by the code of
the release before schema 2 (commit cc29f03; ``tests/data/archive/README.md``
says how). Every test works on a copy of it.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from quotes.archive import SCHEMA_VERSION, Archive, ArchiveError
from quotes.archive.schema import MIGRATIONS, migrate
from quotes.cli import main
from quotes.models import ArticleMeta, Gender

from test_archive import doc_a, doc_b, doc_c

FIXTURE = Path(__file__).parent / "data" / "archive" / "schema1.sqlite"

V1_ROWS = {"articles": 3, "quotes": 6, "speakers": 2, "quotes_fts": 6}


@pytest.fixture
def old(tmp_path) -> Path:
    """A fresh copy of the schema-1 archive."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURE, path)
    return path


def rows(path: Path, table: str, order: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
    finally:
        conn.close()


def columns(conn: sqlite3.Connection, table: str) -> list[tuple]:
    return [tuple(r)[1:] for r in conn.execute(f"PRAGMA table_info({table})")]


def test_the_fixture_is_schema_1():
    conn = sqlite3.connect(FIXTURE)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "date" not in {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
        for table, n in V1_ROWS.items():
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
    finally:
        conn.close()


def test_schema_2_columns_and_indexes(tmp_path):
    with Archive(tmp_path / "new.sqlite") as db:
        assert db.schema_version == SCHEMA_VERSION == 2 and db.migrated is None
        cols = lambda t: {r[1]: r for r in db.conn.execute(f"PRAGMA table_info({t})")}  # noqa: E731
        assert {"date", "source", "url", "title"} <= set(cols("articles"))
        speakers = cols("speakers")
        assert speakers["gender"]["dflt_value"] == "'unknown'" and speakers["gender"]["notnull"] == 1
        assert speakers["gender_evidence"]["dflt_value"] == "'[]'" and speakers["gender_evidence"]["notnull"] == 1
        assert "speaker_gender" in cols("quotes")
        indexes = {r[1]: r[2] for r in db.conn.execute("SELECT type, name, tbl_name FROM sqlite_master "
                                                        "WHERE type = 'index'")}
        assert indexes["articles_date"] == indexes["articles_source"] == "articles"


def test_a_schema_1_archive_migrates_and_keeps_every_row(old):
    before = {t: rows(old, t, "rowid") for t in ("articles", "quotes", "speakers", "quotes_fts")}
    meta_before = dict(rows(old, "meta", "key"))
    with Archive(old, create=False) as db:
        assert db.migrated is not None
        assert (db.migrated.from_version, db.migrated.to_version) == (1, 2)
        assert (db.migrated.articles, db.migrated.quotes) == (3, 6)
        assert "migrated from schema 1 to 2" in db.migrated.line()
        assert db.schema_version == 2
        meta = dict(db.conn.execute("SELECT key, value FROM meta").fetchall())
        assert meta["schema_version"] == "2" and meta["migrated"].endswith("from schema 1")
        assert meta["created"] == meta_before["created"]
    after = {t: rows(old, t, "rowid") for t in before}
    for table, old_rows in before.items():
        assert len(after[table]) == len(old_rows) == V1_ROWS[table]
        # the old columns keep their values; the new ones come last
        assert [r[: len(o)] for r, o in zip(after[table], old_rows)] == old_rows
    conn = sqlite3.connect(old)
    conn.row_factory = sqlite3.Row
    try:
        titles = [r["title"] for r in conn.execute("SELECT title FROM articles ORDER BY id")]
        assert titles == ["Nordkorea fordert Ausschluss Pompeos", "Kreml bestätigt Treffen", "Schweiz"]
        assert {tuple(r) for r in conn.execute("SELECT date, source, url FROM articles")} == {(None, None, None)}
        assert {tuple(r) for r in conn.execute("SELECT gender, gender_evidence FROM speakers")} == {("unknown", "[]")}
        assert {r[0] for r in conn.execute("SELECT speaker_gender FROM quotes")} == {"unknown"}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_a_migrated_archive_has_the_columns_of_a_new_one(old, tmp_path):
    with Archive(old) as migrated, Archive(tmp_path / "new.sqlite") as new:
        for table in ("meta", "articles", "speakers", "quotes"):
            assert columns(migrated.conn, table) == columns(new.conn, table), table
        sql = "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('index', 'table') ORDER BY name"
        assert migrated.conn.execute(sql).fetchall() == new.conn.execute(sql).fetchall()


def test_a_migrated_archive_can_be_searched_and_added_to(old):
    with Archive(old) as db:
        assert {(h.article_id, h.quote_id) for h in db.search("Pompeo")} == {("a", "q1"), ("b", "q2")}
        assert db.search("Gespräche")[0].speaker_gender == "unknown"
        new_b = doc_b()
        new_b.meta = ArticleMeta(date="2019-04-19", source="Deutsche Welle", url="https://dw.com/b",
                                 title="Kreml: Kim trifft Putin")
        d = doc_c()
        d.id = "d"
        d.meta = ArticleMeta(date="2019-04-20")
        summary = db.add([new_b, d])
        assert (summary.added, summary.replaced) == (1, 1)
        assert db.article_ids() == ["a", "b", "c", "d"]
        row = db.conn.execute("SELECT title, date, source, url FROM articles WHERE id = 'b'").fetchone()
        assert tuple(row) == ("Kreml: Kim trifft Putin", "2019-04-19", "Deutsche Welle", "https://dw.com/b")
        hit = db.search("Putin")[0]
        assert (hit.article_id, hit.date, hit.source, hit.title) == ("b", "2019-04-19", "Deutsche Welle",
                                                                     "Kreml: Kim trifft Putin")
        assert db.stats().articles == 4


def test_migrating_twice_is_a_no_op(old):
    with Archive(old) as db:
        assert db.migrated is not None
        snapshot = db.conn.execute("SELECT value FROM meta WHERE key = 'migrated'").fetchone()[0]
        assert migrate(db.conn, old) is None  # called again on a migrated file: nothing to do
    with Archive(old) as db:
        assert db.migrated is None and db.schema_version == 2
        assert db.conn.execute("SELECT value FROM meta WHERE key = 'migrated'").fetchone()[0] == snapshot
        assert len(db.article_ids()) == 3


def test_a_failed_migration_leaves_the_file_unchanged(old, monkeypatch):
    original = FIXTURE.read_bytes()
    monkeypatch.setitem(MIGRATIONS, 1, MIGRATIONS[1] + "\nALTER TABLE no_such_table ADD COLUMN x TEXT;\n")
    with pytest.raises(ArchiveError, match="the file is unchanged"):
        Archive(old)
    conn = sqlite3.connect(old)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "date" not in {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 6
    finally:
        conn.close()
    assert old.read_bytes() == original


def test_an_archive_that_cannot_be_written_now_gets_a_clear_error(old, monkeypatch):
    import quotes.archive as package
    import quotes.archive.schema as schema

    monkeypatch.setattr(package, "BUSY_TIMEOUT", 0.2)
    monkeypatch.setattr(schema, "BUSY_TIMEOUT", 0.2)
    writer = sqlite3.connect(old, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with pytest.raises(ArchiveError, match="older archive schema 1 and cannot be migrated to 2"):
            Archive(old)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with Archive(old) as db:  # once the lock is gone, it migrates
        assert db.migrated is not None


def test_a_newer_schema_is_still_refused(old):
    conn = sqlite3.connect(old)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer"):
        Archive(old)


def test_the_cli_says_it_migrated(old, capsys):
    assert main(["archive", "stats", "--db", str(old)]) == 0
    captured = capsys.readouterr()
    assert "migrated from schema 1 to 2; all 3 article(s) and 6 quote(s) kept" in captured.err
    assert "(schema 2)" in captured.out
    assert main(["archive", "stats", "--db", str(old)]) == 0
    assert "migrated" not in capsys.readouterr().err


def test_gender_columns_are_written(tmp_path):
    a = doc_a()
    a.quotes[0].speaker.entity = "s1"
    a.speakers[0].gender = Gender.MALE
    a.speakers[0].gender_evidence = ["title:Herr"]
    with Archive(tmp_path / "g.sqlite") as db:
        db.add([a, doc_b()])
        got = db.conn.execute("SELECT id, gender, gender_evidence FROM speakers ORDER BY id").fetchall()
        assert [tuple(r) for r in got] == [("s1", "male", '["title:Herr"]'), ("s2", "unknown", "[]")]
        genders = db.conn.execute("SELECT article_id, quote_id, speaker_gender FROM quotes "
                                  "ORDER BY article_id, quote_id").fetchall()
        # q1 of a links entity s1; the others have a speaker without entity: unknown
        assert [tuple(r) for r in genders] == [("a", "q1", "male"), ("a", "q2", "unknown"),
                                               ("b", "q1", "unknown"), ("b", "q2", "unknown")]
        assert db.search("Gespräche")[0].speaker_gender == "male"


# -- concurrent openers ----------------------------------------------------------


def _opener(path: str, barrier, results) -> None:
    """A separate process: wait for the others, open the old archive, report whether it migrated."""
    barrier.wait()
    with Archive(path) as db:
        results.put((db.migrated is not None, db.schema_version, len(db.article_ids())))


def test_concurrent_openers_migrate_once(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    for trial in range(2):
        path = tmp_path / f"old{trial}.sqlite"
        shutil.copy(FIXTURE, path)
        barrier, results = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=_opener, args=(str(path), barrier, results)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0, 0, 0], f"an opener failed in trial {trial}"
        got = sorted(results.get(timeout=10) for _ in procs)
        assert got == [(False, 2, 3), (False, 2, 3), (True, 2, 3)]
        with Archive(path) as db:
            assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 6

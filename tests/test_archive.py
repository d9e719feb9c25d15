"""The SQLite archive: schema, replace-not-duplicate, per-article transactions, FTS search."""

from __future__ import annotations

import sqlite3

import pytest

from quotes.archive import SCHEMA_VERSION, Archive, ArchiveError, quote_compounds
from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker, SpeakerEntity


def at(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start`` (exact offsets)."""
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


def quote(text, qid, qtype, content, mention, name, cue=None, descriptor=None) -> Quote:
    parts = [content] if isinstance(content, str) else content
    return Quote(id=qid, type=qtype, content=[at(text, c) for c in parts],
                 cue=[at(text, cue)] if cue else [], cue_lemma=cue,
                 speaker=(Speaker(mention=at(text, mention), name=name, descriptor=descriptor)
                          if mention else None),
                 rule="test", confidence=0.75)


T_A = ("Nordkorea fordert Ausschluss Pompeos\n\nUS-Außenminister Mike Pompeo sagte: "
       "„Wir führen die Atom-Gespräche weiter.“ Kwon Jong Gun warf Pompeo vor, die Würde verletzt zu haben.")
T_B = "Kreml bestätigt Treffen\n\nDer Kreml bestätigte, dass Kim Jong Un Putin treffe. Pompeo schwieg dazu."
T_C = ("Schweiz\n\nDer Bürgermeister von Zürich erklärte, die Straße bleibe gesperrt; "
       "„Größe zählt“, fügte er hinzu.")


def doc_a() -> DocumentResult:
    return DocumentResult(id="a", text=T_A, quotes=[
        quote(T_A, "q1", QuoteType.DIRECT, "„Wir führen die Atom-Gespräche weiter.“",
              "US-Außenminister Mike Pompeo", "Mike Pompeo", "sagte", "US-Außenminister"),
        quote(T_A, "q2", QuoteType.INDIRECT, "die Würde verletzt zu haben", "Kwon Jong Gun", "Kwon Jong Gun",
              "warf"),
    ], speakers=[SpeakerEntity(id="s1", name="Mike Pompeo", descriptors=["US-Außenminister"]),
                 SpeakerEntity(id="s2", name="Kwon Jong Gun")])


def doc_b() -> DocumentResult:
    return DocumentResult(id="b", text=T_B, quotes=[
        quote(T_B, "q1", QuoteType.INDIRECT, "dass Kim Jong Un Putin treffe", "Der Kreml", "der Kreml",
              "bestätigte"),
        quote(T_B, "q2", QuoteType.REPORTED, "dazu", "Pompeo", "Mike Pompeo", "schwieg"),
    ])


def doc_c() -> DocumentResult:
    return DocumentResult(id="c", text=T_C, quotes=[
        quote(T_C, "q1", QuoteType.INDIRECT, "die Straße bleibe gesperrt", "Der Bürgermeister von Zürich",
              "Bürgermeister von Zürich", "erklärte"),
        quote(T_C, "q2", QuoteType.DIRECT, "„Größe zählt“", "er", "Bürgermeister von Zürich", "fügte"),
    ])


@pytest.fixture
def db(tmp_path):
    with Archive(tmp_path / "quotes.sqlite") as archive:
        yield archive


def counts(db: Archive) -> tuple[int, int, int, int]:
    one = lambda sql: db.conn.execute(sql).fetchone()[0]  # noqa: E731
    return (one("SELECT count(*) FROM articles"), one("SELECT count(*) FROM quotes"),
            one("SELECT count(*) FROM quotes_fts"), one("SELECT count(*) FROM speakers"))


def test_schema_is_versioned(db):
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == db.schema_version
    meta = dict(db.conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema_version"] == str(SCHEMA_VERSION) and meta["application"] == "quotes"
    tables = {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meta", "articles", "quotes", "speakers", "quotes_fts"} <= tables
    columns = {r[1] for r in db.conn.execute("PRAGMA table_info(quotes)")}
    assert {"content_start", "content_end", "cue_start", "speaker_start", "speaker_end", "addressee_start",
            "medium_end"} <= columns


def test_reopen_keeps_data(tmp_path):
    path = tmp_path / "q.sqlite"
    with Archive(path) as db:
        db.add([doc_a()])
    with Archive(path, create=False) as db:
        assert db.article_ids() == ["a"] and counts(db)[1] == 2


def test_refuses_other_files(tmp_path):
    newer = tmp_path / "newer.sqlite"
    with Archive(newer) as db:
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ArchiveError, match="newer"):
        Archive(newer)
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="not a quotes archive"):
        Archive(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is no database at all" * 100)
    with pytest.raises(ArchiveError, match="not a quotes archive"):
        Archive(junk)
    with pytest.raises(ArchiveError, match="no archive"):
        Archive(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(ArchiveError, match="is empty"):  # searching does not turn it into an archive
        Archive(empty, create=False)
    assert empty.stat().st_size == 0


def test_add_stores_articles_quotes_speakers_and_spans(db):
    summary = db.add([doc_a(), doc_b(), DocumentError(id="x", error="empty", message="The document is empty.")])
    assert (summary.added, summary.replaced, summary.quotes, summary.errors) == (2, 0, 4, 1)
    assert counts(db) == (2, 4, 4, 2)
    row = db.conn.execute("SELECT * FROM quotes WHERE article_id = 'a' AND quote_id = 'q1'").fetchone()
    assert row["content"] == "„Wir führen die Atom-Gespräche weiter.“"
    assert T_A[row["content_start"]:row["content_end"]] == row["content"]
    assert T_A[row["speaker_start"]:row["speaker_end"]] == row["speaker_mention"] == "US-Außenminister Mike Pompeo"
    assert T_A[row["cue_start"]:row["cue_end"]] == "sagte"
    assert row["speaker_name"] == "Mike Pompeo" and row["descriptor"] == "US-Außenminister"
    title = db.conn.execute("SELECT title FROM articles WHERE id = 'a'").fetchone()[0]
    assert title == "Nordkorea fordert Ausschluss Pompeos"


def test_readding_replaces_and_never_duplicates(db):
    db.add([doc_a(), doc_b()])
    changed = doc_a()
    changed.quotes = changed.quotes[:1]
    replaced, repeated = [], []
    summary = db.add([changed, changed], on_replace=replaced.append, on_duplicate=repeated.append)
    assert (summary.added, summary.replaced, summary.duplicates) == (0, 1, 1)
    assert replaced == summary.replaced_ids == ["a"] and repeated == summary.duplicate_ids == ["a"]
    assert counts(db) == (2, 3, 3, 2)
    assert [h.quote_id for h in db.search("Würde")] == []
    assert len(db.search("Gespräche")) == 1
    db.add([doc_a()])
    assert counts(db) == (2, 4, 4, 2)
    assert db.conn.execute("SELECT count(*) FROM quotes GROUP BY article_id, quote_id HAVING count(*) > 1"
                           ).fetchall() == []


def test_an_interrupted_article_rolls_back_to_before_it(db, monkeypatch):
    db.add([doc_b()])  # an older version of b is in the archive
    before = counts(db)
    new_b = doc_b()
    new_b.quotes[0].speaker.name = "Dmitri Peskow"
    original = Archive._insert_quote
    calls = {"n": 0}

    def flaky(self, cur, article_id, title, q, entities):
        if article_id == "b" and q.id == "q2":
            raise RuntimeError("disk on fire")
        if article_id == "c":
            calls["n"] += 1
            if calls["n"] == 2:
                raise KeyboardInterrupt
        return original(self, cur, article_id, title, q, entities)

    monkeypatch.setattr(Archive, "_insert_quote", flaky)
    with pytest.raises(RuntimeError, match="disk on fire"):
        db.add([doc_a(), new_b, doc_c()])
    # a was committed, b is as before (its old quotes intact), c was never reached
    assert db.article_ids() == ["a", "b"]
    assert counts(db) == (before[0] + 1, before[1] + 2, before[2] + 2, before[3] + 2)
    assert [h.quote_id for h in db.search(speaker="Kreml")] == ["q1"]
    assert db.search(speaker="Peskow") == []
    # a new article interrupted half-way leaves nothing behind
    with pytest.raises(KeyboardInterrupt):
        db.add([doc_c()])
    assert db.article_ids() == ["a", "b"]
    assert db.conn.execute("SELECT count(*) FROM quotes WHERE article_id = 'c'").fetchone()[0] == 0
    assert db.search("Zürich") == []
    assert not db.conn.in_transaction
    monkeypatch.setattr(Archive, "_insert_quote", original)
    db.add([doc_c()])
    assert db.article_ids() == ["a", "b", "c"]


def test_search_finds_quotes_with_articles_and_snippets(db):
    db.add([doc_a(), doc_b(), doc_c()])
    hits = db.search("Gespräche")
    assert [(h.article_id, h.quote_id) for h in hits] == [("a", "q1")]
    hit = hits[0]
    assert hit.snippet == "„Wir führen die Atom-[Gespräche] weiter.“"
    assert hit.title == "Nordkorea fordert Ausschluss Pompeos" and hit.speaker == "Mike Pompeo"
    assert T_A[hit.start:hit.end] == hit.content
    # the speaker name is indexed too
    assert {(h.article_id, h.quote_id) for h in db.search("Pompeo")} == {("a", "q1"), ("b", "q2")}


def test_search_ignores_case_and_umlaut_accents(db):
    db.add([doc_c()])
    assert [h.quote_id for h in db.search("GRÖSSE")] == []  # ß is not ss
    assert [h.quote_id for h in db.search("größe")] == ["q2"]
    assert [h.quote_id for h in db.search("STRASSE")] == []
    assert [h.quote_id for h in db.search("straße")] == ["q1"]
    assert [h.quote_id for h in db.search("zurich")] and [h.quote_id for h in db.search("Zürich")]
    assert [h.quote_id for h in db.search("Gro*")] == ["q2"]


def test_search_filters_by_speaker_and_type(db):
    db.add([doc_a(), doc_b(), doc_c()])
    assert {(h.article_id, h.quote_id) for h in db.search(speaker="pompeo")} == {("a", "q1"), ("b", "q2")}
    assert [(h.article_id, h.quote_id) for h in db.search(speaker="Mike Pompeo", type="direct")] == [("a", "q1")]
    assert [(h.article_id, h.quote_id) for h in db.search("Pompeo", type=QuoteType.REPORTED)] == [("b", "q2")]
    assert db.search("Gespräche", speaker="Kwon") == []
    assert [h.quote_id for h in db.search(type="indirect", speaker="Bürgermeister")] == ["q1"]
    assert len(db.search(type="indirect")) == 3
    assert len(db.search()) == 6 and len(db.search(limit=2)) == 2
    assert [h.quote_id for h in db.search('speaker: "der Kreml"')] == ["q1"]


def test_search_compound_words_and_phrases(db):
    db.add([doc_a(), doc_b()])
    assert quote_compounds("US-Außenminister Pomp*") == '"US-Außenminister" Pomp*'
    assert [h.quote_id for h in db.search("Atom-Gespräche")] == ["q1"]  # an FTS5 column error unquoted
    assert [h.quote_id for h in db.search("Atom-Gespr*")] == ["q1"]
    assert [h.quote_id for h in db.search('"Kim Jong Un"')] == ["q1"]
    assert [h.quote_id for h in db.search("Kremlin OR Würde")] == ["q2"]


@pytest.mark.parametrize("query", ['"unclosed', "Pompeo AND", "foo:bar", "(Pompeo", "NEAR("])
def test_bad_query_syntax_is_a_clear_error(db, query):
    db.add([doc_a()])
    with pytest.raises(ArchiveError, match="invalid search query") as exc:
        db.search(query)
    assert "double quotes" in str(exc.value)


def test_bad_type_and_limit(db):
    with pytest.raises(ArchiveError, match="unknown quote type"):
        db.search("x", type="rumour")
    with pytest.raises(ArchiveError, match="limit"):
        db.search("x", limit=0)


def test_stats(db):
    db.add([doc_a(), doc_b(), doc_c()])
    s = db.stats()
    assert (s.articles, s.quotes, s.speakers) == (3, 6, 4)
    assert s.by_type == {"direct": 2, "indirect": 3, "mixed": 0, "reported": 1, "free_indirect": 0}
    assert s.top_speakers[:2] == [("Bürgermeister von Zürich", 2), ("Mike Pompeo", 2)]
    assert s.schema_version == SCHEMA_VERSION and s.created and s.updated
    assert s.as_dict()["top_speakers"][0] == {"name": "Bürgermeister von Zürich", "quotes": 2}


def test_a_repeated_id_in_one_add_keeps_the_first_and_says_so(db):
    first, second = doc_a(), doc_a()
    second.quotes = second.quotes[1:]
    summary = db.add([first, doc_b(), second])
    assert (summary.added, summary.replaced, summary.duplicates, summary.quotes) == (2, 0, 1, 4)
    assert counts(db)[:2] == (2, 4)  # the first "a" with both its quotes
    assert summary.line() == ("archive: 2 articles added, 0 replaced, 4 quotes; 1 article skipped: an earlier "
                              "input of this add has the same id, the first was kept ('a')")
    again = db.add([doc_b()])
    assert again.line() == ("archive: 0 articles added, 1 replaced (already in the archive, now the new "
                            "version: 'b'), 2 quotes")


# -- concurrent writers ------------------------------------------------------------


def _writer(path: str, prefix: str, barrier) -> None:
    """A separate process: wait for the other, then create (or open) the archive and add three articles."""
    barrier.wait()
    docs = []
    for n in range(3):
        d = doc_b()
        d.id = f"{prefix}{n}"
        docs.append(d)
    with Archive(path) as db:
        db.add(docs)


def test_two_processes_creating_one_archive_lose_nothing(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    for trial in range(4):
        path = str(tmp_path / f"fresh{trial}.sqlite")
        barrier = ctx.Barrier(2)
        procs = [ctx.Process(target=_writer, args=(path, prefix, barrier)) for prefix in ("x", "y")]
        for p in procs:
            p.start()
        for p in procs:
            p.join(120)
        assert [p.exitcode for p in procs] == [0, 0], f"a writer failed in trial {trial}"
        with Archive(path, create=False) as db:
            assert db.article_ids() == ["x0", "x1", "x2", "y0", "y1", "y2"]
            assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

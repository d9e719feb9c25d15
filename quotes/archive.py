"""A searchable archive of results: one SQLite file (stdlib :mod:`sqlite3`, FTS5).

Tables (schema version :data:`SCHEMA_VERSION`, kept in ``PRAGMA user_version``
and in the ``meta`` table):

* ``articles``: id, title (the first non-empty line of the text), text,
  number of quotes, model, when it was added;
* ``quotes``: one row per quote with its spans as columns (content text and
  offsets, cue, speaker name/mention/descriptor, addressee, medium, sentences,
  rule, confidence; split spans as JSON);
* ``speakers``: the speaker entities of each article;
* ``quotes_fts``: an FTS5 index over quote content, speaker name, article
  title and article id, whose rowid is the ``quotes`` rowid.

Adding an article that is already there (from an earlier ``add``) replaces it
(its quotes, speakers and index rows), and :class:`AddSummary` names every
replaced article: an archive never holds an article twice, and a replacement
is never silent. Within one :meth:`Archive.add` call an id that comes again
(two inputs with the same document id) does not replace the first: the
repeat is skipped and named in the summary. Each article is written in its
own transaction, so an error while writing one leaves the archive as it was
before that article. Error records are not stored; they are counted.

Several processes may add to one archive at once, also to one that does not
exist yet: the schema is created in one exclusive transaction (whoever comes
second finds it made), and a writer waits up to :data:`BUSY_TIMEOUT` seconds
for another's transaction to end.

>>> with Archive("quotes.sqlite") as db:                       # doctest: +SKIP
...     db.add(records)
...     hits = db.search("Pompeo", type="direct")
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Union

from .models import DocumentError, DocumentResult, Quote, QuoteType, Span

Record = Union[DocumentResult, DocumentError]

SCHEMA_VERSION = 1
"""Bumped on every change of the tables; older files are refused with a clear error."""

BUSY_TIMEOUT = 60.0
"""Seconds a writer waits for another process's transaction on the same file."""

_SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    text           TEXT NOT NULL,
    n_quotes       INTEGER NOT NULL,
    model          TEXT,
    schema_version TEXT,
    added_at       TEXT NOT NULL
);
CREATE TABLE speakers (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    descriptors TEXT NOT NULL,   -- JSON list
    n_mentions  INTEGER NOT NULL,
    quote_ids   TEXT NOT NULL,   -- JSON list
    PRIMARY KEY (article_id, id)
);
CREATE TABLE quotes (
    rowid           INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    content         TEXT NOT NULL,   -- the content spans joined with " … "
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    content_spans   TEXT NOT NULL,   -- JSON list of [start, end]
    cue             TEXT,
    cue_start       INTEGER,
    cue_end         INTEGER,
    cue_spans       TEXT NOT NULL,   -- JSON list of [start, end]
    cue_lemma       TEXT,
    speaker_name    TEXT,
    speaker_mention TEXT,
    speaker_start   INTEGER,
    speaker_end     INTEGER,
    speaker_entity  TEXT,
    descriptor      TEXT,
    addressee       TEXT,
    addressee_start INTEGER,
    addressee_end   INTEGER,
    medium          TEXT,
    medium_start    INTEGER,
    medium_end      INTEGER,
    sentences       TEXT NOT NULL,   -- JSON list
    rule            TEXT NOT NULL,
    confidence      REAL NOT NULL,
    evidence        TEXT NOT NULL,   -- JSON list
    UNIQUE (article_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);
CREATE INDEX quotes_type ON quotes(type);
CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, title, article_id, tokenize = 'unicode61');
"""

SEPARATOR = " … "


class ArchiveError(Exception):
    """An archive that cannot be used, or a search that cannot run; the message is for a person."""


@dataclass
class AddSummary:
    """What :meth:`Archive.add` did."""

    added: int = 0
    """Articles new to the archive."""
    replaced: int = 0
    """Articles that were there (from an earlier add) and were replaced by the new version."""
    quotes: int = 0
    errors: int = 0
    """Error records seen (not stored)."""
    duplicates: int = 0
    """Articles skipped because an earlier article of the same add had their id."""
    replaced_ids: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for a person, naming replaced and skipped articles."""
        out = (f"archive: {_n(self.added, 'article')} added, {self.replaced} replaced"
               + (f" (already in the archive, now the new version: {_ids(self.replaced_ids)})"
                  if self.replaced_ids else "")
               + f", {_n(self.quotes, 'quote')}")
        if self.duplicates:
            out += (f"; {_n(self.duplicates, 'article')} skipped: an earlier input of this add has the same id, "
                    f"the first was kept ({_ids(self.duplicate_ids)})")
        if self.errors:
            out += f"; {_n(self.errors, 'error record')} not stored"
        return out


@dataclass
class Hit:
    """One quote found by :meth:`Archive.search`."""

    article_id: str
    title: str
    quote_id: str
    type: str
    content: str
    snippet: str
    """The content around the matched words, which are wrapped in the marks."""
    speaker: Optional[str]
    descriptor: Optional[str]
    cue: Optional[str]
    cue_lemma: Optional[str]
    start: int
    end: int
    confidence: float

    def as_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass
class Stats:
    """What an archive holds (:meth:`Archive.stats`)."""

    path: str
    schema_version: int
    articles: int
    quotes: int
    speakers: int
    by_type: dict[str, int] = field(default_factory=dict)
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    created: Optional[str] = None
    updated: Optional[str] = None

    def as_dict(self) -> dict:
        """A JSON-ready dict."""
        d = asdict(self)
        d["top_speakers"] = [{"name": n, "quotes": c} for n, c in self.top_speakers]
        return d


class Archive:
    """A SQLite archive of quotes; open it with a path (created when missing unless ``create=False``).

    Args:
        path: the database file.
        create: make a new archive where there is none; with False a missing
            file is an :class:`ArchiveError`.

    Raises:
        ArchiveError: the file is not a quotes archive, comes from a newer
            version, or SQLite lacks FTS5.
    """

    def __init__(self, path: Union[str, os.PathLike], create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ArchiveError(f"no archive at {self.path}; create one with `quotes archive add PATH --db {path}`")
        try:
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=BUSY_TIMEOUT)
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot open {self.path}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._init_schema(create)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise ArchiveError(f"{self.path} is not a quotes archive ({exc})") from None
        except ArchiveError:
            self.conn.close()
            raise

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    # -- schema ------------------------------------------------------------

    def _state(self) -> tuple[int, set[str]]:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return version, tables

    def _init_schema(self, create: bool = True) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        version, tables = self._state()
        if version == 0 and not tables and not create:
            raise ArchiveError(f"{self.path} is empty, not a quotes archive; create one with "
                               f"`quotes archive add PATH --db {self.path}`")
        if version == 0 and not tables:
            try:
                self.conn.execute("CREATE VIRTUAL TABLE temp._fts_probe USING fts5(x)")
                self.conn.execute("DROP TABLE temp._fts_probe")
            except sqlite3.OperationalError:
                raise ArchiveError("this Python's SQLite has no FTS5 full-text search; "
                                   "the archive needs it") from None
            # One exclusive transaction: a second process creating the same file at the
            # same time waits here, then finds the schema made and uses it.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                version, tables = self._state()
                if version == 0 and not tables:
                    now = _now()
                    for statement in _statements(_SCHEMA):
                        self.conn.execute(statement)
                    self.conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                        ("schema_version", str(SCHEMA_VERSION)), ("created", now), ("updated", now),
                        ("application", "quotes")])
                    self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            if version == 0 and not tables:
                return
        if version == 0 or "meta" not in tables:
            raise ArchiveError(f"{self.path} is an SQLite file but not a quotes archive")
        if version > SCHEMA_VERSION:
            raise ArchiveError(f"{self.path} has archive schema {version}, newer than this quotes "
                               f"(schema {SCHEMA_VERSION}); upgrade quotes")
        if version < SCHEMA_VERSION:  # pragma: no cover - no older schema exists yet
            raise ArchiveError(f"{self.path} has the old archive schema {version}; re-create it with "
                               "`quotes archive add`")

    @property
    def schema_version(self) -> int:
        """The ``PRAGMA user_version`` of the file."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- adding ------------------------------------------------------------

    def add(self, records: Iterable[Record], on_replace=None, on_duplicate=None) -> AddSummary:
        """Store results, one transaction per article.

        An article already in the archive (from an earlier add) is replaced by
        the new version; an id that comes again within ``records`` is skipped
        (the first is kept). Both are named in the summary.

        Args:
            records: result records (stored) and error records (counted only).
            on_replace: called with the id of each replaced article (e.g. to warn).
            on_duplicate: called with the id of each skipped repeat.

        Returns:
            What was added, replaced and skipped.

        Raises:
            Exception: whatever fails while writing an article, after rolling
                that article back; the articles before it stay committed.
        """
        summary = AddSummary()
        seen: set[str] = set()
        for record in records:
            if isinstance(record, DocumentError):
                summary.errors += 1
                continue
            if record.id in seen:
                summary.duplicates += 1
                summary.duplicate_ids.append(record.id)
                if on_duplicate is not None:
                    on_duplicate(record.id)
                continue
            seen.add(record.id)
            replaced = self.add_one(record)
            summary.replaced += replaced
            summary.added += not replaced
            summary.quotes += len(record.quotes)
            if replaced:
                summary.replaced_ids.append(record.id)
                if on_replace is not None:
                    on_replace(record.id)
        return summary

    def add_one(self, doc: DocumentResult) -> bool:
        """Store one article in its own transaction; True when it replaced one."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            replaced = self._delete_article(cur, doc.id)
            title = _title(doc.text)
            cur.execute(
                "INSERT INTO articles (id, title, text, n_quotes, model, schema_version, added_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc.id, title, doc.text, len(doc.quotes), doc.model.name if doc.model else None,
                 doc.schema_version, _now()))
            for e in doc.speakers:
                cur.execute(
                    "INSERT INTO speakers (article_id, id, name, descriptors, n_mentions, quote_ids) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (doc.id, e.id, e.name, _json(e.descriptors), len(e.mentions), _json(e.quote_ids)))
            entities = {e.id: e for e in doc.speakers}
            for q in doc.quotes:
                self._insert_quote(cur, doc.id, title, q, entities)
            cur.execute("UPDATE meta SET value = ? WHERE key = 'updated'", (_now(),))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return replaced

    def _delete_article(self, cur: sqlite3.Cursor, article_id: str) -> bool:
        cur.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE article_id = ?)",
                    (article_id,))
        cur.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        cur.execute("DELETE FROM speakers WHERE article_id = ?", (article_id,))
        cur.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return cur.rowcount > 0

    def _insert_quote(self, cur: sqlite3.Cursor, article_id: str, title: str, q: Quote, entities: dict) -> None:
        sp = q.speaker
        name = sp.name if sp else None
        if not name and sp and sp.entity in entities:
            name = entities[sp.entity].name
        mention = sp.mention if sp else None
        content = SEPARATOR.join(s.text for s in q.content)
        cue = SEPARATOR.join(s.text for s in q.cue) or None
        cur.execute(
            "INSERT INTO quotes (article_id, quote_id, type, content, content_start, content_end, content_spans, "
            "cue, cue_start, cue_end, cue_spans, cue_lemma, speaker_name, speaker_mention, speaker_start, "
            "speaker_end, speaker_entity, descriptor, addressee, addressee_start, addressee_end, medium, "
            "medium_start, medium_end, sentences, rule, confidence, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, q.id, q.type.value, content, q.start, q.end, _spans(q.content),
             cue, min((s.start for s in q.cue), default=None), max((s.end for s in q.cue), default=None),
             _spans(q.cue), q.cue_lemma, name, *_span_cols(mention), sp.entity if sp else None,
             sp.descriptor if sp else None, *_span_cols(q.addressee), *_span_cols(q.medium),
             _json(q.sentences), q.rule, q.confidence, _json(q.evidence)))
        cur.execute("INSERT INTO quotes_fts (rowid, content, speaker, title, article_id) VALUES (?, ?, ?, ?, ?)",
                    (cur.lastrowid, content, name or "", title, article_id))

    # -- reading -----------------------------------------------------------

    def search(self, query: Optional[str] = None, speaker: Optional[str] = None,
               type: Optional[Union[str, QuoteType]] = None, limit: int = 50,
               marks: tuple[str, str] = ("[", "]")) -> list[Hit]:
        """Quotes matching a full-text query, best first.

        Args:
            query: FTS5 syntax over quote content, speaker name, article title
                and id: words (all must occur), ``"a phrase"``, ``OR``,
                ``NOT``, ``prefix*``, ``speaker: Pompeo``; a word with a hyphen or
                dot such as ``US-Außenminister`` is searched as a phrase
                (:func:`quote_compounds`). None or empty
                matches every quote (then filters narrow it down).
            speaker: only quotes whose speaker name contains these words
                (case and diacritics ignored), e.g. ``"Pompeo"``.
            type: only quotes of this type (``"direct"``, …).
            limit: at most this many hits.
            marks: what goes before and after each matched word in the snippet.

        Returns:
            The hits, best match first (archive order without a query).

        Raises:
            ArchiveError: a query with invalid syntax, or an unknown type.
        """
        if limit < 1:
            raise ArchiveError("the limit must be at least 1")
        type_value = None
        if type is not None:
            try:
                type_value = QuoteType(type).value
            except ValueError:
                raise ArchiveError(f"unknown quote type {type!r}; choose one of "
                                   f"{', '.join(t.value for t in QuoteType)}") from None
        terms = []
        if query and query.strip():
            terms.append(quote_compounds(_check_query(query)))
        if speaker and speaker.strip():
            terms.append("speaker : (" + " ".join(_phrase(w) for w in speaker.split()) + ")")
        where, params = [], []
        if terms:
            where.append("quotes_fts MATCH ?")
            params.append(" AND ".join(f"({t})" for t in terms) if len(terms) > 1 else terms[0])
        if type_value:
            where.append("q.type = ?")
            params.append(type_value)
        sql = ("SELECT q.*, a.title, " +
               ("snippet(quotes_fts, 0, ?, ?, '…', 16) AS snippet " if terms else "NULL AS snippet ") +
               "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.id = q.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + (" ORDER BY rank" if terms else " ORDER BY q.article_id, q.rowid") + " LIMIT ?")
        if terms:
            params = [marks[0], marks[1], *params]
        params.append(limit)
        try:
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            msg = str(exc)
            if terms and "unknown special query" in msg:
                raise ArchiveError(f"invalid search query {query!r}: {_STAR_HINT}") from None
            if terms and ("fts5" in msg or "no such column" in msg or "syntax" in msg or "unterminated" in msg):
                msg = msg.removeprefix("fts5: ").replace('near ""', "at the end")
                raise ArchiveError(f"invalid search query {query!r} ({msg}); put words "
                                   'in double quotes to search for them literally, e.g. \'"AfD-Chef"\'') from None
            raise ArchiveError(f"search failed: {msg}") from None
        return [Hit(article_id=r["article_id"], title=r["title"], quote_id=r["quote_id"], type=r["type"],
                    content=r["content"], snippet=r["snippet"] or _clip(r["content"], 160),
                    speaker=r["speaker_name"], descriptor=r["descriptor"], cue=r["cue"],
                    cue_lemma=r["cue_lemma"], start=r["content_start"], end=r["content_end"],
                    confidence=r["confidence"]) for r in rows]

    def article_ids(self) -> list[str]:
        """The ids of all articles, sorted."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def stats(self, top: int = 10) -> Stats:
        """Counts: articles, quotes, distinct speaker names, quotes by type, the most quoted speakers."""
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        by_type = {t.value: 0 for t in QuoteType}
        for t, n in self.conn.execute("SELECT type, count(*) FROM quotes GROUP BY type"):
            by_type[t] = n
        top_rows = self.conn.execute(
            "SELECT speaker_name, count(*) AS n FROM quotes WHERE speaker_name IS NOT NULL "
            "GROUP BY speaker_name COLLATE NOCASE ORDER BY n DESC, speaker_name LIMIT ?", (top,)).fetchall()
        return Stats(
            path=str(self.path), schema_version=self.schema_version,
            articles=one("SELECT count(*) FROM articles"), quotes=one("SELECT count(*) FROM quotes"),
            speakers=one("SELECT count(DISTINCT lower(speaker_name)) FROM quotes WHERE speaker_name IS NOT NULL"),
            by_type=by_type, top_speakers=[(r[0], r[1]) for r in top_rows],
            created=meta.get("created"), updated=meta.get("updated"))


_COMPOUND = re.compile(r"(?<!\S)(\w[\w'’./&+-]*[-./&+'’][\w'’./&+-]*[\w.])(\*?)(?!\S)")


_STAR_HINT = ("* stands only at the end of a word (Pomp* finds Pompeo); to list every quote, leave the query "
              "out (--speaker and --type still filter)")
_EXCLUDED = re.compile(r'(?<!\S)-(?=[^\s"-])')


def _check_query(query: str) -> str:
    """Person-friendly query forms: ``-word`` after another word means ``NOT word``;
    a query of ``*`` alone or a query that only excludes gets a clear error."""
    stripped = query.strip()
    if stripped and not any(ch.isalnum() for ch in stripped) and "*" in stripped:
        raise ArchiveError(f"invalid search query {query!r}: {_STAR_HINT}")
    if '"' in query:
        return query
    if _EXCLUDED.match(stripped):
        word = stripped.split()[0]
        raise ArchiveError(f"invalid search query {query!r}: a query cannot start with an excluded word; put it "
                           f"after what to search for, e.g. 'Kreml {word}' (or 'Kreml NOT {word[1:]}'), or quote it "
                           f"to search for it as it is: '\"{word}\"'")
    return _EXCLUDED.sub("NOT ", query)


def quote_compounds(query: str) -> str:
    """Put double quotes around words FTS5 cannot read bare, e.g. ``US-Außenminister``.

    Hyphens, dots, slashes and apostrophes inside a word are FTS5 syntax or
    errors; quoting makes such a word a phrase of its parts, which is what a
    person means. Queries that use double quotes already are left alone.

    >>> quote_compounds("US-Außenminister Pomp*")
    '"US-Außenminister" Pomp*'
    """
    if '"' in query:
        return query
    return _COMPOUND.sub(lambda m: f'"{m.group(1)}"{m.group(2)}', query)


def _statements(script: str) -> list[str]:
    """The SQL statements of ``script``, one by one."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _ids(ids: list[str], shown: int = 5) -> str:
    text = ", ".join(repr(i) for i in ids[:shown])
    return text + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _spans(spans: list[Span]) -> str:
    return _json([[s.start, s.end] for s in spans])


def _span_cols(span: Optional[Span]) -> tuple:
    return (span.text, span.start, span.end) if span is not None else (None, None, None)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _title(text: str, limit: int = 200) -> str:
    """The first non-empty line, as the article title."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return _clip(line, limit)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

"""The archive file: its tables, their version, and creating or checking them when a file is opened."""

from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
"""Bumped on every change of the tables. An older file is migrated when it is opened
(:data:`MIGRATIONS`); a newer one is refused with a clear error."""

BUSY_TIMEOUT = 60.0
"""Seconds a writer waits for another process's transaction on the same file."""

SCHEMA = """
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
    added_at       TEXT NOT NULL,
    date           TEXT,            -- schema 2: ArticleMeta.date (ISO 8601), NULL when the input had none
    source         TEXT,            -- schema 2: the outlet
    url            TEXT             -- schema 2
);
CREATE TABLE speakers (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    descriptors TEXT NOT NULL,   -- JSON list
    n_mentions  INTEGER NOT NULL,
    quote_ids   TEXT NOT NULL,   -- JSON list
    gender      TEXT NOT NULL DEFAULT 'unknown',  -- schema 2: female, male, group or unknown
    gender_evidence TEXT NOT NULL DEFAULT '[]',   -- schema 2: JSON list
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
    speaker_gender  TEXT,            -- schema 2: the speaker entity's gender; NULL without a speaker
    UNIQUE (article_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);
CREATE INDEX quotes_type ON quotes(type);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source ON articles(source);
CREATE VIRTUAL TABLE quotes_fts USING fts5(content, speaker, title, article_id, tokenize = 'unicode61');
"""
"""The tables of a new archive. Columns added by a migration come last in their table, so that a
migrated file and a new one have the same columns in the same order."""

MIGRATIONS: dict[int, str] = {
    1: """
ALTER TABLE articles ADD COLUMN date TEXT;
ALTER TABLE articles ADD COLUMN source TEXT;
ALTER TABLE articles ADD COLUMN url TEXT;
ALTER TABLE speakers ADD COLUMN gender TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE speakers ADD COLUMN gender_evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE quotes ADD COLUMN speaker_gender TEXT;
UPDATE quotes SET speaker_gender = 'unknown' WHERE speaker_name IS NOT NULL OR speaker_mention IS NOT NULL;
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_source ON articles(source);
""",
}
"""SQL that takes an archive from schema N to N + 1, by N. Schema 2 (records 1.1) adds article
metadata (date, source, url), speaker gender and its evidence, and the gender of each quote's speaker.
Rows of schema 1 get no metadata and gender ``unknown`` (schema 1 never knew one)."""


class ArchiveError(Exception):
    """An archive that cannot be used, or a search that cannot run; the message is for a person."""


def init_schema(conn: sqlite3.Connection, path: Path, create: bool = True) -> Optional["Migration"]:
    """Create the tables in an empty file (when ``create``), check the version of an existing
    archive, and migrate an older one (:func:`migrate`).

    Several processes may do this at once on one new file: the schema is made
    in one exclusive transaction, and whoever comes second finds it made.

    Returns:
        The migration done, or None (a new, or an up-to-date archive).

    Raises:
        ArchiveError: an empty file with ``create=False``, a file that is not a
            quotes archive or has another schema version, or SQLite without FTS5.
    """
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
    version, tables = _state(conn)
    if version == 0 and not tables and not create:
        raise ArchiveError(f"{path} is empty, not a quotes archive; create one with "
                           f"`quotes archive add PATH --db {path}`")
    if version == 0 and not tables:
        try:
            conn.execute("CREATE VIRTUAL TABLE temp._fts_probe USING fts5(x)")
            conn.execute("DROP TABLE temp._fts_probe")
        except sqlite3.OperationalError:
            raise ArchiveError("this Python's SQLite has no FTS5 full-text search; "
                               "the archive needs it") from None
        # One exclusive transaction: a second process creating the same file at the
        # same time waits here, then finds the schema made and uses it.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version, tables = _state(conn)
            if version == 0 and not tables:
                stamp = now()
                for statement in statements(SCHEMA):
                    conn.execute(statement)
                conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                    ("schema_version", str(SCHEMA_VERSION)), ("created", stamp), ("updated", stamp),
                    ("application", "quotes")])
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if version == 0 and not tables:
            return None
    if version == 0 or "meta" not in tables:
        raise ArchiveError(f"{path} is an SQLite file but not a quotes archive")
    if version > SCHEMA_VERSION:
        raise ArchiveError(f"{path} has archive schema {version}, newer than this quotes "
                           f"(schema {SCHEMA_VERSION}); upgrade quotes")
    if version < SCHEMA_VERSION:
        return migrate(conn, path)
    return None


@dataclass
class Migration:
    """What opening an older archive did (:attr:`Archive.migrated`)."""

    path: str
    from_version: int
    to_version: int
    articles: int
    quotes: int

    def line(self) -> str:
        """One line for a person."""
        return (f"archive: {self.path} migrated from schema {self.from_version} to {self.to_version}; "
                f"all {self.articles} article(s) and {self.quotes} quote(s) kept")


def migrate(conn: sqlite3.Connection, path: Path) -> Optional[Migration]:
    """Bring an older archive to :data:`SCHEMA_VERSION` in one transaction.

    Every step of :data:`MIGRATIONS` from the file's version on runs inside one
    ``BEGIN IMMEDIATE`` transaction, with ``PRAGMA user_version`` and the
    ``meta`` table (``schema_version``, ``migrated``) updated in it: either the
    whole migration is committed or the file stays as it was. The version is
    read again inside the transaction, so of two processes opening one old file
    at once the second finds it migrated and does nothing.

    Returns:
        What was done, or None when there was nothing to do.

    Raises:
        ArchiveError: the file cannot be written (e.g. read-only) or a step fails;
            the file is left unchanged.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise ArchiveError(f"{path} has the older archive schema {schema_version(conn)} and cannot be "
                           f"migrated to {SCHEMA_VERSION}: {exc}") from None
    old = schema_version(conn)
    try:
        if old >= SCHEMA_VERSION:
            conn.execute("COMMIT")
            return None
        for version in range(old, SCHEMA_VERSION):
            if version not in MIGRATIONS:
                raise ArchiveError(f"{path} has archive schema {old}, which this quotes cannot migrate; "
                                   "re-create it with `quotes archive add`")
            for statement in statements(MIGRATIONS[version]):
                conn.execute(statement)
        stamp = now()
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('migrated', ?)",
                     (f"{stamp} from schema {old}",))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        done = Migration(path=str(path), from_version=old, to_version=SCHEMA_VERSION,
                         articles=conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                         quotes=conn.execute("SELECT count(*) FROM quotes").fetchone()[0])
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise ArchiveError(f"migrating {path} from archive schema {old} to {SCHEMA_VERSION} failed, "
                           f"the file is unchanged: {exc}") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    log.info(done.line())
    return done


def schema_version(conn: sqlite3.Connection) -> int:
    """The ``PRAGMA user_version`` of the file."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _state(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    """The schema version and the table names, read in one snapshot.

    Outside a transaction the two reads share a read transaction of their own:
    read one by one, another process that creates the schema in between would
    make a new archive look like a file with tables but no version.
    """
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        version = schema_version(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except BaseException:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    return version, tables


def statements(script: str) -> list[str]:
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


def now() -> str:
    """The time in UTC, to the second, as ISO 8601 (the ``added_at``, ``created`` and ``updated`` stamps)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")

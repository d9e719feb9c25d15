"""The archive file: its tables, their version, and creating or checking them when a file is opened."""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 1
"""Bumped on every change of the tables; older files are refused with a clear error."""

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


class ArchiveError(Exception):
    """An archive that cannot be used, or a search that cannot run; the message is for a person."""


def init_schema(conn: sqlite3.Connection, path: Path, create: bool = True) -> None:
    """Create the tables in an empty file (when ``create``), or check the version of an existing archive.

    Several processes may do this at once on one new file: the schema is made
    in one exclusive transaction, and whoever comes second finds it made.

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
            return
    if version == 0 or "meta" not in tables:
        raise ArchiveError(f"{path} is an SQLite file but not a quotes archive")
    if version > SCHEMA_VERSION:
        raise ArchiveError(f"{path} has archive schema {version}, newer than this quotes "
                           f"(schema {SCHEMA_VERSION}); upgrade quotes")
    if version < SCHEMA_VERSION:  # pragma: no cover - no older schema exists yet
        raise ArchiveError(f"{path} has the old archive schema {version}; re-create it with "
                           "`quotes archive add`")


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

"""A searchable archive of results: one SQLite file (stdlib :mod:`sqlite3`, FTS5).

Tables (schema version :data:`SCHEMA_VERSION`, kept in ``PRAGMA user_version``
and in the ``meta`` table; :mod:`quotes.archive.schema`):

* ``articles``: id, title (the input's ``title`` where it had one, else the
  first non-empty line of the text), text, number of quotes, model, when it
  was added, and the input's ``date`` (ISO 8601), ``source`` (outlet) and
  ``url`` (NULL where it had none);
* ``quotes``: one row per quote with its spans as columns (content text and
  offsets, cue, speaker name/mention/descriptor, addressee, medium, sentences,
  rule, confidence; split spans as JSON) and ``speaker_gender`` (the gender of
  the speaker's entity; NULL without a speaker);
* ``speakers``: the speaker entities of each article, with ``gender`` and
  ``gender_evidence`` (JSON list);
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

Opening an archive of an older schema migrates it in one transaction
(:func:`~quotes.archive.schema.migrate`; every row is kept, and
:attr:`Archive.migrated` says what was done); a newer schema is refused.
Several processes may add to one archive at once, also to one that does not
exist yet: the schema is created in one exclusive transaction (whoever comes
second finds it made), and a writer waits up to :data:`BUSY_TIMEOUT` seconds
for another's transaction to end.

The package: :mod:`~quotes.archive.schema` (tables, creating and checking a
file), :mod:`~quotes.archive.writing` (adding articles),
:mod:`~quotes.archive.query` (queries and hits), :mod:`~quotes.archive.stats`
(counts), :mod:`~quotes.archive.reuse` (one statement in several articles);
every public name is importable from :mod:`quotes.archive`.

>>> with Archive("quotes.sqlite") as db:                       # doctest: +SKIP
...     db.add(records)
...     hits = db.search("Pompeo", type="direct")
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Optional, Union

from ..models import QuoteType
from .schema import BUSY_TIMEOUT, SCHEMA_VERSION, ArchiveError, Migration, init_schema
from .schema import schema_version as _schema_version
from .query import Hit, quote_compounds, search_archive
from .reuse import DEFAULT_MIN_ARTICLES, DEFAULT_MIN_WORDS, DEFAULT_THRESHOLD, ReuseGroup, find_reuse
from .stats import Stats, archive_stats
from .writing import SEPARATOR, AddSummary, Record, Writing

__all__ = ["Archive", "ArchiveError", "AddSummary", "Migration", "Hit", "ReuseGroup", "Stats", "Record",
           "SCHEMA_VERSION",
           "BUSY_TIMEOUT", "SEPARATOR", "quote_compounds"]


class Archive(Writing):
    """A SQLite archive of quotes; open it with a path (created when missing unless ``create=False``).

    Adding (:meth:`add`, :meth:`add_one`) comes from
    :class:`~quotes.archive.writing.Writing`.

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
        self.migrated: Optional[Migration] = None
        """Set when opening migrated an older file to the current schema (say so to the person)."""
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.migrated = init_schema(self.conn, self.path, create)
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

    @property
    def schema_version(self) -> int:
        """The ``PRAGMA user_version`` of the file."""
        return _schema_version(self.conn)

    def search(self, query: Optional[str] = None, speaker: Optional[str] = None,
               type: Optional[Union[str, QuoteType]] = None, limit: int = 50,
               marks: tuple[str, str] = ("[", "]"), min_confidence: Optional[float] = None) -> list[Hit]:
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
            min_confidence: only quotes whose confidence is at least this probability (0 to 1).

        Returns:
            The hits, best match first (archive order without a query).

        Raises:
            ArchiveError: a query with invalid syntax, an unknown type, or a ``min_confidence`` that is
                not a number from 0 to 1.
        """
        return search_archive(self.conn, query, speaker=speaker, type=type, limit=limit, marks=marks,
                              min_confidence=min_confidence)

    def article_ids(self) -> list[str]:
        """The ids of all articles, sorted."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def reuse(self, min_articles: int = DEFAULT_MIN_ARTICLES, min_words: int = DEFAULT_MIN_WORDS,
              threshold: float = DEFAULT_THRESHOLD) -> list[ReuseGroup]:
        """Statements carried by several articles: near-identical quotations grouped across the
        archive, earliest article first, with the speakers they were attributed to
        (:func:`~quotes.archive.reuse.find_reuse`).

        Args:
            min_articles: list groups carried by at least this many distinct articles (≥ 2).
            min_words: leave out quotes of fewer words.
            threshold: the least similarity (0–100) of two quotes of one statement.

        Raises:
            ArchiveError: an argument out of range.
        """
        return find_reuse(self.conn, min_articles=min_articles, min_words=min_words, threshold=threshold)

    def stats(self, top: int = 10) -> Stats:
        """Counts: articles, quotes, distinct speaker names, quotes by type, the most quoted speakers."""
        return archive_stats(self.conn, str(self.path), top)

"""Searching an archive: person-friendly query forms, their translation to FTS5, and the hits."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Optional, Union

from ..models import QuoteType, check_probability
from .schema import ArchiveError
from .writing import clip


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
    speaker_gender: Optional[str] = None
    """The gender of the speaker's entity (female, male, group, unknown); None without a speaker."""
    date: Optional[str] = None
    """The article's date (ISO 8601) where its input had one."""
    source: Optional[str] = None
    """The article's outlet where its input had one."""
    url: Optional[str] = None

    def as_dict(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)


def search_archive(conn: sqlite3.Connection, query: Optional[str] = None, speaker: Optional[str] = None,
                   type: Optional[Union[str, QuoteType]] = None, limit: int = 50,
                   marks: tuple[str, str] = ("[", "]"), min_confidence: Optional[float] = None) -> list[Hit]:
    """:meth:`Archive.search` on an open archive connection (see there)."""
    if limit < 1:
        raise ArchiveError("the limit must be at least 1")
    if min_confidence is not None:
        try:
            min_confidence = check_probability(min_confidence, "the minimum confidence")
        except ValueError as exc:
            raise ArchiveError(str(exc)) from None
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
    if min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(min_confidence)
    sql = ("SELECT q.*, a.title, a.date, a.source, a.url, " +
           ("snippet(quotes_fts, 0, ?, ?, '…', 16) AS snippet " if terms else "NULL AS snippet ") +
           "FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid JOIN articles a ON a.id = q.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + (" ORDER BY rank" if terms else " ORDER BY q.article_id, q.rowid") + " LIMIT ?")
    if terms:
        params = [marks[0], marks[1], *params]
    params.append(limit)
    try:
        rows = conn.execute(sql, params).fetchall()
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
                content=r["content"], snippet=r["snippet"] or clip(r["content"], 160),
                speaker=r["speaker_name"], descriptor=r["descriptor"], cue=r["cue"],
                cue_lemma=r["cue_lemma"], start=r["content_start"], end=r["content_end"],
                confidence=r["confidence"], speaker_gender=r["speaker_gender"], date=r["date"],
                source=r["source"], url=r["url"]) for r in rows]


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


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'

"""The dashboard's numbers: one SQL query function per chart, each returning pydantic rows.

:func:`gender_overall`, :func:`gender_by_month`, :func:`speakers_by_quotes`,
:func:`speakers_by_articles`, :func:`quote_types` and :func:`outlets` give the
charts, :func:`top_articles` the article table; :func:`build` runs them all
into a :class:`Dashboard`. The same rows feed the chart, the table behind it
and its CSV file (:mod:`.tables`), so the three never disagree.

Gender of a quotation is the ``speaker_gender`` the archive stored with it
(the gender evidence found for the speaker entity): ``female``, ``male``,
``group``, ``unknown`` (no or contradicting evidence, never a guess), and
``none`` here for quotations without a speaker. A speaker's gender across
articles is the known gender (female, male, group) its quotations carry most
often; ``unknown`` when none is known or two tie.

Time is the month of ``articles.date`` (``YYYY-MM`` from an ISO 8601 date);
articles without a date, or with one that does not start ``YYYY-MM``, are
counted as undated, in a bar of their own. ``--since``/``--until`` keep the
articles dated within those days (both included), so undated articles are
left out when either is given.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections import Counter
from typing import Mapping, Optional

from pydantic import BaseModel

from ...models import QuoteType

GENDERS = ("female", "male", "group", "unknown", "none")
"""The gender categories of a quotation, in chart order; ``none``: the quotation has no speaker."""

KNOWN = ("female", "male", "group")
"""The genders a speaker can be given; ``unknown`` when its quotations carry none of them."""

TOP = 15
"""Rows in the top-speaker charts and the article table."""

LINKED_ARTICLES = 5
"""Articles linked per top speaker (those with the most of their quotations)."""


class Scope(BaseModel):
    """Which articles the report counts: those dated within ``since``..``until`` (days, both included)."""

    since: Optional[_dt.date] = None
    until: Optional[_dt.date] = None

    @property
    def limited(self) -> bool:
        return self.since is not None or self.until is not None

    def where(self) -> tuple[str, list]:
        """SQL conditions on the articles table (alias ``a``) and their parameters."""
        conditions, params = ["1"], []
        if self.since is not None:
            conditions.append(f"{_DAY} >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            conditions.append(f"{_DAY} <= ?")
            params.append(self.until.isoformat())
        return " AND ".join(conditions), params


_ISO_MONTH = "a.date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]*' AND substr(a.date, 6, 2) BETWEEN '01' AND '12'"
_DAY = (f"(CASE WHEN {_ISO_MONTH} AND a.date GLOB '????-??-[0-3][0-9]*' AND substr(a.date, 9, 2) BETWEEN '01' AND "
        "'31' THEN substr(a.date, 1, 10) END)")
_MONTH = f"(CASE WHEN {_ISO_MONTH} THEN substr(a.date, 1, 7) END)"
_GENDER = ("(CASE WHEN q.speaker_gender IS NULL THEN 'none' "
           "WHEN q.speaker_gender IN ('female', 'male', 'group') THEN q.speaker_gender ELSE 'unknown' END)")
_SOURCE = "NULLIF(trim(a.source), '')"
_QUOTES = "FROM quotes q JOIN articles a ON a.id = q.article_id"


class GenderCounts(BaseModel):
    """Quotations by the gender of their speaker."""

    female: int = 0
    male: int = 0
    group: int = 0
    unknown: int = 0
    none: int = 0
    """Quotations without a speaker."""

    @property
    def total(self) -> int:
        return sum(self.get(g) for g in GENDERS)

    def get(self, gender: str) -> int:
        return getattr(self, gender)

    def share(self, gender: str) -> float:
        """The fraction of all quotations that have this gender (0 when there are none)."""
        return self.get(gender) / self.total if self.total else 0.0


class GenderRow(BaseModel):
    gender: str
    quotes: int
    share: float


class MonthRow(BaseModel):
    month: Optional[str]
    """``YYYY-MM``; None for the undated articles."""
    counts: GenderCounts


class SpeakerRow(BaseModel):
    name: str
    gender: str
    quotes: int
    articles: int
    article_ids: list[str]
    """The articles with most of the speaker's quotations (at most :data:`LINKED_ARTICLES`)."""
    first_quotes: dict[str, str] = {}
    """Article id -> the id of the speaker's first quotation there (by position), for each of
    :attr:`article_ids`: the reading view's anchor of that quotation."""


class TypeRow(BaseModel):
    type: str
    quotes: int
    share: float


class OutletRow(BaseModel):
    source: Optional[str]
    """The outlet; None for articles whose input named none."""
    articles: int
    counts: GenderCounts


class ArticleRow(BaseModel):
    id: str
    title: str
    date: Optional[str]
    source: Optional[str]
    quotes: int


class Dashboard(BaseModel):
    """Everything the report shows."""

    scope: Scope
    articles: int
    quotes: int
    speakers: int
    updated: Optional[str] = None
    gender: list[GenderRow]
    by_month: list[MonthRow]
    speakers_by_quotes: list[SpeakerRow]
    speakers_by_articles: list[SpeakerRow]
    types: list[TypeRow]
    outlets: list[OutletRow]
    top_articles: list[ArticleRow]


def gender_overall(conn: sqlite3.Connection, scope: Scope) -> list[GenderRow]:
    """Quotations by speaker gender, one row per category of :data:`GENDERS`."""
    where, params = scope.where()
    counts = GenderCounts(**dict(conn.execute(
        f"SELECT {_GENDER} AS g, count(*) {_QUOTES} WHERE {where} GROUP BY g", params).fetchall()))
    return [GenderRow(gender=g, quotes=counts.get(g), share=counts.share(g)) for g in GENDERS]


def gender_by_month(conn: sqlite3.Connection, scope: Scope) -> list[MonthRow]:
    """Quotations by speaker gender per month of the article date, from the first month of an
    article to the last (months without quotations included), then the undated articles' (when
    there are any)."""
    where, params = scope.where()
    months: dict[Optional[str], dict[str, int]] = {
        m: {} for (m,) in conn.execute(f"SELECT DISTINCT {_MONTH} FROM articles a WHERE {where}", params)}
    for month, g, n in conn.execute(f"SELECT {_MONTH} AS m, {_GENDER} AS g, count(*) {_QUOTES} "
                                    f"WHERE {where} GROUP BY m, g", params):
        months.setdefault(month, {})[g] = n
    dated = sorted(m for m in months if m is not None)
    every = sorted(set(dated) | set(_month_range(dated[0], dated[-1]))) if dated else []
    rows = [MonthRow(month=m, counts=GenderCounts(**months.get(m, {}))) for m in every]
    if None in months:
        rows.append(MonthRow(month=None, counts=GenderCounts(**months[None])))
    return rows


def _month_range(first: str, last: str, most: int = 1200) -> list[str]:
    """The months from ``first`` to ``last`` (``YYYY-MM``), at most ``most`` of them."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < most:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def speakers_by_quotes(conn: sqlite3.Connection, scope: Scope, top: int = TOP) -> list[SpeakerRow]:
    """The most quoted speakers (names merged case-insensitively), most quotations first."""
    return _speakers(conn, scope, top, "quotes DESC, articles DESC")


def speakers_by_articles(conn: sqlite3.Connection, scope: Scope, top: int = TOP) -> list[SpeakerRow]:
    """The speakers quoted in the most articles, most articles first."""
    return _speakers(conn, scope, top, "articles DESC, quotes DESC")


def _speakers(conn: sqlite3.Connection, scope: Scope, top: int, order: str) -> list[SpeakerRow]:
    where, params = scope.where()
    where += " AND q.speaker_name IS NOT NULL"
    rows = conn.execute(
        f"SELECT min(q.speaker_name) AS name, count(*) AS quotes, count(DISTINCT q.article_id) AS articles "
        f"{_QUOTES} WHERE {where} GROUP BY q.speaker_name COLLATE NOCASE ORDER BY {order}, name LIMIT ?",
        [*params, top]).fetchall()
    out = []
    for name, quotes, articles in rows:
        mine = f"{where} AND q.speaker_name = ? COLLATE NOCASE"
        genders = Counter(dict(conn.execute(f"SELECT {_GENDER} AS g, count(*) {_QUOTES} WHERE {mine} GROUP BY g",
                                            [*params, name]).fetchall()))
        # SQLite takes a bare column (q.quote_id) from the row that gives min(): the first quotation.
        linked = conn.execute(
            f"SELECT q.article_id, count(*) AS n, q.quote_id, min(q.content_start) {_QUOTES} WHERE {mine} "
            "GROUP BY q.article_id ORDER BY n DESC, q.article_id LIMIT ?", [*params, name, LINKED_ARTICLES]).fetchall()
        out.append(SpeakerRow(name=name, gender=speaker_gender(genders), quotes=quotes, articles=articles,
                              article_ids=[r[0] for r in linked], first_quotes={r[0]: r[2] for r in linked}))
    return out


def speaker_gender(counts: Mapping[str, int]) -> str:
    """A speaker's gender from the genders of its quotations: the known one (female, male,
    group) most often given; ``unknown`` when none is known or two known ones tie."""
    known = sorted(((counts.get(g, 0), g) for g in KNOWN if counts.get(g, 0)), reverse=True)
    if not known or (len(known) > 1 and known[0][0] == known[1][0]):
        return "unknown"
    return known[0][1]


def quote_types(conn: sqlite3.Connection, scope: Scope) -> list[TypeRow]:
    """Quotations by type, one row per :class:`~quotes.models.QuoteType`."""
    where, params = scope.where()
    counts = dict(conn.execute(f"SELECT q.type, count(*) {_QUOTES} WHERE {where} GROUP BY q.type",
                               params).fetchall())
    total = sum(counts.values())
    return [TypeRow(type=t.value, quotes=counts.get(t.value, 0),
                    share=counts.get(t.value, 0) / total if total else 0.0) for t in QuoteType]


def outlets(conn: sqlite3.Connection, scope: Scope) -> list[OutletRow]:
    """Articles and quotations by speaker gender per outlet (``articles.source``), most
    quotations first; articles without an outlet last."""
    where, params = scope.where()
    articles = dict(conn.execute(f"SELECT {_SOURCE} AS s, count(*) FROM articles a WHERE {where} GROUP BY s",
                                 params).fetchall())
    genders: dict[Optional[str], dict[str, int]] = {}
    for source, g, n in conn.execute(f"SELECT {_SOURCE} AS s, {_GENDER} AS g, count(*) {_QUOTES} "
                                     f"WHERE {where} GROUP BY s, g", params):
        genders.setdefault(source, {})[g] = n
    rows = [OutletRow(source=s, articles=n, counts=GenderCounts(**genders.get(s, {}))) for s, n in articles.items()]
    return sorted(rows, key=lambda r: (r.source is None, -r.counts.total, -r.articles, r.source or ""))


def top_articles(conn: sqlite3.Connection, scope: Scope, top: int = TOP) -> list[ArticleRow]:
    """The articles with the most quotations (ties by id)."""
    where, params = scope.where()
    rows = conn.execute(
        f"SELECT a.id, a.title, a.date, {_SOURCE}, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS n "
        f"FROM articles a WHERE {where} ORDER BY n DESC, a.id LIMIT ?", [*params, top]).fetchall()
    return [ArticleRow(id=r[0], title=r[1], date=r[2], source=r[3], quotes=r[4]) for r in rows]


def build(conn: sqlite3.Connection, scope: Optional[Scope] = None, top: int = TOP) -> Dashboard:
    """Every chart's rows for the articles in ``scope`` (all articles by default).

    Args:
        conn: an open archive (``Archive.conn``: schema 2, an older file is migrated when opened).
        scope: which articles.
        top: rows in the top-speaker charts and the article table.
    """
    scope = scope or Scope()
    where, params = scope.where()
    one = lambda sql: conn.execute(sql, params).fetchone()[0]  # noqa: E731
    updated = conn.execute("SELECT value FROM meta WHERE key = 'updated'").fetchone()
    return Dashboard(
        scope=scope, articles=one(f"SELECT count(*) FROM articles a WHERE {where}"),
        quotes=one(f"SELECT count(*) {_QUOTES} WHERE {where}"),
        speakers=one(f"SELECT count(DISTINCT lower(q.speaker_name)) {_QUOTES} WHERE {where}"),
        updated=updated[0] if updated else None,
        gender=gender_overall(conn, scope), by_month=gender_by_month(conn, scope),
        speakers_by_quotes=speakers_by_quotes(conn, scope, top),
        speakers_by_articles=speakers_by_articles(conn, scope, top),
        types=quote_types(conn, scope), outlets=outlets(conn, scope), top_articles=top_articles(conn, scope, top))


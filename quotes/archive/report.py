"""The archive dashboard (``quotes archive report``): who is quoted, in numbers, on one page.

Three layers, each readable on its own:

1. **Data** (SQL): one function per chart, each returning pydantic rows
   (:func:`gender_overall`, :func:`gender_by_month`, :func:`speakers_by_quotes`,
   :func:`speakers_by_articles`, :func:`quote_types`, :func:`outlets`) and the
   table :func:`top_articles`; :func:`build` runs them all into a
   :class:`Dashboard`. The same rows feed the chart, the table behind it and
   its CSV file, so the three never disagree.
2. **Page** (:func:`render_html`): one self-contained HTML page, inline CSS
   and SVG drawn here in Python, a few lines of inline script (no network
   asset), German by default (``lang="en"`` for English). Every chart has a
   title, an ``aria`` label and its numbers in a table (``<details>``, opened
   for printing). Every bar and table cell carries its number in
   ``data-value`` (with ``data-chart`` and ``data-key``).
3. **Files** (:func:`write_report`): the page, optionally one CSV per chart
   (:func:`write_csv`) and a reading view: one page per article, written by
   the HTML exporter from the archive's rows (:func:`load_documents`), which
   the report links to.

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

import csv
import datetime as _dt
import hashlib
import html
import json
import os
import re
import sqlite3
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping, Optional
from urllib.parse import quote as _urlquote

from pydantic import BaseModel, ValidationError

from ..models import ArticleMeta, DocumentResult, ModelInfo, Quote, QuoteType, Span, Speaker, SpeakerEntity

GENDERS = ("female", "male", "group", "unknown", "none")
"""The gender categories of a quotation, in chart order; ``none``: the quotation has no speaker."""

KNOWN = ("female", "male", "group")

LANGUAGES = ("de", "en")
"""Page languages; the first is the default (as the reading view)."""

TOP = 15
"""Rows in the top-speaker charts and the article table."""

LINKED_ARTICLES = 5
"""Articles linked per top speaker (those with the most of their quotations)."""


# -- data --------------------------------------------------------------------


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
        ids = [r[0] for r in conn.execute(
            f"SELECT q.article_id, count(*) AS n {_QUOTES} WHERE {mine} GROUP BY q.article_id "
            "ORDER BY n DESC, q.article_id LIMIT ?", [*params, name, LINKED_ARTICLES])]
        out.append(SpeakerRow(name=name, gender=speaker_gender(genders), quotes=quotes, articles=articles,
                              article_ids=ids))
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


# -- CSV ---------------------------------------------------------------------


def csv_tables(dash: Dashboard) -> dict[str, tuple[list[str], list[list]]]:
    """Each chart's numbers as a CSV table (header, rows), by file name.

    Column names and values are language-neutral: gender and type keys as in
    the archive, shares as fractions, an empty cell for an undated month or an
    article without an outlet.
    """
    g = list(GENDERS)
    speaker_cols = ["rank", "name", "gender", "quotes", "articles"]

    def speakers(rows: list[SpeakerRow]) -> tuple[list[str], list[list]]:
        return speaker_cols, [[n, r.name, r.gender, r.quotes, r.articles] for n, r in enumerate(rows, 1)]

    return {
        "gender.csv": (["gender", "quotes", "share"],
                       [[r.gender, r.quotes, _fraction(r.share)] for r in dash.gender]),
        "gender_by_month.csv": (["month", *g, "total"],
                                [[r.month or "", *(r.counts.get(x) for x in g), r.counts.total]
                                 for r in dash.by_month]),
        "speakers_by_quotes.csv": speakers(dash.speakers_by_quotes),
        "speakers_by_articles.csv": speakers(dash.speakers_by_articles),
        "quote_types.csv": (["type", "quotes", "share"],
                            [[r.type, r.quotes, _fraction(r.share)] for r in dash.types]),
        "outlets.csv": (["source", "articles", *g, "total"],
                        [[r.source or "", r.articles, *(r.counts.get(x) for x in g), r.counts.total]
                         for r in dash.outlets]),
        "articles.csv": (["id", "title", "date", "source", "quotes"],
                         [[r.id, r.title, r.date or "", r.source or "", r.quotes] for r in dash.top_articles]),
    }


def _fraction(value: float) -> str:
    return f"{value:.4f}"


def write_csv(dash: Dashboard, folder: Path) -> list[Path]:
    """One CSV file per chart in ``folder`` (created when missing); UTF-8 with a byte order mark,
    as ``quotes extract -f csv`` (Excel shows umlauts), texts defused against formulas."""
    from ..exporters.csv import BOM, _defuse

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in csv_tables(dash).items():
        path = folder / name
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(BOM)
            out = csv.writer(fh)
            out.writerow(header)
            out.writerows([_defuse(c) if isinstance(c, str) else c for c in row] for row in rows)
        written.append(path)
    return written


# -- reading view --------------------------------------------------------------


def load_documents(conn: sqlite3.Connection, ids: Iterable[str]) -> tuple[list[DocumentResult], list[str]]:
    """The articles ``ids`` as :class:`~quotes.models.DocumentResult` records, rebuilt from the archive's rows.

    Speaker entities come back without their mentions (the archive keeps only
    their number). An article whose rows do not make a valid record is left
    out and named.

    Returns:
        The records (in the order of ``ids``) and the ids that could not be rebuilt.
    """
    docs, failed = [], []
    for article_id in ids:
        a = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if a is None:
            failed.append(article_id)
            continue
        try:
            docs.append(_document(conn, a))
        except (ValidationError, ValueError, TypeError, IndexError):
            failed.append(article_id)
    return docs, failed


def _document(conn: sqlite3.Connection, a: sqlite3.Row) -> DocumentResult:
    text = a["text"]

    def span(start: Optional[int], end: Optional[int]) -> Optional[Span]:
        return Span.of(text, start, end) if start is not None and end is not None else None

    quotes = []
    for r in conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY rowid", (a["id"],)):
        mention = span(r["speaker_start"], r["speaker_end"])
        has_speaker = mention or r["speaker_name"] or r["speaker_entity"] or r["descriptor"]
        quotes.append(Quote(
            id=r["quote_id"], type=QuoteType(r["type"]),
            content=[Span.of(text, s, e) for s, e in json.loads(r["content_spans"])],
            cue=[Span.of(text, s, e) for s, e in json.loads(r["cue_spans"])], cue_lemma=r["cue_lemma"],
            speaker=Speaker(mention=mention, name=r["speaker_name"], descriptor=r["descriptor"],
                            entity=r["speaker_entity"]) if has_speaker else None,
            addressee=span(r["addressee_start"], r["addressee_end"]), medium=span(r["medium_start"], r["medium_end"]),
            sentences=json.loads(r["sentences"]), rule=r["rule"], confidence=r["confidence"],
            evidence=json.loads(r["evidence"])))
    speakers = []
    for s in conn.execute("SELECT * FROM speakers WHERE article_id = ? ORDER BY rowid", (a["id"],)):
        speakers.append(SpeakerEntity(id=s["id"], name=s["name"], descriptors=json.loads(s["descriptors"]),
                                      quote_ids=json.loads(s["quote_ids"]), gender=s["gender"],
                                      gender_evidence=json.loads(s["gender_evidence"])))
    meta = {k: a[k] for k in ("date", "source", "url") if a[k] is not None}
    return DocumentResult(id=a["id"], text=text, meta=ArticleMeta(**meta) if meta else None, quotes=quotes,
                          speakers=speakers, model=ModelInfo(name=a["model"]) if a["model"] else None)


def page_name(article_id: str) -> str:
    """The reading-view file name of an article: its id made safe for any file system, plus a
    short hash of the id, so that two ids never share a file (``politik/kwon`` →
    ``politik-kwon-1b2c3d4e.html``)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", article_id).strip("-.")[:60] or "article"
    return f"{slug}-{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:8]}.html"


def write_reading_view(conn: sqlite3.Connection, ids: list[str], folder: Path,
                       lang: str = LANGUAGES[0]) -> tuple[dict[str, Path], list[str]]:
    """One reading-view page (the HTML exporter's ``-f html``) per article in ``folder``.

    Returns:
        The page of each article written, and the ids that could not be rebuilt (no page).
    """
    from ..exporters.html import HtmlExporter

    folder.mkdir(parents=True, exist_ok=True)
    pages: dict[str, Path] = {}
    failed: list[str] = []
    for start in range(0, len(ids), 200):
        docs, bad = load_documents(conn, ids[start:start + 200])
        failed += bad
        for doc in docs:
            path = folder / page_name(doc.id)
            title = conn.execute("SELECT title FROM articles WHERE id = ?", (doc.id,)).fetchone()[0]
            with open(path, "w", encoding="utf-8") as fh:
                exporter = HtmlExporter(fh, title=title or doc.id, lang=lang)
                exporter.write(doc)
                exporter.close()
            pages[doc.id] = path
    return pages, failed


# -- page ----------------------------------------------------------------------


_TEXTS = {
    "de": {
        "title": "Zitate-Dashboard", "article": ("Artikel", "Artikel"), "quote": ("Zitat", "Zitate"),
        "speaker": ("Sprecher", "Sprecher"), "period": "Zeitraum", "all_dates": "alle Artikel",
        "undated_left_out": "Artikel ohne Datum sind nicht mitgezählt.", "updated": "Archiv zuletzt geändert",
        "empty": "Das Archiv enthält keine Artikel.", "empty_scope": "Im Zeitraum liegen keine Artikel.",
        "no_data": "Keine Daten.", "table": "Tabelle", "decimal": ",", "percent": "{} %",
        "genders": {"female": "weiblich", "male": "männlich", "group": "Gruppe/Organisation",
                    "unknown": "unbekannt", "none": "ohne Sprecher"},
        "types": {"direct": "direkt", "indirect": "indirekt", "mixed": "gemischt", "reported": "berichtet",
                  "free_indirect": "frei indirekt"},
        "undated": "ohne Datum", "no_source": "ohne Angabe",
        "c_gender": "Anteil der Zitate nach Geschlecht der Sprecher",
        "c_by_month": "Anteil der Zitate nach Geschlecht, pro Monat",
        "c_speakers_by_quotes": "Meistzitierte Sprecher (Zitate)",
        "c_speakers_by_articles": "Sprecher in den meisten Artikeln",
        "c_types": "Zitatarten", "c_outlets": "Zitate pro Medium, nach Geschlecht der Sprecher",
        "c_articles": "Artikel mit den meisten Zitaten",
        "gender_note": "Geschlecht laut Belegen im Text (Rollenwort, Pronomen, Vorname); „unbekannt“: kein oder "
                       "widersprüchlicher Beleg – nie geraten. Ein Sprecher hat das bekannte Geschlecht, das seine "
                       "Zitate am häufigsten tragen.",
        "col_gender": "Geschlecht", "col_quotes": "Zitate", "col_share": "Anteil", "col_month": "Monat",
        "col_total": "gesamt", "col_rank": "Rang", "col_speaker": "Sprecher", "col_articles": "Artikel",
        "col_type": "Art", "col_source": "Medium", "col_id": "Artikel", "col_title": "Titel", "col_date": "Datum",
        "col_read": "Lesen", "legend": "Legende", "share_of": "{n} von {total} Zitaten",
    },
    "en": {
        "title": "Quotes dashboard", "article": ("article", "articles"), "quote": ("quote", "quotes"),
        "speaker": ("speaker", "speakers"), "period": "Period", "all_dates": "all articles",
        "undated_left_out": "Undated articles are not counted.", "updated": "archive last changed",
        "empty": "The archive holds no articles.", "empty_scope": "No articles in this period.",
        "no_data": "No data.", "table": "Table", "decimal": ".", "percent": "{}%",
        "genders": {"female": "female", "male": "male", "group": "group/organisation", "unknown": "unknown",
                    "none": "no speaker"},
        "types": {"direct": "direct", "indirect": "indirect", "mixed": "mixed", "reported": "reported",
                  "free_indirect": "free indirect"},
        "undated": "undated", "no_source": "not given",
        "c_gender": "Share of quotations by speaker gender",
        "c_by_month": "Share of quotations by speaker gender, per month",
        "c_speakers_by_quotes": "Most quoted speakers (quotations)",
        "c_speakers_by_articles": "Speakers in the most articles",
        "c_types": "Quote types", "c_outlets": "Quotations per outlet, by speaker gender",
        "c_articles": "Articles with the most quotations",
        "gender_note": "Gender as the text gives evidence for it (role noun, pronoun, first name); \"unknown\": "
                       "no or contradicting evidence, never a guess. A speaker has the known gender its "
                       "quotations carry most often.",
        "col_gender": "Gender", "col_quotes": "Quotes", "col_share": "Share", "col_month": "Month",
        "col_total": "total", "col_rank": "Rank", "col_speaker": "Speaker", "col_articles": "Articles",
        "col_type": "Type", "col_source": "Outlet", "col_id": "Article", "col_title": "Title", "col_date": "Date",
        "col_read": "Read", "legend": "Legend", "share_of": "{n} of {total} quotations",
    },
}


def _texts(lang: str) -> dict:
    try:
        return _TEXTS[lang]
    except KeyError:
        raise ValueError(f"unknown page language {lang!r}; choose one of {', '.join(LANGUAGES)}") from None


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


class _Page:
    """The HTML of one dashboard (see :func:`render_html`)."""

    WIDTH = 720
    ROW = 22

    def __init__(self, dash: Dashboard, lang: str, links: Mapping[str, str]) -> None:
        self.d = dash
        self.lang = lang
        self.t = _texts(lang)
        self.links = links

    # -- numbers and words

    def num(self, n: int) -> str:
        return f"{n:,}".replace(",", "." if self.lang == "de" else ",")

    def pct(self, share: float) -> str:
        return self.t["percent"].format(f"{share * 100:.1f}".replace(".", self.t["decimal"]))

    def count(self, n: int, key: str) -> str:
        forms = self.t[key]
        return f"{self.num(n)} {forms[0] if n == 1 else forms[1]}"

    def gender(self, g: str) -> str:
        return self.t["genders"][g]

    def month(self, m: Optional[str]) -> str:
        return m if m is not None else self.t["undated"]

    def source(self, s: Optional[str]) -> str:
        return s if s is not None else self.t["no_source"]

    # -- page

    def render(self) -> str:
        t, d = self.t, self.d
        if d.scope.limited:
            period = (f"{t['period']}: {d.scope.since.isoformat() if d.scope.since else '…'} – "
                      f"{d.scope.until.isoformat() if d.scope.until else '…'}. {t['undated_left_out']}")
        else:
            period = f"{t['period']}: {t['all_dates']}."
        head = [f"<h1>{_esc(t['title'])}</h1>",
                f'<p class="sub">{_esc(self.count(d.articles, "article"))}, {_esc(self.count(d.quotes, "quote"))}, '
                f'{_esc(self.count(d.speakers, "speaker"))}. {_esc(period)}'
                + (f" {_esc(t['updated'])}: {_esc(d.updated)}." if d.updated else "") + "</p>"]
        if not d.articles:
            body = [f'<p class="empty" role="status">{_esc(t["empty_scope"] if d.scope.limited else t["empty"])}</p>']
        else:
            body = [self.chart_gender(), self.chart_by_month(), self.chart_speakers("speakers_by_quotes"),
                    self.chart_speakers("speakers_by_articles"), self.chart_types(), self.chart_outlets(),
                    self.table_articles(), f'<p class="note mute">{_esc(t["gender_note"])}</p>']
        return "\n".join([
            f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_esc(t['title'])}</title>",
            f"<style>\n{_asset('report.css')}</style></head><body>",
            *head, *body,
            f"<script>\n{_asset('report.js')}</script>",
            "</body></html>\n"])

    def section(self, key: str, figure: str, table: str, legend: bool = False) -> str:
        title = self.t[f"c_{key}"]
        return (f'<section class="chart" id="c-{key}" data-chart="{key}" aria-labelledby="c-{key}-h">'
                f'<h2 id="c-{key}-h">{_esc(title)}</h2>'
                f'<figure>{figure}{self.legend() if legend else ""}</figure>'
                f'<details class="data"><summary>{_esc(self.t["table"])}: {_esc(title)}</summary>{table}</details>'
                "</section>")

    def legend(self) -> str:
        items = "".join(f'<li><span class="sw g-{g}"></span>{_esc(self.gender(g))}</li>' for g in GENDERS)
        return f'<figcaption><ul class="legend" aria-label="{_esc(self.t["legend"])}">{items}</ul></figcaption>'

    def svg(self, key: str, height: float, body: list[str]) -> str:
        title = self.t[f"c_{key}"]
        return (f'<svg class="plot" viewBox="0 0 {self.WIDTH} {height:.0f}" role="img" '
                f'aria-labelledby="c-{key}-t" preserveAspectRatio="xMinYMin meet">'
                f'<title id="c-{key}-t">{_esc(title)}</title>' + "".join(body) + "</svg>")

    def table(self, key: str, head: list[tuple[str, bool]], rows: list[tuple[str, list[tuple]]]) -> str:
        """A table: ``head`` (label, numeric); each row (key, cells), a cell (text, column, value or None,
        html or None)."""
        ths = "".join(('<th scope="col" class="n">' if numeric else '<th scope="col">') + f"{_esc(label)}</th>"
                      for label, numeric in head)
        trs = []
        for row_key, cells in rows:
            tds = []
            for n, (text, col, value, markup) in enumerate(cells):
                attrs = f' data-chart="{key}" data-key="{_esc(row_key)}" data-col="{col}"'
                if value is not None:
                    attrs += f' class="n" data-value="{_esc(value)}"'
                tag = "th scope=\"row\"" if n == 0 else "td"
                tds.append(f"<{tag}{attrs}>{markup if markup is not None else _esc(text)}</{tag.split()[0]}>")
            trs.append(f'<tr data-key="{_esc(row_key)}">' + "".join(tds) + "</tr>")
        return (f'<div class="scroll"><table data-table="{key}"><caption>{_esc(self.t["c_" + key])}</caption>'
                f"<thead><tr>{ths}</tr></thead><tbody>" + "".join(trs) + "</tbody></table></div>")

    def hbars(self, key: str, bars: list[tuple[str, str, int, str, str, Optional[str]]]) -> str:
        """Horizontal bars: (data key, label, value, css class, value text, link or None)."""
        if not any(b[2] for b in bars):
            return f'<p class="mute">{_esc(self.t["no_data"])}</p>'
        label_w = min(230, 12 + 7 * max(len(b[1]) for b in bars))
        plot_w = self.WIDTH - label_w - 110
        top = max(b[2] for b in bars)
        out = []
        for n, (data_key, label, value, css, value_text, link) in enumerate(bars):
            y = n * self.ROW
            w = plot_w * value / top if top else 0
            bar = (f'<rect class="bar {css}" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{self.ROW - 6}" '
                   f'data-chart="{key}" data-key="{_esc(data_key)}" data-value="{value}">'
                   f"<title>{_esc(label)}: {_esc(value_text)}</title></rect>")
            if link:
                bar = f'<a href="{_esc(link)}">{bar}</a>'
            out.append(f'<text class="label" x="{label_w - 6}" y="{y + self.ROW / 2}" text-anchor="end" '
                       f'dominant-baseline="central">{_esc(_clip(label, (label_w - 12) // 7))}</text>{bar}'
                       f'<text class="value" x="{label_w + w + 5:.1f}" y="{y + self.ROW / 2}" '
                       f'dominant-baseline="central">{_esc(value_text)}</text>')
        return self.svg(key, len(bars) * self.ROW + 4, out)

    def stacked_rows(self, key: str, rows: list[tuple[str, str, GenderCounts]]) -> str:
        """Horizontal bars split by gender, lengths in quotations: (data key, label, counts)."""
        if not any(c.total for _, _, c in rows):
            return f'<p class="mute">{_esc(self.t["no_data"])}</p>'
        label_w = min(230, 12 + 7 * max(len(r[1]) for r in rows))
        plot_w = self.WIDTH - label_w - 70
        top = max(c.total for _, _, c in rows)
        out = []
        for n, (data_key, label, counts) in enumerate(rows):
            y, x = n * self.ROW, float(label_w)
            out.append(f'<text class="label" x="{label_w - 6}" y="{y + self.ROW / 2}" text-anchor="end" '
                       f'dominant-baseline="central">{_esc(_clip(label, (label_w - 12) // 7))}</text>')
            for g in GENDERS:
                value = counts.get(g)
                if not value:
                    continue
                w = plot_w * value / top
                out.append(f'<rect class="bar g-{g}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{self.ROW - 6}" '
                           f'data-chart="{key}" data-key="{_esc(data_key)}/{g}" data-value="{value}"><title>'
                           f'{_esc(label)} · {_esc(self.gender(g))}: {_esc(self.share_of(counts, g))}</title></rect>')
                x += w
            out.append(f'<text class="value" x="{x + 5:.1f}" y="{y + self.ROW / 2}" dominant-baseline="central">'
                       f"{_esc(self.num(counts.total))}</text>")
        return self.svg(key, len(rows) * self.ROW + 4, out)

    def share_of(self, counts: GenderCounts, g: str) -> str:
        return (self.t["share_of"].format(n=self.num(counts.get(g)), total=self.num(counts.total))
                + f" ({self.pct(counts.share(g))})")

    def stacked_columns(self, key: str, rows: list[MonthRow]) -> str:
        """Columns of 100 % split by gender, one per month; the undated after a gap."""
        if not any(r.counts.total for r in rows):
            return f'<p class="mute">{_esc(self.t["no_data"])}</p>'
        left, plot_h, top_pad, bottom = 40, 180, 16, 64
        gap = 1 if rows[-1].month is None and len(rows) > 1 else 0
        slots = len(rows) + gap
        step = (self.WIDTH - left - 10) / slots
        w = max(1.0, step * 0.8)
        every = max(1, round(len(rows) / 12))
        out = [f'<line class="axis" x1="{left}" x2="{self.WIDTH - 10}" y1="{top_pad + plot_h}" '
               f'y2="{top_pad + plot_h}"/>']
        for pct in (0, 50, 100):
            y = top_pad + plot_h * (1 - pct / 100)
            out.append(f'<text class="tick" x="{left - 4}" y="{y:.1f}" text-anchor="end" dominant-baseline="central">'
                       f"{_esc(self.t['percent'].format(pct))}</text>")
        for n, r in enumerate(rows):
            slot = n + (gap if r.month is None else 0)
            x = left + slot * step + (step - w) / 2
            y = float(top_pad + plot_h)
            label = self.month(r.month)
            for g in GENDERS:
                value = r.counts.get(g)
                if not value:
                    continue
                h = plot_h * r.counts.share(g)
                y -= h
                out.append(f'<rect class="bar g-{g}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                           f'data-chart="{key}" data-key="{_esc(r.month or "undated")}/{g}" data-value="{value}">'
                           f"<title>{_esc(label)} · {_esc(self.gender(g))}: {_esc(self.share_of(r.counts, g))}"
                           "</title></rect>")
            if r.month is None or n % every == 0:
                cx = x + w / 2
                out.append(f'<text class="tick" x="{cx:.1f}" y="{top_pad + plot_h + 8}" text-anchor="end" '
                           f'transform="rotate(-45 {cx:.1f} {top_pad + plot_h + 8})">{_esc(label)}</text>')
            if step >= 18:
                out.append(f'<text class="n-top" x="{x + w / 2:.1f}" y="{top_pad - 4}" text-anchor="middle">'
                           f"{_esc(self.num(r.counts.total))}</text>")
        return self.svg(key, top_pad + plot_h + bottom, out)

    # -- the charts

    def chart_gender(self) -> str:
        bars = [(r.gender, self.gender(r.gender), r.quotes, f"g-{r.gender}",
                 f"{self.num(r.quotes)} ({self.pct(r.share)})", None) for r in self.d.gender]
        rows = [(r.gender, [(self.gender(r.gender), "gender", None, None),
                            (self.num(r.quotes), "quotes", r.quotes, None),
                            (self.pct(r.share), "share", _fraction(r.share), None)]) for r in self.d.gender]
        t = self.t
        return self.section("gender", self.hbars("gender", bars),
                            self.table("gender", [(t["col_gender"], False), (t["col_quotes"], True),
                                                  (t["col_share"], True)], rows))

    def chart_by_month(self) -> str:
        t = self.t
        rows = [(r.month or "undated", [(self.month(r.month), "month", None, None),
                                        *((self.num(r.counts.get(g)), g, r.counts.get(g), None) for g in GENDERS),
                                        (self.num(r.counts.total), "total", r.counts.total, None)])
                for r in self.d.by_month]
        head = [(t["col_month"], False), *((self.gender(g), True) for g in GENDERS), (t["col_total"], True)]
        return self.section("by_month", self.stacked_columns("by_month", self.d.by_month),
                            self.table("by_month", head, rows), legend=True)

    def chart_speakers(self, key: str) -> str:
        t = self.t
        speakers: list[SpeakerRow] = getattr(self.d, key)
        by = "quotes" if key == "speakers_by_quotes" else "articles"
        bars = []
        for r in speakers:
            value = getattr(r, by)
            link = self.links.get(r.article_ids[0]) if r.article_ids else None
            bars.append((r.name, r.name, value, f"g-{r.gender}",
                         self.count(value, "quote" if by == "quotes" else "article"), link))
        rows = []
        for n, r in enumerate(speakers, 1):
            reads = [f'<a href="{_esc(self.links[i])}">{_esc(i)}</a>' for i in r.article_ids if i in self.links]
            rows.append((r.name, [(str(n), "rank", n, None), (r.name, "name", None, None),
                                  (self.gender(r.gender), "gender", None, None),
                                  (self.num(r.quotes), "quotes", r.quotes, None),
                                  (self.num(r.articles), "articles", r.articles, None),
                                  ("", "read", None, ", ".join(reads))]))
        head = [(t["col_rank"], True), (t["col_speaker"], False), (t["col_gender"], False), (t["col_quotes"], True),
                (t["col_articles"], True), (t["col_read"], False)]
        return self.section(key, self.hbars(key, bars), self.table(key, head, rows), legend=True)

    def chart_types(self) -> str:
        t = self.t
        name = lambda r: t["types"].get(r.type, r.type)  # noqa: E731
        bars = [(r.type, name(r), r.quotes, "type", f"{self.num(r.quotes)} ({self.pct(r.share)})", None)
                for r in self.d.types]
        rows = [(r.type, [(name(r), "type", None, None), (self.num(r.quotes), "quotes", r.quotes, None),
                          (self.pct(r.share), "share", _fraction(r.share), None)]) for r in self.d.types]
        return self.section("types", self.hbars("types", bars),
                            self.table("types", [(t["col_type"], False), (t["col_quotes"], True),
                                                 (t["col_share"], True)], rows))

    def chart_outlets(self) -> str:
        t = self.t
        key = lambda r: r.source if r.source is not None else ""  # noqa: E731
        figure = self.stacked_rows("outlets", [(key(r), self.source(r.source), r.counts) for r in self.d.outlets])
        rows = [(key(r), [(self.source(r.source), "source", None, None),
                          (self.num(r.articles), "articles", r.articles, None),
                          *((self.pct(r.counts.share(g)), g, r.counts.get(g), None) for g in GENDERS),
                          (self.num(r.counts.total), "total", r.counts.total, None)]) for r in self.d.outlets]
        # The gender columns show shares; their data-value is the count behind the share.
        head = [(t["col_source"], False), (t["col_articles"], True), *((self.gender(g), True) for g in GENDERS),
                (t["col_quotes"], True)]
        return self.section("outlets", figure, self.table("outlets", head, rows), legend=True)

    def table_articles(self) -> str:
        t = self.t
        rows = []
        for r in self.d.top_articles:
            link = self.links.get(r.id)
            rows.append((r.id, [(r.id, "id", None, f'<a href="{_esc(link)}">{_esc(r.id)}</a>' if link else None),
                                (r.title, "title", None, None), (r.date or "", "date", None, None),
                                (self.source(r.source), "source", None, None),
                                (self.num(r.quotes), "quotes", r.quotes, None)]))
        head = [(t["col_id"], False), (t["col_title"], False), (t["col_date"], False), (t["col_source"], False),
                (t["col_quotes"], True)]
        return (f'<section class="articles" id="c-articles" aria-labelledby="c-articles-h">'
                f'<h2 id="c-articles-h">{_esc(t["c_articles"])}</h2>{self.table("articles", head, rows)}</section>')


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def render_html(dash: Dashboard, lang: str = LANGUAGES[0], links: Optional[Mapping[str, str]] = None) -> str:
    """The dashboard as one self-contained HTML page.

    Args:
        dash: what to show (:func:`build`).
        lang: ``"de"`` (default) or ``"en"``.
        links: the reading-view address of an article, by id; top speakers and
            articles link there (no links without it).

    Raises:
        ValueError: an unknown ``lang``.
    """
    return _Page(dash, lang, links or {}).render()


# -- files ---------------------------------------------------------------------


class ReportSummary(BaseModel):
    """What :func:`write_report` wrote."""

    page: Path
    articles: int
    quotes: int
    csv_files: list[Path] = []
    reading_pages: int = 0
    not_rebuilt: list[str] = []
    """Articles whose rows did not make a valid record (no reading-view page)."""

    def line(self) -> str:
        """One line for a person."""
        out = f"report: {self.page} ({self.articles} articles, {self.quotes} quotes)"
        if self.csv_files:
            out += f"; {len(self.csv_files)} CSV files in {self.csv_files[0].parent}"
        if self.reading_pages or self.not_rebuilt:
            out += f"; reading view: {self.reading_pages} article pages"
        if self.not_rebuilt:
            out += (f"; {len(self.not_rebuilt)} article(s) could not be rebuilt from the archive and have no page: "
                    + ", ".join(repr(i) for i in self.not_rebuilt[:5]))
        return out


def write_report(conn: sqlite3.Connection, out: Path, scope: Optional[Scope] = None, lang: str = LANGUAGES[0],
                 csv_dir: Optional[Path] = None, reading_view: Optional[Path] = None, top: int = TOP) -> ReportSummary:
    """Write the dashboard page ``out``, and the CSV files and reading view when asked for.

    Args:
        conn: an open archive (``Archive.conn``).
        out: the HTML file.
        scope: which articles (all by default).
        lang: page language (also of the reading view).
        csv_dir: a folder for one CSV file per chart.
        reading_view: a folder for one reading-view page per article in the
            scope; the report links to them by relative address, so keep the
            folder where it is relative to the page.
        top: rows in the top-speaker charts and the article table.

    Raises:
        ValueError: an unknown ``lang``.
        OSError: a file or folder that cannot be written.
    """
    _texts(lang)
    scope = scope or Scope()
    dash = build(conn, scope, top)
    summary = ReportSummary(page=out, articles=dash.articles, quotes=dash.quotes)
    links: dict[str, str] = {}
    if reading_view is not None:
        where, params = scope.where()
        ids = [r[0] for r in conn.execute(f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.id", params)]
        pages, summary.not_rebuilt = write_reading_view(conn, ids, reading_view, lang)
        summary.reading_pages = len(pages)
        base = out.resolve().parent
        links = {i: _urlquote(Path(os.path.relpath(p.resolve(), base)).as_posix()) + "#doc-1"
                 for i, p in pages.items()}
    if csv_dir is not None:
        summary.csv_files = write_csv(dash, csv_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(dash, lang, links), encoding="utf-8")
    return summary

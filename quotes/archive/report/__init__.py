"""The archive dashboard (``quotes archive report``): who is quoted, in numbers, on one page.

Three layers, each readable on its own:

1. **Data** (:mod:`.data`, SQL): one function per chart, each returning
   pydantic rows; :func:`build` runs them all into a :class:`Dashboard`.
   The same rows feed the chart, the table behind it and its CSV file
   (:mod:`.tables`: :func:`csv_tables`, :func:`write_csv`), so the three
   never disagree.
2. **Page** (:mod:`.page`, :func:`render_html`): one self-contained HTML
   page, inline CSS and SVG, German by default (words in :mod:`.texts`).
3. **Files** (:func:`write_report`, here): the page, optionally one CSV per
   chart and a reading view (:mod:`.reading`): one page per article, written
   by the HTML exporter from the archive's rows (:func:`load_documents`),
   which the report links to.

Every public name of the modules is importable from here.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Optional
from urllib.parse import quote as _urlquote

from pydantic import BaseModel

from .data import (GENDERS, KNOWN, LINKED_ARTICLES, TOP, ArticleRow, Dashboard, GenderCounts, GenderRow, MonthRow,
                   OutletRow, Scope, SpeakerRow, TypeRow, build, gender_by_month, gender_overall, outlets,
                   quote_types, speaker_gender, speakers_by_articles, speakers_by_quotes, top_articles)
from .page import render_html
from .reading import load_documents, page_name, write_reading_view
from .tables import csv_tables, write_csv
from .texts import LANGUAGES, for_language

__all__ = [
    "GENDERS", "KNOWN", "LANGUAGES", "LINKED_ARTICLES", "TOP",
    "ArticleRow", "Dashboard", "GenderCounts", "GenderRow", "MonthRow", "OutletRow", "ReportSummary", "Scope",
    "SpeakerRow", "TypeRow",
    "build", "csv_tables", "gender_by_month", "gender_overall", "load_documents", "outlets", "page_name",
    "quote_types", "render_html", "speaker_gender", "speakers_by_articles", "speakers_by_quotes", "top_articles",
    "write_csv", "write_reading_view", "write_report",
]


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
    for_language(lang)  # an unknown language fails before anything is written
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
        links = {i: _urlquote(Path(os.path.relpath(p.resolve(), base)).as_posix()) for i, p in pages.items()}
    if csv_dir is not None:
        summary.csv_files = write_csv(dash, csv_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(dash, lang, links), encoding="utf-8")
    return summary

"""The dashboard's numbers as CSV files, one per chart (``quotes archive report --csv DIR``)."""

from __future__ import annotations

import csv
from pathlib import Path

from ...exporters.csv import BOM, defuse
from .data import GENDERS, Dashboard, SpeakerRow


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
                       [[r.gender, r.quotes, fraction(r.share)] for r in dash.gender]),
        "gender_by_month.csv": (["month", *g, "total"],
                                [[r.month or "", *(r.counts.get(x) for x in g), r.counts.total]
                                 for r in dash.by_month]),
        "speakers_by_quotes.csv": speakers(dash.speakers_by_quotes),
        "speakers_by_articles.csv": speakers(dash.speakers_by_articles),
        "quote_types.csv": (["type", "quotes", "share"],
                            [[r.type, r.quotes, fraction(r.share)] for r in dash.types]),
        "outlets.csv": (["source", "articles", *g, "total"],
                        [[r.source or "", r.articles, *(r.counts.get(x) for x in g), r.counts.total]
                         for r in dash.outlets]),
        "articles.csv": (["id", "title", "date", "source", "quotes"],
                         [[r.id, r.title, r.date or "", r.source or "", r.quotes] for r in dash.top_articles]),
    }


def fraction(value: float) -> str:
    """A share as the CSV files and the page's ``data-value`` give it: a fraction with four decimals."""
    return f"{value:.4f}"


def write_csv(dash: Dashboard, folder: Path) -> list[Path]:
    """One CSV file per chart in ``folder`` (created when missing); UTF-8 with a byte order mark,
    as ``quotes extract -f csv`` (Excel shows umlauts), texts defused against formulas."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in csv_tables(dash).items():
        path = folder / name
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(BOM)
            out = csv.writer(fh)
            out.writerow(header)
            out.writerows([defuse(c) if isinstance(c, str) else c for c in row] for row in rows)
        written.append(path)
    return written

"""What an archive holds: counts of articles, quotes and speakers, quotes by type, the most quoted."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Optional

from ..models import QuoteType
from .schema import schema_version


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


def archive_stats(conn: sqlite3.Connection, path: str, top: int = 10) -> Stats:
    """:meth:`Archive.stats` on an open archive connection; ``path`` is what the result names."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    by_type = {t.value: 0 for t in QuoteType}
    for t, n in conn.execute("SELECT type, count(*) FROM quotes GROUP BY type"):
        by_type[t] = n
    top_rows = conn.execute(
        "SELECT speaker_name, count(*) AS n FROM quotes WHERE speaker_name IS NOT NULL "
        "GROUP BY speaker_name COLLATE NOCASE ORDER BY n DESC, speaker_name LIMIT ?", (top,)).fetchall()
    return Stats(
        path=path, schema_version=schema_version(conn),
        articles=one("SELECT count(*) FROM articles"), quotes=one("SELECT count(*) FROM quotes"),
        speakers=one("SELECT count(DISTINCT lower(speaker_name)) FROM quotes WHERE speaker_name IS NOT NULL"),
        by_type=by_type, top_speakers=[(r[0], r[1]) for r in top_rows],
        created=meta.get("created"), updated=meta.get("updated"))

"""The reading view: one page per article (the HTML exporter's ``-f html``), rebuilt from the
archive's rows, which the dashboard links to."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Iterable, Optional

from pydantic import ValidationError

from ...models import ArticleMeta, DocumentResult, ModelInfo, Quote, QuoteType, Span, Speaker, SpeakerEntity
from .texts import LANGUAGES


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
    from ...exporters.html import HtmlExporter

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

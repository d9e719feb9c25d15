"""Adding results to an archive: one transaction per article, replacing an earlier version of it."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

from ..models import ArticleMeta, DocumentError, DocumentResult, Quote, Span, speaker_gender
from .schema import now

Record = Union[DocumentResult, DocumentError]

SEPARATOR = " … "
"""What joins the parts of a split content or cue in the ``content`` and ``cue`` columns."""


@dataclass
class AddSummary:
    """What :meth:`Archive.add` did."""

    added: int = 0
    """Articles new to the archive."""
    replaced: int = 0
    """Articles that were there (from an earlier add) and were replaced by the new version."""
    quotes: int = 0
    errors: int = 0
    """Error records seen (not stored)."""
    duplicates: int = 0
    """Articles skipped because an earlier article of the same add had their id."""
    replaced_ids: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        """One line for a person, naming replaced and skipped articles."""
        out = (f"archive: {_n(self.added, 'article')} added, {self.replaced} replaced"
               + (f" (already in the archive, now the new version: {_ids(self.replaced_ids)})"
                  if self.replaced_ids else "")
               + f", {_n(self.quotes, 'quote')}")
        if self.duplicates:
            out += (f"; {_n(self.duplicates, 'article')} skipped: an earlier input of this add has the same id, "
                    f"the first was kept ({_ids(self.duplicate_ids)})")
        if self.errors:
            out += f"; {_n(self.errors, 'error record')} not stored"
        return out


class Writing:
    """The writing half of :class:`~quotes.archive.Archive` (which provides ``conn``)."""

    conn: sqlite3.Connection

    def add(self, records: Iterable[Record], on_replace=None, on_duplicate=None) -> AddSummary:
        """Store results, one transaction per article.

        An article already in the archive (from an earlier add) is replaced by
        the new version; an id that comes again within ``records`` is skipped
        (the first is kept). Both are named in the summary.

        Args:
            records: result records (stored) and error records (counted only).
            on_replace: called with the id of each replaced article (e.g. to warn).
            on_duplicate: called with the id of each skipped repeat.

        Returns:
            What was added, replaced and skipped.

        Raises:
            Exception: whatever fails while writing an article, after rolling
                that article back; the articles before it stay committed.
        """
        summary = AddSummary()
        seen: set[str] = set()
        for record in records:
            if isinstance(record, DocumentError):
                summary.errors += 1
                continue
            if record.id in seen:
                summary.duplicates += 1
                summary.duplicate_ids.append(record.id)
                if on_duplicate is not None:
                    on_duplicate(record.id)
                continue
            seen.add(record.id)
            replaced = self.add_one(record)
            summary.replaced += replaced
            summary.added += not replaced
            summary.quotes += len(record.quotes)
            if replaced:
                summary.replaced_ids.append(record.id)
                if on_replace is not None:
                    on_replace(record.id)
        return summary

    def add_one(self, doc: DocumentResult) -> bool:
        """Store one article in its own transaction; True when it replaced one."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            replaced = self._delete_article(cur, doc.id)
            meta = doc.meta or ArticleMeta()
            title = _title(doc.text, meta.title)
            cur.execute(
                "INSERT INTO articles (id, title, text, n_quotes, model, schema_version, added_at, date, source, "
                "url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, title, doc.text, len(doc.quotes), doc.model.name if doc.model else None,
                 doc.schema_version, now(), meta.date, meta.source, meta.url))
            for e in doc.speakers:
                cur.execute(
                    "INSERT INTO speakers (article_id, id, name, descriptors, n_mentions, quote_ids, gender, "
                    "gender_evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, e.id, e.name, _json(e.descriptors), len(e.mentions), _json(e.quote_ids),
                     e.gender.value, _json(e.gender_evidence)))
            entities = {e.id: e for e in doc.speakers}
            for q in doc.quotes:
                self._insert_quote(cur, doc.id, title, q, entities)
            cur.execute("UPDATE meta SET value = ? WHERE key = 'updated'", (now(),))
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return replaced

    def _delete_article(self, cur: sqlite3.Cursor, article_id: str) -> bool:
        cur.execute("DELETE FROM quotes_fts WHERE rowid IN (SELECT rowid FROM quotes WHERE article_id = ?)",
                    (article_id,))
        cur.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        cur.execute("DELETE FROM speakers WHERE article_id = ?", (article_id,))
        cur.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return cur.rowcount > 0

    def _insert_quote(self, cur: sqlite3.Cursor, article_id: str, title: str, q: Quote, entities: dict) -> None:
        sp = q.speaker
        name = sp.name if sp else None
        if not name and sp and sp.entity in entities:
            name = entities[sp.entity].name
        mention = sp.mention if sp else None
        gender = speaker_gender(sp, entities).value if sp is not None else None
        content = SEPARATOR.join(s.text for s in q.content)
        cue = SEPARATOR.join(s.text for s in q.cue) or None
        cur.execute(
            "INSERT INTO quotes (article_id, quote_id, type, content, content_start, content_end, content_spans, "
            "cue, cue_start, cue_end, cue_spans, cue_lemma, speaker_name, speaker_mention, speaker_start, "
            "speaker_end, speaker_entity, descriptor, addressee, addressee_start, addressee_end, medium, "
            "medium_start, medium_end, sentences, rule, confidence, evidence, speaker_gender) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, q.id, q.type.value, content, q.start, q.end, _spans(q.content),
             cue, min((s.start for s in q.cue), default=None), max((s.end for s in q.cue), default=None),
             _spans(q.cue), q.cue_lemma, name, *_span_cols(mention), sp.entity if sp else None,
             sp.descriptor if sp else None, *_span_cols(q.addressee), *_span_cols(q.medium),
             _json(q.sentences), q.rule, q.confidence, _json(q.evidence), gender))
        cur.execute("INSERT INTO quotes_fts (rowid, content, speaker, title, article_id) VALUES (?, ?, ?, ?, ?)",
                    (cur.lastrowid, content, name or "", title, article_id))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _ids(ids: list[str], shown: int = 5) -> str:
    text = ", ".join(repr(i) for i in ids[:shown])
    return text + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _spans(spans: list[Span]) -> str:
    return _json([[s.start, s.end] for s in spans])


def _span_cols(span: Optional[Span]) -> tuple:
    return (span.text, span.start, span.end) if span is not None else (None, None, None)


def _title(text: str, given: Optional[str] = None, limit: int = 200) -> str:
    """The article title: the input's ``title`` (whitespace runs made one space) where it had a
    non-blank one, else the first non-empty line of the text."""
    if given and given.strip():
        return clip(" ".join(given.split()), limit)
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return clip(line, limit)


def clip(text: str, limit: int) -> str:
    """``text``, cut to at most ``limit`` characters with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

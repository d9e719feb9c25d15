"""The error report: per document, the misses, false alarms and partial pairs.

:func:`render_report` writes it as Markdown or HTML; with a ``parse``
function each miss and false alarm also shows the dependency parse of its
sentences, which is usually what explains a rule's mistake.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence, Union

from .counts import EvalScores
from .roles import ROLES, QuoteRoles
from .scoring import DocumentDetail, Pair
from .tables import format_markdown, html_table, score_tables, summary_line

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import ParsedDoc

ParseFn = Callable[[str], "ParsedDoc"]
"""Text -> its parsed document (e.g. ``lambda t: extractor.parse_many([t])[0]``)."""

REPORT_FORMATS = ("markdown", "html")


def compact_parse(doc: "ParsedDoc", spans: Sequence[tuple[int, int]]) -> list[str]:
    """The parsed sentences that the spans touch, one line each.

    Each word reads ``id:word/UPOS/deprel->head`` (head 0 is the root).
    """
    if not spans:
        return []
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    lines = []
    for sent in doc.sentences:
        if sent.start < hi and lo < sent.end or (lo == hi and sent.start <= lo < sent.end):
            lines.append(" ".join(f"{w.id}:{w.text}/{w.upos}/{w.deprel}->{w.head}" for w in sent.words))
    return lines


@dataclass
class _Entry:
    """One report item, format-neutral: a title, label/value lines and parse lines."""

    title: str
    fields: list[tuple[str, str]]
    parse: list[str]


def _gold_entry(d: DocumentDetail, g: QuoteRoles) -> _Entry:
    fields = [("type", g.type), ("quote", g.texts["message"]), ("speaker", g.texts["speaker"] or "—"),
              ("cue", g.texts["cue"] or "—"), ("sentence", d.gold.sentence_text(g.spans))]
    return _Entry(f"MISS gold #{g.index} ({g.type})", fields, [])


def _pred_entry(d: DocumentDetail, q: QuoteRoles) -> _Entry:
    fields = [("rule", q.rule), ("type", q.type), ("quote", q.texts["message"]),
              ("speaker", q.texts["speaker"] or "—"), ("cue", q.texts["cue"] or "—"),
              ("sentence", d.gold.sentence_text(q.spans))]
    return _Entry(f"FALSE ALARM pred #{q.index} ({q.type}, {q.rule})", fields, [])


def _partial_entry(d: DocumentDetail, pair: Pair) -> _Entry:
    g, q = d.gold.quotes[pair.gold], d.preds[pair.pred]
    status = "match" if pair.matched else "below 0.5, no quote-level match"
    fields = [("message F1", f"{pair.f1:.2f} ({status})"), ("types", f"gold {g.type} / predicted {q.type}"),
              ("rule", q.rule)]
    for role in ROLES:
        gs, ps = g.tokens(role), q.tokens(role)
        if gs == ps:
            continue
        fields += [(f"gold {role}", g.texts[role] or "—"), (f"pred {role}", q.texts[role] or "—")]
        if gs - ps:
            fields.append((f"  {role} missing", d.gold.text_of_tokens(gs - ps)))
        if ps - gs:
            fields.append((f"  {role} extra", d.gold.text_of_tokens(ps - gs)))
    return _Entry(f"PARTIAL gold #{g.index} ~ pred #{q.index}", fields, [])


def _document_entries(d: DocumentDetail, parse: Optional[ParseFn]) -> list[_Entry]:
    entries: list[_Entry] = []
    doc = parse(d.gold.text) if parse and (d.missed or d.false_alarms) else None
    for g in d.missed:
        e = _gold_entry(d, g)
        e.parse = compact_parse(doc, g.spans) if doc else []
        entries.append(e)
    for q in d.false_alarms:
        e = _pred_entry(d, q)
        e.parse = compact_parse(doc, q.spans) if doc else []
        entries.append(e)
    entries.extend(_partial_entry(d, p) for p in d.partial)
    return entries


def _doc_heading(d: DocumentDetail) -> str:
    c = d.roles["message"]
    head = (f"{d.id} — {d.gold.name} (gold {len(d.gold.quotes)}, predicted {len(d.preds)}, "
            f"message P/R/F1 {c.precision:.0f}/{c.recall:.0f}/{c.f1:.0f})")
    return head + (f" — extraction error: {d.error}" if d.error else "")


def _md_entries(entries: list[_Entry]) -> list[str]:
    out = []
    for e in entries:
        out.append(f"### {e.title}\n")
        out += [f"- **{k.strip()}**: {v}" for k, v in e.fields]
        if e.parse:
            out += ["", "~~~~", *e.parse, "~~~~"]
        out.append("")
    return out


def _report_markdown(scores: EvalScores, docs: list[tuple[DocumentDetail, list[_Entry]]]) -> str:
    out = ["# quotes eval: misses and false alarms", "", format_markdown(scores)]
    for d, entries in docs:
        out += [f"## {_doc_heading(d)}", "", *_md_entries(entries)]
    return "\n".join(out) + "\n"


_CSS = ("body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px}pre{background:#f4f4f4;white-space:pre-wrap}"
        ".MISS{color:#a00}.FALSE{color:#a60}.PARTIAL{color:#06a}dt{font-weight:bold}")


def _html_entry(e: _Entry) -> str:
    esc = html.escape
    kind = e.title.split()[0]
    fields = "".join(f"<dt>{esc(k.strip())}</dt><dd>{esc(v)}</dd>" for k, v in e.fields)
    parse = f"<pre>{esc(chr(10).join(e.parse))}</pre>" if e.parse else ""
    return f'<h3 class="{esc(kind)}">{esc(e.title)}</h3><dl>{fields}</dl>{parse}'


def _report_html(scores: EvalScores, docs: list[tuple[DocumentDetail, list[_Entry]]]) -> str:
    esc = html.escape
    parts = ['<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">',
             f"<title>quotes eval report</title><style>{_CSS}</style></head><body>",
             "<h1>quotes eval: misses and false alarms</h1>", f"<p>{esc(summary_line(scores))}</p>",
             *score_tables(scores, html_table)]
    for d, entries in docs:
        parts.append(f"<h2>{esc(_doc_heading(d))}</h2>")
        parts += [_html_entry(e) for e in entries]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def report_format(path: Union[str, os.PathLike]) -> str:
    """``"html"`` for a ``*.html``/``*.htm`` path, else ``"markdown"``."""
    return "html" if str(path).lower().endswith((".html", ".htm")) else "markdown"


def render_report(
    scores: EvalScores, details: Sequence[DocumentDetail], fmt: str = "markdown", parse: Optional[ParseFn] = None
) -> str:
    """List, per document, misses, false alarms and partial pairs.

    Args:
        scores: the corpus scores (shown on top).
        details: per-document details from :func:`~quotes.evaluate.scoring.score_documents`.
        fmt: ``"markdown"`` or ``"html"`` (text is escaped).
        parse: text -> parsed document (e.g. ``lambda t: ex.parse_many([t])[0]``);
            when given, each miss and false alarm shows the dependency parse of
            its sentences as ``id:word/UPOS/deprel->head``.

    Returns:
        The report text.

    Raises:
        ValueError: for another ``fmt``.
    """
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    docs = []
    for d in details:
        entries = _document_entries(d, parse)
        if entries or d.error:
            docs.append((d, entries))
    return _report_html(scores, docs) if fmt == "html" else _report_markdown(scores, docs)


def write_report(
    path: Union[str, os.PathLike], scores: EvalScores, details: Sequence[DocumentDetail],
    parse: Optional[ParseFn] = None,
) -> None:
    """Write :func:`render_report` to ``path``: HTML for ``*.html``/``*.htm``, else Markdown."""
    Path(path).write_text(render_report(scores, details, report_format(path), parse), encoding="utf-8")

"""One self-contained HTML page for reading the results: ``-f html``.

The page (inline CSS and JavaScript, no network assets) has a filter box, a
table of contents, a table of speakers over all documents (see
:mod:`quotes.aggregate`), the error records with their messages, and each
article as a collapsible ``<details>`` with its quotes highlighted:

* content in ``<span class="q-content">``, cue words in ``q-cue`` and the
  speaker mention in ``q-speaker``, each element carrying
  ``data-quote="<document id>/<quote id>"`` and a ``title`` with the
  attribution (type, speaker, descriptor, cue lemma, rule, confidence);
* one colour per resolved speaker, the same in every article;
* a side note per article listing its quotes (with the speaker's gender
  where it is known);
* the article's metadata from the input, where it had any (title, date,
  source, a link to the article: only ``http``/``https`` addresses become
  links).

Spans may overlap (a direct quote inside a mixed one, a cue shared by two
quotes). The text is cut at every span boundary and the segments are wrapped
in properly nested elements: every span gets exactly one element with its
class; only where two spans cross does the later one go on in a second
element with the class ``q-content-cont`` (``q-cue-cont``,
``q-speaker-cont``). All text is HTML-escaped.

The page speaks German by default (its readers are German newsrooms):
headings, buttons, the legend, quote types and the hover text; ``lang="en"``
(``quotes extract -f html --lang en``) gives an English page. Error messages
of failed documents are shown as the records hold them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from importlib import resources
from typing import IO, Optional, Union

from ..aggregate import TYPES, aggregate_speakers, name_key
from ..models import DocumentError, DocumentResult, Quote, speaker_gender
from .html_texts import LANGUAGES, for_language

Record = Union[DocumentResult, DocumentError]

KINDS = ("content", "speaker", "cue")
"""Highlight kinds, outermost first where spans coincide."""

HUES = (210, 350, 130, 30, 280, 180, 55, 320, 100, 240)
"""Well-separated hues for the first speakers; later ones step by the golden angle."""

OPEN_AT_MOST = 3
"""Articles start expanded when there are at most this many."""

TOC_OPEN_AT_MOST = 30
"""The table of contents starts folded when it is longer."""

def _count(n: int, forms: tuple[str, str]) -> str:
    return f"{n} {forms[0] if n == 1 else forms[1]}"


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@dataclass
class Mark:
    """One highlighted span: ``text[start:end]`` of kind content, speaker or cue."""

    start: int
    end: int
    kind: str
    quote: str
    """The ``data-quote`` value: document id / quote id."""
    css: str = ""
    """Extra classes (the speaker colour)."""
    title: str = ""
    order: int = 0

    def key(self) -> tuple:
        return (self.start, -self.end, KINDS.index(self.kind), self.order)

    def tag(self, continued: bool) -> str:
        cls = f"q-{self.kind}-cont" if continued else f"q-{self.kind}"
        if self.css:
            cls += " " + self.css
        return (f'<span class="{cls}" data-quote="{_esc(self.quote)}"'
                + (f' title="{_esc(self.title)}"' if self.title else "") + ">")


def render_text(text: str, marks: list[Mark]) -> str:
    """HTML of ``text`` with ``marks`` as properly nested, escaped ``<span>`` elements.

    The text is cut at every mark boundary; each segment is wrapped in the
    marks covering it, outermost first (earlier start, then later end, then
    content before speaker before cue). Elements open and close only where
    the set of covering marks changes, so nested marks give exactly one
    element each; a mark crossing the end of an enclosing one goes on in a
    ``-cont`` element. Empty marks become empty elements.

    Args:
        text: the document text.
        marks: the spans to highlight, offsets into ``text``.

    Returns:
        An HTML fragment (no outer element).
    """
    for m in marks:
        if not 0 <= m.start <= m.end <= len(text):
            raise ValueError(f"mark {m.start}:{m.end} outside the text (length {len(text)})")
    marks = sorted(marks, key=Mark.key)
    empty: dict[int, list[Mark]] = {}
    for m in marks:
        if m.start == m.end:
            empty.setdefault(m.start, []).append(m)
    spans = [m for m in marks if m.end > m.start]
    bounds = sorted({0, len(text)} | set(empty) | {m.start for m in spans} | {m.end for m in spans})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    active: list[Mark] = []
    pending = iter(spans)
    nxt = next(pending, None)
    for a, b in zip(bounds, bounds[1:] + [None]):
        # Marks covering [a, b): those started at or before a and ending after a (in key order).
        while nxt is not None and nxt.start <= a:
            active.append(nxt)
            nxt = next(pending, None)
        active = [m for m in active if m.end > a]
        desired = active if b is not None else []
        same = 0
        while same < len(stack) and same < len(desired) and stack[same] is desired[same]:
            same += 1
        out.extend("</span>" for _ in stack[same:])
        del stack[same:]
        for m in empty.get(a, ()):
            out.append(m.tag(False) + "</span>")
        if b is None:
            break
        for m in desired[same:]:
            out.append(m.tag(id(m) in opened))
            opened.add(id(m))
            stack.append(m)
        out.append(_esc(text[a:b]))
    return "".join(out)


def attribution(q: Quote, lang: str = LANGUAGES[0], gender: Optional[str] = None) -> str:
    """The hover text of a quote: type, speaker, descriptor, the speaker's gender where known
    (``gender``: the entity's, ``unknown`` or None shows nothing), cue lemma, rule, confidence (in ``lang``)."""
    t = for_language(lang)
    sp = q.speaker
    who = (sp.name if sp and sp.name else None) or (sp.mention.text if sp and sp.mention else None) or t["unknown"]
    lines = [f"{q.id} · {t['types'].get(q.type.value, q.type.value)}", f"{t['hover_speaker']}: {who}"]
    if sp and sp.descriptor:
        lines.append(f"{t['hover_descriptor']}: {sp.descriptor}")
    if sp and gender in t["genders"]:
        lines.append(f"{t['hover_gender']}: {t['genders'][gender]}")
    if q.cue_lemma or q.cue:
        lines.append(f"{t['hover_cue']}: {q.cue_lemma or ''}"
                     + (f" ({' … '.join(c.text for c in q.cue)})" if q.cue else ""))
    lines.append(f"{t['hover_rule']}: {q.rule} · {t['hover_confidence']} {_number(q.confidence, lang)}")
    return "\n".join(lines)


def _number(value: float, lang: str) -> str:
    return f"{value:.2f}".replace(".", for_language(lang)["decimal"])


def show_date(value: str, lang: str = LANGUAGES[0]) -> str:
    """An ISO 8601 date or date-time as the page's readers write it: ``19.04.2019, 14:30`` in
    German, ``2019-04-19 14:30`` in English (the zone is left out; the ``<time>`` element keeps it).

    >>> show_date("2019-04-19T14:30:00+02:00"), show_date("2019-04-19", "en")
    ('19.04.2019, 14:30', '2019-04-19')
    """
    day, clock = value[:10], value[11:16]
    if lang == "de" and len(day) == 10:
        day = f"{day[8:10]}.{day[5:7]}.{day[0:4]}"
        return day + (f", {clock}" if clock else "")
    return day + (f" {clock}" if clock else "")


def _safe_url(url: Optional[str]) -> Optional[str]:
    """``url`` where it is a web address (http or https), else None: a ``javascript:`` or
    ``data:`` value from an input file must never become a link on the page."""
    if url and url.lower().startswith(("http://", "https://")) and not any(ch.isspace() for ch in url):
        return url
    return None

class HtmlExporter:
    """Collect records and write one HTML page on :meth:`close`.

    Args:
        out: a text stream.
        title: the page title (default: "Zitate", in English "quotes report").
        lang: the page language, ``"de"`` (default) or ``"en"``.
        **_: other exporters' options (e.g. ``csv_dialect``), ignored.

    Raises:
        ValueError: an unknown ``lang``.
    """

    def __init__(self, out: IO[str], title: Optional[str] = None, lang: Optional[str] = None, **_) -> None:
        self.out = out
        self.lang = lang or LANGUAGES[0]
        self.t = for_language(self.lang)
        self.title = title or self.t["title"]
        self.records: list[Record] = []
        self._colours: dict[str, int] = {}

    def write(self, record: Record) -> None:
        """Keep a record for the page."""
        self.records.append(record)

    def close(self) -> None:
        """Write the page."""
        self.out.write(self.render())
        self.out.flush()

    # -- page ----------------------------------------------------------------

    def render(self) -> str:
        """The whole page as a string."""
        docs = [r for r in self.records if isinstance(r, DocumentResult)]
        errors = [r for r in self.records if isinstance(r, DocumentError)]
        table = aggregate_speakers(self.records)
        for s in table.speakers:
            self._colour(s.name)
        n_quotes = sum(len(d.quotes) for d in docs)
        articles = [self._article(n, d, open_=len(docs) <= OPEN_AT_MOST) for n, d in enumerate(docs, 1)]
        t = self.t
        legend = t["legend"]
        parts = [
            f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_esc(self.title)}</title>",
            f"<style>\n{_asset('report.css')}{self._colour_css()}</style></head><body>",
            f"<h1>{_esc(self.title)}</h1>",
            f'<p class="sub">{_count(len(docs), t["article"])}, {_count(n_quotes, t["quote"])}, '
            f'{_count(len(table.speakers), t["speaker"])}'
            + (f", {_count(len(errors), t['error'])}" if errors else "") + "</p>",
            f'<div class="bar"><input id="filter" type="search" placeholder="{_esc(t["filter"])}" '
            f'aria-label="{_esc(t["filter_label"])}"><button id="expand" type="button">{_esc(t["expand"])}</button>'
            f'<button id="collapse" type="button">{_esc(t["collapse"])}</button></div>',
            f'<p class="legend mute"><span class="lg-content">{_esc(legend[0])}</span> '
            f'<span class="lg-cue">{_esc(legend[1])}</span> '
            f'<span class="lg-speaker">{_esc(legend[2])}</span> · {_esc(legend[3])}</p>',
            self._speakers(table),
            self._errors(errors),
            self._toc(docs, errors),
            f"<h2>{_esc(t['articles'])}</h2>" if docs else f"<p>{_esc(t['no_documents'])}</p>",
            *articles,
            f"<script>\n{_asset('report.js')}</script>",
            "</body></html>\n",
        ]
        return "\n".join(p for p in parts if p)

    def _colour(self, name: Optional[str]) -> str:
        if not name or not name.strip():
            return "sp0"
        key = name_key(name)
        if key not in self._colours:
            self._colours[key] = len(self._colours) + 1
        return f"sp{self._colours[key]}"

    def _colour_css(self) -> str:
        rules = [".sp0{--c:hsl(0 0% 45%);--b:hsl(0 0% 60% / .16)}"]
        for n in sorted(self._colours.values()):
            hue = HUES[n - 1] if n <= len(HUES) else round((n - 1) * 137.508 + 15) % 360
            rules.append(f".sp{n}{{--c:hsl({hue} 65% 34%);--b:hsl({hue} 85% 55% / .2)}}")
        return "\n".join(rules) + "\n"

    def _toc(self, docs: list[DocumentResult], errors: list[DocumentError]) -> str:
        if len(docs) + len(errors) < 2:
            return ""
        items = []
        for n, d in enumerate(docs, 1):
            items.append(f'<li data-find="{_esc(_find_key(d))}"><a href="#doc-{n}">{_esc(d.id)}</a> '
                         f"<small>{len(d.quotes)}</small></li>")
        for n, e in enumerate(errors, 1):
            items.append(f'<li data-find="{_esc(e.id.lower())}"><a href="#err-{n}">{_esc(e.id)}</a> '
                         f'<small class="mute">{_esc(self.t["error"][0])}</small></li>')
        open_ = " open" if len(items) <= TOC_OPEN_AT_MOST else ""
        return (f'<details class="toc"{open_}><summary><h2 id="contents">{_esc(self.t["contents"])} ({len(items)})'
                '</h2></summary>'
                '\n<ol class="toc">' + "".join(items) + "</ol></details>")

    def _speakers(self, table) -> str:
        if not table.speakers:
            return ""
        tx = self.t
        head = "".join(f'<th class="n">{_esc(tx["types"].get(t, t))}</th>' for t in TYPES)
        rows = []
        for s in table.speakers:
            counts = "".join(f'<td class="n">{s.counts.get(t, 0) or ""}</td>' for t in TYPES)
            rows.append(
                f'<tr data-find="{_esc(s.name.lower())}"><td class="name {self._colour(s.name)}" '
                f'data-speaker="{_esc(s.name)}" title="{_esc(tx["show_articles"].format(s.name))}">'
                f'<span class="sw"></span>{_esc(s.name)}</td><td>{_esc("; ".join(s.descriptors))}</td>'
                f'<td class="n">{len(s.documents)}</td>{counts}<td class="n"><b>{s.total}</b></td></tr>')
        return (f'<h2 id="speakers">{_esc(tx["speakers"])} ({len(rows)})</h2>\n<div class="scroll">'
                f'<table class="speakers"><thead><tr><th>{_esc(tx["col_speaker"])}</th>'
                f'<th>{_esc(tx["col_descriptor"])}</th><th class="n">{_esc(tx["col_articles"])}</th>'
                f'{head}<th class="n">{_esc(tx["col_total"])}</th></tr></thead><tbody>' + "".join(rows)
                + "</tbody></table></div>")

    def _errors(self, errors: list[DocumentError]) -> str:
        if not errors:
            return ""
        rows = "".join(f'<tr id="err-{n}"><td>{_esc(e.id)}</td><td>{_esc(e.error)}</td>'
                       f'<td class="msg">{_esc(e.message)}</td></tr>' for n, e in enumerate(errors, 1))
        t = self.t
        return (f'<h2 id="errors">{_esc(t["errors"])}</h2>\n<table class="errors"><thead><tr>'
                f'<th>{_esc(t["col_document"])}</th><th>{_esc(t["col_error"])}</th>'
                f"<th>{_esc(t['col_message'])}</th></tr></thead><tbody>{rows}</tbody></table>")

    def _article(self, n: int, doc: DocumentResult, open_: bool) -> str:
        entities = {e.id: e for e in doc.speakers}
        marks: list[Mark] = []
        notes: list[str] = []
        for q in doc.quotes:
            name = _speaker_name(q, entities)
            colour = self._colour(name)
            ref = f"{doc.id}/{q.id}"
            gender = speaker_gender(q.speaker, entities).value if q.speaker else None
            title = attribution(q, self.lang, gender)

            def add(kind: str, span) -> None:
                marks.append(Mark(span.start, span.end, kind, ref, colour, title, len(marks)))

            for s in q.content:
                add("content", s)
            for s in q.cue:
                add("cue", s)
            if q.speaker and q.speaker.mention:
                add("speaker", q.speaker.mention)
            who = name or (q.speaker.mention.text if q.speaker and q.speaker.mention else self.t["unknown_speaker"])
            kind = self.t["types"].get(q.type.value, q.type.value)
            bits = [f"<b>{_esc(q.id)}</b> {_esc(kind)}", f'<span class="sw"></span>{_esc(who)}']
            if q.speaker and q.speaker.descriptor:
                bits[-1] += f" <small>({_esc(q.speaker.descriptor)})</small>"
            if gender in self.t["genders"]:
                bits[-1] += f' <small class="gender" data-gender="{gender}">{_esc(self.t["genders"][gender])}</small>'
            if q.cue_lemma:
                bits.append(f"<i>{_esc(q.cue_lemma)}</i>")
            bits.append(f"<small>{_esc(q.rule)} · {_number(q.confidence, self.lang)}</small>")
            notes.append(f'<li class="{colour}" id="{_esc(quote_anchor(n, q.id))}" data-ref="{_esc(ref)}" '
                         f'title="{_esc(title)}">'
                         + " · ".join(bits) + "</li>")
        heading = _title(doc)
        count = _count(len(doc.quotes), self.t["quote"])
        aside = ('<aside class="notes"><ol>' + "".join(notes) + "</ol></aside>") if notes else \
            f'<aside class="notes mute">{_esc(self.t["no_quotes"])}</aside>'
        return (f'<details class="doc" id="doc-{n}" data-find="{_esc(_find_key(doc))}"'
                + (" open" if open_ else "") + ">"
                f'<summary><span class="doc-id">{_esc(doc.id)}</span> <span class="mute">{_esc(heading)}</span> '
                f"<small>· {count}</small></summary>"
                + self._meta_line(doc)
                + f'<div class="article"><div class="text" lang="de">{render_text(doc.text, marks)}</div>'
                f"{aside}</div></details>")

    def _meta_line(self, doc: DocumentResult) -> str:
        """The article's metadata under its heading (which is the input's title where it gave
        one): date, source, link; nothing for an article without them."""
        meta = doc.meta
        if meta is None:
            return ""
        t = self.t
        bits = []
        if meta.date:
            bits.append(f'{_esc(t["published"])} <time datetime="{_esc(meta.date)}">'
                        f"{_esc(show_date(meta.date, self.lang))}</time>")
        if meta.source:
            bits.append(f'{_esc(t["source"])}: <span class="meta-source">{_esc(meta.source)}</span>')
        url = _safe_url(meta.url)
        if url:
            bits.append(f'<a href="{_esc(url)}" rel="noopener noreferrer" target="_blank">{_esc(t["link"])}</a>')
        elif meta.url:
            bits.append(f'<span class="meta-url">{_esc(meta.url)}</span>')
        return '<p class="meta mute">' + " · ".join(bits) + "</p>" if bits else ""


def quote_anchor(n: int, quote_id: str) -> str:
    """The element id of a quotation's side note: ``doc-{n}-{quote id}`` for the ``n``-th article of
    the page (1-based, as the article's own ``doc-{n}``). A link to ``page.html#doc-1-q3`` opens that
    article and highlights quotation ``q3``."""
    return f"doc-{n}-{quote_id}"


def _speaker_name(q: Quote, entities: dict) -> Optional[str]:
    if q.speaker is None:
        return None
    if q.speaker.name:
        return q.speaker.name
    entity = entities.get(q.speaker.entity) if q.speaker.entity else None
    return entity.name if entity is not None else None


def _title(doc: DocumentResult, limit: int = 90) -> str:
    """The article's heading: its metadata title, else the first non-empty line of the text."""
    given = " ".join(doc.meta.title.split()) if doc.meta and doc.meta.title else ""
    line = given or next((ln.strip() for ln in doc.text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _find_key(doc: DocumentResult) -> str:
    names = {e.name for e in doc.speakers} | {q.speaker.name for q in doc.quotes if q.speaker and q.speaker.name}
    meta = [doc.meta.source or "", doc.meta.date or ""] if doc.meta else []
    return " ".join([doc.id, _title(doc), *meta, *sorted(n for n in names if n)]).lower()

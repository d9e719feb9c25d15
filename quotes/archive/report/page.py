"""The dashboard as one self-contained HTML page (:func:`render_html`).

Inline CSS (``report.css``) and SVG drawn here in Python, a few lines of
inline script (``report.js``; no network asset), German by default
(``lang="en"`` for English). Every chart has a title, an ``aria`` label and
its numbers in a table (``<details>``, opened for printing). Every bar and
table cell carries its number in ``data-value`` (with ``data-chart`` and
``data-key``).
"""

from __future__ import annotations

import html
from importlib import resources
from typing import Mapping, Optional
from urllib.parse import quote as _urlquote

from ...exporters.html import quote_anchor

from .data import GENDERS, Dashboard, GenderCounts, MonthRow, SpeakerRow
from .tables import fraction
from .texts import LANGUAGES, for_language


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
        self.t = for_language(lang)
        self.links = links

    def link(self, article_id: str, quote_id: Optional[str] = None) -> Optional[str]:
        """The reading-view address of an article (its one article is ``doc-1``), or of one of its
        quotations; None without a reading view."""
        page = self.links.get(article_id)
        if page is None:
            return None
        return page + "#" + _urlquote(quote_anchor(1, quote_id) if quote_id else "doc-1")

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
                            (self.pct(r.share), "share", fraction(r.share), None)]) for r in self.d.gender]
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
            first = r.article_ids[0] if r.article_ids else None
            link = self.link(first, r.first_quotes.get(first)) if first else None
            bars.append((r.name, r.name, value, f"g-{r.gender}",
                         self.count(value, "quote" if by == "quotes" else "article"), link))
        rows = []
        for n, r in enumerate(speakers, 1):
            reads = [f'<a href="{_esc(self.link(i, r.first_quotes.get(i)))}">{_esc(i)}</a>'
                     for i in r.article_ids if i in self.links]
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
                          (self.pct(r.share), "share", fraction(r.share), None)]) for r in self.d.types]
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
            link = self.link(r.id)
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
        links: the reading-view page of an article, by id (an address without a fragment); the
            article table links to the article, the top speakers to their first quotation in it
            (no links without it).

    Raises:
        ValueError: an unknown ``lang``.
    """
    return _Page(dash, lang, links or {}).render()

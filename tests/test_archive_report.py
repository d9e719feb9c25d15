"""The archive dashboard (``quotes archive report``): every number on the page, in its tables and in
its CSV files equals what a plain query of the archive counts; the reading-view links resolve; the
page is self-contained and draws every chart in headless Chromium (skipped without Chromium, as in
tests/test_html_browser.py), which also takes a screenshot.

The test archive is built from hand-made records with dates, outlets and speaker genders:

=====================  ==========  ===============  ==============================================
article                date        outlet           quotes (speaker, gender)
=====================  ==========  ===============  ==============================================
politik/kwon           2024-03-05  Deutsche Welle   Anna Berger f, der Kreml group, no speaker
wirtschaft/berger      2024-03-20  Deutsche Welle   Anna Berger f, Peter Novak m
<b>böse</b>            2024-05-02  Taz              peter novak m, "Ein Sprecher" (no name) unknown
undatiert-1            —           —                Maria Lopez unknown ×2
wirtschaft/lopez       2024-05-30  —                Maria Lopez f
leer                   2024-01-15  Taz              (none)
=====================  ==========  ===============  ==============================================
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import sqlite3
import struct
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from browser import browse, require_chromium

from quotes.archive import Archive
from quotes.archive.report import (GENDERS, Scope, build, load_documents, page_name, render_html,
                                   speaker_gender, write_report)
from quotes.cli import main
from quotes.models import (ArticleMeta, DocumentResult, Gender, Quote, QuoteType, Span, Speaker,
                           SpeakerEntity)


def at(text: str, needle: str) -> Span:
    i = text.index(needle)
    return Span.of(text, i, i + len(needle))


def q(text, qid, qtype, content, mention=None, name=None, entity=None, cue=None) -> Quote:
    return Quote(id=qid, type=qtype, content=[at(text, content)], cue=[at(text, cue)] if cue else [],
                 cue_lemma=cue, speaker=Speaker(mention=at(text, mention), name=name, entity=entity)
                 if mention else None, rule="test", confidence=0.8)


def entity(eid, name, gender, quote_ids, evidence=()) -> SpeakerEntity:
    return SpeakerEntity(id=eid, name=name, gender=gender, gender_evidence=list(evidence), quote_ids=quote_ids)


def doc(id_, text, date, source, quotes, speakers) -> DocumentResult:
    return DocumentResult(id=id_, text=text, meta=ArticleMeta(date=date, source=source), quotes=quotes,
                          speakers=speakers)


T1 = ("Ministerin warnt\n\nDie Ministerin Anna Berger sagte: „Wir handeln jetzt.“ Der Kreml erklärte, man sei "
      "bereit. Es hieß, die Lage sei ernst.")
T2 = "Berger legt nach\n\nAnna Berger betonte, die Steuer komme. Peter Novak widersprach: „Das ist falsch.“"
T3 = "<script>alert(1)</script> Novak antwortet\n\nNovak sagte, er bleibe. Ein Sprecher erklärte, alles sei gut."
T4 = "Ohne Datum\n\nMaria Lopez sagte: „Es reicht.“ Lopez fügte hinzu: „Wirklich.“"
T5 = "Lopez warnt\n\nDie Ärztin Maria Lopez warnte vor Panik."
T6 = "Ein Artikel ohne Zitate\n\nEs regnet."

F, M, G, U = Gender.FEMALE, Gender.MALE, Gender.GROUP, Gender.UNKNOWN


def records() -> list[DocumentResult]:
    D, I, R = QuoteType.DIRECT, QuoteType.INDIRECT, QuoteType.REPORTED
    return [
        doc("politik/kwon", T1, "2024-03-05", "Deutsche Welle", [
            q(T1, "q1", D, "„Wir handeln jetzt.“", "Die Ministerin Anna Berger", "Anna Berger", "s1", "sagte"),
            q(T1, "q2", I, "man sei bereit", "Der Kreml", "der Kreml", "s2", "erklärte"),
            q(T1, "q3", I, "die Lage sei ernst", cue="hieß"),
        ], [entity("s1", "Anna Berger", F, ["q1"], ["role_noun:Ministerin"]), entity("s2", "der Kreml", G, ["q2"])]),
        doc("wirtschaft/berger", T2, "2024-03-20T08:00:00+01:00", "Deutsche Welle", [
            q(T2, "q1", I, "die Steuer komme", "Anna Berger", "Anna Berger", "s1", "betonte"),
            q(T2, "q2", D, "„Das ist falsch.“", "Peter Novak", "Peter Novak", "s2", "widersprach"),
        ], [entity("s1", "Anna Berger", F, ["q1"], ["first_name:Anna"]),
            entity("s2", "Peter Novak", M, ["q2"], ["first_name:Peter"])]),
        doc("<b>böse</b>", T3, "2024-05-02", "Taz", [
            q(T3, "q1", I, "er bleibe", "Novak", "peter novak", "s1", "sagte"),
            q(T3, "q2", I, "alles sei gut", "Ein Sprecher", None, None, "erklärte"),
        ], [entity("s1", "peter novak", M, ["q1"], ["pronoun:er"])]),
        doc("undatiert-1", T4, None, None, [
            q(T4, "q1", D, "„Es reicht.“", "Maria Lopez", "Maria Lopez", "s1", "sagte"),
            q(T4, "q2", D, "„Wirklich.“", "Lopez", "Maria Lopez", "s1", "fügte"),
        ], [entity("s1", "Maria Lopez", U, ["q1", "q2"])]),
        doc("wirtschaft/lopez", T5, "2024-05-30", None, [
            q(T5, "q1", R, "vor Panik", "Die Ärztin Maria Lopez", "Maria Lopez", "s1", "warnte"),
        ], [entity("s1", "Maria Lopez", F, ["q1"], ["role_noun:Ärztin"])]),
        doc("leer", T6, "2024-01-15", "Taz", [], []),
    ]


def make_archive(path: Path, docs: list[DocumentResult]) -> Path:
    with Archive(path) as db:
        db.add(docs)
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_archive(tmp_path_factory.mktemp("archive") / "quotes.sqlite", records())


@pytest.fixture(scope="module")
def written(archive, tmp_path_factory) -> Path:
    """The report, its CSV files and its reading view, as ``quotes archive report`` writes them."""
    out = tmp_path_factory.mktemp("report")
    assert main(["archive", "report", "--db", str(archive), "-o", str(out / "report.html"), "--csv",
                 str(out / "csv"), "--reading-view", str(out / "articles")]) == 0
    return out


# -- what a plain query of the archive counts ------------------------------------


def raw_rows(path: Path, since: str | None = None, until: str | None = None) -> tuple[list[dict], list[dict]]:
    """Every article and every quote (with its article's date and outlet), by one plain query each."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    articles = [dict(r) for r in conn.execute("SELECT id, title, date, source FROM articles")]
    quotes = [dict(r) for r in conn.execute(
        "SELECT q.article_id, q.type, q.speaker_name, q.speaker_gender, a.date, a.source "
        "FROM quotes q JOIN articles a ON a.id = q.article_id")]
    conn.close()

    def inside(row) -> bool:
        if since is None and until is None:
            return True
        day = row["date"][:10] if row["date"] else None
        return day is not None and (since is None or day >= since) and (until is None or day <= until)

    return [a for a in articles if inside(a)], [x for x in quotes if inside(x)]


def month_of(date: str | None) -> str:
    return date[:7] if date and re.match(r"\d{4}-\d{2}", date) else "undated"


def expected(path: Path, since=None, until=None) -> dict[str, dict[str, int]]:
    """Each chart's numbers, by chart and data key, counted in Python from the raw rows."""
    articles, quotes = raw_rows(path, since, until)
    gender = lambda x: x["speaker_gender"] or "none"  # noqa: E731
    out: dict[str, dict[str, int]] = {}
    out["gender"] = {g: 0 for g in GENDERS} | Counter(gender(x) for x in quotes)
    out["by_month"] = dict(Counter(f"{month_of(x['date'])}/{gender(x)}" for x in quotes))
    out["types"] = {t.value: 0 for t in QuoteType} | Counter(x["type"] for x in quotes)
    out["outlets"] = dict(Counter(f"{x['source'] or ''}/{gender(x)}" for x in quotes))
    names: dict[str, list[dict]] = defaultdict(list)
    for x in quotes:
        if x["speaker_name"]:
            names[x["speaker_name"].lower()].append(x)
    top = {min(x["speaker_name"] for x in xs): (len(xs), len({x["article_id"] for x in xs})) for xs in names.values()}
    out["speakers_by_quotes"] = {n: c[0] for n, c in top.items()}
    out["speakers_by_articles"] = {n: c[1] for n, c in top.items()}
    out["articles"] = dict(Counter(x["article_id"] for x in quotes)) | {
        a["id"]: 0 for a in articles if a["id"] not in {x["article_id"] for x in quotes}}
    out["_outlet_articles"] = dict(Counter(a["source"] or "" for a in articles))
    return out


class Page(HTMLParser):
    """The numbers of a dashboard page: bars and table cells with data-chart/data-key/data-value,
    links, ids, asset addresses."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.bars: dict[str, dict[str, int]] = defaultdict(dict)
        self.cells: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
        self.texts: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
        self.links: list[tuple[str, str, bool]] = []
        """(href, text, whether in a chart)"""
        self.addresses: list[str] = []
        self.sections: dict[str, str] = {}
        self.tags: list[str] = []
        self._cell = None
        self._link = None
        self._svg = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.addresses += [a[k] for k in ("src", "href", "xlink:href") if k in a]
        if tag == "rect" and "data-chart" in a:
            assert a["data-key"] not in self.bars[a["data-chart"]], "one bar per key"
            self.bars[a["data-chart"]][a["data-key"]] = int(a["data-value"])
        if tag in ("td", "th") and "data-chart" in a:
            self._cell = (a["data-chart"], a["data-key"], a["data-col"])
            self.texts[a["data-chart"]][(a["data-key"], a["data-col"])] = ""
            if "data-value" in a:
                self.cells[a["data-chart"]][(a["data-key"], a["data-col"])] = a["data-value"]
        if tag == "section" and "data-chart" in a:
            self.sections[a["data-chart"]] = a.get("data-drawn", "")
        if tag == "svg":
            self._svg = True
        if tag == "a":
            self._link = [a["href"], "", self._svg]

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._cell = None
        if tag == "svg":
            self._svg = False
        if tag == "a" and self._link:
            self.links.append(tuple(self._link))
            self._link = None

    def handle_data(self, data):
        if self._cell:
            chart, key, col = self._cell
            self.texts[chart][(key, col)] += data
        if self._link:
            self._link[1] += data

    def column(self, chart: str, col: str) -> dict[str, int]:
        return {k: int(float(v)) for (k, c), v in self.cells[chart].items() if c == col}


def nonzero(d: dict) -> dict:
    return {k: v for k, v in d.items() if v}


# -- the numbers -------------------------------------------------------------------


def test_the_fixture_counts_by_hand(archive):
    """The archive holds what the table in this module's docstring says (guards the independent query)."""
    want = expected(archive)
    assert want["gender"] == {"female": 3, "male": 2, "group": 1, "unknown": 3, "none": 1}
    assert want["speakers_by_quotes"] == {"Anna Berger": 2, "Peter Novak": 2, "Maria Lopez": 3, "der Kreml": 1}
    assert want["types"] == {"direct": 4, "indirect": 5, "reported": 1, "mixed": 0, "free_indirect": 0}


def test_every_chart_and_table_equals_the_archive(archive, written):
    page = Page((written / "report.html").read_text(encoding="utf-8"))
    want = expected(archive)
    assert set(page.sections) == {"gender", "by_month", "speakers_by_quotes", "speakers_by_articles", "types",
                                  "outlets"}
    # bars: one per non-zero number (zero bars of a category chart are drawn with no width)
    assert page.bars["gender"] == want["gender"]
    assert page.bars["types"] == want["types"]
    assert page.bars["by_month"] == want["by_month"]
    assert page.bars["outlets"] == want["outlets"]
    assert page.bars["speakers_by_quotes"] == want["speakers_by_quotes"]
    assert page.bars["speakers_by_articles"] == want["speakers_by_articles"]
    # tables
    assert page.column("gender", "quotes") == want["gender"]
    shares = {k: float(v) for (k, c), v in page.cells["gender"].items() if c == "share"}
    assert shares == pytest.approx({g: n / 10 for g, n in want["gender"].items()}, abs=1e-4)
    assert page.column("types", "quotes") == want["types"]
    months = {}
    for (month, col), value in page.cells["by_month"].items():
        if col in GENDERS and int(value):
            months[f"{month}/{col}"] = int(value)
    assert months == want["by_month"]
    # months without quotes between the first and the last are rows of zeros; the undated row comes last
    assert list(dict.fromkeys(k for k, _ in page.cells["by_month"])) == [
        "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "undated"]
    assert page.column("by_month", "total") == {"2024-01": 0, "2024-02": 0, "2024-03": 5, "2024-04": 0,
                                                "2024-05": 3, "undated": 2}
    outlets = {f"{src}/{col}": int(v) for (src, col), v in page.cells["outlets"].items() if col in GENDERS and int(v)}
    assert outlets == want["outlets"]
    assert page.column("outlets", "articles") == want["_outlet_articles"]
    for chart in ("speakers_by_quotes", "speakers_by_articles"):
        assert page.column(chart, "quotes") == want["speakers_by_quotes"]
        assert page.column(chart, "articles") == want["speakers_by_articles"]
    assert page.column("articles", "quotes") == want["articles"]


def test_rankings_and_speaker_gender(archive):
    with Archive(archive, create=False) as db:
        dash = build(db.conn)
    assert [(r.name, r.gender, r.quotes, r.articles) for r in dash.speakers_by_quotes] == [
        ("Maria Lopez", "female", 3, 2), ("Anna Berger", "female", 2, 2), ("Peter Novak", "male", 2, 2),
        ("der Kreml", "group", 1, 1)]
    assert [r.name for r in dash.speakers_by_articles] == ["Maria Lopez", "Anna Berger", "Peter Novak", "der Kreml"]
    assert dash.speakers_by_quotes[0].article_ids == ["undatiert-1", "wirtschaft/lopez"]
    # the speaker's first quotation in each linked article, by a plain query
    conn = sqlite3.connect(archive)
    for r in dash.speakers_by_quotes:
        assert set(r.first_quotes) == set(r.article_ids)
        for article, quote_id in r.first_quotes.items():
            (first,) = conn.execute("SELECT quote_id FROM quotes WHERE article_id = ? AND speaker_name = ? COLLATE NOCASE "
                                    "ORDER BY content_start LIMIT 1", (article, r.name)).fetchone()
            assert quote_id == first, (r.name, article)
    conn.close()
    assert [r.source for r in dash.outlets] == ["Deutsche Welle", "Taz", None]
    assert [r.id for r in dash.top_articles] == ["politik/kwon", "<b>böse</b>", "undatiert-1", "wirtschaft/berger",
                                                 "wirtschaft/lopez", "leer"]
    assert (dash.articles, dash.quotes, dash.speakers) == (6, 10, 4)


DATES = [("2024-05-01", "2024-05"), ("2024-05", "2024-05"), ("2024-05-31T23:59:00+02:00", "2024-05"),
         ("2024-07-01Z", "2024-07"), ("1. Mai 2024", None), ("2024-13-01", None), ("24-05-01", None), ("", None),
         (None, None)]


def test_months_of_article_dates(tmp_path):
    """The month of an ISO 8601 date; anything else is undated (and no quotation is lost)."""
    docs = []
    for n, (date, _) in enumerate(DATES):
        t = f"Artikel {n}\n\nDer Kreml sagte, es gehe."
        docs.append(doc(f"d{n}", t, date, None, [q(t, "q1", QuoteType.INDIRECT, "es gehe", "Der Kreml", "der Kreml",
                                                   "s1", "sagte")], [entity("s1", "der Kreml", G, ["q1"])]))
    with Archive(make_archive(tmp_path / "a.sqlite", docs), create=False) as db:
        rows = {r.month: r.counts.total for r in build(db.conn).by_month}
        assert rows == {"2024-05": 3, "2024-06": 0, "2024-07": 1, None: 5}
        in_may = build(db.conn, Scope(since=dt.date(2024, 5, 1), until=dt.date(2024, 5, 31)))
        assert (in_may.articles, in_may.quotes) == (2, 2)  # "2024-05" has no day: not within days


@pytest.mark.parametrize("counts, gender", [
    ({"female": 3}, "female"),
    ({"unknown": 5, "male": 1}, "male"),           # unknown is no evidence, not a vote
    ({"female": 2, "male": 1, "unknown": 4}, "female"),
    ({"female": 1, "male": 1}, "unknown"),         # a tie between known genders is not a guess
    ({"group": 2, "none": 3}, "group"),
    ({"unknown": 2}, "unknown"),
    ({}, "unknown"),
])
def test_speaker_gender_across_articles(counts, gender):
    assert speaker_gender(counts) == gender


@pytest.mark.parametrize("since, until", [("2024-03-10", "2024-05-02"), ("2024-05-01", None), (None, "2024-03-05"),
                                          ("2025-01-01", None)])
def test_since_until_count_the_articles_dated_within(archive, tmp_path, since, until):
    args = ["archive", "report", "--db", str(archive), "-o", str(tmp_path / "r.html"), "--csv", str(tmp_path)]
    args += ["--since", since] if since else []
    args += ["--until", until] if until else []
    assert main(args) == 0
    want = expected(archive, since, until)
    page = Page((tmp_path / "r.html").read_text(encoding="utf-8"))
    if not sum(want["gender"].values()) and not want["_outlet_articles"]:
        assert page.bars == {} and "Im Zeitraum liegen keine Artikel." in (tmp_path / "r.html").read_text()
        return
    assert page.bars["gender"] == want["gender"]
    assert page.bars["by_month"] == want["by_month"]
    assert "undated/" not in " ".join(page.bars["by_month"])
    assert page.column("outlets", "articles") == want["_outlet_articles"]
    assert page.column("articles", "quotes") == want["articles"]
    with open(tmp_path / "gender.csv", encoding="utf-8-sig", newline="") as fh:
        assert {r["gender"]: int(r["quotes"]) for r in csv.DictReader(fh)} == want["gender"]


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for Excel"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_equals_the_same_numbers(archive, written):
    want = expected(archive)
    folder = written / "csv"
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "gender.csv", "gender_by_month.csv", "speakers_by_quotes.csv", "speakers_by_articles.csv",
        "quote_types.csv", "outlets.csv", "articles.csv"])
    gender = read_csv(folder / "gender.csv")
    assert {r["gender"]: int(r["quotes"]) for r in gender} == want["gender"]
    assert [r["gender"] for r in gender] == list(GENDERS)
    assert {r["gender"]: float(r["share"]) for r in gender} == pytest.approx(
        {g: n / 10 for g, n in want["gender"].items()}, abs=1e-4)
    months = read_csv(folder / "gender_by_month.csv")
    assert {f"{r['month'] or 'undated'}/{g}": int(r[g]) for r in months for g in GENDERS if int(r[g])} == \
        want["by_month"]
    assert all(int(r["total"]) == sum(int(r[g]) for g in GENDERS) for r in months)
    assert {r["type"]: int(r["quotes"]) for r in read_csv(folder / "quote_types.csv")} == want["types"]
    outlets = read_csv(folder / "outlets.csv")
    assert {f"{r['source']}/{g}": int(r[g]) for r in outlets for g in GENDERS if int(r[g])} == want["outlets"]
    assert {r["source"]: int(r["articles"]) for r in outlets} == want["_outlet_articles"]
    for name in ("speakers_by_quotes", "speakers_by_articles"):
        rows = read_csv(folder / f"{name}.csv")
        assert {r["name"]: int(r["quotes"]) for r in rows} == want["speakers_by_quotes"]
        assert {r["name"]: int(r["articles"]) for r in rows} == want["speakers_by_articles"]
        assert [int(r["rank"]) for r in rows] == [1, 2, 3, 4]
    assert {r["id"]: int(r["quotes"]) for r in read_csv(folder / "articles.csv")} == want["articles"]


def test_csv_cells_are_not_formulas(tmp_path):
    t = "=HYPERLINK(1)\n\nDer Kreml sagte, es gehe."
    d = doc("=cmd|x", t, "2024-01-01", "+Outlet", [q(t, "q1", QuoteType.INDIRECT, "es gehe", "Der Kreml",
                                                     "=Kreml", "s1", "sagte")], [entity("s1", "=Kreml", G, ["q1"])])
    with Archive(make_archive(tmp_path / "a.sqlite", [d]), create=False) as db:
        write_report(db.conn, tmp_path / "r.html", csv_dir=tmp_path / "csv")
    assert read_csv(tmp_path / "csv" / "outlets.csv")[0]["source"] == "'+Outlet"
    assert read_csv(tmp_path / "csv" / "speakers_by_quotes.csv")[0]["name"] == "'=Kreml"
    assert read_csv(tmp_path / "csv" / "articles.csv")[0]["id"] == "'=cmd|x"


# -- the page ----------------------------------------------------------------------


def test_page_is_self_contained_german_and_accessible(written):
    text = (written / "report.html").read_text(encoding="utf-8")
    page = Page(text)
    assert not [a for a in page.addresses if re.match(r"(?i)\s*(https?:)?//", a)], "no network address"
    assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    assert not re.search(r"<script[^>]*\bsrc=", text) and "@import" not in text and "url(" not in text
    assert '<html lang="de"' in text and "<title>Zitate-Dashboard</title>" in text
    assert "Anteil der Zitate nach Geschlecht der Sprecher" in text and ">weiblich<" in text
    # every chart: an <svg role="img"> named by its <title>, and a table with a caption
    assert text.count('role="img"') == 6 == text.count("<caption>") - 1
    assert len(re.findall(r'<svg [^>]*aria-labelledby="c-[a-z_]+-t"', text)) == 6
    # hostile article ids and texts stay text
    assert "<b>böse</b>" not in text and "&lt;b&gt;böse&lt;/b&gt;" in text
    # shares read the German way in the table
    assert page.texts["gender"][("female", "share")] == "30,0 %"


def test_english_page(archive, tmp_path):
    with Archive(archive, create=False) as db:
        text = render_html(build(db.conn), lang="en")
    assert '<html lang="en"' in text and "Share of quotations by speaker gender" in text and ">female<" in text
    assert "30.0%" in text
    with pytest.raises(ValueError, match="unknown page language"):
        render_html(build(sqlite3.connect(archive)), lang="fr")


def test_empty_archive_is_a_page_that_says_so(tmp_path):
    make_archive(tmp_path / "empty2.sqlite", [])
    out = tmp_path / "r.html"
    assert main(["archive", "report", "--db", str(tmp_path / "empty2.sqlite"), "-o", str(out), "--csv",
                 str(tmp_path / "csv")]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Das Archiv enthält keine Artikel." in text and "<svg" not in text
    assert read_csv(tmp_path / "csv" / "gender.csv") == [{"gender": g, "quotes": "0", "share": "0.0000"}
                                                         for g in GENDERS]


# -- the reading view ----------------------------------------------------------------


def test_links_resolve_into_the_reading_view(archive, written):
    page = Page((written / "report.html").read_text(encoding="utf-8"))
    pages = sorted((written / "articles").iterdir())
    assert len(pages) == 6, "one reading-view page per article"
    assert page.links, "the report links into the reading view"
    linked_articles = set()
    with Archive(archive, create=False) as db:
        speakers = {r.name for r in build(db.conn).speakers_by_quotes}
    quote_links = 0
    for href, text, in_chart in page.links:
        assert not href.startswith(("/", "http")), href
        file, _, anchor = href.partition("#")
        target = written / unquote(file)
        assert target.is_file(), href
        view = target.read_text(encoding="utf-8")
        assert f'id="{anchor}"' in view
        ids = re.findall(r'<span class="doc-id">(.*?)</span>', view)
        assert len(ids) == 1
        if not in_chart:  # a table link names its article
            assert ids[0] == text.replace("<", "&lt;").replace(">", "&gt;")
        linked_articles.add(ids[0])
        if anchor != "doc-1":  # a speaker's link: the side note of one of that speaker's quotations
            assert re.fullmatch(r"doc-1-q\d+", anchor), href
            note = re.search(rf'<li [^>]*id="{anchor}"[^>]*>(.*?)</li>', view).group(1)
            assert any(name.lower() in note.lower() for name in speakers), note
            quote_links += 1
    assert {"politik/kwon", "wirtschaft/berger", "undatiert-1", "wirtschaft/lopez",
            "&lt;b&gt;böse&lt;/b&gt;", "leer"} <= linked_articles
    assert quote_links, "the top speakers link to their quotations"
    # each page highlights every quote of its article
    for d in records():
        view = (written / "articles" / page_name(d.id)).read_text(encoding="utf-8")
        assert view.count('class="q-content') == len(d.quotes)
        title = d.text.splitlines()[0].replace("<", "&lt;").replace(">", "&gt;")
        assert f"<title>{title}</title>" in view


def test_articles_rebuilt_from_the_archive_equal_the_records(archive):
    originals = {d.id: d for d in records()}
    with Archive(archive, create=False) as db:
        docs, failed = load_documents(db.conn, [*originals, "not-there"])
    assert failed == ["not-there"]
    for d in docs:
        o = originals[d.id]
        assert d.text == o.text and d.quotes == o.quotes
        assert [(e.id, e.name, e.gender, e.gender_evidence, e.quote_ids) for e in d.speakers] == \
            [(e.id, e.name, e.gender, e.gender_evidence, e.quote_ids) for e in o.speakers]
        if o.meta.date or o.meta.source:
            assert (d.meta.date, d.meta.source) == (o.meta.date, o.meta.source)
        else:
            assert d.meta is None


def test_page_names_are_safe_and_distinct():
    names = [page_name(i) for i in ("politik/kwon", "politik-kwon", "<b>böse</b>", "../../etc/passwd", "", "a" * 300)]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.html", n) and len(n) < 80 for n in names)


# -- the command line ----------------------------------------------------------------


@pytest.mark.parametrize("extra, message", [
    (["--since", "gestern"], "--since 'gestern' is not a date; write it as YYYY-MM-DD"),
    (["--until", "2024-13-01"], "--until '2024-13-01' is not a date"),
    (["--since", "2024-05-01", "--until", "2024-04-01"], "--since 2024-05-01 is after --until 2024-04-01"),
    (["--top", "0"], "--top must be at least 1"),
])
def test_bad_options_are_one_line_exit_2(archive, tmp_path, capsys, extra, message):
    out = tmp_path / "r.html"
    assert main(["archive", "report", "--db", str(archive), "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_archive_and_unwritable_output(archive, tmp_path, capsys):
    missing = tmp_path / "missing.sqlite"
    assert main(["archive", "report", "--db", str(missing), "-o", str(tmp_path / "r.html")]) == 2
    assert "no archive" in capsys.readouterr().err and not missing.exists()
    assert main(["archive", "report", "--db", str(archive), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cannot write the report" in err and "Traceback" not in err


def test_the_command_says_what_it_wrote(archive, tmp_path, capsys):
    assert main(["archive", "report", "--db", str(archive), "-o", str(tmp_path / "r.html"), "--lang", "en",
                 "--reading-view", str(tmp_path / "view")]) == 0
    err = capsys.readouterr().err
    assert f"report: {tmp_path / 'r.html'} (6 articles, 10 quotes); reading view: 6 article pages" in err
    assert '<html lang="en"' in (tmp_path / "view" / page_name("leer")).read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["archive", "report", "--help"])
    assert "self-contained HTML page" in capsys.readouterr().out


# -- in a browser --------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


@pytest.mark.browser
def test_browser_draws_every_chart_with_the_archive_numbers(chromium, archive, written, tmp_path):
    result = browse(chromium, tmp_path, "--dump-dom", (written / "report.html").as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r'<html lang="de"[^>]*data-ready="1"', result.stdout), "the page script did not run to its end"
    page = Page(result.stdout)
    want = expected(archive)
    assert page.bars["gender"] == want["gender"] and page.bars["by_month"] == want["by_month"]
    assert page.bars["outlets"] == want["outlets"] and page.bars["types"] == want["types"]
    assert page.bars["speakers_by_quotes"] == want["speakers_by_quotes"]
    # every chart has data, and the browser drew a bar with a size for every non-zero number
    assert len(page.sections) == 6
    for chart, drawn in page.sections.items():
        assert int(drawn) == len(nonzero(page.bars[chart])) > 0, chart


@pytest.mark.browser
def test_browser_screenshot(chromium, written, tmp_path):
    png = tmp_path / "dashboard.png"
    result = browse(chromium, tmp_path, f"--screenshot={png}", "--window-size=1200,2400",
                    (written / "report.html").as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 2400)
    assert len(data) > 30_000  # a blank page compresses to a few kB
    target = os.environ.get("QUOTES_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(target) / "dashboard.png")

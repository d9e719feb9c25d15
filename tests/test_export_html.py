"""The HTML page: highlights, overlaps, escaping, speaker table, errors, size."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest

from quotes.exporters import get_exporter
from quotes.exporters.html import HtmlExporter, Mark, render_text
from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker, SpeakerEntity

VOID = {"meta", "input", "br", "img", "hr", "link"}


def at(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start`` (exact offsets)."""
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


class Elements(HTMLParser):
    """Start tags with their attributes and text, and a check that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []

    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, **{k: v or "" for k, v in attrs}, "text": ""}
        el["classes"] = el.get("class", "").split()
        self.elements.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        el = self.stack.pop()
        assert el["tag"] == tag, f"</{tag}> closes <{el['tag']}>"

    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data

    def having(self, cls: str) -> list[dict]:
        return [e for e in self.elements if cls in e["classes"]]


def parse(page: str) -> Elements:
    p = Elements()
    p.feed(page)
    p.close()
    assert not p.stack, "unclosed elements"
    return p


# A mixed quote containing a direct quote; both share cue and speaker mention.
TEXT_K = ('Für den Fall sei es wünschenswert, Pompeo zu ersetzen, der "vorsichtiger und reifer ist", '
          "zitierten staatliche Medien Kwon.\n\nDer Kreml bestätigte das Treffen.")
TEXT_S = "<script>alert('x')</script> Müller sagte: „a < b & c > d“ – „Straße“."


def doc_k() -> DocumentResult:
    t = TEXT_K
    cue, mention = at(t, "zitierten"), at(t, "Kwon")
    sp = Speaker(mention=mention, name="Kwon Jong Gun", descriptor="Leiter des Amerika-Büros", entity="s1")
    return DocumentResult(id="kwon", text=t, quotes=[
        Quote(id="q1", type=QuoteType.MIXED, content=[at(t, "Für den Fall"), at(t, "sei es wünschenswert, "
              'Pompeo zu ersetzen, der "vorsichtiger und reifer ist"')], cue=[cue], cue_lemma="zitieren",
              speaker=sp, rule="mixed.frame_after", confidence=0.8),
        Quote(id="q2", type=QuoteType.DIRECT, content=[at(t, '"vorsichtiger und reifer ist"')], cue=[cue],
              cue_lemma="zitieren", speaker=sp, rule="direct.frame_after", confidence=0.9),
        Quote(id="q3", type=QuoteType.REPORTED, content=[at(t, "das Treffen")], cue=[at(t, "bestätigte")],
              cue_lemma="bestätigen", speaker=Speaker(mention=at(t, "Der Kreml"), name="der Kreml", entity="s2"),
              rule="reported.object", confidence=0.6),
    ], speakers=[SpeakerEntity(id="s1", name="Kwon Jong Gun", descriptors=["Leiter des Amerika-Büros"],
                               mentions=[mention], quote_ids=["q1", "q2"]),
                 SpeakerEntity(id="s2", name="der Kreml", quote_ids=["q3"])])


def doc_s() -> DocumentResult:
    t = TEXT_S
    return DocumentResult(id="<b>böse</b>", text=t, quotes=[
        Quote(id="q1", type=QuoteType.DIRECT, content=[at(t, "„a < b & c > d“"), at(t, "„Straße“")],
              cue=[at(t, "sagte")], cue_lemma="sagen",
              speaker=Speaker(mention=at(t, "Müller"), name="Jörg Müller"), rule="direct.colon",
              confidence=0.95)])


ERROR = DocumentError(id="kaputt", error="parser", message="Der Parser <scheiterte> & gab auf.")


def page(records, **options) -> str:
    out = io.StringIO()
    exporter = HtmlExporter(out, **options)
    for r in records:
        exporter.write(r)
    exporter.close()
    return out.getvalue()


def test_one_highlight_element_per_span_with_quote_ids():
    recs = [doc_k(), doc_s()]
    els = parse(page(recs))
    for kind, spans_of in (("q-content", lambda q: q.content), ("q-cue", lambda q: q.cue),
                           ("q-speaker", lambda q: [q.speaker.mention] if q.speaker and q.speaker.mention else [])):
        expected = sorted(f"{d.id}/{q.id}" for d in recs for q in d.quotes for _ in spans_of(q))
        assert sorted(e["data-quote"] for e in els.having(kind)) == expected, kind
    # nested quotes need no continuation elements
    assert not els.having("q-content-cont") and not els.having("q-cue-cont")


def test_every_side_note_has_the_anchor_of_its_quote():
    """The side note of quotation qK of the page's n-th article has the id ``doc-n-qK``: a link
    can point at one quotation (the dashboard's speaker links do)."""
    recs = [doc_k(), doc_s()]
    els = parse(page(recs))
    notes = [e for e in els.elements if e["tag"] == "li" and "data-ref" in e]
    assert [(e["id"], e["data-ref"]) for e in notes] == [
        (f"doc-{n}-{q.id}", f"{d.id}/{q.id}") for n, d in enumerate(recs, 1) for q in d.quotes]
    ids = [e["id"] for e in els.elements if "id" in e]
    assert len(ids) == len(set(ids)), "element ids are unique"


def test_highlights_cover_exactly_the_span_text():
    d = doc_k()
    els = parse(page([d]))
    contents = {}
    for e in els.having("q-content"):
        contents.setdefault(e["data-quote"], []).append(e["text"])
    for q in d.quotes:
        assert contents[f"kwon/{q.id}"] == [s.text for s in q.content]
    (speaker_el,) = [e for e in els.having("q-speaker") if e["data-quote"] == "kwon/q3"]
    assert speaker_el["text"] == "Der Kreml"


def test_the_article_text_is_unchanged_inside_the_markup():
    d = doc_s()
    els = parse(page([d]))
    (text_div,) = [e for e in els.elements if "text" in e["classes"] and e["tag"] == "div"]
    assert text_div["text"] == d.text


def test_script_in_an_article_is_text():
    out = page([doc_s(), ERROR])
    assert out.count("<script") == 1  # ours only
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "„a &lt; b &amp; c &gt; d“" in out
    assert "&lt;b&gt;böse&lt;/b&gt;" in out and "<b>böse</b>" not in out
    assert "Der Parser &lt;scheiterte&gt; &amp; gab auf." in out


def test_attribution_title_and_side_note():
    els = parse(page([doc_k()]))
    (el,) = [e for e in els.having("q-content") if e["data-quote"] == "kwon/q2"]
    title = el["title"]
    for part in ("q2 · direkt", "Sprecher: Kwon Jong Gun", "Beschreibung: Leiter des Amerika-Büros",
                 "Redeeinleitung: zitieren", "Regel: direct.frame_after", "Sicherheit 0,90"):
        assert part in title
    notes = [e for e in els.elements if e.get("data-ref")]
    assert [n["data-ref"] for n in notes] == ["kwon/q1", "kwon/q2", "kwon/q3"]


def second_article(name):
    """Another article with one direct quote by Kwon, his name written as ``name``."""
    t2 = "Kwon sagte: „Nein.“"
    return DocumentResult(id="zwei", text=t2, quotes=[Quote(
        id="q1", type=QuoteType.DIRECT, content=[at(t2, "„Nein.“")], cue=[at(t2, "sagte")],
        speaker=Speaker(mention=at(t2, "Kwon"), name=name), rule="r", confidence=0.5)])


def test_one_colour_per_speaker_across_articles():
    other = second_article("Kwon Jong Gun")
    els = parse(page([doc_k(), other]))
    colour = {}
    for e in els.having("q-content") + els.having("q-cue") + els.having("q-speaker"):
        sp = [c for c in e["classes"] if re.fullmatch(r"sp\d+", c)]
        assert len(sp) == 1
        colour.setdefault(e["data-quote"], set()).add(sp[0])
    assert all(len(v) == 1 for v in colour.values())
    assert colour["kwon/q1"] == colour["kwon/q2"] == colour["zwei/q1"]
    assert colour["kwon/q3"] != colour["kwon/q1"]


def test_speaker_table_counts_by_type():
    other = second_article("kwon  jong gun")
    els = parse(page([doc_k(), other]))
    rows = [e for e in els.elements if e["tag"] == "tr" and e.get("data-find")]
    first = rows[0]["text"]
    # name, descriptor, 2 articles, direct 2, mixed 1, total 3
    assert first.startswith("Kwon Jong Gun") and "Leiter des Amerika-Büros" in first
    cells = [e["text"] for e in els.elements if e["tag"] == "td"][:9]
    assert cells == ["Kwon Jong Gun", "Leiter des Amerika-Büros", "2", "2", "", "1", "", "", "3"]


def test_errors_are_listed_with_their_message():
    els = parse(page([doc_k(), ERROR]))
    (row,) = [e for e in els.elements if e["tag"] == "tr" and e.get("id") == "err-1"]
    assert "kaputt" in row["text"] and "Der Parser <scheiterte> & gab auf." in row["text"]
    toc = [e for e in els.elements if e["tag"] == "a" and e.get("href") == "#err-1"]
    assert toc and toc[0]["text"] == "kaputt"


def test_crossing_spans_are_split_and_still_nested():
    text = "abcdefghij"
    marks = [Mark(0, 6, "content", "d/q1"), Mark(3, 9, "content", "d/q2"), Mark(5, 8, "cue", "d/q2"),
             Mark(4, 4, "speaker", "d/q3")]
    out = render_text(text, marks)
    els = parse(f"<div>{out}</div>")
    assert [e["data-quote"] for e in els.having("q-content")] == ["d/q1", "d/q2"]
    assert [e["data-quote"] for e in els.having("q-content-cont")] == ["d/q2"]
    assert len(els.having("q-cue")) == 1 and len(els.having("q-cue-cont")) == 1
    assert len(els.having("q-speaker")) == 1  # an empty span is an empty element
    assert els.elements[0]["text"] == text
    q2 = "".join(e["text"] for e in els.having("q-content") + els.having("q-content-cont")
                 if e["data-quote"] == "d/q2")
    assert q2 == text[3:9]


def test_identical_spans_nest_content_outermost():
    out = render_text("xyz", [Mark(0, 3, "cue", "d/a"), Mark(0, 3, "speaker", "d/a"), Mark(0, 3, "content", "d/a")])
    assert out.startswith('<span class="q-content" data-quote="d/a"><span class="q-speaker"')
    assert out.endswith("xyz</span></span></span>")


def test_render_text_refuses_marks_outside_the_text():
    with pytest.raises(ValueError):
        render_text("abc", [Mark(1, 5, "content", "d/q")])


def test_self_contained_and_accepts_other_options():
    out = io.StringIO()
    exporter = get_exporter("html", out, csv_dialect="excel-de", unknown=True)
    exporter.write(doc_k())
    exporter.close()
    data = out.getvalue()
    assert data.startswith("<!DOCTYPE html>") and "<style>" in data and "<script>" in data
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", data)
    assert "<link" not in data and "@import" not in data and " src=" not in data


def test_empty_page():
    els = parse(page([]))
    assert "Keine Dokumente." in "".join(e["text"] for e in els.elements if e["tag"] == "body")


def test_two_hundred_articles_stay_collapsed():
    docs = []
    for n in range(200):
        d = doc_k()
        docs.append(d.model_copy(update={"id": f"artikel-{n:03d}"}))
    data = page(docs)  # its speed is measured by no test: benchmarks/ would (tests assert no wall times)
    els = parse(data)
    details = [e for e in els.elements if e["tag"] == "details" and "doc" in e["classes"]]
    assert len(details) == 200 and not any("open" in d for d in details)
    (toc,) = [e for e in els.elements if e["tag"] == "details" and "toc" in e["classes"]]
    assert "open" not in toc  # 200 entries start folded
    assert len([e for e in els.elements if e["tag"] == "a" and e.get("href", "").startswith("#doc-")]) == 200
    assert len(els.having("q-content")) == 200 * 4
    speakers = [e for e in els.elements if e["tag"] == "td" and "name" in e["classes"]]
    assert [s["data-speaker"] for s in speakers] == ["Kwon Jong Gun", "der Kreml"]
    assert len(data) < 200 * 6000


def test_few_articles_start_open():
    els = parse(page([doc_k(), doc_s()]))
    details = [e for e in els.elements if e["tag"] == "details"]
    assert len(details) == 3 and all("open" in e for e in details)  # the contents and both articles


def test_unescaped_title_is_escaped():
    data = page([doc_k()], title="Zitate <März>")
    assert "<title>Zitate &lt;März&gt;</title>" in data


def test_german_by_default_english_on_request():
    de, en = page([doc_k(), ERROR]), page([doc_k(), ERROR], lang="en")
    assert '<html lang="de">' in de and "<title>Zitate</title>" in de
    for text in ("1 Artikel, 3 Zitate, 2 Sprecher, 1 Fehler", "Alle aufklappen", "Artikel und Sprecher filtern",
                 ">Beschreibung</th>", ">gemischt</th>", ">frei indirekt</th>", ">Meldung</th>", "Inhalt (2)",
                 "<h2>Artikel</h2>", "· 3 Zitate", "Sicherheit 0,80"):
        assert text in de, text
    assert '<html lang="en">' in en and "<title>quotes report</title>" in en
    for text in ("1 article, 3 quotes, 2 speakers, 1 error", "Expand all", "Filter articles and speakers",
                 ">Descriptor</th>", ">mixed</th>", ">free indirect</th>", ">Message</th>", "Contents (2)",
                 "<h2>Articles</h2>", "· 3 quotes", "confidence 0.80"):
        assert text in en, text
    assert 'class="text" lang="de"' in en  # the articles stay marked as German text
    with pytest.raises(ValueError, match="language"):
        HtmlExporter(io.StringIO(), lang="fr")


# -- article metadata and speaker gender (records 1.1) ---------------------------------


def meta_doc(url: str = "https://www.dw.com/de/a-1") -> DocumentResult:
    from quotes.models import ArticleMeta, Gender

    text = "Eigene erste Zeile\n„Wir bleiben“, sagte die Ministerin. „Nein“, sagte Weiß."
    return DocumentResult(
        id="m1", text=text,
        meta=ArticleMeta(date="2019-04-19T14:30:00+02:00", source="Deutsche <Welle>", url=url,
                         title="Ministerin: Wir bleiben"),
        quotes=[Quote(id="q1", type=QuoteType.DIRECT, content=[at(text, "„Wir bleiben“")], cue=[at(text, "sagte")],
                      speaker=Speaker(mention=at(text, "die Ministerin"), name="Anna Schäfer", entity="s1"),
                      rule="r", confidence=0.9),
                Quote(id="q2", type=QuoteType.DIRECT, content=[at(text, "„Nein“")],
                      speaker=Speaker(mention=at(text, "Weiß"), name="Weiß", entity="s2"), rule="r", confidence=0.5)],
        speakers=[SpeakerEntity(id="s1", name="Anna Schäfer", gender=Gender.FEMALE,
                                gender_evidence=["role_noun:Ministerin"]),
                  SpeakerEntity(id="s2", name="Weiß")])


def page_of(records, **options) -> str:
    out = io.StringIO()
    exporter = get_exporter("html", out, **options)
    for r in records:
        exporter.write(r)
    exporter.close()
    return out.getvalue()


@pytest.mark.parametrize("lang,date,source,link,gender,hover", [
    ("de", "19.04.2019, 14:30", "Quelle: ", "Zum Artikel", "weiblich", "Geschlecht: weiblich"),
    ("en", "2019-04-19 14:30", "Source: ", "Open the article", "female", "Gender: female"),
])
def test_article_metadata_and_gender_are_shown(lang, date, source, link, gender, hover):
    page = page_of([meta_doc()], lang=lang)
    els = parse(page)
    summary = next(e for e in els.elements if e["tag"] == "summary")
    assert "Ministerin: Wir bleiben" in summary["text"] and "Eigene erste Zeile" not in summary["text"]
    (line,) = els.having("meta")
    assert date in line["text"] and source + "Deutsche <Welle>" in line["text"] and link in line["text"]
    (time_el,) = [e for e in els.elements if e["tag"] == "time"]
    assert time_el["datetime"] == "2019-04-19T14:30:00+02:00"
    (a,) = [e for e in els.elements if e["tag"] == "a" and e.get("href", "").startswith("https")]
    assert a["href"] == "https://www.dw.com/de/a-1" and "noopener" in a["rel"]
    genders = els.having("gender")
    assert [g["text"] for g in genders] == [gender]  # Weiß's gender is unknown: nothing shown
    notes = [e for e in els.elements if e["tag"] == "li" and e.get("data-ref")]
    assert hover in notes[0]["title"] and "Geschlecht" not in notes[1]["title"] and "Gender" not in notes[1]["title"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "JAVASCRIPT:void(0)",
                                 "//evil.example/x", "https://x.example/a b"])
def test_only_web_addresses_become_links(url):
    els = parse(page_of([meta_doc(url)]))
    assert not [e for e in els.elements if e["tag"] == "a" and e.get("href", "").lower().startswith(
        ("javascript", "data", "//", "https://x"))]
    (line,) = els.having("meta")
    assert url in line["text"]  # shown as text


def test_an_article_without_metadata_has_no_meta_line():
    doc = meta_doc()
    doc.meta = None
    els = parse(page_of([doc]))
    assert els.having("meta") == []
    summary = next(e for e in els.elements if e["tag"] == "summary")
    assert "Eigene erste Zeile" in summary["text"]

"""The HTML page in a real browser: headless Chromium renders it, runs its script,
keeps one highlight per content span, and takes a screenshot.

Skipped without Chromium (``/usr/bin/chromium``, or ``$QUOTES_CHROMIUM``),
unless ``CI`` is set and ``QUOTES_REQUIRE_BROWSER=1``: then a missing browser
fails. Install it with ``apt-get install -y chromium``.
"""

from __future__ import annotations

import os
import shutil
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import browse, require_chromium

from quotes.exporters.html import HtmlExporter
from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker, SpeakerEntity

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def chromium() -> str:
    return require_chromium()


def at(text: str, needle: str, start: int = 0) -> Span:
    """The span of the first ``needle`` in ``text`` at or after ``start`` (exact offsets)."""
    i = text.index(needle, start)
    return Span.of(text, i, i + len(needle))


T1 = ("Nordkorea will Pompeo nicht mehr sehen\n\nFür den Fall einer Wiederaufnahme des Dialogs sei es wünschenswert, "
      'Pompeo zu ersetzen, der "vorsichtiger und reifer ist", zitierten staatliche Medien Kwon.\n\n'
      "Der Kreml bestätigte, dass ein Treffen vorbereitet werde. Kremlsprecher Dmitri Peskow sagte: "
      "„Wir sind bereit“, und fügte hinzu: „Größe zählt.“")
T2 = "<script>document.title='pwned'</script>\nMüller sagte: „a < b & c > d“ – „Straße“."


def records() -> list:
    t = T1
    cue, kwon = at(t, "zitierten"), at(t, "Kwon")
    sp_kwon = Speaker(mention=kwon, name="Kwon Jong Gun", descriptor="Leiter des Amerika-Büros", entity="s1")
    peskow = Speaker(mention=at(t, "Kremlsprecher Dmitri Peskow"), name="Dmitri Peskow", descriptor="Kremlsprecher",
                     entity="s3")
    d1 = DocumentResult(id="politik/kwon", text=t, quotes=[
        Quote(id="q1", type=QuoteType.MIXED, content=[at(t, "Für den Fall einer Wiederaufnahme des Dialogs sei es "
              'wünschenswert, Pompeo zu ersetzen, der "vorsichtiger und reifer ist"')], cue=[cue],
              cue_lemma="zitieren", speaker=sp_kwon, medium=at(t, "staatliche Medien"), rule="mixed.frame_after",
              confidence=0.8),
        Quote(id="q2", type=QuoteType.DIRECT, content=[at(t, '"vorsichtiger und reifer ist"')], cue=[cue],
              cue_lemma="zitieren", speaker=sp_kwon, rule="direct.frame_after", confidence=0.9),
        Quote(id="q3", type=QuoteType.INDIRECT, content=[at(t, "dass ein Treffen vorbereitet werde")],
              cue=[at(t, "bestätigte")], cue_lemma="bestätigen",
              speaker=Speaker(mention=at(t, "Der Kreml"), name="der Kreml", entity="s2"),
              rule="indirect.frame_before", confidence=0.75),
        Quote(id="q4", type=QuoteType.DIRECT, content=[at(t, "„Wir sind bereit“"), at(t, "„Größe zählt.“")],
              cue=[at(t, "sagte"), at(t, "fügte hinzu")], cue_lemma="sagen", speaker=peskow,
              rule="direct.colon", confidence=0.95),
    ], speakers=[SpeakerEntity(id="s1", name="Kwon Jong Gun", mentions=[kwon], quote_ids=["q1", "q2"]),
                 SpeakerEntity(id="s2", name="der Kreml", quote_ids=["q3"]),
                 SpeakerEntity(id="s3", name="Dmitri Peskow", descriptors=["Kremlsprecher"], quote_ids=["q4"])])
    d2 = DocumentResult(id="<b>böse</b>", text=T2, quotes=[
        Quote(id="q1", type=QuoteType.DIRECT, content=[at(T2, "„a < b & c > d“"), at(T2, "„Straße“")],
              cue=[at(T2, "sagte")], cue_lemma="sagen",
              speaker=Speaker(mention=at(T2, "Müller"), name="Jörg Müller"), rule="direct.colon", confidence=0.9)])
    return [d1, d2, DocumentError(id="kaputt", error="parser", message="Der Parser gab auf.")]


class Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def write_report(path: Path, **options) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        exporter = HtmlExporter(fh, **options)
        for r in records():
            exporter.write(r)
        exporter.close()
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return write_report(tmp_path_factory.mktemp("html") / "report.html")


def test_rendered_dom_has_one_highlight_per_content_span(chromium, report, tmp_path):
    result = browse(chromium, tmp_path, "--dump-dom", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = Dom()
    dom.feed(result.stdout)
    assert any(tag == "html" and attrs.get("data-ready") == "1" for tag, attrs in dom.elements), \
        "the page script did not run to its end"
    content = [a["data-quote"] for tag, a in dom.elements if "q-content" in a.get("class", "").split()]
    docs = [r for r in records() if isinstance(r, DocumentResult)]
    expected = [f"{d.id}/{q.id}" for d in docs for q in d.quotes for _ in q.content]
    assert len(content) == len(expected) == 7
    assert sorted(content) == sorted(expected)
    cues = [a["data-quote"] for tag, a in dom.elements if "q-cue" in a.get("class", "").split()]
    assert sorted(cues) == sorted(f"{d.id}/{q.id}" for d in docs for q in d.quotes for _ in q.cue)
    # the article's <script> stayed text: one script element (ours), the title untouched
    assert [tag for tag, _ in dom.elements].count("script") == 1
    assert "<title>Zitate</title>" in result.stdout and '<html lang="de"' in result.stdout
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in result.stdout
    # German by default: the page's own words, as the browser shows them
    assert ">Alle aufklappen</button>" in result.stdout and "<h2>Artikel</h2>" in result.stdout


def test_english_page_on_request(chromium, tmp_path):
    page = write_report(tmp_path / "en.html", lang="en")
    result = browse(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    assert '<html lang="en" data-ready="1">' in result.stdout
    assert ">Expand all</button>" in result.stdout and "<title>quotes report</title>" in result.stdout


def test_screenshot(chromium, report, tmp_path):
    png = tmp_path / "report.png"
    result = browse(chromium, tmp_path, f"--screenshot={png}", "--window-size=1280,2000", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few kB
    target = os.environ.get("QUOTES_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(target) / "report.png")


def test_a_quote_anchor_opens_its_article_and_highlights_the_quote(chromium, tmp_path):
    """``page.html#doc-N-qK`` (the anchor the dashboard links to) unfolds article N, even on a page
    whose articles start folded, and highlights quotation qK there and nowhere else."""
    from quotes.exporters.html import OPEN_AT_MOST, quote_anchor

    doc = records()[0]
    docs = [doc.model_copy(update={"id": f"artikel-{n:02d}"}) for n in range(OPEN_AT_MOST + 2)]
    path = tmp_path / "many.html"
    with open(path, "w", encoding="utf-8") as fh:
        exporter = HtmlExporter(fh)
        for d in docs:
            exporter.write(d)
        exporter.close()
    result = browse(chromium, tmp_path, "--dump-dom", path.as_uri() + "#" + quote_anchor(2, "q3"))
    assert result.returncode == 0, result.stderr[-2000:]
    dom = Dom()
    dom.feed(result.stdout)
    details = {a["id"]: "open" in a for tag, a in dom.elements if tag == "details" and a.get("id", "").startswith("doc-")}
    assert details["doc-2"] and not any(is_open for k, is_open in details.items() if k != "doc-2")
    lit = {a.get("data-quote") or a.get("data-ref") for tag, a in dom.elements if "hl" in a.get("class", "").split()}
    assert lit == {"artikel-01/q3"}

"""The rule families on gold dependency trees, against what a reader of the sentence expects.

Every row names a sentence of ``tests/data/ud/gold_trees.conllu`` (UD German GSD and PUD,
copied verbatim; see the licence header there) and the quotation a person reading the
German sentence finds in it: type, content, speaker mention, cue words and cue lemma.
Negative rows name sentences where no quotation must be found (quoted titles, plain
narration, reporting verbs in other uses). The expectations are linguistic, not a record
of the engine's output: where the engine is still wrong, the row is kept and marked
``xfail(strict=True)`` with the reason, so fixing the rule turns it into an XPASS that asks
for the mark to be dropped.

The trees are gold, so these tests need no Stanza model and are fully deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import pytest

from quotes.doc import ParsedDoc, from_conllu
from quotes.engine import extract_from_parsed
from quotes.models import DocumentResult, Quote

FIXTURE = Path(__file__).parent / "data" / "ud" / "gold_trees.conllu"

Texts = Union[str, tuple[str, ...]]


def _blocks() -> dict[str, str]:
    out: dict[str, str] = {}
    for block in FIXTURE.read_text(encoding="utf-8").strip().split("\n\n"):
        m = re.search(r"^# sent_id = (\S+)$", block, re.M)
        if m:  # the licence header is a block of comments without sent_id
            out[m.group(1)] = block
    return out


BLOCKS = _blocks()


def parse(*sent_ids: str) -> ParsedDoc:
    """One document of the given fixture sentences, in order (joined by one space)."""
    return from_conllu("\n\n".join(BLOCKS[s] for s in sent_ids))


def run(*sent_ids: str) -> tuple[ParsedDoc, DocumentResult]:
    doc = parse(*sent_ids)
    return doc, extract_from_parsed(doc, "-".join(sent_ids))


# -- expectations ------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """A quotation a reader finds in the sentence.

    ``content``: the exact text of each content span (a tuple for split content); with
    ``partial`` a single substring the content must contain (used for ``reported`` and
    ``free_indirect``, where the content is the whole clause or sentence).
    ``speaker``: the exact speaker mention, a tuple of acceptable mentions (a name with or
    without its apposition), or None where the sentence names no speaker.
    ``cue``: the exact cue span texts in text order (``()`` where there is none);
    ``lemma``: the expected ``cue_lemma``.
    """

    type: str
    content: Texts
    speaker: Optional[Texts]
    cue: tuple[str, ...]
    lemma: Optional[str]
    partial: bool = False


@dataclass(frozen=True)
class Nothing:
    """No quotation at all in the sentence(s)."""


def _find(text: str, needle: str) -> tuple[int, int]:
    pos = text.find(needle)
    assert pos >= 0, f"fixture error: {needle!r} is not in the text {text!r}"
    return pos, pos + len(needle)


def _expected_regions(text: str, exp: Expect) -> list[tuple[int, int]]:
    parts = (exp.content,) if isinstance(exp.content, str) else exp.content
    return [_find(text, p) for p in parts]


def _overlap(q: Quote, regions: list[tuple[int, int]]) -> int:
    return sum(max(0, min(c.end, e) - max(c.start, s)) for c in q.content for s, e in regions)


def _covered(q: Quote) -> int:
    return sum(c.end - c.start for c in q.content)


def _describe(q: Quote) -> str:
    spk = q.speaker.mention.text if q.speaker and q.speaker.mention else None
    return (f"{q.type.value} {q.rule}: content={[c.text for c in q.content]} speaker={spk!r} "
            f"cue={[c.text for c in q.cue]} lemma={q.cue_lemma!r}")


def _pick(result: DocumentResult, exp: Expect, regions: list[tuple[int, int]]) -> Optional[Quote]:
    """The quote the row is about: it overlaps the expected content; among those, one of the
    expected type, then of the expected cue lemma, then the closest in extent is preferred."""
    hits = [q for q in result.quotes if _overlap(q, regions) > 0]
    if not hits:
        return None
    want = sum(e - s for s, e in regions)

    def key(q: Quote):
        ov = _overlap(q, regions)
        jaccard = ov / (want + _covered(q) - ov)
        return (q.type.value == exp.type, q.cue_lemma == exp.lemma, jaccard)

    return max(hits, key=key)


def check(sent_ids: tuple[str, ...], exp: Union[Expect, Nothing]) -> None:
    doc, result = run(*sent_ids)
    found = "\n  ".join(_describe(q) for q in result.quotes) or "(none)"
    if isinstance(exp, Nothing):
        assert not result.quotes, f"expected no quote in {doc.text!r}, found:\n  {found}"
        return
    regions = _expected_regions(doc.text, exp)
    q = _pick(result, exp, regions)
    assert q is not None, f"no quote overlaps {exp.content!r}; found:\n  {found}"
    got = _describe(q)
    assert q.type.value == exp.type, f"type: expected {exp.type}, got {got}"
    texts = tuple(c.text for c in q.content)
    if exp.partial:
        assert isinstance(exp.content, str)
        assert exp.content in " ".join(texts), f"content should contain {exp.content!r}, got {got}"
    else:
        want = (exp.content,) if isinstance(exp.content, str) else exp.content
        assert texts == want, f"content: expected {want!r}, got {got}"
    mention = q.speaker.mention.text if q.speaker and q.speaker.mention else None
    if exp.speaker is None:
        assert mention is None, f"speaker: expected none, got {got}"
    else:
        ok = (exp.speaker,) if isinstance(exp.speaker, str) else exp.speaker
        assert mention in ok, f"speaker: expected one of {ok!r}, got {got}"
    assert tuple(c.text for c in q.cue) == exp.cue, f"cue: expected {exp.cue!r}, got {got}"
    assert q.cue_lemma == exp.lemma, f"cue lemma: expected {exp.lemma!r}, got {got}"


def row(row_id: str, sent_ids: Union[str, tuple[str, ...]], exp: Union[Expect, Nothing], xfail: str = ""):
    ids = (sent_ids,) if isinstance(sent_ids, str) else sent_ids
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(ids, exp, id=row_id, marks=marks)


D, I, M, R, F = "direct", "indirect", "mixed", "reported", "free_indirect"

ROWS = [
    # -- direct: frame after ------------------------------------------------
    row("direct-after-pronoun", "n01087035",
        Expect(D, "„Ich liebte die tropischen Farben“", "er", ("sagt",), "sagen")),
    row("direct-after-apposition", "n01005024",
        Expect(D, "„Wir stehen im Wettbewerb und wir denken, ein Transitsystem kann dabei helfen“",
               ("Joe Sternlieb, Präsident des Georgetown BID", "Joe Sternlieb"), ("sagte",), "sagen")),
    # a relative clause after the speaker is not part of the mention (appositions are)
    row("direct-after-relative-clause", "dev-s774",
        Expect(D, "``Ich habe den Feuerlöscher leergemacht, aber es war nichts zu machen''", "ein Hausbewohner",
               ("sagte",), "sagen")),
    row("direct-after-addressee-relative", "n01002032",
        Expect(D, "„Ich möchte euch ungern unter Druck setzen, aber das Schicksal der Republik liegt in euren Händen“",
               "er", ("sagte",), "sagen")),
    row("direct-so-X", "n01009054",
        Expect(D, "„Wir haben andere Länder darum gebeten, uns dabei zu helfen, den Zoo mit verschiedenen "
                  "Tierarten zu füllen, unter anderem mit einem Schwein“", "Saqib", ("so",), "so")),
    row("direct-after-spotten", "n03001023",
        Expect(D, "„Wenn jemand nicht mit einem Twitter-Account umgehen kann, kann er auch nicht mit "
                  "Nuklearcodes umgehen“", "Obama", ("spottete",), "spotten")),
    # -- direct: frame before -------------------------------------------------
    row("direct-before-separable", "n01031021",
        Expect(D, "„Das war ein Schritt auf der langen Suche nach der richtigen Kombination für hormonelle "
                  "Verhütung für Männer.“", "Er", ("fügte", "hinzu"), "hinzufügen")),
    # -- direct: interposed frame (TeX quotation marks of the GSD news part) -----
    row("direct-interposed-tex-marks", "test-s564",
        Expect(D, ("``Wir haben alle Formulierungen vermieden, die irgendein Gesetz in Kuba verletzen könnten''",
                   "``und das hat uns dennoch nicht vor dem Rausschmiß bewahrt.''"),
               "Castellanos", ("erklärt",), "erklären")),
    # -- mixed: quoted words inside indirect content, and the nested direct quote --
    row("mixed-frame-after", "n02069039",
        Expect(M, "Die jetzigen Festnahmen seien „eine Fortsetzung der Schikanen gegen uns“",
               "Dündar", ("sagte",), "sagen")),
    row("mixed-nested-direct", "n02069039",
        Expect(D, "„eine Fortsetzung der Schikanen gegen uns“", "Dündar", ("sagte",), "sagen")),
    row("mixed-interposed-so-verb", "n03001019",
        Expect(M, ("Wenn seine demokratische Gegnerin gewählt werden sollte, dann",
                   "würde sie „jahrelang überprüft werden“"), "er", ("versicherte",), "versichern"),
        xfail="interposed frame ', so versicherte er,': indirect.frame_before takes only the part after "
              "the frame ('würde sie „…“'); the conditional clause before it ('Wenn … sollte, dann') "
              "is left out of the content"),
    # -- indirect: frame before ----------------------------------------------------
    row("indirect-before-konjunktiv", "test-s619",
        Expect(I, "er habe allein gehandelt", "Der Attentäter Yigal Amir", ("betonte",), "betonen")),
    row("indirect-before-perfect", "test-s400",
        Expect(I, "er werde bei den Präsidentenwahlen in den USA nicht kandidieren",
               "Der Ex-Generalstabschef Colin Powell", ("hat", "angekündigt"), "ankündigen")),
    row("indirect-before-dass", "n01017005",
        Expect(I, "dass WLAN im Flugzeug oft unzuverlässig sei und die Wahl der Fluggesellschaft "
                  "wahrscheinlich nicht beeinflusse", "Ein Reiseexperte", ("warnte",), "warnen")),
    row("indirect-before-teilte-mit", "test-s549",
        Expect(I, "daß der Streit über die Kontrolle der in der Ukraine stationierten strategischen "
                  "Atomraketen ausgeklammert worden sei", "Ein Vertreter der Ukraine", ("teilte", "mit"),
               "mitteilen")),
    row("indirect-before-warf-vor", "dev-s602",
        Expect(I, "es habe bei der Abstimmung große Unregelmäßigkeiten gegeben", "Die Hamas", ("warf", "vor"),
               "vorwerfen")),
    row("indirect-before-zu-infinitive", "dev-s791",
        Expect(I, "möglichst bald in Ostdeutschland aufzutreten",
               ("Brandenburgs Ministerpräsident Manfred Stolpe (SPD)", "Brandenburgs Ministerpräsident Manfred Stolpe"),
               ("forderte", "auf"), "auffordern")),
    row("indirect-before-comparative-adjunct", "n05004020",
        Expect(I, "dass Spanien eine Nation der Nationen sei", "Pedro Sánchez", ("sagte",), "sagen"),
        xfail="the comparative adjunct ', wie viele andere Sozialisten im Programm Évole,' between the "
              "verb and the dass-clause belongs to the frame, but indirect.frame_before starts the "
              "content right after the verb's segment and takes it in"),
    # -- indirect: frame after / interposed ------------------------------------------
    row("indirect-after-konjunktiv", "test-s907",
        Expect(I, "Sie habe die Tür schnell wieder zugeschlagen", "Chrétien", ("sagte",), "sagen")),
    row("indirect-after-apposition", "test-s372",
        Expect(I, "Das Denkmal und die authentischen Tatorte seien keine Alternative",
               ("der Vorsitzende der Jüdischen Gemeinde zu Berlin, Jerzy Kanal",
                "der Vorsitzende der Jüdischen Gemeinde zu Berlin", "Jerzy Kanal"), ("betonte",), "betonen")),
    row("indirect-after-teilt-mit", "dev-s723",
        Expect(I, "Das Kaufinteresse habe sich auf institutionelle Investoren in der Schweiz, Großbritannien "
                  "und den USA konzentriert", "das Institut", ("teilt", "mit"), "mitteilen")),
    row("indirect-after-hiess-es", "test-s603",
        Expect(I, "Bei Verladearbeiten in einer Halle sei eines der Fässer mit dem Konzentrat abgestürzt",
               None, ("hieß", "es"), "heißen")),
    row("indirect-interposed", "n01010042",
        Expect(I, ("Es gab einen Punkt", "an dem er das Gefühl hatte, dass sie das Gebäude verlassen sollten"),
               "Prasad Panvalker", ("sagte",), "sagen")),
    # -- source phrases ---------------------------------------------------------------
    row("source-laut-initial", "n02027007",
        Expect(I, "sind in Großbritannien zahlreiche russische Geheimdienstmitarbeiter aktiv", "Parker",
               ("Laut",), "laut")),
    row("source-laut-midfield", "test-s547",
        Expect(I, ("Die Vernichtung der irakischen C-Waffen soll",
                   "in großem Umfang in Kürze beginnen und rund ein Jahr dauern"), "UN", ("laut",), "laut")),
    row("source-laut-before-object", "dev-s675",
        Expect(I, ("Die Kampfflugzeuge flogen am Dienstag", "Aufklärungseinsätze über Ostslawonien"), "UN",
               ("laut",), "laut")),
    row("source-zufolge", "dev-s677",
        Expect(I, "boomt der Flohhandel bereits an Schulen im ganzen Land", "Bulgarischen Presseberichten",
               ("zufolge",), "zufolge")),
    row("source-nach-angaben-midfield", "dev-s798",
        Expect(I, ("Mindestens 88 Rebellen und Soldaten sollen", "getötet worden sein"),
               "Angaben eines Armeesprechers", ("nach",), "nach")),
    row("source-nach-angaben-inside-frame-after", "test-s416",
        Expect(I, "Zwei Geiseln seien nach Angaben der Entführer leicht erkrankt, würden aber behandelt",
               "ein Behördensprecher", ("erklärte",), "erklären")),
    row("source-nach-angaben-before-frame-after", "test-s416",
        Expect(I, ("Zwei Geiseln seien", "leicht erkrankt, würden aber behandelt"), "Angaben der Entführer",
               ("nach",), "nach")),
    row("source-wie-mitteilten", "test-s670",
        Expect(I, "waren darunter drei Fahrzeuge einer britischen Fernsehgesellschaft", "die Behörden",
               ("Wie", "mitteilten"), "mitteilen")),
    # -- reported speech acts --------------------------------------------------------
    row("reported-warnen-vor", "n02075020",
        Expect(R, "Dündar warnte Europa vor zu viel Verständnis für Erdogans Kurs", "Dündar", (), "warnen",
               partial=True)),
    row("reported-angekuendigt", "n02027019",
        Expect(R, "Russland hatte die Aussetzung des Abkommens Anfang Oktober angekündigt", "Russland", (),
               "ankündigen", partial=True)),
    # -- free indirect speech -----------------------------------------------------------
    row("free-indirect-konjunktiv", "test-s734",
        Expect(F, "Die Lagerhalle sei inzwischen versiegelt", None, (), None, partial=True)),
    row("free-indirect-after-relative-clause", "dev-s532",
        Expect(F, "Der Bonus für die Aktionäre, der zum 125jährigen Bestehen von Schering im nächsten Jahr "
                  "erwogen wurde, gebe es nicht", None, (), None, partial=True),
        xfail="free_indirect._reports starts the content at the segment holding 'gebe' because the "
              "relative clause before it has an indicative finite verb ('wurde'): the content is only "
              "'gebe es nicht.' and the sentence's own subject 'Der Bonus für die Aktionäre' is taken "
              "as the speaker"),
    # -- nothing to find ------------------------------------------------------------------
    row("none-quoted-title", "n01116009", Nothing()),
    row("none-quoted-song-title", "n04003043", Nothing()),
    row("none-title-and-schreiben-elsewhere", "w04010029", Nothing(),
        xfail="direct.in_clause takes the film title „Metti, una sera a cena“ for a quote because a form "
              "of schreiben ('hatten … geschrieben') stands in the same sentence, in another clause "
              "after the semicolon"),
    row("none-absagen", "dev-s595", Nothing()),
    row("none-man-kann-sagen", "n01087005", Nothing()),
    row("none-so-enumeration", "w02013093", Nothing()),
    row("none-first-person-performative", "dev-s411", Nothing()),
    row("none-first-person-habe", "test-s183", Nothing()),
    row("none-sollen-plan", "dev-s547", Nothing()),
]


@pytest.mark.parametrize("sent_ids,expected", ROWS)
def test_rule_on_gold_tree(sent_ids, expected):
    check(sent_ids, expected)


# -- properties over the whole fixture --------------------------------------------------


def _spans(result: DocumentResult):
    for q in result.quotes:
        yield from q.content
        yield from q.cue
        for extra in (q.speaker.mention if q.speaker else None, q.addressee, q.medium):
            if extra is not None:
                yield extra
    for ent in result.speakers:
        yield from ent.mentions


@pytest.mark.parametrize("sent_id", sorted(BLOCKS))
def test_spans_match_text(sent_id):
    doc, result = run(sent_id)
    for s in _spans(result):
        assert 0 <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start : s.end] == s.text, (sent_id, s)


def test_spans_match_text_in_one_document():
    """All fixture sentences as one document: offsets stay right across sentences."""
    doc, result = run(*BLOCKS)
    assert result.quotes
    for s in _spans(result):
        assert doc.text[s.start : s.end] == s.text, s


def test_fixture_is_small_licensed_and_complete():
    raw = FIXTURE.read_bytes()
    assert len(raw) < 65_000
    head = raw.decode("utf-8").split("\n\n", 1)[0]
    assert "CC BY-SA 4.0" in head and "CC BY-SA 3.0" in head and "LIT" in head
    used = {s for p in ROWS for s in p.values[0]}
    assert used <= set(BLOCKS), used - set(BLOCKS)
    for sid, block in BLOCKS.items():
        assert re.search(r"^# text = .+$", block, re.M), sid
        assert not sid.startswith(("lit", "LIT")), sid

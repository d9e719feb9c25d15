"""The extraction engine: run the rule families over a parsed document, merge
their candidates, resolve speakers and build validated records.

The passes are the named steps of :data:`STEPS`. Order matters: direct quotes
(quotation marks are the strongest signal), then clause-based indirect speech,
prepositional source phrases, anaphoric frames, reported speech; free indirect
continuations after the first merge, because they extend the quotes found
before them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from .doc import ParsedDoc
from .gender import label_genders, mention_gender
from .learn.calibrate import RANKER, confidences
from .learn.gate import packaged_gate
from .learn.model import LinearModel, packaged
from .learn.speaker_choice import choose_speakers
from .models import DocumentResult, Gender, ModelInfo, Quote, QuoteType, Span, Speaker, SpeakerEntity
from .rules import anaphoric, direct, frameless_speakers, free_indirect, indirect, mention, quoted_names, reported, source
from .rules.base import RELATIVE_SOURCE, Candidate, Context, Gate, Located, Offsets, RuleFamily, words_span
from .rules.quotemarks import BRACKETS
from .speakers import resolve_speakers

RULE_FAMILIES: tuple[RuleFamily, ...] = (direct, indirect, source, anaphoric, reported)
"""The families that propose candidates first, read by :func:`find_candidates` at call time (a test may
switch one off by replacing this tuple). Free indirect speech extends their quotes in a later step."""


@dataclass(frozen=True)
class Step:
    """One pass of the engine: ``run(ctx, candidates)`` returns the candidates after it."""

    name: str
    run: Callable[[Context, list[Candidate]], list[Candidate]]


def find_candidates(ctx: Context) -> list[Candidate]:
    """All candidates from all families, overlaps resolved: the :data:`STEPS` in order."""
    cands: list[Candidate] = []
    for step in STEPS:
        cands = step.run(ctx, cands)
    return cands


def run_families(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Every family of :data:`RULE_FAMILIES` in order; each sees what the ones before it found."""
    out = list(found)
    for family in RULE_FAMILIES:
        out.extend(family.find(ctx, list(out)))
    return out


def drop_impersonal_speakers(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """The impersonal pronoun names nobody ("Man befürchtete, dass …"); the corpus puts the speaker elsewhere."""
    for cand in cands:
        span = words_span(cand.speaker)
        if span is not None and ctx.text[span[0] : span[1]].lower() == "man":
            cand.speaker = None
    return cands


def extend_free_indirect(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Free indirect continuations and Konjunktiv sentences around the quotes found so far. A frame in Konjunktiv I
    that a run covers ("… habe man nichts gewusst. Außerdem habe die Überprüfung ergeben, dass …") is reported
    within it: the run is the quotation, as the corpus annotates it (news-quotes-de train: the inner frame had no
    gold of its own in each case), so the frame's candidate gives way."""
    runs = free_indirect.find(ctx, cands)
    covered = {id(c) for c in cands if free_indirect.reported_frame(c)
               and any(r.start <= c.start and c.end <= r.end for r in runs)}
    return [c for c in cands if id(c) not in covered] + runs


def gate_tentative(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Tentative candidates (:attr:`Candidate.tentative`) that overlap no firm candidate stay only where
    the quote gate on ``ctx.gate`` keeps them (their probability goes to ``gate_probability`` and the evidence); without a gate they are
    dropped, which is the rules-only behaviour. Each candidate is decided once."""
    firm = [c for c in cands if not c.tentative or c.gate_probability is not None]
    kept = []
    for cand in cands:
        if cand.tentative and cand.gate_probability is None:
            if any(cand.overlaps(other) for other in firm):
                continue  # the merge would keep the firm one: nothing to decide
            p = ctx.gate(ctx, cand, cands) if ctx.gate is not None else None
            if p is None:
                continue
            cand.gate_probability = p
            cand.evidence.extend([f"tentative:{reason}" for reason in cand.tentative] + [f"gate:{p:.2f}"])
        kept.append(cand)
    return kept


def complete_mentions(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Speaker phrases over appositions, name parts and attributes (:func:`quotes.rules.mention.complete`)."""
    for cand in cands:
        mention.complete(ctx, cand)
    return cands


def mark_mixed(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Indirect quotes with a quotation of two words or more inside become mixed quotes."""
    for cand in cands:
        _mark_mixed(ctx, cand)
    return cands


def sort_by_position(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """The candidates in the order of their content in the text."""
    return sorted(cands, key=lambda c: (c.start, c.end))


NESTED_MIN_WORDS = 1
"""Words a quotation inside reported content needs to count as a direct quote of its own. One-word
quotations are scare quotes about as often as quotes (news-quotes-de train: 25 of 79 one-word quotations
inside indirect speech are annotated as direct), but a found one adds its message, speaker and cue:
measured on train, one word raises joint F1 (78.1 to 78.2) where two words was the better threshold before
equal message overlaps were paired by speaker."""


def nested_direct(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """Quotations inside indirect or free indirect content: separate direct quotes
    of the same speaker ("Sie sei „vollkommen geschockt“, sagte die Königin"); returns them with ``kept``."""
    return kept + _nested_quotes(ctx, kept)


def _nested_quotes(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    direct_spans = {(s, e) for c in kept if c.type == QuoteType.DIRECT for s, e in c.spans}
    frameless = {(c.start, c.end): c for c in kept if c.frameless and c.speaker is None}
    out = []
    for cand in kept:
        if cand.type == QuoteType.DIRECT:
            continue
        for s, e in cand.spans:
            for m in ctx.marks_in(s, e):
                inside = frameless.get((m.start, m.end))
                if inside is not None and cand.type == QuoteType.FREE_INDIRECT and cand.speaker:
                    # a quotation without frame inside a run of free indirect speech is the run's speaker's:
                    # "Damit seien „der Kurs … nicht mehr so klar“"
                    inside.speaker, inside.medium = cand.speaker, cand.medium
                    inside.evidence.append(f"nested-in:{cand.rule}")
                if m.depth or (m.start, m.end) in direct_spans:
                    continue
                inner = ctx.text[m.inner_start : m.inner_end]
                if len(inner.split()) < NESTED_MIN_WORDS or quoted_names.quoted_name(ctx, m) \
                        or quoted_names.named_by_context(ctx, m):
                    continue  # a scare quote or a name: „Hvalur 9“, die „IG Bau“
                direct_spans.add((m.start, m.end))
                out.append(Candidate(
                    type=QuoteType.DIRECT, content=[(m.start, m.end)], rule="direct.nested",
                    confidence=max(0.3, cand.confidence - 0.1), cue=list(cand.cue), cue_lemma=cand.cue_lemma,
                    speaker=cand.speaker, medium=cand.medium, evidence=["quotation-marks", f"nested-in:{cand.rule}"],
                    nested=True,
                ))
    return out


CONTINUATION_SENTENCES = 2
"""A quote without speaker takes the speaker of a quote at most this many sentences before it."""


OWN_FRAME_RULES = frozenset({"direct.frame_before", "direct.frame_after"})
"""Quotations whose frame clause stands right beside them: where that clause names nobody (a place, an object,
a broken parse: "Auf der documenta-Homepage heißt es zur Begründung: „…“"), the speaker of the quote before
is seldom theirs (news-quotes-de train: 1 of 8 right), so they keep no speaker rather than a wrong one, unless
the frame verb is coordinated with the clause before and shares its subject (:func:`_coordinated_frame`)."""


def _coordinated_frame(cand: Candidate) -> bool:
    """The frame verb opens the second of two coordinated clauses, whose subject is left out: "…, so: „…“, und
    fügt hinzu: „…“" (the speaker of the quote before is the one who adds)."""
    if not cand.cue or cand.cue[0].sent is None or cand.cue[0].i == 0:
        return False
    return cand.cue[0].sent.words[cand.cue[0].i - 1].upos == "CCONJ"


def continue_speakers(ctx: Context, kept: list[Candidate]) -> list[Candidate]:
    """Give speakerless quotes the speaker of the nearest attributed quote before them, and frameless ones whose
    speaker is a pronoun of their own sentence its name (sorts ``kept``)."""
    kept.sort(key=lambda c: c.start)
    last: Optional[Candidate] = None
    for cand in kept:
        if (cand.speaker is None or frameless_speakers.HOLDER_PRONOUN in cand.evidence
                or free_indirect.HEARSAY_SUBJECT in cand.evidence) and last is not None \
                and cand.type in (QuoteType.DIRECT, QuoteType.FREE_INDIRECT) \
                and (cand.rule not in OWN_FRAME_RULES or _coordinated_frame(cand)
                     or direct.REPORTED_FRAME in cand.evidence):
            gap = ctx.sentence_index(cand.start) - ctx.sentence_index(max(last.start, last.end - 1))
            if 0 <= gap <= CONTINUATION_SENTENCES:
                cand.speaker = last.speaker
                cand.evidence.append("continues-previous-speaker")
        if cand.speaker is None and cand.rule == "free_indirect.konjunktiv":
            k = ctx.sentence_index(cand.start)
            if ctx.sentences[k].words and ctx.sentences[k].words[0].start >= cand.start:
                cand.speaker = free_indirect.earlier_reporter(ctx, k)  # the sentence opens the quote
                if cand.speaker is not None:
                    cand.evidence.append("earlier-reporter")
        if cand.speaker is not None and RELATIVE_SOURCE not in cand.evidence:
            last = cand  # a source in a relative clause is inside someone's statement: theirs goes on
    return kept


def merge(ctx: Optional[Context], cands: list[Candidate]) -> list[Candidate]:  # ctx: the Step signature
    """Keep the most confident of overlapping candidates.

    A direct quote nested inside an indirect one is kept too (the corpus
    annotates both); otherwise content overlap means the same event.
    """
    kept: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (-c.confidence, c.start)):
        clash = False
        for other in kept:
            if not cand.overlaps(other):
                continue
            if _nested(cand, other) or _nested(other, cand):
                continue
            clash = True
            break
        if not clash:
            kept.append(cand)
    return kept


def _nested(inner: Candidate, outer: Candidate) -> bool:
    """Two events, one inside the other: a direct quote inside reported content,
    or one frame inside another's content ("Laut SPIEGEL hat der IWF
    angekündigt, keine Hilfe mehr zu leisten": laut and angekündigt frame two
    events, as the corpus annotates them)."""
    inside = outer.start <= inner.start and inner.end <= outer.end and inner.covered < outer.covered
    if not inside or outer.type == QuoteType.DIRECT:
        return False
    if inner.type == QuoteType.DIRECT:
        return True
    return bool(inner.cue and outer.cue and inner.cue_lemma != outer.cue_lemma and inner.frame and outer.frame)


def balance(text: str, span: Optional[Offsets]) -> Optional[Offsets]:
    """Widen a phrase so its brackets and quotation marks pair up:
    "Ministerin Gitta Trauernicht (SPD" -> "… (SPD)", "Ärzte ohne Grenzen“" -> "„Ärzte ohne Grenzen“"."""
    if span is None:
        return None
    s, e = span
    # whole words: the tokenizer splits "FDP-Finanzexperte" at the hyphen
    while s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-–"):
        s -= 1
    while e < len(text) and (text[e].isalnum() or (text[e] in "-–" and e + 1 < len(text) and text[e + 1].isalnum())):
        e += 1
    for opener, closer in BRACKETS.items():
        inner = text[s:e]
        if opener == closer:
            if inner.count(opener) % 2 and e < len(text) and text[e] == closer:
                e += 1
            continue
        if inner.count(opener) > inner.count(closer) and e < len(text) and text[e] == closer:
            e += 1
        elif inner.count(closer) > inner.count(opener) and s > 0 and text[s - 1] == opener:
            s -= 1
    return s, e


def snap_to_marks(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """Extend content spans that cut through a quotation to include all of it (character offsets: a
    quotation mark may stand inside a token)."""
    for cand in cands:
        pieces = []
        for piece, (s, e) in zip(cand.content, cand.spans):
            s0, e0 = s, e
            for m in ctx.marks:
                if m.depth == 0 and m.start < e < m.end and m.start >= s:
                    e = m.end
                if m.depth == 0 and m.start < s < m.end and m.end <= e:
                    s = m.start
            pieces.append(piece if (s, e) == (s0, e0) else (s, e))
        cand.content = pieces
    return cands


def _mark_mixed(ctx: Context, cand: Candidate) -> None:
    if cand.type != QuoteType.INDIRECT:
        return
    for s, e in cand.spans:
        marks = ctx.marks_in(s, e)
        if any(len(ctx.text[m.inner_start : m.inner_end].split()) >= 2 for m in marks):
            cand.type = QuoteType.MIXED
            cand.evidence.append("quotation-marks-in-content")
            return


STEPS: list[Step] = [
    Step("families", run_families),
    Step("snap_to_marks", snap_to_marks),
    Step("drop_impersonal_speakers", drop_impersonal_speakers),
    Step("gate", gate_tentative),
    Step("merge", merge),
    Step("free_indirect", extend_free_indirect),
    Step("gate_again", gate_tentative),
    Step("merge_again", merge),
    Step("nested_direct", nested_direct),
    Step("continue_speakers", continue_speakers),
    Step("complete_mentions", complete_mentions),
    Step("mark_mixed", mark_mixed),
    Step("sort_by_position", sort_by_position),
]
"""The engine's passes in order. Overlaps are merged before free indirect speech is looked for (it
extends the quotes that survive) and again after; nested quotes and continued speakers need the merged
set; speaker phrases are completed last, when every quote has its speaker."""


def locate(text: str, cand: Candidate) -> Located:
    """The candidate's words as character offsets, once: content pieces, cue words in the order the rule
    gave them, and the speaker widened so its brackets and quotation marks pair up (:func:`balance`)."""
    return Located(
        content=cand.spans,
        cue=[(w.start, w.end) for w in cand.cue],
        speaker=balance(text, words_span(cand.speaker)),
        addressee=words_span(cand.addressee),
        medium=words_span(cand.medium),
    )


def _span(text: str, off: Optional[Offsets]) -> Optional[Span]:
    if off is None or off[0] >= off[1]:
        return None
    return Span.of(text, off[0], off[1])


def _speaker(ctx: Context, mention: Optional[Span], link, by_id: dict[str, SpeakerEntity]) -> Optional[Speaker]:
    """The record's speaker: the mention and what resolution linked it to (``link``, or None), with the
    gender of its entity, or for a speaker who is no entity the mention's own; None without either."""
    if mention is None and not (link and link.name):
        return None
    entity = by_id.get(link.entity) if link and link.entity else None
    if entity is not None:
        gender, gender_evidence = entity.gender, list(entity.gender_evidence)
    elif mention is not None:
        gender, gender_evidence = mention_gender(ctx, mention.start, mention.end)
    else:
        gender, gender_evidence = Gender.UNKNOWN, []
    return Speaker(
        mention=mention,
        name=link.name if link else (mention.text if mention else None),
        descriptor=(link.descriptor or None) if link else None,
        entity=link.entity if link else None,
        gender=gender,
        gender_evidence=gender_evidence,
    )


def extract_from_parsed(doc: ParsedDoc, doc_id: str = "0", model: Optional[ModelInfo] = None,
                        learned: bool = True, gate: Optional[Gate] = None,
                        ranker: Optional[LinearModel] = None) -> DocumentResult:
    """Run the whole engine on a parsed document.

    With ``learned`` (the default) the packaged quote gate (:mod:`quotes.learn.gate`) decides which
    tentative candidates stay, and every record's ``confidence`` is the calibrated probability that it is
    right, from the packaged models of :mod:`quotes.learn` (where the package ships them); without, no
    tentative candidate stays and ``confidence`` is the rule family's priority: the rules alone.
    ``gate`` replaces the packaged gate (training passes cross-fitted ones), with or without ``learned``.
    With ``learned`` the packaged speaker ranker may override the rules' speakers where it is confident
    (:mod:`quotes.learn.speaker_choice`); ``ranker`` replaces it, with or without ``learned``.
    """
    ctx = Context(doc)
    ctx.gate = gate if gate is not None else (packaged_gate() if learned else None)
    cands = find_candidates(ctx) if doc.sentences else []
    text = doc.text
    located = [locate(text, c) for c in cands]
    ranker = ranker if ranker is not None else (packaged(RANKER) if learned else None)
    located = choose_speakers(ctx, cands, located, ranker)
    entities, links = resolve_speakers(ctx, located)
    label_genders(ctx, entities)  # gender and its evidence on every entity (quotes.gender)
    by_id = {e.id: e for e in entities}
    quotes: list[Quote] = []
    for n, (cand, loc, link) in enumerate(zip(cands, located, links)):
        qid = f"q{n + 1}"
        content = [s for s in (_span(text, c) for c in loc.content) if s is not None]
        if not content:
            continue
        speaker = _speaker(ctx, _span(text, loc.speaker), link, by_id)
        sents = sorted({ctx.sentence_index(s.start) for s in content} | {ctx.sentence_index(s.end - 1) for s in content})
        quotes.append(
            Quote(
                id=qid,
                type=cand.type,
                content=content,
                cue=[s for s in (_span(text, c) for c in loc.cue) if s is not None],
                cue_lemma=cand.cue_lemma,
                speaker=speaker,
                addressee=_span(text, loc.addressee),
                medium=_span(text, loc.medium),
                sentences=list(range(sents[0], sents[-1] + 1)),
                rule=cand.rule,
                confidence=round(cand.confidence, 3),
                evidence=cand.evidence,
            )
        )
        if link and link.entity in by_id:
            by_id[link.entity].quote_ids.append(qid)
    if learned:
        calibrated = confidences(ctx, quotes)
        for q, p in zip(quotes, calibrated or ()):
            q.confidence = round(p, 3)
    return DocumentResult(id=doc_id, text=text, quotes=quotes, speakers=entities, model=model)

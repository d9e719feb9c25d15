"""Indirect speech: a reporting verb with a content clause, in any order.

* frame first: "Müller sagte, er werde kommen." / "Nordkorea hatte gefordert,
  Pompeo auszuschließen." / "Peskow bestätigte, dass ein Treffen vorbereitet werde."
* frame after: "Die Lage sei ernst, betonte der Minister."
* frame inside: "Die Lage, sagte er, sei ernst."
* "In dem Bericht heißt es, …": the speaker is the place the words stand in.
* after a noun of saying: "… vertritt die Auffassung, die Welt befände sich …"
  (:mod:`quotes.rules.noun_frame`).

Who speaks in a frame before its content and to whom is read by :mod:`quotes.rules.frame_speakers`.

The content clause must look like reported content: introduced by dass/ob or
a w-word, holding a Konjunktiv form, a zu-infinitive (for verbs that take
one: "warf Pompeo vor, … zu behindern"), or, for verbs of saying, a plain
main clause. Verbs of thinking (glauben, hoffen) need dass or Konjunktiv.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import verb_value, words_with
from ..models import QuoteType
from . import frame_speakers
from .base import Candidate, Context, Piece, WordRange, in_text_order, word_range
from .quotemarks import OPENING_MARKS
from .clauses import (
    clause_around,
    content_evidence,
    content_words,
    cue_words,
    cut_coordinated_verb,
    is_passive,
    middle_field_follows,
    opens_subclause,
    segments,
    starts_new_clause,
    verb_list_item,
)
from .morph import (
    after_zu,
    clause_has_konjunktiv,
    finite,
    has_zu_infinitive,
    heissen,
    is_thinking,
    konjunktiv,
    participle_or_infinitive,
    speech_lemma,
)
from .noun_frame import noun_frames
from .phrases import surface_np
from .roles import place_prepositions, place_source, zitieren_roles
from .subjects import find_subject
from .vocab import (
    COMPARATIVES,
    COMPLEMENTIZERS,
    CORRELATES,
    DASS,
    FRONTED_OPENERS,
    NAME_PARTICLES,
    NEGATIONS,
    NOMINATIVE_RELATIVES,
    RELATIVE,
    SUBORDINATORS,
)

H_INITIALS = ("h", "H")
"""The first letters of "heißen" and its forms "heißt", "hieß" (before lower-casing): a word whose form and
lemma start with neither cannot be one, and the loop of :func:`find` skips it without lower-casing it."""

name = "indirect"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        segs = segments(sent)
        out.extend(c for c in (_before_colon_quotation(ctx, sent, n) for n in noun_frames(ctx, sent, segs)) if c)
        for verb in sent.words:
            if verb.upos not in ("VERB", "AUX", "ADJ"):  # no reporting verb or verb of thinking; "heißen"?
                if verb.text[:1] not in H_INITIALS and (verb.lemma or "")[:1] not in H_INITIALS:
                    continue  # neither form nor lemma starts with h: no lower-case copies made to tell
                if not heissen(verb):
                    continue  # (the tests below, without the calls)
            lemma = speech_lemma(verb)
            thinking = lemma is None and is_thinking(verb)
            if lemma is None and not thinking:
                if heissen(verb) and (any(c.low == "es" for c in verb.children) or _next_word(sent, verb, "es")):
                    lemma = "heißen"
                else:
                    continue
            if ctx.mark_covering(verb.start, verb.end):
                continue  # inside a direct quote
            needed = verb_value(lemma, "clause") if lemma else None
            if needed and not any(w.low == needed for w in clause_around(verb)):
                continue  # "nannte vier Bedingungen dafür, dass …": without "als" a naming verb frames no clause
            if after_zu(verb) and verb.upos == "VERB":
                continue  # "…, sofort die Polizei zu rufen": a zu-infinitive is content, not a frame
            if verb.feat("VerbForm") == "Part" and not any(c.deprel.startswith(("aux", "cop")) for c in verb.children) \
                    and verb.deprel not in ("root", "conj", "ccomp", "parataxis"):
                continue  # a participle as attribute or adverbial: "die so genannte …", "„BRD-Video“ genannt"
            cand = _frame_after_content(ctx, sent, segs, verb, lemma or verb.lem, thinking) or _frame_before_content(
                ctx, sent, segs, verb, lemma or verb.lem, thinking
            )
            if cand:
                cand = _before_colon_quotation(ctx, sent, cand)
            if cand:
                out.append(cand)
    return out


def _before_colon_quotation(ctx: Context, sent: Sentence, cand: Candidate) -> Optional[Candidate]:
    """Content that runs into "…: „…“" ends at the colon: the quotation is direct speech, which the
    direct rules attribute. What stays must still read as reported content ("…, dass das Team gestärkt
    sei: „Wir haben …“"); a lead-in ("sagte Jon Bon Jovi, Gründer der Band: „…“", "Schaaf war zufrieden:
    „Ein guter Start“, sagte er") is no content at all."""
    for n, (s, e) in enumerate(cand.spans):
        colon = next((w for w in sent.words if s <= w.start < e and w.text == ":" and w.i + 1 < len(sent.words)
                      and sent.words[w.i + 1].text in OPENING_MARKS), None)
        if colon is None:
            continue
        kept = content_words([w for w in sent.words if s <= w.start and w.end <= colon.start])
        if len(kept) < 3 or not (kept[0].low in COMPLEMENTIZERS or clause_has_konjunktiv(kept)):
            return None
        cand.content = cand.content[:n] + [word_range(kept)]
        return cand
    return cand


def _next_word(sent: Sentence, w: Word, low: str) -> bool:
    return w.id < len(sent.words) and sent.words[w.id].low == low


def _segment_index(segs: list[list[Word]], w: Word) -> int:
    """The index of the segment of ``segs`` (:func:`segments` of ``w``'s sentence) holding ``w``, -1 for a
    boundary. A segment is an unbroken run of the sentence's words, so its first and last ids say (no
    comparison of ``w`` with each word)."""
    wid = w.id
    for i, s in enumerate(segs):
        if s[0].id <= wid <= s[-1].id:
            return i
    return -1


def _negated(seg: list[Word]) -> bool:
    """"Ein Sprecher wollte nicht bestätigen, dass …": a denied report is no quote."""
    return any(w.low in NEGATIONS for w in seg)


def _hedge(seg: list[Word]) -> bool:
    """The writer's own hedge: "Man kann sagen, dass …", "Ich muss sagen, …"."""
    lows = [w.low for w in seg]
    return bool({"man", "ich"} & set(lows)) and bool({"kann", "könnte", "muss", "müsste", "darf"} & set(lows))


def _relative_clause(sent: Sentence, seg: list[Word], verb: Word) -> bool:
    """The frame is a relative clause: "…, die Schröder 1998 erklärt hatte, …"."""
    first = seg[0]
    if first is verb or first.low not in RELATIVE:
        return False
    if first.upos == "PRON":
        return True
    after_comma = first.i > 0 and sent.words[first.i - 1].text == ","
    nxt = sent.words[first.i + 1] if first.i + 1 < len(sent.words) else None
    return after_comma and nxt is not None and nxt.upos not in ("NOUN", "ADJ", "PROPN", "NUM")


def _subject_relative(seg: list[Word], verb: Word) -> bool:
    """The relative pronoun opening the frame is the reporting verb's subject, so the clause after it is that
    verb's content and the noun before the pronoun its speaker: "…, der sagte, dass …", "eine Resolution, die
    die Regierung auffordert, das Gesetz zurückzunehmen". "der"/"welcher" are nominative; "die"/"das" only
    where the parser makes the pronoun the verb's subject and no other subject stands in the clause (not
    "…, die Schröder 1998 erklärt hatte, …")."""
    first = seg[0]
    if first.upos != "PRON" or is_passive(verb) or first.deprel == "nsubj:pass" \
            or any(c.deprel == "aux:pass" for c in verb.children):
        return False  # "Der Bonus, der … erwogen wurde, gebe es nicht": the pronoun is what was considered
    if first.low not in NOMINATIVE_RELATIVES:
        return False
    if first.low in ("der", "welcher"):
        return True  # only nominative as a relative pronoun
    return [c for c in verb.children if c.deprel.startswith("nsubj")] == [first]


def _frame_before_content(ctx, sent, segs, verb, lemma, thinking) -> Optional[Candidate]:
    """"X sagte(,) [dass] ..." : content is the rest of the sentence after the frame."""
    si = _segment_index(segs, verb)
    if si < 0 or si + 1 >= len(segs):
        return None
    seg = segs[si]
    if any(w.id > verb.id and w.upos == "VERB" and speech_lemma(w) and not ctx.mark_covering(w.start, w.end)
           for w in seg):
        return None  # "sprachen von … und forderten … auf, …": the reporting verb nearest the content frames it
    so_frame = seg[0].low == "so" and len(seg) > 1 and seg[1].upos not in ("VERB", "AUX")
    relative = _relative_clause(sent, seg, verb)
    if seg[0].low == "wie" or so_frame or relative and not _subject_relative(seg, verb) or _negated(seg) or _hedge(seg):
        return None
    frame_si = _frame_end(segs, si)
    end_seg = _content_end(segs, frame_si)
    tail_correlates = [w for s in segs[si + 1 : frame_si + 1] for w in s if w.low in CORRELATES]
    si = frame_si
    rest = [w for s in segs[si + 1 : end_seg] for w in s]
    rest = cut_coordinated_verb(rest, verb)
    if rest and _opens_with_frame(ctx, rest):
        return None  # "bestätigte den Unfall, teilte jedoch mit, …": the next reporting verb frames the content
    evidence = content_evidence(rest, lemma, thinking)
    if evidence is None or relative and not evidence.startswith(("complementizer:dass", "konjunktiv", "zu-")):
        return None  # after a relative frame only a dass-clause, Konjunktiv or zu-infinitive: "…, die prüfen
        # will, ob …" is about the noun as often as it reports
    if evidence.startswith("w-clause") and seg[-1].upos in ("NOUN", "PROPN"):
        return None  # "berichtet von Gefängnissen, wo …": a relative clause on the noun
    first, last = rest[0], content_words(rest)[-1]
    # speaker: subject inside the frame (sentence start .. the frame segment)
    frame_words = [w for s in segs[: si + 1] for w in s]
    if seg[0].upos == "CCONJ" and seg[0].low not in COMPARATIVES and len(seg) > 2 and seg[0] is not verb:
        # "…, aber man deutete an, …": the frame is the coordinated clause; "als"/"wie", tagged as conjunctions
        # too, open a predicative phrase of the frame ("Als Begründung gaben die USA an, …")
        frame_words = seg[1:]
    elif si > 0 and opens_subclause(seg):
        frame_words = seg  # "…, von dem die Polizei glaubt, …": the speaker is inside the subordinate clause
    spk, medium = frame_speakers.speaker_before_content(sent, verb, lemma, frame_words, seg)
    if relative:
        spk = [seg[0]]  # the relative pronoun, as the corpus marks it; the entity links it to its noun
    cue = in_text_order(cue_words(verb) + tail_correlates, unique=True)
    if lemma == "heißen":
        clause = [w for w in frame_words if w.low == "es" and abs(w.id - verb.id) <= 4 and w.id <= seg[-1].id]
        es = sorted(clause, key=lambda w: abs(w.id - verb.id))[:1]  # "es heißt", "in denen es … heißt"
        cue = in_text_order(cue + es)
    return _verb_frame("indirect.frame_before", [WordRange(first, last)], verb, lemma, spk, medium, cue,
                       evidence, thinking, {w.id for w in rest})


def _opens_with_frame(ctx: Context, rest: list[Word]) -> bool:
    """The words after a frame open with a reporting verb of their own, finite and outside quotation marks
    ("…, teilte jedoch mit, …", "…, erklärte aber, …"), over a leading conjunction or adverb."""
    for w in rest[:3]:
        if w.upos in ("CCONJ", "ADV") or w.text in (",", "–"):
            continue
        return w.upos == "VERB" and speech_lemma(w) is not None and w.finite and not konjunktiv(w, strict=True) \
            and not ctx.mark_covering(w.start, w.end)
    return False


def _frame_end(segs: list[list[Word]], si: int) -> int:
    """The last segment of the frame that opens in segment ``si``: appositions of a subject after the
    verb belong to it ("rief X, eine in Rangun ansässige Gruppe, alle Mönche dazu auf, keine Almosen
    anzunehmen")."""
    j = si + 1
    while j + 1 < len(segs) and _frame_tail(segs[j]):
        j += 1
    if j > si + 1 and (_opens_content(segs[j]) or all(_name_only(segs[k]) for k in range(si + 1, j))
                       and clause_has_konjunktiv(segs[j]) is not None):
        return j - 1
    if j == si + 1 and j + 1 < len(segs) and _relative_on_frame_noun(segs[si], segs[j]) \
            and (segs[j + 1][0].low in DASS or clause_has_konjunktiv(segs[j + 1][:3]) is not None):
        return j  # "schrieb in einer Presseerklärung, die auf ihrer Homepage stand, sie wolle …"
    return si


def _relative_on_frame_noun(frame: list[Word], seg: list[Word]) -> bool:
    """``seg`` is an indicative relative clause on the noun that ends the frame segment ``frame`` (", die auf ihrer
    Homepage veröffentlicht wurde,"), not reported content of its own and no frame of its own."""
    words = content_words(seg)
    return bool(words) and frame[-1].upos in ("NOUN", "PROPN") and words[0].upos == "PRON" \
        and words[0].low in RELATIVE and clause_has_konjunktiv(words) is None \
        and not any(speech_lemma(w) for w in words)  # "zitiert zwei Gelehrte, die sagen, es sei …" frames itself


def _name_only(seg: list[Word]) -> bool:
    """A stretch between commas that is only a name: "…, erklärte der Direktor der IAEO, Mohammed el-Baradei,
    Nordkorea habe …" (an apposition of the subject, before a content clause in Konjunktiv)."""
    words = content_words(seg)
    return 0 < len(words) <= 5 and any(w.upos == "PROPN" for w in words) \
        and all(w.text[:1].isupper() or w.low in NAME_PARTICLES or w.text in ("-", "–") for w in words)


def _content_end(segs: list[list[Word]], frame_si: int) -> int:
    """The segment before which content after a frame ending in segment ``frame_si`` ends: a trailing
    frame of its own ("…, so X" / "…, sagte Y") or a new main clause; else ``len(segs)``."""
    for j in range(frame_si + 2, len(segs)):
        so_frame_j = segs[j][0].low == "so" and not (len(segs[j]) > 1 and segs[j][1].low in DASS)
        if _indicative_after_semicolon(segs[j]):
            return j
        if so_frame_j or starts_new_clause(segs[j]) or not opens_subclause(segs[j]) and any(
            speech_lemma(w) is not None and w.upos == "VERB" and not konjunktiv(w) and w.feat("VerbForm") != "Inf"
            and not after_zu(w)
            and w is not content_words(segs[j])[-1]  # verb-final: "…, sie aber nie erklärten, …" is subordinate
            for w in segs[j]
        ):
            return j
    return len(segs)


def _indicative_after_semicolon(seg: list[Word]) -> bool:
    """``seg`` follows a semicolon and is a main clause in the indicative: the narrator's own statement, not
    reported ("…, sich auch dort unsicher zu fühlen; vor allem Frauen machen im Dunkeln …")."""
    first = seg[0]
    sent = first.sent
    before = sent.words[first.i - 1] if sent is not None and first.i > 0 else None
    if before is None or before.text != ";" or opens_subclause(seg):
        return False
    return clause_has_konjunktiv(seg) is None and any(finite(w, marked=True) for w in seg)


def _frame_after_content(ctx, sent, segs, verb, lemma, thinking) -> Optional[Candidate]:
    """"Die Lage sei ernst, betonte der Minister." and the interposed variant."""
    si = _segment_index(segs, verb)
    if si <= 0:
        return None
    lead = segs[si][: segs[si].index(verb)]
    inverted = bool(lead) and lead[0].upos == "AUX" and lead[0].finite \
        and (participle_or_infinitive(verb) or verb.feat("VerbForm") is None and verb.low.startswith("ge")) \
        and not any(speech_lemma(w) for w in lead) \
        and not (segs[0][0].upos == "SCONJ" or segs[0][0].low in SUBORDINATORS)
    # "…, das sagte der Minister": the demonstrative takes up the content as the object, the subject follows the verb
    resumed = len(lead) == 1 and lead[0].low in ("das", "dies")
    if len(lead) == 1 and lead[0].low == "so" and lemma == "heißen":
        lead = []  # "…, so heißt es in einer Erklärung": the correlative "so" before "heißt es" (source.so reads
        # "so" before a subject or a verb of saying, not this impersonal frame)
    if lead and not resumed and not inverted:
        return None  # the verb opens its clause ("…, betonte X"), follows "das" or its auxiliary ("…, hatte X gesagt")
    if not lead and any(c.deprel.startswith("aux") and c.id < segs[si][0].id for c in verb.children):
        return None  # the participle closes the clause before the comma: "Das Ministerium hat Meldungen der Zeitung
        # vom 2. Dezember, dem Tag der Wahl, zurückgewiesen" (its auxiliary stands before the comma)
    if not lead and verb_list_item(segs, si):
        return None  # a verb of a list, no frame: "…, wurden … verhaftet, verurteilt oder angeklagt"
    before = [w for s in segs[:si] for w in s]
    if not any(w.finite for w in before):
        return None  # commas of an apposition: "Kwon Jong Gun, warf … vor"
    if not any(w.finite for s in segs[:si] if not opens_subclause(s) for w in s):
        return None  # no main clause before the verb, only a fronted phrase and clauses on it: "Auf die Frage, ob
        # er zurücktrete, antwortete Müller" (the verb is the main clause's, after its prefield)
    if before and ctx.mark_covering(before[0].start, before[-1].end):
        return None  # a direct quote: the direct rule handles it
    opener = content_words(before)[0] if content_words(before) else None
    if opener is None:
        return None
    if opener.upos == "SCONJ" or opener.low in FRONTED_OPENERS:
        # a fronted subordinate clause is content only with a main clause after it, verb first:
        # "Als Kämpfer die Stadt einnahmen, töteten sie …, teilten die UN mit"; not "Ob TANS … kann, …"
        main = next((k for k in range(1, si) if any(w.finite for w in segs[k][:1])), None)
        if main is None:
            return None
        evidence = content_evidence([w for seg in segs[main:si] for w in seg], lemma, thinking, after_frame=True)
    else:
        evidence = content_evidence(before, lemma, thinking, after_frame=True)
    if evidence is None:
        return None
    spans: list[Piece] = [word_range(content_words(before))]
    seg = segs[si]
    # interposed frame: "Die Lage, sagte er, sei ernst."
    if si + 1 < len(segs):
        after = [w for s in segs[si + 1 :] for w in s]
        aw = content_words(after)
        if aw and aw[0].low not in RELATIVE and aw[0].low not in SUBORDINATORS \
                and (clause_has_konjunktiv(aw) or middle_field_follows(segs[:si], segs[si + 1])):
            spans.append(word_range(aw))
    spk = find_subject(sent, verb, verb.id + 1 if resumed else seg[0].id, seg[-1].id, after_verb=resumed)
    if spk is None and place_prepositions(lemma):
        spk = place_source(verb)
    if spk is None and len(seg) > 1 and not resumed:
        spk = surface_np(sent, seg[1].id, seg[-1].id) or None
    if spk is None and evidence == "main-clause" and si + 1 < len(segs):
        return None  # a coordinated verb phrase with content of its own after it, no post-posed frame: "Die UN
        # bestätigten den Zwischenfall, teilten jedoch mit, es sei unklar, …"
    cue = [c for c in cue_words(verb) if c in seg]
    if lemma == "heißen":
        cue = in_text_order(cue + [c for c in seg if c.low == "es" and abs(c.id - verb.id) == 1])
    medium = None
    if lemma == "zitieren":
        spk, med = zitieren_roles(verb, spk, (seg[0].id, seg[-1].id))
        medium = med or None
    return _verb_frame("indirect.frame_after", spans, verb, lemma, spk, medium, cue, evidence, thinking,
                       {w.id for w in before})


def _opens_content(seg: list[Word]) -> bool:
    """A dass/ob clause or a bare zu-infinitive: reported content, not more of the frame."""
    return seg[0].low in COMPLEMENTIZERS or has_zu_infinitive(seg) and not any(w.finite for w in seg)


def _frame_tail(seg: list[Word]) -> bool:
    """A stretch between commas that continues the frame: an apposition of the subject with the
    verb's particle or correlate ("der Leiter der Wartung, dazu"), no clause of its own."""
    first = seg[0]
    if first.low in SUBORDINATORS or first.upos == "SCONJ" or first.low in RELATIVE and first.upos == "PRON":
        return False
    if all(w.low in CORRELATES or w.low in words_with("separable_particles", "detached") or w.upos in ("ADV", "CCONJ") for w in seg):
        return True  # "…, davon aus, dass …", "…, aber auch, dass …", "…, Andreas Huber, bekannt, dass …" (a
        # particle the parser tagged as a finite verb)
    if any(w.finite for w in seg) or clause_has_konjunktiv(seg) or has_zu_infinitive(seg):
        return False
    return len(seg) <= 14 and any(w.upos in ("NOUN", "PROPN") for w in seg)


def _verb_frame(rule, spans, verb, lemma, spk, medium, cue, evidence, thinking, content_ids) -> Candidate:
    """The candidate of a reporting-verb frame; confidence from the kind of evidence."""
    conf = 0.8 if evidence.startswith(("complementizer", "konjunktiv", "zu-")) else 0.6
    if thinking:
        conf -= 0.25
    return Candidate(
        type=QuoteType.INDIRECT,
        content=spans,
        rule=rule,
        medium=medium,
        confidence=conf,
        cue=cue,
        cue_lemma=lemma,
        speaker=spk or None,
        addressee=frame_speakers.addressee(verb, lemma, content_ids | ({w.id for w in spk} if spk else set())),
        evidence=[evidence],
        frame=True,
    )

"""Free indirect speech: Konjunktiv sentences without a frame of their own.

1. Continuations: a run of consecutive sentences after an attributed quote,
   each holding a Konjunktiv form (sei, habe, werde, könne, wäre …) outside
   quotation marks and no reporting verb, becomes one free_indirect quote
   with the same speaker ("Kwon sagte, … . Es sei wünschenswert, …").
2. Unanchored: a sentence whose own words hold a Konjunktiv I form (sei,
   habe, gehe — never the conditional wäre/hätte/würde alone) reports
   speech even where no frame was found; its speaker is taken from the
   subject of the sentence before ("Die Regierung warnt vor Überschwemmungen.
   Die Dämme befänden sich …") where that subject can speak (a name, a role,
   a personal pronoun); else the engine continues the speaker of the quote
   before it. Following Konjunktiv sentences join it.
3. Hearsay: "sollen" with a past infinitive ("Der Täter soll … geflohen sein",
   "… sollen verletzt worden sein") reports what others say and starts a run
   like a Konjunktiv I sentence does.

A run stops at the first sentence without Konjunktiv or one that another
rule claimed.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..models import QuoteType
from .base import RELATIVE_SOURCE, Candidate, Context, WordRange, word_range
from .clauses import content_words, opens_subclause, relative_clause_end, segments
from .phrases import phrase_head
from .morph import (after_zu, clause_has_konjunktiv, is_speaking_noun, konjunktiv, singular_form, speech_lemma,
                    tagged_finite)
from .vocab import ADVERBIAL_OPENERS, CONDITIONAL_OPENERS, DASS, POINTERS
from .speaking import can_speak
from .source_phrase import is_source_noun
from .subjects import find_subject

name = "free_indirect"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


MAX_RUN = 6
"""At most this many sentences continue one quote."""



def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    claimed: set[int] = set()
    for c in found:
        if c.type == QuoteType.DIRECT and (c.frameless or c.nested):
            continue  # a quotation without a frame in the sentence leaves its Konjunktiv free: "Sie könne sich
            # vorstellen, „dass …“" (words inside quotation marks never count as Konjunktiv evidence)
        if c.type == QuoteType.REPORTED and _reports(ctx, ctx.sentences[ctx.sentence_index(c.start)], strict=True,
                                                      main_only=True, frames=False):
            continue  # a speech act in Konjunktiv I is reported within reported speech: "Die Spuren würden auf …
            # hinweisen", "Er gebe die Kontakte zu"; a run of free indirect speech goes on over it
        if reported_frame(c):
            continue  # so does a frame in Konjunktiv I: "Außerdem habe die Überprüfung ergeben, dass …"
        for s, e in c.spans:
            claimed.update(range(ctx.sentence_index(s), ctx.sentence_index(max(s, e - 1)) + 1))
    out: list[Candidate] = []
    for anchor in sorted(found, key=lambda c: c.end):
        if RELATIVE_SOURCE in anchor.evidence:
            continue  # "…, denen zufolge …": the sentence's own speaker goes on, not the relative clause's source
        k = ctx.sentence_index(max(anchor.start, anchor.end - 1)) + 1
        run = _run(ctx, k, claimed, strict=False)
        if run:
            claimed.update(run)
            out.append(_candidate(ctx, run, _continued_speaker(ctx, anchor, found), max(0.3, anchor.confidence - 0.2),
                                  "free_indirect.continuation"))
    for k in range(len(ctx.sentences)):
        if k in claimed:
            continue
        start = _reports(ctx, ctx.sentences[k], strict=True)
        hearsay = start is None and _hearsay(ctx, ctx.sentences[k], perfect=True, past_only=True)
        if hearsay:
            start = content_words(ctx.sentences[k].words)[0]
        if start is None:
            out.extend(_tentative(ctx, k))
            continue
        back = _back(ctx, k, claimed) if start is content_words(ctx.sentences[k].words)[0] else []
        if back:
            k, start = back[0], content_words(ctx.sentences[back[0]].words)[0]
        run = back + [k] if back else [k]
        run = sorted(set(run + list(range(run[0], run[-1] + 1))))
        run += _run(ctx, run[-1] + 1, claimed | set(run), strict=False)
        claimed.update(run)
        sent = ctx.sentences[k]
        if start.id <= content_words(sent.words)[0].id:
            spk = _previous_subject(ctx, k)
        else:  # the indicative main clause before it holds the speaker
            spk = _subject_before(sent, start)
        if spk and not can_speak(spk) and not _document_reports(ctx, k, spk):
            spk = None  # "Die Einstufung einer Band …", "Sirenen": the engine continues an earlier speaker instead
        if hearsay and spk and not _reporting_body(spk):
            spk = None  # the subject before a "soll … haben" report is what it is about, seldom its source
        cand = _candidate(ctx, run, spk or None, 0.45, "free_indirect.konjunktiv")
        if hearsay and spk:
            # a body that reports ("Die Polizei sucht Zeugen. Der Täter soll …") still yields to the speaker of a
            # quote just before (quotes.engine.continue_speakers)
            cand.evidence.append(HEARSAY_SUBJECT)
        last = ctx.sentences[run[-1]].words[-1]
        if start is not content_words(sent.words)[0] and len(run) == 1:
            last = content_words(sent.words)[-1]  # a clause inside the sentence: no closing period
        cand.content = [WordRange(start, last)]
        out.append(cand)
    out.extend(_before_semicolon(ctx, found + out))
    return out


def _continued_speaker(ctx: Context, anchor: Candidate, found: list[Candidate]) -> Optional[list[Word]]:
    """The speaker a run after ``anchor`` continues: the anchor's, unless that is a pointing adverb ("Demnach
    haben Jagdflugzeuge … angepeilt. Üblicherweise sei dies …"), which stands for the source of the sentence
    before: then the speaker of a quote ending there ("laut dem Nachrichtenmagazin Focus"), if any."""
    spk = anchor.speaker
    if not spk or len(spk) != 1 or spk[0].low not in POINTERS:
        return spk
    k = ctx.sentence_index(anchor.start)
    before = [c for c in found if c is not anchor and c.speaker and c.end <= anchor.start
              and ctx.sentence_index(max(c.start, c.end - 1)) == k - 1
              and not (len(c.speaker) == 1 and c.speaker[0].low in POINTERS)]
    return max(before, key=lambda c: c.end).speaker if before else spk


def reported_frame(c: Candidate) -> bool:
    """The frame of an indirect quote is itself in Konjunktiv I, its finite verb or auxiliary: "Außerdem habe die
    Überprüfung ergeben, dass …", "…, von denen man glaube, dass …", "Es gebe Hinweise, dass …" (reported within
    reported speech)."""
    if c.type != QuoteType.INDIRECT or not c.frame:
        return False
    verbs = [w for w in c.cue if w.upos in ("VERB", "AUX") and w.finite]
    if not verbs or any(x.low in ("ich", "wir") for w in c.cue for x in w.children):
        return False  # "Wenn ich … erkläre": the first person's indicative has the same form
    return konjunktiv(verbs[0], strict=True) and singular_form(verbs[0])


HEARSAY_SUBJECT = "hearsay-subject"
"""Evidence of a hearsay record whose speaker is the subject of the sentence before, a body that reports: the engine
replaces it by the speaker of an attributed quote just before, as a lone pronoun holder. Other subjects before a
hearsay sentence (persons, pronouns, things) are what it is about and give no speaker (news-quotes-de: speaker F1
+0.06 on train, +0.14 on dev against taking every subject before)."""


def _document_reports(ctx: Context, k: int, spk: list[Word]) -> bool:
    """``spk``, the subject of the sentence before sentence ``k``, is a document that the root verb of that sentence
    makes report ("Der Untersuchungsbericht schildert nun die Fehlerkette. Techniker hätten …"): a source noun
    (``source_nouns``: Bericht, Studie, Erklärung …) can speak where a verb of saying says so."""
    head = phrase_head(spk) or spk[-1]
    root = ctx.sentences[k - 1].root if k > 0 else None
    return head.upos == "NOUN" and is_source_noun(head) and root is not None and root.upos == "VERB" \
        and speech_lemma(root) is not None


def _reporting_body(spk: list[Word]) -> bool:
    """The phrase is headed by a group or institution that reports ("Die Polizei", "die Staatsanwaltschaft"), not
    a person, pronoun or thing."""
    head = phrase_head(spk) or spk[-1]
    return head.upos == "NOUN" and is_speaking_noun(head.text)


TENTATIVE_PRIORITY = 0.35
"""A tentative sentence yields to every firm candidate it overlaps (:func:`quotes.engine.merge`)."""


def _tentative(ctx: Context, k: int) -> list[Candidate]:
    """Sentence ``k`` as a tentative free indirect quote where only weaker evidence makes it reported:
    hearsay "sollen" without a past infinitive ("Das Fairphone soll ab September geliefert werden": as often
    a plan as a report), or a Konjunktiv that is only conditional (wäre, hätte, würde) or follows a
    conditional opener. It claims no sentence and starts no run, so dropping it changes nothing else."""
    sent = ctx.sentences[k]
    words = content_words(sent.words)
    if not words:
        return []
    if _hearsay(ctx, sent, perfect=True):
        reason = "hearsay:perfect"
    elif _hearsay(ctx, sent, perfect=False):
        reason = "hearsay:present"
    elif _reports(ctx, sent, strict=False, main_only=True) is not None:
        reason = "konjunktiv:conditional"
    else:
        return []
    rule = "free_indirect.hearsay" if reason.startswith("hearsay") else "free_indirect.konjunktiv"
    cand = _candidate(ctx, [k], _previous_subject(ctx, k), TENTATIVE_PRIORITY, rule)
    if cand.speaker and not can_speak(cand.speaker):
        cand.speaker = None
    cand.content = [WordRange(words[0], sent.words[-1])]
    cand.evidence = [reason.split(":")[0]]
    cand.tentative = (reason,)
    return [cand]


def _before_semicolon(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """"Die Tat sei gegen den Rektor gerichtet; nach Behördenangaben stecke …": where another quote takes
    the clause after a semicolon, the Konjunktiv I clause before it reports on its own."""
    out = []
    text = ctx.text
    for sent in ctx.sentences:
        if ";" not in text[sent.start : sent.end]:
            continue  # (most sentences: no word to look at)
        semis = [w for w in sent.words if w.text == ";"]
        if len(semis) != 1:
            continue
        head = content_words([w for w in sent.words if w.id < semis[0].id])
        if len(head) < 4 or any(c.start < head[-1].end and head[0].start < c.end for c in found):
            continue  # the clause before the semicolon is another quote's already
        if not any(c.start >= semis[0].end and c.start < sent.words[-1].end for c in found):
            continue  # only where a quote takes the rest: else the whole sentence is one
        words = ctx.unquoted(head)
        if any(_own_frame(w) for w in words) or clause_has_konjunktiv(words, strict=True) is None:
            continue
        out.append(Candidate(type=QuoteType.FREE_INDIRECT, content=[word_range(head)],
                             rule="free_indirect.konjunktiv", confidence=0.45, evidence=["konjunktiv"]))
    return out


def _reports(ctx: Context, sent: Sentence, strict: bool, main_only: bool = False, frames: bool = True) -> Optional[Word]:
    """The first word of the reported part of ``sent``, if a Konjunktiv makes it reported speech.

    That is the sentence start where the main clause holds the Konjunktiv; where
    an indicative main clause comes first ("Journalisten beschweren sich …, nur
    die Reporter … seien zugelassen") it is the start of the clause with the
    Konjunktiv, unless ``main_only``.
    """
    words = ctx.free_content(sent)
    verb = ctx.per_sentence(_first_konjunktiv, sent)[strict]  # first: the cheapest test that fails most sentences
    if verb is None or frames and any(_own_frame(w) for w in words):
        return None
    if len(words) < 3 and not (len(words) == 2 and words[1] is verb and len(sent.words) > 6):
        return None  # too short to tell, unless a quotation carries the rest: "Deshalb müsse „die Politik …“"
    if strict and words[0].low in CONDITIONAL_OPENERS:
        return None
    segs = segments(sent)
    k = next((i for i, seg in enumerate(segs) if verb in seg), 0)
    nxt = segs[k + 1][0] if k + 1 < len(segs) else None
    if verb is content_words(segs[k])[-1] and nxt is not None and nxt.finite \
            and not konjunktiv(nxt):
        return None  # the Konjunktiv closes a fronted subordinate clause, the main clause after it is indicative:
        # "In dem Moment, als die Maschine aufsetze, brach das Fahrwerk zusammen"
    # indicative verbs before it count only in main clauses: "Da ihre Mandantin Angst hatte, habe Celebi …",
    # "Beim letzten Hochwasser, dessen Ausmaße geringer waren, seien …" report from the sentence start
    before = [w for seg in segs[:k] if not _subordinate(seg) for w in seg]
    if not any(w.finite and not konjunktiv(w)
               for w in before):
        return words[0]
    if main_only or opens_subclause(segs[k]) and segs[k][0].low not in DASS:
        return None
    return segs[k][0]




def _first_konjunktiv(ctx: Context, sent: Sentence) -> tuple[Optional[Word], Optional[Word]]:
    """The first Konjunktiv form of the sentence's own words (:meth:`Context.free_content`) and the first
    Konjunktiv I form (``strict``), as :func:`quotes.rules.morph.clause_has_konjunktiv` finds them; the
    second search starts at the first form, for every Konjunktiv I form is a Konjunktiv form. Asked once per sentence (:meth:`Context.per_sentence`):
    :func:`_reports` asks each sentence up to three times, strictly or not."""
    words = ctx.free_content(sent)
    first = clause_has_konjunktiv(words)
    if first is None:
        return None, None
    at = next(i for i, w in enumerate(words) if w is first)
    return first, clause_has_konjunktiv(words[at:], strict=True)  # none before the first Konjunktiv form


def _subordinate(seg: list[Word]) -> bool:
    """A fronted or embedded subordinate or relative clause: "Da ihre Mandantin Angst hatte", ", dessen …"."""
    return bool(seg) and (opens_subclause(seg) or seg[0].low in ADVERBIAL_OPENERS
                          or seg[0].low in ("dessen", "deren"))


HEARSAY_MODALS = {"soll", "sollen"}


def _hearsay(ctx: Context, sent: Sentence, perfect: bool = True, past_only: bool = False) -> bool:
    """"Der Täter soll … geflohen sein": sollen as the finite verb of the main clause.

    With ``perfect`` the clause must end in a perfect or passive infinitive
    (haben, sein, werden, worden), which makes "sollen" hearsay rather than
    obligation; with ``past_only`` in a past infinitive (haben, sein). Runs of
    reported speech continue over plain "soll" sentences; only the past
    infinitive starts one (measured on news-quotes-de train: "soll … gebaut
    werden" is as often a plan as a report, "soll … geflohen sein" is hearsay).
    """
    last_verb = ctx.per_sentence(_hearsay_verb, sent)  # found once: a sentence is asked up to three times
    if last_verb is None or perfect and last_verb.low not in ("haben", "sein", "werden", "worden"):
        return False
    if past_only and last_verb.low not in ("haben", "sein"):
        return False
    return True


def _hearsay_verb(ctx: Context, sent: Sentence) -> Optional[Word]:
    """The last verb of the main clause of ``sent`` where its finite verb is "sollen" (:func:`_hearsay`),
    else None."""
    words = ctx.free_content(sent)
    if len(words) < 4 or words[0].low in CONDITIONAL_OPENERS or words[0].upos == "SCONJ":
        return None
    # the finite verb of the main clause (verb second) must be the modal; the clause ends at the
    # first comma after it (", um ihr … zu schießen" is not part of the infinitive)
    modal = None
    k = 0
    while k < len(words):
        w = words[k]
        if w.text == ",":
            # past a relative clause on a fronted phrase ("Bei einem Schusswechsel, der dann stattfand, soll …");
            # any other comma ends the prefield
            close = relative_clause_end(words, k)
            if close is None:
                return None
            k = close + 1
            continue
        if w.low in HEARSAY_MODALS:
            modal = w
            break
        if tagged_finite(w):
            return None
        k += 1
    if modal is None:
        return None
    clause = []
    for w in words[words.index(modal):]:
        if w.text in (",", ";", ":"):
            break
        clause.append(w)
    return next((w for w in reversed(clause) if w.upos in ("VERB", "AUX")), None)


def _own_frame(w: Word) -> bool:
    """A reporting verb heading a clause of the sentence (not "… zu begründen")."""
    if w.upos != "VERB" or speech_lemma(w) is None:
        return False
    if w.feat("VerbForm") == "Inf" or after_zu(w):
        return False
    if konjunktiv(w, strict=True) or any(konjunktiv(a, strict=True) for a in w.children if a.deprel.startswith("aux")):
        return False  # a speech act in Konjunktiv I is itself reported: "Zuletzt habe er um Schutz gebeten"
    return True


def _continues(ctx: Context, sent: Sentence, strict: bool) -> bool:
    """The sentence goes on reporting: a Konjunktiv in its main clause, or hearsay "soll"."""
    return _reports(ctx, sent, strict, main_only=True) is not None or _hearsay(ctx, sent, perfect=False)


def _run(ctx: Context, k: int, claimed: set[int], strict: bool) -> list[int]:
    """Consecutive reporting sentences from ``k`` on."""
    run: list[int] = []
    while k < len(ctx.sentences) and len(run) < MAX_RUN and k not in claimed:
        if not _continues(ctx, ctx.sentences[k], strict):
            break
        run.append(k)
        k += 1
    return run


def _back(ctx: Context, k: int, claimed: set[int]) -> list[int]:
    """Reporting sentences right before ``k`` that belong to the same run
    ("Techniker hätten … gestellt. Dadurch sei … ausgelöst worden.")."""
    run: list[int] = []
    j = k - 1
    while j >= 0 and len(run) < MAX_RUN - 1 and j not in claimed and _continues(ctx, ctx.sentences[j], False):
        run.insert(0, j)
        j -= 1
    return run


def _previous_subject(ctx: Context, k: int) -> Optional[list[Word]]:
    """The personal subject of the sentence before sentence ``k`` (of its root verb, else of its first
    finite verb): "Die Regierung warnt vor Überschwemmungen. Die Dämme befänden sich …"."""
    if k == 0:
        return None
    prev = ctx.sentences[k - 1]
    root = prev.root
    if root is None:
        return None
    verb = root if root.upos in ("VERB", "AUX") else next(
        (w for w in prev.words if tagged_finite(w)), None)
    if verb is None:
        return None
    return find_subject(prev, verb, personal=True)


REPORTER_LOOKBACK = 5
"""How many sentences before a free indirect sentence :func:`_earlier_reporter` searches."""


def earlier_reporter(ctx: Context, k: int) -> Optional[list[Word]]:
    """The subject, where it can speak, of the nearest of the :data:`REPORTER_LOOKBACK` sentences before sentence
    ``k`` whose main verb reports speech: "Der Deutsche Wetterdienst warnte vor Sturm. Oberhalb von 800 Metern …
    . Da Deutschland am Rand eines Tiefs liege, werde …". The engine asks for it where a free indirect
    sentence found no speaker of its own and continued none (:func:`quotes.engine.continue_speakers`)."""
    for j in range(k - 1, max(-1, k - 1 - REPORTER_LOOKBACK), -1):
        sent = ctx.sentences[j]
        root = sent.root
        if root is None or root.upos not in ("VERB", "AUX") or not speech_lemma(root):
            continue
        spk = find_subject(sent, root, personal=True)
        return spk if spk and can_speak(spk) else None
    return None


def _subject_before(sent: Sentence, start: Word) -> Optional[list[Word]]:
    """The personal subject of the indicative main clause before ``start``, where the reported clause
    starts: "Journalisten beschweren sich …, nur die Reporter … seien zugelassen"."""
    verb = next((w for w in sent.words[: start.i] if w.finite), None)
    if verb is None:
        return None
    return find_subject(sent, verb, hi=start.id - 1, personal=True)


def _candidate(ctx: Context, sentences: list[int], speaker: Optional[list[Word]], conf: float, rule: str
               ) -> Candidate:
    first, last = ctx.sentences[sentences[0]], ctx.sentences[sentences[-1]]
    return Candidate(
        type=QuoteType.FREE_INDIRECT,
        content=[WordRange(first.words[0], last.words[-1])],
        rule=rule,
        confidence=conf,
        speaker=speaker,
        evidence=["konjunktiv"],
    )

"""Direct quotes: words in quotation marks, with their frame.

* frame after: „…“, sagte Müller. / „…“, so Müller. / „…“, zitierten staatliche Medien Kwon.
* frame before: Müller sagte: „…“
* interposed: „Wir haben“, sagte er, „nichts zu verbergen.“ (one quote, two content spans)
* frameless: a quote that fills its own sentence(s) continues the speaker of
  the quote just before it; one after a main clause without a reporting verb
  belongs to that clause's subject ("Gusmão machte den Flüchtlingen Hoffnung, dass „…“")
  (:mod:`quotes.rules.frameless_speakers` reads both).

Quoted titles, names and scare quotes („Zeitenwende“, the ship „Morning
Star“) are not quotes (:mod:`quotes.rules.quoted_names` tells them): a quote
needs a frame, or must read as speech (a clause of several words, or sentence
punctuation inside).
"""

from __future__ import annotations

from typing import Callable, Optional

from ..doc import Sentence, Word
from ..lexicon import load_words, verbs_with
from ..models import QuoteType
from . import frameless_speakers
from .base import Candidate, Context, is_punct
from .clauses import cue_words
from .morph import (finite, is_speech_noun, is_thinking, konjunktiv, singular_form, speech_lemma,
                    speech_lemma_of_form, tagged_finite)
from .phrases import surface_np
from .roles import frame_roles, place_lemma, place_prepositions, place_source
from .speaking import can_speak, personal_only, untagged_name
from .subjects import find_subject
from .quotemarks import QuoteMark
from .quoted_names import looks_like_name, named_by_context, quoted_name
from .source_phrase import QUOTED_NAME_WORDS
from .vocab import REFERRING_ADJECTIVES

name = "direct"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


MIN_FRAMELESS_WORDS = 7
"""A quote without frame must have this many words (or fill its sentence and end in . ! ?) to count.
In the news-quotes-de train split 95% of quotations of 7+ words are direct speech."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    marks = [m for m in ctx.marks if m.depth == 0]
    used: set[int] = set()
    for i, mark in enumerate(marks):
        if i in used:
            continue
        inner = ctx.text[mark.inner_start : mark.inner_end]
        n_words = len(inner.split())
        if n_words == 0:
            continue
        cand = _frame_after(ctx, mark)
        if cand and i + 1 < len(marks) and cand.content and _interposed(ctx, mark, marks[i + 1], cand):
            cand.content.append((marks[i + 1].start, marks[i + 1].end))
            cand.rule = "direct.interposed"
            used.add(i + 1)
        if cand is None:
            cand = _frame_before(ctx, mark)
        if cand is None and not quoted_name(ctx, mark) and not named_by_context(ctx, mark, framed=True):
            cand = _frame_in_sentence(ctx, mark, n_words)
        if cand is None:
            if not (n_words >= MIN_FRAMELESS_WORDS or (_reads_as_speech(inner, n_words) and _stands_alone(ctx, mark))):
                continue
            if looks_like_name(inner):
                continue  # a title: „VII Championnat du Monde de Tir de Précision“
            # the engine gives it the speaker of the quote before it, if any
            cand = Candidate(QuoteType.DIRECT, [(mark.start, mark.end)], "direct.frameless", 0.55,
                             evidence=["quotation-marks"], frameless=True)
            if not frameless_speakers.with_the_words(ctx, mark, cand):
                frameless_speakers.frame_in_previous_sentence(ctx, mark, cand)
            if cand.speaker is None:
                frameless_speakers.holder_in_own_sentence(ctx, mark, cand)
        elif n_words < 2 and not cand.cue:
            continue
        out.append(cand)
    return out


def _frame_in_sentence(ctx: Context, mark: QuoteMark, n_words: int) -> Optional[Candidate]:
    """A quotation embedded in a clause with a reporting verb:
    "Die Organisation verlangte eine Untersuchung der „schockierenden Szenen“."."""
    sent = ctx.sentence_at(mark.start)
    if ctx.sentence_index(max(mark.start, mark.end - 1)) != sent.index:
        return None
    verbs = _verbs_outside(ctx, sent, mark, lambda w: bool(speech_lemma(w)))
    if not verbs:
        return _opinion_frame(ctx, sent, mark, n_words)
    verb = _nearest(verbs, mark)
    if n_words < 2:
        # one quoted word is speech only where a naming verb or "als"/"von" ties it to the verb:
        # "bezeichnete das Schreiben als „Unsensibilität“", "sprach von „Wortbruch“"
        naming = [w for w in verbs if speech_lemma(w) in verbs_with("naming")]
        before = ctx.text[max(sent.start, mark.start - 12) : mark.start].split()
        tied = bool(before) and before[-1].lower() in ("als", "von")
        if naming:
            verb = _nearest(naming, mark)
        elif not tied:
            return None
    lemma = speech_lemma(verb)
    region = (sent.words[0].id, sent.words[-1].id)
    if verb.start >= mark.end and all(is_punct(w) for w in sent.words if w.end <= mark.start):
        # the quotation opens the sentence: it is no prefield that could hold the subject
        # („Guten Tag“, mit diesen Worten meldete er sich zurück)
        after = [w for w in sent.words if w.start >= mark.end]
        region = (after[0].id, after[-1].id)
    spk, medium = frame_roles(sent, verb, lemma, region)
    if spk and any(mark.start <= w.start < mark.end for w in spk):
        spk = None
    return _cand(mark, "direct.in_clause", cue_words(verb), lemma, spk, medium, 0.65)


def _verbs_outside(ctx: Context, sent: Sentence, mark: QuoteMark, test: Callable[[Word], bool]) -> list[Word]:
    """The verbs (upos VERB) of ``sent`` that pass ``test``, outside the quotation at ``mark`` and outside any other
    quotation marks: the candidates for its frame."""
    return [w for w in sent.words if w.upos == "VERB" and (w.end <= mark.start or w.start >= mark.end)
            and test(w) and not ctx.mark_covering(w.start, w.end)]


def _nearest(verbs: list[Word], mark: QuoteMark) -> Word:
    """The verb nearest to the quotation at ``mark``, before or after it."""
    return min(verbs, key=lambda w: min(abs(w.start - mark.end), abs(mark.start - w.end)))


OPINION_VERBS = frozenset({"sehen", "werten", "attackieren"})
"""Verbs of judging that quote the judgement they make, beside the verbs of thinking (``thinking_verbs``, but
"halten … für", whose fronted object the compact parser takes for the subject): "Osterloh sieht einen „Angriff
gegen die Belegschaft“", "Rumsfeld attackierte den Iran als den „führenden Förderer von Terrorismus“". Source: the
news-quotes-de train split, quoted phrases of two words or more in a clause with such a verb and no verb of
saying (train: 6 of 8 annotated as quotations of the clause's subject, 2 as quotations without speaker)."""


def _opinion_frame(ctx: Context, sent: Sentence, mark: QuoteMark, n_words: int) -> Optional[Candidate]:
    """A quoted phrase of two words or more in a clause whose finite verb judges or thinks (:data:`OPINION_VERBS`):
    the quotation of the clause's subject, where that can speak."""
    if n_words < 2:
        return None
    verbs = _verbs_outside(ctx, sent, mark, lambda w: (w.lem in OPINION_VERBS or is_thinking(w) and w.lem != "halten")
                           and tagged_finite(w))
    if not verbs:
        return None
    verb = _nearest(verbs, mark)
    spk = find_subject(sent, verb, sent.words[0].id, sent.words[-1].id, personal=True)
    if not spk or not can_speak(spk) or any(mark.start <= w.start < mark.end for w in spk):
        return None
    return _cand(mark, "direct.in_clause", cue_words(verb), verb.lem, spk, None, 0.6)


def _reads_as_speech(inner: str, n_words: int) -> bool:
    stripped = inner.rstrip()
    return n_words >= MIN_FRAMELESS_WORDS or (n_words >= 3 and stripped[-1:] in ".!?…")


def _stands_alone(ctx: Context, mark: QuoteMark) -> bool:
    """The quote fills its sentence(s): nothing but punctuation outside it there."""
    sent = ctx.sentence_at(mark.start)
    before = ctx.text[sent.start : mark.start].strip()
    last = ctx.sentence_at(max(mark.start, mark.end - 1))
    after = ctx.text[mark.end : last.end].strip()
    return len(before) <= 1 and len(after) <= 2


def _words_after(ctx: Context, mark: QuoteMark) -> tuple[Optional[Sentence], list[Word]]:
    """Words of the frame region after the closing mark (to the sentence end or next quote)."""
    sent = ctx.sentence_at(max(mark.start, mark.end - 1))
    words = [w for w in sent.words if w.start >= mark.end]
    if not words and sent.index + 1 < len(ctx.sentences):
        nxt = ctx.sentences[sent.index + 1]
        if ctx.text[mark.end : nxt.start].strip() == "" and nxt.words and nxt.words[0].text == ",":
            sent, words = nxt, list(nxt.words)
    nxt_mark = next((m for m in ctx.marks if m.start >= mark.end and m.depth == 0
                     and not _name_in_phrase(words, m)), None)
    if nxt_mark:
        words = [w for w in words if w.end <= nxt_mark.start]
    return sent, words


def _name_in_phrase(words: list[Word], mark: QuoteMark) -> bool:
    """The quotation ``mark`` is a name inside a noun phrase of the frame, so it does not end the frame region:
    an article or adjective stands right before it ("…“, zitierte die „Süddeutsche Zeitung“ Müller"), or a
    common noun it names, for a name of at most :data:`QUOTED_NAME_WORDS` words ("zitiert das Magazin
    „Focus“ den Minister")."""
    before = [w for w in words if w.end <= mark.start]
    if not before or before[-1].end < mark.start - 1:
        return False
    if before[-1].upos in ("DET", "ADJ"):
        return True
    inner = [w for w in words if mark.inner_start <= w.start and w.end <= mark.inner_end]
    return before[-1].upos == "NOUN" and 0 < len(inner) <= QUOTED_NAME_WORDS \
        and not any(w.text in (".", "!", "?", ",", ":") for w in inner)


def _closes_sentence(ctx: Context, mark: QuoteMark) -> bool:
    """The quotation ends with its own sentence punctuation („… etabliert.“): a quoted sentence, no name or term."""
    return ctx.text[mark.inner_start : mark.inner_end].rstrip()[-1:] in (".", "!", "?")


def _frame_after(ctx: Context, mark: QuoteMark) -> Optional[Candidate]:
    sent, words = _words_after(ctx, mark)
    if not words or sent is None:
        return None
    k = 0
    while k < len(words) and words[k].text in (",", "–", "-", "—"):
        k += 1
    # German sets a comma between the quotation and a frame after it („…“, sagte er); without one the quoted
    # words are a name or term in the clause („Sonnenwind“ genannt), unless a whole quoted sentence is followed
    # by a reporting verb: „Die Schule hat sich etabliert.“ erklärte die Ministerin
    comma_left_out = k == 0 and _closes_sentence(ctx, mark) and (
        speech_lemma(words[0]) and finite(words[0], marked=True) or words[0].low == "so")  # „… lästig.“ so das Fazit
    if k >= len(words) or k == 0 and not comma_left_out:
        return None
    head = words[k]
    if head.low == "so":
        spk = surface_np(sent, head.id + 1)
        if not spk and k + 1 < len(words) and words[k + 1].low in REFERRING_ADJECTIVES:
            spk = [words[k + 1]]  # „…“, so letztere.
        if not spk:
            return None
        return _cand(mark, "direct.so", [head], "so", spk, None, 0.9)
    lemma = speech_lemma(head)
    verb = head
    if lemma is None and head.upos == "AUX" and k + 1 < len(words):
        # „…“, hatte er gesagt / „…“, heißt es
        for w in words[k + 1 : k + 14]:
            if speech_lemma(w):
                verb, lemma = w, speech_lemma(w)
                break
            if w.text in (",", "."):
                break
    if lemma is None and head.upos not in ("VERB", "AUX"):
        return _mistagged_frame_after(ctx, mark, sent, words, k)
    if lemma is None:
        if head.low in ("heißt", "hieß") and k + 1 < len(words) and words[k + 1].low == "es":
            # „…“, heißt es in einer Erklärung: the place is the source
            return _cand(mark, "direct.frame_after", [head, words[k + 1]], "heißen", place_source(head), None, 0.85)
        return None
    region = (words[k].id, words[-1].id)
    spk, medium = frame_roles(sent, verb, lemma, region, after_verb=True)
    cue = cue_words(verb)
    return _cand(mark, "direct.frame_after", cue, lemma, spk, medium, 0.9)



def _mistagged_frame_after(ctx: Context, mark: QuoteMark, sent: Sentence, words: list[Word], k: int
                           ) -> Optional[Candidate]:
    """„…“, meinen die beiden Mitglieder Jan Giesel und David Perteck. / „…“, strich Romney in Arbutus heraus.: a
    lower-case word after the comma that the tagger did not take for a verb ("meinen" as a possessive, "strich" as
    an adverb) but whose form is one of a reporting verb (with the particle that closes the clause), followed by a
    name or speaker noun and the end of the sentence, frames the quotation like a tagged verb."""
    head = words[k]
    if not head.text.isalpha() or not head.text.islower() or k + 1 >= len(words):
        return None
    rest = [w for w in words[k + 1 :] if not is_punct(w)]
    if not rest or words[-1].text not in (".", "!"):
        return None
    particle = rest[-1].low if rest[-1].low in load_words("separable_particles") else ""
    lemma = speech_lemma_of_form(head.low, particle)
    if lemma is None:
        return None
    spk = surface_np(sent, words[k + 1].id)
    if not spk or not (can_speak(spk) or spk[-1].text[:1].isupper() and spk[-1].upos in ("NOUN", "PROPN")):
        return None
    return _cand(mark, "direct.frame_after", [head] + ([rest[-1]] if particle else []), lemma, spk, None, 0.8)


def _frame_before(ctx: Context, mark: QuoteMark) -> Optional[Candidate]:
    """"Müller sagte: „…“" — a colon (or comma) right before the opening mark."""
    sent = ctx.sentence_at(mark.start)
    before = [w for w in sent.words if w.end <= mark.start]
    if not before or before[-1].text not in (":", ","):
        return None
    prev_mark = next((m for m in reversed(ctx.marks) if m.end <= mark.start and m.depth == 0), None)
    if prev_mark:
        before = [w for w in before if w.start >= prev_mark.end]
    clause = before[:-1]
    # the frame clause: from the last sentence end (a missed sentence split) or colon before the colon
    # ("Auch die EU-Kommission kritisierte das Gesetz scharf: So sagte Olli Rehn: „…“")
    cut = max((k for k, w in enumerate(clause) if w.text in (".", "!", "?", ";", ":") and k < len(clause) - 1),
              default=-1)
    clause = clause[cut + 1 :]
    if not clause:
        return None
    verb = None
    for w in reversed(clause):
        lemma = speech_lemma(w)
        if lemma:
            verb = w
            break
    if verb is None and before[-1].text == ",":
        # a verb of thinking frames a quotation after a comma too: "Küng hofft aber, „dass Ratzinger …“"
        verb = next((w for w in reversed(clause) if w.upos == "VERB" and is_thinking(w) and w.lem != "halten"
                     and tagged_finite(w)), None)
    if verb is None:
        if before[-1].text != ":":
            return None
        # the main clause's verb, not one of an infinitive or a clause inside it: "Der Experte wandte sich gegen
        # die Behauptung, die Sorte werde nicht in die Nahrung gelangen: „…“"
        root = sent.root
        verb = root if root is not None and root.upos == "VERB" and any(w is root for w in clause) \
            else next((w for w in reversed(clause) if w.upos == "VERB"), None)
        if verb is None and clause[-1].low == "worten":
            # "Im Kongress warb Obama … mit den Worten: „…“": the finite verb, whatever the tagger made of it
            verb = next((w for w in clause if w.upos in ("VERB", "AUX") and finite(w, marked=True)), None)
        if verb is None:
            # "Bundesinnenminister Schäuble: „…“" — a bare name before the colon
            words = [w for w in clause if not is_punct(w)]
            np = surface_np(sent, words[0].id, words[-1].id) if words else []
            untagged = not np and bool(words) and words[0].i == 0 and untagged_name(words[0])
            if untagged:
                np = words[:1]  # "Koppelin wörtlich: „…“" with the surname tagged as an adverb
            # it may go on with an apposition, an adverb or a prepositional phrase, but with no verb:
            # "Ein Hauptkommissar nach der Festnahme: „…“", "Koppelin wörtlich: „…“"
            verbless = not any(w.upos in ("VERB", "AUX") for w in words)
            if np and (np[-1].id >= words[-1].id or verbless and (untagged or can_speak(np) or _speech_noun_phrase(np))) \
                    and len(words) <= 12:
                return _cand(mark, "direct.name_colon", [], None, np, None, 0.75)
            return None
        lemma = None
    else:
        lemma = speech_lemma(verb)
    if lemma is None and _reported_clause(verb, clause):
        # "Queensland sei Neuseeland zu Dank verpflichtet: „…“": the clause before the colon is itself reported
        # speech, its subject what is reported on; the speaker of the report goes on (quotes.engine.continue_speakers)
        cand = _cand(mark, "direct.frame_before", [], None, None, None, 0.7)
        cand.evidence.append(REPORTED_FRAME)
        return cand
    region = (clause[0].id, clause[-1].id)
    spk, medium = frame_roles(sent, verb, lemma, region)
    if spk is None and place_prepositions(place_lemma(verb)):
        spk = place_source(verb)  # "In dem Schreiben heißt es: „…“", "In einer Erklärung hatte es geheißen: „…“"
    spk = personal_only(spk)
    cue = cue_words(verb)  # with a colon any verb frames the quote: "… meldete sich mit den Worten: „…“"
    return _cand(mark, "direct.frame_before", cue, lemma, spk, medium, 0.85 if lemma else 0.7)


REPORTED_FRAME = "reported-frame"
"""Evidence of a quotation after a colon whose clause before it is in Konjunktiv I, reported speech itself: the
engine gives it the speaker of the quote before, as a frameless one."""


def _reported_clause(verb: Word, clause: list[Word]) -> bool:
    """The main clause before a colon, with ``verb`` as its verb and no verb of saying, has its finite verb (``verb``
    or an auxiliary of it) in Konjunktiv I: "Queensland sei Neuseeland zu Dank verpflichtet: „…“"."""
    ids = {w.id for w in clause}
    fin = next((c for c in verb.children if c.deprel.startswith(("aux", "cop")) and c.id in ids
                and finite(c, marked=True)), verb if finite(verb, marked=True) else None)
    # a plural in -en is the indicative as well ("schenken sie keinen Glauben"): only forms of their own count
    return fin is not None and konjunktiv(fin, strict=True) and (singular_form(fin) or fin.low == "seien")


def _speech_noun_phrase(np: list[Word]) -> bool:
    """The phrase is headed by a noun of saying ("Seine Meinung zu Kirchhoff: „…“", "Zitat von Schröder: „…“"):
    before a colon it stands for what its owner says, and the corpus marks it as the speaker."""
    head = next((w for w in reversed(np) if w.upos == "NOUN"), None)
    return head is not None and is_speech_noun(head.low)


def _interposed(ctx: Context, first: QuoteMark, second: QuoteMark, cand: Candidate) -> bool:
    """„Wir haben“, sagte er, „nichts …“: the next quote follows the frame after a comma."""
    between = ctx.text[first.end : second.start]
    if "\n" in between or len(between) > 80:
        return False
    if ctx.sentence_index(first.end - 1) != ctx.sentence_index(second.start) \
            and ctx.sentence_index(first.end) != ctx.sentence_index(second.start):
        return False  # a sentence ends between: „…“, sagte Merkel. Küng hofft aber, „dass …“
    if not between.rstrip().endswith(","):
        return False
    inner = ctx.text[first.inner_start : first.inner_end].rstrip()
    return inner[-1:] not in ".!?" and ctx.text[second.inner_start : second.inner_start + 1].islower()


def _cand(mark, rule, cue_words, lemma, spk, medium, conf) -> Candidate:
    return Candidate(
        type=QuoteType.DIRECT,
        content=[(mark.start, mark.end)],
        rule=rule,
        confidence=conf,
        cue=sorted(cue_words, key=lambda w: w.start),
        cue_lemma=lemma,
        speaker=spk or None,
        medium=medium or None,
        evidence=["quotation-marks"],
    )

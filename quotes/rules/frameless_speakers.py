"""Who speaks a quotation without a frame of its own (``direct.frameless``), read from the sentences around it:

* :func:`frame_in_previous_sentence`: a sentence right before with a reporting verb and no content of its own
  frames the quote ("Romney trat vor die Presse und äußerte sich. „Ich war …“"), else the subject of that sentence
  where it names a person or body (:func:`_subject_of_previous_sentence`); a quoted term there (:func:`_quoted_term`,
  "Als „verpasste Chance“ beurteilte Volker Beck …") is no content of its own;
* :func:`with_the_words`: "Mit den Worten „…“ richtete er …": the quote is the words of the clause after it, whose
  subject speaks;
* :func:`holder_in_own_sentence`: the subject of the main clause before the quote in its own sentence
  ("Jegliche Mitverantwortung weist Hartmann von sich: „…“"); a lone pronoun there is marked
  :data:`HOLDER_PRONOUN`, for the engine to prefer the speaker of an attributed quote just before.

Where neither names someone, :func:`quotes.engine.continue_speakers` gives the quote the speaker of the quote before.
"""

from __future__ import annotations

from ..doc import Sentence
from ..gender_words import person_noun
from .base import Candidate, Context, is_punct
from .clauses import cue_words
from .morph import finite, is_speaking_noun, speech_lemma
from .phrases import phrase_head
from .quotemarks import OPENING_MARKS, QuoteMark
from .speaking import can_speak
from .subjects import find_subject


def frame_in_previous_sentence(ctx: Context, mark: QuoteMark, cand: Candidate) -> None:
    """"Romney trat in Arbutus vor die Presse und äußerte sich. „Ich war …“": a sentence with a reporting
    verb and no content of its own (a quoted term is none, :func:`_quoted_term`), right before the quote, frames
    it; a sentence without a reporting verb gives its subject (:func:`_subject_of_previous_sentence`)."""
    k = ctx.sentence_index(mark.start)
    sent = ctx.sentences[k]
    if k == 0 or any(w.end <= mark.start and not is_punct(w) for w in sent.words):
        return  # the quote does not open its sentence
    prev = ctx.sentences[k - 1]
    if any(not _quoted_term(prev, m) for m in ctx.marks_in(prev.words[0].start, prev.words[-1].end)):
        return  # a quotation of its own there: the quote continues it (quotes.engine.continue_speakers)
    verb = next((w for w in reversed(prev.words) if w.upos == "VERB" and speech_lemma(w)
                 and w.feat("VerbForm") != "Inf" and not any(c.deprel in ("ccomp", "obj", "parataxis")
                                                            for c in w.children)), None)
    if verb is None:
        _subject_of_previous_sentence(prev, cand)
        return
    spk = find_subject(prev, verb, personal=True)
    if not spk or not can_speak(spk):
        return
    cand.speaker = spk
    cand.cue = sorted(cue_words(verb), key=lambda w: w.start)
    cand.cue_lemma = speech_lemma(verb)
    cand.evidence.append("frame-in-previous-sentence")


QUOTED_TERM_WORDS = 4
"""The most words a quoted stretch without a finite verb may have to count as a quoted term ("Als „verpasste
Chance“ beurteilte Volker Beck …"), which leaves its sentence free to frame the quote after it."""


def _quoted_term(sent: Sentence, mark: QuoteMark) -> bool:
    """A quoted term, not a quotation: at most :data:`QUOTED_TERM_WORDS` words and no finite verb."""
    inner = [w for w in sent.words if mark.inner_start <= w.start and w.end <= mark.inner_end and not is_punct(w)]
    return len(inner) <= QUOTED_TERM_WORDS and not any(w.finite for w in inner)


def _subject_of_previous_sentence(prev: Sentence, cand: Candidate) -> None:
    """"Der ältere Bruder des Papstes, Georg Ratzinger, war seit langem eingeweiht. „Mein Bruder wünscht sich
    …“": a quote that opens its sentence after a sentence without a quotation of its own (a quoted term may stand
    there, :func:`_quoted_term`) or reporting verb belongs to that sentence's subject (after the verb where the
    parser made the quoted term a subject before it), where the phrase is headed by a name, a role ("Der Bürgermeister Peter Schulz") or a
    speaking body ("Die Polizei"): not by a thing ("Diese Taktik hatte Erfolg"), not a pronoun (the speaker of
    the quote before stays, see :func:`quotes.engine.continue_speakers`)."""
    root = prev.root
    if root is None or root.upos not in ("VERB", "AUX"):
        return
    spk = find_subject(prev, root, personal=True)
    if spk and spk[0].i > 0 and prev.words[spk[0].i - 1].text in OPENING_MARKS:
        # the quoted term before the verb, parsed as a second subject ("Als „verpasste Chance“ beurteilte der
        # Geschäftsführer …"): the subject is the one after the verb
        spk = find_subject(prev, root, lo=root.id + 1, after_verb=True, personal=True)
    head = phrase_head(spk or [])
    if head is not None and (head.upos == "PROPN" or person_noun(head.low) or is_speaking_noun(head.text)):
        cand.speaker = spk
        cand.evidence.append("subject-of-previous-sentence")


def holder_in_own_sentence(ctx: Context, mark: QuoteMark, cand: Candidate) -> None:
    """"Jegliche Mitverantwortung weist Hartmann von sich: „…“", "Der 84-jährige Küng … hofft aber, „dass …“":
    a quote after a main clause whose verb reports no speech still belongs to that clause's subject, where it
    can speak; it stands in the quote's own sentence, before the quote."""
    sent = ctx.sentence_at(mark.start)
    before = [w for w in sent.words if w.end <= mark.start and not is_punct(w)]
    if len(before) < 2 or ctx.marks_in(sent.words[0].start, mark.start):
        return
    root = sent.root
    if root is None or root.start >= mark.start or root.upos not in ("VERB", "AUX", "ADJ"):
        return
    if ctx.text[max(0, mark.start - 2) : mark.start].strip() == "(":
        return  # „…“ in parentheses after a name in a list: its own speaker, not the clause's subject
    spk = find_subject(sent, root, hi=before[-1].id, personal=True)
    if spk and can_speak(spk) and spk[-1].end <= mark.start:
        cand.speaker = spk
        # a lone pronoun yields to the named speaker of a quote just before (quotes.engine.continue_speakers)
        cand.evidence.append(HOLDER_PRONOUN if len(spk) == 1 and spk[0].upos == "PRON" else "holder-in-sentence")


def with_the_words(ctx: Context, mark: QuoteMark, cand: Candidate) -> bool:
    """"Mit den Worten „Jetzt werden alle wichtigen Fragen … diskutiert“, richtete er seinen Blick …", "Mit den
    Worten „…“ kommentierte er seinen Ausfall": the quote, right after "mit den/diesen/folgenden Worten" at the
    front of its clause, is what the subject of the verb after it said (the phrase fills the prefield, so the
    subject follows the verb). Sets the speaker and cue ("mit den Worten", and the verb where it is one of
    saying); True where it did."""
    sent = ctx.sentence_at(mark.start)
    before = [w for w in sent.words if w.end <= mark.start]
    if len(before) < 3 or before[-1].low != "worten" or before[-3].low != "mit":
        return False
    end = ctx.sentence_at(max(mark.start, mark.end - 1))
    after = [w for w in end.words if w.start >= mark.end and not is_punct(w)]
    verb = after[0] if after else None
    if verb is None or verb.upos not in ("VERB", "AUX") or not finite(verb, marked=True):
        return False  # the verb right after the quote (and its comma), in second place
    spk = find_subject(end, verb, lo=verb.id + 1, after_verb=True, personal=True)
    if not spk or not can_speak(spk):
        return False
    cand.speaker = spk
    cand.cue = before[-3:] + (cue_words(verb) if speech_lemma(verb) else [])
    cand.cue_lemma = speech_lemma(verb) or "Worte"
    cand.evidence.append("with-the-words")
    return True


HOLDER_PRONOUN = "holder-pronoun"
"""Evidence of a frameless quote whose speaker is a pronoun subject of its own sentence (see
:func:`holder_in_own_sentence`): the engine replaces it by the speaker of an attributed quote just before."""

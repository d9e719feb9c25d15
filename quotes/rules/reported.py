"""Reported speech: a speech act with a noun or prepositional object instead
of a content clause: "Die FAO warnt vor den Folgen der Katastrophe.",
"Die Organisation verlangte eine Untersuchung.", "Sie sprach von Betrug."

Following the corpus guidelines the content is the whole clause (speaker
included), the cue the verb. Only verbs whose object names the content
count (list below); "Er sagte nichts" is not reported speech.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Word
from ..lexicon import load_words
from ..models import QuoteType
from .base import Candidate, Context, WordRange, is_punct, word_range
from .clauses import content_words, cue_words, is_passive, passive_agent, semicolon_clause
from .morph import after_zu, has_zu_infinitive, participle_or_infinitive, speech_lemma, takes_zu, with_particle
from .phrases import np_extent
from .roles import without_preposition
from .subjects import find_subject, subject_of
from .vocab import AUXILIARIES, MODAL_VERBS, PURPOSE_OPENERS, SUBORDINATE_SENTENCE_OPENERS

name = "reported"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


IMPERSONAL_SUBJECTS = frozenset({"das", "dies", "es", "man", "ich", "wir"})
"""Subjects that make a speech act tentative: a demonstrative or "es" rarely names the speaker, "man" names
nobody, and "ich"/"wir" stand mostly inside quotations."""

EMBEDDED = frozenset({"advcl", "acl:relcl", "parataxis", "ccomp"})
"""Relations of a speech-act verb heading a clause inside the sentence ("Nachdem Behörden vor dem Verzehr
gewarnt hatten", "…, die von Erschütterungen sprachen"): tentative, with that clause as content."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """Speech acts without a content clause, one firm candidate per sentence at most.

    Where the rules used to drop a speech act for precision (a subordinate or question sentence, a very
    short one, no subject or an impersonal one, a reporting verb outside the reported-speech list, a verb
    heading an embedded clause), the candidate is proposed *tentative*, with the reasons in
    :attr:`Candidate.tentative`; the engine's quote gate decides on it.
    """
    out: list[Candidate] = []
    for sent in ctx.sentences:
        words = content_words(sent.words)
        if not words:
            continue
        doubts = _sentence_doubts(sent, words)
        for verb in sent.words:
            if verb.upos != "VERB" and (verb.upos != "AUX" or not _verb_tagged_aux(verb)):
                continue  # the first test of _speech_act, without the call (nor one for the words that are neither)
            cand = _speech_act(sent, words, verb, doubts)
            if cand is None:
                continue
            if cand.cue_lemma in NAMING_ONLY and _names_a_quotation(found, verb):
                break  # "bezeichnete er als einen „Akt des politischen Verbrechertums“": the quoted name is the quote
            out.append(cand)
            if not cand.tentative:
                break
    return out


NAMING_ONLY = frozenset({"bezeichnen", "nennen", "charakterisieren"})
"""Verbs whose speech act is giving something a name ("X als Y bezeichnen", "X Y nennen"): where the name is a
quotation framed by the verb, the corpus annotates the quotation alone (news-quotes-de train: 10 such sentences
with the quotation annotated and not the speech act, 2 with both)."""


def _names_a_quotation(found: list[Candidate], verb: Word) -> bool:
    """A direct quotation found before has ``verb`` in its cue: the quoted name it gives."""
    return any(c.type == QuoteType.DIRECT and any(w is verb for w in c.cue) for c in found)


def _verb_tagged_aux(verb: Word) -> bool:
    """A finite main verb of the sentence that the parser tagged as an auxiliary or copula of a noun ("Die
    Behörden werfen Luna Menschenhandel vor", "Vertreter aller Parteien warnten vor den Gefahren"), or as an
    auxiliary that is the root itself ("Die deutschen Brauer warnen vor …"): its lemma is no auxiliary or modal
    verb, and it is or hangs from the sentence's root."""
    return verb.upos == "AUX" and verb.lem not in AUXILIARIES and verb.lem not in MODAL_VERBS and verb.finite \
        and (verb.deprel in ("aux", "cop") and verb.parent is not None and verb.parent.deprel == "root"
             or verb.deprel == "root")


def _sentence_doubts(sent, words: list[Word]) -> tuple[str, ...]:
    """Reasons a whole sentence makes its speech acts tentative."""
    doubts = []
    if len(words) < 4:
        doubts.append("short")
    if words[0].low in SUBORDINATE_SENTENCE_OPENERS and not _als_phrase(words):
        doubts.append(f"opener:{words[0].low}")
    if sent.words[-1].text == "?":
        doubts.append("question")
    return tuple(doubts)


def _als_phrase(words: list[Word]) -> bool:
    """"Als Grund nannte die Behörde …", "Als Ursache wurde … angegeben": "als" before a bare noun (no
    article) opens a predicative phrase of the main clause, not a subordinate clause ("Als die Frau …
    erzählte, …"). On news-quotes-de train 9 of 18 such speech acts are annotated quotations."""
    return words[0].low == "als" and len(words) > 2 and words[1].upos in ("NOUN", "ADJ") and words[1].text[:1].isupper()


def _joined_to_other_act(verb: Word) -> bool:
    """The speech-act verb is coordinated with a verb that is no speech act ("Die Gruppe überwacht die Wahlen
    und bezeichnet sich als unabhängig", "Der Verein sammelte Spenden und forderte …"): the sentence tells
    what someone did more than what they said (news-quotes-de train: 4 of 16 such sentences are annotated
    quotations, against 130 of 215 where the speech act heads the sentence)."""
    head = verb.parent
    if verb.deprel != "conj" or head is None:
        return False
    return speech_lemma(head) is None and with_particle(head, "reported_verbs") not in load_words("reported_verbs")


def _speech_act(sent, words: list[Word], verb: Word, doubts: tuple[str, ...]) -> Optional[Candidate]:
    """The candidate of one speech-act verb of ``sent`` (firm or tentative), or None."""
    # the compact parser's reading of "Die Behörden werfen Luna Menschenhandel vor" makes the verb an auxiliary
    # of the noun; the verb still heads the main clause
    as_aux = _verb_tagged_aux(verb)
    if not as_aux and (verb.upos != "VERB" or (verb.deprel not in ("root", "conj") and verb.deprel not in EMBEDDED)):
        return None
    full = with_particle(verb, "reported_verbs")
    said = speech_lemma(verb)
    lemma = said or (full if full in load_words("reported_verbs") else None)
    if lemma is None:
        return None
    reasons = list(doubts)
    if lemma not in load_words("reported_verbs"):
        reasons.append("verb:unlisted")
    if any(c.deprel in ("ccomp", "parataxis") for c in verb.children) \
            or as_aux and (any(c.deprel in ("ccomp", "parataxis") for c in (verb.parent or verb).children)
                           or any(w.text == ":" for w in sent.words[verb.i + 1 :])):
        return None  # a content clause: indirect speech (where the tree is broken, a colon after the verb
        # stands for it: "Die Autoren werfen den Behörden vor: „…“")
    if verb.feat("VerbForm") == "Part" and not any(c.deprel.startswith("aux") for c in verb.children):
        return None  # "Ausgehend von …": no finite clause
    subj = subject_of(verb) or (subject_of(verb.parent) if as_aux and verb.parent is not None else None)
    if subj is None:
        reasons.append("subject:none")
    elif subj.low in IMPERSONAL_SUBJECTS:
        reasons.append(f"subject:{subj.low}")
    if is_passive(verb):
        spk = _passive_speaker(verb)  # "Von Versuchen … wird gesprochen": the fronted phrase is no speaker
    elif subj is None or subj.low == "man":
        spk = None
    elif verb.deprel == "root" or as_aux:  # word order and case, as for every frame ("Eine Verschiebung …
        spk = find_subject(sent, verb)  # bezeichnete Conze")
    else:  # a verb inside the sentence: its own subject ("…, nachdem ein Sprecher … angekündigt hatte")
        spk = np_extent(subj)
    embedded = verb.deprel not in ("root", "conj") and not as_aux
    if _joined_to_other_act(verb):
        reasons.append("conjunct")
    if embedded:
        reasons.append(f"embedded:{verb.deprel}")
    if not reasons:
        zu = _zu_candidate(sent, verb, lemma, spk)
        if zu is not None:
            return zu
    if embedded:
        clause = content_words(sent.subtree(verb))
        content = WordRange(clause[0], clause[-1])
    else:
        # The verb is part of the content; following the corpus guidelines a speech act without
        # content clause has no separate cue span. The verb stays visible as cue_lemma.
        content = WordRange(words[0], sent.words[-1] if is_punct(sent.words[-1]) else words[-1])
        lo_id, hi_id = semicolon_clause(sent, verb.id, verb.id)
        if lo_id or hi_id <= len(sent.words):  # a semicolon closes the clause: "Die Veranstalter schätzten 2.000
            part = [w for w in words if lo_id < w.id < hi_id]  # Teilnehmer; nach Polizeiangaben …"
            if part:
                content = WordRange(part[0], part[-1])
    return Candidate(
        type=QuoteType.REPORTED, content=[content], rule="reported.speech_act",
        confidence=TENTATIVE_PRIORITY if reasons else 0.5, cue=[], cue_lemma=lemma, speaker=spk,
        evidence=[f"speech-act:{lemma}"], tentative=tuple(reasons),
    )


def _passive_speaker(verb: Word) -> Optional[list[Word]]:
    """The speaker of a passive speech act: its agent after "von"/"durch" ("Von Unionspolitikern wurden
    Gabriels Äußerungen als geschmacklos bezeichnet"), unless that phrase is the verb's own prepositional
    object ("Von einer hohen Brandgefahr wird ausgegangen", "Von Versuchen … wird gesprochen": the preposition
    the verb governs in data/reported_verbs.txt); else None."""
    agent = passive_agent(verb)
    if agent is None:
        return None
    case = next((c for c in agent.children if c.deprel == "case"), None)
    if case is not None and case.low == "von" and with_particle(verb, "reported_verbs") in VON_OBJECT_VERBS:
        return None
    return without_preposition(agent) or None  # "vom Deutschen Wetterdienst" -> "Deutschen …"


VON_OBJECT_VERBS = frozenset({"sprechen", "ausgehen", "berichten", "warnen", "abraten", "reden"})
"""Speech-act verbs whose "von" phrase is what is said, not who says it ("sprach von Betrug", "geht von
Brandstiftung aus"; "warnen" for "vor", kept for its old "von"-less use)."""


TENTATIVE_PRIORITY = 0.4
"""A tentative speech act yields to every firm candidate it overlaps (:func:`quotes.engine.merge`)."""


def _zu_candidate(sent, verb: Word, lemma: str, spk: Optional[list[Word]]) -> Optional[Candidate]:
    """"Mubarak hatte angekündigt bei der Wahl erneut anzutreten": a zu-infinitive without its comma
    is the content of indirect speech."""
    start = _zu_content_start(verb, lemma)
    if start is None:
        return None
    content = content_words([w for w in sent.words if w.id >= start.id])
    if len(content) < 3:
        return None
    return Candidate(
        type=QuoteType.INDIRECT, content=[word_range(content)], rule="reported.zu_infinitive", confidence=0.5,
        cue=cue_words(verb), cue_lemma=lemma, speaker=spk, evidence=[f"speech-act:{lemma}", "zu-infinitive"])


def _zu_content_start(verb: Word, lemma: str) -> Optional[Word]:
    """The first word of a zu-infinitive object after ``verb`` ("hat angekündigt bei der Wahl anzutreten"), or None.

    After a clause-final participle or infinitive, or after a separable particle, everything up to the
    infinitive is its clause; else the infinitive's own subtree. Purpose clauses ("um … zu") are no content.
    """
    if not takes_zu(lemma):
        return None
    sent = verb.sent
    for c in verb.children:
        if c.deprel != "xcomp" or c.id <= verb.id or c.upos != "VERB" or not (after_zu(c) or has_zu_infinitive([c])):
            continue
        if any(m.low in PURPOSE_OPENERS for m in c.children):
            return None
        particle = verb.particle
        if participle_or_infinitive(verb) or any(a.deprel.startswith("aux") for a in verb.children):
            first = verb.id + 1
        elif particle is not None and particle.id < c.id:
            first = particle.id + 1
        else:
            first = min(w.id for w in sent.subtree(c))
        words = content_words([w for w in sent.words if first <= w.id <= c.id and w.id > verb.id])
        return words[0] if words else None
    return None

"""Who speaks: the subject of a reporting verb, read from the tree and backed by word order.

:func:`find_subject` is the one subject finder of the frames, with explicit options where frames differ;
:func:`subject_of` reads the tree only. Whether a phrase can speak at all (:func:`~quotes.rules.speaking.can_speak`)
is :mod:`quotes.rules.speaking`'s question, whether it agrees with the verb in number :mod:`quotes.rules.agreement`'s.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import load_words
from .base import is_punct
from .clauses import content_words, is_passive, passive_agent
from .agreement import plural_phrase_singular_verb, plural_verb_singular_phrase
from .morph import adverbial_kind, feminine_by_suffix, finite, tagged_finite, web_address
from .phrases import antecedent, np_extent, surface_np
from .speaking import can_speak, personal_only, untagged_name
from .vocab import (AUXILIARIES, CLAUSE_SUBORDINATORS, COMPARATIVES, COORDINATORS, MODAL_VERBS, NOMINATIVE_ONLY,
                    NOMINATIVE_STARTS, NOUNISH, OBJECT_STARTS, PERSONAL_PRONOUNS, RELATIVE, SUBJECT_PRONOUNS,
                    SUBORDINATORS)


def subject_of(verb: Word) -> Optional[Word]:
    """The nominal subject of ``verb`` (or of the auxiliary/modal chain it heads).

    For a passive verb the subject is the patient, not the speaker: the agent
    ("von X") is returned instead, or None.
    """
    if is_passive(verb):
        return passive_agent(verb)
    # "er", "ich", "wir", "du" are nominative only: among the verb's dependents they are its subject, whatever
    # relation the parser gave them ("Die Tat bezeichnete er als sinnlos")
    pronoun = next((c for c in verb.children if c.upos == "PRON" and c.low in NOMINATIVE_ONLY), None)
    for c in verb.children:
        if c.deprel in ("nsubj", "nsubj:pass", "csubj") and c.upos in NOUNISH | {"DET", "ADJ", "NUM", "X"} \
                and not adverbial_kind(c) and c.low != "sich" and not _weak_oblique(c) \
                and not any((x.deprel == "case" or adverbial_kind(x) == "adp") and x.id < c.id for x in c.children) \
                and not _preposition_first(c) \
                and not _heading(c) \
                and not any(x.low in COMPARATIVES and x.id < c.id for x in c.children) \
                and not _oblique_start(c):  # "Als Ersatz wollen …", "Den Unmut der CDU brachte … zum Ausdruck"
            return pronoun if pronoun is not None else c  # not "Zuletzt", not "Über Steve Fossett"
    if pronoun is not None:
        return pronoun
    head = verb.parent
    if head is not None and verb.deprel in ("xcomp", "conj") and head.upos in ("VERB", "AUX"):
        return subject_of(head) if head is not verb else None
    return None


def _preposition_first(w: Word) -> bool:
    """The phrase of ``w`` opens with a preposition hung lower in its tree ("Von „absichtlicher“ oder
    „mutwilliger Täuschung“ sprechen Medienberichte": "Von" under the adjective): a prepositional phrase."""
    sent = w.sent
    if sent is None:
        return False
    first = next((x for x in sent.subtree(w) if not is_punct(x)), None)
    return first is not None and first is not w and first.id < w.id \
        and (first.upos == "ADP" or adverbial_kind(first) == "adp")


def _oblique_start(w: Word) -> bool:
    """``w`` opens, or its determiner opens, a phrase that is never nominative ("den", "dem", "des", "einem",
    "ihm" …: :data:`quotes.rules.vocab.OBJECT_STARTS`): a fronted object or an adverbial ("Des Weiteren")."""
    return w.low in OBJECT_STARTS or any(x.deprel == "det" and x.id < w.id and x.low in OBJECT_STARTS
                                         for x in w.children)


ADJECTIVE_SUFFIXES = ("end", "ig", "lich", "isch", "bar", "sam", "haft", "los")
"""Endings of adjectives and participles used as adverbs ("Passend", "Einschlägig", "Ähnlich"): a capitalised
word with one of them at the sentence start is no noun."""


def _heading(w: Word) -> bool:
    """A lead word before a colon opening the sentence ("Arbeitswelt: Die SPD fordert …"), not a subject."""
    sent = w.sent
    return sent is not None and w.i + 1 < len(sent.words) and sent.words[w.i + 1].text == ":" \
        and all(x.upos in ("NOUN", "PROPN", "ADJ", "DET") for x in sent.words[: w.i + 1])


def _weak_oblique(noun: Word) -> bool:
    """"der englischsprachigen Zeitung", "der Nachrichtenagentur": "der" with a weak adjective in -en before
    a noun (the nominative would be "der englischsprachige …"), or "der" before a noun that is feminine by
    its suffix (:func:`quotes.rules.morph.feminine_by_suffix`), is dative or genitive singular, never a
    subject."""
    words = noun.sent.words if noun.sent is not None else []
    k = noun.i - 1
    while k >= 0 and (words[k].upos == "ADJ" or words[k].text in ("-", "–")):
        k -= 1
    mods = words[k + 1 : noun.i]
    return k >= 0 and words[k].low == "der" and (bool(mods) and mods[-1].low.endswith("en")
                                                 or noun.upos == "NOUN" and feminine_by_suffix(noun.text))


def _oblique_der_phrase(np: list[Word]) -> bool:
    """The phrase opens with "der" and its first noun or name is dative or genitive by :func:`_weak_oblique`
    ("Der englischsprachigen Zeitung", "der Nachrichtenagentur Reuters")."""
    noun = next((w for w in np if w.upos in ("NOUN", "PROPN")), None)
    return noun is not None and np[0].low == "der" and _weak_oblique(noun)


def _subordinate_clause_subject(sent: Sentence, verb: Word, pre: list[Word]) -> Optional[list[Word]]:
    """The subject of a verb-final adverbial clause, right after its conjunction: "Während die Ministerin
    erklärte, sie sei zufrieden, …" (the compact parser reads "Während die Ministerin" as a prepositional
    phrase). Only where the verb ends the clause (a comma or the sentence end after it, or its auxiliary) and
    the phrase can speak and can be nominative; else None."""
    words = sent.words
    k = verb.i + 1
    if k < len(words) and words[k].upos == "AUX" and finite(words[k], marked=True):
        k += 1
    if k < len(words) and words[k].text not in (",", ".", ";", ":", "–"):
        return None  # not verb-final: "Als Beispiel führte er …" is a main clause
    np = surface_np(sent, pre[1].id, verb.id - 1)
    if not np or np[-1].id != pre[-1].id or np[0].low in OBJECT_STARTS or np[0].upos == "ADP" \
            or _oblique_der_phrase(np) or not can_speak(np):
        return None
    return np


def _clause_after_comma(sent: Sentence, other: Word, verb: Word) -> Optional[int]:
    """Where a main clause of ``verb`` starts after another clause's finite verb ``other``: the word after the
    last comma or semicolon between them (before an apposition that ends right at the verb), where a noun
    phrase opens the clause ("Eisenmann wies diese Behauptung zurück, die Sprecherin der Fraktion erklärte: …",
    "…, die Sprecherin der Fraktion, Sandra Boser, erklärte: …"); None for a subordinate or relative clause
    ("…, der …", "…, weil …") or where no comma stands between."""
    marks = [w for w in sent.words[other.i + 1 : verb.i] if w.text in (",", ";")]
    if not marks:
        return None
    # the last comma, or, where it closes an apposition of the subject right before the verb ("…, die Sprecherin
    # der Fraktion, Sandra Boser (GRÜNE), erklärte"), the one before that apposition
    mark = marks[-1] if sent.words[marks[-1].i + 1] is not verb or len(marks) < 3 else marks[-3]
    first = sent.words[mark.i + 1]
    if first is verb or first.low in SUBORDINATORS or first.low in CLAUSE_SUBORDINATORS or first.upos in (
            "SCONJ", "CCONJ", "ADP", "ADV", "VERB", "AUX") or first.low in RELATIVE and first.upos == "PRON":
        return None
    return first.id


def _prefield_subject(sent: Sentence, verb: Word, lo: int) -> Optional[list[Word]]:
    """A noun phrase filling the whole prefield before the finite verb:
    "Der Leiter des Amerika-Büros …, Kwon Jong Gun, warf … vor" (V2 order,
    appositions included), read from the surface."""
    pre: list[Word] = []
    reached_verb = True
    for w in sent.words[lo - 1 : verb.id - 1]:
        if finite(w):
            if w.head != verb.id and verb.deprel in ("advcl", "ccomp", "csubj", "acl") \
                    and any(c.deprel == "mark" and c.id < verb.id for c in verb.children):
                return None  # the verb heads a subordinate clause, the finite verb before it is another clause's:
                # "Der Bericht ist brisant, weil die US-Regierung … bezeichnet hat"
            reached_verb = False
            if w.head != verb.id and finite(verb, marked=True):
                restart = _clause_after_comma(sent, w, verb)
                if restart is not None:
                    return _prefield_subject(sent, verb, restart)  # "X wies … zurück, die Sprecherin erklärte: …"
            break
        pre.append(w)
    if reached_verb and len(pre) > 1 and pre[0].low in CLAUSE_SUBORDINATORS:
        return _subordinate_clause_subject(sent, verb, pre)
    # a relative clause ends the phrase: "Deiss, der sich … zu diesem Schritt entschied, sagte"
    for k in range(1, len(pre) - 1):
        if pre[k].text == "," and pre[k + 1].low in RELATIVE and pre[k + 1].upos == "PRON":
            pre = pre[:k]
            break
    pre = content_words(pre)
    if len(pre) >= 2 and pre[0].low in ("von", "van", "de") and (pre[1].low in ("der", "den") or pre[1].upos == "PROPN") \
            and all(w.text[:1].isupper() or w.low in ("der", "den")
                                                                     for w in pre):
        return pre  # a name with its particle at the sentence start: "Von der Leyen betonte"
    if pre and pre[0].low in SUBORDINATORS:
        return None  # a fronted clause: "Warum die Wahl auf … fiel, begründete das Tribunal …"
    # "Auch die Delegationsleiterin …": a focus adverb before the subject; "Über Fossett sagte …": a PP
    while pre and adverbial_kind(pre[0]) in ("adv", "adj"):
        pre = content_words(pre[1:])
    if is_passive(verb):
        return None  # "Klien wurde vorgeworfen, …": the prefield of a passive names no speaker
    if pre and untagged_name(pre[0]):
        # "Glos hatte in einem Interview gesagt": a name (or noun) the parser took for an adverb, alone, before
        # "selbst", or, where the tagger gave it a case as to a noun and it has no adjective's suffix, with its
        # attribute ("Politiker aus anderen Parteien haben … vorgeworfen"; not "Passend zu den Gefahren des
        # Eises sagte …")
        if len(pre) == 1 or len(pre) == 2 and pre[1].low == "selbst":
            return pre[:1]
        if pre[0].feat("Case") and not pre[0].low.endswith(ADJECTIVE_SUFFIXES) \
                and pre[-1].upos in ("NOUN", "PROPN") and pre[1].upos in ("ADP", "DET") \
                and not any(w.upos in ("VERB", "AUX", "SCONJ", "PRON") or w.text == "," for w in pre):
            return pre
    if not pre or pre[0].upos not in ("DET", "PROPN", "NOUN", "ADJ", "PRON") or adverbial_kind(pre[0]) == "adp":
        return None
    first = pre[0]
    if first.low in OBJECT_STARTS or \
            first.feat("Case") in ("Dat", "Acc") and first.upos in ("DET", "PRON"):
        return None  # a fronted object, not the subject
    if first.upos == "ADJ" and (len(pre) == 1 or pre[1].upos not in ("NOUN", "PROPN", "ADJ")):
        return None  # "Sinngemäß hofft Musk"
    if _oblique_der_phrase(pre):
        return None  # "Der englischsprachigen Zeitung sagte X": weak -en after "der" is dative or genitive
    noun = next((w for w in pre if w.upos in ("NOUN", "PROPN")), None)
    colon = next((k for k, w in enumerate(pre) if w.text == ":"), None)
    if colon is not None:
        pre = pre[colon + 1 :]  # "Andere Formen des Protestes: Zuschauer forderten …"
        if not pre:
            return None
    if len(pre) == 1:
        subj = subject_of(verb)
        if subj is not None and subj is not pre[0] and subj.upos in ("NOUN", "PROPN", "PRON"):
            return None  # a lone word before the verb that the tree does not take for the subject
    temporal = load_words("temporal_nouns")
    if not any(w.upos in ("NOUN", "PROPN", "PRON", "X") and w.low not in temporal for w in pre):
        return None  # "Ende Januar 2006", "dieser Tage"
    if noun is not None and noun.low in temporal:
        return None  # a time headed by its noun: "Wenige Stunden nach dem Putsch erklärte der Rat …"
    if pre[0].upos == "PRON" and pre[0].low not in SUBJECT_PRONOUNS:
        return None
    if any(w.upos in ("VERB", "AUX", "SCONJ") and not web_address(w) for w in pre) \
            or pre[0].low in RELATIVE and len(pre) == 1:
        return None
    if pre[-1].upos in ("ADV", "ADP"):
        return None
    return pre


def find_subject(sent: Sentence, verb: Word, lo: Optional[int] = None, hi: Optional[int] = None, *,
                 after_verb: bool = False, personal: bool = False) -> Optional[list[Word]]:
    """The subject noun phrase of the reporting verb ``verb``, inside word ids [``lo``, ``hi``] (default:
    the whole sentence).

    Read from the prefield ("Der Leiter …, Kwon Jong Gun, warf … vor"), after the verb in a post-posed
    frame (", sagte die britische Königin") or after a fronted adverbial ("In einem Gespräch wies der
    Geschäftsführer … zurück"), else from the tree; a relative pronoun stands for the noun phrase it
    refers to ("…, ein Kommentar, der … bezeichnet").

    Args:
        after_verb: the frame follows a quotation ("„…“, sagte am Montag der Minister"): only the tree's
            subject inside the region, else a noun phrase starting within the first four words after the
            verb, over adverbs and prepositions; no prefield reading, no relative antecedent.
        personal: None for an impersonal subject (es, das, dies, man).
    """
    lo = sent.words[0].id if lo is None else lo
    hi = sent.words[-1].id if hi is None else hi
    memo = verb.__dict__.get(SUBJECT_MEMO)
    if memo is None:
        memo = verb.__dict__[SUBJECT_MEMO] = {}
    key = (sent.index, lo, hi, after_verb)
    if key in memo:
        found = memo[key]
        spk = list(found) if found is not None else None
    else:
        spk = _find_subject(sent, verb, lo, hi, after_verb)
        memo[key] = tuple(spk) if spk is not None else None
    return personal_only(spk) if personal else spk


SUBJECT_MEMO = "_subject"
"""Name of the memo :func:`find_subject` keeps on the verb (in the word's ``__dict__``, the way
:class:`quotes.doc.computed_once` stores its values): (sentence index, ``lo``, ``hi``, ``after_verb``) -> the
subject's words as a tuple, or None. The subject depends only on the sentence's tree and the packaged word
lists, so the memo is right for as long as the verb lives, and it lives and dies with its document."""


def _find_subject(sent: Sentence, verb: Word, lo: int, hi: int, after_verb: bool) -> Optional[list[Word]]:
    """:func:`find_subject` without its memo and without ``personal``."""
    if after_verb:
        spk = _subject_after_verb(sent, verb, (lo, hi))
    else:
        spk = _clause_subject(sent, verb, lo, hi)
        if spk and len(spk) == 1 and spk[0].low in RELATIVE and spk[0].upos == "PRON":
            spk = antecedent(spk[0]) or spk
    return spk


def _subject_after_verb(sent: Sentence, verb: Word, region: tuple[int, int]) -> Optional[list[Word]]:
    subj = subject_of(verb)
    if subj is not None and region[0] <= subj.id <= region[1] and subj.low != "es":
        return np_extent(subj, region)
    after = [w for w in sent.words if region[0] <= w.id <= region[1] and w.id > verb.id]
    for start in after[:4]:
        if start.upos in ("ADV", "ADP") or is_punct(start):
            continue
        np = surface_np(sent, start.id, region[1])
        if np:
            return np
        break
    return None


def _clause_subject(sent: Sentence, verb: Word, lo: int, hi: int) -> Optional[list[Word]]:
    shared = _coordinated_subject(sent, verb, lo, hi)
    if shared:
        return shared
    pre = _prefield_subject(sent, verb, lo) if lo < verb.id else None
    if pre and pre[0].upos != "PRON":
        after = _nominative_pronoun_after(sent, verb, hi)
        if after:
            return after  # "Die Arbeit der Koalition … lobte er mit den Worten": "er" is nominative, the prefield not
    if pre:
        if plural_phrase_singular_verb(_clause_finite(sent.words, verb), pre):
            # "Die Äußerungen Hassemers und Papiers bezeichnete Wiefelspütz als …": a plural phrase before a
            # singular verb is a fronted object, the subject follows the verb: a phrase that can speak, else a
            # surname the tagger took for a common noun
            after = _inverted_subject(sent, verb, hi)
            if after and can_speak(after):
                return after
            bare = _bare_name_after(sent, verb, hi)
            if bare and (not after or after == bare):
                return bare
        if not can_speak(pre) and not (len(pre) == 1 and pre[0].low in NOMINATIVE_ONLY):
            # "Grund für die Auflösung gab die Sprachschule an": a fronted object, the speaker follows the verb
            after = _inverted_subject(sent, verb, hi)
            if after and can_speak(after):
                return after
        return pre
    if verb.i > 0 and sent.words[verb.i - 1].text in (",", "–") and verb.id < hi:
        # post-posed frame: ", sagte die britische Königin" — the subject follows the verb
        subj = subject_of(verb)
        if subj is not None and verb.id < subj.id <= hi and subj.low != "es":
            return np_extent(subj, (verb.id + 1, hi))
        after = surface_np(sent, verb.id + 1, hi)
        if after:
            return after
    subj = subject_of(verb)
    if subj is not None and lo <= subj.id <= hi and subj.low != "es" and subj.low not in load_words("temporal_nouns"):
        np = np_extent(subj, (lo, hi))
        if not np or np[0].low not in OBJECT_STARTS:
            return np
        # the tree's subject opens with a form that is never nominative: a fronted object ("Den Unmut der CDU
        # brachte die Sprecherin … zum Ausdruck") or an adverbial ("Des Weiteren verwies Steinbrück darauf")
    return _inverted_subject(sent, verb, hi) if lo < verb.id else None


def _nominative_pronoun_after(sent: Sentence, verb: Word, hi: int) -> Optional[list[Word]]:
    """A nominative-only pronoun right after the finite verb of a V2 clause (or after its finite auxiliary or
    modal): "Die Arbeit der großen Koalition lobte er …", "Den Vorschlag hatte er … abgelehnt"."""
    words = sent.words
    finite_verb = _clause_finite(words, verb)
    if finite_verb is None or finite_verb.i + 1 >= len(words):
        return None
    nxt = words[finite_verb.i + 1]
    return [nxt] if nxt.low in NOMINATIVE_ONLY and nxt.upos == "PRON" and nxt.id <= hi else None


def _coordinated_subject(sent: Sentence, verb: Word, lo: int, hi: int) -> Optional[list[Word]]:
    """The subject a finite verb right after "und" shares with the clause before it, where the tree gives it
    none of its own: "Als Beispiel führte er die Proteste an und führte aus, hier gebe es …" -> er. The
    subject is that of the nearest finite verb before the conjunction (within ``lo``)."""
    if verb.i == 0 or sent.words[verb.i - 1].low not in COORDINATORS or not finite(verb, marked=True):
        return None
    subj = subject_of(verb)
    if subj is not None and lo <= subj.id <= hi:
        return None  # the verb has a subject of its own: "… und sagte der Minister"
    before = next((w for w in reversed(sent.words[lo - 1 : verb.i - 1]) if w.upos in ("VERB", "AUX")
                   and finite(w, marked=True)), None)
    if before is None or any(w.text in (",", ";", ":") for w in sent.words[before.i : verb.i]):
        return None  # no verb before, or it stands in another clause ("…, die X sagte, und …")
    spk = find_subject(sent, before, lo, verb.id - 1)
    return spk if spk and can_speak(spk) else None


def _finite_auxiliary(words: list[Word], verb: Word) -> Optional[Word]:
    """The finite auxiliary or modal before ``verb`` that holds the V2 slot of its clause ("Bereits vor zwei
    Wochen hatte die Gewerkschaft erklärt"), where no other verb and no clause boundary stands between them (a
    verb part of the reporting verb may: "will … bekannt geben"); else None."""
    aux = next((w for w in reversed(words[: verb.i]) if w.upos == "AUX" and finite(w, marked=True)
                and (w.lem in AUXILIARIES or w.lem in MODAL_VERBS)), None)
    if aux is None:
        return None
    between = words[aux.i + 1 : verb.i]
    if any(w.upos == "VERB" and not (w.head == verb.id and not tagged_finite(w)) or w.text in (";", ":")
           for w in between) or any(w.text == "," for w in between) and not _apposition_commas(between):
        return None
    return aux


def _clause_finite(words: list[Word], verb: Word) -> Optional[Word]:
    """The finite verb of ``verb``'s clause: the verb itself where the tags show it finite, else its finite
    auxiliary or modal (:func:`_finite_auxiliary`)."""
    return verb if finite(verb, marked=True) else _finite_auxiliary(words, verb)


def _apposition_commas(words: list[Word]) -> bool:
    """The commas among ``words`` (the middle field between a finite auxiliary and its participle) set off an
    apposition ("hatte der Investor, Larry A. Silverstein, zugesagt"): they come in pairs after the first word,
    and no auxiliary, conjunction or relative pronoun stands among the words, so no clause starts there."""
    commas = [j for j, w in enumerate(words) if w.text == ","]
    return commas[0] > 0 and len(commas) % 2 == 0 \
        and not any(w.upos in ("AUX", "SCONJ", "CCONJ") or w.upos == "PRON" and w.low in RELATIVE for w in words)


def _inverted_subject(sent: Sentence, verb: Word, hi: int) -> Optional[list[Word]]:
    """V2 order with a fronted adverbial: "In einem Gespräch wies der Geschäftsführer … zurück"
    -> the noun phrase right after the finite verb (skipping "sich"), where its first word can be nominative."""
    words = sent.words
    reporting = verb
    aux = _finite_auxiliary(words, verb)
    if aux is not None:
        verb = aux
    elif verb.deprel == "xcomp" and verb.parent is not None and verb.parent.id < verb.id \
            and finite(verb.parent, marked=True):
        verb = verb.parent  # "In der ARD zeigt sich der Bundestrainer zufrieden": the finite verb of the cue
    elif not finite(verb, marked=True):
        return None
    k = verb.i + 1
    while k < len(words) and words[k].low == "sich":
        k += 1
    adverbs = 0
    while k + 1 < len(words) and words[k].upos == "ADV" and adverbial_kind(words[k]) == "adv" and adverbs < 2:
        k += 1  # "will heute Außenminister Straw … bekannt geben": an adverb before the subject
        adverbs += 1
    if k >= len(words) or words[k].id > hi:
        return None
    first = words[k]
    name = first.upos == "PROPN" or first.text[:1].isupper() and first.upos in ("ADV", "X")
    if adverbial_kind(first):
        return None
    if first.low in NOMINATIVE_STARTS or name:
        if first.low in PERSONAL_PRONOUNS:
            return [first]
        np = surface_np(sent, first.id, hi) or None
        if np and _oblique_der_phrase(np):
            return None  # "erzählte der Nachrichtenagentur Reuters": dative
        if np and plural_verb_singular_phrase(verb, np):
            return None  # "Die Vereinten Nationen haben die Europäische Union gebeten": the object
        return np if not adverbs or np and can_speak(np) else None
    if first.low in OBJECT_STARTS or first.upos in ("ADP", "PRON", "VERB", "AUX", "PART") or is_punct(first) \
            or is_passive(reporting):
        return None  # "werden auch verschiedene Schritte Japans … begrüßt": the patient of a passive
    # "haben einige Abgeordnete … angekündigt", "sagte Außenminister Straw": a phrase whose first word may
    # be nominative, taken where it names someone who can speak and agrees with the finite verb ("Einige …
    # Moslems haben Premierminister Tony Blair … geschrieben": a plural verb, a singular object)
    np = surface_np(sent, first.id, hi)
    return np if np and can_speak(np) and not plural_verb_singular_phrase(verb, np) else None


def _bare_name_after(sent: Sentence, verb: Word, hi: int) -> Optional[list[Word]]:
    """One capitalised noun without an article right after the clause's finite verb, which the tagger did not
    take for a name: a surname ("bezeichnete | Wiefelspütz | als …"; a singular common noun would have its
    article)."""
    finite_verb = _clause_finite(sent.words, verb)
    if finite_verb is None or finite_verb.i + 1 >= len(sent.words):
        return None
    w = sent.words[finite_verb.i + 1]
    nxt = sent.words[w.i + 1] if w.i + 1 < len(sent.words) else None
    if w.id > hi or w.upos != "NOUN" or not w.text[:1].isupper() or not w.text[1:].islower() \
            or w.low in load_words("temporal_nouns") or nxt is not None and nxt.upos in ("NOUN", "PROPN"):
        return None
    return [w]

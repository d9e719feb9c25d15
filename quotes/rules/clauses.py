"""Clauses: the comma-bounded stretches of a sentence, where reported content starts and ends, what makes
a clause reported content (:func:`content_evidence`), and the words that make up a cue ("teilte … mit",
"hatte … erklärt", "wurde … bekannt gegeben").

Parsers often get German clause attachment wrong, so these helpers read punctuation and word order
first and the tree second.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import verb_value, verbs_with, words_with
from .base import is_punct
from .morph import (
    attitude_words,
    clause_has_konjunktiv,
    finite,
    has_zu_infinitive,
    konjunktiv,
    participle_or_infinitive,
    speech_lemma,
    takes_zu,
)
from .quotemarks import OPENING_MARKS
from .vocab import (
    AGENT_PREPOSITIONS,
    AUXILIARIES,
    COMPLEMENTIZERS,
    CONTRASTIVE,
    CORRELATES,
    NON_CONTENT_OPENERS,
    PURPOSE_OPENERS,
    RELATIVE,
    SUBORDINATORS,
)

CLAUSE_BOUNDARIES = (",", ";", ":", ".", "„", "“", '"')
"""Tokens that bound the stretch of words around a verb (:func:`clause_around`)."""
SEGMENT_BOUNDARIES = (",", ";", ":", "–", "—")
"""Tokens that split a sentence into segments (:func:`segments`); a spaced hyphen too."""


def cue_words(verb: Word) -> list[Word]:
    """The verb, its detached particle and its auxiliaries, in text order:
    "teilte … mit", "hatte … erklärt", "wurde … bekannt gegeben"."""
    words = [verb]
    prt = verb.particle
    if prt is not None and prt is not verb:
        words.append(prt)
    clause = clause_around(verb)
    tense_aux = [w for w in clause if w.upos == "AUX" and w.lem in AUXILIARIES
                 and w.feat("VerbForm") != "Inf"]
    participle = participle_or_infinitive(verb) or verb.upos == "VERB" and verb.low.startswith("ge")
    # "hatte erklärt" with the participle untagged: the auxiliary right before the verb's stretch, or right after
    # it in a verb-final clause ("…, dass X mitgeteilt hatte")
    right_after = verb.sent.words[verb.i + 1] if verb.sent is not None and verb.i + 1 < len(verb.sent.words) else None
    if not participle and verb.feat("VerbForm") != "Fin" and (
            any(a.id < verb.id for a in tense_aux) and not any(w.upos == "VERB" and a.id < w.id < verb.id
                                                               for a in tense_aux for w in clause)
            or right_after in tense_aux):
        participle = True
    if participle:
        aux = [c for c in verb.children if c.deprel in ("aux", "aux:pass") and c.upos == "AUX"]
        if not aux:  # the parser missed the attachment: the finite auxiliary of the clause
            aux = tense_aux[:1]
        words += aux
        # "ließ verlauten": lassen with the infinitive
        words += [w for w in clause if w.lem == "lassen" and w.id < verb.id][:1]
    words += attitude_words(verb) if verb.lem in verbs_with("attitude") else []  # "zeigte sich zufrieden"
    # "äußerte sich", "geht davon aus", "weist darauf hin": reflexive and correlate belong to the verb
    words += [w for w in clause if w.low == "sich" and abs(w.id - verb.id) <= 3]
    words += [w for w in clause if w.low in CORRELATES and abs(w.id - verb.id) <= 6]
    # the preposition the verb governs: "bezeichnete … als", "sprach von", "warnte vor"
    prep = verb_value(speech_lemma(verb) or "", "prep")
    if prep:
        words += [w for w in clause if w.low == prep and w.id > verb.id][:1]
    # "kommentierte mit den Worten", "zitiert … mit folgenden Worten"
    for k, w in enumerate(clause[:-2]):
        if w.low == "mit" and clause[k + 2].low == "worten" and clause[k + 1].low in ("den", "folgenden"):
            words += clause[k : k + 3]
    return sorted({w.id: w for w in words}.values(), key=lambda x: x.id)


def clause_around(verb: Word) -> list[Word]:
    """The words of the verb's comma-bounded stretch."""
    sent = verb.sent
    if sent is None:
        return [verb]
    words = sent.words
    lo = verb.i
    while lo > 0 and words[lo - 1].text not in CLAUSE_BOUNDARIES:
        lo -= 1
    hi = verb.i
    while hi + 1 < len(words) and words[hi + 1].text not in CLAUSE_BOUNDARIES:
        hi += 1
    return words[lo : hi + 1]


def is_passive(verb: Word) -> bool:
    """"wird vorgeworfen", "wurde beschuldigt": a participle with a form of werden."""
    if verb.feat("VerbForm") != "Part" and not verb.low.startswith("ge") and "ge" not in verb.low[2:5] \
            and not (verb.low.endswith("t") and any(c.deprel == "aux:pass" for c in verb.children)):
        return False  # (a participle without "ge" and without its tag: "werden … bezeichnet" with aux:pass)
    if any(c.deprel == "aux:pass" or (c.deprel.startswith("aux") and c.lem == "werden") for c in verb.children):
        return True
    # the parser missed the attachment: a finite form of werden in the verb's stretch and no other auxiliary
    aux = [w for w in clause_around(verb) if w.upos == "AUX" and w.lem in AUXILIARIES
           and w.feat("VerbForm") != "Inf"]
    return bool(aux) and all(w.lem == "werden" for w in aux) and not any(c.deprel.startswith("aux") for c in verb.children)


def passive_agent(verb: Word) -> Optional[Word]:
    """The "von X" / "durch X" agent of a passive verb."""
    for c in verb.children:
        if c.deprel.startswith("obl") and any(x.deprel == "case" and x.low in AGENT_PREPOSITIONS for x in c.children):
            return c
    return None


def segments(sent: Sentence) -> list[list[Word]]:
    """The sentence split at commas, colons, semicolons and dashes (punctuation dropped)."""
    words = sent.words
    out: list[list[Word]] = []
    prev = 0
    for i in [i for i, w in enumerate(words) if w.text in _CUTS]:  # the few candidate boundaries, then each
        w = words[i]
        if w.text == "-" and not (w.id > 1 and w.start > words[w.id - 2].end):
            continue  # a hyphen inside a word ("SPD-Chef"), not a spaced dash
        if i > prev:
            out.append(words[prev:i])
        prev = i + 1
    if prev < len(words):
        out.append(words[prev:])
    return out


_CUTS = frozenset(SEGMENT_BOUNDARIES) | {"-"}


def opens_subclause(seg: list[Word]) -> bool:
    """The segment starts a subordinate or relative clause: "dass …", "der …",
    "auf dem …", "unter denen …"."""
    if not seg:
        return False
    first = seg[0]
    if first.low in SUBORDINATORS or first.upos == "SCONJ":
        return True
    if first.low in RELATIVE and first.upos == "PRON":
        return True
    return first.upos == "ADP" and len(seg) > 1 and seg[1].low in RELATIVE and seg[1].upos in ("PRON", "DET") \
        and (len(seg) < 3 or seg[2].upos not in ("NOUN", "ADJ", "PROPN"))


def relative_clause_end(words: list[Word], comma: int, prepositional: bool = False) -> Optional[int]:
    """The index of the comma that closes a relative clause opened by the comma at ``comma`` ("…, der dann
    stattfand, …"), or None where no relative pronoun follows that comma or no comma closes the clause. With
    ``prepositional`` a preposition may come first ("…, bei dem …", as :func:`opens_subclause` reads it)."""
    opener = words[comma + 1 : comma + 4]
    if not opener:
        return None
    first = opener[0]
    if prepositional:
        relative = opens_subclause(opener) and (first.low in RELATIVE or first.upos == "ADP" and len(opener) > 1
                                                and opener[1].low in RELATIVE)
    else:
        relative = first.low in RELATIVE and first.upos == "PRON"
    if not relative:
        return None
    return next((k for k in range(comma + 2, len(words)) if words[k].text == ","), None)


def starts_new_clause(seg: list[Word]) -> bool:
    """A segment after reported content that starts a new main clause in the
    indicative: verb first (", stellt sich die ADR hinter …"), an adverb and
    the verb (", mehrmals wurde …"), or a "was" clause about the whole
    (", was bisher nicht bestätigt werden konnte")."""
    if not seg:
        return False
    if seg[0].low in CONTRASTIVE and len(seg) > 2:
        rest = seg[1:]  # "…, denn bisher gibt es …": a coordinated main clause in the indicative
        if starts_new_clause(rest) or _subject_then_indicative(rest):
            return True
    head = seg[:2]
    if any(finite(w, marked=True) and not konjunktiv(w) for w in head if w is seg[0] or seg[0].upos == "ADV"):
        return True
    return seg[0].low == "was" and not clause_has_konjunktiv(seg)


NOUN_PHRASE_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
"""Parts of speech a subject noun phrase before its verb is made of ("doch UN-Pressesprecher Nicholas Birnback
erklärte …")."""


def _subject_then_indicative(words: list[Word]) -> bool:
    """``words`` open with a pronoun, or a noun phrase that a noun or name ends, and then an indicative finite
    verb: a main clause of its own ("doch die Richterin ließ sich …", "aber er betonte …")."""
    if words[0].upos == "PRON":
        k = 1
    else:
        k = 0
        while k < len(words) - 1 and k < 6 and words[k].upos in NOUN_PHRASE_TAGS:
            k += 1
        if k == 0 or words[k - 1].upos not in ("NOUN", "PROPN"):
            return False
    return k < len(words) and finite(words[k], marked=True) and not konjunktiv(words[k])


def cut_coordinated_verb(words: list[Word], verb: Word) -> list[Word]:
    """End reported content before "und" + a finite verb that continues the frame:
    "…, sie müssten ihre Zurückhaltung aufgeben und bemühte das Bild …"."""
    for k in range(1, len(words) - 1):
        w, nxt = words[k], words[k + 1]
        if w.low in ("und", "sowie") and finite(nxt, marked=True) and not konjunktiv(nxt) and nxt.feat("Tense") == verb.feat("Tense") \
                and nxt.feat("Number") == verb.feat("Number"):
            return words[:k]
    return words


def middle_field_follows(before: list[list[Word]], after: list[Word]) -> bool:
    """An interposed frame splits one main clause right after its finite verb, and the clause's middle field
    follows the frame: "Die Regierung werde, sagte Merkel, alles tun, …", "Die Kürzung verstoße, wie das Gericht
    mitteilte, gegen den Grundsatz …". ``before`` (the segments before the frame) ends with a finite verb in a
    segment that opens no subordinate clause (verb second; a verb-final "…, das … befunden hatte" is complete),
    and ``after`` (the stretch after the frame up to the next comma) has words but no finite verb of its own (a
    clause of its own would: "…, sagte er, und forderte Hilfe")."""
    if not before or opens_subclause(before[-1]):
        return False
    words = content_words(before[-1])
    if not words or words[-1].upos not in ("VERB", "AUX") \
            or not (finite(words[-1], marked=True) or konjunktiv(words[-1])):  # (small taggers leave "verstoße" bare)
        return False
    return bool(content_words(after)) and not any(w.upos in ("VERB", "AUX") and finite(w, marked=True)
                                                  for w in after)


def verb_list_item(segs: list[list[Word]], j: int) -> bool:
    """Segment ``j`` continues a list of verbs after a comma, no clause of its own: a verb not tagged finite,
    alone or before "und"/"oder" ("…, wurden … verhaftet, | verurteilt oder angeklagt")."""
    seg = content_words(segs[j])
    if not seg or seg[0].upos != "VERB" or seg[0].feat("VerbForm") == "Fin":
        return False
    return len(seg) > 1 and seg[1].upos == "CCONJ" or len(seg) == 1 and j + 1 < len(segs)


def content_words(words: list[Word]) -> list[Word]:
    """Drop leading/trailing punctuation."""
    i, j = 0, len(words)
    while i < j and is_punct(words[i]):
        i += 1
    while j > i and is_punct(words[j - 1]):
        j -= 1
    return words[i:j]


def content_evidence(words: list[Word], lemma: str, thinking: bool, after_frame: bool = False) -> Optional[str]:
    """Evidence that ``words`` are reported content of a frame with ``lemma``, or None: "complementizer:dass",
    "konjunktiv:sei", "zu-infinitive", "w-clause:warum" or "main-clause" (a verb of saying, or any frame
    before the content with ``after_frame``). Verbs of ``thinking`` need dass/ob or a Konjunktiv, or a
    zu-infinitive where ``thinking_verbs`` marks them "zu" ("hofft, die Frau halten zu können")."""
    words = content_words(words)
    if len(words) < 2:
        return None
    first = words[0].low
    if first in COMPLEMENTIZERS:
        return f"complementizer:{first}"
    if relative_opener(words) or first in NON_CONTENT_OPENERS:
        return None  # "…, die mittels einer Luftbrücke …", "…, nachdem …": not what was said
    k = clause_has_konjunktiv(words)
    if k is not None:
        return f"konjunktiv:{k.low}"
    if thinking and not (lemma in words_with("thinking_verbs", "zu") and has_zu_infinitive(words)
                         and first not in PURPOSE_OPENERS and not any(w.finite for w in _outside_past_zu(words))):
        return None  # a verb of thinking needs dass/ob, a Konjunktiv or, where it takes one, a zu-infinitive
    if has_zu_infinitive(words) and first not in PURPOSE_OPENERS \
            and (takes_zu(lemma) or not any(w.finite for w in _outside_past_zu(words))):  # not "…, um … zu …"
        return "zu-infinitive"
    if first in SUBORDINATORS and first not in COMPLEMENTIZERS and lemma in verbs_with("wh"):
        return f"w-clause:{first}"
    openers = ("PRON", "DET", "NOUN", "PROPN", "ADV", "ADJ", "NUM") + (("ADP", "VERB", "AUX") if after_frame else ())
    # the finite verb must come before a colon or quotation mark: "…, der Geschäftsführer: „Ich …“" is a frame
    cut = next((i for i, w in enumerate(words[:-1]) if w.text == ":" and words[i + 1].text in OPENING_MARKS), len(words))
    head = words[:cut][:8]
    if lemma and (lemma in verbs_with("saying") or after_frame) and words[0].upos in openers \
            and (any(w.finite for w in head) or _after_one_constituent(words[:cut])):
        if first in RELATIVE and words[0].upos == "PRON" or first in SUBORDINATORS:
            return None  # a relative or w-clause about something named before: "…, was ein Hinweis ist"
        return "main-clause"
    return None


def _after_one_constituent(words: list[Word]) -> bool:
    """A finite verb follows a long first constituent, as in a main clause (verb second): "Ein weiteres
    Konsulat in der balinesischen Hauptstadt Denpasar | soll folgen". The words before the first finite
    verb form one phrase without a verb, and the phrase hangs on that verb (or on the verb its auxiliary
    serves)."""
    f = next((i for i, w in enumerate(words) if w.finite), None)
    if not f or words[0].upos == "SCONJ" or words[0].low in SUBORDINATORS:
        return False
    ids = {w.id for w in words[:f]}
    tops = [w for w in words[:f] if w.head not in ids and not is_punct(w)]
    verb = words[f]
    return len(tops) == 1 and tops[0].head in (verb.id, verb.head) \
        and not any(w.upos in ("VERB", "AUX") for w in words[:f])


PAST_ZU = ("haben", "sein", "werden")
"""Auxiliaries of a past or passive zu-infinitive: "verwickelt zu sein", "gesichtet zu haben"."""


def _outside_past_zu(words: list[Word]) -> list[Word]:
    """``words`` without the participles of a past or passive zu-infinitive ("gesichtet zu haben", "missbraucht
    worden zu sein"): the compact parser often tags such a participle as finite ("verwickelt" reads like the
    present tense), which would make the clause look like a main clause of its own."""
    out = []
    for k, w in enumerate(words):
        nxt = [x.low for x in words[k + 1 : k + 4]]
        if nxt[:2] and nxt[0] == "zu" and nxt[1:2] and nxt[1] in PAST_ZU \
                or nxt[:3] == ["worden", "zu", "sein"] or w.low == "worden" and nxt[:2] == ["zu", "sein"]:
            continue
        out.append(w)
    return out


def relative_opener(words: list[Word]) -> bool:
    """The words open a relative clause: "die …", "das …", "welche …" without a noun after the pronoun, also
    after a preposition ("in der es heißt", "mit denen …")."""
    if len(words) > 2 and words[0].upos == "ADP" and words[1].low in RELATIVE and words[1].low != "wo":
        words = words[1:]
    first = words[0]
    if first.low not in RELATIVE or first.low == "wo":
        return False
    nxt = words[1] if len(words) > 1 else None
    if nxt is not None and first.low == "denen":
        return True  # never an article: "Studien, nach denen Homöopathie … ebenbürtig sei"
    return nxt is not None and nxt.upos not in ("NOUN", "PROPN", "ADJ", "NUM", "X", "ADV") \
        and not nxt.text[:1].isupper()


def semicolon_clause(sent: Sentence, first_id: int, last_id: int) -> tuple[int, int]:
    """The word ids of the semicolons around words ``first_id`` .. ``last_id`` of ``sent`` (0 and one past
    the last word where there is none): a semicolon closes a clause, so what a rule takes as a frame's clause
    or content stays strictly between them ("Die Tat sei …; nach Behördenangaben stecke …")."""
    semis = [w.id for w in sent.words if w.text == ";"]
    return (max((i for i in semis if i < first_id), default=0),
            min((i for i in semis if i > last_id), default=len(sent.words) + 1))

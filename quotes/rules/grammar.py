"""German grammar helpers shared by the rule families.

They read the dependency tree where it helps, but always back it with word
forms, punctuation and word order, because parsers (especially small ones)
get German clause attachment wrong often: a rule that only trusts the tree
breaks on the compact model, one that only trusts the surface breaks on
long sentences.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from ..doc import Sentence, Word
from ..lexicon import compound_of, load_table, load_words
from .base import Offsets, is_punct
from .quotemarks import CLOSING_MARKS, OPENING_MARKS

PERSONAL_PRONOUNS = {"er", "sie", "es", "wir", "ich", "man", "ihr", "du"}
SUBORDINATORS = {"dass", "daß", "ob", "wie", "warum", "weshalb", "weswegen", "wann", "wo", "wer", "was", "wen",
                 "wem", "wohin", "woher", "inwiefern", "inwieweit", "welche", "welcher", "welches"}
RELATIVE = {"der", "die", "das", "dem", "den", "denen", "dessen", "deren", "welche", "welcher", "welches", "wo"}
NOUNISH = {"NOUN", "PROPN", "PRON"}
TITLE_ABBREVIATIONS = {"prof", "dr", "dipl", "ing", "st", "hl", "med", "phil", "rer", "nat", "jur"}
GENITIVE_DETS = {"des", "der", "eines", "einer", "dessen", "deren"}


SEPARABLE_PARTICLES = {"ab", "an", "auf", "aus", "bei", "dar", "ein", "fest", "fort", "her", "heraus", "hervor",
                       "hin", "hinzu", "mit", "nach", "vor", "weg", "weiter", "zu", "zurück", "zusammen", "bekannt",
                       "klar", "entgegen", "nieder", "dagegen", "voraus", "vorher", "wieder", "offen"}


WRITTEN_APART = {"bekannt", "fest", "klar", "offen"}


_UNSET = object()


def separable_particle(w: Word) -> Optional[Word]:
    """The detached particle of a finite verb ("teilte … mit", "warf … vor").

    Taken from the tree where the parser attached it to the verb, else read
    from the surface: the last word of the verb's clause, if it is a particle
    with nothing depending on it. Computed once per word (the rules ask often).
    """
    cached = w.__dict__.get("_particle", _UNSET)
    if cached is _UNSET:
        cached = w.__dict__["_particle"] = _separable_particle(w)
    return cached  # type: ignore[return-value]


def _separable_particle(w: Word) -> Optional[Word]:
    for c in w.children:
        if c.deprel == "compound:prt":
            return c
    if w.sent is None:
        return None
    words = w.sent.words
    if w.i > 0 and words[w.i - 1].low in WRITTEN_APART and words[w.i - 1].end < w.start:
        return words[w.i - 1]  # old spelling: "wie der Verband bekannt gab", "wurde bekannt gegeben"
    if w.upos not in ("VERB", "AUX") or w.feat("VerbForm") in ("Inf", "Part"):
        return None
    j = w.i + 1
    last = None
    while j < len(words) and words[j].text not in (",", ".", ";", ":", "!", "?", "„", "\"", "(") and j - w.i <= 12:
        last = words[j]
        j += 1
    if last is not None and last is not w and last.low in SEPARABLE_PARTICLES:
        return last  # the last word before the clause ends: "gab heute bekannt,"
    if j < len(words) and words[j].text == ",":
        # appositions in between: "teilte der Direktor der Behörde, Bagus Puruhito, mit."
        k = len(words) - 1
        while k > j and words[k].upos == "PUNCT":
            k -= 1
        tail = words[j:k]
        if k > j and words[k].low in SEPARABLE_PARTICLES and words[k - 1].text == "," and k - j <= 12 and not any(
            x.upos in ("VERB", "AUX") for x in tail
        ):
            return words[k]
    return None


def cue_words(verb: Word) -> list[Word]:
    """The verb, its detached particle and its auxiliaries, in text order:
    "teilte … mit", "hatte … erklärt", "wurde … bekannt gegeben"."""
    words = [verb]
    prt = separable_particle(verb)
    if prt is not None and prt is not verb:
        words.append(prt)
    clause = _clause_around(verb)
    tense_aux = [w for w in clause if w.upos == "AUX" and w.lem in ("haben", "sein", "werden")
                 and w.feat("VerbForm") != "Inf"]
    participle = verb.feat("VerbForm") in ("Part", "Inf") or verb.upos == "VERB" and verb.low.startswith("ge")
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
    # "äußerte sich", "geht davon aus", "weist darauf hin": reflexive and correlate belong to the verb
    words += [w for w in clause if w.low == "sich" and abs(w.id - verb.id) <= 3]
    words += [w for w in clause if w.low in CORRELATES and abs(w.id - verb.id) <= 6]
    # the preposition the verb governs: "bezeichnete … als", "sprach von", "warnte vor"
    prep = GOVERNED_PREPOSITIONS.get(speech_lemma(verb) or "")
    if prep:
        words += [w for w in clause if w.low == prep and w.id > verb.id][:1]
    # "kommentierte mit den Worten", "zitiert … mit folgenden Worten"
    for k, w in enumerate(clause[:-2]):
        if w.low == "mit" and clause[k + 2].low == "worten" and clause[k + 1].low in ("den", "folgenden"):
            words += clause[k : k + 3]
    return sorted({w.id: w for w in words}.values(), key=lambda x: x.id)


GOVERNED_PREPOSITIONS = {"bezeichnen": "als", "einstufen": "als", "werten": "als", "zurückweisen": "als",
                         "charakterisieren": "als", "sprechen": "von", "warnen": "vor", "appellieren": "an"}
"""Prepositions that belong to the cue of a reporting verb (news-quotes-de annotates "bezeichnete als")."""


CORRELATES = {"davon", "darauf", "daran", "damit", "dafür", "dazu", "darüber", "dagegen", "darum", "dabei", "davor"}


def _clause_around(verb: Word) -> list[Word]:
    """The words of the verb's comma-bounded stretch."""
    sent = verb.sent
    if sent is None:
        return [verb]
    words = sent.words
    lo = verb.i
    while lo > 0 and words[lo - 1].text not in (",", ";", ":", ".", "„", "“", '"'):
        lo -= 1
    hi = verb.i
    while hi + 1 < len(words) and words[hi + 1].text not in (",", ";", ":", ".", "„", "“", '"'):
        hi += 1
    return words[lo : hi + 1]


def speech_lemma(w: Word) -> Optional[str]:
    """The reporting-verb lemma of ``w`` (with its separable particle), or None."""
    if w.upos not in ("VERB", "AUX", "ADJ") or not w.text[:1].isalpha():
        return None
    prt = separable_particle(w)
    return _speech_lemma(w.low, w.lem, prt.low if prt else "", w.upos)


_ENDINGS = ("eten", "ete", "ten", "te", "test", "tet", "et", "t", "en", "e")


@lru_cache(maxsize=65536)
def _speech_lemma(low: str, lem: str, particle: str, upos: str) -> Optional[str]:
    verbs = load_table("speech_verbs")
    irregular = load_table("irregular_verbs")
    guesses = [lem]
    if low in irregular:
        guesses.append(irregular[low][0])
    for p in SEPARABLE_PARTICLES:
        # a particle written together in a verb-final clause: "als er es vorschlug"
        if low.startswith(p) and low[len(p):] in irregular:
            guesses.append(p + irregular[low[len(p):]][0])
    for end in _ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = low[: -len(end)]
            guesses += [stem + "en", stem + "n"]
    for g in guesses:
        for cand in ((particle + g, g) if particle else (g,)):
            if cand in verbs:
                return cand
    # participles the lemmatiser missed: "mitgeteilt", "angekündigt"
    return _participles().get(low)


@lru_cache(maxsize=1)
def _participles() -> dict[str, str]:
    """Participle forms of the reporting verbs -> lemma: ``angekündigt`` -> ``ankündigen``
    (particle + ge + stem + t/et/en), ``gesagt``, ``erklärt``."""
    index: dict[str, str] = {}
    for lemma in load_table("speech_verbs"):
        stem = lemma[:-2] if lemma.endswith("en") else lemma
        forms = [f"ge{stem}t", f"ge{stem}et", f"{stem}t"]
        for i in range(2, min(6, len(stem))):
            particle, rest = stem[:i], stem[i:]
            forms += [f"{particle}ge{rest}t", f"{particle}ge{rest}et", f"{particle}ge{rest}en"]
        for form in forms:
            index.setdefault(form, lemma)
    return index


def takes_zu(lemma: str) -> bool:
    row = load_table("speech_verbs").get(lemma)
    return bool(row) and "zu" in row


def is_thinking(w: Word) -> bool:
    prt = separable_particle(w)
    particle = prt.low if prt else ""
    return w.upos == "VERB" and (particle + w.lem in load_words("thinking_verbs") or w.lem in load_words("thinking_verbs"))


def konjunktiv(w: Word, strict: bool = False) -> bool:
    """``w`` is a finite verb form typical of indirect speech.

    With ``strict`` only Konjunktiv I counts (sei, habe, werde, gehe …), which
    marks reported speech on its own; Konjunktiv II (wäre, hätte, würde) is
    also the conditional mood.
    """
    if w.upos not in ("VERB", "AUX"):
        return False
    if w.low == "sei" and w.sent is not None and 0 < w.i < len(w.sent.words) - 1 \
            and w.sent.words[w.i - 1].low == "es" and w.sent.words[w.i + 1].low == "denn":
        return False  # "es sei denn" (unless) is an idiom, not reported speech
    table = load_table("konjunktiv_forms")
    row = table.get(w.low)
    if row is None:
        # a Konjunktiv II form behind an inseparable prefix: "befänden", "ergäbe", "verstünde"
        prefix = next((p for p in INSEPARABLE_PREFIXES if w.low.startswith(p) and w.low[len(p):] in table), None)
        rest = w.low[len(prefix):] if prefix is not None else ""
        # umlaut forms only: "blieben", "gingen", "ließen" are past indicative as well ("verließen", "geblieben")
        if prefix is not None and table[rest][0] == "2" and rest not in MODAL_FORMS and set(rest) & set("äöü"):
            row = ("2",)
    if row is not None:
        if row[0] == "1" and w.low in FIRST_PERSON_FORMS and _first_person(w):
            return False  # "Ich habe …", "Ich werde …": indicative first person
        return not strict or row[0] == "1"
    return konjunktiv1_by_rule(w)


INSEPARABLE_PREFIXES = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer")
"""Prefixes that stay on the verb in every form: "befinden" -> "befänden"."""

MODAL_FORMS = {"hätte", "hätten", "wäre", "wären", "würde", "würden"}
"""Auxiliary forms that never take an inseparable prefix ("erwäre" is no word)."""

FIRST_PERSON_FORMS = {"habe", "werde", "wisse", "gebe"}


def _first_person(w: Word) -> bool:
    """An "ich" next to the verb (subject before or right after it), or a sentence-initial
    verb with no subject ("Habe mir das Buch gekauft")."""
    sent = w.sent
    if sent is None:
        return False
    near = sent.words[max(0, w.i - 2) : w.i + 3]
    if any(x.low == "ich" for x in near):
        return True
    return w.i == 0 and w.text[:1].isupper()


def konjunktiv1_by_rule(w: Word) -> bool:
    """Third person Konjunktiv I in -e: "gehe", "komme", "gelte" (an infinitive minus its n, from the lemma
    or from the verb lemma list where the lemmatiser fails)."""
    low, lem = w.low, w.lem
    if len(low) < 4 or not low.endswith("e"):
        return False
    if low.endswith("te") and low[:-2] + "en" in load_words("verb_lemmas"):
        return False  # a weak preterite the lemmatiser took for an infinitive: "überholte" (lemma "überholten")
    if (low == lem[:-1] and lem.endswith("en") or low + "n" in load_words("verb_lemmas")) \
            and w.feat("VerbForm") not in ("Inf", "Part"):
        # "gehe" from "gehen"; excludes first person by requiring no "ich" before it
        sent = w.sent
        if sent is not None and any(x.low == "ich" for x in sent.words[max(0, w.i - 3): w.i + 3]):
            return False
        return True
    return False


def clause_has_konjunktiv(words: Iterable[Word], strict: bool = False) -> Optional[Word]:
    for w in words:
        if konjunktiv(w, strict):
            return w
    return None


def after_zu(w: Word) -> bool:
    """The word follows "zu": an infinitive ("… die Polizei zu rufen"), not a finite verb."""
    return w.i > 0 and w.sent is not None and w.sent.words[w.i - 1].low == "zu"


_ZU_INF = None


def has_zu_infinitive(words: list[Word]) -> bool:
    """"zu behindern", "verletzt zu haben", or one word with the particle: "auszuschließen"."""
    global _ZU_INF
    if _ZU_INF is None:
        import regex

        particles = SEPARABLE_PARTICLES | ZU_INFINITIVE_PARTICLES
        _ZU_INF = regex.compile(r"^(?:%s)zu\p{Ll}{3,}(?:en|ern|eln)$" % "|".join(sorted(particles, key=len, reverse=True)))
    for a, b in zip(words, words[1:]):
        if a.low == "zu" and b.upos in ("VERB", "AUX") and (b.low.endswith(("en", "ern", "eln")) or b.low in ("sein", "tun")):
            return True
    return any(w.upos in ("VERB", "AUX", "NOUN", "ADJ") and _ZU_INF.match(w.low) for w in words)


ZU_INFINITIVE_PARTICLES = {"voran", "vorbei", "herbei", "hinaus", "heran", "herauf", "hinein", "herein", "los", "um",
                           "durch", "über", "unter", "wieder", "entgegen", "gegenüber", "auseinander", "bereit",
                           "teil", "statt", "frei", "hoch", "kennen", "sicher", "bei", "nieder", "zurecht"}
"""More first parts of verbs written with zu inside: "voranzutreiben", "teilzunehmen", "sicherzustellen"."""


def segments(sent: Sentence) -> list[list[Word]]:
    """The sentence split at commas, colons, semicolons and dashes (punctuation dropped)."""
    out: list[list[Word]] = [[]]
    for w in sent.words:
        if w.text in (",", ";", ":", "–", "—") or (w.text == "-" and w.i > 0 and w.start > sent.words[w.i - 1].end):
            if out[-1]:
                out.append([])
            continue
        out[-1].append(w)
    return [s for s in out if s]


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


def _finite(w: Word) -> bool:
    return w.upos in ("VERB", "AUX") and w.feat("VerbForm") not in ("Inf", "Part") and \
        (w.feat("VerbForm") == "Fin" or w.feat("Mood") is not None or w.feat("Tense") is not None)


def starts_new_clause(seg: list[Word]) -> bool:
    """A segment after reported content that starts a new main clause in the
    indicative: verb first (", stellt sich die ADR hinter …"), an adverb and
    the verb (", mehrmals wurde …"), or a "was" clause about the whole
    (", was bisher nicht bestätigt werden konnte")."""
    if not seg:
        return False
    if seg[0].low in ("denn", "doch", "aber", "sondern", "jedoch") and len(seg) > 2:
        rest = seg[1:]  # "…, denn bisher gibt es …": a coordinated main clause in the indicative
        if starts_new_clause(rest) or (rest[0].upos in ("PRON", "NOUN", "PROPN") and _finite(rest[1])
                                       and not konjunktiv(rest[1])):
            return True
    head = seg[:2]
    if any(_finite(w) and not konjunktiv(w) for w in head if w is seg[0] or seg[0].upos == "ADV"):
        return True
    return seg[0].low == "was" and not clause_has_konjunktiv(seg)


def cut_coordinated_verb(words: list[Word], verb: Word) -> list[Word]:
    """End reported content before "und" + a finite verb that continues the frame:
    "…, sie müssten ihre Zurückhaltung aufgeben und bemühte das Bild …"."""
    for k in range(1, len(words) - 1):
        w, nxt = words[k], words[k + 1]
        if w.low in ("und", "sowie") and _finite(nxt) and not konjunktiv(nxt) and nxt.feat("Tense") == verb.feat("Tense") \
                and nxt.feat("Number") == verb.feat("Number"):
            return words[:k]
    return words


@lru_cache(maxsize=65536)
def is_role_noun(word: str) -> bool:
    """"Sprecher", "Kremlsprecher", "Außenministerin": a role, not a name."""
    return compound_of(word.lower().strip("-"), "role_nouns")


@lru_cache(maxsize=65536)
def is_speaking_noun(word: str) -> bool:
    """"Polizei", "Wahlkommission", "Medien": a group or institution that speaks."""
    return compound_of(word.lower().split("-")[-1], "speaking_nouns", min_head=5)


def can_speak(spk: list[Word]) -> bool:
    """A phrase that names someone who can speak: a name, a role ("der Sprecher"), a group or institution
    ("die Polizei", "chinesische Medien"), a personal pronoun."""
    return any(w.upos == "PROPN" or is_role_noun(w.text) or is_speaking_noun(w.text) or w.low in ("er", "sie", "wir")
               for w in spk)


def adverbial_kind(w: Word) -> Optional[str]:
    """"adv", "adj" or "adp" for a word that never heads a noun phrase ("Zuletzt",
    "Unterdessen", "Aufgrund"), whatever tag the parser gave it; else None."""
    kind = load_table("adverbials").get(w.low)
    return kind[0] if kind else None


def content_words(words: list[Word]) -> list[Word]:
    """Drop leading/trailing punctuation."""
    i, j = 0, len(words)
    while i < j and is_punct(words[i]):
        i += 1
    while j > i and is_punct(words[j - 1]):
        j -= 1
    return words[i:j]


def is_passive(verb: Word) -> bool:
    """"wird vorgeworfen", "wurde beschuldigt": a participle with a form of werden."""
    if verb.feat("VerbForm") != "Part" and not verb.low.startswith("ge") and "ge" not in verb.low[2:5]:
        return False
    if any(c.deprel == "aux:pass" or (c.deprel.startswith("aux") and c.lem == "werden") for c in verb.children):
        return True
    # the parser missed the attachment: a finite form of werden in the verb's stretch and no other auxiliary
    aux = [w for w in _clause_around(verb) if w.upos == "AUX" and w.lem in ("haben", "sein", "werden")
           and w.feat("VerbForm") != "Inf"]
    return bool(aux) and all(w.lem == "werden" for w in aux) and not any(c.deprel.startswith("aux") for c in verb.children)


def passive_agent(verb: Word) -> Optional[Word]:
    """The "von X" / "durch X" agent of a passive verb."""
    for c in verb.children:
        if c.deprel.startswith("obl") and any(x.deprel == "case" and x.low in ("von", "vom", "durch", "seitens") for x in c.children):
            return c
    return None


def passive_zitieren(verb: Word) -> Optional[tuple[Optional[list[Word]], Optional[list[Word]]]]:
    """"X wird von Reuters (mit den Worten) zitiert": (speaker X, medium Reuters), else None."""
    if not is_passive(verb):
        return None
    subj = next((c for c in verb.children if c.deprel in ("nsubj:pass", "nsubj")), None)
    agent = passive_agent(verb)
    medium = [w for w in np_extent(agent) if not (w.deprel == "case" and w.parent is agent)] if agent else None
    return (np_extent(subj) if subj is not None else None), medium


def zitieren_roles(verb: Word, speaker: Optional[list[Word]], region: tuple[int, int]
                   ) -> tuple[Optional[list[Word]], Optional[list[Word]]]:
    """Who is quoted and who relays it, for "zitieren" frames: (speaker, medium).

    Active: "…, zitierten staatliche Medien Kwon" — the subject is the medium,
    the object the speaker (parsers often glue both into one phrase, which is
    split where a common noun meets a name). Passive: "X wird von Reuters
    zitiert" — the subject is the speaker, the agent the medium.
    """
    passive = passive_zitieren(verb)
    if passive is not None:
        return passive
    if not speaker:
        return speaker, None
    sent = verb.sent
    taken = {w.id for w in speaker}
    obj = next((c for c in verb.children if c.deprel in ("obj", "iobj") and region[0] <= c.id <= region[1]
                and c.id not in taken), None)
    obj_words = np_extent(obj, region) if obj is not None else None
    if obj_words is None and sent is not None and speaker[-1].id < region[1]:
        obj_words = surface_np(sent, speaker[-1].id + 1, region[1]) or None
    if obj_words and not taken & {w.id for w in obj_words}:
        if len(speaker) == 1 and speaker[0].low in ("man", "es"):
            return obj_words, None  # "zitiert man Yolanda Alvarez": no medium named
        return obj_words, speaker
    medium, rest = split_medium(speaker)
    return rest, medium


def subject_of(verb: Word) -> Optional[Word]:
    """The nominal subject of ``verb`` (or of the auxiliary/modal chain it heads).

    For a passive verb the subject is the patient, not the speaker: the agent
    ("von X") is returned instead, or None.
    """
    if is_passive(verb):
        return passive_agent(verb)
    for c in verb.children:
        if c.deprel in ("nsubj", "nsubj:pass", "csubj") and c.upos in NOUNISH | {"DET", "ADJ", "NUM", "X"} \
                and not adverbial_kind(c) and c.low != "sich" and not _weak_oblique(c) \
                and not any(x.deprel == "case" and x.id < c.id for x in c.children) and not _heading(c) \
                and not any(x.low in ("als", "wie") and x.id < c.id for x in c.children):  # "Als Ersatz wollen …"
            return c  # not "Zuletzt", not "Über Steve Fossett": neither is a subject
    head = verb.parent
    if head is not None and verb.deprel in ("xcomp", "conj") and head.upos in ("VERB", "AUX"):
        return subject_of(head) if head is not verb else None
    return None


def _heading(w: Word) -> bool:
    """A lead word before a colon opening the sentence ("Arbeitswelt: Die SPD fordert …"), not a subject."""
    sent = w.sent
    return sent is not None and w.i + 1 < len(sent.words) and sent.words[w.i + 1].text == ":" \
        and all(x.upos in ("NOUN", "PROPN", "ADJ", "DET") for x in sent.words[: w.i + 1])


def _weak_oblique(noun: Word) -> bool:
    """"der englischsprachigen Zeitung": "der" with a weak adjective in -en before a noun is dative or
    genitive singular (the nominative would be "der englischsprachige …"), never a subject."""
    words = noun.sent.words if noun.sent is not None else []
    k = noun.i - 1
    while k >= 0 and (words[k].upos == "ADJ" or words[k].text in ("-", "–")):
        k -= 1
    mods = words[k + 1 : noun.i]
    return k >= 0 and words[k].low == "der" and bool(mods) and mods[-1].low.endswith("en")


def np_extent(head: Word, limit: Optional[tuple[int, int]] = None) -> list[Word]:
    """The noun phrase headed by ``head``: its subtree, cut at clauses and at ``limit`` (word ids)."""
    sent = head.sent
    assert sent is not None
    words = []
    for w in sent.subtree(head):
        if limit and not (limit[0] <= w.id <= limit[1]):
            continue
        words.append(w)
    # drop relative clauses and anything after a finite verb inside the NP
    keep = []
    for w in words:
        if w is not head and w.upos in ("VERB", "AUX") and w.id > head.id:
            break
        keep.append(w)
    keep = _contiguous(keep, head)
    # a comma that opens no apposition: ", ihre „Gedanken …", ", dass …"
    for k, w in enumerate(keep):
        if w.text == "," and w.id > head.id and k + 1 < len(keep):
            nxt = keep[k + 1]
            after = keep[k + 2] if k + 2 < len(keep) else None
            relative = nxt.low in RELATIVE and (nxt.upos == "PRON" or after is None
                                                or after.upos not in ("ADJ", "NOUN", "PROPN", "NUM"))
            if nxt.text in ("„", "»", '"', "“") or nxt.upos in ("SCONJ", "PRON") and nxt.low not in RELATIVE \
                    or nxt.feat("Poss") == "Yes" or relative:
                keep = keep[:k]
                break
    # a new phrase after the head ("der ai-Bericht | den Behörden", "ersten Angaben | neun Beamte"):
    # parsers attach it wrongly
    for k, w in enumerate(keep):
        new_det = w.upos in ("DET", "PRON") and w.low not in GENITIVE_DETS
        new_num = w.upos == "NUM" and k + 1 < len(keep) and keep[k + 1].upos == "NOUN"
        if w.id > head.id and (new_det or new_num) and k and keep[k - 1].text != "," \
                and keep[k - 1].upos in ("NOUN", "PROPN"):
            keep = keep[:k]
            break
    while keep and (is_punct(keep[-1]) or keep[-1].upos in ("CCONJ", "ADP", "SCONJ")):
        keep.pop()
    while keep and (is_punct(keep[0]) or keep[0].upos in ("CCONJ", "SCONJ")):
        keep.pop(0)
    keep = keep or [head]
    # parsers cut names short ("Volker | Beck"): take the rest of a run of names
    words = sent.words
    j = keep[-1].i + 1
    while j < len(words) and words[j].upos == "PROPN" and (not limit or words[j].id <= limit[1]) \
            and keep[-1].upos in ("PROPN", "NOUN"):
        keep.append(words[j])
        j += 1
    return keep


def _contiguous(words: list[Word], head: Word) -> list[Word]:
    """The run of consecutive word ids around ``head``."""
    ids = {w.id for w in words}
    lo = hi = head.id
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    return [w for w in words if lo <= w.id <= hi]


def surface_np(sent: Sentence, start_id: int, stop_id: Optional[int] = None) -> list[Word]:
    """A noun phrase read left to right from ``start_id``: determiners, adjectives,
    nouns, names, genitive attributes ("der Agentur Interfax", "vieler Experten"),
    hyphenated names ("al-Dschasira") and a closing parenthesis ("(DFB)").
    Used where the tree gives no subject."""
    words = sent.words
    out: list[Word] = []
    i = start_id - 1
    end = (stop_id or len(words)) - 1
    seen_noun = False
    if i < len(words) and words[i].low == "sich":
        i += 1  # "entschied sich X": the reflexive is no part of the phrase
    while i <= end and i < len(words):
        w = words[i]
        if w.text in OPENING_MARKS and not seen_noun:
            # a quoted name: "Laut „Welt“", "die „Computerwoche“"
            close = next((k for k in range(i + 1, min(len(words), i + 8)) if words[k].text in CLOSING_MARKS
                          and k > i + 1), None)
            if close is not None and close <= end:
                out.extend(words[i : close + 1])
                seen_noun = True
                i = close + 1
                continue
            break
        glued = out and w.start == out[-1].end  # no space: "al-Dschasira", "US-Präsident"
        if glued and w.text == "." and out[-1].low in TITLE_ABBREVIATIONS:
            out.append(w)  # "Prof. Dr. Matthias Beckmann"
            i += 1
            continue
        if seen_noun and not glued:
            # after the head noun only names, genitives and parenthesised abbreviations continue
            if w.upos == "PROPN":
                out.append(w)
            elif w.upos == "NOUN" and out[-1].low.endswith("s") and all(x.upos == "PROPN" for x in out):
                out.append(w)  # a name in the genitive before its noun: "Celebis Angaben", "Russlands Regierung"
            elif out[-1].text in ("-", "–") and w.low in ("und", "oder") and i + 1 <= end and i + 1 < len(words) \
                    and words[i + 1].upos in ("NOUN", "PROPN"):
                out.extend(words[i : i + 2])  # a shortened compound: "Kongress- und Verteidigungskreise"
                i += 2
                continue
            elif i + 1 <= end and bare_genitive_plural(words, i):
                out.extend(words[i : i + 2])  # "Meinung politischer Beobachter"
                i += 2
                continue
            elif (w.low in ("des", "der") or (w.upos in ("DET", "ADJ") and w.feat("Case") == "Gen")) \
                    and opens_genitive(words, i):
                more = surface_np(sent, w.id, stop_id)
                if not more:
                    break
                out.extend(more)
                i = more[-1].id
                continue
            elif w.text == "(" and i + 2 < len(words) and words[i + 2].text == ")" and i + 2 <= end:
                out.extend(words[i : i + 3])
                i += 3
                continue
            else:
                break
        elif glued and (w.text in ("-", "–") or out[-1].text in ("-", "–")):
            out.append(w)
        elif (w.upos in ("DET", "ADJ", "NUM") or (w.upos == "PRON" and not seen_noun)) and not web_address(w):
            out.append(w)
            if w.upos == "PRON" and w.low in PERSONAL_PRONOUNS:
                break
        elif w.upos in ("NOUN", "PROPN", "X") or web_address(w) or (w.text[:1].isupper() and (
                w.upos not in ("ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PUNCT", "ADV")
                or w.upos == "ADV" and w.i > 0 and not adverbial_kind(w))):  # a foreign name tagged ADV: "Şükrü"
            out.append(w)
            seen_noun = True
        else:
            break
        i += 1
    while out and (out[-1].upos in ("DET", "ADJ") and not web_address(out[-1]) or out[-1].text in ("-", "–")):
        out.pop()
    if out and out[0].low == "es":
        return []
    return out if any(w.upos in ("NOUN", "PROPN", "PRON", "X") or w.text[:1].isupper() or web_address(w)
                      for w in out) else []


def opens_genitive(words: list[Word], i: int) -> bool:
    """``words[i]`` ("des", "der", …) opens a genitive attribute of the noun before it: not after a name or
    an acronym ("Pressemitteilung des BMI | der Verbesserung …"), not before a quotation ("Gerichtes |
    des „Aufrufs …“"), and "der" not before a masculine or neuter singular noun, which makes it
    nominative or dative ("nach Zeugenaussagen | der Ehemann")."""
    if i == 0 or i + 1 >= len(words):
        return False
    head = words[i - 1]
    if head.upos == "PROPN" or is_acronym(head):
        return False
    if words[i + 1].text in OPENING_MARKS:
        return False
    if words[i].low == "der":
        j = i + 1
        while j < len(words) and words[j].upos in ("ADJ", "NUM"):
            j += 1
        if j < len(words) and words[j].upos == "NOUN" and words[j].feat("Number") == "Sing" \
                and words[j].feat("Gender") in ("Masc", "Neut"):
            return False
    return True


def bare_genitive_plural(words: list[Word], i: int) -> bool:
    """``words[i]`` opens a genitive plural without article after the noun before it: a lower-case
    adjective or determiner in -er, then a noun ("Meinung | politischer Beobachter", "Ansicht | vieler
    Experten")."""
    w = words[i]
    return 0 < i and i + 1 < len(words) and w.upos in ("ADJ", "DET") and w.low.endswith("er") \
        and w.text[:1].islower() and words[i + 1].upos == "NOUN" and words[i - 1].upos == "NOUN"


def is_acronym(w: Word) -> bool:
    """"CFTC", "UNMISS", "BMI": capitals only, whatever tag the parser gave."""
    return len(w.text) >= 2 and w.text.isalpha() and w.text.isupper()


IMPERSONAL = {"es", "das", "dies", "man"}
"""Subjects that name nobody who speaks."""


def personal(spk: Optional[list[Word]]) -> Optional[list[Word]]:
    """``spk`` unless it is an impersonal subject ("es", "das", "dies", "man")."""
    return None if spk and spk[0].low in IMPERSONAL else spk


PURPOSE_OPENERS = {"um", "ohne", "statt", "anstatt"}
"""Openers of a zu-infinitive of purpose or manner, never reported content: "…, um … zu …"."""


def web_address(w: Word) -> bool:
    """"bildblog.de", "ndr.de", "tagesschau.de": a source named by its address."""
    inner = w.text.strip(".")
    return "." in inner and inner[-1:].isalpha() and not any(ch.isspace() for ch in inner) and inner[:1].isalnum()


def split_medium(np: list[Word]) -> tuple[Optional[list[Word]], list[Word]]:
    """"staatliche Medien Kwon" read as one phrase: the outlet, then the quoted person."""
    for k in range(1, len(np)):
        a, b = np[k - 1], np[k]
        if a.upos == "NOUN" and b.upos == "PROPN" and b.start > a.end:
            return np[:k], np[k:]
    return None, np


def prefield_subject(sent: Sentence, verb: Word, lo: int) -> Optional[list[Word]]:
    """A noun phrase filling the whole prefield before the finite verb:
    "Der Leiter des Amerika-Büros …, Kwon Jong Gun, warf … vor" (V2 order,
    appositions included), read from the surface."""
    pre: list[Word] = []
    for w in sent.words[lo - 1 : verb.id - 1]:
        if w.upos in ("VERB", "AUX") and w.feat("VerbForm") not in ("Part", "Inf"):
            break
        pre.append(w)
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
    # "Auch die Delegationsleiterin …": a focus adverb before the subject; "Über Fossett sagte …": a PP
    while pre and adverbial_kind(pre[0]) in ("adv", "adj"):
        pre = content_words(pre[1:])
    if not pre or pre[0].upos not in ("DET", "PROPN", "NOUN", "ADJ", "PRON") or adverbial_kind(pre[0]) == "adp":
        return None
    if is_passive(verb):
        return None
    first = pre[0]
    if first.low in ("dem", "den", "des", "einem", "einen", "ihm", "ihn", "ihnen", "diesem", "diesen") or \
            first.feat("Case") in ("Dat", "Acc") and first.upos in ("DET", "PRON"):
        return None  # a fronted object, not the subject
    if first.upos == "ADJ" and (len(pre) == 1 or pre[1].upos not in ("NOUN", "PROPN", "ADJ")):
        return None  # "Sinngemäß hofft Musk"
    noun = next((w for w in pre if w.upos in ("NOUN", "PROPN")), None)
    if noun is not None and first.low == "der" and _weak_oblique(noun):
        return None  # "Der englischsprachigen Zeitung sagte X": weak -en after "der" is dative or genitive
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
    if pre[0].upos == "PRON" and pre[0].low not in ("er", "sie", "wir", "ich", "man"):
        return None
    if any(w.upos in ("VERB", "AUX", "SCONJ") for w in pre) or pre[0].low in RELATIVE and len(pre) == 1:
        return None
    if pre[-1].upos in ("ADV", "ADP"):
        return None
    return pre


def clause_speaker(sent: Sentence, verb: Word, lo: int, hi: int) -> Optional[list[Word]]:
    """Subject NP of ``verb`` restricted to word ids [lo, hi]; a relative pronoun
    stands for the noun phrase it refers to ("…, ein Kommentar, der … bezeichnet")."""
    spk = _clause_speaker(sent, verb, lo, hi)
    if spk and len(spk) == 1 and spk[0].low in RELATIVE and spk[0].upos == "PRON":
        return antecedent(spk[0]) or spk
    return spk


def antecedent(pron: Word) -> Optional[list[Word]]:
    """The noun phrase right before the comma that opens a relative clause."""
    sent = pron.sent
    if sent is None or pron.i < 2 or sent.words[pron.i - 1].text != ",":
        return None
    words = sent.words
    k = pron.i - 2
    np: list[Word] = []
    while k >= 0 and words[k].upos in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "X") and len(np) < 8:
        np.insert(0, words[k])
        if words[k].upos == "DET" and words[k].low not in GENITIVE_DETS:
            break
        k -= 1
    return np if any(w.upos in ("NOUN", "PROPN") for w in np) else None


def _clause_speaker(sent: Sentence, verb: Word, lo: int, hi: int) -> Optional[list[Word]]:
    pre = prefield_subject(sent, verb, lo) if lo < verb.id else None
    if pre:
        if not can_speak(pre):
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
        return np_extent(subj, (lo, hi))
    return _inverted_subject(sent, verb, hi) if lo < verb.id else None


NOMINATIVE_STARTS = {"der", "die", "das", "ein", "eine", "er", "sie", "wir", "ich", "man"}


def _inverted_subject(sent: Sentence, verb: Word, hi: int) -> Optional[list[Word]]:
    """V2 order with a fronted adverbial: "In einem Gespräch wies der Geschäftsführer … zurück"
    -> the noun phrase right after the finite verb (skipping "sich"), where its first word can be nominative."""
    words = sent.words
    # "Bereits vor zwei Wochen hatte die Gewerkschaft erklärt": the finite auxiliary holds the V2 slot
    aux = next((w for w in reversed(words[: verb.i]) if w.upos == "AUX" and _finite(w)
                and w.lem in ("haben", "sein", "werden")), None)
    if aux is not None and not any(w.upos == "VERB" or w.text in (",", ";", ":") for w in words[aux.i + 1 : verb.i]):
        verb = aux
    elif not _finite(verb):
        return None
    k = verb.i + 1
    while k < len(words) and words[k].low == "sich":
        k += 1
    if k >= len(words) or words[k].id > hi:
        return None
    first = words[k]
    name = first.upos == "PROPN" or first.text[:1].isupper() and first.upos in ("ADV", "X")
    if not (first.low in NOMINATIVE_STARTS or name) or adverbial_kind(first):
        return None
    if first.low in PERSONAL_PRONOUNS:
        return [first]
    return surface_np(sent, first.id, hi) or None


PLACE_SOURCES = {"heißen": ("in", "im"), "hervorgehen": ("aus",), "verlauten": ("aus",)}
"""Frames without a speaking subject whose source is a place in the text:
"In der Erklärung heißt es, …", "Aus dem Bericht geht hervor, dass …"."""


def place_source(verb: Word) -> Optional[list[Word]]:
    """"In der Erklärung heißt es" -> "der Erklärung"; "Aus dem Bericht geht hervor" -> "dem Bericht"."""
    lemma = speech_lemma(verb) or verb.lem
    preps = PLACE_SOURCES.get(lemma, ())
    for c in verb.children:
        if c.deprel.startswith("obl") and c.upos in ("NOUN", "PROPN"):
            case = [x for x in c.children if x.deprel == "case"]
            if preps and case and case[0].low not in preps:
                continue
            ws = [w for w in np_extent(c) if w.deprel != "case" or w.parent is not c]
            return ws or None
    return None


def offsets(words: list[Word]) -> Optional[Offsets]:
    if not words:
        return None
    return words[0].start, words[-1].end


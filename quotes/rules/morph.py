"""Word-level German morphology the rules ask about: finiteness, reporting-verb lemmas, Konjunktiv,
zu-infinitives and the lexical classes of single words (role nouns, adverbials, acronyms).

Everything here looks at one word (and at most its neighbours); clause and phrase structure is in
:mod:`.clauses`, :mod:`.phrases` and :mod:`.subjects`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from ..doc import Word
from ..lexicon import compound_of, load_table, load_words, verbs_with, words_with


def finite(w: Word, marked: bool = False) -> bool:
    """``w`` is a finite verb or auxiliary.

    By default (:attr:`quotes.doc.Word.finite`) any verb not tagged as an infinitive or participle counts,
    also one the tagger gave no verb form. With ``marked`` the tags must show finiteness: ``VerbForm=Fin``,
    a mood or a tense (small taggers leave untagged forms they are unsure of; the clause-boundary tests
    ask for this stricter reading).
    """
    if not w.finite or web_address(w):
        return False  # "ver.di", "ndr.de": a name the tagger took for a verb
    return not marked or w.feat("VerbForm") == "Fin" or w.feat("Mood") is not None or w.feat("Tense") is not None


def singular_form(w: Word) -> bool:
    """``w``, a finite verb of the third person, has a singular form by its ending: no "-en", "-ern", "-eln"
    ("bezeichnete", "warf", "sagt", "kann", "sei"), while every plural form has one ("sagten", "fordern",
    "seien"; "sind" is the one exception). Read from the form, as small taggers confuse the number."""
    low = w.low
    return w.upos in ("VERB", "AUX") and low.isalpha() and low != "sind" and not low.endswith(("en", "ern", "eln")) \
        and w.feat("Person") in (None, "3")


def tagged_finite(w: Word) -> bool:
    """A verb or auxiliary the tagger marked ``VerbForm=Fin`` (the strictest reading)."""
    return w.upos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin"


def participle_or_infinitive(w: Word) -> bool:
    """Tagged as a participle or an infinitive."""
    return w.feat("VerbForm") in ("Part", "Inf")


HEISSEN_FORMS = frozenset({"heißt", "hieß", "geheißen"})
"""Forms of "heißen" that frame content with "es" ("heißt es", "hatte es geheißen"), which the lemmatiser may miss."""


def heissen(w: Word) -> bool:
    """``w`` is a form of "heißen" (by its lemma, else by :data:`HEISSEN_FORMS`)."""
    return w.lem == "heißen" or w.low in HEISSEN_FORMS


def speech_lemma(w: Word) -> Optional[str]:
    """The reporting-verb lemma of ``w`` (with its separable particle), or None."""
    if w.upos not in ("VERB", "AUX", "ADJ") or not w.text[:1].isalpha():
        return None
    low, lem, upos = w.low, w.lem, w.upos
    found = _without_particle(low, lem, upos)
    if found is PARTICLE_COUNTS:  # else no particle makes a listed verb of it: none looked for
        prt = w.particle
        found = _speech_lemma(low, lem, prt.low if prt else "", upos)
    if found is not None and found in verbs_with("attitude") and not attitude_words(w):
        return None  # "zeigen" frames speech only as "sich … zufrieden zeigen"
    return found


def attitude_words(verb: Word) -> list[Word]:
    """The reflexive and the adjective of attitude (``attitude_adjectives``) that make ``verb`` a frame of speech
    ("zeigte sich … zufrieden", "zeigte sich darüber besorgt"), in text order; empty where either is missing.
    The adjective is a dependent of the verb or stands in its comma-bounded clause; the reflexive follows the
    verb within three words or precedes it in a verb-final clause."""
    sent = verb.sent
    if sent is None:
        return []
    words = sent.words
    refl = next((w for w in words[max(0, verb.i - 8) : verb.i + 4] if w.low == "sich" and abs(w.id - verb.id) <= 6),
                None)
    if refl is None:
        return []
    adjectives = load_words("attitude_adjectives")

    def same_clause(w: Word) -> bool:
        return w.head == verb.id or not any(x.text in (",", ";", ":") for x in words[min(w.i, verb.i) : max(w.i, verb.i)])

    pool = list(verb.children) + words[max(0, verb.i - 8) : verb.i + 9]
    adj = next((w for w in pool if w.low in adjectives and w.upos in ("ADJ", "ADV", "VERB") and same_clause(w)), None)
    return [] if adj is None else sorted([refl, adj], key=lambda x: x.id)


PARTICLE_COUNTS = object()
"""What :func:`_without_particle` says where a detached particle could change the answer."""


@lru_cache(maxsize=65536)
def _without_particle(low: str, lem: str, upos: str) -> object:
    """:func:`_speech_lemma` without a particle, where no particle could change it (:func:`_particle_may_count`);
    else :data:`PARTICLE_COUNTS`. One cached call for the common case of :func:`speech_lemma`."""
    return PARTICLE_COUNTS if _particle_may_count(low, lem) else _speech_lemma(low, lem, "", upos)


def with_particle(w: Word, lexicon: str) -> str:
    """``w``'s lemma with its detached particle in front ("teilte … mit" -> "mitteilen"), for a test of
    membership in the word list ``lexicon`` (:func:`quotes.lexicon.load_words`):
    ``with_particle(w, L) in load_words(L)`` is the same test as
    ``(w.particle.low if w.particle else "") + w.lem in load_words(L)``. The particle (a walk over the
    clause, :attr:`quotes.doc.Word.particle`) is only looked for where it can change that answer: where the
    lemma is a listed word or the end of one; elsewhere the lemma alone is returned (listed neither way)."""
    lem = w.lem
    if lem not in _particle_ends(lexicon):
        return lem
    prt = w.particle
    return prt.low + lem if prt else lem


@lru_cache(maxsize=None)
def _particle_ends(lexicon: str) -> frozenset[str]:
    """The words of the list ``lexicon`` and every proper end of them: the lemmas for which a particle in
    front decides whether the word is listed."""
    return load_words(lexicon) | _proper_ends(lexicon)


@lru_cache(maxsize=None)
def _proper_ends(lexicon: str) -> frozenset[str]:
    """Every proper end of every word of the list ``lexicon`` ("sagen" of "aussagen"): what a word must be
    for some particle in front of it to make a listed word."""
    return frozenset(word[i:] for word in load_words(lexicon) for i in range(1, len(word)))


@lru_cache(maxsize=65536)
def _particle_may_count(low: str, lem: str) -> bool:
    """Whether a particle could change :func:`_speech_lemma`'s answer for a word with this form and lemma:
    only where one of the stems it tries is a proper end of a reporting-verb lemma (``sagen`` of
    ``aussagen``); else the answer is the same with any particle or none."""
    suffixes = _proper_ends("speech_verbs")  # the table's verbs are its words (load_words)
    return any(g in suffixes for g in _guesses(low, lem))


_ENDINGS = ("eten", "ete", "ten", "te", "test", "tet", "et", "t", "en", "e")


@lru_cache(maxsize=65536)
def _guesses(low: str, lem: str) -> tuple[str, ...]:
    """The infinitives a form may belong to, in the order :func:`_speech_lemma` tries them: the lemma, the
    irregular verb's infinitive (also behind a particle written together), and stems with infinitive
    endings."""
    irregular = load_table("irregular_verbs")
    guesses = [lem]
    if low in irregular:
        guesses.append(irregular[low][0])
    for p in words_with("separable_particles", "detached"):
        # a particle written together in a verb-final clause: "als er es vorschlug"
        if low.startswith(p) and low[len(p):] in irregular:
            guesses.append(p + irregular[low[len(p):]][0])
    for end in _ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = low[: -len(end)]
            guesses += [stem + "en", stem + "n"]
    return tuple(guesses)


def speech_lemma_of_form(low: str, particle: str = "") -> Optional[str]:
    """The reporting-verb lemma a finite form may belong to by its letters alone ("meinen" -> "meinen", "strich" with
    "heraus" -> "herausstreichen"), for a word the tagger gave another part of speech; None where none fits or the
    form fits none ("meinen" as a possessive is also a verb form; "die", "mit" are none)."""
    found = _speech_lemma(low, low, particle, "VERB")
    return None if found is not None and found in verbs_with("attitude") else found


@lru_cache(maxsize=65536)
def _speech_lemma(low: str, lem: str, particle: str, upos: str) -> Optional[str]:
    verbs = load_table("speech_verbs")
    guesses = _guesses(low, lem)
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
    """A verb of thinking or believing ("glauben", "davon ausgehen"), with its separable particle."""
    if w.upos != "VERB":
        return False  # checked first: the particle is only worth finding for verbs
    return with_particle(w, "thinking_verbs") in load_words("thinking_verbs") or w.lem in load_words("thinking_verbs")


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
        low = w.low
        prefix = None
        for p in INSEPARABLE_PREFIXES:
            if low.startswith(p) and low[len(p):] in table:
                prefix = p
                break
        rest = low[len(prefix):] if prefix is not None else ""
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
"""Konjunktiv I forms that are also the indicative first person singular."""


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
    """Third person Konjunktiv I in -e: "gehe", "komme", "gelte", "handele" (an infinitive minus its n, or a stem in
    -el/-er with an e, from the lemma
    or from the verb lemma list where the lemmatiser fails)."""
    low, lem = w.low, w.lem
    if len(low) < 4 or not low.endswith("e"):
        return False
    if low.endswith("te") and low[:-2] + "en" in load_words("verb_lemmas"):
        return False  # a weak preterite the lemmatiser took for an infinitive: "überholte" (lemma "überholten")
    # "handele" from "handeln", "fordere" from "fordern": verbs in -eln/-ern add an e to the stem
    eln = lem.endswith(("eln", "ern")) and low == lem[:-1] + "e"
    if (low == lem[:-1] and lem.endswith("en") or eln or low + "n" in load_words("verb_lemmas")) \
            and not participle_or_infinitive(w):
        # "gehe" from "gehen"; excludes first person by requiring no "ich" before it
        sent = w.sent
        if sent is not None and any(x.low == "ich" for x in sent.words[max(0, w.i - 3): w.i + 3]):
            return False
        return True
    return False


def clause_has_konjunktiv(words: Iterable[Word], strict: bool = False) -> Optional[Word]:
    """The first of ``words`` that is a Konjunktiv form (:func:`konjunktiv`), or None."""
    for w in words:
        if w.upos in ("VERB", "AUX") and konjunktiv(w, strict):  # the test konjunktiv opens with, inline
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

        particles = load_words("separable_particles")
        _ZU_INF = regex.compile(r"^(?:%s)zu\p{Ll}{3,}(?:en|ern|eln)$" % "|".join(sorted(particles, key=len, reverse=True)))
    for a, b in zip(words, words[1:]):
        if a.low == "zu" and b.upos in ("VERB", "AUX") and (b.low.endswith(("en", "ern", "eln")) or b.low in ("sein", "tun")):
            return True
    return any(w.upos in ("VERB", "AUX", "NOUN", "ADJ") and _ZU_INF.match(w.low) for w in words)


@lru_cache(maxsize=65536)
def is_role_noun(word: str) -> bool:
    """"Sprecher", "Kremlsprecher", "Außenministerin": a role, not a name."""
    return compound_of(word.lower().strip("-"), "role_nouns")


def is_speech_noun(low: str) -> bool:
    """"Meinung", "Presseerklärung", "Zitat": a noun of saying (``data/speech_nouns.txt``, also as a compound's head)."""
    return compound_of(low, "speech_nouns", min_head=4)


def is_source_noun(w: Word) -> bool:
    """"Angaben", "Polizeiangaben", "Reichsvermögensgesetz": a source noun or a compound ending in one
    (``data/source_nouns.txt``)."""
    return _source_noun(w.low)


@lru_cache(maxsize=8192)
def _source_noun(low: str) -> bool:
    # compounds end in a source noun of six letters or more: "Polizeiangaben", "Staatsmedien";
    # not "Vorstand" (stand) or "Kandidaten" (daten)
    return compound_of(low, "source_nouns", min_head=6)


@lru_cache(maxsize=65536)
def is_speaking_noun(word: str) -> bool:
    """"Polizei", "Wahlkommission", "Medien": a group or institution that speaks."""
    return compound_of(word.lower().split("-")[-1], "speaking_nouns", min_head=5)


def adverbial_kind(w: Word) -> Optional[str]:
    """"adv", "adj" or "adp" for a word that never heads a noun phrase ("Zuletzt",
    "Unterdessen", "Aufgrund"), whatever tag the parser gave it; else None."""
    kind = load_table("adverbials").get(w.low)
    return kind[0] if kind else None


def is_acronym(w: Word) -> bool:
    """"CFTC", "UNMISS", "BMI": capitals only, whatever tag the parser gave."""
    return len(w.text) >= 2 and w.text.isalpha() and w.text.isupper()


def web_address(w: Word) -> bool:
    """"bildblog.de", "ndr.de", "tagesschau.de": a source named by its address."""
    inner = w.text.strip(".")
    return "." in inner and inner[-1:].isalpha() and not any(ch.isspace() for ch in inner) and inner[:1].isalnum()


FEMININE_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "sion", "tät", "agentur", "polizei", "partei",
                     "kanzlei", "behörde", "zeitung")
"""Endings of nouns that are feminine whatever the tagger says: the derivational suffixes -ung, -heit, -keit,
-schaft, -tion, -sion, -tät (Duden grammar, gender by suffix) and the heads of frequent compounds of news
sources ("Nachrichtenagentur", "Bundespolizei", "Staatskanzlei", "Umweltbehörde")."""


def feminine_by_suffix(noun: str) -> bool:
    """The noun is feminine by its ending ("Regierung", "Nachrichtenagentur", "Universität"), so "der" before
    it is dative or genitive."""
    low = noun.lower()
    return len(low) > 4 and low.endswith(FEMININE_SUFFIXES)

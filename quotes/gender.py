"""Speaker gender from evidence in the text: female, male, group or unknown, never a guess.

Every :class:`~quotes.models.SpeakerEntity` gets a :class:`~quotes.models.Gender` and the evidence that
decided it (``gender_evidence``), read from the entity's mentions and name:

* the **core** of a mention — the words of its head phrases, by word order: "Der Innenminister
  Frankreichs, Nicolas Sarkozy" -> Innenminister, Frankreichs, Nicolas, Sarkozy; an attribute after a
  noun is left out ("Sprecher *der Polizei*", "Kamanda *von der Behörde*"), and a head of statement
  or source nouns passes to whom its attribute names ("Angaben *der Polizei*");
* a **person noun** in the core, by its form: a role noun (``data/role_nouns.txt``) or another person
  noun (``data/person_nouns.txt``) — ``role_noun:Ministerin`` (-in: female), ``role_noun:Sprecher``
  (male), ``person_noun:Frau``; a nominalised adjective by its article (``article:die Abgeordnete``);
  a plural ("die Außenminister", "Sprecherinnen") is a group (``plural:…``);
* an **organisation or group** noun in the core (``data/speaking_nouns.txt``, ``data/group_nouns.txt``:
  Polizei, Regierung, Experten, Gerichtshof …), an acronym ("EADS", "UNO"), any other plural noun, a
  plural verb ("Politische Beobachter wiesen …") or heads joined by "und" ("Sonia und Willy Bogner"):
  ``organisation:Polizei``, ``plural:…``, ``plural_verb:wiesen``, ``coordination:und``;
* a **first name** that (nearly) always has one gender (``data/first_names.txt``, derived from Jörg
  Michael's name dictionary): ``first_name:Anna``, from the first word of a proper name of two words or
  more in a mention's core or the entity's name ("Anna Berger"; a name alone, "Kim", "Thomas", is as
  often a surname and says nothing);
* a person noun right before the entity's **name elsewhere in the article** ("Die Außenministerin
  Condoleezza Rice war in Kiew. Dort sagte Rice, …": ``role_noun:Außenministerin``);
* a **personal pronoun** that :mod:`quotes.speakers` resolved to the entity: ``pronoun:er`` (male, by
  :func:`quotes.speakers._pronoun_genders`); "sie" counts only where its finite verb shows the number
  by its form (sie *sagte*: female; sie *sagten*: a group), since the parser's number features are
  guesses.

Decision (:func:`decide`): all evidence agrees -> that gender; disagreeing evidence, or none -> unknown
(the disagreeing evidence stays in ``gender_evidence``, so a reader sees why). Pronouns confirm or
contradict, never decide alone, and count only for entities without group evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from .doc import Word
from .gender_words import first_name_gender, is_group_noun, person_noun
from .lexicon import load_words
from .models import Gender, SpeakerEntity
from .rules.base import Context
from .rules.morph import finite, is_acronym, is_role_noun
from .rules.vocab import GENITIVE_DETS
from .names import NAME_PARTICLES, SOURCE_SUFFIXES, split_name
from .speakers import NOT_SPEAKERS, POINTERS, PRONOUNS, _pronoun_genders

COORDINATORS = frozenset({"und", "sowie", "&"})
PLURAL_DETERMINERS = frozenset({"die", "diese", "alle", "beide", "mehrere", "einige", "viele", "zwei", "drei",
                                "vier", "fünf", "zahlreiche", "andere", "weitere", "manche", "etliche"})
"""Words before a masculine person noun that make it plural: "die Minister", "mehrere Sprecher"."""
SINGULAR_DETERMINERS = frozenset({"der", "ein", "des", "eines", "dem", "einem", "den", "einen", "dieser", "jener",
                                  "diesem", "diesen", "eine", "einer"})
FEMININE_DETERMINERS = frozenset({"die", "eine", "diese", "jene"})
MASCULINE_DETERMINERS = frozenset({"der", "ein", "dieser", "jener"})
ATTRIBUTE_OPENERS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "VERB", "AUX"})
"""Parts of speech that, after a noun, open an attribute or a new phrase ("Sprecher *der* Polizei",
"Kamanda *von* der Behörde"): a head phrase ends before them."""


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: the gender it points to and the string written to the record."""

    gender: Gender
    text: str
    pronoun: bool = False


def label_genders(ctx: Context, entities: Iterable[SpeakerEntity]) -> None:
    """Set ``gender`` and ``gender_evidence`` of every entity from the evidence in ``ctx``."""
    for ent in entities:
        ent.gender, ent.gender_evidence = decide(entity_evidence(ctx, ent))


def mention_gender(ctx: Context, start: int, end: int) -> tuple[Gender, list[str]]:
    """The gender of a speaker mention that belongs to no entity ("eine Reporterin von n24", "einem
    Augenzeugen"), read from its own words; a pronoun alone never decides (see :func:`decide`)."""
    low = ctx.text[start:end].strip().lower()
    if low in PRONOUNS or low in POINTERS:
        return Gender.UNKNOWN, []
    return decide(mention_evidence(ctx.words_within(start, end)))


def decide(evidence: list[Evidence]) -> tuple[Gender, list[str]]:
    """The gender all evidence agrees on, with the evidence strings; unknown where it disagrees or is none.

    Pronouns confirm or contradict the other evidence but never decide alone: the resolver links a
    pronoun to the nearest earlier speaker whose gender nothing contradicts, so a pronoun alone
    would repeat its guess ("er" after "Merkel" or "Bayern München"). And they count only where no
    other evidence says group: "sie" agrees with "die Polizei" by grammar, not by sex.
    """
    if any(e.gender == Gender.GROUP and not e.pronoun for e in evidence) or all(e.pronoun for e in evidence):
        evidence = [e for e in evidence if not e.pronoun]
    texts = list(dict.fromkeys(e.text for e in evidence))
    genders = {e.gender for e in evidence}
    if len(genders) == 1:
        return genders.pop(), texts
    return Gender.UNKNOWN, texts


def entity_evidence(ctx: Context, ent: SpeakerEntity) -> list[Evidence]:
    """Every piece of evidence in the entity's mentions (in text order) and its name."""
    out: list[Evidence] = []
    for m in sorted(ent.mentions, key=lambda m: m.start):
        low = m.text.strip().lower()
        if low in PRONOUNS or low in POINTERS:
            ev = pronoun_evidence(ctx, m.start, m.end, low)
        else:
            out.extend(mention_evidence(ctx.words_within(m.start, m.end)))
            continue
        if ev is not None:
            out.append(ev)
    if any(e.gender == Gender.GROUP and not e.pronoun for e in out):
        return out  # a mention names several people: the name is one of them
    # the name's first name ("Murtha" of "John Murtha"), and role nouns before the name elsewhere
    proper = split_name(ent.name)[0]
    first = first_name(proper or "")
    return out + ([first] if first is not None else []) + _name_context(ctx, ent.name, proper)


def name_context_evidence(ctx: Context, name: str) -> list[Evidence]:
    """Person nouns right before the entity's proper name (or its last word) anywhere in the document:
    "US-Außenministerin Condoleezza Rice" in the first sentence says the speaker "Rice" is a woman.
    Only female or male evidence; the words before must form one phrase with the name (a determiner,
    adjectives, nouns: "der ehemalige Beamte Filep Karma")."""
    return _name_context(ctx, name, split_name(name)[0])


def _name_context(ctx: Context, name: str, proper: Optional[str]) -> list[Evidence]:
    """:func:`name_context_evidence` of ``name``, whose proper name (:func:`quotes.names.split_name`) is ``proper``."""
    words = proper.split() if proper and proper == name else []
    if not words or not all((w[:1].isupper() and w.replace("-", "").replace(".", "").isalpha())
                            or w.lower() in NAME_PARTICLES for w in words):
        return []
    targets = [proper] + ([words[-1]] if len(words) > 1 and len(words[-1]) > 2 else [])
    out: list[Evidence] = []
    for target in targets:
        for at in _occurrences(ctx.text, target):
            phrase: list[Word] = []
            for w in reversed(ctx.sentence_at(at).words):
                if w.end > at:
                    continue  # the name itself and what follows it
                if w.upos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM") and w.text != "-" or w.low in COORDINATORS \
                        or (w.upos == "PROPN" and not w.text.isalpha() and w.text != "-"):
                    break  # not "Präsidenten George W." before "Bush": an initial belongs to another name
                phrase.insert(0, w)
                if w.upos == "DET":
                    break
            if target is not proper and phrase and _name_word(phrase[-1]):
                continue  # "Heiko Maas" for "Maas": another name before it, matched as the full name
            for w in phrase:
                ev = noun_evidence(w, phrase) if w.text[:1].isupper() and w.upos != "DET" else None
                if ev is not None and ev.gender in (Gender.FEMALE, Gender.MALE):
                    out.append(ev)
    return out


def _occurrences(text: str, target: str) -> Iterator[int]:
    """The offsets of ``target`` in ``text`` as a whole word (no word character, ``\\w``, on either side),
    left to right and not overlapping: ``re.finditer(r"(?<!\\w)TARGET(?!\\w)")`` without compiling a pattern
    per name."""
    at = text.find(target)
    while at >= 0:
        end = at + len(target)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            yield at
            at = text.find(target, end)
        else:
            at = text.find(target, at + 1)


def _word_char(ch: str) -> bool:
    """``ch`` matches ``\\w`` in a Unicode pattern: a letter, digit or numeric character, or "_"."""
    return ch.isalnum() or ch == "_"


def pronoun_evidence(ctx: Context, start: int, end: int, pronoun: str) -> Optional[Evidence]:
    """What a pronoun mention says; None where it says nothing certain ("ihm", "demnach", a "sie"
    without a finite verb whose form shows its number)."""
    text = f"pronoun:{ctx.text[start:end].strip()}"
    if pronoun == "sie":
        word = next((w for w in ctx.sentence_at(start).words if w.start == start), None)
        number = verb_number(word) if word is not None else None
        return None if number is None else \
            Evidence(Gender.GROUP if number == "Plur" else Gender.FEMALE, text, pronoun=True)
    genders = frozenset(_pronoun_genders(ctx, start, end, pronoun) or ())
    gender = {frozenset({"Masc"}): Gender.MALE, frozenset({"Plur"}): Gender.GROUP}.get(genders)
    return Evidence(gender, text, pronoun=True) if gender else None


def verb_number(subject: Word) -> Optional[str]:
    """"Sing" or "Plur" as the form of the finite verb of ``subject`` shows it (sagte / sagten, ist /
    sind); None where the subject has no finite verb in the tree (:func:`finite_verb`)."""
    verb = finite_verb(subject)
    if verb is None:
        return None
    return "Plur" if verb.low.endswith(("en", "rn", "ln")) or verb.low == "sind" else "Sing"


def finite_verb(subject: Word) -> Optional[Word]:
    """The finite verb of a subject: its head, or the head's auxiliary or copula, tagged finite."""
    if subject.rel != "nsubj" or subject.parent is None:
        return None
    head = subject.parent
    if finite(head, marked=True):
        return head
    sent = head.sent
    return next((c for c in (sent.words if sent is not None else ())
                 if c.parent is head and c.rel in ("aux", "cop") and finite(c, marked=True)), None)


def mention_evidence(words: list[Word]) -> list[Evidence]:
    """The evidence of one (non-pronoun) mention: a group where it names several, else what its core says."""
    subject = _subject(words)
    group = several(words, subject)
    if group is not None and group.text.startswith("coordination:"):
        return [group]
    core = core_words(words)
    out = [ev for ev in (noun_evidence(w, words, plural=group is not None) for w in core) if ev is not None]
    last = next((i for i, w in enumerate(words) if core and w is core[-1]), len(words) - 1)
    after = words[last + 1] if last + 1 < len(words) else None
    if not out and after is not None and after.low in GENITIVE_DETS:
        # "einem Positionspapier des Ministeriums": the organisation behind a document
        out = [ev for ev in (noun_evidence(w, words) for w in core_words(words, after=core))
               if ev is not None and ev.gender == Gender.GROUP]
    if any(ev.text.startswith("plural:") for ev in out) and group is None and subject is not None \
            and verb_number(subject) == "Sing":
        out = [ev for ev in out if not ev.text.startswith("plural:")]  # "Lorenzen spekuliert": no plural
    first = first_name(" ".join(w.text for w in name_run(core, words)))
    out = out + [first] if first is not None else out
    return out + [group] if group is not None else out  # a plural verb: "Punklady Nina Hagen sind" stays unknown


def several(words: list[Word], subject: Optional[Word]) -> Optional[Evidence]:
    """Group evidence where a mention names more than one: heads joined by "und" (in the tree, or "und
    andere", "sowohl … als auch" in the words), or the finite verb it is the subject of is plural.

    Args:
        words: the mention's words.
        subject: the word of the mention that is the subject of a verb outside it (:func:`_subject`), or None.
    """
    inside = {id(w) for w in words}
    for i, w in enumerate(words):
        if w.low not in COORDINATORS and w.low != "sowohl":
            continue
        nxt = words[i + 1].low if i + 1 < len(words) else ""
        if w.low == "sowohl" or nxt in ("andere", "weitere"):
            return Evidence(Gender.GROUP, f"coordination:{w.text}")
        conj = w.parent
        if conj is not None and conj.rel == "conj" and conj.upos in ("NOUN", "PROPN") and id(conj) in inside:
            head = conj.parent
            if head is not None and id(head) in inside and (head.parent is None or id(head.parent) not in inside):
                return Evidence(Gender.GROUP, f"coordination:{w.text}")
    if subject is not None and verb_number(subject) == "Plur":
        return Evidence(Gender.GROUP, f"plural_verb:{finite_verb(subject).text}")  # type: ignore[union-attr]
    return None


def _subject(words: list[Word]) -> Optional[Word]:
    """The word of a mention that is the subject of a verb outside it; None if none."""
    inside = {id(w) for w in words}
    return next((w for w in words if (w.deprel == "nsubj" or w.deprel.startswith("nsubj:")) and w.parent is not None
                 and id(w.parent) not in inside), None)


def core_words(words: list[Word], after: Optional[list[Word]] = None) -> list[Word]:
    """The capitalised words of a mention's head phrases, read by word order (the parser's attachments
    are too often wrong for names): in each comma-separated part ("Der Innenminister Frankreichs,
    Nicolas Sarkozy"), the words up to the first attribute after a noun (a determiner, preposition,
    conjunction: "Sprecher der Polizei" -> "Sprecher"). A head phrase of statement or source nouns
    only ("Angaben der Polizei") passes to the phrase after it. With ``after`` (an earlier core), the
    phrases that follow those words instead: the attribute "des Ministeriums" of "einem Positionspapier
    des Ministeriums"."""
    parts: list[list[Word]] = [[]]
    depth = 0
    for w in words:
        if w.text in ("(", "["):
            depth += 1
        elif w.text in (")", "]"):
            depth = max(0, depth - 1)
        elif w.text == "," and depth == 0:
            parts.append([])
        elif depth == 0:
            parts[-1].append(w)
    skip = {id(w) for w in after or ()}
    core: list[Word] = []
    for part in parts:
        if after is not None:
            if not any(id(w) in skip for w in part):
                continue
            last = max(i for i, w in enumerate(part) if id(w) in skip)
            part = part[last + 1:]
        phrase: list[Word] = []
        seen_noun = False
        for k, w in enumerate(part):
            if seen_noun and (w.upos in ATTRIBUTE_OPENERS or w.low in COORDINATORS or w.text[:1].islower()):
                if all(_says_nothing(x) for x in phrase):
                    phrase, seen_noun = [], False  # "Angaben der Polizei": go on to "Polizei"
                    continue
                break
            modifier = k + 1 < len(part) and part[k + 1].start == w.end and part[k + 1].text.startswith("-")
            if w.text[:1].isupper() and w.upos not in ("DET", "PRON", "ADP", "PUNCT", "NUM") and not modifier:
                phrase.append(w)  # not "ICANN" of "ICANN-Chef": the compound's head says who
                seen_noun = True
        core.extend(phrase)
    return core


def noun_evidence(w: Word, words: list[Word], plural: bool = False) -> Optional[Evidence]:
    """What one core word says: a person noun's gender, an organisation, a plural; None for a name or a
    noun that says nothing. ``plural``: the mention's verb is plural (a person noun whose plural is
    its singular, "Kritiker", "Mitarbeiter", is then plural)."""
    low = w.low.split("-")[-1]
    for suffix in SOURCE_SUFFIXES:  # "Medienberichten", "Regierungsangaben": the source is the first part
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            prefix = low[: -len(suffix)]
            if not is_group_noun(prefix) and prefix.endswith("s"):
                prefix = prefix[:-1]
            return Evidence(Gender.GROUP, f"organisation:{w.text}") if is_group_noun(prefix) else None
    if is_acronym(w):
        return Evidence(Gender.GROUP, f"organisation:{w.text}")
    found = person_noun(low)
    det = determiner(w, words)
    if found is not None:
        if plural and det not in SINGULAR_DETERMINERS and found[0] == "male" and low.endswith(("er", "el", "en")):
            return Evidence(Gender.GROUP, f"plural:{w.text}")  # "Kritiker werfen … vor"
        return _person_evidence(w, low, found, det)
    if is_group_noun(low):
        return Evidence(Gender.GROUP, f"organisation:{w.text}")
    if _says_nothing(w):
        return None
    if w.upos == "NOUN" and w.feat("Number") == "Plur" and det not in SINGULAR_DETERMINERS \
            and w.lem != w.low:  # the parser took it back to a singular lemma: "Beobachtern" -> "beobachter"
        return Evidence(Gender.GROUP, f"plural:{w.text}")
    return None


def _person_evidence(w: Word, low: str, found: tuple[str, str], det: Optional[str]) -> Optional[Evidence]:
    """The evidence of a person noun of kind and ending ``found`` (:func:`person_noun`) after ``det``."""
    kind, ending = found
    stem = low[: -len(ending)] if ending and ending != "innen" else low
    label = "role_noun" if is_role_noun(stem) or is_role_noun(low) else "person_noun"
    if kind == "adjective":
        if low.endswith("er") and det in (None, "ein"):
            return Evidence(Gender.MALE, f"article:{_with(det, w)}")
        if low.endswith("e") and det in FEMININE_DETERMINERS:
            return Evidence(Gender.FEMALE, f"article:{_with(det, w)}")
        if low.endswith("e") and det in MASCULINE_DETERMINERS:
            return Evidence(Gender.MALE, f"article:{_with(det, w)}")
        if low.endswith("en") and det in (None, "die", "alle", "beide", "mehrere", "viele"):
            return Evidence(Gender.GROUP, f"plural:{w.text}")
        return None
    if ending == "innen" or det in PLURAL_DETERMINERS - FEMININE_DETERMINERS:
        return Evidence(Gender.GROUP, f"plural:{w.text}")
    if kind == "female" and ending in ("en", "n"):
        return Evidence(Gender.GROUP, f"plural:{w.text}")  # "Frauen"
    if kind == "female":
        return Evidence(Gender.FEMALE, f"{label}:{w.text}")
    if ending in ("en", "n") and det == "den":
        return None  # "den Präsidenten" (one) or "den Organisatoren" (several)
    if det == "die" or (ending in ("en", "n") and det is None):
        return Evidence(Gender.GROUP, f"plural:{w.text}")  # "die Minister", "Experten"
    return Evidence(Gender.MALE, f"{label}:{w.text}")


def name_run(core: list[Word], words: list[Word]) -> list[Word]:
    """The first run of adjacent name words in a core ("Kremlsprecher *Dmitri Peskow*")."""
    position = {id(w): i for i, w in enumerate(words)}
    run: list[Word] = []
    for w in core:
        if _name_word(w) and (not run or position[id(w)] == position[id(run[-1])] + 1):
            run.append(w)
        elif len(run) >= 2:
            break
        else:
            run = [w] if _name_word(w) else []
    return run


def first_name(name: str) -> Optional[Evidence]:
    """Evidence from the first word of a proper name of two words or more, where that first name
    (nearly) always has one gender; None otherwise."""
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    if len(words) < 2:
        return None
    first = words[0].split("-")[0]
    gender = first_name_gender(first)
    return Evidence(gender, f"first_name:{first}") if gender is not None else None


def _name_word(w: Word) -> bool:
    """A word that may be part of a person's name: capitalised letters, no person or group noun."""
    low = w.low.split("-")[-1]
    return w.text[:1].isupper() and w.text.replace("-", "").isalpha() and not is_acronym(w) \
        and person_noun(low) is None and not is_group_noun(low)


def determiner(w: Word, words: list[Word]) -> Optional[str]:
    """The article, determiner or numeral before ``w`` in its mention (lower case), with only
    adjectives and the parts of a hyphenated compound between ("die neue Ministerin", "Der
    GdP-Vorsitzende"); None without one."""
    k = next((i for i, x in enumerate(words) if x is w), 0) - 1
    while k >= 0 and (words[k].upos in ("ADJ", "ADV") or words[k].end == words[k + 1].start) \
            and words[k].low not in PLURAL_DETERMINERS:
        k -= 1
    if k >= 0 and (words[k].upos in ("DET", "NUM") or words[k].low in PLURAL_DETERMINERS):
        return words[k].low
    return None


def _with(det: Optional[str], w: Word) -> str:
    return f"{det} {w.text}" if det else w.text


def _says_nothing(w: Word) -> bool:
    """A noun of time, statement or source (:data:`quotes.speakers.NOT_SPEAKERS`): says nothing about
    who speaks ("Angaben", "Untersuchungen")."""
    low = w.low.split("-")[-1]
    return (low in _not_speaker_words() or w.lem in _not_speaker_words()) and not is_group_noun(low)


@lru_cache(maxsize=1)
def _not_speaker_words() -> frozenset[str]:
    return frozenset().union(*(load_words(name) for name in NOT_SPEAKERS))

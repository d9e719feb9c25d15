"""Names read from the text of a speaker mention, by its shape.

A speaker mention's text is split into a proper name and the role words around it: capitalised words
that are not role nouns form the name, the role words the descriptor ("Kremlsprecher Dmitri Peskow" ->
"Dmitri Peskow" / "Kremlsprecher"; "Der Leiter des Amerika-Büros …, Kwon Jong Gun" -> "Kwon Jong Gun" /
"Leiter des Amerika-Büros …"). The shape is used rather than part-of-speech tags, which small parsers get
wrong for foreign names. A source phrase names its source ("russischen Medienangaben" -> "russische
Medien"). These functions read strings only; :mod:`quotes.speakers` applies them to a document's mentions
and :mod:`quotes.gender` to its entities.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .gender_words import person_noun
from .lexicon import load_words
from .rules.morph import is_role_noun
from .rules.vocab import ARTICLES

NAME_PARTICLES = {"von", "van", "de", "der", "da", "di", "bin", "al", "el", "zu", "la", "le", "du", "dos", "del"}
SOURCE_SUFFIXES = ("angaben", "aussagen", "berichten", "informationen", "schätzungen")


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and not is_role_noun(word) and word.lower() not in ARTICLES \
        and word.lower() not in load_words("temporal_nouns")


def _described(head: list[str]) -> bool:
    """The words before a name describe its person: a role noun among them ("Der Leiter des Amerika-Büros …",
    "Kremlsprecher"), or a person noun right before the name ("ihr Kollege | Peter Schmidt", "Frau | Merkel"; not
    "Die Autoren der | Studie", where the name is an attribute's)."""
    return any(is_role_noun(w) for w in head) or bool(head) and _person_word(head[-1].lower())


def _person_word(low: str) -> bool:
    """A noun for a person (``data/person_nouns.txt`` or a role noun: "Kollege", "Augenzeugin", "Physiker"), not a
    nominalised adjective ("Abgeordnete", "Vorsitzende"), which may stand for a person without being a noun of one."""
    found = person_noun(low)
    return found is not None and found[0] != "adjective"


GENITIVE_ARTICLES = frozenset({"des", "eines"})
"""Articles of a masculine or neuter genitive, whose noun carries -s or -es ("des Ministeriums", "eines Amtes")."""

NOMINATIVE_IN_S = ("fonds", "status", "campus", "virus", "kosmos", "globus", "zirkus", "konsens", "kongress",
                   "prozess", "bus", "haus", "kreis")
"""Endings of nouns whose nominative ends in -s already ("Währungsfonds", "Weltkongress", "Landkreis"): their
genitive adds -es ("Weltkongresses") or nothing ("des Fonds")."""


def nominative(words: list[str]) -> list[str]:
    """The words of a name read from a masculine or neuter genitive attribute, in the nominative the name is
    listed under: the noun without its genitive -s/-es ("Finanzministeriums" -> "Finanzministerium", "Amtes" ->
    "Amt", "Kreuzes" -> "Kreuz", "Weltkongresses" -> "Weltkongress"; "Währungsfonds" stays) and a capitalised
    adjective before it in its weak nominative ("Auswärtigen Amtes" -> "Auswärtige Amt", "Roten Kreuzes" ->
    "Rote Kreuz"). Only a phrase of capitalised adjectives and one noun at its end changes; a phrase with a name
    in it ("Landes Niedersachsen", "Airbus-Vorstandsvorsitzenden Thomas Enders") stays as it is."""
    out = list(words)
    if not out or not all(w[:1].isupper() and w.isalpha() or "-" in w for w in out) \
            or not all(w.endswith("en") for w in out[:-1]):
        return words  # only adjectives and one noun at the end: not "Thomas Enders", not "Landes Niedersachsen"
    k = 0
    while k < len(out) - 1:
        out[k] = out[k][:-1]  # weak adjective: "Auswärtigen" -> "Auswärtige"
        k += 1
    noun = out[k]
    low = noun.lower()
    if not noun[:1].isupper() or not low.endswith("s") or low.endswith(NOMINATIVE_IN_S):
        return words
    if low.endswith(tuple(n + "es" for n in NOMINATIVE_IN_S)) or low.endswith(("sses", "tzes", "zes", "ßes", "xes",
                                                                                 "sches")):
        out[k] = noun[:-2]  # "Weltkongresses", "Kreuzes", "Verfassungsschutzes"
    elif low.endswith("es") and len(low) > 4 and low[-3] not in "aeiouäöüy" and low[-3] != "s":
        out[k] = noun[:-2]  # "Amtes", "Landes", "Rates" (a monosyllabic stem takes -es)
    elif low.endswith(("ums", "ns", "ts", "ds", "rs", "ls", "ks", "gs", "es", "ms", "ps", "fs", "hs", "os", "as")):
        out[k] = noun[:-1]  # "Ministeriums", "Unternehmens", "Instituts", "Verbands", "Komitees", "Büros"
    return out


def _closing_bracket(mention: str) -> Optional[int]:
    """Where a bracketed group that ends ``mention`` opens, where something stands before it ("Kurt Beck (SPD)"
    -> 10); None otherwise."""
    text = mention.rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return i if text[:i].strip() else None
    return None


def _top_level_commas(mention: str) -> list[str]:
    """``mention`` split at commas outside brackets: "Patrick Kamanda von der Behörde (National Environment
    Management Authority, NEMA)" is one part."""
    if "," not in mention:
        return [mention]  # most mentions: nothing to split (the loop below, without its walk)
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(mention):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            parts.append(mention[start:i])
            start = i + 1
    parts.append(mention[start:])
    return parts


@lru_cache(maxsize=1024)  # pure; a document asks about the same mention several times
def split_name(mention: str) -> tuple[Optional[str], Optional[str]]:
    """(proper name, descriptor) read from the shape of a speaker mention.

    Returns (None, None) where the mention holds no proper name (a common
    noun phrase such as "der Kreml" or "die britische Königin").
    """
    bracket = _closing_bracket(mention)
    if bracket is not None:
        # a party or abbreviation after the name: "Bundesfamilienministerin Kristina Schröder (CDU)", "…, Christian
        # Wulff (CDU)": the name is read without it, and it joins the descriptor
        name, desc = split_name(mention[:bracket].rstrip())
        if name:
            extra = mention[bracket:].strip()
            return name, f"{desc} {extra}" if desc else extra.strip("()") or None
    parts = [p.strip() for p in _top_level_commas(mention) if p.strip()]
    # an apposition that is only a name: "Der Leiter …, Kwon Jong Gun"
    for k in range(len(parts) - 1, 0, -1):
        words = parts[k].split()
        if words and all(_is_name_word(w) or w.lower() in NAME_PARTICLES for w in words) and _is_name_word(words[0]):
            rest = ", ".join(parts[:k] + parts[k + 1 :])
            return parts[k], _strip_article(rest) or None
    words = parts[0].split() if parts else []
    if not words:
        return None, None
    # a name with its organisation or place: "Bernard Aubin von der CFTC", "John Sifton von Human Rights Watch",
    # "die Lehrerin Anna Müller aus Berlin"
    at = next((i for i in range(2, len(words) - 1) if words[i] in ("von", "vom", "aus") and _is_name_word(words[i - 1])
               and _is_name_word(words[i - 2])), None)
    if at is not None and len(parts) == 1:
        name, desc = split_name(" ".join(words[:at]))
        if name and len(name.split()) >= 2:
            return name, " ".join(([desc] if desc else []) + words[at:])
    # the name is the final run of capitalised non-role words: "Kremlsprecher Dmitri Peskow"
    j = len(words)
    while j > 0:
        w = words[j - 1]
        inner_particle = w.lower() in NAME_PARTICLES and j < len(words) and _name_before_particles(words, j - 1)
        if not (_is_name_word(w) or inner_particle):
            break
        if j < len(words) and _person_word(w.lower()):
            if words[j].lower() in NAME_PARTICLES:
                return None, None  # "Die Autoren der Studie": a genitive attribute, no name
            break  # a person noun before the name describes it ("ihr Kollege | Peter Schmidt", "Frau | Merkel"); at
            # the end it is a surname ("Manfred Bauer", "Horst König")
        j -= 1
    name_words = words[j:]
    while name_words and name_words[0].lower() in NAME_PARTICLES:
        name_words = name_words[1:]
    k = len(words) - len(name_words)
    if len(name_words) >= 3 and name_words[0].isupper() and name_words[0].isalpha() and k > 0 \
            and words[k - 1].lower() in ("der", "des"):
        j = k + 1  # "Der Abgeordnete der CDU | Frank Mindermann": the party, not the name
        name_words = name_words[1:]
    head = words[:j]
    if not name_words or head and head[-1].lower() in ("und", "sowie", "oder"):
        return None, None  # "Die Außenminister Frankreichs und Italiens": a coordination, not a name
    if head and head[-1].lower() in ("des", "der", "eines", "einer") and len(name_words) == 1 \
            and (is_role_noun(name_words[0]) or person_noun(name_words[0].lower()) is not None):
        return None, None  # "Der Anwalt des Angeklagten", "Ein Sprecher des Ministers": a person in a genitive
        # attribute, who did not speak
    if len(name_words) == 1 and head and head[0].lower() in ARTICLES and not _described(head):
        return None, None  # "der Kreml", "die britische Königin": a common noun phrase
    if not head and len(name_words) == 1 and len(words) == 1:
        return name_words[0], None
    if head and not _described(head) and not all(w[:1].islower() for w in head):
        return None, None  # "Die Regierung Guatemalas": no role word, no name
    if _name_of_attribute(head):
        return None, None  # "Ein Sprecher der EU-Medienkommissarin Viviane Reding": Reding did not speak
    descriptor = _strip_article(" ".join(head)) or None
    if len(parts) > 1 and descriptor is None:
        descriptor = _strip_article(", ".join(parts[1:])) or None
    if head and head[-1].lower() in GENITIVE_ARTICLES:
        name_words = nominative(name_words)  # "Ein Sprecher des Finanzministeriums" -> Finanzministerium
    return " ".join(name_words), descriptor


ATTRIBUTE_OPENERS = {"des", "der", "eines", "einer", "von", "vom"}


def _name_of_attribute(head: list[str]) -> bool:
    """The words before a name (``head``) put it in an attribute of the phrase's own role noun: a role noun,
    a genitive article or "von", and a role noun right before the name, as in "Ein Sprecher der
    EU-Medienkommissarin | Viviane Reding", "der Sprecher von Bundeskanzlerin | Angela Merkel". The name is
    then the attribute's person, not the speaker's."""
    first = next((i for i, w in enumerate(head) if is_role_noun(w)), None)
    if first is None or len(head) - first < 3 or not is_role_noun(head[-1]):
        return False
    return any(w.lower() in ATTRIBUTE_OPENERS for w in head[first + 1 : -1])


def _name_before_particles(words: list[str], k: int) -> bool:
    """A name word stands before position ``k`` with only name particles between: "Ursula von der"."""
    k -= 1
    while k >= 0 and words[k].lower() in NAME_PARTICLES:
        k -= 1
    return k >= 0 and _is_name_word(words[k])


def _strip_article(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ARTICLES:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1024)  # pure; speaker resolution asks about each mention of a document twice
def source_name(mention: str) -> Optional[str]:
    """Who stands behind a source phrase: "russischen Medienangaben" ->
    "russische Medien", "Angaben der Polizei" -> "Polizei"; None otherwise."""
    words = mention.split()
    nouns = load_words("source_nouns")
    for i, word in enumerate(words):
        low = word.lower()
        if low in nouns and i + 1 < len(words) and words[i + 1].lower() in ("der", "des", "eines", "einer", "von", "vom"):
            if words[-1].lower() in load_words("temporal_nouns"):
                return None  # "Informationen vom späten Abend": a time, nobody
            rest = words[i + 2 :]
            if words[i + 1].lower() in GENITIVE_ARTICLES:
                rest = nominative(rest)  # "Angaben des Innenministeriums" -> Innenministerium
            return " ".join(rest).strip(",") or None
        for n in SOURCE_SUFFIXES:
            if low.endswith(n) and len(low) > len(n) + 2 and i == len(words) - 1:
                prefix = word[: -len(n)].rstrip("-")
                if prefix.endswith("s") and not prefix.endswith(("ss", "us")):
                    prefix = prefix[:-1]  # Fugen-s: "Regierungsangaben"
                adjectives = [a[:-1] if a.endswith("en") else a for a in words[:i] if a[:1].islower()]
                return " ".join(adjectives + [prefix[:1].upper() + prefix[1:]])
    return None


def may_hold_full_name(mention: str) -> bool:
    """``mention`` has two words that could be words of a name (capitalised, or particles such as "von"):
    without them :func:`split_name` finds no name of two words in it ("er", "die Polizei", "Merkel"),
    for every name word it returns is one of these (cut at commas as it cuts the mention)."""
    n = 0
    for token in mention.replace(",", " ").split():
        if token[:1].isupper() or token.lower() in NAME_PARTICLES:
            n += 1
            if n == 2:
                return True
    return False

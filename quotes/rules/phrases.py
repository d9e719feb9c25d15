"""Noun phrases: the extent of a phrase from its head in the tree (:func:`np_extent`) or read left to
right from the surface (:func:`surface_np`), genitive attributes and relative antecedents.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import compound_of, load_words
from .base import is_punct
from .morph import adverbial_kind, is_acronym, is_role_noun, web_address
from .quotemarks import CLOSING_MARKS, GERMAN_OPENERS, OPENING_MARKS
from .vocab import GENITIVE_DETS, PERSONAL_PRONOUNS, RELATIVE, TITLE_ABBREVIATIONS


NP_EXTENT_MEMO = "_np_extent"
"""Name of the memo :func:`np_extent` keeps on its head word (in the word's ``__dict__``, the way
:class:`quotes.doc.computed_once` stores its values): ``limit`` -> the phrase's words as a tuple. The phrase
depends only on the word's own sentence tree and the packaged word lists, so the memo is right for as long
as the word lives, and it lives and dies with its document. Speaker resolution asks for the phrase of every
subject of a document, the rules for the subjects of their frames."""


def np_extent(head: Word, limit: Optional[tuple[int, int]] = None) -> list[Word]:
    """The noun phrase headed by ``head``: its subtree, cut at clauses and at ``limit`` (word ids).

    Computed once per head and limit (:data:`NP_EXTENT_MEMO`); each call returns a new list. A word without
    dependents that is no noun ("er", "sie") is its own phrase, without a memo (it starts no run of names)."""
    if head.upos not in ("PROPN", "NOUN") and head.sent is not None and not head.sent.children(head.id):
        return [head]
    key = None if limit is None else (limit[0], limit[1])
    memo = head.__dict__.get(NP_EXTENT_MEMO)
    if memo is None:
        memo = head.__dict__[NP_EXTENT_MEMO] = {}
    else:
        found = memo.get(key)
        if found is not None:
            return list(found)
    words = _np_extent(head, key)
    memo[key] = tuple(words)
    return words


def _np_extent(head: Word, limit: Optional[tuple[int, int]]) -> list[Word]:
    """:func:`np_extent` without its memo."""
    sent = head.sent
    assert sent is not None
    keep = [head] if not sent.children(head.id) else _tree_extent(head, sent, limit)
    # parsers cut names short ("Volker | Beck"): take the rest of a run of names
    words = sent.words
    j = keep[-1].i + 1
    while j < len(words) and (not limit or words[j].id <= limit[1]) and keep[-1].upos in ("PROPN", "NOUN") \
            and (words[j].upos == "PROPN" or name_after(keep[-1], words[j])):
        keep.append(words[j])
        j += 1
    return keep


def _tree_extent(head: Word, sent: Sentence, limit: Optional[tuple[int, int]]) -> list[Word]:
    """The phrase of :func:`np_extent` from the tree, before the run of names after it (a head without
    dependents is its own phrase)."""
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
            if nxt.text in GERMAN_OPENERS + ("“",) or nxt.upos in ("SCONJ", "PRON") and nxt.low not in RELATIVE \
                    or nxt.feat("Poss") == "Yes" or relative:
                keep = keep[:k]
                break
    # a quotation after the head that opens with a lower-case adjective, article or verb is quoted words, not a
    # name ("die Richter | „gravierende rechtliche Bedenken“"; a quoted name: "die Zeitung „taz“")
    for k, w in enumerate(keep):
        if w.id > head.id and w.text in OPENING_MARKS and k + 1 < len(keep) and keep[k + 1].text[:1].islower() \
                and keep[k + 1].upos in ("ADJ", "DET", "ADV", "VERB", "AUX", "PRON"):
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
    return keep or [head]


def phrase_head(words: list[Word]) -> Optional[Word]:
    """The head of a phrase: its first word whose parent in the tree lies outside it (None for no words)."""
    ids = {w.id for w in words}
    return next((w for w in words if w.head not in ids), None)


def name_after(prev: Word, w: Word) -> bool:
    """``w`` is a name in apposition to the role or outlet noun ``prev``, tagged as a common noun by the
    parser: "Finanzminister | Peer", "Presseagentur | Xinhua", "Nachrichtenmagazin | Focus".

    The name is capitalised, uninflected (its lemma is its form) and singular, and no role, time or
    function word: "sagte der Sprecher | Journalisten" is no name.
    """
    if prev.upos != "NOUN" or not (is_role_noun(prev.text) or compound_of(prev.low, "title_nouns", min_head=4)):
        return False
    return w.start > prev.end and w.text[:1].isupper() and w.upos in ("NOUN", "PROPN", "X") \
        and (w.lemma or w.text) == w.text and w.feat("Number") != "Plur" and not is_role_noun(w.text) \
        and not adverbial_kind(w) and w.low not in load_words("temporal_nouns") \
        and w.low not in load_words("german_function_words")


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
            close = next((k for k in range(i + 1, min(len(words), i + QUOTED_NAME_SPAN)) if words[k].text in CLOSING_MARKS
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
            more = _after_head(sent, out, i, end, stop_id)
            if not more:
                break
            out.extend(more)
            i = more[-1].id
            continue
        elif glued and (w.text in ("-", "–") or out[-1].text in ("-", "–")):
            out.append(w)
        elif not seen_noun and out and out[-1].upos == "DET" and w.upos == "ADP" \
                and (attribute := _extended_attribute(words, i, end)):
            out.extend(attribute)  # "der für die Omo-Region zuständige Koordinator"
            i = attribute[-1].i + 1
            continue
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


QUOTED_NAME_SPAN = 12
"""Most words from the opening mark of a quoted name in a noun phrase to its closing mark ("der neue „Oberste
Rat zur Wiederherstellung der Demokratie“": a contraction counts as two words)."""

EXTENDED_ATTRIBUTE_SPAN = 8
"""Most words between the article and the adjective of an extended attribute ("der | für die Region |
zuständige Koordinator")."""


def _extended_attribute(words: list[Word], i: int, end: int) -> Optional[list[Word]]:
    """An extended attribute between an article and its noun, from the preposition at ``words[i]`` to the
    adjective or participle that ends it: "der | für die Omo-Region zuständige | Koordinator", "die | von der
    Regierung eingesetzte | Kommission"; None where no lower-case adjective followed by a noun closes it
    within :data:`EXTENDED_ATTRIBUTE_SPAN` words, or where punctuation or a verb comes first. The adjective
    follows the head of the prepositional phrase ("Region zuständige"): one after an article or another
    adjective belongs to the phrase itself ("zur kalifornischen | Stanford University gehörende …")."""
    for k in range(i + 1, min(end, i + EXTENDED_ATTRIBUTE_SPAN) + 1):
        w = words[k]
        if w.upos in ("VERB", "AUX", "SCONJ", "CCONJ", "PRON") or is_punct(w) and w.text not in ("-", "–"):
            return None
        if w.upos == "ADJ" and w.text[:1].islower() and k + 1 <= end and k + 1 < len(words) \
                and words[k + 1].upos in ("NOUN", "PROPN") and k > i + 1 \
                and words[k - 1].upos not in ("DET", "ADP", "ADJ"):  # not the PP's own adjective: "zur kalifornischen"
            return words[i : k + 1]
    return None


def _after_head(sent: Sentence, out: list[Word], i: int, end: int, stop_id: Optional[int]) -> Optional[list[Word]]:
    """The words that continue the noun phrase ``out`` after its head noun, from ``words[i]`` on (up to
    index ``end``): a name, a genitive ("Celebis Angaben", "der Agentur Interfax", "Meinung politischer
    Beobachter"), the rest of a shortened compound, a parenthesised abbreviation; None where it ends."""
    words = sent.words
    w = words[i]
    if w.upos == "PROPN" or name_after(out[-1], w):
        return [w]
    if w.upos == "NOUN" and out[-1].low.endswith("s") and all(x.upos == "PROPN" for x in out):
        return [w]  # a name in the genitive before its noun: "Celebis Angaben", "Russlands Regierung"
    if out[-1].text in ("-", "–") and w.low in ("und", "oder") and i + 1 <= end and i + 1 < len(words) \
            and words[i + 1].upos in ("NOUN", "PROPN"):
        return words[i : i + 2]  # a shortened compound: "Kongress- und Verteidigungskreise"
    if i + 1 <= end and bare_genitive_plural(words, i):
        return words[i : i + 2]  # "Meinung politischer Beobachter"
    if (w.low in ("des", "der") or (w.upos in ("DET", "ADJ") and w.feat("Case") == "Gen")) \
            and opens_genitive(words, i):
        return surface_np(sent, w.id, stop_id) or None
    if w.text == "(" and i + 2 < len(words) and words[i + 2].text == ")" and i + 2 <= end:
        return words[i : i + 3]
    return None


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
        and w.text[:1].islower() and words[i + 1].upos == "NOUN" and words[i - 1].upos == "NOUN" \
        and not adverbial_kind(w)  # "der Innenminister | gegenüber Medien": a preposition the tagger took for an adjective


def antecedent(pron: Word, governed: bool = False) -> Optional[list[Word]]:
    """The noun phrase right before the comma that opens a relative clause; with ``governed``, a clause
    opened by a preposition and the pronoun ("eine Erklärung, in der es heißt, …" -> "eine Erklärung")."""
    sent = pron.sent
    gap = 2 if governed else 1  # the comma stands before the preposition, or before the pronoun
    if sent is None or pron.i < gap + 1 or sent.words[pron.i - gap].text != ",":
        return None
    words = sent.words
    if governed and words[pron.i - 1].upos != "ADP":
        return None
    k = pron.i - gap - 1
    np: list[Word] = []
    while k >= 0 and words[k].upos in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "X") and len(np) < 8:
        np.insert(0, words[k])
        if words[k].upos == "DET" and words[k].low not in GENITIVE_DETS:
            break
        k -= 1
    return np if any(w.upos in ("NOUN", "PROPN") for w in np) else None


def split_medium(np: list[Word]) -> tuple[Optional[list[Word]], list[Word]]:
    """"staatliche Medien Kwon" read as one phrase: the outlet, then the quoted person. An outlet named in
    quotation marks ends at its closing mark: "die „Computerwoche“ Lynch"; a role noun right before the name is
    the person's title, not the outlet: "ndr.de Polizeisprecher Ralf Meyer"."""
    inside = False  # within the outlet's quotation marks: no split ("die „Süddeutsche Zeitung“ Müller")
    for k in range(1, len(np)):
        a, b = np[k - 1], np[k]
        if a.text in OPENING_MARKS and not inside or a.text in CLOSING_MARKS and inside:
            inside = not inside
        if inside:
            continue
        if k > 1 and a.text in CLOSING_MARKS and np[k - 2].upos in ("NOUN", "PROPN"):
            a = np[k - 2]  # the outlet's last word, before its closing mark
        if a.upos == "NOUN" and b.upos == "PROPN" and b.start > a.end:
            if is_role_noun(a.text) and np[k - 1] is a:
                # a role before the name is the person's title: "ndr.de | Polizeisprecher Ralf Meyer"
                return (np[: k - 1], np[k - 1 :]) if k > 1 else (None, np)
            return np[:k], np[k:]
    return None, np

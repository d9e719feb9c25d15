"""The noun phrase of a source: who stands after "laut", "gemäß", "nach Angaben" and before "zufolge".

:func:`np_after` reads the phrase after a preposition from the tree where it can and from the surface
where the parser splits a name, and takes in genitive and "von" attributes and an apposition;
:func:`np_before` reads the phrase before a postposition right to left. Both stop where the next phrase
of the clause begins ("laut Airbus | Bestellungen", "die Kanzlerin | einigen Teilnehmern zufolge").
Used by :mod:`quotes.rules.source`.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import compound_of, load_table, load_words, words_with
from . import mention
from .base import Context, is_punct
from .morph import is_role_noun, is_source_noun, is_speaking_noun, web_address
from .phrases import bare_genitive_plural, np_extent, opens_genitive, surface_np
from .quotemarks import CLOSING_MARKS, OPENING_MARKS
from .vocab import GENITIVE_DETS
from .speaking import untagged_name


def is_event_noun(w: Word) -> bool:
    """A source noun of an act ("Veröffentlichung", "Auszählung": ``source_nouns`` marks it "event", here also as the
    end of a compound), which "nach" may date rather than cite."""
    low = w.low
    return any(low.endswith(n) for n in words_with("source_nouns", "event"))


def np_follows(sent: Sentence, w: Word) -> bool:
    if w.id >= len(sent.words):
        return False
    nxt = sent.words[w.id]
    if nxt.text in OPENING_MARKS and w.id + 1 < len(sent.words):
        nxt = sent.words[w.id + 1]  # a quoted name: "laut „Reuters“", "laut „tagesschau.de“"
        return nxt.text[:1].isupper() or web_address(nxt)
    if web_address(nxt):
        return True  # "laut bildblog.de"
    return nxt.upos in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "X") or nxt.text[:1].isupper()


def names_body(w: Word) -> bool:
    """A noun for an organisation, group or medium ("Organisation", "Magazin", "Tageszeitung"), which a quoted
    name may follow as its apposition."""
    return any(is_speaking_noun(form) or compound_of(form.split("-")[-1], "group_nouns", min_head=5)
               for form in {w.low, w.lem})  # the lemma for a genitive: "Magazins"


QUOTED_NAME_WORDS = 6
"""Most words of a quoted name that extends a source phrase ("der Organisation „DotAsia“")."""


def np_after(ctx: Context, sent: Sentence, w: Word) -> list[Word]:
    """The NP after a preposition, with genitive and von-attributes.

    The tree's phrase is taken where the preposition is its ``case`` child and
    the phrase holds no finite verb ("Laut einer am Dienstag veröffentlichten
    Pressemitteilung des WFP"); else the phrase is read from the surface.
    """
    np: list[Word] = []
    head = w.parent if w.deprel == "case" else None
    if head is not None and head.id > w.id and head.upos in ("NOUN", "PROPN", "X", "NUM"):
        tree = [x for x in np_extent(head, (w.id + 1, len(sent.words))) if x.id > w.id]
        finite = any(x.finite for x in tree)
        if tree and tree[0].id == w.id + 1 and not finite and not any(x.text in (",", ";") for x in tree):
            # an adverb after the head ends the phrase: "nach NASA-Angaben | ungefähr 120 Meilen"
            cut = next((x for x in tree if x.id > head.id and x.upos in ("ADV", "PART")), None)
            np = [x for x in tree if cut is None or x.id < cut.id]
    surface = surface_np(sent, w.id + 1)
    if surface and (not np or surface[-1].id > np[-1].id):
        # the parser often splits "Hauptmann | Abraham Sipe"; but a phrase the tree makes an argument of the
        # verb is the next phrase, not part of the source: "laut Airbus | Bestellungen", "laut el-Baradei | die …"
        cut = next((x for x in surface if np and x.id > np[-1].id and starts_phrase(sent.words, x.i)
                    and next_phrase(x, np)), None)
        np = [x for x in surface if cut is None or x.id < cut.id]
    if not np:
        return []
    # an article or adjective that opens a phrase after the source's noun opens the next phrase of the clause,
    # wherever the parser hung it: "laut ai-Bericht | eine hohe Dunkelziffer", "laut Verfassung | der
    # Parlamentspräsident", "laut ihrem Anführer | starken Zulauf"
    cut = next((x for x in np[1:] if _opens_next_phrase(sent.words, x)
                or _adverbial_after(ctx, sent.words, x)), None)
    if cut is not None:
        np = [x for x in np if x.id < cut.id]
    # extend with "von X", "des X", apposition names
    i = np[-1].id  # next index (0-based) == id of last + 0
    words = sent.words
    while i < len(words):
        nxt = words[i]
        if nxt.text in OPENING_MARKS and np[-1].upos == "NOUN" and names_body(np[-1]):
            # a quoted name after a noun for a body or medium: "des Magazins „auto, motor und sport“"
            close = next((k for k in range(i + 1, min(len(words), i + QUOTED_NAME_WORDS + 2))
                          if words[k].text in CLOSING_MARKS), None)
            if close is not None and close > i + 1 and not any(x.finite for x in words[i + 1 : close]):
                np = np + words[i : close + 1]
                i = close + 1
                continue
        if (nxt.low in ("von", "vom") or nxt.low in ("des", "der") and opens_genitive(words, i)) and i + 1 < len(words):
            more = surface_np(sent, nxt.id + 1) if nxt.low in ("von", "vom") else surface_np(sent, nxt.id)
            if more:
                # the attribute ends where the clause's next phrase starts, as the source's noun does above:
                # "laut Hauptmann Sipe von der US-Marineinfanterie | gute Fortschritte", "nach Ansicht von ai |
                # Disziplinarmaßnahmen", "nach Angaben der Polizei | unter Kontrolle"
                cut = next((x for x in more[1:] if _opens_next_phrase(words, x) or _adverbial_after(ctx, words, x)
                            or starts_phrase(words, x.i)
                            and next_phrase(x, np + [nxt] + [y for y in more if y.id < x.id])), None)
                more = [x for x in more if cut is None or x.id < cut.id]
            if more and nxt.low in ("von", "vom") and more[-1].lem in load_words("temporal_nouns"):
                break  # "Angaben der Polizei | vom Dienstag": a time, not who
            if more and nxt.low in ("von", "vom"):
                np = np + [nxt] + more
                i = more[-1].id
                continue
            if more and nxt.low in ("des", "der"):
                np = np + more
                i = more[-1].id
                continue
        if (len(np) == 1 and is_source_noun(np[0]) and _genitive_name(nxt)) or _name_after_title(words, nxt):
            np = np + [nxt]  # "nach Auffassung | Österreichs", "laut Finanzminister Peer | Steinbrück": the name
            i = nxt.id  # tagged as the clause's next phrase
            continue
        break
    # an apposition: "nach den Worten des Parteichefs Hanois, Pham Quang Nghi,",
    # "nach Angaben von Sam Maiha, dem Direktor der Wetterbehörde,"
    k = np[-1].i + 1
    if k + 2 < len(words) and words[k].text == ",":
        extra = mention.apposition(sent, np, k)
        if extra is None:
            j = k + 1
            while j < len(words) and words[j].upos == "PROPN" and j - k <= 4:
                j += 1
            if j > k + 1 and j < len(words) and words[j].text == ",":
                extra = words[k:j]
        if extra:
            np = np + extra
    return np


def _name_after_title(words: list[Word], x: Word) -> bool:
    """``x`` is the name that the word before it announces, however the parser attached it: a role ("laut
    Finanzminister Peer | Steinbrück"), a first name ("Deftalgne | Tessema") or a medium ("dem Nachrichtenmagazin |
    Focus"); a bare capitalised word that ends the phrase."""
    if x.i == 0 or x.upos not in ("NOUN", "PROPN") or not x.text[:1].isupper() or is_source_noun(x) \
            or x.feat("Number") == "Plur":
        return False  # a plural is a phrase of its own: "laut Ministerium | Arbeiten an der Stromübergabe"
    prev = words[x.i - 1]
    if x.i + 1 < len(words) and words[x.i + 1].upos in ("NOUN", "PROPN", "ADJ", "DET"):
        return False
    return is_role_noun(prev.text) or names_body(prev) or prev.low in load_table("first_names")


def _genitive_name(w: Word) -> bool:
    """``w`` is a name in the genitive with its "-s" ("Österreichs", "Merkels"), which can only be an attribute
    right after a bare source noun ("nach Auffassung Österreichs"): no other phrase of the clause begins so."""
    return w.text[:1].isupper() and w.low.endswith("s") and w.upos in ("PROPN", "NOUN") and not is_source_noun(w) \
        and w.low not in load_words("temporal_nouns") and w.low not in load_words("german_function_words")


def _opens_next_phrase(words: list[Word], x: Word) -> bool:
    """``x``, inside a source phrase, is a lower-case article or adjective after its noun that cannot open a
    genitive attribute ("eine", "ihrem", "starken"; not "der", "des", "seines", "vieler"): the next phrase."""
    if x.upos not in ("DET", "ADJ") or not x.text[:1].islower() or not starts_phrase(words, x.i):
        return False
    if x.upos == "DET":
        return x.low not in GENITIVE_DETS and not x.low.endswith("es")
    return not x.low.endswith("er")


CLAUSE_PREPOSITIONS = frozenset({"in", "im", "am", "an", "vor", "während", "seit", "unter", "gegen",
                                    "wegen", "trotz", "aufgrund", "angesichts", "infolge", "zwischen"})
"""Prepositions of place and time, and of circumstance: their phrase after a source's noun belongs to the clause
("nach Angaben der EU-Kommission | in schriftlicher Form", "laut Gericht | im Zuge der Beweisaufnahme", "nach
Angaben der Polizei | unter Kontrolle", "laut Ministerium | wegen des Wetters"), unlike "für", "zur" or
"ohne", which open part of a name ("Gesellschaft für bedrohte Völker"), "bei", which mostly belongs to the noun
("einer Studie mit Daten bei Roma"), and "von", which names who."""


def _adverbial_after(ctx: Context, words: list[Word], x: Word) -> bool:
    """``x`` is a preposition of place or time right after a noun or name of the source phrase, outside
    quotation marks (a quoted name may hold one)."""
    if x.low not in CLAUSE_PREPOSITIONS or x.upos != "ADP" or x.i == 0 or words[x.i - 1].upos not in ("NOUN", "PROPN"):
        return False
    return ctx.mark_covering(x.start, x.end) is None


ARGUMENT_RELS = ("nsubj", "obj", "iobj", "obl", "expl")
"""Relations of a phrase that is an argument of its verb: the next phrase after a source, not part of it."""


def starts_phrase(words: list[Word], i: int) -> bool:
    """``words[i]`` opens a new noun phrase right after a noun, and not an attribute of it (a genitive "der
    Polizei", "libanesischer Sicherheitskreise", or "von Interpol")."""
    x = words[i]
    if i == 0 or words[i - 1].upos not in ("NOUN", "PROPN", "X") or x.upos not in ("DET", "ADJ", "NUM", "NOUN"):
        return False
    if is_source_noun(x):
        return False  # the head after a genitive name: "nach Celebis | Angaben"
    if x.low in ("des", "der", "eines", "einer") and opens_genitive(words, i):
        return False
    return not bare_genitive_plural(words, i)


def next_phrase(x: Word, np: list[Word]) -> bool:
    """``x`` (after the source phrase ``np``) heads or stands in a phrase the tree attaches as an argument of a
    verb, not under ``np``: "laut Airbus | Bestellungen", "die Kanzlerin | einigen Teilnehmern zufolge"."""
    inside = {w.id for w in np}
    node: Optional[Word] = x
    while node is not None and node.id not in inside:
        parent = node.parent
        if parent is None:
            return False
        if parent.upos in ("VERB", "AUX") and node.deprel.split(":")[0] in ARGUMENT_RELS:
            return True
        if parent.id in inside:
            return False
        node = parent
    return False


def np_before(words: list[Word], i: int) -> list[Word]:
    """The noun phrase that ends at ``words[i]``, read right to left from the surface: determiners,
    adjectives, nouns and names, a quoted or bracketed name ("dem „Figaro“", "des VDR (Verband …)") and
    coordinated names ("der Sender Sky News und BBC"); empty where ``words[i]`` ends none."""
    np: list[Word] = []
    while i >= 0:
        x = words[i]
        glued = np and np[0].start == x.end and (x.text in ("-", "–", "(", ")") or np[0].text in ("-", "–", ")"))
        if x.text in CLOSING_MARKS or (x.text in (")",) and i > 0):
            # a quoted or bracketed name: "dem „Figaro“ zufolge", "des VDR (Verband …)"
            opener = next((k for k in range(i - 1, max(-1, i - 8), -1) if words[k].text in OPENING_MARKS + ("(",)), None)
            if opener is not None:
                np[:0] = words[opener : i + 1]
                i = opener - 1
                continue
        if x.low in ("und", "sowie") and np and np[0].upos in ("NOUN", "PROPN") and i > 0 \
                and words[i - 1].upos in ("NOUN", "PROPN"):
            np.insert(0, x)  # "Berichten der Sender Sky News und BBC zufolge"
            i -= 1
            continue
        if np and x.low in ("von", "vom") and i > 0 and words[i - 1].upos == "NOUN" and is_source_noun(words[i - 1]):
            np.insert(0, x)  # "Einer Meldung von Xinhua zufolge": the source noun governs the name
            i -= 1
            continue
        if not glued and (is_punct(x) or x.upos in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV")) \
                and not (not np and x.upos == "ADV" and untagged_name(x)):  # "Nacke | zufolge": a surname tagged ADV
            break
        if not glued and x.upos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "X") and not x.text[:1].isupper():
            break
        if not glued and np and x.upos in ("NOUN", "PROPN", "X") and np[0].upos == "DET" \
                and starts_phrase(words, np[0].i):
            break  # another phrase ends before the governed one: "die Kanzlerin | einigen Teilnehmern zufolge"
        np.insert(0, x)
        i -= 1
    return np

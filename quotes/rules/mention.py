"""Speaker phrase boundaries: trim a speaker mention to its noun phrase and complete it to the right.

Rules find the head of a speaker phrase from the tree or the surface; small
parsers cut it short. News German closes a speaker phrase with material the
corpus counts as part of the mention:

* an apposition between commas: "Honoré Durand, der Geschäftsführer des
  Unternehmens, sagte"; "Ein Sprecher der Polizei, Lars Beringer, …";
* the rest of a name: "UN-Generalsekretär | Kofi Annan", "Georg | Ratzinger";
* a quoted or bracketed name: "die britische Tageszeitung „The Guardian“",
  "das Organisationskomitee (OK)";
* a genitive attribute ("Vertreter der deutschen Bauverbände"), a "von" name
  ("Ronny Tong von der Civic Party") and a place ("die Regierung in Lomé"; not after a role and a name, where
  "in" tells where the person spoke: "Bundesverkehrsminister Manfred Stolpe | in Berlin"), and the edition of a
  paper ("der Focus in seiner Onlineausgabe", "in der Ausgabe vom 17.12.2005");
* a coordinated speaker ("die Außenminister Frankreichs und Italiens", "Polizei und Feuerwehr", "Sowohl die
  Polizei als auch die Feuerwehr");
* titles and initials ("Prof. Dr. Matthias W. Beckmann"), a bracketed remark ("eine kleine Minderheit
  (offenbar die GDL)") and the quotation marks around a quoted name („Muslix64“).

The mention never grows into the quote's content or cue, nor past its sentence.

What the mention leaves out is :mod:`.mention_trim`'s: :func:`~.mention_trim.trim` runs before it grows, and
a place or time of speaking after a person's name is cut after it (:func:`~.mention_trim.without_place_of_speaking`).
"""

from __future__ import annotations

from typing import Optional

from ..doc import QUOTE_OPENERS, Sentence, Word
from ..lexicon import load_words
from .base import Candidate, Context, words_span
from .morph import adverbial_kind, is_acronym, is_role_noun, is_speaking_noun
from .quotemarks import GERMAN_CLOSERS, GERMAN_OPENERS
from .phrases import bare_genitive_plural, opens_genitive
from .vocab import ARTICLES, NAME_PARTICLES, TITLE_ABBREVIATIONS
from .mention_trim import media_addressee, name_word, trim, without_place_of_speaking

MAX_APPOSITION = 12
"""Words an apposition between commas may have."""

def complete(ctx: Context, cand: Candidate) -> None:
    """Trim ``cand.speaker`` (:func:`trim`) and widen it over appositions, name parts, quoted names and
    attributes."""
    if cand.speaker:
        cand.speaker = trim(cand.speaker)
    span = words_span(cand.speaker)
    if span is None:
        return
    s, e = span
    sent = ctx.sentence_at(s)
    words = ctx.words_within(s, e)  # every word of the mention's span
    if not words or words[-1].end != e:
        return
    cue = frozenset((w.start, w.end) for w in cand.cue)
    # reported speech acts cover their speaker; their content does not stop the mention
    blocked = [(a, b) for a, b in cand.spans if not a <= s < b] + list(cue)
    added: list[Word] = []
    while True:
        nxt = _extension(sent, words, words[-1], cue)
        if not nxt or any(a < nxt[-1].end and w.start < b for w in nxt for a, b in blocked):
            break
        words = words + nxt
        added += nxt
    if added:
        cand.speaker = cand.speaker + added  # type: ignore[operator]
    cand.speaker = without_place_of_speaking(cand.speaker)  # type: ignore[arg-type]
    cut = media_addressee(cand.speaker)  # type: ignore[arg-type]
    if cut < len(cand.speaker):  # type: ignore[arg-type]
        if not cand.addressee:
            cand.addressee = cand.speaker[cut:]  # type: ignore[index]
        cand.speaker = cand.speaker[:cut]  # type: ignore[index]
    marks = _quoted(sent, cand.speaker)  # type: ignore[arg-type]
    if marks and not any(a < m.end and m.start < b for m in marks for a, b in blocked):
        cand.speaker = [marks[0]] + cand.speaker + [marks[1]]  # type: ignore[operator]


def _quoted(sent: Sentence, words: list[Word]) -> Optional[tuple[Word, Word]]:
    """The quotation marks right around a mention („Muslix64“, „BBC News“), or None."""
    first, last = words[0], words[-1]
    ws = sent.words
    if first.i == 0 or last.i + 1 >= len(ws) or first.text in GERMAN_OPENERS:
        return None
    before, after = ws[first.i - 1], ws[last.i + 1]
    if before.text in GERMAN_OPENERS and after.text in GERMAN_CLOSERS and before.end == first.start \
            and after.start == last.end and not any(w.text in GERMAN_OPENERS + GERMAN_CLOSERS for w in words):
        return before, after
    return None


def _extension(sent: Sentence, words: list[Word], last: Word, cue: frozenset) -> Optional[list[Word]]:
    ws = sent.words
    k = last.i + 1
    if k >= len(ws):
        return None
    nxt = ws[k]
    if len(words) == 1 and last.low in PARTITIVES and nxt.low in ("der", "des"):
        return _partitive(ws, k)  # "einer | der Demonstranten", "keiner der Beteiligten"
    if len(words) == 1 and last.upos == "DET" and last.low in ARTICLES:
        return _extended_attribute(ws, k)
    nominal = last.upos in ("NOUN", "PROPN", "X") or last.text in GERMAN_CLOSERS + (")",)
    if nxt.text == ")" and sum(w.text == "(" for w in words) > sum(w.text == ")" for w in words):
        return [nxt]  # the closing bracket of the mention's own "(IAEO", before an apposition after it
    opener = next((j for j in range(len(words) - 1, -1, -1) if words[j].text in GERMAN_OPENERS + GERMAN_CLOSERS), None)
    if opener is not None and words[opener].text in QUOTE_OPENERS and opener < len(words) - 1:
        # a quoted name the mention opened but did not close, as a verb inside it stopped the phrase:
        # "Moritz Wohlrab von der „Aktion Deutschland | hilft“", "der „Netzeitung | “"
        close = next((j for j in range(k, min(len(ws), k + QUOTED_NAME_REST)) if ws[j].text in GERMAN_CLOSERS), None)
        if close is not None and not any(w.text in (",", ".", ":", ";") or w.text in GERMAN_OPENERS
                                         for w in ws[k:close]):
            return ws[k : close + 1]
    if nxt.text == ",":
        return apposition(sent, words, k, cue)
    if nxt.text in ("-", "–") and nxt.start == last.end and k + 1 < len(ws) and ws[k + 1].start == nxt.end:
        return ws[k : k + 2]  # the parser split a compound: "VW | - | Chef"
    if nxt.text == "." and nxt.start == last.end and _abbreviation(last) and k + 1 < len(ws) \
            and name_word(ws[k + 1]):
        return ws[k : k + 2]  # "Prof. | Dr.", "Matthias W. | Beckmann"
    if last.text == "." and k - 2 >= 0 and _abbreviation(ws[k - 2]) and name_word(nxt):
        return [nxt]
    if not nominal:
        return None
    if nxt.text in GERMAN_OPENERS:
        close = next((j for j in range(k + 2, min(len(ws), k + 8)) if ws[j].text in GERMAN_CLOSERS), None)
        if close is not None and last.text not in GERMAN_CLOSERS:
            return ws[k : close + 1]
        return None
    if nxt.text == "(" and k + 2 < len(ws) and ws[k + 2].text == ")" and ws[k + 1].text[:1].isupper():
        return ws[k : k + 3]
    if nxt.text == "(":
        # a bracketed remark of a few words without a verb: "eine kleine Minderheit (offenbar die GDL)"
        close = next((j for j in range(k + 1, min(len(ws), k + 7)) if ws[j].text == ")"), None)
        inner = ws[k + 1 : close] if close is not None else []
        if inner and any(w.upos in ("NOUN", "PROPN") for w in inner) \
                and not any(w.upos in ("VERB", "AUX", "SCONJ") or w.text in ("(", ",") for w in inner):
            return ws[k : close + 1]  # type: ignore[operator]
    if nxt.low in ("und", "sowie") and last.upos in ("NOUN", "PROPN"):
        conj = _conjunct(ws, k + 1, last)
        if conj:
            return [nxt] + conj
    if nxt.low == "als" and k + 1 < len(ws) and ws[k + 1].low == "auch" and words[0].low == "sowohl" \
            and last.upos in ("NOUN", "PROPN"):
        conj = _conjunct(ws, k + 2, last)  # "Sowohl das Militär | als auch die Regierung"
        if conj:
            return ws[k : k + 2] + conj
    if name_word(nxt) and last.upos in ("NOUN", "PROPN", "X") and nxt.start > last.end:
        return [nxt]
    if bare_genitive_plural(ws, k):
        return ws[k : k + 2]  # "Meinung politischer Beobachter"
    # a genitive attribute: "des"/"eines" always, the forms shared with other cases only after a common noun:
    # "der Direktor des Katastrophenamtes", "Vertreter der deutschen Bauverbände", "Vereinigung aller Mönche"
    if (nxt.low in ("des", "eines") or nxt.low in ("der", "aller", "einer", "dieser") and last.upos == "NOUN") \
            and opens_genitive(ws, k):
        j = k + 1
        while j < len(ws) and ws[j].upos in ("ADJ", "NUM"):
            j += 1
        if j < len(ws) and ws[j].upos in ("NOUN", "PROPN"):
            return ws[k : j + 1]
    if nxt.low in ("von", "vom") and last.upos in ("NOUN", "PROPN") and k + 1 < len(ws):
        j = k + 1
        if ws[j].low in ("der", "dem", "den"):
            j += 1
        if j + 1 < len(ws) and ws[j].upos == "NOUN" and (ws[j + 1].upos == "PROPN" or is_acronym(ws[j + 1])) \
                and ws[j + 1].start > ws[j].end:
            j += 1  # "Yolanda Alvarez vom Sender RTVE": a common noun that the name after it names
        if j < len(ws) and (ws[j].upos == "PROPN" or is_acronym(ws[j])):
            while j + 1 < len(ws) and (ws[j + 1].upos == "PROPN" or is_acronym(ws[j + 1])):
                j += 1
            return ws[k : j + 1]  # "Ronny Tong von der Civic Party", "Bernard Aubin von der CFTC"
    edition = _edition(ws, k)
    if edition:
        return edition
    if nxt.low in ("in", "im", "aus") and k + 1 < len(ws) and (nxt.low == "aus" or not _named_person(words)):
        # a place: "die Regierung in Lomé", "die UN-Friedensmission im Südsudan", "Airbus im französischen Toulouse";
        # after a person's name "in" tells where they spoke ("Bundesverkehrsminister Manfred Stolpe | in Berlin"),
        # "aus" still where they come from ("ein Reporter des Senders Sky News aus Leicestershire")
        j = k + 1
        while j < len(ws) and ws[j].upos in ("DET", "ADJ") and ws[j].text[:1].islower() and j - k <= 3:
            j += 1
        if j < len(ws) and name_word(ws[j]) and (ws[j].upos == "PROPN" or is_acronym(ws[j])
                                                   or ws[j].upos == "NOUN" and j == k + 1):
            return ws[k : j + 1]
    return None


EDITION_DETERMINERS = frozenset({"seiner", "ihrer", "der", "einer"})
"""What opens the edition of a paper after its name: "in seiner Onlineausgabe", "in der Ausgabe"."""


def _edition(ws: list[Word], k: int) -> Optional[list[Word]]:
    """The edition of a paper or magazine after its name: "die Ärztezeitung | in ihrer Onlineausgabe", "der Focus |
    in seiner Online-Ausgabe" (the edition is where it says so, part of the source)."""
    if ws[k].low != "in" or k + 2 >= len(ws) or ws[k + 1].low not in EDITION_DETERMINERS:
        return None
    j = k + 2
    while j < len(ws) - 1 and ws[j].upos == "ADJ":
        j += 1
    if ws[j].upos != "NOUN" or not ws[j].low.endswith("ausgabe"):
        return None
    date = _date_after_vom(ws, j + 1)
    return ws[k : date + 1] if date is not None else ws[k : j + 1]


def _date_after_vom(ws: list[Word], k: int) -> Optional[int]:
    """The index of the last word of a date that "vom" opens at ``k`` ("vom 17.12.2005", "vom 7. April 2008"; the
    contraction "vom" may stand as its two words "von dem"), or None."""
    if k < len(ws) and ws[k].low == "vom":
        d = k + 1
    elif k + 1 < len(ws) and ws[k].low == "von" and ws[k + 1].low == "dem":
        d = k + 2
    else:
        return None
    if d >= len(ws) or ws[d].upos != "NUM":
        return None
    while d + 1 < len(ws) and (ws[d + 1].upos == "NUM" or ws[d + 1].low in load_words("temporal_nouns")):
        d += 1
    return d


QUOTED_NAME_REST = 4
"""Most words from where a mention stops inside a quoted name to the name's closing mark."""


MAX_ATTRIBUTE = 12
"""Words an extended attribute between an article and its noun may have."""


PARTITIVES = frozenset({"einer", "eine", "eines", "keiner", "keine", "jeder", "jede", "einige", "viele", "manche",
                        "mehrere", "zwei", "drei", "beide"})
"""Pronouns and numerals that take a partitive genitive as part of who they name ("einer der Demonstranten")."""


def _partitive(ws: list[Word], k: int) -> Optional[list[Word]]:
    """The genitive after a partitive pronoun, from ``ws[k]`` (its article) to its noun, with adjectives between
    ("einer | der aufgebrachten Demonstranten"); None where no noun follows within four words."""
    for j in range(k + 1, min(len(ws), k + 5)):
        if ws[j].upos in ("NOUN", "PROPN"):
            return ws[k : j + 1]
        if ws[j].upos not in ("ADJ", "ADV", "NUM"):
            return None
    return None


def _extended_attribute(ws: list[Word], k: int) -> Optional[list[Word]]:
    """From ``ws[k]`` on, after a lone article the parser took for the whole phrase, an extended attribute and
    the noun it qualifies: "die | in New York City geborene Lopez", "die | zur Stanford University gehörende
    Hoover Institution", "der | sich selbst als Gegner Thaksins inszenierende Medienunternehmer Sondhi
    Limthongkul": words without punctuation or finite verb up to an inflected adjective (the participle) before
    a noun or name, with the names after it. An adjective right after an article, a preposition or another
    adjective qualifies a noun inside the attribute ("zur kalifornischen Stanford University")."""
    j = k
    while j < len(ws) and j - k < MAX_ATTRIBUTE:
        w = ws[j]
        if w.upos == "PUNCT" or w.upos in ("VERB", "AUX") and w.feat("VerbForm") == "Fin":
            return None
        if j > k and w.upos == "ADJ" and w.low[-1:] in "enrsm" and j + 1 < len(ws) \
                and ws[j + 1].upos in ("NOUN", "PROPN") and ws[j - 1].upos not in ("DET", "ADP", "ADJ"):
            end = j + 1
            while end + 1 < len(ws) and name_word(ws[end + 1]) and ws[end + 1].upos in ("NOUN", "PROPN"):
                end += 1
            return ws[k : end + 1]
        j += 1
    return None


def _named_person(words: list[Word]) -> bool:
    """The mention ends in a person's name after a role ("Bundesverkehrsminister Manfred Stolpe", "der Chef der
    Bundesagentur, Frank-Jürgen Weise"): a role noun among its words and a name as its last word."""
    return words[-1].upos == "PROPN" and any(is_role_noun(w.text) for w in words if w.upos == "NOUN")


def _abbreviation(w: Word) -> bool:
    """A title or an initial before its full stop: "Prof", "Dr", "W"."""
    return w.low in TITLE_ABBREVIATIONS or len(w.text) == 1 and w.text.isupper()


def _conjunct(ws: list[Word], j: int, last: Word) -> Optional[list[Word]]:
    """The second speaker of a coordination from ``ws[j]`` on: a name ("Frankreichs und | Italiens",
    "Amnesty International und | UNO"), a role or a group ("der Künstler und | Netzaktivist padeluun",
    "Polizei und | Feuerwehr"), with its article and adjectives; None for anything else (a clause: "sagte
    der Minister und | fügte hinzu")."""
    k = j
    while k < len(ws) and (ws[k].upos in ("DET", "ADJ") and ws[k].low not in ("es", "sich") or ws[k].text in ("-",)):
        k += 1
    if k >= len(ws) or k - j > 3:
        return None
    head = ws[k]
    if head.upos not in ("NOUN", "PROPN", "X") or not head.text[:1].isupper():
        return None
    kind = head.upos == "PROPN" and last.upos == "PROPN" or is_acronym(head) \
        or is_role_noun(head.text) and (is_role_noun(last.text) or last.upos == "NOUN") \
        or is_speaking_noun(head.text) and is_speaking_noun(last.text)
    if not kind or head.low in load_words("temporal_nouns"):
        return None
    out = ws[j : k + 1]
    while k + 1 < len(ws) and (ws[k + 1].upos == "PROPN" or name_word(ws[k + 1]) and ws[k + 1].upos == "X") \
            and ws[k + 1].start > ws[k].end:
        k += 1
        out.append(ws[k])
    return out


def apposition(sent: Sentence, words: list[Word], comma: int, cue: frozenset = frozenset()) -> Optional[list[Word]]:
    """", der Geschäftsführer des Unternehmens," or ", Lars Beringer,": the chunk with its closing comma
    left out; None for a relative clause, a new clause or anything that is not a role or a name.
    ``cue`` holds the (start, end) offsets of the frame's cue words: the apposition may end right before
    one of them where the closing comma is missing ("wie Alan Stern, Direktor der NASA betont")."""
    ws = sent.words
    j = comma + 1
    chunk: list[Word] = []
    while j < len(ws) and (ws[j].text not in (",", ".", ";", ":", "!", "?", "(", ")", "–")
                           or ws[j].text == "." and j > 0 and _abbreviation(ws[j - 1]) and ws[j - 1].end == ws[j].start
                           and j + 1 < len(ws) and name_word(ws[j + 1])) and len(chunk) <= MAX_APPOSITION:
        chunk.append(ws[j])  # "Georg W. Bush": an initial's full stop ends nothing
        j += 1
    if not chunk or len(chunk) > MAX_APPOSITION or j >= len(ws):
        return None
    if len(chunk) > 2 and chunk[-1].upos in ("VERB", "AUX") and chunk[-2].upos in ("NOUN", "PROPN") \
            and (chunk[-1].start, chunk[-1].end) in cue:
        # the comma before a clause-final verb is missing: "wie Alan Stern, Direktor der NASA betont, …"
        chunk = chunk[:-1]
        j -= 1
    opens = sum(w.text in GERMAN_OPENERS for w in chunk)
    closes = sum(w.text in GERMAN_CLOSERS and w.text not in GERMAN_OPENERS for w in chunk)
    if any(w.upos in ("VERB", "AUX", "SCONJ") for w in chunk) or opens != closes or (opens and chunk[0].text in GERMAN_OPENERS):
        return None  # a quoted name inside is fine: ", der Sprecher der „EVAC-Ambulanz“"
    first = chunk[0]
    article = len(chunk) > 1 and chunk[1].upos in ("ADJ", "NOUN", "PROPN")  # "die Anwältin", not a relative "die"
    if first.upos == "PRON" and not article or adverbial_kind(first):
        return None
    names = all(name_word(w) or w.text == "-" or w.low in NAME_PARTICLES and w is not chunk[0] for w in chunk) \
        and name_word(chunk[0])  # "Mohammed el-Baradei", "Ursula von der Leyen"
    head = next((w for w in chunk if w.upos in ("NOUN", "PROPN")), None)
    if head is None:
        return None
    described = any(w.upos == "NOUN" or is_role_noun(w.text) for w in words)  # "die Mitarbeiterin …, Arminda Thomas,"
    # after a name, an article opens a description: "Peter Beck, dem Dekan,", "Albrecht Conze, der politische
    # Direktor der UN-Mission,"; closed by a comma, not running into an object ("Peter Hahn, die Politik … :")
    after_name = first.low in ARTICLES and article and words[-1].upos == "PROPN" and head.upos == "NOUN" \
        and ws[j].text == ","
    if not (names and described or is_role_noun(head.text) or after_name):
        return None
    return ws[comma : j]


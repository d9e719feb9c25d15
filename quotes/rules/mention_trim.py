"""What a speaker mention leaves out: the edges the corpus never counts as part of who speaks.

Before it grows, :func:`trim` cuts what the corpus never counts as part of a speaker: a leading
conjunction of an adverbial clause or time adverb ("Obwohl | Steinbrück", "gestern | ein Sprecher"), a leading
preposition ("von der Regierung", "vom LSVD", "Von Seiten der Delegation" -> "der Delegation"; the
corpus keeps it in 39 of 2,694 train speakers, mostly "in"/"aus" before a document or place, which
stay) and a trailing adverbial the parser hung on the noun ("der Innenminister gegenüber Medien",
"Behördenangaben gegen 08:15 Uhr", "kubanischen Aussagen zu Unrecht") or a predicative "als" phrase ("von
Musikkennern als „Meilensteine …“").

After :mod:`.mention` has grown the mention, :func:`without_place_of_speaking` cuts a closing phrase of place or time
that follows a person's name ("Frank-Jürgen Weise, | in Nürnberg", "… des Einsatzes | am Montag"), and
:func:`media_addressee` finds the outlet someone spoke to, which the parser may hang on them as a genitive
("Müller | der Nachrichtenagentur Reuters", "die Ministerin | der „Süddeutschen Zeitung“").
:func:`name_word` (a capitalised word that continues a name) serves both modules.
"""

from __future__ import annotations

from ..doc import Word
from ..lexicon import load_table, load_words
from .morph import adverbial_kind, is_acronym, is_role_noun, is_source_noun, is_speech_noun
from .quotemarks import GERMAN_CLOSERS, GERMAN_OPENERS
from .vocab import CLAUSE_SUBORDINATORS, NAME_PARTICLES

KEPT_PREPOSITIONS = frozenset({"in", "im", "aus"})
"""Prepositions a speaker mention may start with: "In der Erklärung", "Aus EU-Kreisen" (the corpus's
convention for documents and places as sources)."""

ADVERBIAL_PREPOSITIONS = frozenset({"gegenüber", "gegen", "zu", "zur", "zum", "durch", "unter", "mit", "zwischen",
                                    "seit", "wegen", "trotz", "nach", "über", "laut", "auf", "aufgrund", "angesichts",
                                    "infolge"})
"""Prepositions that, after the mention's head noun, open an adverbial of the clause the parser hung on
the noun ("der Innenminister gegenüber Medien", "Behördenangaben gegen 08:15 Uhr", "der Zeitung auf
Urteile …"). Attributes that belong to the mention use other ones ("Yolanda Alvarez vom Sender RTVE",
"Ärzte ohne Grenzen", "Professor am California Institute", "Das Team um Anita Zaidi", "Leiter der
Abteilung … bei der FES") and stay."""

PREPOSITIONS_ONLY = frozenset({"gegenüber", "aufgrund", "angesichts", "infolge", "laut", "trotz", "wegen", "zwischen"})
"""Those of :data:`ADVERBIAL_PREPOSITIONS` that are prepositions in every use after a noun, whatever the tagger
made of them ("der Innenminister | gegenüber Medien" with "gegenüber" tagged as an adjective)."""

LEADING_TIME_ADVERBS = frozenset({"gestern", "heute", "morgen", "vorgestern", "inzwischen", "zuvor", "zuletzt",
                                  "damals", "bereits", "nun", "jetzt"})
"""Adverbs of time the parser may put at the front of a speaker phrase ("gestern ein Sprecher des
Umweltministeriums"): never part of who speaks."""

SOURCE_PREFIXES = ("seiten",)
"""Nouns of a complex preposition before the speaker: "von Seiten der Regierung"."""


def trim(words: list[Word]) -> list[Word]:
    """``words`` (a speaker mention in text order) without a leading preposition or conjunction and
    without a trailing adverbial phrase; ``words`` itself where nothing would be left.

    A contraction ("vom" = "von dem") is dropped whole: its words share one token.
    """
    out = list(words)
    while len(out) > 1:
        first = out[0]
        drop = first.upos in ("ADP", "SCONJ", "CCONJ") and first.low not in KEPT_PREPOSITIONS \
            and first.text not in GERMAN_OPENERS
        # a conjunction of an adverbial clause or a time adverb, whatever its tag: "Obwohl | Steinbrück",
        # "gestern | ein Sprecher des Ministeriums"
        drop = drop or first.low in CLAUSE_SUBORDINATORS or first.low in LEADING_TIME_ADVERBS
        # "von Seiten der Regierung": the noun of a complex preposition, before a genitive article
        drop = drop or (first.low in SOURCE_PREFIXES and len(out) > 2 and out[1].low in ("der", "des"))
        if not drop:
            break
        out = [w for w in out[1:] if (w.start, w.end) != (first.start, first.end)]
    if not out:
        return list(words)
    head = next((k for k, w in enumerate(out) if w.upos in ("NOUN", "PROPN")), None)
    if head is not None:
        depth = 0
        for k, w in enumerate(out):
            if w.text in ("(", "[") or w.text in GERMAN_OPENERS and depth == 0:
                depth += 1
            elif w.text in (")", "]") or w.text in GERMAN_CLOSERS and depth > 0:
                depth = max(0, depth - 1)
            elif k > head and depth == 0 and _opens_adverbial(out, k):
                out = out[:k]
                break
        while len(out) > 1 and (out[-1].upos in ("ADV", "PART", "CCONJ", "ADP") or out[-1].text in (",", ";", ":", "–")):
            out = out[:-1]
    return out


def _opens_adverbial(words: list[Word], k: int) -> bool:
    """``words[k]`` opens an adverbial that ends the mention: a predicative "als" phrase ("von Musikkennern | als
    „Meilensteine …“"), or one of :data:`ADVERBIAL_PREPOSITIONS`, not a
    name particle ("Der Doktorvater zu Guttenbergs"), not opening an apposition, and no apposition follows it ("die
    US-Delegationsleiterin beim Klimagipfel, Sharon Hayes": the comma shows the phrase goes on)."""
    w = words[k]
    if w.low == "als":  # "Musikkennern | als „Meilensteine …“", not "sowohl … als auch …"
        return k + 1 < len(words) and words[k + 1].low != "auch" and not any(x.text == "," for x in words[k + 1 :])
    if w.low not in ADVERBIAL_PREPOSITIONS or w.upos != "ADP" and w.low not in PREPOSITIONS_ONLY:
        return False
    nxt = words[k + 1] if k + 1 < len(words) else None
    if nxt is not None and (w.low == "zu" and nxt.upos == "PROPN" or words[k - 1].text == "," and nxt.low in ("ihnen", "anderem")):
        return False  # ", unter ihnen …": an apposition
    return not any(x.text == "," for x in words[k + 1 :])


SPOKEN_AT_PREPOSITIONS = frozenset({"in", "an", "nach"})
"""Prepositions of a phrase after a person's name that tells where or when they spoke ("Seibert | in Berlin",
"Kommandeur des Einsatzes, Charles Bouchard, | am Montag", "der Trainer Ghanas | nach dem Spiel")."""


def without_place_of_speaking(words: list[Word]) -> list[Word]:
    """``words`` without a closing phrase of place or time that follows a person's name (:func:`_ends_in_person`):
    where or when the person spoke, which the corpus leaves out of the speaker (news-quotes-de train:
    "Regierungssprecher Steffen Seibert in Berlin", "der kuwaitische Ölminister Ali al-Omair in Wien", "…,
    Kommandeur des Einsatzes am Montag"). A place after an institution stays ("ein Sprecher der Regierung in
    Lomé", "Angaben des Kraftfahrt-Bundesamtes in Flensburg"), as does a phrase with a comma, bracket or
    quotation mark in it or one that names no place or time ("in der Ausgabe vom …")."""
    for k in range(len(words) - 2, 0, -1):
        w = words[k]
        if w.low not in SPOKEN_AT_PREPOSITIONS or w.upos != "ADP":
            continue
        rest = words[k + 1 :]
        if len(rest) > 4 or any(x.text in (",", "(", ")") or x.text in GERMAN_OPENERS + GERMAN_CLOSERS
                                 for x in rest):
            return words
        before = words[:k]
        while before and before[-1].text == ",":
            before = before[:-1]
        if not before:
            return words
        if w.low == "in":
            place = len(rest) <= 2 and all(name_word(x) and x.upos != "DET" for x in rest)  # "in Berlin"
            return before if place and _ends_in_person(before) else words
        if w.low == "an" and rest[0].low != "dem":
            return words  # "am" is "an dem"
        temporal = rest[-1].low in load_words("temporal_nouns") or rest[-1].low in SPEAKING_TIMES
        return before if temporal and before[-1].upos in ("NOUN", "PROPN") else words
    return words


def _ends_in_person(words: list[Word]) -> bool:
    """``words`` end in a person's name: a run of capitalised name words (hyphens between) holding a proper noun,
    of two words or more or after a role noun ("Regierungssprecher Steffen Seibert", "Frank-Jürgen Weise",
    "der kuwaitische Ölminister Ali al-Omair"); not a common noun ("ein Sprecher der Regierung")."""
    k = len(words)
    while k > 0 and (name_word(words[k - 1]) or words[k - 1].text in ("-", "–") and k < len(words)
                     or words[k - 1].low in NAME_PARTICLES and k < len(words)):
        k -= 1
    tail = [w for w in words[k:] if w.text not in ("-", "–")]
    if not tail or not any(w.upos == "PROPN" and not is_acronym(w) for w in tail):
        return False
    # a first name or another name before the last, or a role before the name ("Die US Botschaft | in Riad" has
    # neither: an institution)
    return any(w.low in load_table("first_names") or w.upos == "PROPN" and not is_acronym(w) for w in tail[:-1]) \
        or any(is_role_noun(w.text) for w in words[:k] if w.upos == "NOUN")


MEDIA_NOUNS = ("zeitung", "agentur", "sender", "magazin", "blatt", "zeitschrift", "rundfunk", "fernsehen", "radio",
               "wochenzeitung", "tageszeitung")
"""Last elements of the nouns for an outlet ("Nachrichtenagentur", "Presse-Agentur", "Tageszeitung",
"Fernsehsender", "Boulevardblatt"), which a dative after a verb of saying names as the one spoken to."""

AFFILIATION_ROLES = frozenset({"sprecher", "sprecherin", "chef", "chefin", "chefredakteur", "chefredakteurin",
                               "redakteur", "redakteurin", "korrespondent", "korrespondentin", "mitarbeiter",
                               "mitarbeiterin", "herausgeber", "herausgeberin", "reporter", "reporterin",
                               "journalist", "journalistin", "kolumnist", "kolumnistin", "leiter", "leiterin",
                               "vertreter", "vertreterin", "sprecherinnen", "sprechers"})
"""Roles that belong to an outlet as readily as to anything else ("ein Sprecher der Zeitung", "die
Chefredakteurin des Magazins"): after them "der Zeitung" may be a genitive, so it stays."""


def media_addressee(words: list[Word]) -> int:
    """Where an outlet spoken to starts in a speaker mention, or ``len(words)`` where none does.

    A closing "der"/"dem" phrase whose noun is an outlet (:data:`MEDIA_NOUNS`; adjectives, a name or a quoted
    name may go with it: "der Nachrichtenagentur Reuters", "der „Bild“-Zeitung", "der Zeitung „Die Welt“") after
    a person (a pronoun, a name, or a role noun that does not belong to outlets: "sagte die Ministerin der
    „Süddeutschen Zeitung“") is a dative: who was spoken to. German has no genitive attribute on a pronoun or
    a name, and "die Ministerin der Zeitung" names no office. After :data:`AFFILIATION_ROLES` it stays ("ein
    Sprecher der Zeitung")."""
    for k in range(len(words) - 2, 0, -1):
        if words[k].low not in ("der", "dem"):
            continue
        rest = [w for w in words[k + 1 :] if w.text not in GERMAN_OPENERS + GERMAN_CLOSERS]
        nouns = [w for w in rest if w.upos in ("NOUN", "PROPN") or w.text[:1].isupper()]
        medium = next((w for w in nouns if w.low.split("-")[-1].endswith(MEDIA_NOUNS)), None)
        if medium is None or any(w.upos in ("VERB", "AUX", "ADP") or w.text == "," for w in rest):
            continue
        before = words[:k]
        last = before[-1]
        bare = len(before) == 1 and last.text[:1].isupper() and last.upos in ("NOUN", "PROPN") \
            and not is_source_noun(last) and not is_speech_noun(last.low)
        person = last.upos == "PRON" and last.low in ("er", "sie") or _ends_in_person(before) \
            or last.upos == "NOUN" and is_role_noun(last.text) and last.low not in AFFILIATION_ROLES \
            or last.upos == "PROPN" and not is_acronym(last) or bare  # "Müller", "Augenzeugen"; not "Angaben"
        return k if person else len(words)
    return len(words)


SPEAKING_TIMES = frozenset({"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
                      "wochenende", "abend", "morgen", "vormittag", "nachmittag", "spiel"})
"""Days and times of day after "am"/"nach dem" that date when a speaker spoke ("am Montag", "nach dem Spiel")."""


def name_word(w: Word) -> bool:
    """A capitalised word that continues a name: not a function word, verb, adverb or time noun."""
    return w.text[:1].isupper() and w.upos not in ("VERB", "AUX", "ADP", "ADV", "SCONJ", "CCONJ", "PUNCT", "DET",
                                                  "PRON") \
        and not adverbial_kind(w) and w.low not in load_words("temporal_nouns") \
        and w.low not in load_words("german_function_words")

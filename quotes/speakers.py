"""Speaker resolution inside one document.

For each candidate's speaker mention:

* the mention is split into a proper name and role words by its shape
  (:func:`quotes.names.split_name`): "Kremlsprecher Dmitri Peskow" -> name
  "Dmitri Peskow", descriptor "Kremlsprecher";
* a short name is completed from the longest name in the document that
  contains it: "Kwon" -> "Kwon Jong Gun", "Hebestreit" -> "Steffen Hebestreit"
  (:mod:`quotes.known_names`);
* a personal pronoun ("er", "sie") or a pointing adverb ("demnach") goes to the nearest preceding speaker
  that agrees with it in gender and number ("er" never to "die Ministerin"; see :func:`mention_gender`),
  else to the nearest preceding person named as the subject of a sentence;
* a source phrase names its source (:func:`quotes.names.source_name`): "russischen
  Medienangaben" -> "russische Medien", "Angaben der Polizei" -> "Polizei";
* anything else (an organisation, "der Kreml", "die britische Königin") is
  its own name.

Mentions with the same resolved name form one :class:`SpeakerEntity`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


from .lexicon import compound_of, load_words
from .doc import Sentence
from .gender_words import first_name_gender
from .models import Gender, Span, SpeakerEntity
from .known_names import Known, complete, noun_phrase
from .names import source_name, split_name
from .rules.base import Context, Located, Offsets
from .rules.morph import adverbial_kind, is_role_noun, is_speaking_noun
from .rules.phrases import antecedent
from .rules.vocab import ARTICLES, NOMINATIVE_RELATIVES, POINTERS, RELATIVE_SOURCES

PRONOUNS = {"er", "sie", "ihm", "ihr", "ihn", "ihnen"}


@dataclass
class Link:
    name: Optional[str]
    descriptor: Optional[str]
    entity: Optional[str]


NOT_SPEAKERS = ("temporal_nouns", "source_nouns", "speech_nouns")
"""Word lists whose nouns name a time, a statement or a source, never who speaks."""

INDEFINITE = frozenset({"ein", "eine", "einem", "einen", "einer", "eines"})
DETERMINERS = ARTICLES | {"dieser", "diese", "dieses", "diesem", "diesen", "jener", "jene", "jenes"}


PERSON_SUFFIXES = ("er", "erin", "ist", "istin", "ent", "entin", "ant", "antin")
"""Endings of nouns for people ("Südafrikaner", "Polizist", "Student", "Demonstrant"): a noun with one of them
is taken to name someone; "der Fehler" slips through, which keeps a row rather than losing a person."""


def speaker_noun(word: str) -> bool:
    """A noun that can name who speaks: a role ("Sprecher"), a group or institution ("Polizei",
    "Wahlkommission"), a person or body of ``data/speaker_nouns.txt`` ("Mann", "Softwarehersteller"), or
    a noun with a person ending (:data:`PERSON_SUFFIXES`)."""
    low = word.lower().split("-")[-1]
    return is_role_noun(word) or is_speaking_noun(word) or compound_of(low, "speaker_nouns", min_head=4) \
        or len(low) > 5 and low.endswith(PERSON_SUFFIXES)


def _relative_antecedent(ctx: Context, start: int, end: int) -> Optional[tuple[int, int]]:
    """For a mention that is only a relative pronoun after a comma (the subject of a reporting verb, or the
    pronoun of a source after "nach"/"laut" or before "zufolge"), the offsets of the noun phrase it refers to
    (:func:`quotes.rules.phrases.antecedent`); else None."""
    words = ctx.words_within(start, end)
    if len(words) != 1 or words[0].upos not in ("PRON", "DET"):
        return None
    rel, sent = words[0], words[0].sent
    source = rel.low in RELATIVE_SOURCES and sent is not None
    governed = source and rel.i > 0 and sent.words[rel.i - 1].low in ("nach", "laut")  # "Gerüchte, nach denen"
    before_zufolge = source and rel.i + 1 < len(sent.words) and sent.words[rel.i + 1].low == "zufolge"
    if not (governed or before_zufolge) and (rel.low not in NOMINATIVE_RELATIVES or rel.upos != "PRON"):
        return None
    np = antecedent(rel, governed=governed)  # "Gerüchte, nach denen …", "Informationen, denen zufolge …"
    return (np[0].start, np[-1].end) if np else None


def names_nobody(ctx: Context, start: int, end: int) -> bool:
    """A mention without a proper name that names no one a reader could look up. Its quotation keeps the
    mention (the corpus annotates such mentions) but gets no speaker name or entity, so it never becomes a
    row of the speaker table:

    * no noun at all ("Sowohl");
    * a head noun of time, statement or source ("späten Abend", "bisherigen Erkenntnissen");
    * an indefinite phrase ("einem Jury-Mitglied", "ein Sprecher"): somebody, not an identity; merged by
      name across articles it would make one person of many;
    * a singular common noun phrase whose head names no person, group or institution (see
      :func:`speaker_noun`): "die Entscheidung", "Der wissenschaftliche Name", "der Wasserfall Yosemite".
      Plurals stay groups ("Experten", "politische Beobachter"), and a capitalised adjective makes a proper
      name ("Das Rote Kreuz").
    """
    words = ctx.words_within(start, end)
    nouns = [w for w in words if w.upos in ("NOUN", "PROPN")]
    # a sentence-initial conjunction tagged as a name ("Sowohl"): its lemma is lower case, a noun's is not
    nouns = [w for w in nouns if not (w.lemma or w.text)[:1].islower()]
    if not nouns:
        # a pronoun, or a surname the parser took for an adverb ("Müller | sagte"), names someone
        return not any(w.upos == "PRON" or w.upos in ("ADV", "X") and w.text[:1].isupper() and not adverbial_kind(w)
                       and w.low not in load_words("german_function_words") for w in words)
    head = next((w for w in nouns if all(w.parent is not x for x in words)), nouns[0])
    if any(head.low in load_words(lst) or head.lem in load_words(lst) for lst in NOT_SPEAKERS):
        return True
    if split_name(ctx.text[start:end])[0]:
        return False  # "ein Sprecher, Max Müller": a name
    first = words[0].low
    if first in INDEFINITE:
        return True
    if first not in DETERMINERS:
        return False
    # the noun phrase up to its attributes: "Das Bau- und Transportministerium | des Landes"
    core = []
    for w in words[1:]:
        if w.upos in ("ADP", "PUNCT") and w.text not in ("-", "–") or w.low in ("des", "der", "eines", "einer"):
            break
        core.append(w)
    if any((w.upos == "ADJ" or w.feat("Degree")) and w.text[:1].isupper() for w in core):
        return False  # "Das Rote Kreuz": a proper name (its adjective sometimes tagged as a noun)
    common = [w for w in core if w.upos == "NOUN"]
    if not common:
        return False  # "der Kreml": a name
    # a name after a common noun names what the noun says: "der Sender n-tv", but "der Wasserfall Yosemite"
    named = any(w.upos in ("PROPN", "X") and w.i > common[0].i for w in core)
    noun = common[0] if named else common[-1]
    return noun.feat("Number") != "Plur" and not speaker_noun(noun.text)


def _balanced(text: str) -> bool:
    """Brackets and German quotation marks in ``text`` pair up."""
    return text.count("(") == text.count(")") and text.count("„") == text.count("“")


def _antecedents(ctx: Context, offset: int, known: Known) -> list[tuple[int, str, str, bool]]:
    """Who a pronoun at ``offset`` may stand for besides earlier speakers: the noun phrases of its own
    sentence (before it) and of the two sentences before, headed by a speaker noun (:func:`speaker_noun`) or
    naming someone with a role, whose gender is known: (offset, name, gender, subject), in text order.
    "Die Ministerin kam am Morgen. Sie sagte, …" -> "Die Ministerin"."""
    k = ctx.sentence_index(offset)
    out = []
    for other in ctx.sentences[max(0, k - 2) : k + 1]:
        found = other.__dict__.get(ANTECEDENTS_MEMO)
        if found is None:
            found = other.__dict__[ANTECEDENTS_MEMO] = _sentence_antecedents(ctx, other)
        for w_start, s, e, proper, gender, subject in found:
            if w_start >= offset or e > offset:
                continue
            out.append((s, complete(proper, known, s) if proper else ctx.text[s:e], gender, subject))
    return sorted(out)


ANTECEDENTS_MEMO = "_antecedents"
"""Name of the memo :func:`_antecedents` keeps on each sentence (as :data:`PEOPLE_MEMO`): the sentence's
possible antecedents, whatever the pronoun's offset (:func:`_sentence_antecedents`). They depend only on the
sentence's tree and its stretch of the document's text."""


def _sentence_antecedents(ctx: Context, sent: Sentence) -> tuple[tuple[int, int, int, Optional[str], str, bool], ...]:
    """The noun phrases of ``sent`` that :func:`_antecedents` offers a pronoun after them: (offset of the head
    word, start, end, proper name or None, gender, whether the phrase is a subject), in text order."""
    out = []
    for w in sent.words:
        if w.upos not in ("NOUN", "PROPN") or w.deprel in ("flat", "compound") \
                or w.deprel.startswith(("nmod", "obl")) and any(c.deprel == "case" for c in w.children):
            continue  # a name's second word, an attribute or a phrase with a preposition
        if w.upos != "PROPN" and not speaker_noun(w.text):
            continue  # (the test below on the head alone, before the phrase is read)
        words = noun_phrase(w)
        if w.deprel.startswith("nmod") and words and (words[0].low in ("des", "eines") or w.feat("Case") == "Gen"):
            continue  # a genitive attribute: "des Bundestags-Innenausschusses"
        if not words or len(words) > 12:
            continue
        s, e = words[0].start, words[-1].end
        if not _balanced(ctx.text[s:e]):
            continue  # a phrase the tree cut inside brackets or quotation marks: "der Polizei (GdP"
        gender = mention_gender(ctx, s, e)
        proper, _ = split_name(ctx.text[s:e])
        if gender is None or not (speaker_noun(w.text) or proper and w.upos == "PROPN") \
                or words[0].low.startswith("kein") or names_nobody(ctx, s, e):
            continue
        out.append((w.start, s, e, proper, gender, w.deprel.startswith("nsubj")))
    return tuple(out)


FEMININE = {"die", "eine", "einer"}
MASCULINE = {"der", "ein", "eines", "des"}
PRONOUN_GENDERS = {"er": {"Masc"}, "ihn": {"Masc"}, "ihm": {"Masc", "Neut"}, "ihr": {"Fem"}, "ihnen": {"Plur"}}
"""What a pronoun may refer to; "sie" depends on its number (:func:`_pronoun_genders`)."""


def mention_gender(ctx: Context, start: int, end: int) -> Optional[str]:
    """Grammatical gender of a speaker mention: "Fem", "Masc", "Neut", "Plur", or None where nothing says.

    The evidence, strongest first: a role noun's form ("die Ministerin", "Sprecherinnen" plural; a
    role noun without -in is masculine: "der Minister"), the article before a singular head ("die
    Polizei", "der Kreml"), and the parser's Gender and Number features of the head noun. Before all of
    them, a name decides by its first name where that has one gender (``data/first_names.txt``: "Anna Berger
    vom Roten Kreuz" Fem, not the neuter of "Kreuz"; "Petra Pau, PDS-Bundestagsabgeordnete" Fem); "Merkel" and
    "Müller" alone stay None.
    """
    words = ctx.words_within(start, end)
    nouns = [w for w in words if w.upos in ("NOUN", "PROPN")]
    if not nouns:
        return None
    head = next((w for w in nouns if w.upos == "NOUN"), nouns[0])
    proper, _ = split_name(ctx.text[start:end])
    by_name = name_gender(proper) if proper else None
    if by_name and (head.text in proper.split() or words[0].text in proper.split()):  # type: ignore[union-attr]
        # a name with a first name of one gender, which the tagger may call a noun; before a role noun after it,
        # whose form may not show the gender ("Petra Pau, PDS-Bundestagsabgeordnete")
        return by_name
    low = head.low
    if is_role_noun(low):
        if low.endswith("innen"):
            return "Plur"
        if low.endswith("in") and is_role_noun(low[:-2]):
            return "Fem"
        return "Plur" if head.feat("Number") == "Plur" else "Masc"
    if head.feat("Number") == "Plur":
        return "Plur"
    first = words[0].low
    if head.upos == "NOUN" and first in FEMININE:
        return "Fem"
    if head.upos == "NOUN" and first in MASCULINE:
        # "der" is also dative and genitive feminine: "der Polizei"
        return "Fem" if head.feat("Gender") == "Fem" else "Masc"
    return head.feat("Gender") if head.upos == "NOUN" and head.feat("Gender") in ("Fem", "Masc", "Neut") else None


def name_gender(name: str) -> Optional[str]:
    """"Fem" or "Masc" for a name of two words or more whose first name has one gender (``data/first_names.txt``:
    "Anna Berger" Fem, "Peter Schmidt" Masc); None otherwise ("Merkel", "Kim Jong Un")."""
    parts = name.split()
    first = first_name_gender(parts[0]) if len(parts) >= 2 else None
    return None if first is None else "Fem" if first is Gender.FEMALE else "Masc"


def _pronoun_genders(ctx: Context, start: int, end: int, pronoun: str) -> Optional[set[str]]:
    """The genders a pronoun may refer to; None for a pointing adverb ("demnach"), which agrees with anything."""
    if pronoun in PRONOUN_GENDERS:
        return PRONOUN_GENDERS[pronoun]
    if pronoun != "sie":
        return None
    word = next((w for w in ctx.sentence_at(start).words if w.start == start), None)
    if word is None:
        return {"Fem", "Plur"}
    verb = word.parent if word.rel == "nsubj" else None
    # the finite verb agrees with its subject ("sie sagte" / "sie sagten"); the pronoun's own feature is a
    # guess of the parser's, and sentence-initial "Sie" is also the polite form
    number = (verb.feat("Number") if verb is not None and verb.feat("VerbForm") == "Fin" else None) \
        or word.feat("Number")
    return {"Plur"} if number == "Plur" else {"Fem"} if number == "Sing" else {"Fem", "Plur"}


def _salient(ctx: Context, agreeing: list[tuple[int, str, Optional[str], bool]]) -> tuple[Optional[str], Optional[str]]:
    """(name, gender) of the antecedent a pronoun takes among those that agree with it (in text order): one of
    the latest sentence that holds any, its last subject where it has one, else its last phrase. "Polizeichef
    Calvin Williams forderte Steve St. auf, sich zu stellen. Die Tat bezeichnete er als sinnlos." -> Calvin
    Williams, the subject, not the nearer object."""
    if not agreeing:
        return None, None
    last = ctx.sentence_index(agreeing[-1][0])
    same = [t for t in agreeing if ctx.sentence_index(t[0]) == last]
    off, name, gender, _ = next((t for t in reversed(same) if t[3]), same[-1])
    return name, gender


def _agrees(genders: Optional[set[str]], gender: Optional[str]) -> bool:
    return genders is None or gender is None or gender in genders


def _role_head(mention: str) -> Optional[str]:
    """The role noun heading a mention without a name, in lower case: "der Minister" -> "minister",
    "Der GdP-Vorsitzende" -> "vorsitzende"; None where the head is no role ("die Polizei")."""
    words = [w.strip(",.„“()") for w in mention.split()]
    if not words or words[0].lower() not in DETERMINERS - INDEFINITE:
        return None
    nouns = [w for w in words[1:] if w[:1].isupper()]
    if not nouns or not is_role_noun(nouns[0]):
        return None
    return nouns[0].lower().split("-")[-1]


def _same_role(mention: str, gender: Optional[str], offset: int,
               named: list[tuple[int, str, Optional[str], Optional[str]]]) -> Optional[str]:
    """The named speaker a role mention without a name stands for: "der Minister" after "Innenminister Max
    Müller", "Der GdP-Vorsitzende" in a document that names "Der GdP-Vorsitzende Konrad Freiberg".

    ``named`` holds the document's named speaker mentions as (offset, name, descriptor, gender). The
    nearest one before the mention whose descriptor holds the same role noun (or a compound ending in it:
    "Innenminister" for "Minister") and agrees in gender is taken, else one after it; None where none is,
    or where two different people on that side share the role (the document does not say which).
    """
    role = _role_head(mention)
    if role is None:
        return None
    fits = []
    for off, name, desc, g in named:
        roles = {w.strip(",.„“()").lower().split("-")[-1] for w in (desc or "").split()}
        if _agrees({gender} if gender else None, g) and any(r == role or r.endswith(role) and len(r) > len(role) + 2
                                                             for r in roles):
            fits.append((off, name))
    for side in ([n for o, n in fits if o < offset], [n for o, n in fits if o > offset]):
        if side:
            return side[0] if len(set(side)) == 1 else None
    return None


def _named_speakers(ctx: Context, ordered: list[int], spans: dict[int, Offsets],
                    known: Known) -> list[tuple[int, str, Optional[str], Optional[str]]]:
    """The speakers' mentions in ``ordered`` (their offsets in ``spans``) that hold a name and a descriptor, as
    :func:`_same_role` reads them: (offset, name, descriptor, gender)."""
    return [(spans[k][0], complete(p, known, spans[k][0]), d, mention_gender(ctx, *spans[k]))
            for k in ordered for p, d in [split_name(ctx.text[spans[k][0] : spans[k][1]].strip())] if p and d]


def resolve_speakers(ctx: Context, quotes: list[Located]) -> tuple[list[SpeakerEntity], list[Optional[Link]]]:
    """The speaker entities of a document and, for each of ``quotes`` (in the same order), the link of its
    speaker mention (None where it has none)."""
    links: list[Optional[Link]] = [None] * len(quotes)
    entities: dict[str, SpeakerEntity] = {}
    history: list[tuple[int, str, Optional[str]]] = []  # (offset, name, gender) of resolved speakers so far
    descriptors: dict[str, str] = {}
    ordered = sorted((k for k, q in enumerate(quotes) if q.speaker is not None),
                     key=lambda k: quotes[k].speaker[0])  # type: ignore[index]
    spans = {k: quotes[k].speaker for k in ordered}
    mentions = [(spans[k][0], ctx.text[spans[k][0] : spans[k][1]]) for k in ordered]  # type: ignore[index]
    # names the document gives in full; a source phrase gives its source ("Angaben von Kristján Loftsson");
    # only speakers' names are completed from them
    known = Known(ctx, [(pos, n) for pos, m in mentions if m.strip().lower() not in POINTERS  # "Demnach" names nobody
                        for n in [source_name(m) or split_name(m)[0]] if n])
    named: Optional[list[tuple[int, str, Optional[str], Optional[str]]]] = None  # for _same_role, made when asked
    for k in ordered:
        s, e = spans[k]  # type: ignore[misc]
        s, e = _relative_antecedent(ctx, s, e) or (s, e)  # "der Präsident, der sagte": the president speaks
        mention = ctx.text[s:e].strip()
        descriptor: Optional[str] = None
        name: Optional[str]
        gender: Optional[str]
        if mention.lower() in PRONOUNS or mention.lower() in POINTERS:
            genders = _pronoun_genders(ctx, s, e, mention.lower())
            before = [(off, n, g, True) for off, n, g in history if off < s]  # a speaker counts as a subject
            if genders is not None:  # a pronoun, not "demnach": also the people named in the sentences before
                # by offset and name; a gender may be None (unknown), which sorts before the known ones
                before = sorted(before + _antecedents(ctx, s, known), key=lambda t: (t[0], t[1], t[2] or ""))
            name, gender = _salient(ctx, [t for t in before if _agrees(genders, t[2])])
            if name is None:  # the last name before it, unless its first name says otherwise ("er" not "Anna Berger")
                earlier = [n for _, n in known.before(s) if _agrees(genders, name_gender(n))]
                name = earlier[-1] if earlier else None
        else:
            gender = mention_gender(ctx, s, e)
            name = source_name(mention)
            if name is not None and all(split_name(name)) and len(split_name(name)[0].split()) >= 2:  # type: ignore[union-attr]
                # "Angaben des Sprechers des Umweltministeriums, Roland Eichhorn" -> Roland Eichhorn
                name, descriptor = split_name(name)
            if name is None and names_nobody(ctx, s, e):
                pass  # "späten Abend", "die Entscheidung": the mention stays, nobody is named
            elif name is None:
                proper, desc = split_name(mention)
                if proper:
                    name = complete(proper, known, s)
                    descriptor = descriptor or desc
                else:
                    role = _role_head(mention)
                    if role is not None and named is None:
                        named = _named_speakers(ctx, ordered, spans, known)
                    # then the people the document names with a descriptor
                    people = [(pos, n, d, None) for pos, n, d in known.described(role)] if role is not None else []
                    name = _same_role(mention, gender, s, (named or []) + people) or mention
        if name is None:
            links[k] = Link(None, descriptor, None)
            continue
        if descriptor:
            descriptors.setdefault(name, descriptor)
        descriptor = descriptor or descriptors.get(name)
        ent = entities.get(name)
        if ent is None:
            ent = SpeakerEntity(id=f"s{len(entities) + 1}", name=name)
            entities[name] = ent
        if descriptor and descriptor not in ent.descriptors:
            ent.descriptors.append(descriptor)
        if not any(m.start == s and m.end == e for m in ent.mentions):
            ent.mentions.append(Span.of(ctx.text, s, e))
        history.append((s, name, gender))
        links[k] = Link(name, descriptor, ent.id)
    return list(entities.values()), links

"""A light, parser-independent view of a dependency-parsed document.

The rules work on :class:`ParsedDoc`, not on Stanza objects: it is small,
fast to walk, serialisable for the parse cache (:meth:`ParsedDoc.to_dict`),
and can be built from gold CoNLL-U trees for tests (:func:`from_conllu`).

Every word carries character offsets into the original text. Words of a
multi-word token (German contractions like "im" = "in dem") have no offsets
of their own; they share the offsets of their token.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field, fields
from typing import Iterator, Optional

from .lexicon import words_with

CLAUSE_END = (",", ".", ";", ":", "!", "?", "„", "\"", "(")
"""Tokens that end the stretch a detached verb particle is looked for in."""
QUOTE_OPENERS = ("„", "»")
"""Marks that only ever open a quoted phrase (not the straight quote, which also closes one): a detached particle
may stand after such a phrase ("sicherte ihm ihre „volle Unterstützung“ zu"), a speaker mention may stop inside one
(:mod:`quotes.rules.mention`)."""

QUOTE_CLOSERS = ("“", "«")
"""Marks that close a phrase opened by :data:`QUOTE_OPENERS`."""

PARTICLE_REACH = 12
"""Words after its verb a detached particle may stand."""


class computed_once:
    """A property computed on first use and then stored on the instance (like
    :func:`functools.cached_property`, without its per-access lock in Python 3.11, which cost the
    rule engine a fifth of its time: every word of every freshly loaded document asks for it)."""

    def __init__(self, fn) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class Word:
    """One syntactic word of a sentence."""

    id: int
    """1-based index inside the sentence (CoNLL-U ID)."""
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    """ID of the head word; 0 for the root."""
    deprel: str
    start: int
    end: int
    token: int = 0
    """Index of the surface token inside the sentence (shared by MWT words)."""

    def __post_init__(self) -> None:
        self._sentence: Optional[weakref.ref] = None

    def __eq__(self, other: object) -> bool:
        """Field by field, as the dataclass compares, but the offsets and id first: within a document they
        already tell two words apart, so ``w in words`` (which compares ``w`` with each word it is not)
        stops at the first field."""
        if other is self:
            return True
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.start == other.start and self.end == other.end and self.id == other.id \
            and (self.text, self.lemma, self.upos, self.xpos, self.feats, self.head, self.deprel, self.token) \
            == (other.text, other.lemma, other.upos, other.xpos, other.feats, other.head, other.deprel, other.token)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value: unhashable, as before

    @property
    def sent(self) -> Optional["Sentence"]:
        """The sentence holding the word (held weakly: a sentence and its words form no reference cycle,
        so a document is freed as soon as nobody holds it)."""
        return self._sentence() if self._sentence is not None else None

    @sent.setter
    def sent(self, sentence: Optional["Sentence"]) -> None:
        self._sentence = weakref.ref(sentence) if sentence is not None else None

    @property
    def i(self) -> int:
        """0-based index in the sentence's word list."""
        return self.id - 1

    @computed_once
    def low(self) -> str:
        """The form in lower case (computed once; rules ask often)."""
        return self.text.lower()

    @computed_once
    def lem(self) -> str:
        """The lemma (else the form) in lower case."""
        return (self.lemma or self.text).lower()

    @property
    def finite(self) -> bool:
        """A verb or auxiliary not tagged as an infinitive or participle (the tag may be missing).

        The one finite-verb test of the rules; :func:`quotes.rules.morph.finite` adds the stricter
        readings some rules need."""
        return self.upos in ("VERB", "AUX") and self.feat("VerbForm") not in ("Inf", "Part")

    @computed_once
    def particle(self) -> Optional["Word"]:
        """The detached particle of a finite verb ("teilte … mit", "warf … vor"), computed once.

        Taken from the tree where the parser attached it to the verb, else read from the surface: the
        last word of the verb's clause, if it is a particle with nothing depending on it; or a particle
        written apart before the verb in the old spelling ("wie der Verband bekannt gab")."""
        for c in self.children:
            if c.deprel == "compound:prt":
                return c
        sent = self.sent
        if sent is None:
            return None
        words = sent.words
        if self.i > 0 and words[self.i - 1].low in words_with("separable_particles", "apart") \
                and words[self.i - 1].end < self.start:
            return words[self.i - 1]  # old spelling: "wie der Verband bekannt gab", "wurde bekannt gegeben"
        if not self.finite:
            return None
        return _clause_final_particle(self, words)

    def feat(self, name: str) -> Optional[str]:
        """The value of the morphological feature ``name`` ("Number" -> "Sing"), or None."""
        return self.feature_values.get(name)

    @computed_once
    def feature_values(self) -> dict[str, str]:
        """The features as name -> value (the first value where a name repeats), read once."""
        out: dict[str, str] = {}
        for item in self.feats.split("|") if self.feats and self.feats != "_" else ():
            key, _, value = item.partition("=")
            out.setdefault(key, value)
        return out

    @property
    def rel(self) -> str:
        """The universal part of the relation (``compound:prt`` -> ``compound``)."""
        return self.deprel.split(":")[0]

    @property
    def parent(self) -> Optional["Word"]:
        if self.head == 0 or self.sent is None:
            return None
        return self.sent.words[self.head - 1]

    @property
    def children(self) -> list["Word"]:
        return self.sent.children(self.id) if self.sent is not None else []


def _clause_final_particle(verb: Word, words: list[Word]) -> Optional[Word]:
    """A detached particle at the end of the verb's clause ("gab heute bekannt,"), also behind an
    apposition ("teilte der Direktor der Behörde, Bagus Puruhito, mit.", "gab der Leiter, Andreas Huber, bekannt,
    dass …")."""
    particles = words_with("separable_particles", "detached")
    j = verb.i + 1
    last = None
    while j < len(words) and j - verb.i <= PARTICLE_REACH:
        if words[j].text in QUOTE_OPENERS:
            # a quoted phrase inside the clause, which goes on after it: "sicherte ihm ihre „volle Unterstützung“ zu"
            close = next((k for k in range(j + 1, min(len(words), j + PARTICLE_REACH)) if words[k].text in QUOTE_CLOSERS), None)
            if close is None or close + 1 >= len(words) or words[close + 1].text in CLAUSE_END + QUOTE_CLOSERS:
                last = None  # the quoted phrase ends the clause, no particle: "riet zu „Gelassenheit“."
                break
            j = close + 1
            continue
        if words[j].text in CLAUSE_END:
            break
        last = words[j]
        j += 1
    if last is not None and last is not verb and last.low in particles:
        return last  # the last word before the clause ends: "gab heute bekannt,"
    if j < len(words) and words[j].text == ",":
        # appositions in between: "teilte der Direktor der Behörde, Bagus Puruhito, mit."
        k = len(words) - 1
        while k > j and words[k].upos == "PUNCT":
            k -= 1
        tail = words[j:k]
        if k > j and words[k].low in particles and words[k - 1].text == "," and k - j <= PARTICLE_REACH and not any(
            x.upos in ("VERB", "AUX") for x in tail
        ):
            return words[k]
        # the apposition closes with a comma and the particle ends the main clause before its content: "gab der
        # Leiter der Dienststelle, Andreas Huber, bekannt, dass …"
        m = next((m for m in range(j + 1, min(len(words), j + PARTICLE_REACH)) if words[m].text == ","), None)
        if m is not None and m + 2 < len(words) and words[m + 1].low in particles \
                and words[m + 2].text in CLAUSE_END and not any(x.upos in ("VERB", "AUX") for x in words[j:m]):
            return words[m + 1]
    return None


_WORD_STATE = frozenset(f.name for f in fields(Word)) | {"_sentence"}
"""What a :class:`Word` holds of its own; everything else in its ``__dict__`` is derived from the tree."""


def _forget(obj, state: frozenset[str]) -> None:
    """Drop from ``obj.__dict__`` what is not in ``state``: the values derived from the tree."""
    memo = obj.__dict__
    if len(memo) > len(state):  # (a fresh object holds its state only: nothing to look at)
        for key in [k for k in memo if k not in state]:
            del memo[key]


def _word_id(w: Word) -> int:
    return w.id


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    words: list[Word]
    _children: dict[int, list[Word]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index()

    def reindex(self) -> None:
        """Index the words' heads, after the words or their heads changed. Values derived from the old
        tree and kept on the sentence or its words (:class:`computed_once` properties, the memos of the
        rules and of speaker resolution) are dropped with it."""
        _forget(self, _SENTENCE_STATE)
        for w in self.words:
            _forget(w, _WORD_STATE)
        self._index()

    def _index(self) -> None:
        self._children = {}
        for w in self.words:
            w.sent = self
            self._children.setdefault(w.head, []).append(w)

    def children(self, word_id: int) -> list[Word]:
        return self._children.get(word_id, [])

    @property
    def root(self) -> Optional[Word]:
        kids = self.children(0)
        return kids[0] if kids else None

    def subtree(self, word: Word) -> list[Word]:
        """The word and all its descendants, in sentence order."""
        children = self._children
        out = [word]
        seen = {word.id}
        for w in out:  # breadth first: the list grows while it is read; each word once, even in a cycle
            for c in children.get(w.id, ()):
                if c.id not in seen:
                    seen.add(c.id)
                    out.append(c)
        out.sort(key=_word_id)
        return out

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


_SENTENCE_STATE = frozenset(f.name for f in fields(Sentence))
"""What a :class:`Sentence` holds of its own (its index of children included)."""


@dataclass
class ParsedDoc:
    text: str
    sentences: list[Sentence]
    model: str = "unknown"

    def release(self) -> None:
        """Nothing to do; kept for callers.

        Words hold their sentence through a weak reference, so a document holds no reference
        cycles and is freed as soon as nobody holds it (it used to need an explicit break of the
        word <-> sentence cycles, benchmark 4 in ``benchmarks/README.md``).
        """

    def words(self) -> Iterator[Word]:
        for s in self.sentences:
            yield from s.words

    @property
    def n_words(self) -> int:
        return sum(len(s.words) for s in self.sentences)

    # -- serialisation (parse cache) ---------------------------------------
    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "model": self.model,
            "sentences": [
                [s.start, s.end, [
                    [w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.start, w.end, w.token]
                    for w in s.words
                ]]
                for s in self.sentences
            ],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedDoc":
        sents = []
        for si, (start, end, words) in enumerate(data["sentences"]):
            ws = [Word(i + 1, *w) for i, w in enumerate(words)]
            sents.append(Sentence(si, start, end, ws))
        return cls(data["text"], sents, data.get("model", "unknown"))


def from_stanza(doc, text: str, model: str = "stanza") -> ParsedDoc:
    """Convert a processed ``stanza.Document`` whose text is ``text``."""
    return from_stanza_sentences(doc.sentences, text, model)


def from_stanza_sentences(stanza_sentences, text: str, model: str = "stanza") -> ParsedDoc:
    """Convert ``stanza`` sentences of the text ``text``, in order, to a document. A sentence that was
    only tokenized (a selective parse, :mod:`quotes.selective`) gives words without tags or heads:
    ``upos`` ``X``, the form as lemma, head 0, ``deprel`` ``dep``."""
    sentences = []
    for si, sent in enumerate(stanza_sentences):
        words: list[Word] = []
        for ti, tok in enumerate(sent.tokens):
            for w in tok.words:
                start = w.start_char if w.start_char is not None else tok.start_char
                end = w.end_char if w.end_char is not None else tok.end_char
                words.append(
                    Word(
                        id=len(words) + 1,
                        text=w.text,
                        lemma=w.lemma or w.text,
                        upos=w.upos or "X",
                        xpos=w.xpos or "_",
                        feats=w.feats or "_",
                        head=int(w.head or 0),
                        deprel=w.deprel or "dep",
                        start=start,
                        end=end,
                        token=ti,
                    )
                )
        if not words:
            continue
        sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, words))
    return ParsedDoc(text, sentences, model)


def from_conllu(conllu: str) -> ParsedDoc:
    """Build a document from CoNLL-U text (gold trees for tests).

    The text is rebuilt from each sentence's ``# text =`` line, sentences
    joined by a single space; token offsets are found by aligning token forms
    with that text.
    """
    pieces: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for block in conllu.strip().split("\n\n"):
        lines = [l for l in block.splitlines() if l.strip()]
        sent_text = next((l.split("=", 1)[1].strip() for l in lines if l.startswith("# text")), None)
        rows = [l.split("\t") for l in lines if not l.startswith("#")]
        if sent_text is None:
            sent_text = " ".join(r[1] for r in rows if "." not in r[0] and "-" not in r[0])
        if pieces:
            offset += 1
        base = offset
        pieces.append(sent_text)
        offset += len(sent_text)
        words: list[Word] = []
        cursor = 0
        mwt_span: Optional[tuple[int, int, int, int]] = None  # first id, last id, start, end
        token_index = -1
        for r in rows:
            rid = r[0]
            if "." in rid:
                continue
            if "-" in rid:
                a, b = (int(x) for x in rid.split("-"))
                s, e = _align(sent_text, r[1], cursor)
                cursor = e
                mwt_span = (a, b, base + s, base + e)
                token_index += 1
                continue
            wid = int(rid)
            if mwt_span and mwt_span[0] <= wid <= mwt_span[1]:
                start, end = mwt_span[2], mwt_span[3]
            else:
                mwt_span = None
                s, e = _align(sent_text, r[1], cursor)
                cursor = e
                start, end = base + s, base + e
                token_index += 1
            words.append(
                Word(wid, r[1], r[2], r[3], r[4], r[5], int(r[6]) if r[6] != "_" else 0, r[7], start, end, token_index)
            )
        sentences.append(Sentence(len(sentences), base, base + len(sent_text), words))
    return ParsedDoc(" ".join(pieces), sentences, "gold-conllu")


def _align(text: str, form: str, cursor: int) -> tuple[int, int]:
    pos = text.find(form, cursor)
    if pos < 0:
        # Tolerate normalised forms: advance over whitespace, take len(form).
        pos = cursor
        while pos < len(text) and text[pos].isspace():
            pos += 1
        return pos, min(len(text), pos + len(form))
    return pos, pos + len(form)

"""The names a document gives in full, which short speaker names are completed from ("Kwon" -> "Kwon Jong
Gun", "Hebestreit" -> "Steffen Hebestreit"; :func:`complete`).

Two sources, in this order: the names of the speakers' own mentions, and the people the document names as
subjects, with their appositions (:func:`document_people`: "Kremlsprecher Dmitri Peskow sagte …"). A
sentence's people are read only when a name or role asks for them (:class:`Known`) and kept on the sentence
(:data:`PEOPLE_MEMO`). :mod:`quotes.speakers` resolves the speakers with them.
"""

from __future__ import annotations

from typing import Optional

from .doc import Sentence
from .names import may_hold_full_name, split_name
from .rules.base import Context
from .rules.phrases import np_extent
from .rules.vocab import FOCUS_ADVERBS


def complete(name: str, known: "Known", offset: int) -> str:
    """The longest known name containing every word of ``name`` (earlier ones first)."""
    parts = name.split()
    best = name
    # a name holds the first word of ``name`` only where it holds it as a substring: the few that do are sorted
    first = parts[0] if parts else ""
    for pos, other in sorted(known.containing(first), key=lambda k: (k[0] >= offset, k[0])):
        words = other.split()
        if len(words) > len(best.split()) and all(p in words for p in parts):
            best = other
            if pos < offset:
                break
    return best


class Known:
    """The names a speaker's name is completed from (:func:`complete`): the names of the speakers' own
    mentions (``mentions``: (offset, name), by offset), then the people the document names as subjects
    (:func:`document_people`), in this order.

    A sentence's people are read only when asked for (and then kept, :data:`PEOPLE_MEMO`): a name is
    completed only from names that hold its first word, and every word of a person's name is a word of
    their mention or its beginning (:func:`quotes.names.split_name`, :func:`quotes.names.nominative`), so
    such a name stands only in a sentence whose text holds that word; sentences without it are not read."""

    def __init__(self, ctx: Context, mentions: list[tuple[int, str]]) -> None:
        self.ctx = ctx
        self.mentions = mentions
        self._containing: dict[str, list[tuple[int, str]]] = {}
        self._described: dict[str, list[tuple[int, str, str]]] = {}

    def containing(self, part: str) -> list[tuple[int, str]]:
        """The known names that hold ``part`` (a substring), in the order above."""
        if not part:
            return self.all()
        found = self._containing.get(part)
        if found is None:
            text = self.ctx.text
            found = self._containing[part] = [k for k in self.mentions if part in k[1]] + [
                (pos, n) for sent in self.ctx.sentences if text.find(part, sent.start, sent.end) >= 0
                for pos, n, _ in _people_of(self.ctx, sent) if part in n]
        return found

    def all(self) -> list[tuple[int, str]]:
        """Every known name, in the order above."""
        return self.mentions + [(pos, n) for pos, n, _ in document_people(self.ctx)]

    def described(self, role: str) -> list[tuple[int, str, str]]:
        """The people named with a descriptor that may hold the role noun ``role`` (lower case, as
        :func:`quotes.speakers._same_role` compares it), in text order: those of the sentences whose text in
        lower case holds it. A descriptor's words are words of the mention, and the lower case of a piece of
        text is that piece of the text's lower case, but for the Greek sigma (final or not by its context): for
        a role with a sigma every sentence is read."""
        found = self._described.get(role)
        if found is None:
            every = "σ" in role or "ς" in role
            text = self.ctx.text
            found = self._described[role] = [
                (pos, n, d) for sent in self.ctx.sentences
                if every or role in text[sent.start : sent.end].lower()
                for pos, n, d in _people_of(self.ctx, sent) if d]
        return found

    def before(self, offset: int) -> list[tuple[int, str]]:
        """The known names that start before ``offset``, in the order above; the people of a sentence whose
        words all start at or after it are not read."""
        return [k for k in self.mentions if k[0] < offset] + [
            (pos, n) for sent in self.ctx.sentences if sent.start < offset
            for pos, n, _ in _people_of(self.ctx, sent) if pos < offset]


PEOPLE_MEMO = "_people"
"""Name of the memo :func:`document_people` keeps on each sentence (in the sentence's ``__dict__``, the way
:class:`quotes.doc.computed_once` stores values on a word): the sentence's people as a tuple. They depend
only on the sentence's tree and its stretch of the document's text, so the memo is right for as long as the
sentence lives, and it lives and dies with its document."""


def document_people(ctx: Context) -> list[tuple[int, str, Optional[str]]]:
    """Names that stand as subjects (with appositions) anywhere in the document: (offset, name, descriptor).

    Each sentence's are read once (:data:`PEOPLE_MEMO`)."""
    out: list[tuple[int, str, Optional[str]]] = []
    for sent in ctx.sentences:
        out.extend(_people_of(ctx, sent))
    return out


def _people_of(ctx: Context, sent: Sentence) -> tuple[tuple[int, str, Optional[str]], ...]:
    """:func:`_sentence_people` of ``sent``, read once (:data:`PEOPLE_MEMO`)."""
    people = sent.__dict__.get(PEOPLE_MEMO)
    if people is None:
        people = sent.__dict__[PEOPLE_MEMO] = _sentence_people(ctx.text, sent)
    return people


def _sentence_people(text: str, sent: Sentence) -> tuple[tuple[int, str, Optional[str]], ...]:
    """The names of :func:`document_people` in one sentence of the document ``text``, in text order."""
    out = []
    for w in sent.words:
        if w.deprel.startswith("nsubj") or w.deprel in ("appos", "conj") and w.upos in ("NOUN", "PROPN"):
            words = noun_phrase(w)
            if not words or len(words) > 12:
                continue
            mention = text[words[0].start : words[-1].end]
            if not may_hold_full_name(mention):
                continue
            name, desc = split_name(mention)
            if name and (len(name.split()) >= 2 or desc and desc.lower() in FORMS_OF_ADDRESS):
                out.append((words[0].start, name, desc))
    return tuple(out)


def noun_phrase(head) -> list:
    """The noun phrase of ``head`` without conjuncts after it (:func:`_conjunct`) and without a focus adverb
    before it that the parser hung on the noun ("Auch Winfried Hassemer", "rund 9.000 Arbeitnehmer")."""
    words = _conjunct(np_extent(head), head)
    while words and words[0].low in FOCUS_ADVERBS and words[0] is not head:
        words = words[1:]
    return words


FORMS_OF_ADDRESS = frozenset({"frau", "herr", "herrn"})
"""Words before a surname that make it a person's name on its own ("Frau Hinz", "Herr Müller")."""


def _conjunct(words: list, head) -> list:
    """The noun phrase ``words`` of ``head`` without the conjuncts after it: "Der Minister | und die
    Ministerin", "Innenminister Max Müller | und Außenminister Karl Huber"."""
    cut = next((i for i, x in enumerate(words) if x.upos == "CCONJ" and x.id > head.id), None)
    return words[:cut] if cut else words

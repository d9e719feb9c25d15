"""What every rule family shares: the :class:`RuleFamily` contract, the :class:`Candidate` a rule
proposes, and :class:`Context`, the parsed document with lookups rules need.

Rules never build records themselves; the engine (:mod:`quotes.engine`) merges their candidates,
resolves speakers, turns the candidates' words into character offsets once and validates the result.
``docs/extending-rules.md`` shows how to add a family.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Optional, Protocol, TypeVar, Union

from ..doc import ParsedDoc, Sentence, Word
from ..models import QuoteType
from .quotemarks import QuoteMark, scan

T = TypeVar("T")

Offsets = tuple[int, int]


class RuleFamily(Protocol):
    """A rule family: a module (or any object) with a ``name`` and a ``find`` function.

    ``find(ctx, found)`` returns the family's candidates for the document in ``ctx``. ``found`` holds the
    candidates of the steps before it (families that extend earlier quotes, like free indirect speech,
    read it; the others ignore it).

    **Confidence** is the family's priority: where candidates overlap, the engine keeps the most
    confident one (:func:`quotes.engine.merge`). The scale the families use:

    * 0.9 — a quotation with its frame right beside it („…“, sagte X / „…“, so X);
    * 0.85 — a source phrase ("laut X", "X zufolge") or a frame before a quotation (X sagte: „…“);
    * 0.8 — indirect speech with hard evidence (dass/ob, Konjunktiv, zu-infinitive), "so X" sources;
    * 0.75 — anaphoric frames ("Das bestätigte der Kreml."), a name before a colon;
    * 0.6–0.7 — weaker frames (a plain main clause after a verb of saying, noun frames, relative sources);
    * 0.5–0.55 — speech acts without a clause, quotations without a frame;
    * 0.3–0.45 — free indirect speech and quotes that borrow a frame from another quote.

    Verbs of thinking lower a frame's confidence by 0.25. The confidence is also written to every record.
    """

    name: str

    def find(self, ctx: "Context", found: list["Candidate"]) -> list["Candidate"]:
        ...


@dataclass(frozen=True, eq=False)
class WordRange:
    """The words from ``first`` to ``last``, both included (possibly over several sentences)."""

    first: Word
    last: Word

    @property
    def offsets(self) -> Offsets:
        return self.first.start, self.last.end


Piece = Union[WordRange, Offsets]
"""A content span: a range of words, or character offsets where words cannot express it (a span
trimmed inside a token, snapped to quotation marks)."""


def span_of(piece: Piece) -> Offsets:
    """The character offsets of a content piece."""
    return piece.offsets if isinstance(piece, WordRange) else piece


def words_span(words: Optional[list[Word]]) -> Optional[Offsets]:
    """The character span from the first to the last of ``words`` (in the order given); None for none."""
    if not words:
        return None
    return words[0].start, words[-1].end


def in_text_order(words: list[Word], unique: bool = False) -> list[Word]:
    """``words`` sorted by their offsets; with ``unique`` one word per span (the words of a contraction,
    "im" = "in dem", share their token's span)."""
    ordered = sorted(words, key=lambda w: (w.start, w.end))
    if not unique:
        return ordered
    return list({(w.start, w.end): w for w in reversed(ordered)}.values())[::-1]


def word_range(words: list[Word]) -> WordRange:
    """The content piece from the first to the last of ``words``."""
    return WordRange(words[0], words[-1])


RELATIVE_SOURCE = "relative-clause"
"""Evidence of a source named in a relative clause ("Studien, nach denen …", :mod:`quotes.rules.source`): a source
inside someone's statement, so no anchor for the sentences after it (:func:`quotes.rules.free_indirect.find`,
:func:`quotes.engine.continue_speakers`)."""


@dataclass
class Candidate:
    """A quotation proposed by a rule, in words of the document.

    The engine turns the words into character offsets once (:func:`quotes.engine.locate`).
    """

    type: QuoteType
    content: list[Piece]
    rule: str
    """The rule that found it, ``family.rule`` (written to the record)."""
    confidence: float
    """Priority among overlapping candidates, on the scale of :class:`RuleFamily`."""
    cue: list[Word] = field(default_factory=list)
    """The cue words, in text order: "teilte … mit", "laut"."""
    cue_lemma: Optional[str] = None
    speaker: Optional[list[Word]] = None
    """The speaker mention; its span runs from the first to the last word."""
    addressee: Optional[list[Word]] = None
    medium: Optional[list[Word]] = None
    """Who relays the quote ("zitierten staatliche Medien Kwon")."""
    evidence: list[str] = field(default_factory=list)
    frame: bool = False
    """The quote has a frame of its own (a reporting verb or source phrase with its content clause);
    one frame may stand inside another's content and is then a second event."""
    frameless: bool = False
    """A quotation without a frame in its sentence (its Konjunktiv stays free for free indirect speech)."""
    nested: bool = False
    """A quotation inside reported content that takes the surrounding quote's frame."""
    tentative: tuple[str, ...] = ()
    """Why the rule would have dropped this candidate for precision ("subject:none", "opener:als",
    "hearsay:present" …); empty for a firm candidate. The engine's ``gate`` step keeps a tentative
    candidate only where the learned quote gate (:mod:`quotes.learn.gate`) says so; without the learned
    layer every tentative candidate is dropped, which is the rules-only behaviour."""
    gate_probability: Optional[float] = None
    """The quote gate's probability that this tentative candidate is a quotation, once it was asked."""

    @property
    def spans(self) -> list[Offsets]:
        """The content as character offsets."""
        return [(p.first.start, p.last.end) if isinstance(p, WordRange) else p for p in self.content]  # span_of

    @property
    def start(self) -> int:
        content = self.content
        if len(content) == 1:  # most candidates: their one piece, without the list of :attr:`spans`
            piece = content[0]
            return piece.first.start if isinstance(piece, WordRange) else piece[0]
        return min(s for s, _ in self.spans)

    @property
    def end(self) -> int:
        content = self.content
        if len(content) == 1:
            piece = content[0]
            return piece.last.end if isinstance(piece, WordRange) else piece[1]
        return max(e for _, e in self.spans)

    @property
    def covered(self) -> int:
        """Characters the content spans cover."""
        return sum(e - s for s, e in self.spans)

    def overlaps(self, other: "Candidate") -> bool:
        if self.end <= other.start or other.end <= self.start:
            return False  # apart as wholes, so apart piece by piece (most pairs: no lists of spans made)
        theirs = other.spans  # once, not again for each of this candidate's spans
        return any(a < d and c < b for a, b in self.spans for c, d in theirs)


@dataclass
class Located:
    """A candidate's parts as character offsets (what the records hold)."""

    content: list[Offsets]
    cue: list[Offsets]
    speaker: Optional[Offsets]
    addressee: Optional[Offsets]
    medium: Optional[Offsets]


Gate = Callable[["Context", Candidate, list[Candidate]], Optional[float]]
"""``gate(ctx, candidate, candidates)``: keep a tentative candidate (its probability) or drop it (None)."""


class Context:
    """A parsed document plus lookups shared by the rule families.

    Everything a lookup needs is indexed once, when the context is made: the sentence starts, the
    quotation marks with their starts and the running maximum of their ends (so :meth:`mark_covering`,
    :meth:`marks_in` and :meth:`unquoted` bisect instead of scanning every mark); :meth:`free_content`
    keeps what it found for each sentence, and :meth:`per_sentence` what a rule's own per-sentence lookup
    found. A context lives for one extraction: nothing here outlives it.
    """

    def __init__(self, doc: ParsedDoc) -> None:
        self.text = doc.text
        self.sentences = doc.sentences
        self._starts = [s.start for s in doc.sentences]
        self.marks: list[QuoteMark] = scan(doc.text)
        self._mark_starts = [m.start for m in self.marks]
        ends, reach = [], -1
        for m in self.marks:
            reach = max(reach, m.end)
            ends.append(reach)
        self._mark_reach = ends
        """``_mark_reach[i]``: the furthest end of the marks up to ``i`` (non-decreasing, for bisection)."""
        self._free_content: dict[int, list[Word]] = {}
        """:meth:`free_content` of the sentences asked about so far, by ``id`` of the sentence."""
        self._per_sentence: dict[tuple[Callable, int], object] = {}
        """:meth:`per_sentence` answers so far, by the function and the ``id`` of the sentence."""
        self.gate: Optional[Gate] = None
        """Decides on tentative candidates (set by the engine; rules never read it): the probability that
        the candidate is a quotation where it is to be kept, None where it is to be dropped."""

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[self.sentence_index(offset)]

    def words_within(self, start: int, end: int) -> list[Word]:
        """The words of the sentence at ``start`` that lie inside ``[start, end)`` (a mention's words)."""
        return [w for w in self.sentence_at(start).words if start <= w.start and w.end <= end]

    def marks_in(self, start: int, end: int) -> list[QuoteMark]:
        """The quotation marks inside ``[start, end)``, in the order of :attr:`marks`."""
        lo, hi = bisect_left(self._mark_starts, start), bisect_left(self._mark_starts, end)
        return [m for m in self.marks[lo:hi] if m.end <= end]

    def mark_covering(self, start: int, end: int) -> Optional[QuoteMark]:
        """The first quotation (in the order of :attr:`marks`: by start, the outer one first) that covers
        ``[start, end)``; None where none does. Two bisections: the marks that start at or before
        ``start`` are a prefix of :attr:`marks`, and the first of them that reaches ``end`` is the first
        whose running maximum of ends does."""
        i = bisect_left(self._mark_reach, end)
        return self.marks[i] if i < bisect_right(self._mark_starts, start) else None

    def unquoted(self, words: list[Word]) -> list[Word]:
        """The words of ``words`` (in text order: a sentence's, or a stretch of them) that no quotation
        covers (:meth:`mark_covering` is None); where no quotation reaches into their stretch of text, all
        of them without a look at each."""
        if not words:
            return []
        lo, hi = words[0].start, words[-1].end
        before = bisect_right(self._mark_starts, hi)
        if before == 0 or self._mark_reach[before - 1] < lo:
            return list(words)
        return [w for w in words if self.mark_covering(w.start, w.end) is None]

    def free_content(self, sent: Sentence) -> list[Word]:
        """The words of ``sent`` without its leading and trailing punctuation (as
        :func:`quotes.rules.clauses.content_words` trims them) and without the words inside quotation
        marks: what the sentence itself says. Computed once per sentence; the list is shared, not to be
        changed."""
        words = self._free_content.get(id(sent))
        if words is None:
            words = sent.words
            i, j = 0, len(words)
            while i < j and is_punct(words[i]):
                i += 1
            while j > i and is_punct(words[j - 1]):
                j -= 1
            words = self._free_content[id(sent)] = self.unquoted(words[i:j])
        return words

    def per_sentence(self, lookup: Callable[["Context", Sentence], T], sent: Sentence) -> T:
        """``lookup(self, sent)``, computed once per sentence of this extraction: for a rule's lookup that
        reads only the context and the sentence and that several of its steps ask (the answer is shared,
        not to be changed)."""
        key = (lookup, id(sent))
        try:
            return self._per_sentence[key]  # type: ignore[return-value]
        except KeyError:
            value = self._per_sentence[key] = lookup(self, sent)
            return value

    def trim(self, start: int, end: int) -> Offsets:
        """Shrink ``[start, end)`` past surrounding white space and commas."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",;:–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–-"):
            end -= 1
        return start, end


def is_punct(w: Word) -> bool:
    return w.upos == "PUNCT" or (len(w.text) == 1 and not w.text.isalnum())

"""What every rule family shares: the :class:`Candidate` a rule proposes, and
:class:`Context`, the parsed document with lookups rules need.

A rule family is a module with a ``find(ctx) -> list[Candidate]`` function.
Rules never build records themselves; the engine merges their candidates,
resolves speakers and validates the result.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from ..doc import ParsedDoc, Sentence, Word
from ..models import QuoteType
from .quotemarks import QuoteMark, scan

Offsets = tuple[int, int]


@dataclass
class Candidate:
    """A quotation proposed by a rule, with offsets into the document text."""

    type: QuoteType
    content: list[Offsets]
    rule: str
    confidence: float
    cue: list[Offsets] = field(default_factory=list)
    cue_lemma: Optional[str] = None
    speaker: Optional[Offsets] = None
    speaker_head: Optional[Word] = None
    descriptor: Optional[str] = None
    addressee: Optional[Offsets] = None
    medium: Optional[Offsets] = None
    evidence: list[str] = field(default_factory=list)
    anchor: Optional[int] = None
    """Index of the sentence holding the frame (for continuations)."""

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)

    @property
    def covered(self) -> int:
        """Characters the content spans cover."""
        return sum(e - s for s, e in self.content)

    def overlaps(self, other: "Candidate") -> bool:
        return any(a < d and c < b for a, b in self.content for c, d in other.content)


class Context:
    """A parsed document plus lookups shared by the rule families."""

    def __init__(self, doc: ParsedDoc) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = doc.sentences
        self._starts = [s.start for s in doc.sentences]
        self.marks: list[QuoteMark] = scan(doc.text)

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or last starting before) ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def sentence_at(self, offset: int) -> Sentence:
        return self.sentences[self.sentence_index(offset)]

    def marks_in(self, start: int, end: int) -> list[QuoteMark]:
        return [m for m in self.marks if m.start >= start and m.end <= end]

    def mark_covering(self, start: int, end: int) -> Optional[QuoteMark]:
        for m in self.marks:
            if m.start <= start and end <= m.end:
                return m
        return None

    def trim(self, start: int, end: int) -> Offsets:
        """Shrink ``[start, end)`` past surrounding white space and commas."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] in ",;:–-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–-"):
            end -= 1
        return start, end


def offsets(words: list[Word]) -> Optional[Offsets]:
    """The character span from the first to the last of ``words``; None for no words."""
    if not words:
        return None
    return words[0].start, words[-1].end


def is_punct(w: Word) -> bool:
    return w.upos == "PUNCT" or (len(w.text) == 1 and not w.text.isalnum())

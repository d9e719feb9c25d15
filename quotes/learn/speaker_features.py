"""Speaker candidates for a quotation and the features the speaker ranker reads.

For every quotation the rules found, :func:`candidates` collects who might have said it:

* the speaker the rules chose (``rule``), if any;
* every noun phrase (names, nouns, personal pronouns) in the sentences of the quotation and its cue and
  in the three sentences before it, with the phrase extent of :func:`quotes.rules.phrases.np_extent`
  (a leading preposition dropped: "durch den Bürgermeister" -> "den Bürgermeister");
* "nobody" (no speaker stands in the text).

:func:`features` describes one (quotation, candidate) pair by named values read from the trees and
the word lists: the candidate's relation to the cue (subject, passive agent, object of a source
preposition …), distances in sentences and words, part of speech and morphology, role noun or name,
agreement with the cue verb, whether it spoke before in the article, how often its head recurs, and
whether it stands inside the quotation or inside quotation marks. The features are plain strings, so
the model file lists them by name and a reader can see what a weight means.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Optional, Sequence

from ..doc import Word, computed_once
from ..rules.base import Context
from ..rules.morph import is_role_noun
from ..rules.phrases import np_extent

Span = tuple[int, int]

WINDOW_BEFORE = 3
"""Sentences before the quotation's first sentence that may hold its speaker."""
MAX_EXTENT = 25
"""Longest candidate phrase, in words."""
NOMINAL = {"NOUN", "PROPN", "PRON"}
PERSONAL = {"er", "sie", "ich", "wir", "ihr", "du", "es", "man"}
SOURCE_PREPOSITIONS = {"laut", "zufolge", "nach", "gemäß", "von", "vom", "durch", "aus", "bei", "in", "im", "mit"}
SUBJECT_RELS = {"nsubj", "nsubj:pass", "csubj"}
_start, _end = attrgetter("start"), attrgetter("end")
"""A word's start and end offset (to read them off a sentence's words in one call each)."""


@dataclass(frozen=True)
class QuoteView:
    """What the ranker needs to know of a quotation the rules found.

    Attributes:
        type: quote type value ("direct", "indirect", …).
        rule: the rule that found it.
        content: character spans of the content.
        cue: character spans of the cue.
        speaker: the rules' speaker mention, if any.
    """

    type: str
    rule: str
    content: tuple[Span, ...]
    cue: tuple[Span, ...] = ()
    speaker: Optional[Span] = None

    @computed_once
    def start(self) -> int:
        """Where the content starts (computed once: every feature reads it)."""
        return min(s for s, _ in self.content)

    @computed_once
    def end(self) -> int:
        """Where the content ends."""
        return max(e for _, e in self.content)


@dataclass
class SpeakerCandidate:
    """One possible speaker of a quotation.

    Attributes:
        span: character offsets of the mention; None for "nobody".
        head: the phrase's head word (None for "nobody", or a rule span without a parse head).
        words: the phrase's words.
        from_rule: the rules chose this mention.
    """

    span: Optional[Span]
    head: Optional[Word] = None
    words: list[Word] = field(default_factory=list)
    from_rule: bool = False


class DocIndex:
    """Lookups the learned layer needs over one document, on top of the engine's :class:`Context`
    (whose sentence index and quotation marks it reuses): head-lemma counts and words by span.

    It lives for one extraction, as the context does; :meth:`words_in` keeps the start and end offsets of
    the words of each sentence it was asked about (to bisect them) and the answer for each span."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.sentences = ctx.sentences
        self.sentence_index = ctx.sentence_index
        counts: dict[str, int] = {}
        get = counts.get
        for sent in ctx.sentences:  # every word of the document: the learned layer's longest loop
            for w in sent.words:
                if w.upos in ("NOUN", "PROPN"):
                    lemma = w.lemma or w.text  # lower-cased below, once per lemma: ``w.lem`` of few is asked for
                    counts[lemma] = get(lemma, 0) + 1
        self.lemma_counts: dict[str, int] = {}
        """How many nouns and names of the document have each lemma (``Word.lem``: lower case)."""
        for lemma, n in counts.items():
            lem = lemma.lower()
            self.lemma_counts[lem] = self.lemma_counts.get(lem, 0) + n
        self._offsets: dict[int, Optional[tuple[list[int], list[int]]]] = {}
        """By sentence index: the starts and the ends of its words, or None where they are not in order."""
        self._words_in: dict[Span, list[Word]] = {}
        """:meth:`words_in` answers so far, by span."""

    def words_in(self, span: Span) -> list[Word]:
        """The words that overlap ``span``, over as many sentences as it reaches (the list is shared, not to
        be changed)."""
        found = self._words_in.get(span)
        if found is not None:
            return found
        out: list[Word] = []
        if self.sentences:
            start, end = span
            for si in range(self.sentence_index(start), self.sentence_index(max(start, end - 1)) + 1):
                out.extend(self._overlapping(si, start, end))
        self._words_in[span] = out
        return out

    def _overlapping(self, si: int, start: int, end: int) -> list[Word]:
        """The words of sentence ``si`` that overlap ``[start, end)``: where the words' starts and ends both
        run in text order (as a parse's do), a slice found by bisection, else a scan of the sentence."""
        words = self.sentences[si].words
        offsets = self._offsets.get(si, False)
        if offsets is False:
            starts, ends = list(map(_start, words)), list(map(_end, words))
            offsets = self._offsets[si] = (starts, ends) if starts == sorted(starts) and ends == sorted(ends) else None
        if offsets is None:
            return [w for w in words if w.start < end and start < w.end]
        # the words that start before ``end`` are a prefix, those that end after ``start`` a suffix
        return words[bisect_right(offsets[1], start):bisect_left(offsets[0], end)]

    def in_marks(self, span: Span) -> bool:
        """``span`` lies inside quotation marks."""
        return self.ctx.mark_covering(*span) is not None


def _phrase(head: Word) -> list[Word]:
    words = np_extent(head)
    while words and words[0].upos == "ADP" and words[0] is not head:
        words = words[1:]
    return words


def _is_head(w: Word) -> bool:
    if w.upos not in NOMINAL:
        return False
    if w.upos == "PRON" and w.low not in PERSONAL and w.feat("PronType") not in ("Prs", "Dem"):
        return False
    parent = w.parent
    # a name part or compound under another nominal is part of that phrase
    return not (parent is not None and parent.upos in NOMINAL and w.rel in ("flat", "compound", "det", "amod"))


def rule_candidate(index: DocIndex, quote: QuoteView) -> SpeakerCandidate:
    """The rules' own choice as a candidate: their speaker mention, or "nobody" where they found none."""
    if quote.speaker is None:
        return SpeakerCandidate(None, from_rule=True)
    words = index.words_in(quote.speaker)
    inside = {id(x) for x in words}
    heads = [w for w in words if (parent := w.parent) is None or id(parent) not in inside]
    return SpeakerCandidate(quote.speaker, heads[0] if heads else None, words, from_rule=True)


def previous_speakers(views: Sequence[QuoteView], rule_cands: Sequence[SpeakerCandidate]) -> list[list[str]]:
    """For each view, the head lemmas of the rules' speakers (``rule_cands``, one per view, as
    :func:`rule_candidate` gives them) of the views that start before it: the ``previous`` of :func:`features`."""
    spoken = sorted((v.start, c.head.lem) for v, c in zip(views, rule_cands) if c.head is not None)
    starts, lemmas = [start for start, _ in spoken], [lem for _, lem in spoken]
    return [lemmas[:bisect_left(starts, v.start)] for v in views]  # the speakers that start before: a prefix


def candidates(index: DocIndex, quote: QuoteView) -> list[SpeakerCandidate]:
    """Everyone who might have said ``quote``: the rules' choice, noun phrases nearby, and nobody."""
    out: list[SpeakerCandidate] = [SpeakerCandidate(None)]
    seen: set[Span] = set()
    if quote.speaker is not None:
        out.append(rule_candidate(index, quote))
        seen.add(quote.speaker)
    if not index.sentences:
        return out
    first = index.sentence_index(quote.start)
    last = index.sentence_index(max(quote.start, quote.end - 1))
    cue_sents = {index.sentence_index(s) for s, _ in quote.cue}
    sents = set(range(max(0, first - WINDOW_BEFORE), last + 1)) | cue_sents
    for si in sorted(sents):
        for w in index.sentences[si].words:
            if not _is_head(w):
                continue
            words = _phrase(w)
            if not words or len(words) > MAX_EXTENT:
                continue
            span = (words[0].start, words[-1].end)
            if span in seen:
                continue
            seen.add(span)
            out.append(SpeakerCandidate(span, w, words))
    return out


def bucket(x: float, edges: Sequence[float]) -> str:
    """The name of the first edge ``x`` does not exceed ("3" for 2 in (1, 3, 5)), or ">LAST"."""
    for e in edges:
        if x <= e:
            return str(e)
    return f">{edges[-1]}"


def _family(rule: str) -> str:
    return rule.split(".")[0]


def features(index: DocIndex, quote: QuoteView, cand: SpeakerCandidate,
             previous: Sequence[str] = ()) -> dict[str, float]:
    """Named features of the pair (quotation, candidate).

    Args:
        index: the document's lookups.
        quote: the quotation.
        cand: one of :func:`candidates`.
        previous: lower-cased head lemmas of the speakers of earlier quotations in the document.
    """
    fam, rule, qtype = _family(quote.rule), quote.rule, quote.type
    if cand.span is None:
        return {"nobody": 1.0, f"nobody&rule={rule}": 1.0, f"nobody&type={qtype}": 1.0,
                f"nobody&rules_speaker={quote.speaker is not None}": 1.0}
    f: dict[str, float] = {"cand": 1.0}
    if cand.from_rule:
        f["rule_choice"] = 1.0
        f[f"rule_choice&rule={rule}"] = 1.0
        f[f"rule_choice&type={qtype}"] = 1.0
    elif quote.speaker is not None:
        f["other_than_rule"] = 1.0
        if quote.speaker[0] <= cand.span[0] and cand.span[1] <= quote.speaker[1]:
            f["inside_rule_choice"] = 1.0
        elif cand.span[0] <= quote.speaker[0] and quote.speaker[1] <= cand.span[1]:
            f["around_rule_choice"] = 1.0
    head = cand.head
    qsent = index.sentence_index(quote.start)
    csent = index.sentence_index(cand.span[0])
    dist = csent - qsent
    f[f"sdist={max(-4, min(dist, 2))}"] = 1.0
    f[f"sdist={max(-4, min(dist, 2))}&fam={fam}"] = 1.0
    cue_words = [w for s in quote.cue for w in index.words_in(s)]
    cue_sents = {index.sentence_index(s) for s, _ in quote.cue}
    if csent in cue_sents:
        f["in_cue_sentence"] = 1.0
    if any(s <= cand.span[0] and cand.span[1] <= e for s, e in quote.content):
        f["inside_content"] = 1.0
        f[f"inside_content&type={qtype}"] = 1.0
    elif any(s < cand.span[1] and cand.span[0] < e for s, e in quote.content):
        f["crosses_content"] = 1.0
    if index.in_marks(cand.span):
        f["inside_marks"] = 1.0
    f["before_quote" if cand.span[1] <= quote.start else "after_quote"] = 1.0
    n_words = len(cand.words)
    f[f"len={bucket(n_words, (1, 2, 3, 5, 8, 12))}"] = 1.0
    if head is None:
        return f
    rel = head.deprel
    f[f"deprel={rel}"] = 1.0
    f[f"deprel={rel}&fam={fam}"] = 1.0
    f[f"upos={head.upos}"] = 1.0
    parent = head.parent
    if cue_words:
        if parent is not None and any(parent is c for c in cue_words):
            f["child_of_cue"] = 1.0
            f[f"child_of_cue&deprel={rel}"] = 1.0
        elif parent is not None and parent.parent is not None and any(parent.parent is c for c in cue_words):
            f["grandchild_of_cue"] = 1.0
            f[f"grandchild_of_cue&deprel={rel}"] = 1.0
        if csent in cue_sents:
            sent, i = head.sent, head.i
            beside = [c.i for c in cue_words if c.sent is sent]  # the cue words in the head's sentence
            gap = min(abs(i - k) for k in beside) if beside else 99
            f[f"cue_gap={bucket(gap, (1, 2, 3, 5, 8, 15))}"] = 1.0
            f["left_of_cue" if all(i < k for k in beside) else "right_of_cue"] = 1.0
        verb = next((c for c in cue_words if c.upos in ("VERB", "AUX")), None)
        num = head.feat("Number")
        if verb is not None and num and verb.feat("Number") and head.rel == "nsubj":
            f["agrees_with_cue" if verb.feat("Number") == num else "disagrees_with_cue"] = 1.0
    case = next((c for c in head.children if c.rel == "case"), None)
    if case is not None:
        prep = case.low if case.low in SOURCE_PREPOSITIONS else "other"
        f[f"prep={prep}"] = 1.0
        f[f"prep={prep}&fam={fam}"] = 1.0
    if head.upos == "PRON":
        f[f"pron={head.low}"] = 1.0
    if head.upos == "PROPN" or any(w.upos == "PROPN" for w in cand.words):
        f["has_name"] = 1.0
    if head.upos == "NOUN" and is_role_noun(head.low):
        f["role_noun"] = 1.0
    if any(w.upos == "NOUN" and is_role_noun(w.low) for w in cand.words if w is not head):
        f["has_role_noun"] = 1.0
    case_feat = head.feat("Case")
    if case_feat:
        f[f"case={case_feat}"] = 1.0
    if head.i == 0 or (head.i <= 2 and all(w.upos in ("DET", "ADJ", "PUNCT") for w in head.sent.words[:head.i])):
        f["sentence_initial"] = 1.0
    lem = head.lem
    if lem in previous:
        f["spoke_before"] = 1.0
    if previous and previous[-1] == lem:
        f["last_speaker"] = 1.0
    f[f"freq={bucket(index.lemma_counts.get(lem, 0), (1, 2, 4, 8))}"] = 1.0
    f[f"lemma={lem}"] = 1.0
    return f

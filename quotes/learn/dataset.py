"""Training examples from the news-quotes-de gold: the rules' quotations paired with gold annotations.

Every article is parsed (through the parse cache), the rules run on it, and each predicted quotation
is paired with a gold annotation exactly as ``quotes eval`` pairs them (Hungarian pairing on message
token overlap). A paired quotation gives one group of speaker candidates; a candidate's label is how
well it overlaps the gold speaker (token-overlap F1 on the corpus's token grid).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..doc import ParsedDoc
from ..models import DocumentResult
from ..rules.base import Context
from .calibrate import view_of
from .speaker_features import DocIndex, QuoteView, SpeakerCandidate, candidates, features


@dataclass
class Article:
    """One gold article with its parse."""

    gold: object  # quotes.evaluate.GoldDocument
    doc: ParsedDoc


@dataclass
class Group:
    """The speaker candidates of one predicted quotation, with their labels.

    Attributes:
        doc_id: the article.
        quote: the quotation as the rules found it.
        candidates: the candidates, in :func:`candidates` order.
        features: one feature dict per candidate.
        overlap: token-overlap F1 of each candidate with the gold speaker ("nobody" scores 1 where the
            gold has no speaker, else 0).
    """

    doc_id: str
    quote: QuoteView
    candidates: list[SpeakerCandidate]
    features: list[dict[str, float]]
    overlap: list[float]

    @property
    def best(self) -> float:
        return max(self.overlap)

    def labels(self) -> list[int]:
        """1 for the best-overlapping candidates; "nobody" where no candidate overlaps at all."""
        best = self.best
        if best <= 0:
            return [1 if c.span is None else 0 for c in self.candidates]
        return [1 if o == best else 0 for o in self.overlap]


def _previous_by_rank(index: DocIndex, views: list[QuoteView]) -> list[list[str]]:
    """For each view, the head lemmas of the rules' speakers of the views before it in text order.

    Unlike :func:`quotes.learn.calibrate.previous_lemmas` (what extraction uses), a view that starts at
    the same offset as an earlier one (a quotation nested at the start of another's content) counts as
    before it. The packaged ranker was trained this way: unifying the two means retraining the models.
    """
    order = sorted(range(len(views)), key=lambda i: views[i].start)
    out: list[list[str]] = [[] for _ in views]
    spoken: list[str] = []
    for i in order:
        out[i] = list(spoken)
        speaker = views[i].speaker
        if speaker is None:
            continue
        words = index.words_in(speaker)
        heads = [w for w in words if w.parent is None or w.parent not in words]
        if heads:
            spoken.append(heads[0].lem)
    return out


def groups(article: Article, result: DocumentResult) -> Iterator[Group]:
    """Candidate groups of the quotations in ``result`` that pair with a gold annotation."""
    from .. import evaluate as ev

    gold = article.gold
    detail = ev.score_document(gold, result, relayed_twice=False)
    index = DocIndex(Context(article.doc))
    views = [view_of(q) for q in result.quotes]
    previous = _previous_by_rank(index, views)
    for pair in detail.pairs:
        view, prev = views[pair.pred], previous[pair.pred]
        gq = gold.quotes[pair.gold]
        cands = candidates(index, view)
        overlaps = []
        for c in cands:
            if c.span is None:
                overlaps.append(0.0 if gq.speaker else 1.0)
            else:
                overlaps.append(ev.overlap_f1(gold.tokens_of_spans([c.span]), gq.speaker))
        yield Group(gold.id, view, cands, [features(index, view, c, prev) for c in cands], overlaps)

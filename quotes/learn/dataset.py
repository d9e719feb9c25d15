"""Training examples from the news-quotes-de gold: the rules' quotations paired with gold annotations.

Every article is parsed (through the parse cache), the rules run on it, and each predicted quotation
is paired with a gold annotation exactly as ``quotes eval`` pairs them (Hungarian pairing on message
token overlap). A paired quotation gives one group of speaker candidates; a candidate's label is how
well it overlaps the gold speaker (token-overlap F1 on the corpus's token grid).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from ..doc import ParsedDoc
from ..models import DocumentResult
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
        message_f1: how well the quotation's content matches its gold annotation.
    """

    doc_id: str
    quote: QuoteView
    candidates: list[SpeakerCandidate]
    features: list[dict[str, float]]
    overlap: list[float]
    message_f1: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def best(self) -> float:
        return max(self.overlap)

    def labels(self) -> list[int]:
        """1 for the best-overlapping candidates; "nobody" where no candidate overlaps at all."""
        best = self.best
        if best <= 0:
            return [1 if c.span is None else 0 for c in self.candidates]
        return [1 if o == best else 0 for o in self.overlap]


def load_articles(gold_dir: str | Path, parse: Callable[[Sequence[str]], list[ParsedDoc]],
                  limit: Optional[int] = None) -> list[Article]:
    """Gold documents of ``gold_dir`` with their parses (``parse`` maps texts to parsed documents)."""
    from .. import evaluate as ev

    golds, _ = ev.load_gold_dir(gold_dir, limit)
    docs = parse([g.text for g in golds])
    return [Article(g, d) for g, d in zip(golds, docs)]


def quote_views(result: DocumentResult) -> list[QuoteView]:
    """The records of a result as the ranker sees them."""
    out = []
    for q in result.quotes:
        mention = q.speaker.mention if q.speaker is not None else None
        out.append(QuoteView(
            type=q.type.value, rule=q.rule, content=tuple((s.start, s.end) for s in q.content),
            cue=tuple((s.start, s.end) for s in q.cue),
            speaker=(mention.start, mention.end) if mention is not None else None))
    return out


def previous_lemmas(index: DocIndex, views: Sequence[QuoteView], upto: int) -> list[str]:
    """Head lemmas of the rules' speakers of the quotations before ``views[upto]`` (by position)."""
    out = []
    for v in views[:upto]:
        if v.speaker is None:
            continue
        words = index.words_in(v.speaker)
        heads = [w for w in words if w.parent is None or w.parent not in words]
        if heads:
            out.append(heads[0].lem)
    return out


def groups(article: Article, result: DocumentResult) -> Iterator[Group]:
    """Candidate groups of the quotations in ``result`` that pair with a gold annotation."""
    from .. import evaluate as ev

    gold = article.gold
    detail = ev.score_document(gold, result, relayed_twice=False)
    index = DocIndex(article.doc)
    views = quote_views(result)
    order = sorted(range(len(views)), key=lambda i: views[i].start)
    rank_of = {i: r for r, i in enumerate(order)}
    ordered = [views[i] for i in order]
    for pair in detail.pairs:
        view = views[pair.pred]
        gq = gold.quotes[pair.gold]
        prev = previous_lemmas(index, ordered, rank_of[pair.pred])
        cands = candidates(index, view)
        overlaps = []
        for c in cands:
            if c.span is None:
                overlaps.append(0.0 if gq.speaker else 1.0)
            else:
                overlaps.append(ev.overlap_f1(gold.tokens_of_spans([c.span]), gq.speaker))
        yield Group(gold.id, view, cands, [features(index, view, c, prev) for c in cands], overlaps, pair.f1,
                    {"gold_speaker": gq.texts.get("speaker", ""), "gold_type": gq.type})

"""The speaker ranker in the choice of who said a quotation.

The rules pick a speaker (or none) for every quotation. The speaker ranker (:mod:`quotes.learn.speaker_features`)
scores every candidate of the quotation: the rules' choice, the noun phrases nearby and "nobody". Where it is
confident enough, its choice replaces the rules':

* the rules left the speaker empty, and a candidate scores at least the threshold and higher than "nobody"
  (a frameless direct quotation whose speaker stands in the sentence before it);
* the rules chose a speaker, and another candidate scores at least the threshold and higher than the rules'
  choice (the nearest noun phrase taken instead of the cue's subject).

The threshold is the speaker ranker's own (``threshold`` in ``speaker_ranker.json``), chosen by
cross-validation in ``quotes train`` (:func:`quotes.learn.train.choose_ranker_threshold`). A ranker without a
threshold leaves the rules' choice alone.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ..rules.base import Candidate, Context, Located, Offsets
from .model import LinearModel
from .speaker_features import DocIndex, QuoteView, candidates, features, previous_speakers, rule_candidate


def view(cand: Candidate, loc: Located) -> QuoteView:
    """A candidate of the engine as the learned layer sees it."""
    speaker = loc.speaker if loc.speaker is not None and loc.speaker[0] < loc.speaker[1] else None
    return QuoteView(type=cand.type.value, rule=cand.rule, content=tuple(loc.content), cue=tuple(loc.cue),
                     speaker=speaker)


def decide(rule_span: Optional[Offsets], scored: Sequence[tuple[Optional[Offsets], float]],
           threshold: float) -> Optional[Offsets]:
    """The speaker span after the ranker's say.

    Args:
        rule_span: the rules' speaker (None: they found none).
        scored: (span, probability) of every candidate; span None is "nobody", the span equal to
            ``rule_span`` the rules' choice.
        threshold: the least probability for the ranker to override the rules.

    Returns:
        ``rule_span``, unless another candidate (not "nobody") scores at least ``threshold`` and more than
        the rules' choice ("nobody" where the rules found no speaker); then that candidate's span.
    """
    incumbent = max((p for s, p in scored if s == rule_span), default=0.0)
    best: Optional[tuple[float, Offsets]] = None
    for span, p in scored:
        if span is None or span == rule_span:
            continue
        if best is None or p > best[0]:
            best = (p, span)
    if best is not None and best[0] >= threshold and best[0] > incumbent:
        return best[1]
    return rule_span


def choose_speakers(ctx: Context, cands: Sequence[Candidate], located: list[Located],
                    ranker: Optional[LinearModel]) -> list[Located]:
    """``located`` with the speakers the ranker chooses (see the module's description); unchanged without a
    ranker or without its threshold."""
    if ranker is None or ranker.threshold is None or not located:
        return located
    index = DocIndex(ctx)
    views = [view(c, loc) for c, loc in zip(cands, located)]
    rule_cands = [rule_candidate(index, v) for v in views]
    out = []
    for v, loc, previous in zip(views, located, previous_speakers(views, rule_cands)):
        scored = [(c.span, ranker.probability(features(index, v, c, previous))) for c in candidates(index, v)]
        span = decide(v.speaker, scored, ranker.threshold)
        out.append(loc if span == v.speaker else Located(loc.content, loc.cue, span, loc.addressee, loc.medium))
    return out

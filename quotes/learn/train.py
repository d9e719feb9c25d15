"""Training the learned layer on the news-quotes-de gold (``quotes train``).

Two logistic-regression models, both deterministic (lbfgs, fixed seed, examples in article order):

* the **speaker ranker** scores each speaker candidate of a quotation the rules found
  (:mod:`quotes.learn.speaker_features`); the best-scoring candidate becomes the speaker;
* the **confidence model** scores each finished record: the probability that the quotation is one of
  the gold's (message overlap F1 ≥ 0.5) and that its speaker is right (overlapping the gold speaker, or
  none where the gold has none). That probability is the record's ``confidence``
  (:mod:`quotes.learn.confidence`).

The confidence model learns from records made with the speaker ranker in place; to keep its training
data honest, the ranker's decisions on each training article come from a ranker trained without that
article (cross-fitting over ``folds`` article folds).
"""

from __future__ import annotations

import collections
import random
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from .model import LinearModel

SEED = 13
MIN_COUNT = 3
"""A feature must occur this often in the training examples to get a weight."""
SPEAKER_C = 0.3
CONFIDENCE_C = 0.3


def fit(examples: Sequence[dict[str, float]], labels: Sequence[int], name: str, c: float,
        provenance: Optional[dict] = None, min_count: int = MIN_COUNT) -> LinearModel:
    """A logistic regression over named features (features seen fewer than ``min_count`` times dropped)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = collections.Counter(k for f in examples for k in f)
    keep = {k for k, n in counts.items() if n >= min_count}
    rows = [{k: v for k, v in f.items() if k in keep} for f in examples]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(rows)
    lr = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, random_state=SEED)  # deterministic
    lr.fit(x, list(labels))
    weights = {n: float(w) for n, w in zip(vec.feature_names_, lr.coef_[0]) if abs(w) > 1e-9}
    return LinearModel(name, weights, float(lr.intercept_[0]), dict(provenance or {}))


def fit_speaker_ranker(groups: Iterable, provenance: Optional[dict] = None, c: float = SPEAKER_C) -> LinearModel:
    """The speaker ranker from candidate groups (:class:`quotes.learn.dataset.Group`)."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for g in groups:
        xs.extend(g.features)
        ys.extend(g.labels())
    return fit(xs, ys, "speaker_ranker", c, provenance)


def folds(ids: Sequence[str], k: int, seed: int = SEED) -> list[list[str]]:
    """``ids`` split into ``k`` folds, shuffled with a fixed seed (by article, never by quotation)."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


RIGHT_F1 = 0.5
"""Message overlap F1 from which a record counts as the gold quotation (as ``quotes eval`` counts matches)."""


def confidence_examples(article, result, ranker: Optional[LinearModel]) -> list[tuple[dict[str, float], int, str]]:
    """(features, right, rule) for every record of ``result``: right when the record pairs with a gold
    annotation at message F1 ≥ 0.5 and its speaker overlaps the gold speaker (or both have none)."""
    from .. import evaluate as ev
    from . import confidence
    from .calibrate import speaker_probabilities, view_of
    from .speaker_features import DocIndex

    detail = ev.score_document(article.gold, result, relayed_twice=False)
    paired = {p.pred: p for p in detail.pairs}
    index = DocIndex(article.doc)
    views = [view_of(q) for q in result.quotes]
    out = []
    for i, (q, v, sp) in enumerate(zip(result.quotes, views, speaker_probabilities(index, views, ranker))):
        pair = paired.get(i)
        right = 0
        if pair is not None and pair.f1 >= RIGHT_F1:
            gold, pred = article.gold.quotes[pair.gold].speaker, detail.preds[i].speaker
            right = int(bool(gold & pred) or (not gold and not pred))
        out.append((confidence.features(index, v, q.cue_lemma, sp, q.evidence), right, q.rule))
    return out


def calibration(probs: Sequence[float], rights: Sequence[int], bins: int = 10) -> dict:
    """Expected calibration error and the high-confidence share and precision of out-of-sample probabilities."""
    n = len(probs)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, p in enumerate(probs) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if idx:
            ece += len(idx) / n * abs(sum(probs[i] for i in idx) / len(idx) - sum(rights[i] for i in idx) / len(idx))
    high = [i for i, p in enumerate(probs) if p >= 0.9]
    return {"records": n, "right": round(sum(rights) / n, 4) if n else 0.0, "ece": round(ece, 4),
            "share_at_0.9": round(len(high) / n, 4) if n else 0.0,
            "precision_at_0.9": round(sum(rights[i] for i in high) / len(high), 4) if high else None}


@dataclass
class TrainedLayer:
    """Both models and how they measured out of sample on the training articles."""

    ranker: LinearModel
    confidence: LinearModel
    metrics: dict


def train_layer(articles: Sequence, k: int = 5, provenance: Optional[dict] = None,
                log: Callable[[str], None] = lambda s: None) -> TrainedLayer:
    """Train the speaker ranker and the confidence model on gold ``articles`` (:class:`dataset.Article`).

    The rules run once per article with the learned layer switched off. The ranker's probabilities that the
    confidence model learns from are cross-fitted over ``k`` article folds; so are the confidence model's
    own out-of-sample probabilities reported in ``metrics`` (expected calibration error, the share of
    records at 0.9 or more and their precision).
    """
    from ..engine import extract_from_parsed
    from .dataset import groups as candidate_groups

    results = {a.gold.id: extract_from_parsed(a.doc, a.gold.id, learned=False) for a in articles}
    groups = {a.gold.id: list(candidate_groups(a, results[a.gold.id])) for a in articles}
    log(f"{len(articles)} articles, {sum(map(len, groups.values()))} paired quotations")
    parts = folds([a.gold.id for a in articles], k)
    examples: dict[str, list] = {}
    for n, part in enumerate(parts):
        held = set(part)
        ranker = fit_speaker_ranker(g for i, gs in groups.items() if i not in held for g in gs)
        for a in articles:
            if a.gold.id in held:
                examples[a.gold.id] = confidence_examples(a, results[a.gold.id], ranker)
        log(f"fold {n + 1}/{k}: ranker fitted, confidence examples made")
    probs: list[float] = []
    rights: list[int] = []
    for part in parts:
        held = set(part)
        train = [e for i, es in examples.items() if i not in held for e in es]
        model = fit([e[0] for e in train], [e[1] for e in train], "confidence", CONFIDENCE_C)
        for i in part:
            for feats, right, _ in examples[i]:
                probs.append(model.probability(feats))
                rights.append(right)
    metrics = {"cross_validated_confidence": calibration(probs, rights), "folds": k, "articles": len(articles)}
    log(f"confidence, {k}-fold cross-validated: {metrics['cross_validated_confidence']}")
    prov = dict(provenance or {})
    ranker = fit_speaker_ranker((g for gs in groups.values() for g in gs), {**prov, "metrics": metrics})
    everything = [e for es in examples.values() for e in es]
    conf = fit([e[0] for e in everything], [e[1] for e in everything], "confidence", CONFIDENCE_C,
               {**prov, "metrics": metrics})
    return TrainedLayer(ranker, conf, metrics)

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


def confidence_examples(article, result, ranker: Optional[LinearModel]) -> list[tuple[dict[str, float], int, str]]:
    """(features, right, rule) for every record of ``result``, right as :mod:`quotes.evaluate.calibration`
    defines it (message F1 ≥ 0.5 with a gold annotation, and the speaker right)."""
    from .. import evaluate as ev
    from ..evaluate.calibration import record_rightness
    from ..rules.base import Context
    from .calibrate import record_features
    from .speaker_features import DocIndex

    rightness = record_rightness(ev.score_document(article.gold, result, relayed_twice=False))
    feats = record_features(DocIndex(Context(article.doc)), result.quotes, ranker)
    return [(f, int(ok), q.rule) for f, ok, q in zip(feats, rightness, result.quotes)]


def calibration(probs: Sequence[float], rights: Sequence[int]) -> dict:
    """Expected calibration error, and the share and precision of records at 0.9 or more, of
    out-of-sample probabilities."""
    from ..evaluate.calibration import Calibration

    cal = Calibration(list(probs), [bool(r) for r in rights], [""] * len(probs))
    high, prec = cal.at_least()
    return {"records": cal.n, "right": round(sum(rights) / cal.n, 4) if cal.n else 0.0, "ece": round(cal.ece, 4),
            "share_at_0.9": round(high / cal.n, 4) if cal.n else 0.0,
            "precision_at_0.9": None if prec is None else round(prec, 4)}


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

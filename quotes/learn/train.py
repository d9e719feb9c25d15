"""Training the learned layer on the news-quotes-de gold (``quotes train``).

Three logistic-regression models, all deterministic (lbfgs, fixed seed, examples in article order):

* the **quote gate** keeps or drops the tentative candidates of the rule families (:mod:`quotes.learn.gate`);
  its threshold is chosen on cross-validation over article folds (:func:`choose_gate`);
* the **speaker ranker** scores each speaker candidate of a quotation the rules found
  (:mod:`quotes.learn.speaker_features`); where a candidate other than the rules' choice scores at least its
  threshold (chosen on cross-validation, :func:`choose_ranker_threshold`), it becomes the speaker
  (:mod:`quotes.learn.speaker_choice`);
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
import math
import random
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from .model import LinearModel

SEED = 13
MIN_COUNT = 3
"""A feature must occur this often in the training examples to get a weight."""
SPEAKER_C = 0.3
CONFIDENCE_C = 0.3
GATE_C = 0.3
GATE_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9)
"""Thresholds the quote gate's cross-validation tries; the one with the best joint F1 over the training
articles is stored in the model (ties: the higher one, fewer records), where it beats the rules alone by
:data:`GATE_MIN_GAIN`."""
GATE_MIN_GAIN = 0.1
"""Points of cross-validated joint F1 a gate threshold must gain over the rules alone to be chosen. A smaller
gain is noise: on the news-quotes-de train split (Dec 2026) the best threshold, 0.7, gained 0.04 points and kept
one candidate on dev, a wrong one (dev message F1 80.7 against 80.9 for the rules alone)."""
RANKER_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
"""Thresholds at which the speaker ranker may override the rules' speaker (:mod:`quotes.learn.speaker_choice`)
that its cross-validation tries; the one with the best speaker F1 over the training articles is stored in the
model, none where no threshold beats the rules' speakers by :data:`RANKER_MIN_GAIN` (ties: the higher one)."""
RANKER_MIN_GAIN = 0.3
"""Points of cross-validated speaker F1 a ranker threshold must gain over the rules' speakers to be chosen. A
smaller gain is noise: on the news-quotes-de train split (Dec 2026) the best threshold, 0.5, gained 0.05
points over the rules and lost 0.5 points of speaker F1 on dev (71.1 -> 70.6)."""


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


def gate_examples(article) -> list[tuple[dict[str, float], int, str]]:
    """(features, label, rule) of every tentative candidate the rules propose on ``article``.

    The label is 1 where the candidate would add a quotation: its content matches a gold quotation
    (message token-overlap F1 ≥ 0.5, as ``quotes eval`` counts a match) that the rules alone miss. A
    candidate that matches a quotation the rules found already adds nothing (the merge drops it for the
    firm one), so it is a 0 like a false alarm. The rules run with every tentative candidate dropped (the
    rules-only output).
    """
    from .. import evaluate as ev
    from ..engine import extract_from_parsed
    from .gate import Recorder

    recorder = Recorder()
    result = extract_from_parsed(article.doc, article.gold.id, learned=False, gate=recorder)
    gold = article.gold
    found = {p.gold for p in ev.score_document(gold, result).pairs if p.matched}
    out = []
    for feats, spans, rule in recorder.seen:
        tokens = gold.tokens_of_spans(spans)
        new = any(ev.overlap_f1(tokens, gq.message) >= ev.MATCH_THRESHOLD
                  for i, gq in enumerate(gold.quotes) if i not in found)
        out.append((feats, int(new), rule))
    return out


def extraction_scores(articles: Sequence, results: dict) -> dict:
    """Message, speaker and joint P/R/F1 and quote precision per predicted type of ``results`` (article id ->
    DocumentResult) against the articles' gold, as ``quotes eval`` counts them."""
    from .. import evaluate as ev

    scores, _ = ev.score_documents([a.gold for a in articles], results)
    out: dict = {}
    for role, counts in (("message", scores.message), ("speaker", scores.speaker), ("joint", scores.joint)):
        out[role] = {"p": round(counts.precision, 2), "r": round(counts.recall, 2), "f1": round(counts.f1, 2)}
    out["quotes"] = {"p": round(scores.quotes.precision, 2), "r": round(scores.quotes.recall, 2),
                     "f1": round(scores.quotes.f1, 2)}
    out["quote_precision_by_type"] = {t: {"predicted": n, "right": m, "p": round(100 * m / n, 2) if n else None}
                                      for t, (n, m) in sorted(scores.pred_types.items())}
    return out


def fit_gate(examples: Sequence[tuple[dict[str, float], int, str]], provenance: Optional[dict] = None,
             threshold: Optional[float] = None, c: float = GATE_C) -> LinearModel:
    """The quote gate from :func:`gate_examples`. Where the examples hold one class only (a small corpus), the
    gate is the smoothed rate of new quotations, the same for every candidate."""
    labels = [e[1] for e in examples]
    if len(set(labels)) < 2:
        positives = sum(labels)
        intercept = math.log((positives + 1) / (len(labels) - positives + 1))
        model = LinearModel("quote_gate", {}, intercept, dict(provenance or {}))
    else:
        model = fit([e[0] for e in examples], labels, "quote_gate", c, provenance)
    model.threshold = threshold
    return model


@dataclass
class GateChoice:
    """The quote gate's cross-validation: per article the gate fitted without its fold, the threshold chosen
    and the joint F1 (and more) at every threshold tried."""

    by_article: dict[str, LinearModel]
    threshold: Optional[float]
    table: dict
    results: dict
    """Article id -> the engine's result with the cross-fitted gate at the chosen threshold (the rules
    alone where none was chosen)."""


def choose_gate(articles: Sequence, parts: Sequence[Sequence[str]], examples: dict[str, list],
                log: Callable[[str], None] = lambda s: None,
                thresholds: Sequence[float] = GATE_THRESHOLDS, min_gain: float = GATE_MIN_GAIN) -> GateChoice:
    """Cross-fit the gate over the article folds ``parts`` and choose its threshold: the engine runs on
    every article with the gate that did not see its fold, at every threshold; the best joint F1 wins, and
    None (no tentative candidate kept) where no threshold beats the rules alone by ``min_gain`` points."""
    from ..engine import extract_from_parsed
    from .gate import QuoteGate

    by_article: dict[str, LinearModel] = {}
    for part in parts:
        held = set(part)
        model = fit_gate([e for i, es in examples.items() if i not in held for e in es])
        by_article.update({i: model for i in part})
    rules_only = {a.gold.id: extract_from_parsed(a.doc, a.gold.id, learned=False) for a in articles}
    table = {"rules only": extraction_scores(articles, rules_only)}
    rules_f1 = table["rules only"]["joint"]["f1"]
    best, best_f1, chosen = None, rules_f1, rules_only
    for t in thresholds:
        results = {a.gold.id: extract_from_parsed(a.doc, a.gold.id, learned=False,
                                                  gate=QuoteGate(by_article[a.gold.id], t)) for a in articles}
        table[str(t)] = extraction_scores(articles, results)
        f1 = table[str(t)]["joint"]["f1"]
        log(f"gate threshold {t}: joint F1 {f1}, message F1 {table[str(t)]['message']['f1']}")
        if better_threshold(f1, best_f1, rules_f1, best is not None, min_gain):  # ties: the higher threshold
            best, best_f1, chosen = t, f1, results
    return GateChoice(by_article, best, table, chosen)


@dataclass
class RankerChoice:
    """The speaker ranker's cross-validation as a chooser: the threshold chosen (None: the rules' speakers
    stay), the extraction scores at every threshold tried, and the engine's results at the chosen one."""

    threshold: Optional[float]
    table: dict
    results: dict


def better_threshold(f1: float, best_f1: float, rules_f1: float, has_best: bool,
                     min_gain: float = RANKER_MIN_GAIN) -> bool:
    """Whether a threshold with speaker F1 ``f1`` replaces the best so far (``best_f1``; ``has_best``: a
    threshold was chosen already, else the best is the rules' own choice, ``rules_f1``). A threshold must gain
    at least ``min_gain`` points over the rules. Thresholds are tried from low to high, so a tie goes to the
    higher threshold."""
    if f1 < rules_f1 + min_gain:
        return False
    return f1 > best_f1 or (has_best and f1 == best_f1)


def choose_ranker_threshold(articles: Sequence, rankers: dict[str, LinearModel], gates: dict, baseline: dict,
                            log: Callable[[str], None] = lambda s: None,
                            thresholds: Sequence[float] = RANKER_THRESHOLDS) -> RankerChoice:
    """Cross-validate the speaker ranker as a chooser: on every article, with the ranker fitted without its
    fold (``rankers``) and the article's cross-fitted gate (``gates``, None for the rules alone), the engine
    runs at every threshold; the best speaker F1 wins, None where no threshold beats ``baseline`` (the results
    with the rules' speakers) by :data:`RANKER_MIN_GAIN`."""
    from ..engine import extract_from_parsed

    table = {"rules": extraction_scores(articles, baseline)}
    best, best_f1, chosen = None, table["rules"]["speaker"]["f1"], baseline
    for t in thresholds:
        results = {}
        for a in articles:
            ranker = LinearModel(rankers[a.gold.id].name, rankers[a.gold.id].weights, rankers[a.gold.id].intercept,
                                 threshold=t)
            results[a.gold.id] = extract_from_parsed(a.doc, a.gold.id, learned=False, gate=gates[a.gold.id],
                                                     ranker=ranker)
        table[str(t)] = extraction_scores(articles, results)
        f1 = table[str(t)]["speaker"]["f1"]
        log(f"speaker ranker threshold {t}: speaker F1 {f1} (rules' speakers {table['rules']['speaker']['f1']})")
        if better_threshold(f1, best_f1, table["rules"]["speaker"]["f1"], best is not None):
            best, best_f1, chosen = t, f1, results
    return RankerChoice(best, table, chosen)


@dataclass
class TrainedLayer:
    """Both models and how they measured out of sample on the training articles."""

    ranker: LinearModel
    confidence: LinearModel
    metrics: dict
    gate: Optional[LinearModel] = None


def train_layer(articles: Sequence, k: int = 5, provenance: Optional[dict] = None,
                log: Callable[[str], None] = lambda s: None) -> TrainedLayer:
    """Train the quote gate, the speaker ranker and the confidence model on gold ``articles``
    (:class:`dataset.Article`).

    Everything is cross-fitted over ``k`` article folds. The gate learns from the tentative candidates of
    the rules alone (:func:`gate_examples`); its threshold is the one whose cross-fitted gates give the
    best joint F1, where it beats the rules alone by :data:`GATE_MIN_GAIN` (:func:`choose_gate`). The engine's output on each article with the gate that did not see
    it is what the ranker learns from; the ranker's threshold as a chooser is the one whose cross-fitted
    rankers give the best speaker F1 (:func:`choose_ranker_threshold`), and the engine's output with those is
    what the confidence model learns from, and what ``metrics`` scores as the
    cross-validated extraction (message, speaker, joint, quote precision per type); the confidence model's
    own out-of-sample calibration is in ``metrics`` too (expected calibration error, the share of records
    at 0.9 or more and their precision).
    """
    from .dataset import groups as candidate_groups
    from .gate import QuoteGate

    parts = folds([a.gold.id for a in articles], k)
    prov = dict(provenance or {})
    gate_data = {a.gold.id: gate_examples(a) for a in articles}
    log(f"{sum(map(len, gate_data.values()))} tentative candidates, "
        f"{sum(e[1] for es in gate_data.values() for e in es)} of them new quotations")
    choice = choose_gate(articles, parts, gate_data, log)
    results = choice.results
    groups = {a.gold.id: list(candidate_groups(a, results[a.gold.id])) for a in articles}
    log(f"{len(articles)} articles, {sum(map(len, groups.values()))} paired quotations")
    rankers: dict[str, LinearModel] = {}
    for n, part in enumerate(parts):
        held = set(part)
        ranker = fit_speaker_ranker(g for i, gs in groups.items() if i not in held for g in gs)
        rankers.update({i: ranker for i in part})
        log(f"fold {n + 1}/{k}: ranker fitted")
    gates = {a.gold.id: QuoteGate(choice.by_article[a.gold.id], choice.threshold) if choice.threshold is not None
             else None for a in articles}
    ranking = choose_ranker_threshold(articles, rankers, gates, results, log)
    results = ranking.results
    examples = {a.gold.id: confidence_examples(a, results[a.gold.id], rankers[a.gold.id]) for a in articles}
    log("confidence examples made")
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
    metrics = {"cross_validated_confidence": calibration(probs, rights), "folds": k, "articles": len(articles),
               "gate_threshold": choice.threshold,
               "ranker_threshold": ranking.threshold,
               "cross_validated_extraction": ranking.table[str(ranking.threshold) if ranking.threshold else "rules"],
               "rules_only_extraction": choice.table["rules only"],
               "gate_thresholds_tried": {t: v["joint"]["f1"] for t, v in choice.table.items()},
               "ranker_thresholds_tried": {t: v["speaker"]["f1"] for t, v in ranking.table.items()}}
    log(f"confidence, {k}-fold cross-validated: {metrics['cross_validated_confidence']}")
    cv = metrics["cross_validated_extraction"]
    log(f"extraction, {k}-fold cross-validated (gate threshold {choice.threshold}, ranker threshold "
        f"{ranking.threshold}): "
        + ", ".join(f"{r} P/R/F1 {cv[r]['p']}/{cv[r]['r']}/{cv[r]['f1']}" for r in ("message", "speaker", "joint")))
    gate = fit_gate([e for es in gate_data.values() for e in es], {**prov, "metrics": metrics},
                    threshold=choice.threshold if choice.threshold is not None else 1.0)
    ranker = fit_speaker_ranker((g for gs in groups.values() for g in gs), {**prov, "metrics": metrics})
    ranker.threshold = ranking.threshold
    everything = [e for es in examples.values() for e in es]
    conf = fit([e[0] for e in everything], [e[1] for e in everything], "confidence", CONFIDENCE_C,
               {**prov, "metrics": metrics})
    return TrainedLayer(ranker, conf, metrics, gate)

"""Pairing predicted with gold quotes and counting their tokens.

Per document, predicted and gold quotes are paired one-to-one by the
Hungarian algorithm, maximising the token-overlap F1 of their messages; a
pair without any overlap is no pair. Over all pairs, token-level TP/FP/FN are
counted for message, speaker and cue; every token of an unpaired prediction
is a false positive, every token of an unpaired gold quote a false negative,
for all three roles. A pair whose message F1 is at least
:data:`MATCH_THRESHOLD` is a quote-level match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from ..models import DocumentError, DocumentResult, Quote
from .counts import Counts, EvalScores, TypeScore
from .gold import GoldDocument
from .roles import ROLES, QuoteRoles

MATCH_THRESHOLD = 0.5
"""Message F1 from which a pair counts as a quote-level match."""

TIE_BREAK = 1e-3
"""Weight of speaker overlap in the pairing: it only decides between equal message overlaps."""

Prediction = Union[DocumentResult, DocumentError, Mapping[str, Any]]
"""What :func:`score_documents` accepts per document: a record, or its JSON dict."""


def _type_name(q: Quote) -> str:
    return q.type.value if hasattr(q.type, "value") else str(q.type)


def predicted_quotes(gold: GoldDocument, result: DocumentResult, relayed_twice: bool = True) -> list[QuoteRoles]:
    """Map the quotes of a prediction onto the gold token grid.

    With ``relayed_twice`` a quote with a ``medium`` yields two entries, one
    with the speaker and one with the medium as the source, as the corpus
    annotates relayed quotations ("RIA Novosti zitierte Kirchner: „…“");
    without it every record is one entry.
    """
    out = []
    for i, q in enumerate(result.quotes):
        content = [(s.start, s.end) for s in q.content]
        mention = q.speaker.mention if q.speaker else None
        speaker = [(mention.start, mention.end)] if mention else []
        cue = [(s.start, s.end) for s in q.cue]
        texts = {
            "message": " … ".join(s.text for s in q.content),
            "speaker": mention.text if mention else "",
            "cue": " … ".join(s.text for s in q.cue),
        }
        entry = QuoteRoles(
            index=i, type=_type_name(q), rule=q.rule, message=gold.tokens_of_spans(content),
            speaker=gold.tokens_of_spans(speaker), cue=gold.tokens_of_spans(cue), texts=texts, spans=content,
        )
        out.append(entry)
        if q.medium is not None and relayed_twice:
            # the corpus annotates a relayed quotation ("RIA Novosti zitierte Kirchner: „…“") twice, once
            # with the person and once with the medium as its source; the record holds both attributions
            out.append(QuoteRoles(
                index=i, type=entry.type, rule=q.rule, message=entry.message,
                speaker=gold.tokens_of_spans([(q.medium.start, q.medium.end)]), cue=entry.cue,
                texts={**texts, "speaker": q.medium.text}, spans=content,
            ))
    return out


def overlap_f1(pred: frozenset[int], gold: frozenset[int]) -> float:
    """Token-overlap F1 (0..1) of two token sets; 0 when either is empty."""
    common = len(pred & gold)
    return 2.0 * common / (len(pred) + len(gold)) if common else 0.0


def pair_quotes(
    preds: Sequence[frozenset[int]],
    golds: Sequence[frozenset[int]],
    pred_speakers: Optional[Sequence[frozenset[int]]] = None,
    gold_speakers: Optional[Sequence[frozenset[int]]] = None,
) -> list[tuple[int, int, float]]:
    """One-to-one pairing of predicted and gold messages maximising total overlap F1.

    Args:
        preds: token sets of the predicted messages.
        golds: token sets of the gold messages.
        pred_speakers, gold_speakers: token sets of the speakers; where given, they
            break ties between equal message overlaps (the corpus annotates a
            relayed quotation twice, with the same message and two sources).

    Returns:
        ``(pred index, gold index, F1)`` for every pair with positive overlap,
        sorted by gold index; F1 is the message overlap.
    """
    if not preds or not golds:
        return []
    weights = [[overlap_f1(p, g) for g in golds] for p in preds]
    if not any(w for row in weights for w in row):
        return []
    scores = weights
    if pred_speakers is not None and gold_speakers is not None:
        scores = [[w + TIE_BREAK * overlap_f1(pred_speakers[i], gold_speakers[j]) if w else 0.0
                   for j, w in enumerate(row)] for i, row in enumerate(weights)]
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(scores, maximize=True)
    pairs = [(int(r), int(c), weights[r][c]) for r, c in zip(rows, cols) if weights[r][c] > 0]
    pairs.sort(key=lambda p: p[1])
    return pairs


@dataclass
class Pair:
    """A predicted quote paired with a gold quote."""

    pred: int
    """Position of the prediction in :attr:`DocumentDetail.preds`."""
    gold: int
    """Position of the gold quote in the gold document's ``quotes``."""
    f1: float
    """Message token-overlap F1, 0..1."""

    @property
    def matched(self) -> bool:
        """A quote-level match (message F1 ≥ :data:`MATCH_THRESHOLD`)."""
        return self.f1 >= MATCH_THRESHOLD


@dataclass
class DocumentDetail:
    """Everything scored about one document, for reports and experiments.

    Attributes:
        gold: the gold document.
        preds: predicted quotes on the gold grid.
        pairs: the Hungarian pairs.
        roles: role -> token counts of this document.
        result: the prediction (None when missing).
        error: an extraction error message, when extraction failed.
    """

    gold: GoldDocument
    preds: list[QuoteRoles]
    pairs: list[Pair]
    roles: dict[str, Counts]
    result: Optional[DocumentResult] = None
    error: Optional[str] = None

    @property
    def id(self) -> str:
        """The gold document's id."""
        return self.gold.id

    @property
    def missed(self) -> list[QuoteRoles]:
        """Gold quotes without a pair."""
        paired = {p.gold for p in self.pairs}
        return [q for q in self.gold.quotes if q.index not in paired]

    @property
    def false_alarms(self) -> list[QuoteRoles]:
        """Predictions without a pair."""
        paired = {p.pred for p in self.pairs}
        return [q for q in self.preds if q.index not in paired]

    @property
    def partial(self) -> list[Pair]:
        """Pairs whose message, speaker or cue differ."""
        return [p for p in self.pairs if not self.gold.quotes[p.gold].same_roles(self.preds[p.pred])]

    def to_dict(self) -> dict[str, Any]:
        """Per-document numbers, JSON-ready."""
        return {
            "id": self.id, "gold": len(self.gold.quotes), "predicted": len(self.preds),
            "matched": sum(p.matched for p in self.pairs), "pairs": len(self.pairs),
            **{r: c.to_dict() for r, c in self.roles.items()},
            **({"error": self.error} if self.error else {}),
        }


def score_document(gold: GoldDocument, result: Optional[DocumentResult], relayed_twice: bool = True) -> DocumentDetail:
    """Pair and count one document.

    Args:
        gold: the gold document.
        result: the prediction; None means no predicted quotes.
        relayed_twice: see :func:`predicted_quotes`.

    Raises:
        ValueError: when the prediction was made on another text.
    """
    if result is not None and result.text != gold.text:
        raise ValueError(f"document {gold.id}: the prediction's text differs from the gold originalText")
    preds = predicted_quotes(gold, result, relayed_twice) if result is not None else []
    raw = pair_quotes([p.message for p in preds], [g.message for g in gold.quotes],
                      [p.speaker for p in preds], [g.speaker for g in gold.quotes])
    pairs = [Pair(p, g, f) for p, g, f in raw]
    roles = {r: Counts() for r in ROLES}
    for pair in pairs:
        g, p = gold.quotes[pair.gold], preds[pair.pred]
        for r in ROLES:
            roles[r].add_sets(p.tokens(r), g.tokens(r))
    detail = DocumentDetail(gold, preds, pairs, roles, result)
    for p in detail.false_alarms:
        for r in ROLES:
            roles[r].fp += len(p.tokens(r))
    for g in detail.missed:
        for r in ROLES:
            roles[r].fn += len(g.tokens(r))
    return detail


def _accumulate(scores: EvalScores, d: DocumentDetail) -> None:
    """Add one document's counts, type breakdown and confusion to the corpus scores."""
    scores.documents += 1
    for r in ROLES:
        scores.roles[r].add(d.roles[r])
    matched = [p for p in d.pairs if p.matched]
    scores.quotes.tp += len(matched)
    scores.quotes.fp += len(d.preds) - len(matched)
    scores.quotes.fn += len(d.gold.quotes) - len(matched)
    by_gold = {p.gold: p for p in d.pairs}
    for g in d.gold.quotes:
        ts = scores.gold_types.setdefault(g.type, TypeScore())
        ts.gold += 1
        pair = by_gold.get(g.index)
        common = len(g.message & d.preds[pair.pred].message) if pair else 0
        ts.message.tp += common
        ts.message.fn += len(g.message) - common
        if pair and pair.matched:
            ts.matched += 1
            scores.confusion[f"{g.type} -> {d.preds[pair.pred].type}"] += 1
    matched_preds = {p.pred for p in matched}
    for q in d.preds:
        counts = scores.pred_types.setdefault(q.type, [0, 0])
        counts[0] += 1
        counts[1] += q.index in matched_preds


def _as_result(pred: Optional[Prediction]) -> tuple[Optional[DocumentResult], Optional[str]]:
    """A prediction as ``(result, None)``, or ``(None, error message)`` for an error record."""
    if pred is None or isinstance(pred, DocumentResult):
        return pred, None
    if isinstance(pred, DocumentError):
        return None, pred.message
    if isinstance(pred, Mapping):
        if "error" in pred and "quotes" not in pred:
            return None, str(pred.get("message", pred["error"]))
        return DocumentResult.model_validate(dict(pred)), None
    raise TypeError(f"cannot score a prediction of type {type(pred).__name__}")


def _index_predictions(predictions: Union[Mapping[str, Prediction], Iterable[Prediction]]) -> dict[str, Prediction]:
    """Predictions by document id."""
    if isinstance(predictions, Mapping):
        return dict(predictions)
    out = {}
    for p in predictions:
        pid = p.get("id") if isinstance(p, Mapping) else p.id
        out[str(pid)] = p
    return out


def score_documents(
    golds: Sequence[GoldDocument],
    predictions: Union[Mapping[str, Prediction], Iterable[Prediction]],
    relayed_twice: bool = True,
) -> tuple[EvalScores, list[DocumentDetail]]:
    """Score predictions against gold documents; no parser needed.

    Args:
        golds: gold documents (see :func:`~quotes.evaluate.gold.load_gold_dir`).
        predictions: a mapping document id -> prediction, or an iterable of
            predictions matched to the gold by their ``id``. A prediction is a
            :class:`DocumentResult`, a :class:`DocumentError` or the JSON dict
            of either. A gold document without a prediction, or with an error,
            is scored as having no predicted quotes.
        relayed_twice: score a quote with a medium as the corpus's two
            annotations (speaker, medium); False scores every record once.

    Returns:
        The corpus scores and one :class:`DocumentDetail` per gold document.

    Raises:
        ValueError: when a prediction was made on a different text.
    """
    by_id = _index_predictions(predictions)
    scores, details = EvalScores(), []
    for gold in golds:
        result, error = _as_result(by_id.get(gold.id))
        detail = score_document(gold, result, relayed_twice)
        detail.error = error
        if error:
            scores.errors.append((gold.id, error))
        _accumulate(scores, detail)
        details.append(detail)
    return scores, details

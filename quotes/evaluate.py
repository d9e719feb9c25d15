"""Score extracted quotations against the news-quotes-de gold corpus.

The method follows the corpus authors' evaluation:

1. Every span, gold or predicted, is mapped onto the gold token grid (a
   predicted character span covers every gold token it overlaps).
2. Per document, predicted and gold quotes are paired one-to-one by the
   Hungarian algorithm, maximising the token-overlap F1 of their messages
   (quote contents); a pair without any overlap is no pair.
3. Over all pairs, token-level TP/FP/FN are counted for message, speaker and
   cue; every token of an unpaired prediction is a false positive, every token
   of an unpaired gold quote a false negative, for all three roles. "Joint"
   pools the three roles.
4. Quote level: a pair whose message F1 is at least 0.5 is a match.

>>> from quotes.evaluate import format_table, load_gold_dir, score_documents
>>> golds, problems = load_gold_dir("../shared/news-quotes-de/dev")  # doctest: +SKIP
>>> scores, details = score_documents(golds, predictions)            # doctest: +SKIP
>>> print(format_table(scores))                                      # doctest: +SKIP

:func:`evaluate` runs an :class:`~quotes.extractor.Extractor` over a gold
folder and scores it; :func:`render_report` lists misses and false alarms.
"""

from __future__ import annotations

import html
import json
import os
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Optional, Sequence, Union

from .models import DocumentError, DocumentResult, Quote

if TYPE_CHECKING:  # pragma: no cover
    from .doc import ParsedDoc
    from .extractor import Extractor

ROLES = ("message", "speaker", "cue")
"""The scored roles; "message" is the quote content."""

GOLD_TYPES = ("Direct", "Indirect", "IndirectFreeIndirect", "FreeIndirect", "Reported")
"""The annotation types of the corpus, in reporting order."""

MATCH_THRESHOLD = 0.5
"""Message F1 from which a pair counts as a quote-level match."""

_GOLD_ROLES = {"message": "quote", "speaker": "speaker", "cue": "cue"}

Prediction = Union[DocumentResult, DocumentError, Mapping[str, Any]]


class GoldFormatError(ValueError):
    """A file is not a readable news-quotes-de gold document."""


# ---------------------------------------------------------------------------
# Gold documents and quotes on the gold token grid
# ---------------------------------------------------------------------------


@dataclass
class GoldQuote:
    """One gold annotation, its roles as gold token-id sets.

    Attributes:
        index: position in the document's annotation list.
        type: corpus type, e.g. ``"Indirect"``.
        message: token ids of the quote content.
        speaker: token ids of the speaker mention (may be empty).
        cue: token ids of the cue (may be empty).
        texts: role name -> annotated text.
        spans: character spans ``(begin, end)`` of the message.
    """

    index: int
    type: str
    message: frozenset[int]
    speaker: frozenset[int]
    cue: frozenset[int]
    texts: dict[str, str]
    spans: list[tuple[int, int]]


@dataclass
class PredQuote:
    """One predicted quote mapped onto the gold token grid.

    Attributes:
        index: position in ``DocumentResult.quotes``.
        type: predicted type value, e.g. ``"indirect"``.
        rule: the rule that found it.
        message, speaker, cue: gold token ids the predicted spans overlap.
        texts: role name -> predicted text.
        spans: character spans ``(start, end)`` of the content.
    """

    index: int
    type: str
    rule: str
    message: frozenset[int]
    speaker: frozenset[int]
    cue: frozenset[int]
    texts: dict[str, str]
    spans: list[tuple[int, int]]


@dataclass
class GoldDocument:
    """A gold document: its text, token grid, sentences and quotes.

    Attributes:
        id: the file stem (WikiNews id).
        name: ``documentName``.
        text: ``originalText``.
        token_begins, token_ends: character offsets of the gold tokens, by token id.
        sentences: ``(charBegin, charEnd)`` of each gold sentence.
        quotes: the gold annotations.
    """

    id: str
    name: str
    text: str
    token_begins: list[int]
    token_ends: list[int]
    sentences: list[tuple[int, int]]
    quotes: list[GoldQuote]

    def tokens_of(self, start: int, end: int) -> range:
        """Ids of the gold tokens that overlap ``text[start:end]``.

        A token overlaps when ``charBegin < end and start < charEnd``; an
        empty span overlaps nothing.
        """
        if end <= start:
            return range(0)
        first = bisect_right(self.token_ends, start)
        last = bisect_left(self.token_begins, end)
        return range(first, max(first, last))

    def tokens_of_spans(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Union of :meth:`tokens_of` over several spans."""
        out: set[int] = set()
        for start, end in spans:
            out.update(self.tokens_of(start, end))
        return frozenset(out)

    def sentence_spans(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """The gold sentences that the character spans touch, in order."""
        if not spans:
            return []
        lo = min(s for s, _ in spans)
        hi = max(e for _, e in spans)
        hit = [(b, e) for b, e in self.sentences if b < hi and lo < e]
        if not hit:  # an empty span between sentences: take the one after
            hit = [(b, e) for b, e in self.sentences if b >= lo][:1]
        return hit

    def sentence_text(self, spans: Sequence[tuple[int, int]]) -> str:
        """The text of the sentences that the spans touch."""
        return " ".join(self.text[b:e] for b, e in self.sentence_spans(spans))


def _role_spans(role: Any, where: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Character spans and token ids of one gold role (empty for ``[]``/missing)."""
    if not role:
        return [], []
    if not isinstance(role, dict):
        raise GoldFormatError(f"{where}: role is neither an object nor empty")
    spans = []
    for sp in role.get("spans") or ():
        try:
            spans.append((int(sp["charBegin"]), int(sp["charEnd"])))
        except (KeyError, TypeError, ValueError):
            raise GoldFormatError(f"{where}: a span lacks charBegin/charEnd") from None
    ids = role.get("tokenIds") or []
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise GoldFormatError(f"{where}: tokenIds is not a list of integers")
    return spans, ids


def _gold_quote(index: int, ann: Any, n_tokens: int) -> GoldQuote:
    where = f"annotation {index}"
    if not isinstance(ann, dict) or not isinstance(ann.get("type"), str):
        raise GoldFormatError(f"{where}: not an object with a string 'type'")
    sets: dict[str, frozenset[int]] = {}
    texts: dict[str, str] = {}
    msg_spans: list[tuple[int, int]] = []
    for role, key in _GOLD_ROLES.items():
        spans, ids = _role_spans(ann.get(key), f"{where}.{key}")
        if any(i < 0 or i >= n_tokens for i in ids):
            raise GoldFormatError(f"{where}.{key}: token id out of range")
        sets[role] = frozenset(ids)
        value = ann.get(key)
        texts[role] = str(value.get("text", "")) if isinstance(value, dict) else ""
        if role == "message":
            msg_spans = spans
    return GoldQuote(index, ann["type"], sets["message"], sets["speaker"], sets["cue"], texts, msg_spans)


def parse_gold(data: Any, doc_id: str) -> GoldDocument:
    """Build a :class:`GoldDocument` from a decoded gold JSON object.

    Args:
        data: the decoded file.
        doc_id: the document id (file stem).

    Raises:
        GoldFormatError: when a required field is missing or malformed.
    """
    if not isinstance(data, dict):
        raise GoldFormatError("the file is not a JSON object")
    text, tokens = data.get("originalText"), data.get("tokens")
    if not isinstance(text, str) or not isinstance(tokens, list):
        raise GoldFormatError("missing 'originalText' or 'tokens'")
    try:
        ordered = sorted(tokens, key=lambda t: int(t["id"]))
        begins = [int(t["charBegin"]) for t in ordered]
        ends = [int(t["charEnd"]) for t in ordered]
        ids_ok = all(int(t["id"]) == i for i, t in enumerate(ordered))
        sentences = [(int(s["charBegin"]), int(s["charEnd"])) for s in data.get("sentences") or ()]
    except (KeyError, TypeError, ValueError):
        raise GoldFormatError("a token or sentence lacks id/charBegin/charEnd") from None
    if not ids_ok:
        raise GoldFormatError("token ids are not 0..n-1")
    if any(begins[i] < ends[i - 1] for i in range(1, len(begins))):
        raise GoldFormatError("tokens overlap or are out of order")
    anns = data.get("annotations") or []
    if not isinstance(anns, list):
        raise GoldFormatError("'annotations' is not a list")
    quotes = [_gold_quote(i, a, len(ordered)) for i, a in enumerate(anns)]
    return GoldDocument(doc_id, str(data.get("documentName", doc_id)), text, begins, ends, sentences, quotes)


def load_gold(path: Union[str, os.PathLike]) -> GoldDocument:
    """Read one gold file; the id is the file stem.

    Raises:
        GoldFormatError: when the file cannot be read or is not gold.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read the file ({exc.__class__.__name__}: {exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"not valid JSON ({exc})") from None
    return parse_gold(data, path.stem)


def load_gold_dir(
    directory: Union[str, os.PathLike], limit: Optional[int] = None
) -> tuple[list[GoldDocument], list[tuple[str, str]]]:
    """Read every ``*.json`` of a folder, sorted by name.

    Args:
        directory: the gold folder.
        limit: read at most this many files (after sorting).

    Returns:
        The gold documents and ``(file name, problem)`` for each file skipped.

    Raises:
        GoldFormatError: when the folder does not exist or holds no ``*.json``.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldFormatError(f"{directory} is not a folder")
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise GoldFormatError(f"{directory} holds no *.json gold files")
    if limit is not None:
        paths = paths[: max(0, limit)]
    golds, problems = [], []
    for path in paths:
        try:
            golds.append(load_gold(path))
        except GoldFormatError as exc:
            problems.append((path.name, str(exc)))
    return golds, problems


def predicted_quotes(gold: GoldDocument, result: DocumentResult, relayed_twice: bool = True) -> list[PredQuote]:
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
        message = gold.tokens_of_spans(content)
        out.append(PredQuote(
            i, _type_name(q), q.rule, message, gold.tokens_of_spans(speaker), gold.tokens_of_spans(cue), texts, content,
        ))
        if q.medium is not None and relayed_twice:
            # the corpus annotates a relayed quotation ("RIA Novosti zitierte Kirchner: „…“") twice, once
            # with the person and once with the medium as its source; the record holds both attributions
            out.append(PredQuote(
                i, _type_name(q), q.rule, message, gold.tokens_of_spans([(q.medium.start, q.medium.end)]),
                gold.tokens_of_spans(cue), {**texts, "speaker": q.medium.text}, content,
            ))
    return out


def _type_name(q: Quote) -> str:
    return q.type.value if hasattr(q.type, "value") else str(q.type)


# ---------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------


def _pct(num: int, den: int) -> float:
    return 100.0 * num / den if den else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 in percent."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def add_sets(self, pred: frozenset[int], gold: frozenset[int]) -> None:
        """Count tokens of a predicted against a gold set."""
        common = len(pred & gold)
        self.tp += common
        self.fp += len(pred) - common
        self.fn += len(gold) - common

    @property
    def precision(self) -> float:
        return _pct(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _pct(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 2),
                "recall": round(self.recall, 2), "f1": round(self.f1, 2)}


def overlap_f1(pred: frozenset[int], gold: frozenset[int]) -> float:
    """Token-overlap F1 (0..1) of two token sets; 0 when either is empty."""
    common = len(pred & gold)
    return 2.0 * common / (len(pred) + len(gold)) if common else 0.0


TIE_BREAK = 1e-3
"""Weight of speaker overlap in the pairing: it only decides between equal message overlaps."""


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
    gold: int
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
    preds: list[PredQuote]
    pairs: list[Pair]
    roles: dict[str, Counts]
    result: Optional[DocumentResult] = None
    error: Optional[str] = None

    @property
    def id(self) -> str:
        return self.gold.id

    @property
    def missed(self) -> list[GoldQuote]:
        """Gold quotes without a pair."""
        paired = {p.gold for p in self.pairs}
        return [q for q in self.gold.quotes if q.index not in paired]

    @property
    def false_alarms(self) -> list[PredQuote]:
        """Predictions without a pair."""
        paired = {p.pred for p in self.pairs}
        return [q for q in self.preds if q.index not in paired]

    def to_dict(self) -> dict[str, Any]:
        """Per-document numbers, JSON-ready."""
        return {
            "id": self.id, "gold": len(self.gold.quotes), "predicted": len(self.preds),
            "matched": sum(p.matched for p in self.pairs), "pairs": len(self.pairs),
            **{r: c.to_dict() for r, c in self.roles.items()},
            **({"error": self.error} if self.error else {}),
        }

    @property
    def partial(self) -> list[Pair]:
        """Pairs whose message, speaker or cue differ."""
        out = []
        for p in self.pairs:
            g, q = self.gold.quotes[p.gold], self.preds[p.pred]
            if g.message != q.message or g.speaker != q.speaker or g.cue != q.cue:
                out.append(p)
        return out


@dataclass
class TypeScore:
    """Recall-oriented numbers for one gold type."""

    gold: int = 0
    """Gold quotes of the type."""
    matched: int = 0
    """Of those, quote-level matches."""
    message: Counts = field(default_factory=Counts)
    """Message tokens of those gold quotes: TP and FN only."""

    @property
    def recall(self) -> float:
        """Quote-level recall in percent."""
        return _pct(self.matched, self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "matched": self.matched, "recall": round(self.recall, 2),
                "message_recall": round(self.message.recall, 2),
                "message_tp": self.message.tp, "message_fn": self.message.fn}


@dataclass
class EvalScores:
    """Corpus-level scores.

    Attributes:
        documents: documents scored.
        roles: "message", "speaker", "cue" -> token counts.
        quotes: quote-level counts (TP = pairs with message F1 ≥ 0.5).
        gold_types: gold type -> recall numbers.
        pred_types: predicted type -> ``[predictions, quote-level matches]``.
        confusion: ``"gold type -> predicted type"`` -> matches.
        skipped: ``(file, problem)`` for gold files that could not be read.
        errors: ``(document id, message)`` for documents extraction failed on.
    """

    documents: int = 0
    roles: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    quotes: Counts = field(default_factory=Counts)
    gold_types: dict[str, TypeScore] = field(default_factory=dict)
    pred_types: dict[str, list[int]] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def joint(self) -> Counts:
        """The three roles pooled."""
        total = Counts()
        for c in self.roles.values():
            total.add(c)
        return total

    @property
    def message(self) -> Counts:
        return self.roles["message"]

    @property
    def speaker(self) -> Counts:
        return self.roles["speaker"]

    @property
    def cue(self) -> Counts:
        return self.roles["cue"]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "documents": self.documents,
            **{r: c.to_dict() for r, c in self.roles.items()},
            "joint": self.joint.to_dict(),
            "quotes": self.quotes.to_dict(),
            "gold_types": {t: s.to_dict() for t, s in _ordered_types(self.gold_types)},
            "pred_types": {t: {"predicted": n, "matched": m} for t, (n, m) in sorted(self.pred_types.items())},
            "confusion": dict(sorted(self.confusion.items())),
            "skipped": [{"file": f, "problem": p} for f, p in self.skipped],
            "errors": [{"id": i, "message": m} for i, m in self.errors],
        }


def _ordered_types(types: Mapping[str, TypeScore]) -> list[tuple[str, TypeScore]]:
    known = [(t, types[t]) for t in GOLD_TYPES if t in types]
    return known + sorted((t, s) for t, s in types.items() if t not in GOLD_TYPES)


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def score_document(gold: GoldDocument, result: Optional[DocumentResult], relayed_twice: bool = True) -> DocumentDetail:
    """Pair and count one document; ``result`` None means no predictions
    (``relayed_twice``: see :func:`predicted_quotes`).

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
            roles[r].add_sets(getattr(p, r), getattr(g, r))
    detail = DocumentDetail(gold, preds, pairs, roles, result)
    for p in detail.false_alarms:
        for r in ROLES:
            roles[r].fp += len(getattr(p, r))
    for g in detail.missed:
        for r in ROLES:
            roles[r].fn += len(getattr(g, r))
    return detail


def _accumulate(scores: EvalScores, d: DocumentDetail) -> None:
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
        golds: gold documents (see :func:`load_gold_dir`).
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


def evaluate(
    gold_dir: Union[str, os.PathLike], extractor: "Extractor", limit: Optional[int] = None
) -> tuple[EvalScores, list[DocumentDetail]]:
    """Run an extractor over every gold file of a folder and score it.

    Files that are not valid gold are skipped and listed in
    ``scores.skipped``; documents the extractor fails on count as having no
    predictions and are listed in ``scores.errors``.

    Args:
        gold_dir: a folder of news-quotes-de ``*.json`` files.
        extractor: the extractor to score (use one with a parse cache for speed).
        limit: score only the first ``limit`` files (sorted by name).

    Returns:
        The corpus scores and the per-document details.

    Raises:
        GoldFormatError: when the folder holds no gold file at all.
    """
    golds, skipped = load_gold_dir(gold_dir, limit)
    scores, details = evaluate_golds(golds, extractor)
    scores.skipped = skipped
    return scores, details


def evaluate_golds(
    golds: Sequence[GoldDocument], extractor: "Extractor", relayed_twice: bool = True
) -> tuple[EvalScores, list[DocumentDetail]]:
    """Run an extractor on already loaded gold documents and score it (see :func:`evaluate`)."""
    results = {r.id: r for r in extractor.extract_many((g.id, g.text) for g in golds)}
    return score_documents(golds, results, relayed_twice)


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def _score_rows(scores: EvalScores) -> list[list[str]]:
    rows = []
    named = [*scores.roles.items(), ("joint", scores.joint), ("quotes (F1≥0.5)", scores.quotes)]
    for name, c in named:
        rows.append([name, f"{c.precision:.1f}", f"{c.recall:.1f}", f"{c.f1:.1f}", str(c.tp), str(c.fp), str(c.fn)])
    return rows


def _type_rows(scores: EvalScores) -> list[list[str]]:
    return [[t, str(s.gold), str(s.matched), f"{s.recall:.1f}", f"{s.message.recall:.1f}"]
            for t, s in _ordered_types(scores.gold_types)]


def _pred_type_rows(scores: EvalScores) -> list[list[str]]:
    return [[t, str(n), str(m), f"{_pct(m, n):.1f}"] for t, (n, m) in sorted(scores.pred_types.items())]


_SCORE_HEAD = ["", "P", "R", "F1", "TP", "FP", "FN"]
_TYPE_HEAD = ["gold type", "gold", "matched", "quote R", "message R"]
_PRED_HEAD = ["predicted type", "predicted", "matched", "quote P"]


def _plain(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(head), "  ".join("-" * w for w in widths), *map(fmt, rows)])


def _markdown(head: list[str], rows: list[list[str]]) -> str:
    line = lambda r: "| " + " | ".join(c.replace("|", "\\|") for c in r) + " |"
    align = "|" + "|".join([":---"] + ["---:"] * (len(head) - 1)) + "|"
    return "\n".join([line(head), align, *map(line, rows)])


def _tables(scores: EvalScores, render: Callable[[list[str], list[list[str]]], str]) -> list[str]:
    parts = [render(_SCORE_HEAD, _score_rows(scores))]
    if scores.gold_types:
        parts.append(render(_TYPE_HEAD, _type_rows(scores)))
    if scores.pred_types:
        parts.append(render(_PRED_HEAD, _pred_type_rows(scores)))
    return parts


def _summary_line(scores: EvalScores) -> str:
    line = f"{scores.documents} documents"
    if scores.skipped:
        line += f", {len(scores.skipped)} gold files skipped"
    if scores.errors:
        line += f", {len(scores.errors)} extraction errors"
    return line


def format_table(scores: EvalScores) -> str:
    """The scores as plain-text tables (percentages, one decimal)."""
    return "\n\n".join([_summary_line(scores), *_tables(scores, _plain)]) + "\n"


def format_markdown(scores: EvalScores) -> str:
    """The scores as Markdown tables."""
    return "\n\n".join([f"**{_summary_line(scores)}**", *_tables(scores, _markdown)]) + "\n"


# ---------------------------------------------------------------------------
# Misses and false alarms report
# ---------------------------------------------------------------------------

ParseFn = Callable[[str], "ParsedDoc"]


def compact_parse(doc: "ParsedDoc", spans: Sequence[tuple[int, int]]) -> list[str]:
    """The parsed sentences that the spans touch, one line each.

    Each word reads ``id:word/UPOS/deprel->head`` (head 0 is the root).
    """
    if not spans:
        return []
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    lines = []
    for sent in doc.sentences:
        if sent.start < hi and lo < sent.end or (lo == hi and sent.start <= lo < sent.end):
            lines.append(" ".join(f"{w.id}:{w.text}/{w.upos}/{w.deprel}->{w.head}" for w in sent.words))
    return lines


@dataclass
class _Entry:
    """One report item, format-neutral: a title and label/value lines."""

    title: str
    fields: list[tuple[str, str]]
    parse: list[str]


def _gold_entry(d: DocumentDetail, g: GoldQuote) -> _Entry:
    fields = [("type", g.type), ("quote", g.texts["message"]), ("speaker", g.texts["speaker"] or "—"),
              ("cue", g.texts["cue"] or "—"), ("sentence", d.gold.sentence_text(g.spans))]
    return _Entry(f"MISS gold #{g.index} ({g.type})", fields, [])


def _pred_entry(d: DocumentDetail, q: PredQuote) -> _Entry:
    fields = [("rule", q.rule), ("type", q.type), ("quote", q.texts["message"]),
              ("speaker", q.texts["speaker"] or "—"), ("cue", q.texts["cue"] or "—"),
              ("sentence", d.gold.sentence_text(q.spans))]
    return _Entry(f"FALSE ALARM pred #{q.index} ({q.type}, {q.rule})", fields, [])


def _token_runs(gold: GoldDocument, ids: Iterable[int]) -> str:
    """Contiguous runs of token ids as text pieces joined by ' … '."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return " … ".join(gold.text[gold.token_begins[a]:gold.token_ends[b]] for a, b in runs)


def _partial_entry(d: DocumentDetail, pair: Pair) -> _Entry:
    g, q = d.gold.quotes[pair.gold], d.preds[pair.pred]
    status = "match" if pair.matched else "below 0.5, no quote-level match"
    fields = [("message F1", f"{pair.f1:.2f} ({status})"), ("types", f"gold {g.type} / predicted {q.type}"),
              ("rule", q.rule)]
    for role in ROLES:
        gs, ps = getattr(g, role), getattr(q, role)
        if gs == ps:
            continue
        fields += [(f"gold {role}", g.texts[role] or "—"), (f"pred {role}", q.texts[role] or "—")]
        if gs - ps:
            fields.append((f"  {role} missing", _token_runs(d.gold, gs - ps)))
        if ps - gs:
            fields.append((f"  {role} extra", _token_runs(d.gold, ps - gs)))
    return _Entry(f"PARTIAL gold #{g.index} ~ pred #{q.index}", fields, [])


def _document_entries(d: DocumentDetail, parse: Optional[ParseFn]) -> list[_Entry]:
    entries: list[_Entry] = []
    doc = parse(d.gold.text) if parse and (d.missed or d.false_alarms) else None
    for g in d.missed:
        e = _gold_entry(d, g)
        e.parse = compact_parse(doc, g.spans) if doc else []
        entries.append(e)
    for q in d.false_alarms:
        e = _pred_entry(d, q)
        e.parse = compact_parse(doc, q.spans) if doc else []
        entries.append(e)
    entries.extend(_partial_entry(d, p) for p in d.partial)
    return entries


def _doc_heading(d: DocumentDetail) -> str:
    c = d.roles["message"]
    head = (f"{d.id} — {d.gold.name} (gold {len(d.gold.quotes)}, predicted {len(d.preds)}, "
            f"message P/R/F1 {c.precision:.0f}/{c.recall:.0f}/{c.f1:.0f})")
    return head + (f" — extraction error: {d.error}" if d.error else "")


def _md_entries(entries: list[_Entry]) -> list[str]:
    out = []
    for e in entries:
        out.append(f"### {e.title}\n")
        out += [f"- **{k.strip()}**: {v}" for k, v in e.fields]
        if e.parse:
            out += ["", "~~~~", *e.parse, "~~~~"]
        out.append("")
    return out


def _report_markdown(scores: EvalScores, docs: list[tuple[DocumentDetail, list[_Entry]]]) -> str:
    out = ["# quotes eval: misses and false alarms", "", format_markdown(scores)]
    for d, entries in docs:
        out += [f"## {_doc_heading(d)}", "", *_md_entries(entries)]
    return "\n".join(out) + "\n"


_CSS = ("body{font-family:sans-serif;max-width:70em;margin:auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px}pre{background:#f4f4f4;white-space:pre-wrap}"
        ".MISS{color:#a00}.FALSE{color:#a60}.PARTIAL{color:#06a}dt{font-weight:bold}")


def _html_table(head: list[str], rows: list[list[str]]) -> str:
    esc = html.escape
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{th}</tr>{trs}</table>"


def _html_entry(e: _Entry) -> str:
    esc = html.escape
    kind = e.title.split()[0]
    fields = "".join(f"<dt>{esc(k.strip())}</dt><dd>{esc(v)}</dd>" for k, v in e.fields)
    parse = f"<pre>{esc(chr(10).join(e.parse))}</pre>" if e.parse else ""
    return f'<h3 class="{esc(kind)}">{esc(e.title)}</h3><dl>{fields}</dl>{parse}'


def _report_html(scores: EvalScores, docs: list[tuple[DocumentDetail, list[_Entry]]]) -> str:
    esc = html.escape
    parts = ['<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">',
             f"<title>quotes eval report</title><style>{_CSS}</style></head><body>",
             "<h1>quotes eval: misses and false alarms</h1>", f"<p>{esc(_summary_line(scores))}</p>",
             *_tables(scores, _html_table)]
    for d, entries in docs:
        parts.append(f"<h2>{esc(_doc_heading(d))}</h2>")
        parts += [_html_entry(e) for e in entries]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def render_report(
    scores: EvalScores, details: Sequence[DocumentDetail], fmt: str = "markdown", parse: Optional[ParseFn] = None
) -> str:
    """List, per document, misses, false alarms and partial pairs.

    Args:
        scores: the corpus scores (shown on top).
        details: per-document details from :func:`score_documents`.
        fmt: ``"markdown"`` or ``"html"`` (text is escaped).
        parse: text -> parsed document (e.g. ``lambda t: ex.parse_many([t])[0]``);
            when given, each miss and false alarm shows the dependency parse of
            its sentences as ``id:word/UPOS/deprel->head``.

    Returns:
        The report text.
    """
    if fmt not in ("markdown", "html"):
        raise ValueError(f"unknown report format {fmt!r}")
    docs = []
    for d in details:
        entries = _document_entries(d, parse)
        if entries or d.error:
            docs.append((d, entries))
    return _report_html(scores, docs) if fmt == "html" else _report_markdown(scores, docs)


def write_report(
    path: Union[str, os.PathLike], scores: EvalScores, details: Sequence[DocumentDetail],
    parse: Optional[ParseFn] = None,
) -> None:
    """Write :func:`render_report` to ``path``: HTML for ``*.html``/``*.htm``, else Markdown."""
    fmt = "html" if str(path).lower().endswith((".html", ".htm")) else "markdown"
    Path(path).write_text(render_report(scores, details, fmt, parse), encoding="utf-8")

"""Token counts and the corpus-level scores built from them.

:class:`Counts` holds true positives, false positives and false negatives
and derives precision, recall and F1 in percent; :class:`EvalScores` holds
one :class:`Counts` per role, the quote-level counts and the breakdown by type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

from .gold import GOLD_TYPES
from .roles import ROLES


def pct(num: int, den: int) -> float:
    """``num / den`` in percent; 0 when ``den`` is 0."""
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
        """TP / (TP + FP) in percent."""
        return pct(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """TP / (TP + FN) in percent."""
        return pct(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall, in percent."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        """The counts and P/R/F1 rounded to two decimals, JSON-ready."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 2),
                "recall": round(self.recall, 2), "f1": round(self.f1, 2)}


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
        return pct(self.matched, self.gold)

    def to_dict(self) -> dict[str, Any]:
        """The numbers, JSON-ready."""
        return {"gold": self.gold, "matched": self.matched, "recall": round(self.recall, 2),
                "message_recall": round(self.message.recall, 2),
                "message_tp": self.message.tp, "message_fn": self.message.fn}


def ordered_types(types: Mapping[str, TypeScore]) -> list[tuple[str, TypeScore]]:
    """The gold types in the corpus's order (:data:`GOLD_TYPES`), unknown ones after them by name."""
    known = [(t, types[t]) for t in GOLD_TYPES if t in types]
    return known + sorted((t, s) for t, s in types.items() if t not in GOLD_TYPES)


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
        """Token counts of the quote content."""
        return self.roles["message"]

    @property
    def speaker(self) -> Counts:
        """Token counts of the speaker mention."""
        return self.roles["speaker"]

    @property
    def cue(self) -> Counts:
        """Token counts of the cue."""
        return self.roles["cue"]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "documents": self.documents,
            **{r: c.to_dict() for r, c in self.roles.items()},
            "joint": self.joint.to_dict(),
            "quotes": self.quotes.to_dict(),
            "gold_types": {t: s.to_dict() for t, s in ordered_types(self.gold_types)},
            "pred_types": {t: {"predicted": n, "matched": m} for t, (n, m) in sorted(self.pred_types.items())},
            "confusion": dict(sorted(self.confusion.items())),
            "skipped": [{"file": f, "problem": p} for f, p in self.skipped],
            "errors": [{"id": i, "message": m} for i, m in self.errors],
        }

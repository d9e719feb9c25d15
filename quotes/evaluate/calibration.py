"""Is a record's ``confidence`` what it says? Per-rule precision and a calibration table.

A record is **right** when its quotation pairs with a gold annotation at message token-overlap F1 ≥ 0.5
and its speaker is right: overlapping the gold speaker, or none where the gold has none. Every record
counts once here (a relayed quotation is one record). The calibration table puts records into
confidence bins and sets each bin's mean confidence against the share of right records in it; the
expected calibration error (ECE) is the record-weighted mean gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

from .gold import GoldDocument
from .scoring import DocumentDetail, score_document

RIGHT_F1 = 0.5
"""Message overlap F1 from which a record is the gold quotation (the quote-level match of ``quotes eval``)."""
BINS = 10
HIGH = 0.9
"""The confidence a newsroom filters on for near-certain attributions."""


def record_rightness(detail: DocumentDetail) -> list[bool]:
    """For each record of a one-per-record ``detail`` (``relayed_twice=False``), whether it is right."""
    gold = detail.gold
    right = [False] * len(detail.preds)
    for pair in detail.pairs:
        if pair.f1 < RIGHT_F1:
            continue
        g, p = gold.quotes[pair.gold].speaker, detail.preds[pair.pred].speaker
        right[pair.pred] = bool(g & p) or (not g and not p)
    return right


@dataclass
class Calibration:
    """Records with their confidence, rule and rightness, and the figures read from them."""

    confidence: list[float] = field(default_factory=list)
    right: list[bool] = field(default_factory=list)
    rule: list[str] = field(default_factory=list)

    def add(self, gold: GoldDocument, result) -> None:
        """Score the records of one document."""
        detail = score_document(gold, result, relayed_twice=False)
        for q, ok in zip(result.quotes, record_rightness(detail)):
            self.confidence.append(float(q.confidence))
            self.right.append(ok)
            self.rule.append(q.rule)

    @property
    def n(self) -> int:
        return len(self.right)

    def bins(self, k: int = BINS) -> list[tuple[float, float, int, Optional[float], Optional[float]]]:
        """``(low, high, records, mean confidence, precision)`` for ``k`` equal-width bins."""
        out = []
        for b in range(k):
            lo, hi = b / k, (b + 1) / k
            idx = [i for i, c in enumerate(self.confidence) if lo <= c < hi or (b == k - 1 and c >= 1.0)]
            mean = sum(self.confidence[i] for i in idx) / len(idx) if idx else None
            prec = sum(self.right[i] for i in idx) / len(idx) if idx else None
            out.append((lo, hi, len(idx), mean, prec))
        return out

    @property
    def ece(self) -> float:
        """Expected calibration error over :data:`BINS` bins."""
        if not self.n:
            return 0.0
        return sum(n / self.n * abs(mean - prec) for _, _, n, mean, prec in self.bins() if n)

    def at_least(self, threshold: float = HIGH) -> tuple[int, Optional[float]]:
        """Records with confidence ≥ ``threshold`` and their precision."""
        idx = [i for i, c in enumerate(self.confidence) if c >= threshold]
        return len(idx), (sum(self.right[i] for i in idx) / len(idx) if idx else None)

    def by_rule(self) -> list[tuple[str, int, float, float]]:
        """``(rule, records, precision, mean confidence)``, most records first."""
        rules: dict[str, list[int]] = {}
        for i, r in enumerate(self.rule):
            rules.setdefault(r, []).append(i)
        rows = [(r, len(ix), sum(self.right[i] for i in ix) / len(ix), sum(self.confidence[i] for i in ix) / len(ix))
                for r, ix in rules.items()]
        return sorted(rows, key=lambda t: (-t[1], t[0]))

    def to_dict(self) -> dict:
        high, high_prec = self.at_least()
        return {
            "records": self.n, "right": round(sum(self.right) / self.n, 4) if self.n else None,
            "ece": round(self.ece, 4), "at_0.9": {"records": high, "share": round(high / self.n, 4) if self.n else None,
                                                  "precision": None if high_prec is None else round(high_prec, 4)},
            "bins": [{"from": lo, "to": hi, "records": n, "mean_confidence": None if m is None else round(m, 4),
                      "precision": None if p is None else round(p, 4)} for lo, hi, n, m, p in self.bins()],
            "rules": [{"rule": r, "records": n, "precision": round(p, 4), "mean_confidence": round(c, 4)}
                      for r, n, p, c in self.by_rule()],
        }


def calibrate(pairs: Iterable[tuple[GoldDocument, object]]) -> Calibration:
    """A :class:`Calibration` over (gold, result) pairs; documents without a result are left out."""
    cal = Calibration()
    for gold, result in pairs:
        if result is not None:
            cal.add(gold, result)
    return cal


def _pct(x: Optional[float]) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


def tables(cal: Calibration) -> tuple[tuple[list[str], list[list[str]]], tuple[list[str], list[list[str]]]]:
    """(header, rows) of the per-rule table and of the calibration table."""
    rule_rows = [[r, str(n), _pct(p), f"{c:.2f}"] for r, n, p, c in cal.by_rule()]
    cal_rows = [[f"{lo:.1f}–{hi:.1f}", str(n), "–" if m is None else f"{m:.2f}", _pct(p)]
                for lo, hi, n, m, p in cal.bins() if n]
    return ((["rule", "records", "right %", "mean conf."], rule_rows),
            (["confidence", "records", "mean conf.", "right %"], cal_rows))


def summary(cal: Calibration) -> str:
    """One line: ECE and the records at confidence ≥ 0.9."""
    high, prec = cal.at_least()
    share = high / cal.n if cal.n else 0.0
    return (f"confidence: ECE {cal.ece:.3f} over {cal.n} records; {high} records ({100 * share:.1f} %) at ≥ {HIGH}, "
            f"{_pct(prec)} % of them right")

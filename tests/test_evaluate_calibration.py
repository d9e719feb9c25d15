"""Per-rule precision and the calibration table of ``quotes eval``: what counts as a right record."""

from __future__ import annotations

import pytest

from quotes.evaluate.calibration import Calibration, calibrate, record_rightness, summary, tables
from quotes.evaluate import score_document

from test_evaluate import MEANT, SAID, gold_doc, pred, result


def _conf(q, c):
    q.confidence = c
    return q


@pytest.mark.parametrize("quote, speaker, right", [
    ([4, 5, 6, 7], [0], True),       # found, speaker right
    ([4, 5, 6], [0], True),          # message F1 0.86: still the gold quotation
    ([4, 5, 6, 7], [9], False),      # wrong speaker
    ([4, 5, 6, 7], None, False),     # speaker missing where the gold has one
    ([7], [0], False),               # message F1 0.4: not the gold quotation
    ([15, 16], [0], False),          # no gold quotation there
])
def test_a_record_is_right_when_its_quotation_and_speaker_are(quote, speaker, right):
    detail = score_document(gold_doc([SAID]), result([pred(quote, speaker)]), relayed_twice=False)
    assert record_rightness(detail) == [right]


def test_no_speaker_is_right_where_the_gold_has_none():
    anonymous = {**SAID, "speaker": []}
    detail = score_document(gold_doc([anonymous]), result([pred([4, 5, 6, 7])]), relayed_twice=False)
    assert record_rightness(detail) == [True]


def test_calibration_bins_precision_by_rule_and_ece():
    gold = gold_doc([SAID, MEANT])
    quotes = [_conf(pred([4, 5, 6, 7], [0], rule="a.x", n=1), 0.95),   # right
              _conf(pred([12, 13], [0], rule="b.y", n=2), 0.95),       # wrong speaker
              _conf(pred([15, 16], [0], rule="b.y", n=3), 0.15)]       # false alarm
    cal = calibrate([(gold, result(quotes))])
    assert cal.n == 3 and cal.right == [True, False, False]
    assert cal.at_least(0.9) == (2, 0.5)
    assert cal.by_rule() == [("b.y", 2, 0.0, pytest.approx(0.55)), ("a.x", 1, 1.0, pytest.approx(0.95))]
    # bins: 0.1–0.2 holds 0.15 with precision 0; 0.9–1.0 holds two at 0.95 with precision 0.5
    assert cal.ece == pytest.approx(1 / 3 * 0.15 + 2 / 3 * 0.45)
    rules, bins = tables(cal)
    assert rules[1] == [["b.y", "2", "0.0", "0.55"], ["a.x", "1", "100.0", "0.95"]]
    assert bins[1] == [["0.1–0.2", "1", "0.15", "0.0"], ["0.9–1.0", "2", "0.95", "50.0"]]
    assert "2 records (66.7 %) at ≥ 0.9, 50.0 % of them right" in summary(cal)
    assert cal.to_dict()["at_0.9"] == {"records": 2, "share": 0.6667, "precision": 0.5}


def test_an_empty_calibration_says_nothing_wrong():
    cal = Calibration()
    assert cal.ece == 0.0 and cal.at_least() == (0, None) and cal.to_dict()["records"] == 0

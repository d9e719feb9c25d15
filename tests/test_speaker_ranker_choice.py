"""The speaker ranker in the choice of the speaker: the override rule, the threshold's cross-validation tie
rule, and the threshold stored in the model file."""

from __future__ import annotations

import pytest

from quotes.learn.model import LinearModel
from quotes.learn.speaker_choice import choose_speakers, decide
from quotes.learn.train import better_threshold

RULE = (10, 20)
OTHER = (30, 40)
THIRD = (50, 60)


# (rules' span, (span, probability) of the candidates, threshold, expected span)
DECISIONS = [
    # the rules found nobody: the best candidate must clear the threshold and beat "nobody"
    (None, [(None, 0.2), (OTHER, 0.7)], 0.6, OTHER),
    (None, [(None, 0.2), (OTHER, 0.5)], 0.6, None),
    (None, [(None, 0.8), (OTHER, 0.7)], 0.6, None),
    (None, [(None, 0.1), (OTHER, 0.65), (THIRD, 0.9)], 0.6, THIRD),
    (None, [(None, 0.9)], 0.6, None),
    # the rules chose: another candidate must clear the threshold and beat the rules' choice
    (RULE, [(None, 0.1), (RULE, 0.3), (OTHER, 0.8)], 0.6, OTHER),
    (RULE, [(None, 0.1), (RULE, 0.9), (OTHER, 0.8)], 0.6, RULE),
    (RULE, [(None, 0.1), (RULE, 0.3), (OTHER, 0.55)], 0.6, RULE),
    # the ranker never takes the speaker away ("nobody" is no override)
    (RULE, [(None, 0.95), (RULE, 0.2), (OTHER, 0.3)], 0.6, RULE),
    # at the threshold exactly, the candidate is taken
    (None, [(None, 0.1), (OTHER, 0.6)], 0.6, OTHER),
]


@pytest.mark.parametrize("rule, scored, threshold, expected", DECISIONS)
def test_the_ranker_overrides_the_rules_only_above_its_threshold(rule, scored, threshold, expected):
    assert decide(rule, scored, threshold) == expected


# (F1 at the threshold, best F1 so far, the rules' F1, a threshold chosen already, replaces the best)
@pytest.mark.parametrize("f1, best, rules, has_best, better", [
    (67.0, 66.7, 66.7, False, True),   # a threshold beats the rules' speakers by the margin
    (66.7, 66.7, 66.7, False, False),  # a tie with the rules keeps the rules
    (66.75, 66.7, 66.7, False, False),  # a gain below the margin is noise
    (67.2, 67.2, 66.7, True, True),    # a tie between thresholds goes to the higher one (tried later)
    (67.1, 67.2, 66.7, True, False),
])
def test_cross_validation_keeps_the_rules_unless_a_threshold_is_clearly_better(f1, best, rules, has_best, better):
    assert better_threshold(f1, best, rules, has_best, min_gain=0.3) is better


def test_a_ranker_without_threshold_leaves_the_rules_alone():
    located = [object()]
    ranker = LinearModel("speaker_ranker", {"cand": 5.0}, 0.0)
    assert choose_speakers(None, [], located, ranker) is located  # type: ignore[arg-type]
    assert choose_speakers(None, [], located, None) is located  # type: ignore[arg-type]


def test_the_threshold_travels_in_the_model_file(tmp_path):
    ranker = LinearModel("speaker_ranker", {"cand": 0.5}, -1.0, threshold=0.7)
    ranker.save(tmp_path / "r.json")
    assert LinearModel.load(tmp_path / "r.json").threshold == 0.7

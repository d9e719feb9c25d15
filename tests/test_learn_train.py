"""``quotes train`` end to end on a few gold articles: deterministic JSON models with their provenance."""

from __future__ import annotations

import pytest

from quotes.cli import main
from quotes.learn.model import LinearModel
from quotes.learn.train import calibration, folds

pytestmark = [pytest.mark.model, pytest.mark.corpus]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, corpus_dir, model_dir, extractor):
    """Two trainings on the same eight articles (the second reuses the first's parses)."""
    pytest.importorskip("sklearn")
    cache = tmp_path_factory.mktemp("cache")
    outs = []
    for n in range(2):
        out = tmp_path_factory.mktemp(f"models{n}")
        code = main(["train", str(corpus_dir / "train"), "--limit", "8", "--folds", "2", "--out", str(out),
                     "--cache", str(cache), "--model-dir", str(model_dir), "--offline"])
        assert code == 0
        outs.append(out)
    return outs


def test_training_writes_loadable_models_with_provenance(trained):
    for name in ("quote_gate", "speaker_ranker", "confidence"):
        model = LinearModel.load(trained[0] / f"{name}.json")
        # on eight articles the gate may see no new quotation: then it is a constant (weights empty)
        assert model.name == name and (model.weights or name == "quote_gate")
        prov = model.provenance
        assert prov["seed"] == 13 and "news-quotes-de train split (8 articles)" == prov["data"]
        assert "CC BY-NC-SA 4.0" in prov["licence"] and prov["command"].startswith("quotes train")
        assert prov["metrics"]["cross_validated_confidence"]["records"] > 0
    gate = LinearModel.load(trained[0] / "quote_gate.json")
    metrics = gate.provenance["metrics"]
    assert gate.threshold is not None and metrics["gate_threshold"] in (None, gate.threshold)
    assert "rules only" in metrics["gate_thresholds_tried"]
    for role in ("message", "speaker", "joint"):
        assert set(metrics["cross_validated_extraction"][role]) == {"p", "r", "f1"}


def test_training_is_deterministic(trained):
    for name in ("quote_gate", "speaker_ranker", "confidence"):
        first = (trained[0] / f"{name}.json").read_bytes()
        second = (trained[1] / f"{name}.json").read_bytes()
        assert first == second, f"{name}.json differs between two trainings"


def test_train_rejects_too_few_articles_with_a_clear_message(corpus_dir, model_dir, tmp_path, capsys):
    code = main(["train", str(corpus_dir / "train"), "--limit", "2", "--folds", "5", "--out", str(tmp_path),
                 "--model-dir", str(model_dir), "--offline"])
    assert code != 0
    assert "fewer than --folds 5" in capsys.readouterr().err


def test_folds_split_by_article_and_are_seeded():
    ids = [f"a{i}" for i in range(23)]
    parts = folds(ids, 5)
    assert sorted(i for p in parts for i in p) == sorted(ids)
    assert all(4 <= len(p) <= 5 for p in parts)
    assert parts == folds(list(reversed(ids)), 5), "the order of the input does not matter"


@pytest.mark.parametrize("probs, rights, ece", [
    ([0.9] * 10, [1] * 9 + [0], 0.0),
    ([1.0] * 4, [1, 1, 0, 0], 0.5),
    ([0.25, 0.75], [0, 1], 0.25),
])
def test_calibration_error_is_the_weighted_gap_between_confidence_and_precision(probs, rights, ece):
    assert calibration(probs, rights)["ece"] == pytest.approx(ece)

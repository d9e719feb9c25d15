"""The JSON model files of the learned layer: round trip, checksum, and clear errors for bad files."""

from __future__ import annotations

import json

import pytest

from quotes.learn.model import LinearModel, ModelFileError, packaged, packaged_path


def _model() -> LinearModel:
    return LinearModel("toy", {"a": 1.5, "b": -2.0}, 0.25, {"seed": 13})


def test_round_trip_keeps_weights_and_probabilities(tmp_path):
    path = tmp_path / "m.json"
    _model().save(path)
    back = LinearModel.load(path)
    assert back.weights == {"a": 1.5, "b": -2.0} and back.intercept == 0.25
    assert back.probability({"a": 1.0}) == pytest.approx(1 / (1 + 2.718281828 ** -1.75), rel=1e-6)
    assert back.probability({}) == pytest.approx(1 / (1 + 2.718281828 ** -0.25), rel=1e-6)
    assert back.provenance == {"seed": 13}


def test_probability_is_stable_for_large_scores():
    m = LinearModel("big", {"x": 1000.0}, 0.0)
    assert m.probability({"x": 1.0}) == 1.0
    assert m.probability({"x": -1.0}) == 0.0


@pytest.mark.parametrize("edit, message", [
    (lambda d: d["weights"].__setitem__(0, 9.0), "checksum mismatch"),
    (lambda d: d.__setitem__("intercept", 3.0), "checksum mismatch"),
    (lambda d: d["features"].append("c"), "malformed"),
    (lambda d: d.__setitem__("format", "pickle"), "not a quotes-linear-model"),
    (lambda d: d.__setitem__("version", 99), "version 99"),
    (lambda d: d["weights"].__setitem__(0, "1"), "malformed"),
])
def test_tampered_model_file_gives_a_clear_error(tmp_path, edit, message):
    path = tmp_path / "m.json"
    _model().save(path)
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    with pytest.raises(ModelFileError, match=message):
        LinearModel.load(path)


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", "\x00\x01"])
def test_unreadable_model_file_gives_a_clear_error(tmp_path, content):
    path = tmp_path / "m.json"
    path.write_text(content)
    with pytest.raises(ModelFileError):
        LinearModel.load(path)


def test_missing_model_file_gives_a_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match="cannot read"):
        LinearModel.load(tmp_path / "absent.json")


@pytest.mark.parametrize("name", ["quote_gate", "speaker_ranker", "confidence"])
def test_packaged_models_load_and_state_their_provenance(name):
    assert packaged_path(name).exists(), f"the package ships {name}.json (train it with `quotes train`)"
    model = packaged(name)
    assert model is not None and model.weights
    prov = model.provenance
    assert prov["seed"] == 13 and "news-quotes-de" in prov["data"] and "CC BY-NC-SA 4.0" in prov["licence"]
    assert prov["command"].startswith("quotes train")


def test_packaged_confidence_model_reads_the_record_features():
    """The confidence model was trained on both feature groups of :mod:`quotes.learn.confidence`."""
    weights = packaged("confidence").weights
    for prefix in ("rule=", "speaker_p", "kind=", "content_verbs=", "records_in_sentence=", "root_upos="):
        assert any(name.startswith(prefix) for name in weights), f"no weight for {prefix}… features: retrain"

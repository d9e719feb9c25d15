"""The quote gate: tentative candidates of the rule families, their features, and the engine's keep/drop
decision (gold UD trees; end to end with the compact model and the packaged gate)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotes.doc import from_conllu
from quotes.engine import extract_from_parsed
from quotes.learn.gate import MODEL_NAME, QuoteGate, Recorder, features, packaged_gate
from quotes.learn.model import LinearModel, ModelFileError, packaged
from quotes.rules.base import Context

FIXTURE = Path(__file__).parent / "data" / "ud" / "gold_trees.conllu"
BLOCKS = {m.group(1): b for b in FIXTURE.read_text(encoding="utf-8").strip().split("\n\n")
          for m in [re.search(r"^# sent_id = (\S+)$", b, re.M)] if m}


def _recorded(sent_id: str):
    doc = from_conllu(BLOCKS[sent_id])
    recorder = Recorder()
    result = extract_from_parsed(doc, "t", learned=False, gate=recorder)
    return doc, result, recorder.seen


@pytest.mark.parametrize("sent_id, rule, reasons, subject, cue", [
    # "Ich möchte hiermit alle warnen.": a speech act whose subject is "ich" (mostly inside quotations)
    ("dev-s411", "reported.speech_act", {"subject:ich"}, "pron:ich", "warnen"),
    # "Das Urteil soll am Donnerstag verkündet werden.": a passive speech act without subject …
    ("dev-s547", "reported.speech_act", {"verb:unlisted", "subject:none"}, "none", "verkünden"),
    # … and hearsay "sollen" with a passive infinitive, as often a plan as a report
    ("dev-s547", "free_indirect.hearsay", {"hearsay:perfect"}, "none", "-"),
])
def test_tentative_candidates_name_their_reasons_and_features(sent_id, rule, reasons, subject, cue):
    _, result, seen = _recorded(sent_id)
    assert not result.quotes, "the rules alone keep no tentative candidate"
    feats = next(f for f, _, r in seen if r == rule)
    assert {k.split("=", 1)[1] for k in feats if k.startswith("reason=")} == reasons
    assert feats[f"subject={subject}"] == 1.0 and feats[f"cue={cue}"] == 1.0
    assert feats[f"rule={rule}"] == 1.0 and feats["bias"] == 1.0


def test_hearsay_features_see_sollen_and_no_konjunktiv():
    _, _, seen = _recorded("dev-s547")
    feats = next(f for f, _, r in seen if r == "free_indirect.hearsay")
    assert feats.get("sollen") == 1.0 and "konjunktiv1" not in feats
    assert feats["sollen&reason_kind=hearsay"] == 1.0
    assert feats["quote_before=none"] == 1.0 and feats["sentences=1"] == 1.0


def test_a_firm_quote_nearby_is_a_feature():
    doc = from_conllu(BLOCKS["dev-s602"] + "\n\n" + BLOCKS["dev-s411"])
    recorder = Recorder()
    result = extract_from_parsed(doc, "t", learned=False, gate=recorder)
    assert result.quotes, "the Hamas sentence is a firm quotation"
    feats = next(f for f, _, r in recorder.seen if r == "reported.speech_act")
    assert feats["quote_before=1"] == 1.0 and feats["quote_after=none"] == 1.0
    assert feats["quote_before=1&reason_kind=subject"] == 1.0


def test_the_engine_keeps_what_the_gate_keeps_with_its_probability_in_the_evidence():
    doc = from_conllu(BLOCKS["dev-s411"])
    kept = extract_from_parsed(doc, "t", learned=False, gate=lambda ctx, cand, others: 0.73)
    assert [q.rule for q in kept.quotes] == ["reported.speech_act"]
    q = kept.quotes[0]
    assert q.content[0].text == "Ich möchte hiermit alle warnen."
    assert "tentative:subject:ich" in q.evidence and "gate:0.73" in q.evidence
    dropped = extract_from_parsed(doc, "t", learned=False, gate=lambda ctx, cand, others: None)
    assert not dropped.quotes


def test_a_tentative_candidate_that_overlaps_a_firm_one_is_not_asked_about():
    doc = from_conllu(BLOCKS["dev-s602"])
    asked = []
    base = extract_from_parsed(doc, "t", learned=False)
    extract_from_parsed(doc, "t", learned=False, gate=lambda ctx, cand, others: asked.append(cand) or 0.99)
    firm = [(s.start, s.end) for q in base.quotes for s in q.content]
    assert all(not any(a < e and s < b for s, e in firm for a, b in c.spans) for c in asked)


def test_without_the_learned_layer_the_output_is_the_rules_alone():
    for sent_id in ("dev-s411", "dev-s547", "dev-s602"):
        doc = from_conllu(BLOCKS[sent_id])
        plain = extract_from_parsed(doc, "t", learned=False)
        recorded = extract_from_parsed(doc, "t", learned=False, gate=Recorder())
        assert plain.model_dump() == recorded.model_dump()


def test_the_packaged_gate_states_its_threshold_and_provenance():
    model = packaged(MODEL_NAME)
    assert model is not None and model.threshold is not None and 0.0 <= model.threshold <= 1.0
    prov = model.provenance
    assert prov["seed"] == 13 and "CC BY-NC-SA 4.0" in prov["licence"]
    metrics = prov["metrics"]
    assert metrics["gate_threshold"] in (None, model.threshold)
    assert {"message", "speaker", "joint", "quote_precision_by_type"} <= set(metrics["cross_validated_extraction"])


def test_gate_model_round_trip_keeps_the_threshold(tmp_path):
    model = LinearModel("quote_gate", {"bias": 0.5, "reason=subject:none": -1.25}, -0.3, {"seed": 13}, 0.45)
    model.save(tmp_path / "g.json")
    back = LinearModel.load(tmp_path / "g.json")
    assert back.threshold == 0.45 and back.weights == model.weights
    gate = QuoteGate(back)
    assert gate.cut == 0.45 and QuoteGate(back, threshold=0.2).cut == 0.2


@pytest.mark.parametrize("threshold, message", [(0.2, "checksum mismatch"), (1.5, "malformed"), ("0.4", "malformed")])
def test_a_tampered_threshold_gives_a_clear_error(tmp_path, threshold, message):
    import json

    path = tmp_path / "g.json"
    LinearModel("quote_gate", {"bias": 0.5}, -0.3, {}, 0.45).save(path)
    data = json.loads(path.read_text())
    data["threshold"] = threshold
    path.write_text(json.dumps(data))
    with pytest.raises(ModelFileError, match=message):
        LinearModel.load(path)


def test_models_without_a_threshold_keep_their_checksum(tmp_path):
    import json

    path = tmp_path / "m.json"
    LinearModel("confidence", {"a": 1.0}, 0.0).save(path)
    assert "threshold" not in json.loads(path.read_text())
    assert LinearModel.load(path).threshold is None


# -- end to end with the compact model and the packaged gate ------------------------------------------

@pytest.mark.model
@pytest.mark.parametrize("text, rule, reason", [
    ("Als die Ministerin den Bahnhof besuchte, forderte sie mehr Personal.", "reported.speech_act", "opener:als"),
    ("Der Bau des neuen Stadions soll im nächsten Jahr beginnen.", "free_indirect.hearsay", "hearsay:present"),
    ("Die Ergebnisse wurden gestern in Berlin bekannt gegeben.", "reported.speech_act", "subject:none"),
])
def test_the_packaged_gate_keeps_a_tentative_candidate_exactly_when_its_probability_reaches_the_threshold(
        parser, text, rule, reason):
    doc = parser.parse(text)
    gate = packaged_gate()
    assert gate is not None
    probs = []

    def asking(ctx: Context, cand, others):
        if reason in cand.tentative:
            probs.append(gate.probability(ctx, cand, others))
        return gate(ctx, cand, others)

    result = extract_from_parsed(doc, "t", gate=asking)
    assert probs, f"the rules propose a tentative {rule} ({reason})"
    kept = [q for q in result.quotes if f"tentative:{reason}" in q.evidence]
    assert bool(kept) == (probs[0] >= gate.cut)
    assert result.model_dump() == extract_from_parsed(doc, "t").model_dump(), "the packaged gate decides alike"
    everything = extract_from_parsed(doc, "t", gate=QuoteGate(gate.model, threshold=0.0))
    q = next(q for q in everything.quotes if f"tentative:{reason}" in q.evidence)
    assert q.rule == rule and f"gate:{probs[0]:.2f}" in q.evidence
    assert all(doc.text[s.start:s.end] == s.text for s in q.content)


def test_a_gate_trained_on_one_class_only_is_a_constant_that_keeps_nothing_at_the_usual_thresholds():
    from quotes.learn.train import fit_gate

    model = fit_gate([({"bias": 1.0, "reason=subject:none": 1.0}, 0, "reported.speech_act")] * 9, threshold=0.5)
    assert model.weights == {} and model.threshold == 0.5
    assert model.probability({"bias": 1.0}) == pytest.approx(1 / 11)

"""Speaker candidates and features of the learned layer, read from gold UD trees (no parser model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotes.doc import from_conllu
from quotes.engine import extract_from_parsed
from quotes.learn import confidence
from quotes.learn.calibrate import previous_lemmas, view_of
from quotes.learn.speaker_features import DocIndex, QuoteView, candidates, features, rule_candidate
from quotes.rules.base import Context

FIXTURE = Path(__file__).parent / "data" / "ud" / "gold_trees.conllu"
BLOCKS = {m.group(1): b for b in FIXTURE.read_text(encoding="utf-8").strip().split("\n\n")
          for m in [re.search(r"^# sent_id = (\S+)$", b, re.M)] if m}


def _one(*sent_ids: str):
    doc = from_conllu("\n\n".join(BLOCKS[s] for s in sent_ids))
    result = extract_from_parsed(doc, "t", learned=False)
    assert result.quotes, "the rules find a quotation in the fixture"
    return doc, result


def _text(doc, span):
    return None if span is None else doc.text[span[0]:span[1]]


@pytest.mark.parametrize("sent_id, speaker, others, relation", [
    # "Der Attentäter Yigal Amir betonte, er habe allein gehandelt."
    ("test-s619", "Der Attentäter Yigal Amir", ["er"], "nsubj"),
    # "Die Hamas warf den Behörden vor, es habe … große Unregelmäßigkeiten gegeben."
    ("dev-s602", "Die Hamas", ["den Behörden"], "nsubj"),
])
def test_candidates_hold_the_rules_choice_the_other_phrases_and_nobody(sent_id, speaker, others, relation):
    doc, result = _one(sent_id)
    index = DocIndex(Context(doc))
    view = view_of(result.quotes[0])
    cands = candidates(index, view)
    texts = [_text(doc, c.span) for c in cands]
    assert texts[0] is None, "nobody is always a candidate"
    ruled = [c for c in cands if c.from_rule]
    assert len(ruled) == 1 and _text(doc, ruled[0].span) == speaker
    for other in others:
        assert other in texts
    assert len(set(texts)) == len(texts), "no phrase twice"
    f = features(index, view, ruled[0])
    assert f["rule_choice"] == 1.0 and f[f"deprel={relation}"] == 1.0 and f["child_of_cue"] == 1.0
    assert f["sdist=0"] == 1.0 and f["before_quote"] == 1.0 and f["left_of_cue"] == 1.0


def test_features_tell_a_subject_from_an_object_of_the_cue():
    doc, result = _one("dev-s602")
    index = DocIndex(Context(doc))
    view = view_of(result.quotes[0])
    by_text = {_text(doc, c.span): c for c in candidates(index, view)}
    obj = features(index, view, by_text["den Behörden"])
    assert "rule_choice" not in obj and obj["other_than_rule"] == 1.0
    assert obj.get("deprel=nsubj") is None and obj["child_of_cue"] == 1.0


def test_nobody_has_its_own_features_by_rule_and_type():
    doc, result = _one("test-s619")
    index = DocIndex(Context(doc))
    view = view_of(result.quotes[0])
    f = features(index, view, candidates(index, view)[0])
    assert f == {"nobody": 1.0, f"nobody&rule={view.rule}": 1.0, f"nobody&type={view.type}": 1.0,
                 "nobody&rules_speaker=True": 1.0}


def test_a_pronoun_candidate_names_its_form_and_a_later_speaker_knows_who_spoke_before():
    doc, result = _one("test-s619")
    index = DocIndex(Context(doc))
    view = view_of(result.quotes[0])
    er = next(c for c in candidates(index, view) if _text(doc, c.span) == "er")
    f = features(index, view, er, previous=["amir"])
    assert f["pron=er"] == 1.0 and f["inside_content"] == 1.0
    again = QuoteView(view.type, view.rule, view.content, view.cue, view.speaker)
    head = rule_candidate(index, again).head
    assert head is not None and features(index, again, rule_candidate(index, again), [head.lem])["last_speaker"] == 1.0


def test_previous_speakers_are_those_of_earlier_quotations_only():
    doc, result = _one("test-s619", "dev-s602")
    index = DocIndex(Context(doc))
    views = [view_of(q) for q in result.quotes]
    prev = previous_lemmas(index, views)
    assert prev[0] == [] and prev[1] and prev[1][0] in ("amir", "attentäter")


def test_confidence_features_describe_the_record():
    doc, result = _one("test-s619")
    q = result.quotes[0]
    f = confidence.features(DocIndex(Context(doc)), view_of(q), q.cue_lemma, 0.8, q.evidence)
    assert f[f"rule={q.rule}"] == 1.0 and f[f"cue={q.cue_lemma}"] == 1.0
    assert f["has_speaker"] == 1.0 and f["speaker_p"] == 0.8 and f["speaker_p=0.8"] == 1.0
    assert f["sentences=1"] == 1.0

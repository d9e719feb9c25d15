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


def _record_features(sent_id: str) -> dict[str, float]:
    doc, result = _one(sent_id)
    return confidence.record_features(DocIndex(Context(doc)), result.quotes[0],
                                      confidence.records_per_sentence(result.quotes)[0])


@pytest.mark.parametrize("sent_id, present, absent", [
    # „Ich liebte die tropischen Farben“, sagt er.  (the tree marks the mood, not VerbForm=Fin)
    ("n01087035", ["kind=pron&rule=direct.frame_after", "kind=pron&type=direct&cue=sagen", "first_person&type=direct",
                   "marks_in_content=2&type=direct", "starts=PUNCT", "mention_words=1", "records_in_sentence=1"],
     ["no_finite&type=direct", "content_konjunktiv&type=direct", "has_descriptor", "mention_comma"]),
    # „Wir stehen im Wettbewerb …“, sagte Joe Sternlieb, Präsident des Georgetown BID.
    ("n01005024", ["kind=name&rule=direct.frame_after", "first_person&type=direct", "has_descriptor", "mention_comma",
                   "mention_words=8", "content_verbs=4"], ["kind=pron&rule=direct.frame_after"]),
    # Sie habe die Tür schnell wieder zugeschlagen, sagte Chrétien.
    ("test-s907", ["kind=name&type=indirect&cue=sagen", "content_konjunktiv&type=indirect", "marks_in_content=0&type=indirect",
                   "starts=PRON", "root_upos=VERB", "sentences=1&type=indirect"],
     ["first_person&type=indirect", "no_finite&type=indirect"]),
    # Laut Parker sind in Großbritannien zahlreiche russische Geheimdienstmitarbeiter aktiv.  (the root is the adjective)
    ("n02027007", ["kind=name&rule=source.laut", "kind=name&type=indirect&cue=laut", "root_upos=ADJ", "starts=AUX"],
     ["content_konjunktiv&type=indirect"]),
])
def test_record_features_read_the_content_the_speaker_mention_and_the_sentence(sent_id, present, absent):
    f = _record_features(sent_id)
    assert [k for k in present if f.get(k) != 1.0] == []
    assert [k for k in absent if k in f] == []


def test_records_sharing_a_sentence_are_counted_and_a_missing_speaker_is_kind_none():
    doc, result = _one("test-s907")
    q = result.quotes[0]
    twin = q.model_copy(update={"id": "q2", "speaker": None})
    other = q.model_copy(update={"id": "q3", "sentences": [q.sentences[0] + 1]})
    assert confidence.records_per_sentence([q, twin, other]) == [2, 2, 1]
    index = DocIndex(Context(doc))
    assert confidence.speaker_kind(index, q) == "name" and confidence.speaker_kind(index, twin) == "none"
    f = confidence.record_features(index, twin, 2)
    assert f["kind=none&rule=indirect.frame_after"] == 1.0 and f["records_in_sentence=2&type=indirect"] == 1.0
    assert not any(k.startswith(("mention_", "has_descriptor", "no_entity")) for k in f)


def test_the_engine_feeds_both_feature_groups_to_the_confidence_model():
    from quotes.learn.calibrate import record_features

    doc, result = _one("test-s907")
    f = record_features(DocIndex(Context(doc)), result.quotes, None)[0]
    assert f["rule=indirect.frame_after"] == 1.0 and f["kind=name&rule=indirect.frame_after"] == 1.0


def _overlap_scan(doc, span):
    """The words overlapping ``span``, by a plain scan of every word of the document."""
    return [w for s in doc.sentences for w in s.words if w.start < span[1] and span[0] < w.end]


@pytest.mark.parametrize("sent_ids", [("test-s619",), ("dev-s602", "test-s619")])
def test_words_in_gives_the_overlapping_words_of_any_span(sent_ids):
    doc = from_conllu("\n\n".join(BLOCKS[s] for s in sent_ids))
    index = DocIndex(Context(doc))
    n = len(doc.text)
    # every span over a few edges: word starts and ends, a character inside a word, both sentence ends
    edges = sorted({0, n} | {w.start for s in doc.sentences for w in s.words}
                   | {w.end for s in doc.sentences for w in s.words} | {doc.sentences[0].words[0].start + 1})
    for a in edges:
        for b in edges:
            if a < b:
                assert index.words_in((a, b)) == _overlap_scan(doc, (a, b)), (a, b)
                assert index.words_in((a, b)) == _overlap_scan(doc, (a, b)), "asked again: the same answer"


def test_words_in_scans_a_sentence_whose_offsets_are_out_of_order():
    doc = from_conllu(BLOCKS["test-s619"])
    words = doc.sentences[0].words
    first, second = words[0], words[1]
    (first.start, first.end), (second.start, second.end) = (second.start, second.end), (first.start, first.end)
    index = DocIndex(Context(doc))
    span = (second.start, second.end)  # the first word of the text, now held by the second word
    assert index.words_in(span) == [second] == _overlap_scan(doc, span)

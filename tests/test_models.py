"""The record types validate what they promise."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker

TEXT = "„Wir kommen“, sagte Müller."


def _quote(**kw):
    base = dict(id="q1", type=QuoteType.DIRECT, content=[Span.of(TEXT, 0, 12)], cue=[Span.of(TEXT, 14, 19)],
                cue_lemma="sagen", speaker=Speaker(mention=Span.of(TEXT, 20, 26), name="Müller"),
                sentences=[0], rule="direct.frame_after", confidence=0.9)
    base.update(kw)
    return Quote(**base)


def test_span_of_takes_the_exact_characters():
    assert Span.of(TEXT, 20, 26).text == "Müller"


@pytest.mark.parametrize("start,end,text", [(5, 3, ""), (0, 3, "ab"), (-1, 2, "abc")])
def test_span_rejects_inconsistent_offsets(start, end, text):
    with pytest.raises(ValidationError):
        Span(start=start, end=end, text=text)


def test_document_accepts_matching_spans():
    doc = DocumentResult(id="d", text=TEXT, quotes=[_quote()])
    assert doc.quotes[0].speaker.name == "Müller"


def test_document_rejects_a_span_that_does_not_match_the_text():
    bad = _quote(cue=[Span(start=14, end=19, text="sagen")])
    with pytest.raises(ValidationError, match="does not match"):
        DocumentResult(id="d", text=TEXT, quotes=[bad])


def test_document_rejects_a_span_past_the_end():
    bad = _quote(content=[Span(start=20, end=40, text="x" * 20)])
    with pytest.raises(ValidationError):
        DocumentResult(id="d", text=TEXT, quotes=[bad])


def test_confidence_is_bounded():
    with pytest.raises(ValidationError):
        _quote(confidence=1.5)


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Span(start=0, end=1, text="„", extra=1)


def test_json_round_trip():
    doc = DocumentResult(id="d", text=TEXT, quotes=[_quote()])
    again = DocumentResult.model_validate(json.loads(doc.model_dump_json()))
    assert again == doc
    assert json.loads(doc.model_dump_json())["quotes"][0]["type"] == "direct"


def test_error_record():
    err = DocumentError(id="x", error="empty", message="The document is empty.")
    assert err.model_dump()["error"] == "empty"


def test_schema_lists_the_quote_types():
    schema = json.dumps(DocumentResult.model_json_schema())
    for t in ("direct", "indirect", "mixed", "reported", "free_indirect"):
        assert t in schema

"""The packaged confidence model end to end (compact Stanza model): what a journalist filtering on
``confidence >= 0.9`` keeps and what they leave out."""

from __future__ import annotations

import pytest

from quotes.evaluate.calibration import HIGH


def _by_content(result) -> dict[str, float]:
    return {q.content[0].text: q.confidence for q in result.quotes}


@pytest.mark.parametrize("text, sure, unsure", [
    # a framed direct quote with a named subject of "sagen" / a frameless quote later in the article
    ("„Wir werden die Gespräche fortsetzen“, sagte Kremlsprecher Dmitri Peskow. Die Lage sei ernst. "
     "„Das wird nicht reichen.“", "„Wir werden die Gespräche fortsetzen“", "„Das wird nicht reichen.“"),
    # indirect speech with Konjunktiv and a named subject / "hieß es": nobody to attribute it to
    ("Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Regierung werde die Hilfen verlängern. "
     "Man müsse jetzt handeln, hieß es.", "die Regierung werde die Hilfen verlängern", "Man müsse jetzt handeln"),
])
def test_a_clear_attribution_is_near_certain_and_a_weak_one_is_not(extractor, text, sure, unsure):
    confidence = _by_content(extractor.extract(text))
    assert confidence[sure] >= HIGH, confidence
    assert confidence[unsure] < HIGH and confidence[unsure] < confidence[sure], confidence

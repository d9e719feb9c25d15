"""Input checks: what is refused, with which error class."""

from __future__ import annotations

import pytest

from quotes.inputs import check_text, decode, looks_german


@pytest.mark.parametrize(
    "text,error",
    [
        ("", "empty"),
        ("  \n\t ", "empty"),
        ("abc\x00def", "binary"),
        ("The quick brown fox jumps over the lazy dog and then it runs away from the farmer.", "not_german"),
        ("Le chat est sur la table et il dort dans la cuisine avec les enfants qui jouent.", "not_german"),
        ("Der Minister sagte, die Lage sei ernst, und die Regierung werde nicht nachgeben.", None),
        ("Ergebnisse: Bayern München – Borussia Dortmund 2:1, Hertha BSC – VfB Stuttgart 0:0, "
         "Werder Bremen – Hamburger SV 3:2, Schalke 04 – 1. FC Köln 1:1", None),
        ("Kurz: „Ja.“", None),
    ],
)
def test_check_text(text, error):
    problem = check_text(text)
    assert (problem[0] if problem else None) == error
    if problem:
        assert problem[1].endswith(".")


def test_decode_reports_bad_bytes():
    assert decode("Grüße".encode("utf-8"))[0] == "Grüße"
    assert decode("\ufeffGrüße".encode("utf-8"))[0] == "Grüße"
    assert decode("Grüße".encode("latin-1"))[1][0] == "encoding"
    assert decode(b"\x00\x01PNG")[1][0] == "binary"


def test_short_texts_pass_the_language_check():
    assert looks_german("Ja, sagte er.")

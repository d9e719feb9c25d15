"""The quotation-mark scanner."""

from __future__ import annotations

import pytest

from quotes.rules.quotemarks import scan


def _inner(text):
    return [text[m.inner_start : m.inner_end] for m in scan(text) if m.depth == 0]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Er sagte: „Wir kommen.“", ["Wir kommen."]),
        ("»Nie wieder«, rief sie.", ["Nie wieder"]),
        ("«Bonjour», sagte er.", ["Bonjour"]),
        ('Er sagte: "Das ist gut."', ["Das ist gut."]),
        ("Sie nannte es „einen ‚großen‘ Fehler“.", ["einen ‚großen‘ Fehler"]),
        ("„Erster Satz. Zweiter Satz.“ Danach nichts.", ["Erster Satz. Zweiter Satz."]),
        ("„Absatz eins.\n\nAbsatz zwei.“", ["Absatz eins.\n\nAbsatz zwei."]),
        ("Merkel's Politik und geht's gut", []),
        ("He said “we are ready” today.", ["we are ready"]),
        ("Ein „offenes Zitat ohne Ende", []),
        # a straight single quote after a word closes an open one; otherwise it is an apostrophe
        ("\n 'Langzeitarbeitslose' dürfen mehr verdienen. Das ist 'gut'.", ["Langzeitarbeitslose", "gut"]),
        ("Jens' Buch und Hans' Haus", []),
    ],
)
def test_scanner(text, expected):
    assert _inner(text) == expected


def test_nested_marks_have_depth():
    text = "„Er sagte ‚nein‘ dazu“"
    marks = scan(text)
    assert [(text[m.start : m.end], m.depth) for m in marks] == [(text, 0), ("‚nein‘", 1)]


def test_offsets_include_the_marks():
    text = "Er rief „Hallo“."
    (m,) = scan(text)
    assert text[m.start : m.end] == "„Hallo“"

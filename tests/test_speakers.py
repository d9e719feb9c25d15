"""Speaker names and descriptors read from the mention; resolution inside a document."""

from __future__ import annotations

import pytest

from quotes.names import source_name, split_name


@pytest.mark.parametrize(
    "mention,name,descriptor",
    [
        ("Kremlsprecher Dmitri Peskow", "Dmitri Peskow", "Kremlsprecher"),
        ("Der Leiter des Amerika-Büros im nordkoreanischen Außenministerium, Kwon Jong Gun",
         "Kwon Jong Gun", "Leiter des Amerika-Büros im nordkoreanischen Außenministerium"),
        ("Frank Biermann, Vorsitzender der DJU", "Frank Biermann", "Vorsitzender der DJU"),
        ("US-Präsident Donald Trump", "Donald Trump", "US-Präsident"),
        ("Ministerin Ursula von der Leyen", "Ursula von der Leyen", "Ministerin"),
        ("der Bürgermeister Müller", "Müller", "Bürgermeister"),
        ("Osama bin Laden", "Osama bin Laden", None),
        ("Nordkorea", "Nordkorea", None),
        ("der Kreml", None, None),
        ("die britische Königin", None, None),
        ("Die Bundesregierung", None, None),
        # a name in an attribute of the role noun is not the speaker's: the spokesman is not Reding
        ("Ein Sprecher der EU-Medienkommissarin Viviane Reding", None, None),
        ("der Sprecher von Bundeskanzlerin Angela Merkel", None, None),
        ("Sprecher der Bundeskanzlerin Steffen Seibert", None, None),
        # the role noun right before the name is the speaker's own
        ("Steffen Seibert, Sprecher der Bundeskanzlerin", "Steffen Seibert", "Sprecher der Bundeskanzlerin"),
        ("Bundeskanzlerin Angela Merkel", "Angela Merkel", "Bundeskanzlerin"),
    ],
)
def test_split_name(mention, name, descriptor):
    assert split_name(mention) == (name, descriptor)


@pytest.mark.parametrize(
    "mention,name",
    [
        ("russischen Medienangaben", "russische Medien"),
        ("Angaben der Polizei", "Polizei"),
        ("Polizeiangaben", "Polizei"),
        ("Regierungsangaben", "Regierung"),
        ("Müller", None),
    ],
)
def test_source_name(mention, name):
    assert source_name(mention) == name


@pytest.mark.parametrize(
    "mention,name",
    [
        ("Angaben eines Armeesprechers", "Armeesprechers"),
        ("Angaben einer Sprecherin", "Sprecherin"),
    ],
)
def test_source_name_after_an_indefinite_genitive(mention, name):
    assert source_name(mention) == name


def test_a_comma_inside_brackets_splits_no_apposition():
    mention = "Patrick Kamanda von der Behörde (National Environment Management Authority, NEMA)"
    name, _ = split_name(mention)
    assert name != "NEMA)"

"""Hearsay "sollen" with a past infinitive after a prefield that holds a relative clause ("Bei einem
Schusswechsel, der am Abend stattfand, soll … getötet worden sein"), and whose it is: end to end with the compact
model."""

from __future__ import annotations

import pytest

from quotes.models import QuoteType

HEARSAY = [
    "Bei einem Schusswechsel, der am Abend stattfand, soll der Anführer der Bande getötet worden sein.",
    "In dem Haus, das seit Jahren leer stand, sollen die Täter ihre Beute versteckt haben.",
]


@pytest.mark.parametrize("text", HEARSAY, ids=[t[:40] for t in HEARSAY])
def test_hearsay_after_relative_clause_in_prefield(extractor, text):
    quotes = extractor.extract(text).quotes
    assert [(q.type, q.content[0].text) for q in quotes] == [(QuoteType.FREE_INDIRECT, text)]


NOT_HEARSAY = [
    # a plan, not hearsay: only a past infinitive makes "sollen" report on its own
    "Die Brücke, die seit Jahren gesperrt ist, soll im Mai abgerissen werden.",
    # the relative clause's verb is no modal and the main clause is indicative
    "Der Täter, der die Bank überfallen hatte, floh mit einem Auto.",
]


@pytest.mark.parametrize("text", NOT_HEARSAY, ids=[t[:40] for t in NOT_HEARSAY])
def test_no_hearsay_without_past_infinitive(extractor, text):
    assert [q.content[0].text for q in extractor.extract(text).quotes] == []


HEARSAY_SPEAKER = [
    # (text, speaker of the hearsay sentence): the subject of the sentence before is mostly what the report is
    # about, not its source …
    ("Der Minister reiste am Montag nach Paris. Dort soll er den Präsidenten getroffen haben.", None),
    # … unless it is a body that reports …
    ("Die Polizei sucht Zeugen. Dort soll der Täter mit einem Auto geflohen sein.", "Die Polizei"),
    # … which still yields to the speaker of a quote just before
    ("Ein Sprecher der Stadt sagte, man suche Zeugen. Die Polizei sperrte die Straße. Dort soll der Täter mit einem "
     "Auto geflohen sein.", "Ein Sprecher der Stadt"),
    # a quotation just before names who reports it
    ("Der Minister reiste nach Angaben der Zeitung am Montag nach Paris. Dort soll er den Präsidenten getroffen "
     "haben.", "Angaben der Zeitung"),
]


@pytest.mark.parametrize("text,speaker", HEARSAY_SPEAKER, ids=[t[1] or "nobody" for t in HEARSAY_SPEAKER])
def test_hearsay_takes_the_speaker_of_a_quote_before_not_the_subject(extractor, text, speaker):
    [quote] = [q for q in extractor.extract(text).quotes if q.content[0].text.startswith("Dort soll")]
    assert (quote.speaker.mention.text if quote.speaker and quote.speaker.mention else None) == speaker

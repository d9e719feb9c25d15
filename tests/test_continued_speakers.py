"""Which quotations take the speaker of the quotation before them (``engine.continue_speakers``), end to end
with the compact model: a quotation without a frame does; one whose frame clause stands beside it and names
nobody does not, unless that frame verb is coordinated with the clause before and shares its subject
("…, und fügt hinzu: „…“") or its clause is in Konjunktiv I, reported itself ("X sei … verpflichtet: „…“"). A frame "auf der Homepage heißt es" names the page. A sentence end stops an
interposed frame."""

from __future__ import annotations

import pytest

BEFORE = "„Das Bild ist stark“, sagte die Kuratorin Anna Weber. "
QUOTE = "„Die Striche wurden wegen ihrer Kraft gewählt.“"

CASES = [
    # (text, speaker of QUOTE)
    (BEFORE + QUOTE, "die Kuratorin Anna Weber"),  # no frame: the speaker goes on
    (BEFORE + "Zur Begründung hieß es dann knapp: " + QUOTE, None),  # a frame that names nobody
    (BEFORE + "Auf der Homepage der Ausstellung heißt es zur Begründung: " + QUOTE, "der Homepage der Ausstellung"),
    ("Die Kuratorin Anna Weber beschreibt es so: „Das Bild ist stark“, und fügt hinzu: " + QUOTE,
     "Die Kuratorin Anna Weber"),
    # a clause in Konjunktiv I before the colon is reported itself: its subject is what is reported on
    (BEFORE + "Die Stadt sei den Sponsoren zu Dank verpflichtet: " + QUOTE, "die Kuratorin Anna Weber"),
]


@pytest.mark.parametrize("text,speaker", CASES, ids=[c[0][-70:-len(QUOTE)] for c in CASES])
def test_speaker_of_the_second_quotation(extractor, text, speaker):
    quotes = [q for q in extractor.extract(text).quotes if q.content[0].text == QUOTE]
    assert len(quotes) == 1, [q.content[0].text for q in extractor.extract(text).quotes]
    assert (quotes[0].speaker.mention.text if quotes[0].speaker and quotes[0].speaker.mention else None) == speaker


def test_a_sentence_end_stops_an_interposed_frame(extractor):
    """„…“, sagte Merkel. X hofft aber, „dass …“: the second quotation is no continuation of the first around an
    interposed frame (a sentence ends between them); it belongs to the subject of its own sentence."""
    text = ("„Wir brauchen Reformen“, sagte Merkel. Der Theologe Hans Küng hofft aber, „dass Ratzinger nicht "
            "Einfluss auf die Wahl nimmt.“")
    quotes = extractor.extract(text).quotes
    assert [[c.text for c in q.content] for q in quotes] == [
        ["„Wir brauchen Reformen“"], ["„dass Ratzinger nicht Einfluss auf die Wahl nimmt.“"]]
    assert [q.speaker.mention.text for q in quotes] == ["Merkel", "Der Theologe Hans Küng"]

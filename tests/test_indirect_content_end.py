"""Where reported content after a frame ends, end to end with the compact model: a main clause in the indicative
after a semicolon, or after "doch"/"aber" with a subject of its own, is the narrator's again."""

from __future__ import annotations

import pytest

from quotes.models import QuoteType

pytestmark = pytest.mark.model

CASES = [
    # (text, the indirect quote's content)
    ("Die Frauen hatten angegeben, dass der Vater sie geschlagen hatte; es wird momentan geprüft, ob die "
     "Vorwürfe verjährt sind.", "dass der Vater sie geschlagen hatte"),
    ("Die Regierung beschuldigte die Gruppe, die Anschläge verübt zu haben; diese bekannte sich jedoch nie zu "
     "den Anschlägen.", "die Anschläge verübt zu haben"),
    ("Der Verteidiger betonte, der Angeklagte sei nicht dissozial, doch die Richterin ließ sich auf keinen "
     "Kompromiss ein.", "der Angeklagte sei nicht dissozial"),
]


@pytest.mark.parametrize("text,content", CASES, ids=[c[1][:40] for c in CASES])
def test_an_indicative_main_clause_ends_the_reported_content(extractor, text, content):
    quotes = [q for q in extractor.extract(text).quotes if q.type == QuoteType.INDIRECT]
    assert quotes, f"no indirect quote in {text!r}"
    assert quotes[0].content[-1].text.endswith(content.split()[-1])
    assert " … ".join(s.text for s in quotes[0].content) == content


def test_a_konjunktiv_clause_after_a_semicolon_stays_reported(extractor):
    text = "Der Minister sagte, die Lage sei ernst; die Regierung werde handeln."
    quotes = [q for q in extractor.extract(text).quotes if q.type == QuoteType.INDIRECT]
    assert quotes and quotes[0].content[-1].text.endswith("werde handeln")

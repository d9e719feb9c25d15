"""The worked example of ``docs/extending-rules.md`` runs: the family in its code block satisfies the
rule-family contract and, added to the engine, finds its quotation on a hand-written gold tree."""

from __future__ import annotations

import inspect
import re
import types
from pathlib import Path

from quotes import engine
from quotes.doc import from_conllu
from quotes.rules import free_indirect
from quotes.rules.base import RuleFamily

DOC = Path(__file__).resolve().parent.parent / "docs" / "extending-rules.md"

SENTENCE = """# text = Der Minister gab zu bedenken, dass die Gespräche bald beginnen.
1	Der	der	DET	ART	Case=Nom|Gender=Masc|Number=Sing	2	det	_	_
2	Minister	Minister	NOUN	NN	Case=Nom|Gender=Masc|Number=Sing	3	nsubj	_	_
3	gab	geben	VERB	VVFIN	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	zu	zu	PART	PTKZU	_	5	mark	_	_
5	bedenken	bedenken	VERB	VVINF	VerbForm=Inf	3	xcomp	_	SpaceAfter=No
6	,	,	PUNCT	$,	_	11	punct	_	_
7	dass	dass	SCONJ	KOUS	_	11	mark	_	_
8	die	der	DET	ART	Case=Nom|Gender=Fem|Number=Plur	9	det	_	_
9	Gespräche	Gespräch	NOUN	NN	Case=Nom|Gender=Neut|Number=Plur	11	nsubj	_	_
10	bald	bald	ADV	ADV	_	11	advmod	_	_
11	beginnen	beginnen	VERB	VVFIN	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	5	ccomp	_	SpaceAfter=No
12	.	.	PUNCT	$.	_	3	punct	_	_
"""


def _example_family() -> types.ModuleType:
    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    module = types.ModuleType("bedenken_example")
    exec(compile(code, str(DOC), "exec"), module.__dict__)
    return module


def test_every_family_satisfies_the_contract():
    """Every family has RuleFamily's members: a name that prefixes its rules and find(ctx, found)."""
    members = {m for m in RuleFamily.__dict__ if not m.startswith("_")} | set(RuleFamily.__annotations__)
    assert members == {"name", "find"}
    for family in (*engine.RULE_FAMILIES, free_indirect, _example_family()):
        assert isinstance(family.name, str) and family.name
        assert list(inspect.signature(family.find).parameters) == ["ctx", "found"], family.name


def test_the_worked_example_finds_its_quote(monkeypatch):
    doc = from_conllu(SENTENCE)
    assert not engine.extract_from_parsed(doc).quotes  # no family finds it yet
    monkeypatch.setattr(engine, "RULE_FAMILIES", engine.RULE_FAMILIES + (_example_family(),))
    quotes = engine.extract_from_parsed(from_conllu(SENTENCE)).quotes
    assert len(quotes) == 1
    q = quotes[0]
    assert q.rule == "bedenken.zu_bedenken" and q.type.value == "indirect"
    assert q.content[0].text == "dass die Gespräche bald beginnen"
    assert [c.text for c in q.cue] == ["gab", "zu", "bedenken"]
    assert q.speaker is not None and q.speaker.mention.text == "Der Minister"

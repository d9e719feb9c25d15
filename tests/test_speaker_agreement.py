"""Pronoun resolution agrees in gender and number, end to end with the compact model.

Each text names two earlier speakers of different gender or number; the pronoun's quotation must go to
the one it agrees with, not simply to the nearest. The mention itself stays the pronoun, as the corpus
annotates it; the resolved ``name`` is what agreement decides.
"""

from __future__ import annotations

import pytest

from quotes.doc import from_conllu
from quotes.rules.base import Context
from quotes.speakers import mention_gender

pytestmark = pytest.mark.model

CASES = [
    ("Der Minister Peter Schmid sagte, die Lage sei ernst. Die Sprecherin Anna Berger erklärte, man prüfe alles. "
     "Er sagte außerdem, er werde am Montag reisen.", "Er", "Peter Schmid"),
    ("Die Ministerin Anna Berger sagte, die Lage sei ernst. Der Sprecher Peter Schmid erklärte, man prüfe alles. "
     "Sie sagte außerdem, sie werde am Montag reisen.", "Sie", "Anna Berger"),
    ("Der Bürgermeister Karl Huber sagte, die Straße bleibe gesperrt. Die Polizei teilte mit, es gebe keine Verletzten. "
     "Er betonte, die Stadt werde helfen.", "Er", "Karl Huber"),
    ("Die Polizei teilte mit, es gebe keine Verletzten. Der Bürgermeister Karl Huber sagte, die Straße bleibe gesperrt. "
     "Sie erklärte, die Ermittlungen dauerten an.", "Sie", "Polizei"),
    # a name agrees by its first name (data/first_names.txt), also where the parser calls it a common noun
    ("Anna Berger und Peter Schmidt waren vor Ort. Er sagte, die Lage sei ernst.", "Er", "Peter Schmidt"),
    ("Peter Schmidt und Anna Berger waren vor Ort. Sie sagte, es fehle an Wasser.", "Sie", "Anna Berger"),
    ("Claudia Pfeiffer, Geschäftsführerin des Verbands, traf den Gewerkschaftschef. Sie sagte, man werde den "
     "Streik durchstehen.", "Sie", "Claudia Pfeiffer"),
    # of two that agree in one sentence, the subject, not the nearer object
    ("Polizeichef Calvin Williams forderte den Verdächtigen Steve Miller auf, sich zu stellen. Er sagte, die Tat "
     "sei sinnlos.", "Er", "Calvin Williams"),
]


@pytest.mark.parametrize("text, pronoun, name", CASES)
def test_a_pronoun_goes_to_the_speaker_it_agrees_with(extractor, text, pronoun, name):
    result = extractor.extract(text)
    last = max(result.quotes, key=lambda q: q.content[0].start)
    assert last.speaker is not None and last.speaker.mention.text == pronoun
    assert last.speaker.name is not None and last.speaker.name.endswith(name)
    assert last.speaker.name.split()[0] not in ("Auch", "auch")


def test_a_focus_adverb_is_no_part_of_the_name(extractor):
    text = ("Auch Winfried Hassemer, Papiers Stellvertreter, glaubt, dass ein Verfahren möglich sei. Er geht davon "
            "aus, dass die Partei sich wehren werde.")
    names = [q.speaker.name for q in extractor.extract(text).quotes]
    assert names and all(n == "Winfried Hassemer" for n in names)


def test_without_an_agreeing_speaker_the_nearest_earlier_one_stands(extractor):
    text = "Peter Schmid sagte, die Lage sei ernst. Er sagte außerdem, er werde am Montag reisen."
    last = max(extractor.extract(text).quotes, key=lambda q: q.content[0].start)
    assert last.speaker.mention.text == "Er" and last.speaker.name == "Peter Schmid"


GOLD = """# text = Die Ministerin sagte es der Polizei und den Sprechern.
1	Die	der	DET	_	Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	2	det	_	_
2	Ministerin	Ministerin	NOUN	_	Case=Nom|Gender=Fem|Number=Sing	3	nsubj	_	_
3	sagte	sagen	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	es	es	PRON	_	Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs	3	obj	_	_
5	der	der	DET	_	Case=Dat|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	6	det	_	_
6	Polizei	Polizei	NOUN	_	Case=Dat|Gender=Fem|Number=Sing	3	iobj	_	_
7	und	und	CCONJ	_	_	9	cc	_	_
8	den	der	DET	_	Case=Dat|Definite=Def|Number=Plur|PronType=Art	9	det	_	_
9	Sprechern	Sprecher	NOUN	_	Case=Dat|Gender=Masc|Number=Plur	6	conj	_	_
10	.	.	PUNCT	_	_	3	punct	_	_
"""


@pytest.mark.parametrize("phrase, gender", [("Die Ministerin", "Fem"), ("der Polizei", "Fem"),
                                            ("den Sprechern", "Plur"), ("es", None)])
def test_mention_gender_reads_role_nouns_articles_and_features(phrase, gender):
    ctx = Context(from_conllu(GOLD))
    start = ctx.text.index(phrase)
    assert mention_gender(ctx, start, start + len(phrase)) == gender


NOBODY = """# text = Nach bisherigen Erkenntnissen sagte am späten Abend die Polizei etwas.
1	Nach	nach	ADP	_	_	3	case	_	_
2	bisherigen	bisherig	ADJ	_	Case=Dat|Number=Plur	3	amod	_	_
3	Erkenntnissen	Erkenntnis	NOUN	_	Case=Dat|Gender=Fem|Number=Plur	4	obl	_	_
4	sagte	sagen	VERB	_	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
5	am	an	ADP	_	_	7	case	_	_
6	späten	spät	ADJ	_	Case=Dat|Gender=Masc|Number=Sing	7	amod	_	_
7	Abend	Abend	NOUN	_	Case=Dat|Gender=Masc|Number=Sing	4	obl	_	_
8	die	der	DET	_	Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	9	det	_	_
9	Polizei	Polizei	NOUN	_	Case=Nom|Gender=Fem|Number=Sing	4	nsubj	_	_
10	etwas	etwas	PRON	_	PronType=Ind	4	obj	_	_
11	.	.	PUNCT	_	_	4	punct	_	_
"""


@pytest.mark.parametrize("phrase, nobody", [("bisherigen Erkenntnissen", True), ("späten Abend", True),
                                            ("die Polizei", False), ("etwas", False)])
def test_times_statements_and_sources_name_nobody(phrase, nobody):
    from quotes.speakers import names_nobody

    ctx = Context(from_conllu(NOBODY))
    start = ctx.text.index(phrase)
    assert names_nobody(ctx, start, start + len(phrase)) is nobody


@pytest.mark.parametrize("text, phrase, gender", [
    # a first name decides before a role noun whose form does not show the gender (-e nouns are adjectives)
    ("Petra Pau, PDS-Bundestagsabgeordnete, kritisierte den Plan.", "Petra Pau, PDS-Bundestagsabgeordnete", "Fem"),
    ("Anna Berger vom Roten Kreuz war vor Ort.", "Anna Berger vom Roten Kreuz", "Fem"),  # not the Kreuz's neuter
    ("Die Ministerin Anna Berger war vor Ort.", "Die Ministerin Anna Berger", "Fem"),
    ("Der Sprecher Max Müller war vor Ort.", "Der Sprecher Max Müller", "Masc"),
])
def test_mention_gender_of_names(extractor, text, phrase, gender):
    ctx = Context(extractor.parse_many([text])[0])
    start = ctx.text.index(phrase)
    assert mention_gender(ctx, start, start + len(phrase)) == gender


def test_a_phrase_cut_inside_brackets_is_no_antecedent(extractor):
    text = ("Konrad Freiberg, Vorsitzender der Gewerkschaft der Polizei (GdP), war vor Ort. Die Beamten waren müde. "
            "Er sagte, die Lage sei ernst.")
    names = [q.speaker.name for q in extractor.extract(text).quotes]
    assert names and not any(n and n.count("(") != n.count(")") for n in names)

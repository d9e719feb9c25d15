"""Small grammar helpers of the rules, on hand-built words (tags as a parser gives them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.doc import Word, from_conllu
from quotes.lexicon import load_words, verbs_with
from quotes.rules.morph import _speech_lemma, attitude_words, konjunktiv1_by_rule, speech_lemma, with_particle
from quotes.rules.phrases import opens_genitive


def words(spec: str) -> list[Word]:
    """"Angaben/NOUN der/DET Polizei/NOUN:Fem,Sing" -> Words with upos and Gender/Number features."""
    out, pos = [], 0
    for i, item in enumerate(spec.split()):
        text, _, rest = item.partition("/")
        upos, _, feats = rest.partition(":")
        gender, _, number = feats.partition(",")
        fs = "|".join(f for f in (f"Gender={gender}" if gender else "", f"Number={number}" if number else "") if f)
        out.append(Word(i + 1, text, text.lower(), upos, "_", fs or "_", 0, "dep", pos, pos + len(text)))
        pos += len(text) + 1
    return out


@pytest.mark.parametrize("spec,index,expected", [
    ("Angaben/NOUN der/DET Polizei/NOUN:Fem,Sing", 1, True),
    ("Sprecher/NOUN des/DET Weißen/ADJ Hauses/NOUN:Neut,Sing", 1, True),
    ("Vertreter/NOUN der/DET deutschen/ADJ Verbände/NOUN:Masc,Plur", 1, True),
    ("Pressemitteilung/NOUN des/DET BMI/NOUN der/DET Verbesserung/NOUN:Fem,Sing", 3, False),  # after an acronym
    ("Sprecher/NOUN Obama/PROPN der/DET Regierung/NOUN:Fem,Sing", 2, False),                 # after a name
    ("Gerichtes/NOUN des/DET „/PUNCT Aufrufs/NOUN “/PUNCT", 1, False),                        # a quotation
    ("Zeugenaussagen/NOUN der/DET Ehemann/NOUN:Masc,Sing", 1, False),                          # nominative
])
def test_opens_genitive(spec, index, expected):
    assert opens_genitive(words(spec), index) is expected


# -- the particle is looked for only where it can change the answer ------------------------------------------

GOLD_TREES = [Path(__file__).parent / "data" / "ud" / "gold_trees.conllu",
              Path(__file__).resolve().parents[2] / "shared" / "ud-german" / "de_gsd-ud-dev.conllu"]
"""The fixture's gold trees, and UD German GSD dev (799 sentences) where ``../shared`` is beside the checkout."""


@pytest.fixture(scope="module")
def gold_words():
    docs = [from_conllu(block) for path in GOLD_TREES if path.exists()
            for block in path.read_text(encoding="utf-8").strip().split("\n\n")]
    return [w for d in docs for s in d.sentences for w in s.words], docs  # the documents hold the sentences


def _full(w: Word) -> str:
    prt = w.particle
    return (prt.low if prt else "") + w.lem


@pytest.mark.parametrize("lexicon", ["thinking_verbs", "reported_verbs", "speech_verbs"])
def test_with_particle_tests_membership_like_particle_and_lemma(lexicon, gold_words):
    listed = load_words(lexicon)
    words, _ = gold_words
    if lexicon != "thinking_verbs":  # (no thinking verb with a particle in these trees)
        assert sum(w.particle is not None and _full(w) in listed for w in words) >= 3  # particles that count
    for w in words:
        assert (with_particle(w, lexicon) in listed) == (_full(w) in listed), w.text


def test_speech_lemma_is_the_same_with_the_particle_always_read(gold_words):
    found = 0
    for w in gold_words[0]:
        expected = None
        if w.upos in ("VERB", "AUX", "ADJ") and w.text[:1].isalpha():
            prt = w.particle
            expected = _speech_lemma(w.low, w.lem, prt.low if prt else "", w.upos)
            if expected in verbs_with("attitude") and not attitude_words(w):
                expected = None  # "zeigen" only as "sich … zufrieden zeigen"
        assert speech_lemma(w) == expected, w.text
        found += expected is not None
    assert found >= 20  # the fixture holds reporting verbs, with and without particles


@pytest.mark.parametrize("sentence,verb,expected", [
    ("Die Polizei teilte am Abend mit , dass niemand verletzt wurde .", "teilte", "mitteilen"),
    ("Er gab den Rücktritt bekannt .", "gab", "bekanntgeben"),
    ("Sie sagte , sie komme .", "sagte", "sagen"),
    ("Er ging nach Hause .", "ging", None),
])
def test_speech_lemma_reads_a_detached_particle(sentence, verb, expected):
    rows = []
    toks = sentence.split()
    lemmas = {"teilte": "teilen", "gab": "geben", "sagte": "sagen", "ging": "gehen", "mit": "mit",
              "bekannt": "bekannt", "komme": "kommen"}
    head = toks.index(verb) + 1
    for i, tok in enumerate(toks, 1):
        upos = "VERB" if tok == verb else "PUNCT" if tok in ",." else "ADP" if tok in ("mit",) else "X"
        rel, to = ("root", 0) if i == head else ("compound:prt", head) if tok in ("mit", "bekannt") else ("dep", head)
        rows.append(f"{i}\t{tok}\t{lemmas.get(tok, tok)}\t{upos}\t_\t_\t{to}\t{rel}\t_\t_")
    doc = from_conllu("# text = " + sentence + "\n" + "\n".join(rows))
    w = next(x for x in doc.sentences[0].words if x.text == verb)
    assert speech_lemma(w) == expected


def test_first_konjunktiv_finds_what_clause_has_konjunktiv_finds(gold_words):
    """One pass per sentence gives the first Konjunktiv form and the first Konjunktiv I form of its own words,
    as two scans with :func:`clause_has_konjunktiv` do."""
    from quotes.rules.base import Context
    from quotes.rules.free_indirect import _first_konjunktiv
    from quotes.rules.morph import clause_has_konjunktiv

    seen = [0, 0]
    for doc in gold_words[1]:
        ctx = Context(doc)
        for sent in doc.sentences:
            words = ctx.free_content(sent)
            expected = (clause_has_konjunktiv(words), clause_has_konjunktiv(words, strict=True))
            assert _first_konjunktiv(ctx, sent) == expected, sent.words
            seen[0] += expected[0] is not None
            seen[1] += expected[1] is not None
    assert seen[0] > seen[1] >= 5  # Konjunktiv II forms ("wäre") that are no Konjunktiv I, and Konjunktiv I forms


# "bezeichnet" without a VerbForm feature and without "ge", but with "werden" as aux:pass: the tags the compact
# model gives "Seine Werke werden von Musikkennern als Meilensteine bezeichnet"
PASSIVE_WITHOUT_GE = """# text = Seine Werke werden von Kennern als Meilensteine bezeichnet.
1	Seine	sein	DET	PPOSAT	_	2	det:poss	_	_
2	Werke	Werk	NOUN	NN	Case=Nom|Number=Plur	8	nsubj	_	_
3	werden	werden	AUX	VAFIN	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	8	aux:pass	_	_
4	von	von	ADP	APPR	_	5	case	_	_
5	Kennern	Kenner	NOUN	NN	Case=Dat|Number=Plur	8	obl	_	_
6	als	als	CCONJ	KOKOM	_	7	case	_	_
7	Meilensteine	Meilenstein	NOUN	NN	Case=Nom|Number=Plur	8	obl	_	_
8	bezeichnet	bezeichnen	VERB	VVPP	_	0	root	_	SpaceAfter=No
9	.	.	PUNCT	$.	_	8	punct	_	_
"""


def _passive_and_subject(conllu: str, verb: str):
    from quotes.rules.clauses import is_passive
    from quotes.rules.subjects import subject_of

    doc = from_conllu(conllu)  # kept alive while its words are read (a word reaches its sentence weakly)
    v = next(w for s in doc.sentences for w in s.words if w.text == verb)
    subj = subject_of(v)
    return is_passive(v), subj.text if subj is not None else None


def test_participle_without_ge_and_tag_is_passive_with_aux_pass():
    assert _passive_and_subject(PASSIVE_WITHOUT_GE, "bezeichnet") == (True, "Kennern")


def test_future_with_werden_is_no_passive():
    # "werden … sagen" (an infinitive, however the auxiliary is labelled) is future tense, not passive
    future = PASSIVE_WITHOUT_GE.replace("bezeichnet", "bezeichnen").replace("VVPP", "VVINF")
    assert _passive_and_subject(future, "bezeichnen") == (False, "Werke")


def _sentence(spec: str):
    """"Das/PRON teilte/VERB …" -> a one-sentence document (flat tree: the words' tags are what counts)."""
    rows = [f"{i}\t{item.rpartition('/')[0]}\t{item.rpartition('/')[0].lower()}\t{item.rpartition('/')[2]}\t_\t_\t"
            f"{0 if i == 1 else 1}\t{'root' if i == 1 else 'dep'}\t_\t_" for i, item in enumerate(spec.split(), 1)]
    return from_conllu("\n".join(rows) + "\n")


@pytest.mark.parametrize("spec,start,expected", [
    # an extended attribute between the article and its noun belongs to the phrase
    ("So/ADV sagte/VERB der/DET für/ADP die/DET Region/NOUN zuständige/ADJ Koordinator/NOUN ,/PUNCT", 3,
     "der für die Region zuständige Koordinator"),
    ("erklärte/VERB die/DET seit/ADP 2005/NUM amtierende/ADJ Regierung/NOUN ./PUNCT", 2,
     "die seit 2005 amtierende Regierung"),
    # the adjective of the prepositional phrase itself does not close the attribute
    ("teilte/VERB die/DET von/ADP der/DET kalifornischen/ADJ Universität/NOUN gegründete/ADJ Hoover/PROPN "
     "Institution/PROPN mit/ADP", 2, "die von der kalifornischen Universität gegründete Hoover Institution"),
    # no adjective before a noun within reach, or a verb first: no attribute, the phrase ends at the article
    ("sagte/VERB der/DET in/ADP Berlin/PROPN lebende/VERB Autor/NOUN", 2, ""),
])
def test_surface_np_reads_an_extended_attribute(spec, start, expected):
    from quotes.rules.phrases import surface_np

    doc = _sentence(spec)
    assert " ".join(w.text for w in surface_np(doc.sentences[0], start)) == expected


@pytest.mark.parametrize("form,lemma,expected", [
    ("handele", "handeln", True),  # -eln: the stem takes an e ("Vielmehr handele es sich um …")
    ("fordere", "fordern", True),  # -ern
    ("gehe", "gehen", True),
    ("handelt", "handeln", False),  # the indicative
    ("handeln", "handeln", False),
])
def test_konjunktiv_i_by_rule_of_the_third_person(form, lemma, expected):
    text = f"Vielmehr {form} es sich um einen Einzelfall ."
    rows = [f"{i}\t{tok}\t{lemma if tok == form else tok}\t{'VERB' if tok == form else 'X'}\t_\t"
            f"{'Mood=Sub|VerbForm=Fin' if tok == form else '_'}\t{0 if tok == form else 2}\t"
            f"{'root' if tok == form else 'dep'}\t_\t_" for i, tok in enumerate(text.split(), 1)]
    doc = from_conllu("# text = " + text + "\n" + "\n".join(rows))
    w = next(x for x in doc.sentences[0].words if x.text == form)
    assert konjunktiv1_by_rule(w) is expected

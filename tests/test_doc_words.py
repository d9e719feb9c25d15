"""Words reach their sentence without reference cycles, and per-word facts are cached on the word."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from quotes.doc import ParsedDoc, from_conllu

FIXTURE = Path(__file__).parent / "data" / "ud_de_speech.conllu"


def _doc() -> ParsedDoc:
    blocks = FIXTURE.read_text(encoding="utf-8").strip().split("\n\n")
    return from_conllu("\n\n".join(b for b in blocks if "\n1\t" in b))  # the licence header has no rows


def test_tree_navigation_works():
    doc = _doc()
    sent = doc.sentences[0]
    sagte = next(w for w in sent.words if w.text == "sagte")
    assert sagte.sent is sent and sagte.parent is None
    assert any(c.text == "Joe" for c in sagte.children)
    assert next(w for w in sent.words if w.text == "Joe").parent is sagte


def test_a_document_is_freed_without_the_cycle_collector():
    gc.disable()
    try:
        doc = _doc()
        ref = weakref.ref(doc.sentences[0])
        word = doc.sentences[0].words[0]
        doc.release()  # a no-op, kept for callers
        assert word.sent is ref()
        del doc
        assert ref() is None, "a sentence outlived its document: words hold it in a cycle"
        assert word.sent is None and word.parent is None and word.children == []
    finally:
        gc.enable()


def test_the_detached_particle_is_computed_once():
    doc = from_conllu("""# text = Der Sprecher teilte am Montag mit, dass alles gut sei.
1	Der	der	DET	ART	_	2	det	_	_
2	Sprecher	Sprecher	NOUN	NN	_	3	nsubj	_	_
3	teilte	teilen	VERB	VVFIN	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
4	am	an	ADP	APPRART	_	5	case	_	_
5	Montag	Montag	NOUN	NN	_	3	obl	_	_
6	mit	mit	ADP	PTKVZ	_	3	compound:prt	_	SpaceAfter=No
7	,	,	PUNCT	$,	_	12	punct	_	_
8	dass	dass	SCONJ	KOUS	_	12	mark	_	_
9	alles	alles	PRON	PIS	_	12	nsubj	_	_
10	gut	gut	ADJ	ADJD	_	12	advmod	_	_
11	sei	sein	AUX	VAFIN	Mood=Sub|VerbForm=Fin	12	cop	_	_
12	gut	gut	ADJ	ADJD	_	3	ccomp	_	SpaceAfter=No
13	.	.	PUNCT	$.	_	3	punct	_	_
""")
    teilte = doc.sentences[0].words[2]
    assert teilte.particle is not None and teilte.particle.text == "mit"
    assert "particle" in vars(teilte)  # functools.cached_property: computed once, on the word itself


def test_reindex_drops_what_was_derived_from_the_old_tree():
    """Values kept on words and sentences (properties computed once, the memos of the rules and of speaker
    resolution) belong to the tree they were read from: after an edit and ``reindex`` the engine reads the
    new tree, as on a document loaded with that tree."""
    from quotes.engine import extract_from_parsed

    def edited(doc: ParsedDoc) -> ParsedDoc:
        for sent in doc.sentences:  # every nominal subject becomes an object: the frames lose their speakers
            for w in sent.words:
                if w.deprel == "nsubj":
                    w.deprel = "obj"
            sent.reindex()
        return doc

    doc = _doc()
    before = extract_from_parsed(doc, "d")
    assert any(q.speaker is not None for q in before.quotes)
    assert any(len(vars(w)) > 12 for s in doc.sentences for w in s.words)  # derived values were kept
    after = extract_from_parsed(edited(doc), "d")
    fresh = extract_from_parsed(edited(_doc()), "d")
    assert after.model_dump() == fresh.model_dump()
    assert after.model_dump() != before.model_dump()


def _sentence(rows: str) -> ParsedDoc:
    """A one-sentence document from compact rows "form lemma upos head deprel", one word a line."""
    lines = []
    for i, row in enumerate(rows.strip().splitlines(), 1):
        form, lemma, upos, head, rel = row.split()
        feats = "Mood=Ind|VerbForm=Fin" if upos == "VERB" else "_"
        lines.append(f"{i}\t{form}\t{lemma}\t{upos}\t_\t{feats}\t{head}\t{rel}\t_\t_")
    return from_conllu("\n".join(lines))


def test_a_particle_read_from_the_surface_stands_at_the_clause_end():
    # "sicherte … „volle Unterstützung“ zu": the quoted phrase inside the clause, the particle after it
    doc = _sentence("""
        Er er PRON 2 nsubj
        sicherte sichern VERB 0 root
        „ „ PUNCT 5 punct
        volle voll ADJ 5 amod
        Unterstützung Unterstützung NOUN 2 obj
        “ “ PUNCT 5 punct
        zu zu ADP 2 dep
        . . PUNCT 2 punct
    """)  # (the document holds its sentences: words alone do not keep them alive)
    sicherte = doc.sentences[0].words[1]
    assert sicherte.particle is not None and sicherte.particle.text == "zu"
    # "riet zu „Gelassenheit“.": the quoted phrase ends the clause, the preposition before it is no particle
    doc = _sentence("""
        Er er PRON 2 nsubj
        riet raten VERB 0 root
        zu zu ADP 5 dep
        „ „ PUNCT 5 punct
        Gelassenheit Gelassenheit NOUN 2 obl
        “ “ PUNCT 5 punct
        . . PUNCT 2 punct
    """)
    riet = doc.sentences[0].words[1]
    assert riet.sent is not None and riet.particle is None

"""Property tests of the engine over arbitrary text and quotation marks.

No model is needed: documents are built directly (a regex or whitespace
tokenisation with random but valid dependency trees) or from gold CoNLL-U
trees (``tests/data/ud_de_speech.conllu``) with quotation marks inserted.

Properties: the engine never crashes; every span satisfies
``text[start:end] == span.text`` and lies inside the text; quote sentence
indices exist; the output is deterministic (the same document twice, a
copy through the parse cache's serialisation, and another process with
another hash seed give the same records).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.doc import ParsedDoc, Sentence, Word, from_conllu
from quotes.engine import extract_from_parsed
from quotes.models import DocumentResult
from quotes.rules.quotemarks import scan

DATA = Path(__file__).parent / "data" / "ud_de_speech.conllu"

QUOTE_MARKS = ["„", "“", "”", "»", "«", "‚", "‘", "’", "›", "‹", '"', "'", "''", "``"]
WORDS = [
    "Er", "er", "Sie", "sie", "wir", "sagte", "sagt", "erklärte", "betonte", "warnte", "teilte", "mit", "so",
    "Müller", "Angela", "Merkel", "Kremlsprecher", "Dmitri", "Peskow", "Kwon", "Jong", "Gun", "der", "die",
    "das", "Regierung", "Ministerin", "sei", "seien", "habe", "werde", "könne", "wäre", "komme", "dass",
    "laut", "zufolge", "nach", "Angaben", "vor", "Panik", "nicht", "und", "aber", "gegenüber", "Medien",
    "staatliche", "Reuters", "im", "zum", "geht's", "Merkel's", "'n", "Wir", "kommen", "morgen", "Ja",
]
PUNCT = [",", ".", ":", "!", "?", ";", "–", "-", "(", ")", "…", "..."]
SEPARATORS = ["", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0"]
UPOS = ["VERB", "AUX", "NOUN", "PROPN", "PRON", "DET", "ADJ", "ADV", "ADP", "SCONJ", "CCONJ", "PUNCT", "PART", "X"]
DEPRELS = ["root", "nsubj", "nsubj:pass", "obj", "iobj", "ccomp", "xcomp", "parataxis", "advcl", "acl", "acl:relcl",
           "mark", "punct", "obl", "obl:arg", "nmod", "case", "det", "amod", "appos", "flat", "flat:name", "conj",
           "cc", "aux", "cop", "compound:prt", "advmod", "dep", "expl"]
FEATS = ["_", "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "Mood=Ind|Tense=Past|VerbForm=Fin",
         "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs", "Mood=Sub|Tense=Past|VerbForm=Fin", "Bogus"]
LEMMAS = ["sagen", "erklären", "betonen", "warnen", "mitteilen", "laut", "zufolge", "sein", "haben", "werden",
          "er", "sie", "der", "dass", ""]

EXAMPLES = int(os.environ.get("QUOTES_HYPOTHESIS_EXAMPLES", "150"))
"""Examples per property; raise it for a longer hunt (e.g. 5000)."""
SLOW = settings(deadline=None, max_examples=EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- checks ----------------------------------------------------------------


def check(doc: ParsedDoc) -> DocumentResult:
    """Run the engine and assert every property; return the result."""
    result = extract_from_parsed(doc, "doc")
    text = doc.text
    spans = [s for q in result.quotes for s in q.spans()] + [m for e in result.speakers for m in e.mentions]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start:span.end] == span.text, span
    for q in result.quotes:
        assert q.content and all(s.end > s.start for s in q.content)
        if doc.sentences:
            assert all(0 <= i < len(doc.sentences) for i in q.sentences), (q.sentences, len(doc.sentences))
    assert len({q.id for q in result.quotes}) == len(result.quotes)
    again = extract_from_parsed(doc, "doc")
    copied = extract_from_parsed(ParsedDoc.from_dict(json.loads(json.dumps(doc.to_dict()))), "doc")
    assert again.model_dump() == result.model_dump()
    assert copied.model_dump() == result.model_dump()
    return result


# -- generated documents ---------------------------------------------------


@st.composite
def texts(draw, alphabet: bool = False) -> str:
    pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTE_MARKS), st.sampled_from(PUNCT),
                       st.text(max_size=4))
    items = draw(st.lists(pieces, max_size=40))
    out = []
    for item in items:
        out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(item)
    return "".join(out)


@st.composite
def parsed_docs(draw, text_strategy=None) -> ParsedDoc:
    """A document with a tokenisation of ``text`` and random valid trees."""
    text = draw(text_strategy if text_strategy is not None else texts())
    pattern = draw(st.sampled_from([r"\w+|[^\w\s]", r"\S+", r"\w+(?:'\w+)?|[^\w\s]+"]))
    tokens = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    sentences: list[Sentence] = []
    current: list[tuple[int, int]] = []
    groups: list[list[tuple[int, int]]] = []
    for start, end in tokens:
        current.append((start, end))
        if text[end - 1] in ".!?" or draw(st.integers(0, 12)) == 0:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    for toks in groups:
        spans: list[tuple[int, int, int]] = []  # (start, end, token index)
        for ti, (start, end) in enumerate(toks):
            parts = 2 if draw(st.integers(0, 15)) == 0 else 1  # a multi-word token: words share offsets
            spans.extend([(start, end, ti)] * parts)
        n = len(spans)
        order = draw(st.permutations(range(n)))
        heads = [0] * n
        for k, idx in enumerate(order[1:], 1):
            heads[idx] = order[draw(st.integers(0, k - 1))] + 1
        words = []
        for i, (start, end, ti) in enumerate(spans):
            form = text[start:end]
            upos = "PUNCT" if not any(ch.isalnum() for ch in form) else draw(st.sampled_from(UPOS))
            lemma = draw(st.sampled_from(LEMMAS + [form.lower()]))
            deprel = "root" if heads[i] == 0 else draw(st.sampled_from(DEPRELS))
            words.append(Word(i + 1, form, lemma or form, upos, "_", draw(st.sampled_from(FEATS)), heads[i],
                              deprel, start, end, ti))
        sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, words))
    return ParsedDoc(text, sentences, "hypothesis")


@SLOW
@given(parsed_docs())
def test_engine_on_generated_documents(doc):
    check(doc)


# Speech sentences with plausible trees: (form, upos, lemma, feats, head, deprel); head is
# the index of the head token in the template (-1: root). Placeholders: O/C opening and
# closing mark, N a name, V a speech verb, W content words.
SUB = "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
TEMPLATES = [
    [("O", "PUNCT", "", "_", 5, "punct"), ("W", "NOUN", "", "_", 5, "ccomp"), ("W", "VERB", "", "_", 1, "dep"),
     ("C", "PUNCT", "", "_", 5, "punct"), (",", "PUNCT", ",", "_", 5, "punct"), ("V", "VERB", "", "_", -1, "root"),
     ("N", "PROPN", "", "_", 5, "nsubj"), (".", "PUNCT", ".", "_", 5, "punct")],
    [("N", "PROPN", "", "_", 1, "nsubj"), ("V", "VERB", "", "_", -1, "root"), (",", "PUNCT", ",", "_", 4, "punct"),
     ("er", "PRON", "er", "Case=Nom|Person=3", 4, "nsubj"), ("sei", "AUX", "sein", SUB, 1, "ccomp"),
     ("W", "ADJ", "", "_", 4, "xcomp"), (".", "PUNCT", ".", "_", 1, "punct")],
    [("N", "PROPN", "", "_", 1, "nsubj"), ("V", "VERB", "", "_", -1, "root"), (":", "PUNCT", ":", "_", 1, "punct"),
     ("O", "PUNCT", "", "_", 4, "punct"), ("W", "VERB", "", "_", 1, "parataxis"), ("W", "NOUN", "", "_", 4, "obj"),
     (".", "PUNCT", ".", "_", 4, "punct"), ("C", "PUNCT", "", "_", 4, "punct")],
    [("Laut", "ADP", "laut", "_", 1, "case"), ("N", "PROPN", "", "_", 2, "obl"), ("sei", "AUX", "sein", SUB, -1, "root"),
     ("W", "NOUN", "", "_", 2, "nsubj"), ("W", "ADJ", "", "_", 2, "xcomp"), (".", "PUNCT", ".", "_", 2, "punct")],
    [("W", "NOUN", "", "_", 1, "nsubj"), ("habe", "AUX", "haben", SUB, -1, "root"), ("O", "PUNCT", "", "_", 3, "punct"),
     ("W", "NOUN", "", "_", 1, "obj"), ("C", "PUNCT", "", "_", 3, "punct"), (",", "PUNCT", ",", "_", 6, "punct"),
     ("so", "ADV", "so", "_", 1, "parataxis"), ("N", "PROPN", "", "_", 6, "nsubj"), (".", "PUNCT", ".", "_", 1, "punct")],
]
NAMES = ["Müller", "Merkel", "Peskow", "Kwon Jong Gun", "Dmitri Peskow", "er", "sie", "die Ministerin"]
VERBS = [("sagte", "sagen"), ("erklärte", "erklären"), ("betonte", "betonen"), ("warnte", "warnen"),
         ("meinte", "meinen"), ("lachte", "lachen")]


@st.composite
def speech_docs(draw) -> ParsedDoc:
    """Documents of speech sentences (random templates, marks, names, spacing) with plausible trees."""
    text = ""
    sentences: list[Sentence] = []
    for _ in range(draw(st.integers(1, 5))):
        template = draw(st.sampled_from(TEMPLATES))
        verb = draw(st.sampled_from(VERBS))
        opening, closing = draw(st.sampled_from(QUOTE_MARKS)), draw(st.sampled_from(QUOTE_MARKS))
        if text:
            text += draw(st.sampled_from([" ", "\n", "\n\n", ""]))
        words: list[Word] = []
        first_of: list[int] = []  # template index -> word index of its first word
        for k, (form, upos, lemma, feats, head, deprel) in enumerate(template):
            if form == "N":
                forms = draw(st.sampled_from(NAMES)).split()
            elif form == "W":
                forms = [draw(st.sampled_from(WORDS + ["Brücke", "bauen", "krank", "Ergebnis"]))]
            else:
                forms = [{"O": opening, "C": closing, "V": verb[0]}.get(form, form)]
            first_of.append(len(words))
            for j, f in enumerate(forms):
                glue = k == 0 or upos == "PUNCT" and form != "O" or template[k - 1][0] == "O"
                text += "" if (glue and j == 0) else draw(st.sampled_from([" ", " ", "  ", "\n", ""]))
                start = len(text)
                text += f
                words.append(Word(len(words) + 1, f, verb[1] if form == "V" else (lemma or f.lower()), upos, "_",
                                  feats, head, deprel if j == 0 else "flat", start, len(text), len(words)))
        for w in words:  # template heads -> word ids; name parts hang on the name's first word
            if w.deprel == "flat":
                w.head = next(first_of[i] + 1 for i in range(len(first_of) - 1, -1, -1) if first_of[i] < w.id)
            else:
                w.head = 0 if w.head == -1 else first_of[w.head] + 1
        sentences.append(Sentence(len(sentences), words[0].start, words[-1].end, words))
    return ParsedDoc(text, sentences, "hypothesis-speech")


@SLOW
@given(speech_docs())
def test_engine_on_speech_sentences(doc):
    check(doc)


@SLOW
@given(parsed_docs(st.text(max_size=120)))
def test_engine_on_arbitrary_unicode(doc):
    check(doc)


@settings(deadline=None, max_examples=2 * EXAMPLES)
@given(st.text(alphabet=st.sampled_from([m for m in QUOTE_MARKS if len(m) == 1] + ["a", "b", " ", ".", "\n"]),
               max_size=60) | texts())
def test_quote_marks_are_balanced_stretches_inside_the_text(text):
    for mark in scan(text):
        assert 0 <= mark.start < mark.end <= len(text)
        assert mark.inner_start <= mark.inner_end
        assert mark.depth >= 0
        assert not text[mark.start].isalnum() and not text[mark.end - 1].isalnum()


# -- gold trees with quotation marks ----------------------------------------


def gold_blocks() -> list[str]:
    blocks = DATA.read_text(encoding="utf-8").strip().split("\n\n")
    return [b for b in blocks if any(line and not line.startswith("#") for line in b.splitlines())]


BLOCKS = gold_blocks()


def insert_marks(block: str, inserts: list[tuple[int, str]]) -> str:
    """The block with quotation-mark tokens inserted (attached to the root), renumbered.

    The ``# text`` line and multi-word-token ranges are dropped, so the text
    is rebuilt from the word forms.
    """
    rows = [line.split("\t") for line in block.splitlines() if line and not line.startswith("#")]
    words = [r for r in rows if r[0].isdigit()]
    root = next((int(r[0]) for r in words if r[6] == "0"), int(words[0][0]))
    seq: list[tuple[str, list[str] | str]] = [("word", r) for r in words]
    for pos, mark in sorted(inserts, key=lambda x: -x[0]):
        seq.insert(min(pos, len(seq)), ("mark", mark))
    new_id = {int(item[0]): i for i, (kind, item) in enumerate(seq, 1) if kind == "word"}
    out = []
    for i, (kind, item) in enumerate(seq, 1):
        if kind == "word":
            head = new_id.get(int(item[6]), 0) if item[6].isdigit() else 0
            out.append("\t".join([str(i), *item[1:6], str(head), item[7], "_", "_"]))
        else:
            out.append("\t".join([str(i), item, item, "PUNCT", "$(", "_", str(new_id[root]), "punct", "_", "_"]))
    return "\n".join(out)


@SLOW
@given(st.lists(st.tuples(st.sampled_from(range(len(BLOCKS))),
                          st.lists(st.tuples(st.integers(0, 60), st.sampled_from(QUOTE_MARKS)), max_size=4)),
                min_size=1, max_size=4))
def test_engine_on_gold_trees_with_extra_quote_marks(choice):
    conllu = "\n\n".join(insert_marks(BLOCKS[i], inserts) for i, inserts in choice)
    check(from_conllu(conllu))


def test_engine_on_each_gold_sentence_and_all_together():
    found = 0
    for block in BLOCKS:
        found += len(check(from_conllu(block)).quotes)
    whole = check(from_conllu("\n\n".join(BLOCKS)))
    assert found > 0 and whole.quotes


# -- edge documents ----------------------------------------------------------


def _single(text: str, words: list[tuple[int, int]]) -> ParsedDoc:
    ws = [Word(i + 1, text[s:e], text[s:e].lower(), "PUNCT" if not text[s:e].isalnum() else "NOUN", "_", "_",
               0 if i == 0 else 1, "root" if i == 0 else "dep", s, e, i) for i, (s, e) in enumerate(words)]
    return ParsedDoc(text, [Sentence(0, ws[0].start, ws[-1].end, ws)] if ws else [], "edge")


def test_engine_on_edge_documents():
    check(ParsedDoc("", [], "edge"))
    check(ParsedDoc("   \n", [], "edge"))
    check(_single("„", [(0, 1)]))
    check(_single("„“", [(0, 1), (1, 2)]))
    check(_single("»«", [(0, 1), (1, 2)]))
    check(_single('"', [(0, 1)]))
    check(_single("„ “", [(0, 1), (2, 3)]))


def test_engine_on_quote_marks_without_sentences():
    # A parse with no sentences (a parser that drops everything) while the
    # text has quotation marks: the scanner finds marks the trees do not cover.
    check(ParsedDoc("„Kein Baum“", [], "edge"))


# -- determinism across processes ------------------------------------------

_CHILD = r"""
import json, sys
sys.path[:0] = [{tests!r}]
from test_properties import BLOCKS, determinism_docs
from quotes.doc import from_conllu
from quotes.engine import extract_from_parsed
docs = [from_conllu(b) for b in BLOCKS] + determinism_docs()
print(json.dumps([extract_from_parsed(d, str(i)).model_dump(mode="json") for i, d in enumerate(docs)]))
"""


def determinism_docs() -> list[ParsedDoc]:
    texts_ = [
        "„Wir kommen morgen wieder“, sagte Müller. Er sagte, er sei krank. »Nein«, so Merkel.",
        "Kremlsprecher Dmitri Peskow sagte: „Das ist nicht akzeptabel.“ Peskow warnte vor Panik.",
        "„Ja“, „nein“ und ‚vielleicht‘ – sagte sie. \"Gut\", meinte er's.",
    ]
    out = []
    for t in texts_:
        toks = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", t)]
        out.append(_single(t, toks))
    return out


def test_output_is_the_same_in_another_process_with_another_hash_seed():
    code = _CHILD.format(tests=str(Path(__file__).parent))
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                              cwd=Path(__file__).parent.parent)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])

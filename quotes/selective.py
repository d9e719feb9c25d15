"""Selective parsing: which sentences of a document can take part in a quotation.

The tagger, lemmatiser and dependency parser cost about nine tenths of a parse (the tokenizer the
rest; ``docs/scaling.md``), and the rules find nothing in a sentence that has no quotation mark, no
reporting word and no mark of reported speech. With ``parse="selective"``
(:class:`quotes.nlp.Parser`) every sentence is tokenized, but only the sentences :func:`choose` keeps
are tagged and parsed; the others stay in the document as words without tags or heads
(``upos`` ``X``, ``deprel`` ``dep``, head 0), which no rule takes for a cue, a speaker or content.
Sentence numbers and character offsets are those of a full parse.

A sentence is kept when its tokens hold (:func:`cue_sentence`):

* a quotation mark, or a colon (a frame "Er sagte: …");
* a form of a reporting verb (``data/speech_verbs.txt``, ``reported_verbs.txt``,
  ``impersonal_verbs.txt``: inflected, participle, with or without its separable particle), a noun
  of saying or a source noun (``speech_nouns.txt``, ``source_nouns.txt``, also as a compound's head);
* a source word ("laut", "zufolge", "gemäß", "demnach", "wonach", "…, so X");
* a Konjunktiv form (``konjunktiv_forms.txt``, or a third-person Konjunktiv I in -e of a verb in
  ``verb_lemmas.txt``).

Then (:func:`choose`) every sentence that overlaps a quoted stretch (a quotation over several
sentences, :func:`quotes.rules.quotemarks.scan`) and the sentence before and after each kept one
(anaphoric content "Das sagte er.", the speaker named just before) are kept as well. What is lost:
names and subjects in sentences far from any quotation, which speaker resolution uses to complete a
short name or to resolve a pronoun; ``benchmarks/test_bench_selective.py`` measures the cost.

The neighbours were chosen on the dev split, scoring the full parses of the parse cache with the
sentences left out blanked (joint F1; full parsing 78.7): one before and one after (the default) keep
79 % of the words and score 78.5; one after only, 69 % and 78.2; one before only, 70 % and 77.2; none,
53 % and 76.7.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from .lexicon import compound_of, load_table, load_words
from .rules.quotemarks import scan

PARSE_MODES = ("full", "selective")
"""``full``: tag and parse every sentence; ``selective``: only those :func:`choose` keeps."""

BEFORE = 1
"""Sentences kept before each sentence with a cue."""
AFTER = 1
"""Sentences kept after each sentence with a cue."""

MARK_CHARS = frozenset("„“”»«‚‘›‹\"")
"""Characters that make a token a quotation mark (the apostrophe-like ’ and ' are left to the scan)."""

SOURCE_WORDS = frozenset({"laut", "zufolge", "gemäß", "demnach", "wonach", "vernehmen"})
"""Words of a source phrase without a reporting verb ("laut X", "X zufolge", "dem Vernehmen nach")."""

COMPOUND_HEAD = 6
"""Letters a noun of saying or a source noun needs to count as the head of a compound ("Polizeiangaben",
not "Soldaten" for "Daten")."""

_ENDINGS = ("eten", "ete", "test", "tet", "ten", "te", "est", "et", "st", "en", "e", "t", "n")


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    """The reporting-verb lemmas ("sagen", "mitteilen", "heißen")."""
    return frozenset(set(load_table("speech_verbs")) | set(load_table("reported_verbs"))
                     | set(load_table("impersonal_verbs")))


@lru_cache(maxsize=1)
def _particle_verbs() -> dict[str, frozenset[str]]:
    """Base verb -> the particles that make it a reporting verb: "teilen" -> {"mit"} (of "mitteilen")."""
    out: dict[str, set[str]] = {}
    for lemma in _verb_lemmas():
        for p in load_words("separable_particles"):
            if lemma.startswith(p) and len(lemma) - len(p) >= 4:
                out.setdefault(lemma[len(p):], set()).add(p)
    return {base: frozenset(ps) for base, ps in out.items()}


@lru_cache(maxsize=65536)
def _infinitives(form: str) -> frozenset[str]:
    """Infinitives ``form`` may belong to, guessed from its ending: "sagte", "gesagt" -> "sagen"; "sprach"
    -> "sprechen" (``irregular_verbs.txt``)."""
    irregular = load_table("irregular_verbs")
    forms = {form}
    for prefix in ("ge", "zu"):
        if form.startswith(prefix) and len(form) - len(prefix) >= 3:
            forms.add(form[len(prefix):])
    out = set()
    for f in forms:
        out.add(f)
        if f in irregular:
            out.add(irregular[f][0])
        for end in _ENDINGS:
            if f.endswith(end) and len(f) - len(end) >= 2:
                out.update((f[: -len(end)] + "en", f[: -len(end)] + "n"))
    return frozenset(out)


def reporting_verb_form(low: str, sentence: frozenset[str] = frozenset()) -> bool:
    """``low`` (a lower-case word) may be a form of a reporting verb: "sagte", "gesagt", "mitgeteilt",
    "teilte" of "mitteilen" where the particle "mit" is one of the ``sentence``'s words, "sprach".
    Generous on purpose: a false hit costs a parse, a miss may cost a quotation."""
    if len(low) < 3 or not low.isalpha():
        return False
    lemmas = _verb_lemmas()
    guesses = _infinitives(low)
    if guesses & lemmas:
        return True
    particle_verbs = _particle_verbs()
    for g in guesses:  # a detached particle: "teilte … mit"
        if g in particle_verbs and particle_verbs[g] & sentence:
            return True
    for p in load_words("separable_particles"):  # written together: "mitgeteilt", "anzukündigen"
        if low.startswith(p) and len(low) - len(p) >= 4:
            if any(p + g in lemmas for g in _infinitives(low[len(p):])):
                return True
    return False


def konjunktiv_form(word: str) -> bool:
    """``word`` may be a Konjunktiv form of reported speech ("sei", "hätten", "gelte")."""
    low = word.lower()
    if low in load_table("konjunktiv_forms"):
        return True
    return word[:1].islower() and len(low) >= 4 and low.endswith("e") and low + "n" in load_words("verb_lemmas")


def cue_kinds(tokens: Sequence[str]) -> set[str]:
    """What a sentence of these token forms holds that a rule starts from: ``mark`` (a quotation mark),
    ``frame`` (a colon, a reporting verb, a noun of saying, a source word or noun), ``konjunktiv``."""
    kinds: set[str] = set()
    lows = frozenset(t.lower() for t in tokens)
    for i, tok in enumerate(tokens):
        if any(ch in MARK_CHARS for ch in tok) or tok in ("``", "''"):
            kinds.add("mark")
            continue
        low = tok.lower()
        if tok == ":" or low in SOURCE_WORDS or (low == "so" and i > 0 and tokens[i - 1] == ","):  # "…, so X."
            kinds.add("frame")
            continue
        if not tok[:1].isalpha():
            continue
        if "frame" not in kinds and (
                tok[:1].isupper() and (compound_of(low, "speech_nouns", COMPOUND_HEAD)
                                       or compound_of(low, "source_nouns", COMPOUND_HEAD))
                or (i == 0 or tok[:1].islower()) and reporting_verb_form(low, lows)):
            kinds.add("frame")
        if "konjunktiv" not in kinds and konjunktiv_form(tok):
            kinds.add("konjunktiv")
    return kinds


def cue_sentence(tokens: Sequence[str]) -> bool:
    """Whether a sentence of these token forms holds anything a rule starts from (:func:`cue_kinds`)."""
    return bool(cue_kinds(tokens))


def choose(text: str, spans: Sequence[tuple[int, int]], tokens: Sequence[Sequence[str]],
           before: int = BEFORE, after: int = AFTER) -> list[bool]:
    """Which sentences to tag and parse.

    Args:
        text: the document.
        spans: ``(start, end)`` character offsets of each sentence, in order.
        tokens: the token forms of each sentence.
        before: neighbours kept before a sentence with a cue.
        after: neighbours kept after it.

    Returns:
        One flag per sentence: True where it is to be parsed.
    """
    n = len(spans)
    cue = [cue_sentence(t) for t in tokens]
    keep = list(cue)
    for i in range(n):
        if cue[i]:
            for j in range(max(0, i - before), min(n, i + after + 1)):
                keep[j] = True

    quoted = scan(text) if any(cue) else []
    if quoted:
        k = 0
        for q in sorted(quoted, key=lambda q: q.start):
            while k < n and spans[k][1] <= q.start:
                k += 1
            j = k
            while j < n and spans[j][0] < q.end:
                keep[j] = True
                j += 1
    return keep

"""The quote gate: keep or drop a tentative candidate.

Where a rule family would drop a candidate for precision (a speech act with no subject or an impersonal
one, in a subordinate or question sentence, with a reporting verb outside the reported-speech list;
hearsay "sollen" without a past infinitive; a Konjunktiv that is only conditional), it proposes it
*tentative* instead (:attr:`quotes.rules.base.Candidate.tentative`, with the reasons). The engine's
``gate`` steps ask :class:`QuoteGate` about each one: a logistic regression over the features below
(:func:`features`) gives the probability that the candidate is a quotation of the corpus (message
token-overlap F1 ≥ 0.5 with a gold annotation); the candidate stays when that probability reaches the
threshold stored in the model file (chosen on cross-validation over the train articles, see
:mod:`quotes.learn.train`). The probability is written to the record's evidence (``gate:0.62``) and read by
the confidence model.

The packaged model is ``quotes/data/models/quote_gate.json``. Without it (or with ``learned=False``)
every tentative candidate is dropped: the rules-only behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

from ..doc import Word
from ..rules.base import Candidate, Context, Offsets
from ..rules.morph import is_role_noun, konjunktiv, speech_lemma
from .model import LinearModel, packaged
from .speaker_features import bucket

MODEL_NAME = "quote_gate"
"""The packaged model's name (``quotes/data/models/quote_gate.json``)."""

PERSONAL_PRONOUNS = frozenset({"er", "sie", "es", "ich", "wir", "ihr", "du", "man", "dies", "das", "dieser", "diese"})


def _words(ctx: Context, spans: Sequence[Offsets]) -> list[Word]:
    """The words inside the content ``spans`` of a candidate."""
    out = []
    for s, e in spans:
        for k in range(ctx.sentence_index(s), ctx.sentence_index(max(s, e - 1)) + 1):
            out += [w for w in ctx.sentences[k].words if s <= w.start and w.end <= e]
    return out


def subject_kind(speaker: Optional[list[Word]]) -> str:
    """What the candidate's speaker mention is: ``none``, ``name``, ``role`` (a role noun: "der Sprecher"),
    ``pron:<form>`` or ``noun``."""
    if not speaker:
        return "none"
    if any(w.upos == "PROPN" for w in speaker):
        return "name"
    if any(is_role_noun(w.text) for w in speaker):
        return "role"
    pron = next((w for w in speaker if w.upos == "PRON"), None)
    if pron is not None and len(speaker) <= 2:
        return f"pron:{pron.low}" if pron.low in PERSONAL_PRONOUNS else "pron:other"
    return "noun"


def _gap(ctx: Context, cand: Candidate, others: Sequence[Candidate], start: int, end: int, first: int,
         last: int) -> tuple[str, str]:
    """Sentences from the nearest firm candidate before and after ``cand`` (bucketed; "none" where none).

    Args:
        ctx: the document.
        cand: the candidate; its content runs from ``start`` to ``end``, over sentences ``first`` to ``last``.
        others: the document's candidates at this step.
    """
    before, after = [], []
    for o in others:
        if o is cand or o.tentative:
            continue
        o_start, o_end = o.start, o.end  # properties over the candidate's content: read once
        if o_end <= start:
            before.append(first - ctx.sentence_index(max(o_start, o_end - 1)))
        if o_start >= end:
            after.append(ctx.sentence_index(o_start) - last)
    edges = (0, 1, 2, 4)
    return (bucket(min(before), edges) if before else "none", bucket(min(after), edges) if after else "none")


def features(ctx: Context, cand: Candidate, others: Sequence[Candidate] = ()) -> dict[str, float]:
    """Named features of one tentative candidate.

    Args:
        ctx: the document.
        cand: the candidate (its content, cue lemma, speaker and tentative reasons).
        others: the document's other candidates at this step (the firm ones tell how close the nearest
            quotation is).

    Returns:
        Feature name -> value: the rule, each tentative reason (whole and by kind), the cue lemma (and with
        the reasons' kind), the subject kind, Konjunktiv I or only conditional Konjunktiv in the content,
        quotation marks, numbers, a reporting verb, the prepositions the speech-act verb governs, the
        length in words and sentences, where in the article the candidate stands and how far the nearest
        firm quotation is.
    """
    spans = cand.spans
    start, end = cand.start, cand.end
    words = _words(ctx, spans)
    if all(a[1] <= b[0] for a, b in zip(spans, spans[1:])):  # the words in text order: one look where no mark is near
        free = ctx.unquoted(words)
    else:
        free = [w for w in words if ctx.mark_covering(w.start, w.end) is None]
    verbs = [w for w in free if w.upos in ("VERB", "AUX")]  # the only words konjunktiv and speech_lemma accept
    fam = cand.rule.split(".")[0]
    f: dict[str, float] = {"bias": 1.0, f"rule={cand.rule}": 1.0, f"type={cand.type.value}": 1.0}
    kinds = sorted({r.split(":")[0] for r in cand.tentative})
    for reason in cand.tentative:
        f[f"reason={reason}"] = 1.0
    for kind in kinds:
        f[f"reason_kind={kind}"] = 1.0
    f[f"reasons={min(len(cand.tentative), 3)}"] = 1.0
    cue = cand.cue_lemma or "-"
    f[f"cue={cue}"] = 1.0
    for kind in kinds:
        f[f"cue={cue}&reason_kind={kind}"] = 1.0
    spk = subject_kind(cand.speaker)
    f[f"subject={spk}"] = 1.0
    f[f"subject={spk.split(':')[0]}&fam={fam}"] = 1.0
    if any(konjunktiv(w, strict=True) for w in verbs):
        f["konjunktiv1"] = 1.0
    elif any(konjunktiv(w) for w in verbs):
        f["konjunktiv2_only"] = 1.0
    if any(w.low in ("soll", "sollen", "sollte", "sollten") for w in free):
        f["sollen"] = 1.0
    if ctx.marks_in(start, end):
        f["marks_inside"] = 1.0
    if any(map(str.isdigit, "".join([w.text for w in words]))):  # a digit in any word
        f["number"] = 1.0
    if any(speech_lemma(w) for w in verbs if w.upos == "VERB"):
        f["speech_verb"] = 1.0
    for w in free:
        if w.upos == "ADP" and (parent := w.parent) is not None and (verb := parent.parent) is not None \
                and speech_lemma(verb) is not None:
            f[f"prep={w.low}"] = 1.0
    if words:
        f[f"first={words[0].upos}"] = 1.0
        if words[-1].text == "?" or ctx.text[end - 1 : end] == "?":
            f["question"] = 1.0
    f[f"words={bucket(len(words), (4, 8, 15, 25, 40))}"] = 1.0
    first = ctx.sentence_index(start)
    last = ctx.sentence_index(max(start, end - 1))
    sentences = last - first + 1
    f[f"sentences={min(sentences, 3)}"] = 1.0
    f[f"position={bucket(first, (0, 1, 3, 6, 12))}"] = 1.0
    share = first / max(1, len(ctx.sentences) - 1)
    f[f"third={bucket(share, (0.34, 0.67, 1.0))}"] = 1.0
    before, after = _gap(ctx, cand, others, start, end, first, last)
    f[f"quote_before={before}"] = 1.0
    f[f"quote_after={after}"] = 1.0
    f[f"quote_before={before}&fam={fam}"] = 1.0
    for key in [k for k in f if "&" not in k and k.startswith(BY_KIND)]:
        for kind in kinds:
            f[f"{key}&reason_kind={kind}"] = f[key]
    return f


BY_KIND = ("subject=", "quote_before=", "quote_after=", "konjunktiv", "sollen", "number", "speech_verb", "words=",
           "position=", "first=")
"""Features that also count separately for each kind of tentative reason (a hearsay sentence right after a
quotation is another matter than a speech act without subject right after one)."""


@dataclass
class QuoteGate:
    """The engine's gate (:data:`quotes.rules.base.Gate`): a tentative candidate's probability where it
    reaches the model's threshold, else None (drop).

    Attributes:
        model: the gate's logistic regression; its ``threshold`` decides.
        threshold: overrides the model's threshold (used when training chooses one).
    """

    model: LinearModel
    threshold: Optional[float] = None

    @property
    def cut(self) -> float:
        if self.threshold is not None:
            return self.threshold
        return self.model.threshold if self.model.threshold is not None else 0.5

    def probability(self, ctx: Context, cand: Candidate, others: Sequence[Candidate] = ()) -> float:
        """The probability that ``cand`` is a quotation of the corpus."""
        return self.model.probability(features(ctx, cand, others))

    def __call__(self, ctx: Context, cand: Candidate, others: list[Candidate]) -> Optional[float]:
        p = self.probability(ctx, cand, others)
        return p if p >= self.cut else None


def packaged_gate() -> Optional[QuoteGate]:
    """The packaged gate, or None where the package ships no ``quote_gate.json``."""
    model = packaged(MODEL_NAME)
    return None if model is None else QuoteGate(model)


@dataclass
class Recorder:
    """A gate for training: it records every tentative candidate's features and content and drops it, so
    the engine's output stays that of the rules alone.

    Attributes:
        seen: (features, content spans, rule) of every tentative candidate asked about, in engine order.
    """

    seen: list[tuple[dict[str, float], list[Offsets], str]] = field(default_factory=list)

    def __call__(self, ctx: Context, cand: Candidate, others: list[Candidate]) -> Optional[float]:
        self.seen.append((features(ctx, cand, others), list(cand.spans), cand.rule))
        return None

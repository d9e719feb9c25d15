"""Indirect speech after a noun of saying (rule ``indirect.noun_frame`` of the indirect family): "… vertritt
die Auffassung, die Welt befände sich …", "die Forderung, … zu …", "Es gibt Hinweise, dass …". The noun closes
a segment of the sentence and the reported content fills the next; the speaker is the noun's genitive
attribute, its subject ("X ist der Meinung, …"), or the subject of the verb the noun phrase hangs on.
"""

from __future__ import annotations

from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import load_words
from ..models import QuoteType
from .base import Candidate, Context, WordRange, in_text_order
from .morph import is_role_noun
from .clauses import content_evidence, content_words, starts_new_clause
from .phrases import np_extent, surface_np
from .speaking import can_speak
from .subjects import find_subject
from .vocab import AGENT_PREPOSITIONS, ARTICLES, RELATIVE


def _governing_verb(noun: Word) -> Optional[Word]:
    """The verb the noun phrase hangs on, over nominal heads the parser put between:
    "erteilte der Luftwaffe den Befehl" (Befehl under Luftwaffe)."""
    head = noun.parent
    for _ in range(3):
        if head is None or head.upos in ("VERB", "AUX"):
            return head
        if head.upos not in ("NOUN", "PROPN"):
            return None
        head = head.parent
    return None


def _attribute_agent(noun: Word) -> Optional[list[Word]]:
    """The agent of a participle attribute between the noun's article and the noun, read from the surface:
    "Die von Arnold direkt nach dem Freispruch geäußerte Hoffnung, …" -> Arnold."""
    sent = noun.sent
    if sent is None or noun.i < 4 or sent.words[noun.i - 1].upos != "ADJ":
        return None
    words = sent.words
    for k in range(max(1, noun.i - 10), noun.i - 2):
        if words[k].low in AGENT_PREPOSITIONS and words[k - 1].upos == "DET" and words[k - 1].low in ARTICLES:
            agent = surface_np(sent, words[k + 1].id, noun.id - 2)
            return agent if agent and can_speak(agent) else None
    return None


ATTRIBUTE_OPENERS = frozenset({"des", "der", "eines", "einer", "von", "vom"})
"""Words that open a genitive or "von" attribute after a noun of saying ("die Forderung | des Vorsitzenden")."""


SOURCE_PREPOSITIONS = frozenset({"nach", "laut", "gemäß", "mit", "zufolge"})
"""Prepositions that make a noun of saying with its attribute a source, which the source rules read ("nach
Angaben des Direktors, …", "mit den Worten der Sprecherin, …")."""


def _noun_before_attribute(seg: list[Word], nouns) -> tuple[Optional[Word], Optional[list[Word]]]:
    """The noun of saying that a genitive or "von" attribute follows up to the segment's end ("die Forderung
    | des CSU-Vorsitzenden Edmund Stoiber", "den Plan | von Bundesinnenminister Wolfgang Schäuble"), with the
    attribute; (None, None) where there is none. Every word of the attribute hangs on the noun in the tree."""
    for k in range(len(seg) - 2, max(-1, len(seg) - 10), -1):
        noun = seg[k]
        if noun.upos != "NOUN" or noun.low not in nouns:
            continue
        attribute = seg[k + 1 :]
        opened = [j for j, w in enumerate(attribute) if w.text == "("]
        if len(opened) > sum(w.text == ")" for w in attribute):
            attribute = attribute[: opened[-1]]  # a bracket the comma cut: "von Jürgen Möllemann | (FDP,)"
        if not attribute:
            return None, None
        if attribute[0].low not in ATTRIBUTE_OPENERS or not any(w.upos in ("NOUN", "PROPN") for w in attribute):
            return None, None
        below = {x.id for x in noun.sent.subtree(noun)} if noun.sent is not None else set()
        if not all(w.id in below for w in attribute) or not can_speak(attribute):
            return None, None
        before = [w.low for w in seg[max(0, k - 2) : k]]
        if any(w in SOURCE_PREPOSITIONS for w in before):
            return None, None  # "nach Angaben des Direktors, …", "mit den Worten der Sprecherin, …": a source
        return noun, attribute
    return None, None


def noun_frames(ctx: Context, sent: Sentence, segs: list[list[Word]]) -> list[Candidate]:
    """"… vertritt die Auffassung, die Welt befände sich …", "die Forderung, … zu …":
    a noun of saying closing a segment, or followed by its attribute up to the segment's end ("die Forderung
    des CSU-Vorsitzenden Edmund Stoiber, … zu …"), reported content in the next."""
    out = []
    nouns = load_words("speech_nouns")
    for i, seg in enumerate(segs[:-1]):
        noun, attribute = seg[-1], None
        if noun.upos != "NOUN" or noun.low not in nouns:
            noun, attribute = _noun_before_attribute(seg, nouns)
            if attribute is not None and (segs[i + 1][0].upos == "PROPN" or is_role_noun(segs[i + 1][0].text)):
                continue  # the attribute's apposition follows: "der Sprecherin der FDP, Gisela Piltz, …"
        if noun is None or noun.upos != "NOUN" or noun.low not in nouns or ctx.mark_covering(noun.start, noun.end):
            continue
        if seg[0].low == "so" and not any(w.upos in ("VERB", "AUX") for w in seg):
            continue  # "Es sei, so der Bericht, …": the noun is the source of a "so" frame, which source.so reads
        end_seg = next((j for j in range(i + 2, len(segs)) if starts_new_clause(segs[j])), len(segs))
        rest = [w for s in segs[i + 1 : end_seg] for w in s]
        if not rest or rest[0].low in RELATIVE and rest[0].upos == "PRON":
            continue
        evidence = content_evidence(rest, "", False)
        if evidence is None or evidence == "main-clause":
            continue
        last = content_words(rest)[-1]
        verb = _governing_verb(noun)
        if verb is not None and not any(w is verb for w in seg):
            verb = None  # the verb of the content clause ("mit folgenden Worten: „Es gibt …“") is no frame
        spk = None
        genitive = [c for c in noun.children if c.deprel.startswith("nmod") and c.id > noun.id]
        subject = next((c for c in noun.children if c.deprel.startswith("nsubj") and c.id < noun.id), None)
        if attribute is not None:
            # "die Forderung des CSU-Vorsitzenden Edmund Stoiber, …": the corpus takes the whole phrase
            k = noun.i - seg[0].i
            while k > 0 and seg[k - 1].parent is noun and seg[k - 1].upos in ("DET", "ADJ"):
                k -= 1  # the noun's article and adjectives: "die | Forderung"
            spk = seg[k : noun.i - seg[0].i + 1] + attribute
        elif genitive:
            spk = np_extent(genitive[0])
        elif subject is not None:
            spk = np_extent(subject, (seg[0].id, noun.id - 1))  # "X ist der Meinung, …"
        elif verb is not None and verb.lem == "geben" and any(c.low == "es" for c in verb.children):
            # "Es gibt Hinweise, dass …": the corpus takes the noun phrase as the source
            spk = [w for w in seg if w.id <= noun.id and (w is noun or w.parent is noun and w.upos in ("DET", "ADJ"))]
        elif verb is not None and verb.id < noun.id:
            spk = find_subject(sent, verb, seg[0].id, seg[-1].id)
            if spk and any(w.id == noun.id for w in spk):
                spk = None
            if not spk and i > 0 and any(c.deprel == "case" and c.low == "mit" for c in noun.children):
                # "mit der Aufforderung, …" says how the subject spoke, and the subject may stand before a relative
                # clause that ends in a comma: "Thaksin, der … im Exil lebt, wandte sich an seine Anhänger mit der
                # Aufforderung, …" (an object noun, "bestritt die Annahme, …", the corpus often gives no speaker)
                spk = find_subject(sent, verb, personal=True)
                if spk and (not can_speak(spk) or any(w.id >= noun.id for w in spk)):
                    spk = None
        if not spk:
            spk = _attribute_agent(noun)
        cue = [noun] + ([verb] if verb is not None else [])
        out.append(Candidate(
            type=QuoteType.INDIRECT,
            content=[WordRange(rest[0], last)],
            rule="indirect.noun_frame",
            confidence=0.6,
            cue=in_text_order(cue),
            cue_lemma=noun.lem,
            speaker=spk or None,
            evidence=[evidence, f"noun:{noun.low}"],
            frame=True,
        ))
    return out



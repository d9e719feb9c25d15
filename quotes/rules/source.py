"""Source phrases: "laut X", "X zufolge", "nach Angaben von X", "gemäß X",
"…, so X.", "wie X mitteilte", "demnach", "…, wonach …", "dem Vernehmen nach".

The content is the rest of the clause the phrase stands in; where the phrase
sits in the middle ("Aktuell geht es nach russischen Medienangaben darum, …")
the content has two spans around it.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..doc import Sentence, Word
from ..lexicon import load_words, verb_value
from ..models import QuoteType
from .base import RELATIVE_SOURCE, Candidate, Context, Piece, WordRange, in_text_order, is_punct, word_range, span_of
from .quotemarks import GERMAN_CLOSERS, GERMAN_OPENERS
from .clauses import (content_words, cue_words, middle_field_follows, opens_subclause, relative_clause_end, segments,
                      semicolon_clause, verb_list_item)
from .morph import after_zu, finite, speech_lemma, tagged_finite
from .vocab import COMPLEMENTIZERS, DEFINITE_ARTICLES, REFERRING_ADJECTIVES, RELATIVE_SOURCES, SPEAKER_POSSESSIVES
from .phrases import antecedent, surface_np
from .source_phrase import is_event_noun, is_source_noun, np_after, np_before, np_follows
from .roles import place_prepositions, place_source

name = "source"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        for w in sent.words:
            # most words are no cue: passed over at once, without storing a lower-case form on each
            # (``w.low`` is ``w.text.lower()``)
            reader = CUES.get(w.text.lower())
            if reader is None or ctx.mark_covering(w.start, w.end):
                continue
            cand = reader(ctx, sent, w)
            if cand:
                out.append(cand)
    return out


def _laut(ctx, sent, w) -> Optional[Candidate]:
    if not np_follows(sent, w):
        return None
    return _relative_source(ctx, sent, w) or _prep_before_np(ctx, sent, w, "laut")


def _gemaess(ctx, sent, w) -> Optional[Candidate]:
    return _prep_before_np(ctx, sent, w, "gemäß") if np_follows(sent, w) else None


def _zufolge(ctx, sent, w) -> Optional[Candidate]:
    return _postposition(ctx, sent, w, "zufolge")


def _content_around(ctx: Context, sent: Sentence, frame: list[Word]) -> list[Piece]:
    """The clause around ``frame`` minus the frame (one or two spans)."""
    segs = segments(sent)
    fids = {w.id for w in frame}
    # the clause: the segment holding the frame, extended over following segments until the sentence end
    seg_i = next((i for i, s in enumerate(segs) if any(w.id in fids for w in s)), 0)
    lo_seg = seg_i
    hi_seg = len(segs) - 1
    # a frame that is its own segment at the start ("Laut X, ...") or the end (", so X")
    seg_words = [w for w in segs[seg_i] if w.id not in fids]
    if not content_words(seg_words):
        if seg_i == 0:
            lo_seg = 1
        elif seg_i < len(segs) - 1 and (frame[0].low == "so" or middle_field_follows(
                segs[:seg_i], segs[seg_i + 1])):
            lo_seg = 0  # interposed ", so X weiter, …", "Die Kürzung verstoße, wie X mitteilte, gegen …": the
            # content goes on both sides
        else:
            hi_seg = seg_i - 1
            lo_seg = 0
    elif seg_i > 0 and opens_subclause(segs[seg_i]):
        # the frame sits in a subordinate clause: "…, der laut Anklage … ausgeführt habe"
        lo_seg = hi_seg = seg_i
        # its zu-infinitive goes with it: "da die Familie nach Celebis Angaben versuchen könnte, die Kinder zu entführen"
        while hi_seg + 1 < len(segs) and content_words(segs[hi_seg + 1]) \
                and after_zu(content_words(segs[hi_seg + 1])[-1]) and not opens_subclause(segs[hi_seg + 1]):
            hi_seg += 1
    else:
        # back to the sentence start, but not over a main clause of its own: "Alle kleineren Häfen bleiben
        # gesperrt, lediglich der Haupthafen wurde nach Angaben der Behörden freigegeben"
        lo_seg = seg_i
        while lo_seg > 0 and not (_main_clause(segs[seg_i]) and _main_clause(segs[lo_seg - 1])
                                  and not any(opens_subclause(x) for x in segs[: lo_seg - 1])):
            lo_seg -= 1
        # a post-posed frame of another event ends the content: "…, erklärte ein Behördensprecher."
        # so does a main clause of another speaker's own: "…, die Polizei spricht von 4.000 Teilnehmern."
        for j in range(seg_i + 1, len(segs)):
            if speech_lemma(segs[j][0]) is not None and segs[j][0].upos == "VERB" and not verb_list_item(segs, j) \
                    or _speaking_clause(segs[j]):
                hi_seg = j - 1
                break
    # a relative clause on the source belongs to the frame: "Nach Berichten der Zeitung, die sich auf
    # Militärkreise stützen, kommt …"
    end_i = next((i for i, s in enumerate(segs) if frame[-1] in s), seg_i)
    if all(w.id in fids for w in segs[end_i]) and end_i + 1 < len(segs) and opens_subclause(segs[end_i + 1]) \
            and segs[end_i + 1][0].low not in COMPLEMENTIZERS and segs[end_i + 1][0].upos != "SCONJ":
        fids = fids | {w.id for w in segs[end_i + 1]}
    words = [w for s in segs[lo_seg : hi_seg + 1] for w in s if w.id not in fids]
    # a semicolon closes the clause: "Die Tat sei …; nach Behördenangaben stecke …"
    lo_id, hi_id = semicolon_clause(sent, frame[0].id, frame[-1].id)
    words = content_words([w for w in words if lo_id < w.id < hi_id])
    if not words:
        return []
    runs: list[list[Word]] = [[]]
    for w in words:
        if runs[-1] and w.id != runs[-1][-1].id + 1 and any(f.id in fids and runs[-1][-1].id < f.id < w.id
                                                            for f in frame):
            runs.append([])
        runs[-1].append(w)
    return [p for p in (_trimmed(ctx, r) for r in runs) if p is not None]


def _speaking_clause(seg: list[Word]) -> bool:
    """A main clause whose subject opens it and whose finite verb, right after the subject, is a verb of saying:
    "die Polizei spricht von 4.000 Teilnehmern" (not a subordinate or relative clause)."""
    words = content_words(seg)
    if len(words) < 3 or opens_subclause(seg) or words[0].upos not in ("DET", "NOUN", "PROPN"):
        return False
    verb = next((w for w in words if w.upos in ("VERB", "AUX") and w.finite), None)
    return verb is not None and verb.upos == "VERB" and speech_lemma(verb) is not None \
        and all(w.upos in ("DET", "ADJ", "NOUN", "PROPN") for w in words[: verb.i - words[0].i])


def _trimmed(ctx: Context, words: list[Word]) -> Optional[Piece]:
    """A run of content words past white space and commas or dashes at its edges; character offsets
    where that cuts into a word, None where nothing is left."""
    s, e = ctx.trim(words[0].start, words[-1].end)
    if e <= s:
        return None
    return WordRange(words[0], words[-1]) if (s, e) == (words[0].start, words[-1].end) else (s, e)


def _main_clause(seg: list[Word]) -> bool:
    """A verb-second main clause of its own: something, then the finite verb ("lediglich der Haupthafen
    wurde …"); not a subordinate clause, not a clause opened by "und"."""
    if not seg or opens_subclause(seg) or seg[0].upos in ("CCONJ", "SCONJ"):
        return False
    finite = next((w for w in seg if tagged_finite(w)), None)
    return finite is not None and finite is not seg[0]


def _make(ctx, sent, frame, cue_words, speaker, rule, lemma, conf) -> Optional[Candidate]:
    content = _content_around(ctx, sent, frame)
    if not content or sum(len(ctx.text[s:e].split()) for s, e in map(span_of, content)) < 3:
        return None
    return Candidate(
        type=QuoteType.INDIRECT,
        content=content,
        rule=rule,
        confidence=conf,
        cue=list(cue_words),
        cue_lemma=lemma,
        speaker=speaker or None,
        evidence=[f"source:{lemma}"],
        frame=True,
    )


def _prep_before_np(ctx, sent, w, lemma) -> Optional[Candidate]:
    np = np_after(ctx, sent, w)
    if not np:
        return None
    return _make(ctx, sent, [w] + np, [w], np, f"source.{lemma}", lemma, 0.85)


def _predicative(words: list[Word], i: int) -> bool:
    """``words[i]`` is an adjective that no noun follows: a predicative ("sei seiner Ansicht nach | fragwürdig"),
    not the start of a noun phrase governed by "nach"."""
    return words[i].upos == "ADJ" and (i + 1 >= len(words) or words[i + 1].upos not in ("NOUN", "PROPN", "ADJ", "X"))


def _nach(ctx, sent, w) -> Optional[Candidate]:
    words = sent.words
    # postposition: "dem Vernehmen nach", "Angaben der Polizei nach"
    np_next = np_follows(sent, w) and words[w.i + 1].upos != "VERB" and not _predicative(words, w.i + 1)
    if w.i > 0 and (words[w.i - 1].low == "vernehmen" or is_source_noun(words[w.i - 1]) and not np_next):
        np = [x for x in words[max(0, w.i - 3) : w.i] if not is_punct(x)]
        while np and np[0].upos not in ("DET", "NOUN", "PROPN", "ADJ"):
            np.pop(0)
        if np and not _own_view(np):
            return _make(ctx, sent, np + [w], [w], np, "source.nach", "nach", 0.8)
    relative = _relative_source(ctx, sent, w)
    if relative is not None:
        return relative
    np = np_after(ctx, sent, w)
    noun = next((x for x in np[:4] if is_source_noun(x)), None) if np else None
    if noun is None or _dated_event(np, noun) or _own_view(np):
        return None
    return _make(ctx, sent, [w] + np, [w], np, "source.nach", "nach", 0.85)


def _own_view(np: list[Word]) -> bool:
    """"meiner Meinung nach", "nach unserer Einschätzung", "Ihrer Meinung nach" (the formal "you"): a possessive
    of the first or second person (``vocab.SPEAKER_POSSESSIVES``) voices the view of whoever speaks, most often
    inside a quotation or an interview, and names no source of its own."""
    first = np[0]
    return first.low in SPEAKER_POSSESSIVES or first.text.startswith("Ihr") and first.i > 0 and first.upos == "DET"


def _dated_event(np: list[Word], noun: Word) -> bool:
    """"nach der Veröffentlichung", "nach der Auszählung aller Stimmen": a noun of an act (``source_nouns`` marks
    it "event", also as the end of a compound) after a definite article says when, not who; with an indefinite
    article or none it cites ("nach einer Veröffentlichung im Magazin „Nature“", "nach Zählung des Regisseurs")."""
    if not is_event_noun(noun):
        return False
    return any(x.low in DEFINITE_ARTICLES for x in np if x.id < noun.id)


def _relative_source(ctx, sent, w) -> Optional[Candidate]:
    """"Gerüchte, nach denen Barrett an Krebs litt" / "Pläne, laut denen …": the relative clause is the content."""
    words = sent.words
    if not (0 < w.i < len(words) - 2 and words[w.i - 1].text == "," and words[w.i + 1].low in RELATIVE_SOURCES
            and words[w.i + 1].upos in ("PRON", "DET")):
        return None
    if words[w.i + 1].low != "denen" and words[w.i + 2].upos in ("NOUN", "ADJ", "PROPN", "NUM"):
        return None  # an article, not a relative pronoun: ", nach dem Krieg" ("denen" is never an article:
        # "Gerüchte, nach denen Barrett an Krebs litt")
    rel = words[w.i + 1]
    ante = antecedent(w)  # the phrase before ", nach denen"
    if not ante or not any(is_source_noun(x) or x.low in load_words("speech_nouns") for x in ante):
        return None  # "der Trafobrand, nach dem …" is time, not a source
    return _relative_candidate(words, rel, w)


def _relative_candidate(words: list[Word], rel: Word, cue: Word) -> Optional[Candidate]:
    """The rest of the relative clause after ``cue`` as the content of the relative pronoun ``rel``, up to the
    next comma or sentence mark; None for fewer than three words. The mention is the relative pronoun, as the
    corpus marks it; speaker resolution names the noun phrase before the comma (:mod:`quotes.speakers`)."""
    start = max(rel.i, cue.i) + 1
    end = start
    while end < len(words) and words[end].text not in (",", ".", ";", ":", "!", "?"):
        end += 1
    content = content_words(words[start:end])
    if len(content) < 3:
        return None
    return Candidate(QuoteType.INDIRECT, [word_range(content)], f"source.{cue.low}_relative", 0.7, cue=[cue],
                     cue_lemma=cue.low, speaker=[rel], evidence=[f"source:{cue.low}", RELATIVE_SOURCE], frame=True)


def _postposition(ctx, sent, w, lemma) -> Optional[Candidate]:
    words = sent.words
    if 1 < w.i and words[w.i - 1].low in RELATIVE_SOURCES and words[w.i - 1].upos in ("PRON", "DET") \
            and words[w.i - 2].text == ",":
        return _relative_candidate(words, words[w.i - 1], w)  # "Grundsätzen, denen zufolge …"
    np = np_before(sent.words, w.i - 1)
    if not np:
        return None
    return _make(ctx, sent, np + [w], [w], np, f"source.{lemma}", lemma, 0.85)


def _so_frame_end(sent: Sentence, w: Word, verb: Optional[Word]) -> Optional[tuple[Word, list[Word]]]:
    """The last word of a "so X" frame and the phrase X, or None where "so" is no frame.

    ", so der Sprecher." closes a sentence; ", so Obama weiter, würde …" is
    interposed, the content going on after the comma. Appositions and
    adverbials may follow the name ("so Ursula Castrup, die Leiterin der
    Fachstelle", "so der Sprecher am Montag"), but no clause of their own.
    With ``verb`` (:func:`_so_verb`: "…, so bestätigt das Gericht") the phrase
    starts after the verb and its adverbs.
    """
    start = _after_adverbs(sent, verb).id if verb is not None else w.id + 1
    np = surface_np(sent, start)
    if not np and start <= len(sent.words) and sent.words[start - 1].low in REFERRING_ADJECTIVES:
        np = [sent.words[start - 1]]  # "…“, so letztere.": an adjective that stands for a person named before
    if not np or np[0].text in GERMAN_OPENERS and any(x.upos in ("VERB", "AUX") and finite(x) for x in np):
        return None  # a quoted clause after "so" is what was said, not its source: "Kämen sie nicht nach, so
        # „schütze sie Gott“" (a quoted name is one: "so die „Bild“-Zeitung")
    rest: list[Word] = []
    for x in sent.words[np[-1].id :]:
        if x.text == ":" or x.text in GERMAN_OPENERS:
            break  # "so Elshorst weiter: „…“"
        rest.append(x)
    if any(x.low in ("und", "oder", "sowie") for x in rest[:6]) and rest[:1] and rest[0].text == ",":
        return None  # an enumeration: "…, so Finnland, Polen und die baltischen Länder"
    verbs = [x for x in rest if x.finite]  # (not "finite": the name of morph.finite, which this module uses)
    comma = next((x for x in rest if x.text in (",", "–")), None)
    if not verbs and comma is not None and comma.id - np[-1].id <= 3 \
            and any(x.upos in ("VERB", "AUX") for x in rest if x.id > comma.id):
        return sent.words[comma.i - 1], np  # interposed before the rest of a clause without a finite verb of its
        # own: "Es sei, so der Bericht, für alle möglich gewesen, …" (the participle goes on the content's clause)
    if not verbs:
        tail = [x for x in rest if not is_punct(x)]
        return (tail[-1] if tail else np[-1]), np
    # interposed: the frame ends at the comma before the content resumes
    if comma is not None and comma.id < verbs[0].id and comma.id - np[-1].id <= 3:
        return sent.words[comma.i - 1], np
    return None


OBJECT_PRONOUNS = frozenset({"ihn", "ihm", "ihnen", "sich", "uns", "mir", "mich", "dir", "dich", "euch"})
"""Pronouns that are never the subject, which may stand between a verb and its subject."""


def _so_verb(sent: Sentence, w: Word) -> Optional[Word]:
    """The reporting verb right after "so" in "…, so bestätigt das Gericht", "…, so schätzen die Forscher, …"
    (a finite verb of saying), or None ("…, so der Sprecher")."""
    if w.i + 1 >= len(sent.words):
        return None
    nxt = sent.words[w.i + 1]
    if nxt.upos not in ("VERB", "AUX") or not finite(nxt) or not speech_lemma(nxt):
        return None
    if w.i > 1 and sent.words[w.i - 2].text in GERMAN_CLOSERS:
        return None  # „…“, so charakterisierte ihn X: a direct quotation, which the direct rules frame
    segs = segments(sent)
    k = next((i for i, seg in enumerate(segs) if any(x is w for x in seg)), 0)
    if k > 0 and opens_subclause(segs[k - 1]):
        return None  # the correlative "so" after a fronted clause: "Wenn der Autor nichts weiß, so sagt er …"
    return nxt


def _after_adverbs(sent: Sentence, verb: Word) -> Word:
    """The first word after ``verb`` past adverbs ("so betont | auch | die Polizei"); the verb's next word
    where nothing else follows."""
    k = verb.i + 1
    while k + 1 < len(sent.words) and (sent.words[k].upos == "ADV" and sent.words[k].text[:1].islower()
                                       or sent.words[k].low in OBJECT_PRONOUNS):
        k += 1  # "so betont | auch | die Polizei", "so charakterisierte | ihn | der Funktionär"
    return sent.words[min(k, len(sent.words) - 1)]


def _so(ctx, sent, w) -> Optional[Candidate]:
    if w.i == 0 or sent.words[w.i - 1].text not in (",", "–", "-"):
        return None
    verb = _so_verb(sent, w)
    found = _so_frame_end(sent, w, verb)
    if found is None:
        return None
    last, phrase = found
    if verb is not None:
        np = None if phrase[0].low == "man" else phrase  # "…, so sagt man": nobody
    else:
        np = np_after(ctx, sent, w) or phrase
    frame = [x for x in sent.words if w.id <= x.id <= last.id]
    if last.id < sent.words[-1].id and not is_punct(sent.words[last.id]):
        return None
    if last is sent.words[-1] or all(is_punct(x) for x in sent.words[last.id:]):
        frame = [x for x in sent.words if x.id >= w.id]
    if verb is None:
        return _make(ctx, sent, frame, [w], np, "source.so", "so", 0.8)
    cue = [w] + [c for c in cue_words(verb) if c in frame]  # "so bestätigt das Gericht", "so betont auch …"
    return _make(ctx, sent, frame, in_text_order(cue), np, "source.so", speech_lemma(verb) or "so", 0.8)


WIE_MAX_WORDS = 25
"""Words a "wie X mitteilte" frame may span."""
WIE_CONNECTIVES = frozenset({"doch", "jedoch", "aber", "denn", "und"})
"""Sentence-initial connectives a "wie X mitteilte" frame may follow ("Doch wie der Sprecher sagte, …"), whether
the parser tags them as conjunctions or adverbs; any other word tagged as a coordinating conjunction counts too."""


def _wie(ctx, sent, w) -> Optional[Candidate]:
    """"Wie X mitteilte, …" / "…, wie X berichtete."."""
    words = sent.words
    connective = w.i == 1 and (words[0].upos == "CCONJ" or words[0].low in WIE_CONNECTIVES) and words[0].low != "wie"
    if w.i > 0 and words[w.i - 1].text not in (",", "(", "–") and not connective:
        return None  # "wie" opens the sentence (after a connective: "Denn wie …") or follows a comma or bracket
    # the first verb after "wie" must be the reporting verb; appositions and brackets may stand between:
    # "Wie der Direktor des Amtes, Smith Dharmmasaroj, mitteilte", "Wie die Mission (UNMISS) mitteilte"
    j = w.i + 1
    verb = None
    depth = 0
    skipped = 0  # words of relative clauses passed over
    while j < len(words) and j - w.i - skipped <= WIE_MAX_WORDS:
        x = words[j]
        if verb is None and depth == 0 and x.text == ",":
            close = relative_clause_end(words, j, prepositional=True)
            if close is not None:
                # a relative clause on the subject: "Wie Norman Paech, der … anwesend war, dazu feststellt"
                skipped += close - j
                j = close + 1
                continue
        depth += (x.text == "(") - (x.text == ")")
        if depth <= 0 and x.text in (".", ";", ":", "?", "!") or depth < 0:
            break
        if depth == 0 and x.text == "," and verb is not None:
            break
        if depth == 0 and verb is not None and finite(verb, marked=True) and x.upos in ("VERB", "AUX") \
                and finite(x, marked=True) and j + 1 < len(words) and not is_punct(words[j + 1]):
            break  # the comma left out: "Wie die Fernsehsender berichten | sind mindestens zwei Polizisten …" (an
            # auxiliary before the comma closes the clause: "Wie … berichtet wird, …")
        if verb is None and (speech_lemma(x) or tagged_finite(x)) and ctx.mark_covering(x.start, x.end) is None:
            # (a verb inside quotation marks belongs to a quoted name: "Wie die „Aktion Deutschland hilft“ mitteilte")
            if not speech_lemma(x):
                return None
            verb = x
        j += 1
    if verb is None:
        return None
    clause = words[w.i : j]
    needed = verb_value(speech_lemma(verb) or "", "clause")
    if needed and not any(x.low == needed for x in clause):
        return None  # "wie er sich nannte", "wie er genannt wird": a naming verb names, it frames no content
    frame = words[:j] if connective else clause  # the connective belongs to neither frame nor content
    np = surface_np(sent, w.id + 1, verb.id - 1)
    if not np:
        # "wie die Polizei am Montag mitteilte": subject after adverbs
        subj = next((c for c in verb.children if c.deprel.startswith("nsubj")), None)
        np = [x for x in sent.subtree(subj) if w.id < x.id < verb.id] if subj else []
    if not np and place_prepositions(speech_lemma(verb) or verb.lem):
        np = [x for x in place_source(verb) or [] if w.id < x.id < verb.id]  # "Wie aus Unternehmenskreisen verlautete"
    cue = [w] + [c for c in cue_words(verb) if c in clause]
    return _make(ctx, sent, frame, cue, np or None, "source.wie", speech_lemma(verb) or verb.lem, 0.85)


def _demnach(ctx, sent, w) -> Optional[Candidate]:
    words = sent.words
    if w.low == "wonach":
        # "ein Bericht, wonach …": content after wonach up to the clause end
        seg_end = w.i + 1
        while seg_end < len(words) and words[seg_end].text not in (".", ";", ":"):
            seg_end += 1
        content = content_words(words[w.i + 1 : seg_end])
        if len(content) < 3:
            return None
        # "Ein Bericht der russischen Nachrichtenagentur „Interfax“, wonach …": the phrase before the comma
        np = np_before(words, w.i - 2) if w.i >= 2 and words[w.i - 1].text == "," else []
        if not any(x.upos in ("NOUN", "PROPN", "X") for x in np) or np[0].i > 0 and words[np[0].i - 1].upos == "ADP":
            np = []  # no noun, or only the end of a longer phrase: "Die Sichtweise von | Innenminister Rech, wonach'
        spk = np or [w]  # without a phrase before it, "wonach" itself points back to the source
        return Candidate(QuoteType.INDIRECT, [word_range(content)], "source.wonach", 0.7, cue=[w], cue_lemma="wonach",
                         speaker=spk, evidence=["source:wonach"], frame=True)
    # "demnach" stands for the source named before; the corpus marks the adverb itself as the speaker mention
    return _make(ctx, sent, [w], [w], [w], "source.demnach", "demnach", 0.7)


CUES: dict[str, Callable[[Context, Sentence, Word], Optional[Candidate]]] = {
    "laut": _laut, "gemäß": _gemaess, "nach": _nach, "zufolge": _zufolge, "so": _so, "wie": _wie,
    "demnach": _demnach, "wonach": _demnach,
}
"""The words :func:`find` looks at (lower case), each with the function that reads its source phrase."""

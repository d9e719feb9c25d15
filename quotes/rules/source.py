"""Source phrases: "laut X", "X zufolge", "nach Angaben von X", "gemäß X",
"…, so X.", "wie X mitteilte", "demnach", "…, wonach …", "dem Vernehmen nach".

The content is the rest of the clause the phrase stands in; where the phrase
sits in the middle ("Aktuell geht es nach russischen Medienangaben darum, …")
the content has two spans around it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..doc import Sentence, Word
from ..lexicon import compound_of, load_words
from ..models import QuoteType
from . import mention
from .base import Candidate, Context, Piece, WordRange, is_punct, word_range, span_of
from .quotemarks import CLOSING_MARKS, GERMAN_OPENERS, OPENING_MARKS
from .clauses import content_words, cue_words, opens_subclause, segments
from .morph import after_zu, speech_lemma, tagged_finite, web_address
from .vocab import COMPLEMENTIZERS, RELATIVE_SOURCES
from .phrases import antecedent, bare_genitive_plural, np_extent, opens_genitive, surface_np
from .subjects import place_prepositions, place_source

name = "source"
"""The family's name (:class:`quotes.rules.base.RuleFamily`)."""


def is_source_noun(w: Word) -> bool:
    """"Angaben", "Polizeiangaben", "Reichsvermögensgesetz": a source noun or a compound ending in one."""
    return _source_noun(w.low)


@lru_cache(maxsize=8192)
def _source_noun(low: str) -> bool:
    # compounds end in a source noun of six letters or more: "Polizeiangaben", "Staatsmedien";
    # not "Vorstand" (stand) or "Kandidaten" (daten)
    return compound_of(low, "source_nouns", min_head=6)


SOURCE_CUES = frozenset({"laut", "gemäß", "nach", "zufolge", "so", "wie", "demnach", "wonach"})
"""The words :func:`find` looks at (each has its branch there); any other word is passed over at once."""


def find(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        for w in sent.words:
            low = w.low
            if low not in SOURCE_CUES or ctx.mark_covering(w.start, w.end):
                continue
            cand = None
            if low == "laut" and _np_follows(sent, w):
                cand = _relative_source(ctx, sent, w) or _prep_before_np(ctx, sent, w, "laut")
            elif low == "gemäß" and _np_follows(sent, w):
                cand = _prep_before_np(ctx, sent, w, "gemäß")
            elif low == "nach":
                cand = _nach(ctx, sent, w)
            elif low == "zufolge":
                cand = _postposition(ctx, sent, w, "zufolge")
            elif low == "so":
                cand = _so(ctx, sent, w)
            elif low == "wie":
                cand = _wie(ctx, sent, w)
            elif low in ("demnach", "wonach"):
                cand = _demnach(ctx, sent, w)
            if cand:
                out.append(cand)
    return out


def _np_follows(sent: Sentence, w: Word) -> bool:
    if w.id >= len(sent.words):
        return False
    nxt = sent.words[w.id]
    if nxt.text in OPENING_MARKS and w.id + 1 < len(sent.words):
        nxt = sent.words[w.id + 1]  # a quoted name: "laut „Reuters“"
        return nxt.text[:1].isupper()
    if web_address(nxt):
        return True  # "laut bildblog.de"
    return nxt.upos in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "X") or nxt.text[:1].isupper()


def _np_after(sent: Sentence, w: Word) -> list[Word]:
    """The NP after a preposition, with genitive and von-attributes.

    The tree's phrase is taken where the preposition is its ``case`` child and
    the phrase holds no finite verb ("Laut einer am Dienstag veröffentlichten
    Pressemitteilung des WFP"); else the phrase is read from the surface.
    """
    np: list[Word] = []
    head = w.parent if w.deprel == "case" else None
    if head is not None and head.id > w.id and head.upos in ("NOUN", "PROPN", "X", "NUM"):
        tree = [x for x in np_extent(head, (w.id + 1, len(sent.words))) if x.id > w.id]
        finite = any(x.finite for x in tree)
        if tree and tree[0].id == w.id + 1 and not finite and not any(x.text in (",", ";") for x in tree):
            # an adverb after the head ends the phrase: "nach NASA-Angaben | ungefähr 120 Meilen"
            cut = next((x for x in tree if x.id > head.id and x.upos in ("ADV", "PART")), None)
            np = [x for x in tree if cut is None or x.id < cut.id]
    surface = surface_np(sent, w.id + 1)
    if surface and (not np or surface[-1].id > np[-1].id):
        # the parser often splits "Hauptmann | Abraham Sipe"; but a phrase the tree makes an argument of the
        # verb is the next phrase, not part of the source: "laut Airbus | Bestellungen", "laut el-Baradei | die …"
        cut = next((x for x in surface if np and x.id > np[-1].id and _starts_phrase(sent.words, x.i)
                    and _next_phrase(x, np)), None)
        np = [x for x in surface if cut is None or x.id < cut.id]
    if not np:
        return []
    # extend with "von X", "des X", apposition names
    i = np[-1].id  # next index (0-based) == id of last + 0
    words = sent.words
    while i < len(words):
        nxt = words[i]
        if (nxt.low in ("von", "vom") or nxt.low in ("des", "der") and opens_genitive(words, i)) and i + 1 < len(words):
            more = surface_np(sent, nxt.id + 1) if nxt.low in ("von", "vom") else surface_np(sent, nxt.id)
            if more and nxt.low in ("von", "vom") and more[-1].lem in load_words("temporal_nouns"):
                break  # "Angaben der Polizei | vom Dienstag": a time, not who
            if more and nxt.low in ("von", "vom"):
                np = np + [nxt] + more
                i = more[-1].id
                continue
            if more and nxt.low in ("des", "der"):
                np = np + more
                i = more[-1].id
                continue
        break
    # an apposition: "nach den Worten des Parteichefs Hanois, Pham Quang Nghi,",
    # "nach Angaben von Sam Maiha, dem Direktor der Wetterbehörde,"
    k = np[-1].i + 1
    if k + 2 < len(words) and words[k].text == ",":
        extra = mention.apposition(sent, np, k)
        if extra is None:
            j = k + 1
            while j < len(words) and words[j].upos == "PROPN" and j - k <= 4:
                j += 1
            if j > k + 1 and j < len(words) and words[j].text == ",":
                extra = words[k:j]
        if extra:
            np = np + extra
    return np


ARGUMENT_RELS = ("nsubj", "obj", "iobj", "obl", "expl")
"""Relations of a phrase that is an argument of its verb: the next phrase after a source, not part of it."""


def _starts_phrase(words: list[Word], i: int) -> bool:
    """``words[i]`` opens a new noun phrase right after a noun, and not an attribute of it (a genitive "der
    Polizei", "libanesischer Sicherheitskreise", or "von Interpol")."""
    x = words[i]
    if i == 0 or words[i - 1].upos not in ("NOUN", "PROPN", "X") or x.upos not in ("DET", "ADJ", "NUM", "NOUN"):
        return False
    if is_source_noun(x):
        return False  # the head after a genitive name: "nach Celebis | Angaben"
    if x.low in ("des", "der", "eines", "einer") and opens_genitive(words, i):
        return False
    return not bare_genitive_plural(words, i)


def _next_phrase(x: Word, np: list[Word]) -> bool:
    """``x`` (after the source phrase ``np``) heads or stands in a phrase the tree attaches as an argument of a
    verb, not under ``np``: "laut Airbus | Bestellungen", "die Kanzlerin | einigen Teilnehmern zufolge"."""
    inside = {w.id for w in np}
    node: Optional[Word] = x
    while node is not None and node.id not in inside:
        parent = node.parent
        if parent is None:
            return False
        if parent.upos in ("VERB", "AUX") and node.deprel.split(":")[0] in ARGUMENT_RELS:
            return True
        if parent.id in inside:
            return False
        node = parent
    return False


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
        elif frame[0].low == "so" and seg_i < len(segs) - 1:
            lo_seg = 0  # interposed ", so X weiter, …": the content goes on both sides
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
        for j in range(seg_i + 1, len(segs)):
            if speech_lemma(segs[j][0]) is not None and segs[j][0].upos == "VERB":
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
    semis = [x.id for x in sent.words if x.text == ";"]
    lo_id = max((i for i in semis if i < frame[0].id), default=0)
    hi_id = min((i for i in semis if i > frame[-1].id), default=len(sent.words) + 1)
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
    np = _np_after(sent, w)
    if not np:
        return None
    return _make(ctx, sent, [w] + np, [w], np, f"source.{lemma}", lemma, 0.85)


def _nach(ctx, sent, w) -> Optional[Candidate]:
    words = sent.words
    # postposition: "dem Vernehmen nach", "Angaben der Polizei nach"
    np_next = _np_follows(sent, w) and words[w.i + 1].upos != "VERB"
    if w.i > 0 and (words[w.i - 1].low == "vernehmen" or is_source_noun(words[w.i - 1]) and not np_next):
        np = [x for x in words[max(0, w.i - 3) : w.i] if not is_punct(x)]
        while np and np[0].upos not in ("DET", "NOUN", "PROPN", "ADJ"):
            np.pop(0)
        if np:
            return _make(ctx, sent, np + [w], [w], np, "source.nach", "nach", 0.8)
    relative = _relative_source(ctx, sent, w)
    if relative is not None:
        return relative
    np = _np_after(sent, w)
    if not np or not any(is_source_noun(x) for x in np[:4]):
        return None
    return _make(ctx, sent, [w] + np, [w], np, "source.nach", "nach", 0.85)


def _relative_source(ctx, sent, w) -> Optional[Candidate]:
    """"Gerüchte, nach denen Barrett an Krebs litt" / "Pläne, laut denen …": the relative clause is the content."""
    words = sent.words
    if not (0 < w.i < len(words) - 2 and words[w.i - 1].text == "," and words[w.i + 1].low in RELATIVE_SOURCES
            and words[w.i + 1].upos in ("PRON", "DET")):
        return None
    if words[w.i + 2].upos in ("NOUN", "ADJ", "PROPN", "NUM"):
        return None  # an article, not a relative pronoun: ", nach dem Krieg"
    rel = words[w.i + 1]
    ante = antecedent(w)  # the phrase before ", nach denen"
    if not ante or not any(is_source_noun(x) or x.low in load_words("speech_nouns") for x in ante):
        return None  # "der Trafobrand, nach dem …" is time, not a source
    end = rel.i + 1
    while end < len(words) and words[end].text not in (",", ".", ";", ":", "!", "?"):
        end += 1
    content = content_words(words[rel.i + 1 : end])
    if len(content) < 3:
        return None
    return Candidate(QuoteType.INDIRECT, [word_range(content)], f"source.{w.low}_relative", 0.7, cue=[w], cue_lemma=w.low,
                     speaker=ante, evidence=[f"source:{w.low}", "relative-clause"], frame=True)


def _postposition(ctx, sent, w, lemma) -> Optional[Candidate]:
    np = _np_before(sent.words, w.i - 1)
    if not np:
        return None
    return _make(ctx, sent, np + [w], [w], np, f"source.{lemma}", lemma, 0.85)


def _np_before(words: list[Word], i: int) -> list[Word]:
    """The noun phrase that ends at ``words[i]``, read right to left from the surface: determiners,
    adjectives, nouns and names, a quoted or bracketed name ("dem „Figaro“", "des VDR (Verband …)") and
    coordinated names ("der Sender Sky News und BBC"); empty where ``words[i]`` ends none."""
    np: list[Word] = []
    while i >= 0:
        x = words[i]
        glued = np and np[0].start == x.end and (x.text in ("-", "–", "(", ")") or np[0].text in ("-", "–", ")"))
        if x.text in CLOSING_MARKS or (x.text in (")",) and i > 0):
            # a quoted or bracketed name: "dem „Figaro“ zufolge", "des VDR (Verband …)"
            opener = next((k for k in range(i - 1, max(-1, i - 8), -1) if words[k].text in OPENING_MARKS + ("(",)), None)
            if opener is not None:
                np[:0] = words[opener : i + 1]
                i = opener - 1
                continue
        if x.low in ("und", "sowie") and np and np[0].upos in ("NOUN", "PROPN") and i > 0 \
                and words[i - 1].upos in ("NOUN", "PROPN"):
            np.insert(0, x)  # "Berichten der Sender Sky News und BBC zufolge"
            i -= 1
            continue
        if not glued and (is_punct(x) or x.upos in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV")):
            break
        if not glued and x.upos not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "X") and not x.text[:1].isupper():
            break
        if not glued and np and x.upos in ("NOUN", "PROPN", "X") and np[0].upos == "DET" \
                and _starts_phrase(words, np[0].i):
            break  # another phrase ends before the governed one: "die Kanzlerin | einigen Teilnehmern zufolge"
        np.insert(0, x)
        i -= 1
    return np


def _so_frame_end(sent: Sentence, w: Word) -> Optional[Word]:
    """The last word of a "so X" frame, or None where "so" is no frame.

    ", so der Sprecher." closes a sentence; ", so Obama weiter, würde …" is
    interposed, the content going on after the comma. Appositions and
    adverbials may follow the name ("so Ursula Castrup, die Leiterin der
    Fachstelle", "so der Sprecher am Montag"), but no clause of their own.
    """
    if w.i == 0 or sent.words[w.i - 1].text not in (",", "–", "-"):
        return None
    np = surface_np(sent, w.id + 1)
    if not np:
        return None
    rest: list[Word] = []
    for x in sent.words[np[-1].id :]:
        if x.text == ":" or x.text in GERMAN_OPENERS:
            break  # "so Elshorst weiter: „…“"
        rest.append(x)
    if any(x.low in ("und", "oder", "sowie") for x in rest[:6]) and rest[:1] and rest[0].text == ",":
        return None  # an enumeration: "…, so Finnland, Polen und die baltischen Länder"
    finite = [x for x in rest if x.finite]
    if not finite:
        tail = [x for x in rest if not is_punct(x)]
        return tail[-1] if tail else np[-1]
    # interposed: the frame ends at the comma before the content resumes
    comma = next((x for x in rest if x.text in (",", "–")), None)
    if comma is not None and comma.id < finite[0].id and comma.id - np[-1].id <= 3:
        return sent.words[comma.i - 1]
    return None


def _so(ctx, sent, w) -> Optional[Candidate]:
    last = _so_frame_end(sent, w)
    if last is None:
        return None
    np = _np_after(sent, w) or surface_np(sent, w.id + 1)
    frame = [x for x in sent.words if w.id <= x.id <= last.id]
    if last.id < sent.words[-1].id and not is_punct(sent.words[last.id]):
        return None
    if last is sent.words[-1] or all(is_punct(x) for x in sent.words[last.id:]):
        frame = [x for x in sent.words if x.id >= w.id]
    return _make(ctx, sent, frame, [w], np, "source.so", "so", 0.8)


WIE_MAX_WORDS = 25
"""Words a "wie X mitteilte" frame may span."""


def _wie(ctx, sent, w) -> Optional[Candidate]:
    """"Wie X mitteilte, …" / "…, wie X berichtete."."""
    words = sent.words
    if w.i > 0 and words[w.i - 1].text not in (",", "(", "–"):
        return None
    # the first verb after "wie" must be the reporting verb; appositions and brackets may stand between:
    # "Wie der Direktor des Amtes, Smith Dharmmasaroj, mitteilte", "Wie die Mission (UNMISS) mitteilte"
    j = w.i + 1
    verb = None
    depth = 0
    while j < len(words) and j - w.i <= WIE_MAX_WORDS:
        x = words[j]
        depth += (x.text == "(") - (x.text == ")")
        if depth <= 0 and x.text in (".", ";", ":", "?", "!") or depth < 0:
            break
        if depth == 0 and x.text == "," and verb is not None:
            break
        if verb is None and (speech_lemma(x) or tagged_finite(x)):
            if not speech_lemma(x):
                return None
            verb = x
        j += 1
    if verb is None:
        return None
    clause = words[w.i : j]
    np = surface_np(sent, w.id + 1, verb.id - 1)
    if not np:
        # "wie die Polizei am Montag mitteilte": subject after adverbs
        subj = next((c for c in verb.children if c.deprel.startswith("nsubj")), None)
        np = [x for x in sent.subtree(subj) if w.id < x.id < verb.id] if subj else []
    if not np and place_prepositions(speech_lemma(verb) or verb.lem):
        np = [x for x in place_source(verb) or [] if w.id < x.id < verb.id]  # "Wie aus Unternehmenskreisen verlautete"
    cue = [w] + [c for c in cue_words(verb) if c in clause]
    return _make(ctx, sent, clause, cue, np or None, "source.wie", speech_lemma(verb) or verb.lem, 0.85)


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
        np = _np_before(words, w.i - 2) if w.i >= 2 and words[w.i - 1].text == "," else []
        if not any(x.upos in ("NOUN", "PROPN", "X") for x in np) or np[0].i > 0 and words[np[0].i - 1].upos == "ADP":
            np = []  # no noun, or only the end of a longer phrase: "Die Sichtweise von | Innenminister Rech, wonach'
        spk = np or [w]  # without a phrase before it, "wonach" itself points back to the source
        return Candidate(QuoteType.INDIRECT, [word_range(content)], "source.wonach", 0.7, cue=[w], cue_lemma="wonach",
                         speaker=spk, evidence=["source:wonach"], frame=True)
    # "demnach" stands for the source named before; the corpus marks the adverb itself as the speaker mention
    return _make(ctx, sent, [w], [w], [w], "source.demnach", "demnach", 0.7)

"""Speaker resolution inside one document.

For each candidate's speaker mention:

* a proper name is completed from the longest earlier (or later) name that
  contains it: "Kwon" -> "Kwon Jong Gun", "Peskow" -> "Dmitri Peskow";
* a personal pronoun ("er", "sie") goes to the nearest preceding speaker,
  else the nearest preceding person named in the text;
* role words around the name become the descriptor: "Kremlsprecher" in
  "Kremlsprecher Dmitri Peskow", "Leiter des Amerika-Büros …" in
  "Der Leiter des Amerika-Büros …, Kwon Jong Gun";
* anything else (an organisation, "der Kreml", "russische Medien") is its
  own name.

Mentions with the same resolved name form one :class:`SpeakerEntity`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .doc import Word
from .lexicon import load_words
from .models import Span, SpeakerEntity
from .rules.base import Candidate, Context

PRONOUNS = {"er", "sie", "ihm", "ihr", "ihn", "ihnen"}
ARTICLES = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen"}


@dataclass
class Link:
    name: Optional[str]
    descriptor: Optional[str]
    entity: Optional[str]


def _name_runs(ctx: Context) -> list[tuple[int, int, str]]:
    """Maximal runs of proper-noun-like words: (start, end, text)."""
    runs = []
    for sent in ctx.sentences:
        cur: list[Word] = []
        for w in sent.words + [None]:  # type: ignore[operator]
            if w is not None and _namey(w) and (not cur or w.start - cur[-1].end <= 1):
                cur.append(w)
                continue
            if cur:
                while cur and not _namey_core(cur[-1]):
                    cur.pop()
                if cur:
                    runs.append((cur[0].start, cur[-1].end, ctx.text[cur[0].start : cur[-1].end]))
                cur = [w] if w is not None and _namey(w) else []
    return runs


def _namey(w: Word) -> bool:
    if not w.text[:1].isupper():
        return False
    if w.low in ARTICLES or w.low in PRONOUNS:
        return False
    if w.i == 0 and w.upos not in ("PROPN",):
        return False
    if is_role_noun(w):
        return False
    return w.upos == "PROPN" or (w.upos in ("NOUN", "X", "ADV") and w.text.isalpha() and w.feat("Case") is not None and _looks_foreign_name(w))


def is_role_noun(w: Word) -> bool:
    """"Sprecher", "Kremlsprecher", "Außenministerin": a role, not a name."""
    low = w.low
    return any(low == r or (low.endswith(r) and len(low) > len(r) + 2) for r in load_words("role_nouns"))


def _looks_foreign_name(w: Word) -> bool:
    # The compact model tags many names NOUN; a lemma equal to the form and no
    # German noun suffix is a weak hint. Only used to extend PROPN runs.
    return w.lemma == w.text and not w.low.endswith(("ung", "heit", "keit", "schaft", "tion", "ismus", "ium"))


def _namey_core(w: Word) -> bool:
    return w.upos == "PROPN"


def _split_mention(ctx: Context, off: tuple[int, int], runs) -> tuple[Optional[str], Optional[str]]:
    """(proper name inside the mention, descriptor words) for a mention span."""
    s, e = off
    inside = [r for r in runs if r[0] >= s and r[1] <= e]
    text = ctx.text[s:e]
    if not inside:
        return None, None
    name_run = max(inside, key=lambda r: (r[1] - r[0]))
    before = ctx.text[s : name_run[0]].strip(" ,")
    after = ctx.text[name_run[1] : e].strip(" ,")
    words = before.split()
    while words and words[0].lower() in ARTICLES:
        words = words[1:]
    descriptor = " ".join(words) or None
    if descriptor is None and after and after[:1].islower() is False and len(after.split()) <= 8:
        descriptor = after.lstrip(", ") or None
    del text
    return name_run[2], descriptor


def _source_name(ctx: Context, off: tuple[int, int]) -> Optional[str]:
    """Who stands behind a source noun phrase.

    "russischen Medienangaben" -> "russische Medien", "Angaben der Polizei" ->
    "Polizei", "Polizeiangaben" -> "Polizei"; None when the phrase is no source
    noun phrase.
    """
    words = ctx.text[off[0] : off[1]].split()
    if not words:
        return None
    nouns = load_words("source_nouns")
    for i, word in enumerate(words):
        low = word.lower()
        if low in nouns and i + 1 < len(words) and words[i + 1].lower() in ("der", "des", "von", "vom"):
            rest = words[i + 2 :] if words[i + 1].lower() in ("von", "vom", "der", "des") else words[i + 1 :]
            return " ".join(rest).strip(",") or None
        for n in ("angaben", "aussagen", "berichten", "informationen", "schätzungen"):
            if low.endswith(n) and len(low) > len(n) + 2 and i == len(words) - 1:
                prefix = word[: -len(n)].rstrip("-")
                if prefix.endswith("s") and not prefix.endswith(("ss", "us")):
                    prefix = prefix[:-1]  # Fugen-s: "Regierungsangaben"
                adjectives = [_nominative_plural(a) for a in words[:i] if a[:1].islower()]
                return " ".join(adjectives + [prefix[:1].upper() + prefix[1:]])
    return None


def _nominative_plural(adj: str) -> str:
    """"russischen" -> "russische" (the form after no article)."""
    return adj[:-1] if adj.endswith("en") else adj


def _complete(name: str, runs, before: int) -> str:
    """The longest name in the document containing every word of ``name``."""
    parts = name.split()
    best = name
    for s, e, t in runs:
        tp = t.split()
        if len(tp) > len(best.split()) and all(p in tp for p in parts):
            # prefer names mentioned before; a later one only if none before
            if s < before or best == name:
                best = t
    return best


def resolve_speakers(ctx: Context, cands: list[Candidate]) -> tuple[list[SpeakerEntity], dict[int, Link]]:
    runs = _name_runs(ctx)
    links: dict[int, Link] = {}
    entities: dict[str, SpeakerEntity] = {}
    history: list[tuple[int, str]] = []  # (offset, name) of resolved speakers so far
    descriptors: dict[str, str] = {}
    for cand in sorted(cands, key=lambda c: (c.speaker[0] if c.speaker else c.start)):
        if cand.speaker is None:
            continue
        s, e = cand.speaker
        mention = ctx.text[s:e]
        low = mention.lower().strip()
        name: Optional[str]
        descriptor = cand.descriptor
        if low in PRONOUNS:
            name = next((n for off, n in reversed(history) if off < s), None)
            if name is None:
                earlier = [r for r in runs if r[1] <= s]
                name = _complete(earlier[-1][2], runs, s) if earlier else None
        else:
            proper, desc = _split_mention(ctx, cand.speaker, runs)
            source = _source_name(ctx, cand.speaker)
            if source:
                name = source
            elif proper:
                name = _complete(proper, runs, s)
                descriptor = descriptor or desc
            else:
                name = mention.strip()
        if name is None:
            links[id(cand)] = Link(None, descriptor, None)
            continue
        if descriptor:
            descriptors.setdefault(name, descriptor)
        descriptor = descriptor or descriptors.get(name)
        ent = entities.get(name)
        if ent is None:
            ent = SpeakerEntity(id=f"s{len(entities) + 1}", name=name)
            entities[name] = ent
        if descriptor and descriptor not in ent.descriptors:
            ent.descriptors.append(descriptor)
        if not any(m.start == s and m.end == e for m in ent.mentions):
            ent.mentions.append(Span.of(ctx.text, s, e))
        history.append((s, name))
        links[id(cand)] = Link(name, descriptor, ent.id)
    return list(entities.values()), links

"""Is a quotation a name? Titles, names and scare quotes („Zeitenwende“, the ship „Morning Star“, die „Aktion
Deutschland hilft“) are no quotes of their own: :mod:`quotes.rules.direct` and the engine's nested quotations
(:func:`quotes.engine.nested_direct`) ask these tests before they take quoted words as speech.

* :func:`looks_like_name`: the quoted words themselves, every content word capitalised;
* :func:`quoted_name`: the same, unless an indefinite article before them makes them running text;
* :func:`named_by_context`: what stands before the marks (a definite article, a title noun, "laut").
"""

from __future__ import annotations

from ..lexicon import load_words
from .base import Context
from .quotemarks import QuoteMark
from .vocab import ARTICLE_CONTRACTIONS, ARTICLES, INDEFINITE_ARTICLES

NAME_FUNCTION_WORDS = {"der", "die", "das", "des", "den", "dem", "und", "für", "von", "vom", "im", "in", "am",
                       "an", "auf", "zu", "zur", "zum", "mit", "unter", "über", "of", "the", "and", "de", "la", "le",
                       "du", "des", "et", "for", "on", "-", "–"}


def quoted_name(ctx: Context, mark: QuoteMark) -> bool:
    """:func:`looks_like_name` for the quotation at ``mark``, unless an indefinite article governs it: "Afghanistan sei
    ein „Opfer des Terrorismus“" quotes words, however capitalised."""
    before = ctx.text[max(0, mark.start - 20) : mark.start].split()
    if before and before[-1].lower() in INDEFINITE_ARTICLES:
        return False
    return looks_like_name(ctx.text[mark.inner_start : mark.inner_end])


def looks_like_name(inner: str) -> bool:
    """A quoted name, title or single noun, not speech: „Republik Sacha“, „Rat für
    Demokratische Reform“, „Die Welt“ — every content word capitalised, no sentence
    punctuation. Such quotes count only with a frame of their own („…“, sagte X)."""
    words = [w.strip("„“\"»«‚‘(),") for w in inner.split()]
    words = [w for w in words if w]
    if not words or len(words) > 10 or inner.rstrip()[-1:] in ".!?":
        return False
    content = [w for w in words if w.lower() not in NAME_FUNCTION_WORDS]
    return bool(content) and all(w[:1].isupper() or w[:1].isdigit() for w in content)


NAMING_ARTICLES = (ARTICLES - INDEFINITE_ARTICLES) | ARTICLE_CONTRACTIONS
"""Words before a quotation that make it a name: "die „Aktion Deutschland hilft“", "im „Spiegel“"."""


def named_by_context(ctx: Context, mark: QuoteMark, framed: bool = False) -> bool:
    """The quotation is a name: an article governs it ("die „Aktion Deutschland hilft“"), a title noun
    introduces it ("unter dem Motto „…“", "die Zeitung „Die Welt“") or it names a source after "laut" or
    "gemäß" ("laut „tagesschau.de“"). With ``framed`` (a reporting verb of its sentence may frame it) a
    phrase with an inflected adjective after an article is running text, not a name ("würdigte … zur
    „Stärkung der internationalen Diplomatie“"); without a frame it may be a title ("die »Kritik der reinen
    Vernunft«")."""
    inner = ctx.text[mark.inner_start : mark.inner_end].strip()
    before = ctx.text[max(0, mark.start - 40) : mark.start].split()
    if not before or not inner or inner[-1:] in ".!?" or len(inner.split()) > 8:
        return False
    prev = before[-1].lower().strip(",")
    if prev in NAMING_ARTICLES and inner[:1].isupper() and not (framed and _inflected_adjective(inner)):
        return True
    return prev in SOURCE_PREPOSITIONS or prev in load_words("title_nouns")


def _inflected_adjective(inner: str) -> bool:
    """The quoted words hold a lower-case adjective with its inflection after an article, as a phrase of running
    text does and a name seldom does: "zur „Stärkung der internationalen Diplomatie“", not "die „Aktion Deutschland
    hilft“" or "die „Süddeutsche Zeitung“"."""
    words = inner.split()
    return any(a.lower() in ARTICLES and b[:1].islower() and b.endswith(("en", "er", "es", "em", "e"))
               and b.lower() not in NAME_FUNCTION_WORDS for a, b in zip(words, words[1:]))


SOURCE_PREPOSITIONS = frozenset({"laut", "gemäß"})
"""Prepositions that take the name of a source: a quotation right after them is that name."""

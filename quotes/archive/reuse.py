"""Statement reuse: near-identical quotations carried by several articles of an archive.

News outlets reproduce each other's quotations (agency copy, follow-ups), often with small
edits: other quotation marks, a word changed, a clause added or cut. :func:`find_reuse`
groups such quotations across the archive and lists each group with the earliest article
(by date), every article that carries it and the speakers it was attributed to, flagging a
group whose words are attributed to different people.

How (no comparison of all pairs):

1. **Normalise** every quote (:func:`normalise`): Unicode NFKC, case folded (ß → ss),
   quotation marks, punctuation and the `` … `` between split parts dropped, whitespace
   collapsed. Quotes of fewer than ``min_words`` words are left out: short phrases („Nein“,
   „ein wichtiger Schritt“) recur without being one statement.
2. **Block**: the keys of a quote are its word pairs (bigrams) that hold at least one word
   outside the German function words (``quotes/data/german_function_words.txt``), so
   "und wir werden das" alone never makes two quotes candidates. Every quote is indexed
   under its rarest keys only (prefix filtering: ``n // 2 + 2`` of its ``n`` keys, rarest in
   the archive first): two quotes that share at least half of each one's keys are
   guaranteed to meet under some key, which a word changed or a clause added keeps. Only
   quotes under one key are compared; under a key held by more than :data:`MAX_BLOCK`
   quotes each quote meets only the next :data:`MAX_BLOCK`, and pairs already in one
   group are not compared again, so the work grows about linearly with the archive.
3. **Verify** each candidate pair with :func:`similarity` (rapidfuzz, 0–100; characters
   and words).
4. **Group** transitively: the connected parts of the pairs at or above ``threshold``
   (union–find); a group needs ``min_articles`` distinct articles to be listed.

Speakers are the same when their normalised names are equal or end in the same word
("Mike Pompeo" and "Pompeo"); a group whose named speakers are not all the same has
``different_speakers`` set. Quotes without a speaker name take no part in that.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Optional

from rapidfuzz import fuzz

from ..lexicon import load_words
from .schema import ArchiveError

DEFAULT_MIN_ARTICLES = 2
DEFAULT_MIN_WORDS = 6
"""Quotes of fewer words are left out (five words or fewer)."""
DEFAULT_THRESHOLD = 85.0
"""The least :func:`similarity` (0–100) that makes two quotes one statement."""
MIN_COVERAGE = 0.5
"""The shorter of two quotes must have at least this share of the longer one's characters."""
MAX_BLOCK = 200
"""Under a key held by more quotes, each quote is compared with the next this many only."""

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """The words of ``text``, case folded, joined by single spaces: no quotation marks,
    punctuation or line breaks.

    >>> normalise("„Wir führen die Atom-Gespräche weiter.“ … »Größe!«")
    'wir führen die atom gespräche weiter grösse'
    """
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def similarity(a: str, b: str) -> float:
    """How alike two normalised quotes are, 0–100.

    The mean of two rapidfuzz ``partial_ratio`` scores, which align the shorter quote with
    the best-matching stretch of the longer, so that a clause added to or cut from one copy
    does not count against it: one over characters (an inflection or a typo costs little),
    one over words (a word changed costs a whole word, so formulaic sentences that differ in
    the words that matter, "sollen 50 Menschen verletzt worden sein" and "Außerdem sollen zehn
    weitere Menschen verletzt worden sein", stay apart). A shorter quote covering less than
    :data:`MIN_COVERAGE` of the longer one's characters scores 0: a fragment is not the
    same statement.

    >>> similarity("wir werden die gespräche fortsetzen", "wir werden die gespräche fortsetzen sagte er dann")
    100.0
    >>> similarity("wir werden die gespräche fortsetzen", "die preise für strom werden weiter steigen") < 60
    True
    """
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short or len(short) < MIN_COVERAGE * len(long_):
        return 0.0
    chars = fuzz.partial_ratio(short, long_)
    words = fuzz.partial_ratio(short.split(), long_.split())
    return round((chars + words) / 2, 1)


def same_speaker(a: str, b: str) -> bool:
    """Whether two speaker names name one speaker: equal when normalised, or the same last word
    ("Mike Pompeo", "Pompeo"; "die Polizei", "Polizei").

    >>> same_speaker("Mike Pompeo", "POMPEO"), same_speaker("der Kreml", "Dmitri Peskow")
    (True, False)
    """
    wa, wb = normalise(a).split(), normalise(b).split()
    return bool(wa and wb) and (wa == wb or wa[-1] == wb[-1])


# -- results -------------------------------------------------------------------------


@dataclass
class ReuseQuote:
    """One quotation of a group, in its article."""

    quote_id: str
    content: str
    speaker: Optional[str]
    speaker_gender: Optional[str]
    similarity: float
    """:func:`similarity` to the group's statement (the first article's quote)."""


@dataclass
class ReuseArticle:
    """An article that carries a group's statement."""

    article_id: str
    date: Optional[str]
    source: Optional[str]
    title: str
    url: Optional[str]
    quotes: list[ReuseQuote] = field(default_factory=list)


@dataclass
class ReuseSpeaker:
    """A speaker the statement was attributed to, with how many of the group's articles do so."""

    name: str
    gender: str
    articles: int


@dataclass
class ReuseGroup:
    """Near-identical quotations in several articles (:func:`find_reuse`)."""

    statement: str
    """The words as the first article has them."""
    articles: list[ReuseArticle]
    """Earliest first: by date, undated articles last, then by id."""
    speakers: list[ReuseSpeaker]
    different_speakers: bool
    """The named speakers are not all the same (see :func:`same_speaker`)."""

    @property
    def first(self) -> ReuseArticle:
        """The earliest article."""
        return self.articles[0]

    def as_dict(self) -> dict:
        """A JSON-ready dict (with ``first``, the earliest article's id)."""
        d = asdict(self)
        d["first"] = self.first.article_id
        return d


# -- finding -------------------------------------------------------------------------


@dataclass
class _Quote:
    rowid: int
    article_id: str
    quote_id: str
    content: str
    speaker: Optional[str]
    speaker_gender: Optional[str]
    norm: str


def find_reuse(conn: sqlite3.Connection, min_articles: int = DEFAULT_MIN_ARTICLES,
               min_words: int = DEFAULT_MIN_WORDS, threshold: float = DEFAULT_THRESHOLD) -> list[ReuseGroup]:
    """Statements carried by at least ``min_articles`` articles of the archive on ``conn``.

    Args:
        conn: an open archive (schema 2).
        min_articles: the least number of distinct articles of a listed group.
        min_words: quotes of fewer words are left out.
        threshold: the least :func:`similarity` (0–100) of two quotes of one statement.

    Returns:
        The groups, most articles first, then by the date of their first article.

    Raises:
        ArchiveError: an argument out of range.
    """
    if min_articles < 2:
        raise ArchiveError("--min-articles must be at least 2 (a statement in one article is no reuse)")
    if min_words < 1:
        raise ArchiveError("--min-words must be at least 1")
    if not 0 < threshold <= 100:
        raise ArchiveError("--threshold must be above 0 and at most 100 (a similarity in percent)")
    quotes = _load(conn, min_words)
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidates(quotes):
        ri, rj = find(i), find(j)
        if ri != rj and similarity(quotes[i].norm, quotes[j].norm) >= threshold:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(quotes)):
        members[find(i)].append(i)
    articles = _articles(conn, {quotes[i].article_id for group in members.values() if len(group) > 1
                                for i in group})
    groups = [_group([quotes[i] for i in group], articles) for group in members.values()
              if len({quotes[i].article_id for i in group}) >= min_articles]
    groups.sort(key=lambda g: (-len(g.articles), date_key(g.first.date), g.first.article_id))
    return groups


def _load(conn: sqlite3.Connection, min_words: int) -> list[_Quote]:
    out = []
    for r in conn.execute("SELECT rowid, article_id, quote_id, content, speaker_name, speaker_gender "
                          "FROM quotes ORDER BY rowid"):
        norm = normalise(r[3])
        if len(norm.split()) >= min_words:
            out.append(_Quote(r[0], r[1], r[2], r[3], r[4], r[5], norm))
    return out


def _keys(norm: str) -> set[str]:
    """The blocking keys of a normalised quote: its word pairs with a content word."""
    function = load_words("german_function_words")
    words = norm.split()
    keys = {f"{a} {b}" for a, b in zip(words, words[1:]) if not (a in function and b in function)}
    if not keys:  # only function words: its words themselves
        keys = set(words)
    return keys


def _candidates(quotes: list[_Quote]):
    """Pairs ``(i, j)``, ``i < j``, that meet under an indexed key (see the module docstring)."""
    keys = [_keys(q.norm) for q in quotes]
    frequency = Counter(k for ks in keys for k in ks)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        ranked = sorted(ks, key=lambda k: (frequency[k], k))
        for k in ranked[: len(ranked) // 2 + 2]:
            postings[k].append(i)
    seen: set[tuple[int, int]] = set()
    for block in postings.values():
        for n, i in enumerate(block):
            for j in block[n + 1: n + 1 + MAX_BLOCK]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _articles(conn: sqlite3.Connection, ids: set[str]) -> dict[str, sqlite3.Row]:
    out = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start:start + 500]
        rows = conn.execute("SELECT id, date, source, title, url FROM articles WHERE id IN "
                            f"({', '.join('?' * len(chunk))})", chunk)
        out.update({r[0]: r for r in rows})
    return out


def _group(quotes: list[_Quote], articles: dict) -> ReuseGroup:
    by_article: dict[str, list[_Quote]] = defaultdict(list)
    for q in quotes:
        by_article[q.article_id].append(q)
    order = sorted(by_article, key=lambda a: (date_key(articles[a][1]), a))
    first = min(by_article[order[0]], key=lambda q: q.rowid)
    listed = []
    for a in order:
        row = articles[a]
        listed.append(ReuseArticle(
            article_id=a, date=row[1], source=row[2], title=row[3], url=row[4],
            quotes=[ReuseQuote(q.quote_id, q.content, q.speaker, q.speaker_gender,
                               similarity(first.norm, q.norm) if q is not first else 100.0)
                    for q in sorted(by_article[a], key=lambda q: q.rowid)]))
    return ReuseGroup(statement=first.content, articles=listed, speakers=_speakers(order, by_article),
                      different_speakers=_differ([q.speaker for q in quotes if q.speaker]))


def _speakers(order: list[str], by_article: dict[str, list[_Quote]]) -> list[ReuseSpeaker]:
    """The speakers in order of first appearance; names that are :func:`same_speaker` are one
    (shown with the longest form), the gender the most frequent known one."""
    merged: list[dict] = []
    for a in order:
        for q in by_article[a]:
            if not q.speaker:
                continue
            entry = next((m for m in merged if same_speaker(m["name"], q.speaker)), None)
            if entry is None:
                entry = {"name": q.speaker, "genders": Counter(), "articles": set()}
                merged.append(entry)
            if len(q.speaker) > len(entry["name"]):
                entry["name"] = q.speaker
            if q.speaker_gender and q.speaker_gender != "unknown":
                entry["genders"][q.speaker_gender] += 1
            entry["articles"].add(a)
    return [ReuseSpeaker(m["name"], m["genders"].most_common(1)[0][0] if m["genders"] else "unknown",
                         len(m["articles"])) for m in merged]


def _differ(names: list[str]) -> bool:
    return any(not same_speaker(a, b) for n, a in enumerate(names) for b in names[n + 1:])


def date_key(date: Optional[str]) -> tuple:
    """Sort key of an article date: dated articles first, in time order (date-times with a zone
    compared in UTC, a date alone as its midnight), undated last.

    >>> sorted(["2019-04-19T08:00:00+02:00", None, "2019-04-19", "2019-04-18T23:30:00-02:00"], key=date_key)
    ['2019-04-19', '2019-04-18T23:30:00-02:00', '2019-04-19T08:00:00+02:00', None]
    """
    if not date:
        return (1, "")
    try:
        value = _dt.datetime.fromisoformat(date.replace("Z", "+00:00"))
    except ValueError:
        return (0, date)
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return (0, value.isoformat())

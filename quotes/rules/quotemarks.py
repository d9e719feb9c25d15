"""A quotation-mark scanner: finds balanced quoted stretches in raw text.

German news uses „…“ (and its mistyped cousins „…” / „…"), »…«, «…»,
straight "…", the single forms ‚…‘ and ›…‹, English “…”, and older corpora
TeX-style ``…''. The scanner
pairs an opening mark with the nearest fitting closing mark, allows a quote
to span sentences and paragraphs (up to :data:`MAX_QUOTE_CHARS`), and keeps
nested quotes (‚…‘ inside „…“) as separate marks with ``depth`` 1.
Apostrophes (Merkel's, geht's, 'n) are not quotation marks.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

MAX_QUOTE_CHARS = 3000

# opening mark -> closing marks accepted
PAIRS: dict[str, str] = {
    "„": "“”\"",
    "»": "«",
    "«": "»",
    "“": "”\"“",
    "‚": "‘’'",
    "›": "‹",
    "‹": "›",
}


OPENING_MARKS = ("„", "»", "«", '"', "“")
"""Marks that open a quotation, as single tokens ("«" and "“" open in Swiss and English use)."""
CLOSING_MARKS = ("“", "«", "»", '"', "”")
"""Marks that close a quotation, as single tokens."""
GERMAN_OPENERS = ("„", "»", '"')
"""Marks that open a quotation in German typesetting (where "«" and "“" close one)."""
GERMAN_CLOSERS = ("“", "«", '"', "”")
"""Marks that close a quotation in German typesetting (where "»" opens one)."""
BRACKETS = {"(": ")", "[": "]", "„": "“", "»": "«", "«": "»", "\"": "\""}
"""Opening bracket or mark -> its closing partner, for balancing a phrase (``engine.balance``)."""


@dataclass(frozen=True)
class QuoteMark:
    """A quoted stretch: ``start``/``end`` include the marks; ``inner_*`` exclude them."""

    start: int
    end: int
    depth: int = 0
    width: int = 1
    """Characters per mark: 1, or 2 for TeX-style ``…''."""

    @property
    def inner_start(self) -> int:
        return self.start + self.width

    @property
    def inner_end(self) -> int:
        return self.end - self.width


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _straight_role(text: str, i: int) -> str:
    """'open', 'close' or 'none' for a straight quote at ``i``."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "'" and _is_word_char(before) and (_is_word_char(after) or after in " .,"):
        return "none"  # apostrophe: Merkel's, geht's
    if before.isspace() or before in "([{-–—/:" or i == 0:
        return "open" if not after.isspace() else "none"
    if after.isspace() or after in ".,;:!?)]}-–—" or i + 1 == len(text):
        return "close"
    return "none"


SINGLE_QUOTE_CHARS = 80
"""A straight single quote closes an open one at most this far away, in the same paragraph."""


def _closes_single(text: str, opened: int, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return i - opened <= SINGLE_QUOTE_CHARS and "\n" not in text[opened:i] and (after.isspace() or after in ".,;:!?)")


def scan(text: str) -> list[QuoteMark]:
    """All quoted stretches in ``text``, sorted by start."""
    found: list[QuoteMark] = []
    stack: list[tuple[str, int]] = []
    for m in regex.finditer(r"``|''|[„“”»«‚‘’›‹\"']", text):
        ch, i = m.group(), m.start()
        if ch == "``":  # TeX-style quotes, as in older corpora: ``Wir haben …''
            stack.append((ch, i))
            continue
        if ch == "''":
            k = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == "``"), None)
            if k is not None:
                pos = stack[k][1]
                del stack[k:]
                found.append(QuoteMark(pos, i + 2, len(stack), 2))
            continue
        # Drop openers left hanging too long ago (an unbalanced mark).
        while stack and i - stack[-1][1] > MAX_QUOTE_CHARS:
            stack.pop()
        if ch in "\"'":
            role = _straight_role(text, i)
            if role == "none" and ch == "'" and stack and stack[-1][0] == "'" and _closes_single(text, stack[-1][1], i):
                role = "close"  # 'Langzeitarbeitslose' — an apostrophe position, but a single quote is open
            if role == "none":
                continue
            if stack and ch in PAIRS.get(stack[-1][0], ch) and (role == "close" or stack[-1][0] == ch):
                opener, pos = stack.pop()
                found.append(QuoteMark(pos, i + 1, len(stack)))
            elif role == "open":
                stack.append((ch, i))
            continue
        # typographic marks: try closing the innermost fitting opener
        closed = False
        for k in range(len(stack) - 1, -1, -1):
            opener, pos = stack[k]
            if ch in PAIRS.get(opener, ""):
                if ch in "‘’" and _is_word_char(text[i - 1: i] or " ") and _is_word_char(text[i + 1: i + 2] or " "):
                    break  # apostrophe inside a word
                del stack[k:]
                found.append(QuoteMark(pos, i + 1, len(stack)))
                closed = True
                break
        if closed:
            continue
        if ch in PAIRS:
            if ch in "‘’" and i > 0 and _is_word_char(text[i - 1]):
                continue
            if ch == "“" and stack and stack[-1][0] == "“":
                continue
            stack.append((ch, i))
    found.sort(key=lambda q: (q.start, -q.end))
    # depth: count enclosing marks
    out = []
    for q in found:
        depth = sum(1 for o in found if o is not q and o.start <= q.start and q.end <= o.end)
        out.append(QuoteMark(q.start, q.end, depth, q.width))
    return out

"""Bounds on the work one document may cost, so that no input stalls a run or eats memory.

Three kinds, all chosen from measurements (``benchmarks/sentence_sizes.py``
on the news-quotes-de corpus, ``benchmarks/test_bench_bounds.py`` for the
cost of pathological input) and set well above every article of that
corpus, which is processed exactly as without them:

* **Per sentence** (:data:`MAX_SENTENCE_WORDS`, :data:`MAX_SENTENCE_CHARS`):
  the tagger's and the parser's cost grows faster than linearly with a
  sentence's length, so :mod:`quotes.nlp` splits longer sentences at token
  boundaries after tokenization and before tagging and parsing.
* **Per document, before parsing** (:func:`complexity_problem`): too many
  words, too many quotation marks, or too many opened and never closed
  ones make the document a ``too_complex`` error record at once, with the
  reason. The checks are linear (well under a second at the
  2,000,000-character limit of :mod:`quotes.inputs`; a millisecond for an article).
* **Per document, the rules** (:data:`RULES_BUDGET_SECONDS`,
  :func:`time_budget`): the rules of one document get a time budget; a
  document that exceeds it becomes a ``too_complex`` error record.
"""

from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

MAX_SENTENCE_WORDS = 250
"""Longer sentences are split before tagging and parsing (news-quotes-de's longest: 138 words)."""
MAX_SENTENCE_CHARS = 1500
"""Longer sentences are split before tagging and parsing (news-quotes-de's longest: 719 characters)."""
MAX_DOCUMENT_WORDS = 350_000
"""More words (estimated before parsing, :func:`estimate_words`) make a document ``too_complex``:
about the words of a document of ``inputs.MAX_CHARS`` characters of news prose (6.1 characters
a word in news-quotes-de), so no document costs the parser more than the longest text accepted
(news-quotes-de's longest article: 2,093 words, estimated 2,168)."""
MAX_OPEN_MARKS = 50
"""More quotation marks open at once (:func:`open_marks`) make a document ``too_complex``:
the quotation-mark scanner's work grows with the square of it (news-quotes-de's most: 3)."""
MAX_QUOTE_MARKS = 20_000
"""More quotation marks in a document make it ``too_complex``: pairing them costs the rules
time that grows with the square of their number (news-quotes-de's most in one article: 42;
20,000 marks in pairs cost the scanner about 6 s)."""
RULES_BUDGET_SECONDS = 60.0
"""The rules' time for one document: the slowest news-quotes-de article takes 0.06 s (1,374
words; 0.04 ms a word on average), a document of :data:`MAX_DOCUMENT_WORDS` about 15 s."""


def sentence_too_long(n_words: int, n_chars: int) -> bool:
    """Whether a sentence is over the per-sentence bounds (and is split before parsing)."""
    return n_words > MAX_SENTENCE_WORDS or n_chars > MAX_SENTENCE_CHARS


_WORD = None
_MARKS = "„“”»«‚‘’›‹"
_CLOSES = {"„": "“”", "»": "«", "«": "»", "“": "”“", "‚": "‘’", "›": "‹", "‹": "›"}


def estimate_words(text: str) -> int:
    """Words (tokens) the tokenizer will make of ``text``, estimated without the model: runs of
    letters and digits, and each other non-space character. Linear; about 2 ms per 100,000 characters."""
    global _WORD
    if _WORD is None:
        import regex

        _WORD = regex.compile(r"[\w]+|[^\w\s]")
    return sum(1 for _ in _WORD.finditer(text))


def open_marks(text: str) -> int:
    """The most typographic quotation marks open at once in ``text`` (nesting depth of
    „…“, »…«, «…», ‚…‘, ›…‹ and “…”, each closing mark closing a fitting open one). Linear."""
    open_: dict[str, int] = {}
    depth = deepest = 0
    for ch in text:
        if ch not in _MARKS:
            continue
        opener = next((o for o, n in open_.items() if n and ch in _CLOSES[o]), None)
        if opener is not None:
            open_[opener] -= 1
            depth -= 1
        elif ch in _CLOSES and not (ch == "“" and open_.get("“")):
            open_[ch] = open_.get(ch, 0) + 1
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def complexity_problem(text: str) -> Optional[str]:
    """Why the parser and the rules would take unbounded time on ``text``, as a sentence for a
    ``too_complex`` error record, or None. Checked before parsing; linear in the text."""
    marks = sum(text.count(ch) for ch in _MARKS + '"' if ch != "’")  # ’ is mostly an apostrophe
    if marks > MAX_QUOTE_MARKS:
        return (f"The document has {marks:,} quotation marks; the limit is {MAX_QUOTE_MARKS:,} "
                "(pairing them would take too long). Split it first.")
    depth = open_marks(text) if marks > MAX_OPEN_MARKS else 0
    if depth > MAX_OPEN_MARKS:
        return (f"The document has {depth:,} quotation marks open at once (nested without being closed); "
                f"the limit is {MAX_OPEN_MARKS}. It does not look like prose.")
    words = estimate_words(text) if len(text) > MAX_DOCUMENT_WORDS else 0  # a word has a character at least
    if words > MAX_DOCUMENT_WORDS:
        return (f"The document has about {words:,} words; the limit is {MAX_DOCUMENT_WORDS:,} "
                "(parsing it would take too long). Split it first.")
    return None


# -- the rules' time budget ----------------------------------------------------


class BudgetExceeded(Exception):
    """Raised inside a :func:`time_budget` block that ran out of time."""


@contextmanager
def time_budget(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`BudgetExceeded` inside the block once it has run ``seconds``.

    Works in any thread: a timer thread raises the exception asynchronously in
    the thread running the block (CPython's ``PyThreadState_SetAsyncExc``), so
    it takes effect at the next Python instruction. Pure-Python work (the
    rules) stops at once; a long call into C code stops when it returns.
    ``None`` or a non-positive value: no budget.
    """
    if not seconds or seconds <= 0:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(BudgetExceeded))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
        timer.cancel()
        if state["fired"]:
            # The exception may still be pending (the block ended between the timer's
            # check and delivery): clear it, so it cannot strike later code.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
    if state["fired"]:
        raise BudgetExceeded(f"over the time budget of {seconds:g} s")

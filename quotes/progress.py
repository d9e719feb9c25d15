"""Progress of long runs, for people watching a terminal and for log files.

On a terminal, :class:`Progress` draws a tqdm bar; anywhere else (a log
file, CI, a pipe) it writes one plain line every ``interval`` seconds and
one when it closes (a run shorter than ``interval`` stays quiet), so a long run
is never silent::

    quotes: 120/850 documents (14%), 2.3 documents/s, about 5 min left; 340 quotes, 1 errors

>>> from quotes.progress import Progress
>>> import io
>>> log = io.StringIO()
>>> with Progress(total=3, desc="eval", unit="documents", stream=log, mode="log", interval=0) as bar:
...     for name in ("a", "b", "c"):
...         bar.update(1, note="7 quotes")
>>> log.getvalue().splitlines()[-2].startswith("eval: 3/3 documents (100%)")
True

The API is four calls: ``Progress(...)``, ``update(n, note=...)``,
``write(line)`` (a message that does not break the bar) and ``close()``
(or a ``with`` block). ``mode`` is ``"auto"`` (bar on a terminal, log
lines otherwise), ``"bar"``, ``"log"`` or ``"off"``.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Callable, Optional

MODES = ("auto", "bar", "log", "off")
DEFAULT_INTERVAL = 30.0
"""Seconds between two log lines when not on a terminal."""


def is_terminal(stream) -> bool:
    """Whether ``stream`` is an interactive terminal (False for files, pipes, closed streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def format_duration(seconds: float) -> str:
    """``42 s``, ``5 min``, ``2 h 05 min``: rounded for a person."""
    seconds = max(0.0, seconds)
    if seconds < 90:
        return f"{seconds:.0f} s"
    minutes = seconds / 60
    if minutes < 90:
        return f"{minutes:.0f} min"
    hours, minutes = divmod(int(round(minutes)), 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Count finished items and report them: a bar on a terminal, periodic log lines otherwise.

    Args:
        total: items expected, if known (then a percentage and the time left are shown).
        desc: the line's prefix, e.g. ``"quotes"`` or ``"eval"``.
        unit: what is counted, e.g. ``"documents"``.
        stream: where to write (default: standard error).
        mode: ``"auto"``, ``"bar"``, ``"log"`` or ``"off"`` (see the module docstring).
        interval: seconds between log lines (``"log"`` mode; default :data:`DEFAULT_INTERVAL`).
        initial: items already done before this run (e.g. skipped by ``--resume``); not
            counted in the rate.
        clock: a monotonic clock (tests pass a fake one).
    """

    def __init__(
        self,
        total: Optional[int] = None,
        desc: str = "quotes",
        unit: str = "documents",
        stream: Optional[IO[str]] = None,
        mode: str = "auto",
        interval: Optional[float] = None,
        initial: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown progress mode {mode!r}; choose one of {', '.join(MODES)}")
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            mode = "bar" if is_terminal(self.stream) else "log"
        self.mode = mode
        self.total = total
        self.desc = desc
        self.unit = unit
        self.interval = DEFAULT_INTERVAL if interval is None else interval
        self.initial = initial
        self.done = initial
        self.note = ""
        self.clock = clock
        self.start = clock()
        self._last_line = self.start
        self._closed = False
        self._lines = 0
        self._bar = None
        if mode == "bar":
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=initial, desc=desc, unit=" " + unit,
                             file=self.stream, dynamic_ncols=True, mininterval=0.5, smoothing=0.05)

    # -- the API -----------------------------------------------------------

    def update(self, n: int = 1, note: Optional[str] = None) -> None:
        """``n`` more items are done; ``note`` (short) replaces the text shown after the counts."""
        self.done += n
        if note is not None:
            self.note = note
        if self._bar is not None:
            if note is not None:
                self._bar.set_postfix_str(note, refresh=False)
            self._bar.update(n)
        elif self.mode == "log":
            now = self.clock()
            if now - self._last_line >= self.interval:
                self._last_line = now
                self._lines += 1
                self._print(self.line(now))

    def write(self, text: str) -> None:
        """Print a message line (e.g. a document's error) without breaking the bar."""
        if self.mode == "off":
            print(text, file=self.stream)
        elif self._bar is not None:
            self._bar.write(text, file=self.stream)
        else:
            self._print(text)

    def close(self) -> None:
        """Finish: the bar is closed; in log mode a last line with the final counts (only
        after a run long enough to have logged a line: short runs stay quiet)."""
        if self._closed:
            return
        self._closed = True
        if self._bar is not None:
            self._bar.close()
        elif self.mode == "log" and self._lines:
            self._print(self.line(self.clock(), final=True))

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- figures -----------------------------------------------------------

    def rate(self, now: Optional[float] = None) -> float:
        """Items per second in this run so far."""
        elapsed = (self.clock() if now is None else now) - self.start
        return (self.done - self.initial) / elapsed if elapsed > 0 else 0.0

    def remaining(self, now: Optional[float] = None) -> Optional[float]:
        """Estimated seconds left, or None (no total, no rate yet)."""
        rate = self.rate(now)
        if self.total is None or rate <= 0:
            return None
        return max(0, self.total - self.done) / rate

    def line(self, now: Optional[float] = None, final: bool = False) -> str:
        """The log line, e.g. ``quotes: 120/850 documents (14%), 2.3 documents/s, about 5 min left; 340 quotes``."""
        now = self.clock() if now is None else now
        if self.total:
            out = f"{self.desc}: {self.done:,}/{self.total:,} {self.unit} ({100 * self.done / self.total:.0f}%)"
        else:
            out = f"{self.desc}: {self.done:,} {self.unit}"
        rate = self.rate(now)
        if rate > 0:
            out += f", {rate:,.1f} {self.unit}/s" if rate >= 0.1 else f", {60 * rate:,.1f} {self.unit}/min"
        if final:
            out += f", done in {format_duration(now - self.start)}"
        else:
            left = self.remaining(now)
            if left is not None:
                out += f", about {format_duration(left)} left"
        if self.note:
            out += f"; {self.note}"
        return out

    def _print(self, text: str) -> None:
        try:
            print(text, file=self.stream, flush=True)
        except (OSError, ValueError):  # a closed or broken log must not stop the run
            pass

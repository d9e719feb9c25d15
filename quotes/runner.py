"""The batch runner behind ``quotes extract``: streaming, worker processes,
resumable output, progress.

* **Streaming.** Documents are read lazily and processed in chunks of
  ``chunk_size``; at most a few chunks are held at once (one in this
  process, ``2 × workers`` with workers), so memory stays flat however long
  the input is. Records are written in input order.
  A document of more than :data:`ALONE_WORDS` words is a chunk of its own,
  so the records before it are written while it is parsed.
* **Workers.** With ``workers > 1`` a pool of processes (``spawn``) each
  builds the extractor once, with one torch thread, and takes whole chunks
  (see :mod:`quotes.workers`: workers die with the run, even on ``kill -9``;
  a worker that crashes costs only the document that killed it).
* **Progress.** A bar on a terminal, a log line every 30 s otherwise
  (:mod:`quotes.progress`).
* **Nothing lost.** Every input document yields exactly one record: a
  :class:`~quotes.models.DocumentResult` or a
  :class:`~quotes.models.DocumentError`.
* **Atomic output.** Each document's rendering is written with one write
  call and flushed, so an interrupted run leaves whole lines (the rare
  partial write of a crash is cut off by ``--resume``).
* **Resume.** With ``resume=True`` the ids already in the output (JSON Lines
  or CSV) are skipped and new records are appended; a damaged tail is
  repaired first.

>>> from quotes.runner import run                             # doctest: +SKIP
>>> summary = run(docs, extractor, fmt="jsonl", output="out.jsonl", resume=True)   # doctest: +SKIP
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, Union

from . import exporters
from .exporters import APPENDABLE, get_exporter
from .extractor import Extractor, Record
from .inputs import InputDoc, read_paths
from .limits import estimate_words
from .models import DocumentError
from .progress import Progress
from .workers import process_chunk, process_parallel

DEFAULT_CHUNK_SIZE = 16

ExtractorSource = Union[Extractor, Callable[[], Extractor]]


class RunnerError(Exception):
    """A run that cannot start (a format that cannot be resumed, a damaged output file)."""


@dataclass
class Summary:
    """What a run did."""

    documents: int = 0
    """Records written by this run (results and errors)."""
    quotes: int = 0
    errors: int = 0
    skipped: int = 0
    """Documents already in the output (``resume``), not processed again."""
    words: int = 0
    """Parsed words (tokens) of the documents processed."""
    seconds: float = 0.0
    error_kinds: Counter = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        self.documents += 1
        if isinstance(record, DocumentError):
            self.errors += 1
            self.error_kinds[record.error] += 1
        else:
            self.quotes += len(record.quotes)

    def line(self) -> str:
        """One line for a person, e.g. ``quotes: 12 documents, 30 quotes, 1 error (empty 1)``."""
        n = lambda count, noun: f"{count} {noun}" + ("" if count == 1 else "s")  # noqa: E731
        out = f"quotes: {n(self.documents, 'document')}, {n(self.quotes, 'quote')}, {n(self.errors, 'error')}"
        if self.error_kinds:
            out += " (" + ", ".join(f"{k} {n}" for k, n in sorted(self.error_kinds.items())) + ")"
        if self.skipped:
            out += f", {self.skipped} skipped (already in the output)"
        if self.seconds > 0 and self.documents:
            out += (f"; {self.seconds:.1f} s, {self.documents / self.seconds:,.1f} docs/s, "
                    f"{self.words / self.seconds:,.0f} tokens/s")
        return out


# -- input -----------------------------------------------------------------


def read_inputs(paths: Iterable[str], stdin: Optional[IO[bytes]] = None) -> Iterator[InputDoc]:
    """The documents of a run: :func:`quotes.inputs.read_paths` (JSON Lines on
    standard input streamed line by line; one decoding policy for every input;
    unreadable inputs and repeated ids as error records in their place)."""
    return read_paths(paths, stdin=stdin)


# -- resume ----------------------------------------------------------------


def done_ids(path: str | os.PathLike, fmt: str, repair: bool = True) -> set[str]:
    """The document ids already in an output file (``fmt`` ``jsonl`` or ``csv``).

    The scanning is the format's own (``done_ids`` of its exporter, see
    :mod:`quotes.exporters`). A damaged tail (a last record cut off by a
    crash) is truncated away when ``repair`` is true, so that appending
    starts on a clean line; the document it held is not counted as done.
    Damage anywhere else raises :class:`RunnerError`: the file was not
    written by an interrupted run and is better looked at by a person.
    """
    path = Path(path)
    if fmt not in APPENDABLE:
        raise RunnerError(f"cannot resume {fmt!r} output; resume works with {' or '.join(APPENDABLE)}")
    if not path.exists() or path.stat().st_size == 0:
        return set()
    try:
        ids, good_end = exporters.done_ids(fmt, path)
    except exporters.ResumeError as exc:
        raise RunnerError(str(exc)) from None
    if good_end < path.stat().st_size:
        if not repair:
            raise RunnerError(f"{path} ends with an incomplete record")
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    return ids


# -- output ----------------------------------------------------------------


_SURROGATE = re.compile("[\ud800-\udfff]")


class DocumentWriter:
    """An exporter whose output reaches the file one whole document at a time.

    The exporter renders into a memory buffer; after each record the buffer
    goes out with a single ``write`` (retried for the rest on a short write)
    and is flushed. A file is opened on the first write (a run that fails
    before its first document leaves an existing file alone), with
    ``O_APPEND`` when appending.
    """

    def __init__(self, fmt: str, output: Optional[str | os.PathLike] = None, stream: Optional[IO[str]] = None,
                 append: bool = False, **options) -> None:
        self.buffer = io.StringIO(newline="")
        try:
            self.exporter = get_exporter(fmt, self.buffer, **options)
        except (ValueError, ModuleNotFoundError) as exc:
            raise RunnerError(str(exc)) from None
        self.output = Path(output) if output is not None else None
        self.stream = stream if stream is not None or output is not None else sys.stdout
        self.append = append
        self.fd: Optional[int] = None
        self._header: Optional[str] = None
        if append and fmt == "csv" and self.output is not None and self.output.exists():
            with open(self.output, "rb") as fh:
                first = fh.readline()
            self._header = first.decode("utf-8", "replace") if first else None

    def write(self, record: Record) -> None:
        self.exporter.write(record)
        self._drain()

    def close(self, complete: bool = True) -> None:
        """Finish the output; ``complete=False`` (a failed run) only closes the file."""
        try:
            if complete:
                self.exporter.close()
                self._drain()
                self._open()
        finally:
            if self.fd is not None:
                try:
                    os.fsync(self.fd)
                except OSError:
                    pass
                os.close(self.fd)
                self.fd = None

    def _drain(self) -> None:
        data = self.buffer.getvalue()
        if not data:
            return
        self.buffer.seek(0)
        self.buffer.truncate(0)
        if self._header is not None:  # appending CSV: the file has its header already
            if not data.startswith(self._header):
                raise RunnerError("cannot resume: the existing CSV output has other columns or another dialect")
            data = data[len(self._header):]
            self._header = None
            if not data:
                return
        self._emit(data)

    def _open(self) -> None:
        if self.output is None or self.fd is not None:
            return
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if self.append else os.O_TRUNC)
        self.fd = os.open(self.output, flags, 0o666)

    def _emit(self, data: str) -> None:
        try:
            payload = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in an id: keep the record, mark the character
            payload = _SURROGATE.sub("\ufffd", data).encode("utf-8")
        if self.output is None:
            self.stream.write(payload.decode("utf-8"))
            self.stream.flush()
            return
        self._open()
        view = memoryview(payload)
        while view:
            written = os.write(self.fd, view)  # type: ignore[arg-type]
            view = view[written:]


# -- processing ------------------------------------------------------------

ALONE_WORDS = 5_000
"""A document of more (estimated) words is processed in a chunk of its own, after the
documents before it are written (news-quotes-de's longest article: 2,093 words, estimated 2,168;
no article of the corpus is alone, so its chunks are as before)."""


def iter_chunks(docs: Iterable[InputDoc], size: int, alone_words: int = ALONE_WORDS) -> Iterator[list[InputDoc]]:
    """Chunks of up to ``size`` documents, in order; a long document (over ``alone_words``,
    see :func:`quotes.limits.estimate_words`) comes as a chunk of its own, so that the
    records of the documents before it are written while it is being parsed."""
    chunk: list[InputDoc] = []
    for doc in docs:
        if doc.text is not None and len(doc.text) > alone_words and estimate_words(doc.text) > alone_words:
            if chunk:
                yield chunk
                chunk = []
            yield [doc]
            continue
        chunk.append(doc)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process(
    docs: Iterable[InputDoc],
    extractor: ExtractorSource,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[tuple[list[Record], int]]:
    """Yield ``(records, words)`` per chunk, in input order.

    ``extractor`` is an :class:`~quotes.extractor.Extractor` or a zero-argument
    factory for one; worker processes need a picklable factory (e.g.
    ``functools.partial(Extractor, model_dir=...)``). Workers are started with
    ``spawn``, which imports the main module again: a script that uses
    workers must keep its work under ``if __name__ == "__main__":``.
    """
    chunks = iter_chunks(docs, max(1, chunk_size))
    if workers <= 1:
        ex = extractor if isinstance(extractor, Extractor) else extractor()
        for chunk in chunks:
            yield process_chunk(ex, chunk)
        return
    if isinstance(extractor, Extractor):
        raise RunnerError("worker processes need an extractor factory, not a loaded Extractor")
    yield from process_parallel(chunks, extractor, workers)


# -- counts ----------------------------------------------------------------


def count_inputs(paths: Iterable[str]) -> Optional[int]:
    """How many documents PATHs hold, counted cheaply for progress (.txt files, non-blank
    JSON Lines); None when unknown (standard input)."""
    total = 0
    for raw in paths:
        path = Path(raw)
        try:
            if raw == "-":
                return None
            if path.is_dir():
                total += sum(1 for p in path.rglob("*.txt") if p.is_file())
            elif path.suffix.lower() in (".jsonl", ".ndjson"):
                with open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
        except OSError:
            total += 1
    return total


# -- the run ---------------------------------------------------------------


def run(
    docs: Iterable[InputDoc],
    extractor: ExtractorSource,
    *,
    fmt: str = "jsonl",
    output: Optional[str | os.PathLike] = None,
    stream: Optional[IO[str]] = None,
    exporter_options: Optional[dict] = None,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    resume: bool = False,
    progress: Optional[Union[bool, str]] = None,
    quiet: bool = False,
    log: Optional[IO[str]] = None,
    total: Optional[int] = None,
) -> Summary:
    """Extract from ``docs`` and write every record, in input order.

    Args:
        docs: documents (e.g. from :func:`read_inputs`); read lazily.
        extractor: an Extractor, or a zero-argument factory (required for ``workers > 1``).
        fmt: exporter name (``json``, ``jsonl``, ``csv``, ``html``).
        output: output file; None writes to ``stream`` (default standard output).
        exporter_options: passed to the exporter (e.g. ``csv_dialect``).
        workers: worker processes; 1 runs in this process.
        chunk_size: documents read and processed at a time.
        resume: skip the ids already in ``output`` and append (``jsonl`` and ``csv`` only).
        progress: None: a bar when ``log`` is a terminal, else a log line every 30 s (see
            :mod:`quotes.progress`); True: a bar; False: none; or a :class:`~quotes.progress.Progress` mode.
        quiet: no progress and no per-document error lines.
        log: where progress and error lines go (default standard error).
        total: documents in ``docs``, if known (e.g. :func:`count_inputs`): progress then shows
            a percentage and the time left.
    """
    log = log if log is not None else sys.stderr
    if resume:
        if output is None:
            raise RunnerError("--resume needs an output file (-o OUT)")
        if fmt not in APPENDABLE:
            raise RunnerError(f"--resume works with -f {' or -f '.join(APPENDABLE)} (appendable formats), "
                              f"not with -f {fmt}: a finished {fmt} file cannot be appended to")
    if workers < 1 or chunk_size < 1:
        raise RunnerError("workers and chunk size must be at least 1")
    done = done_ids(output, fmt) if resume else set()  # type: ignore[arg-type]
    writer = DocumentWriter(fmt, output, stream, append=resume, **(exporter_options or {}))
    summary = Summary()
    if done:
        docs = _skip(docs, done, summary)
    if workers <= 1 and not isinstance(extractor, Extractor):
        extractor = extractor()  # load the model before the clock starts
    mode = "off" if quiet or progress is False else {None: "auto", True: "bar"}.get(progress, progress)
    bar = Progress(None if total is None else max(0, total - len(done)), stream=log, mode=mode)  # type: ignore
    started = time.perf_counter()
    complete = False
    chunks = process(docs, extractor, workers, chunk_size)
    try:
        for records, words in chunks:
            summary.words += words
            for record in records:
                writer.write(record)
                summary.add(record)
                if isinstance(record, DocumentError) and not quiet:
                    bar.write(f"quotes: {record.id}: {record.message}")
            rate = summary.words / max(1e-9, time.perf_counter() - started)
            bar.update(len(records), note=f"{rate:,.0f} tok/s, {summary.quotes} quotes, {summary.errors} errors")
        complete = True
    finally:
        chunks.close()  # stops worker processes now, also on Ctrl-C or SIGTERM
        bar.close()
        summary.seconds = time.perf_counter() - started
        writer.close(complete)
    return summary


def _skip(docs: Iterable[InputDoc], done: set[str], summary: Summary) -> Iterator[InputDoc]:
    for doc in docs:
        if doc.id in done:
            summary.skipped += 1
        else:
            yield doc


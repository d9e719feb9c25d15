"""The batch runner behind ``quotes extract``: streaming, worker processes,
resumable output, progress.

* **Streaming.** Documents are read lazily and processed in chunks of
  ``chunk_size``; at most a few chunks are held at once (one in this
  process, ``2 × workers`` with workers), so memory stays flat however long
  the input is. Records are written in input order.
* **Workers.** With ``workers > 1`` a pool of processes (``spawn``) each
  builds the extractor once, with one torch thread, and takes whole chunks.
  A worker that dies (a crash in native code, the out-of-memory killer) is
  replaced; its chunk is retried document by document and the document that
  kills a worker again becomes an error record.
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
import multiprocessing
import os
import re
import signal
import sys
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, Union

from . import exporters
from .exporters import APPENDABLE, get_exporter
from .extractor import Extractor, Record
from .inputs import InputDoc, read_paths
from .models import DocumentError
from .nlp import iter_batches

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

_WORKER: Optional[Extractor] = None
_WORKER_ERROR: Optional[BaseException] = None


def _init_worker(factory: Callable[[], Extractor]) -> None:
    """Pool initializer: one torch thread, the extractor built once."""
    global _WORKER, _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        _WORKER = factory()
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(1)
    except BaseException as exc:  # reported with the first chunk, in the parent
        _WORKER_ERROR = exc


def _work(chunk: list[InputDoc]) -> tuple[list[Record], int]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return _process_chunk(_WORKER, chunk)  # type: ignore[arg-type]


def _process_chunk(extractor: Extractor, chunk: list[InputDoc]) -> tuple[list[Record], int]:
    before = extractor.n_words
    records = extractor.process_batch(chunk)
    return records, extractor.n_words - before


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
    chunks = iter_batches(docs, max(1, chunk_size))
    if workers <= 1:
        ex = extractor if isinstance(extractor, Extractor) else extractor()
        for chunk in chunks:
            yield _process_chunk(ex, chunk)
        return
    if isinstance(extractor, Extractor):
        raise RunnerError("worker processes need an extractor factory, not a loaded Extractor")
    yield from _process_parallel(chunks, extractor, workers)


def _new_pool(factory: Callable[[], Extractor], workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(factory,))


def _process_parallel(chunks: Iterator[list[InputDoc]], factory: Callable[[], Extractor],
                      workers: int) -> Iterator[tuple[list[Record], int]]:
    pool = _new_pool(factory, workers)
    pending: deque = deque()
    try:
        while True:
            while len(pending) < 2 * workers:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((chunk, pool.submit(_work, chunk)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                yield future.result()
                continue
            except BrokenProcessPool:
                pass
            # A worker died. Retry this chunk document by document in fresh
            # pools, so that only the document that kills a worker is lost.
            pool.shutdown(wait=False, cancel_futures=True)
            pool = _new_pool(factory, workers)
            for doc in chunk:
                try:
                    yield pool.submit(_work, [doc]).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _new_pool(factory, workers)
                    yield [DocumentError(
                        id=doc.id, error="crash",
                        message="The worker process died while processing this document "
                                "(a crash in the parser or out of memory); the run went on without it.",
                    )], 0
            pending = deque((c, pool.submit(_work, c)) for c, _ in pending)
    finally:
        _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.terminate()


# -- the run ---------------------------------------------------------------


class _Progress:
    """A tqdm bar on ``log`` with documents/s and tokens/s; silent when disabled."""

    def __init__(self, enabled: bool, log: IO[str], skipped: int = 0) -> None:
        self.log = log
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(desc="quotes", unit="doc", file=log, dynamic_ncols=True, mininterval=0.5,
                            smoothing=0.05)
            if skipped:
                self.bar.set_description(f"quotes ({skipped} skipped)")
        self.start = time.perf_counter()

    def update(self, summary: Summary, docs: int) -> None:
        if self.bar is None:
            return
        elapsed = max(1e-9, time.perf_counter() - self.start)
        self.bar.set_postfix_str(f"{summary.words / elapsed:,.0f} tok/s, {summary.quotes} quotes, "
                                 f"{summary.errors} errors", refresh=False)
        self.bar.update(docs)

    def message(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.log)
        else:
            print(text, file=self.log)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


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
    progress: Optional[bool] = None,
    quiet: bool = False,
    log: Optional[IO[str]] = None,
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
        progress: show a progress bar; None: only when ``log`` is a terminal and not ``quiet``.
        quiet: no progress bar and no per-document error lines.
        log: where progress and error lines go (default standard error).
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
    if progress is None:
        progress = not quiet and _isatty(log)
    bar = _Progress(bool(progress), log, len(done))
    started = time.perf_counter()
    complete = False
    try:
        for records, words in process(docs, extractor, workers, chunk_size):
            summary.words += words
            for record in records:
                writer.write(record)
                summary.add(record)
                if isinstance(record, DocumentError) and not quiet:
                    bar.message(f"quotes: {record.id}: {record.message}")
            bar.update(summary, len(records))
        complete = True
    finally:
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


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False

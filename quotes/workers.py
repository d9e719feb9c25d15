"""Worker processes for :mod:`quotes.runner`: a pool whose workers die with the run.

* Each worker (``spawn``) builds the extractor once and uses one torch thread.
* **No orphans.** A worker ends as soon as its parent is gone, even after
  ``kill -9`` (Linux: ``PR_SET_PDEATHSIG``; everywhere: a thread that watches
  ``os.getppid()``). Workers stay in the parent's process group, ignore
  SIGINT (Ctrl-C reaches the whole group; the parent decides) and die on
  SIGTERM.
* **Prompt stop.** :func:`stop` cancels what is pending and kills the
  workers at once; the run's finished records are already written.
  :func:`sigterm_as_interrupt` makes SIGTERM stop a run like Ctrl-C.
* **Crashes.** A worker that dies (a crash in native code, the out-of-memory
  killer) is replaced; its chunk is retried document by document and the
  document that kills a worker again becomes a ``crash`` error record.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator, Optional

from .extractor import Extractor, Record
from .inputs import InputDoc
from .models import DocumentError

_WORKER: Optional[Extractor] = None
_WORKER_ERROR: Optional[BaseException] = None


PARENT_POLL_SECONDS = 0.5
"""How often a worker checks that its parent is alive."""


def _init_worker(factory: Callable[[], Extractor], parent: int = 0, deathsig: bool = False) -> None:
    """Pool initializer: die with the parent, one torch thread, the extractor built once."""
    global _WORKER, _WORKER_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if parent:
        _die_with_parent(parent, deathsig)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        _WORKER = factory()
        if "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(1)
    except BaseException as exc:  # reported with the first chunk, in the parent
        _WORKER_ERROR = exc


def _die_with_parent(parent: int, deathsig: bool) -> None:
    """End this worker as soon as its parent process is gone (killed, even with ``kill -9``).

    Linux: the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``;
    only asked for where the pool was made by the parent's main thread, since
    the signal follows the creating thread). Everywhere: a daemon thread
    checks ``os.getppid()`` every :data:`PARENT_POLL_SECONDS` and exits the
    process when the worker was handed to another parent. Without this, a
    worker whose parent was killed waits for good to hand over its results.
    """
    if deathsig and sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before we got here
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="quotes-parent-watch", daemon=True).start()


def _work(chunk: list[InputDoc]) -> tuple[list[Record], int]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return process_chunk(_WORKER, chunk)  # type: ignore[arg-type]


def process_chunk(extractor: Extractor, chunk: list[InputDoc]) -> tuple[list[Record], int]:
    """The records of one chunk and the words parsed for it."""
    before = extractor.n_words
    records = extractor.process_batch(chunk)
    return records, extractor.n_words - before


def new_pool(factory: Callable[[], Extractor], workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes that build their extractor with ``factory``."""
    main = threading.current_thread() is threading.main_thread()
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(factory, os.getpid(), main))


def process_parallel(chunks: Iterator[list[InputDoc]], factory: Callable[[], Extractor],
                     workers: int) -> Iterator[tuple[list[Record], int]]:
    """``(records, words)`` per chunk, in input order, from ``workers`` processes (at most
    ``2 × workers`` chunks in flight). Closing the generator stops the pool (:func:`stop`)."""
    pool = new_pool(factory, workers)
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
            stop(pool)
            pool = new_pool(factory, workers)
            for doc in chunk:
                try:
                    yield pool.submit(_work, [doc]).result()
                except BrokenProcessPool:
                    stop(pool)
                    pool = new_pool(factory, workers)
                    yield [DocumentError(
                        id=doc.id, error="crash",
                        message="The worker process died while processing this document "
                                "(a crash in the parser or out of memory); the run went on without it.",
                    )], 0
            pending = deque((c, pool.submit(_work, c)) for c, _ in pending)
    finally:
        stop(pool)


def stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once: pending chunks are cancelled and the workers killed (their
    unfinished chunks are lost; everything finished is already written)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # shutdown() forgets them
    manager = getattr(pool, "_executor_manager_thread", None)  # and its manager thread
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.kill()
    deadline = time.monotonic() + 5
    for proc in procs:
        proc.join(max(0.0, deadline - time.monotonic()))
    # The pool's manager thread closes the pool's pipes as it winds down. A new pool made before it has
    # finished can be handed the same descriptor numbers, which the old thread then closes under it
    # ("bad value(s) in fds_to_keep" when the new pool starts a worker): wait for the thread first.
    if manager is not None and manager is not threading.current_thread():
        manager.join(max(0.0, deadline - time.monotonic()))


# -- signals -----------------------------------------------------------------


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread like Ctrl-C's KeyboardInterrupt (see :func:`sigterm_as_interrupt`)."""


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (a ``KeyboardInterrupt``) in the
    main thread, so that a run stops as on Ctrl-C: output closed with whole records, worker
    processes killed, a message. Only in the main thread (elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

"""``quotes extract --engine dask``: the same extraction on a Dask cluster.

* **Partitions.** The inputs are read with :func:`quotes.inputs.read_paths`
  (the same readers, decoding policy and error records as a local run) and
  cut into partitions of ``partition_size`` documents, in input order;
  partition ``i`` becomes the output part ``OUTDIR/part-0000i.<ext>``.
* **One model per worker.** :class:`ExtractorPlugin` (a
  :class:`distributed.WorkerPlugin`) builds the extractor once when a worker
  starts, with one torch thread; each task runs the same
  :meth:`~quotes.extractor.Extractor.process_batch` as ``quotes extract``.
  With ``device="gpu"`` each worker puts its model on one GPU
  (:func:`gpu_index`: worker ``i`` of a local cluster on GPU ``i mod n``), and
  a worker without a GPU fails at once with
  :class:`~quotes.nlp.DeviceNotFoundError`.
* **Atomic parts.** A part is rendered by the chosen exporter
  (:mod:`quotes.exporters`) into a temporary file in OUTDIR and renamed into
  place with :func:`os.replace`, so a part either exists whole or not at all.
* **Failures.** A document that cannot be processed is an error record, as in
  a local run; a task that fails is retried by Dask (``retries``), and a task
  whose worker died is rescheduled by Dask on another worker.
* **Resume.** ``resume=True`` skips the partitions whose part exists. The
  partition size and format are kept in ``OUTDIR/_quotes_dask.json`` and
  must match, so that partition ``i`` holds the same documents as before.
* **Any cluster.** Without ``scheduler`` a :class:`distributed.LocalCluster`
  of ``workers`` processes (one thread each) is started and stopped with the
  run; with ``scheduler`` (an address such as ``tcp://host:8786``) or
  ``client`` the run uses that cluster, whatever started it (see
  ``docs/scaling.md``). Its workers need ``quotes`` and the model installed.

>>> from quotes.distributed import extract_dask                         # doctest: +SKIP
>>> summary = extract_dask(["corpus/"], "out/", workers=2,
...                        model_dir="../shared/stanza-de-compact", offline=True)   # doctest: +SKIP
"""

from __future__ import annotations

import functools
import io
import json
import logging
import os
import re
import sys
import time
import zlib
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, Union

from .atomic import write_atomically
from .exporters import FORMATS, get_exporter
from .extractor import Extractor, Record
from .inputs import InputDoc, read_paths
from .models import DocumentError
from .progress import Progress
from .runner import RunnerError, Summary, count_inputs

DEFAULT_PARTITION_SIZE = 64
"""Documents per partition (one task, one output part)."""
DEFAULT_RETRIES = 2
"""How often Dask retries a partition whose task raised."""
MANIFEST = "_quotes_dask.json"
PART_RE = re.compile(r"^part-(\d{5,})\.(json|jsonl|csv|html)$")
PLUGIN_NAME = "quotes-extractor"

log = logging.getLogger(__name__)


def part_name(index: int, fmt: str) -> str:
    """``part-00003.jsonl``: the output part of partition ``index``."""
    return f"part-{index:05d}.{fmt}"


def part_files(outdir: Union[str, os.PathLike]) -> list[Path]:
    """The finished output parts in ``outdir``, in partition order."""
    outdir = Path(outdir)
    if not outdir.is_dir():
        return []
    parts = [p for p in outdir.iterdir() if PART_RE.match(p.name) and p.is_file()]
    return sorted(parts, key=lambda p: int(PART_RE.match(p.name).group(1)))  # type: ignore[union-attr]


def partitions(docs: Iterable[InputDoc], size: int) -> Iterator[tuple[int, list[InputDoc]]]:
    """``(index, documents)`` per partition of up to ``size`` documents, in input order."""
    chunk: list[InputDoc] = []
    index = 0
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= size:
            yield index, chunk
            index += 1
            chunk = []
    if chunk:
        yield index, chunk


# -- on the workers ----------------------------------------------------------


try:  # a plain base class where distributed is not installed (the module still imports)
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - exercised only without the extra
    _PluginBase = object  # type: ignore[assignment,misc]


class ExtractorPlugin(_PluginBase):  # type: ignore[misc,valid-type]
    """Builds the extractor once per Dask worker, with one torch thread.

    ``factory`` is a picklable zero-argument callable returning an
    :class:`~quotes.extractor.Extractor` (e.g.
    ``functools.partial(Extractor, model_dir=..., offline=True)``).

    With ``device="gpu"`` the factory is called with ``device="cuda:N"`` (:func:`gpu_index`), so it
    must take that keyword (:class:`~quotes.extractor.Extractor` and
    :func:`quotes.commands.make_extractor` do).
    """

    name = PLUGIN_NAME

    def __init__(self, factory: Callable[..., Extractor], device: str = "auto") -> None:
        self.factory = factory
        self.device = device
        self.extractor: Optional[Extractor] = None

    def setup(self, worker) -> None:
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = "1"
        try:
            import torch

            torch.set_num_threads(1)
        except ImportError:  # pragma: no cover
            pass
        if self.device == "gpu":
            from .nlp import check_gpu

            count = check_gpu()
            self.extractor = self.factory(device=f"cuda:{gpu_index(worker.name, count)}")
        else:
            self.extractor = self.factory()

    def teardown(self, worker) -> None:
        self.extractor = None


def gpu_index(worker_name, count: int) -> int:
    """The GPU of a Dask worker among the ``count`` it sees: one that sees a single GPU
    (``CUDA_VISIBLE_DEVICES=3``) uses it; worker ``i`` of a local cluster (named 0, 1, …) GPU
    ``i mod count``; a worker with another name (an address) one chosen by a hash of the name."""
    if count <= 1:
        return 0
    name = str(worker_name)
    if name.isdigit():
        return int(name) % count
    return zlib.crc32(name.encode("utf-8")) % count


def _worker_extractor() -> Extractor:
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.extractor is None:
        raise RuntimeError("this Dask worker has no quotes extractor (the worker plugin was not registered)")
    return plugin.extractor


def write_part(records: list[Record], path: Union[str, os.PathLike], fmt: str,
               exporter_options: Optional[dict] = None) -> None:
    """Render ``records`` with the ``fmt`` exporter and put them at ``path`` atomically
    (a temporary file in the same folder, flushed and synced, then :func:`os.replace`)."""
    path = Path(path)
    buffer = io.StringIO(newline="")
    exporter = get_exporter(fmt, buffer, **(exporter_options or {}))
    for record in records:
        exporter.write(record)
    exporter.close()
    text = buffer.getvalue()
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in an id: keep the record, mark the character (as the runner)
        data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    write_atomically(path, data, sync=True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def run_partition(index: int, docs: list[InputDoc], outdir: str, fmt: str,
                  exporter_options: Optional[dict] = None) -> dict:
    """The task of one partition, on a Dask worker: extract, write the part, report counts."""
    extractor = _worker_extractor()
    before = extractor.n_words
    records = extractor.process_batch(docs)
    words = extractor.n_words - before
    write_part(records, Path(outdir) / part_name(index, fmt), fmt, exporter_options)
    summary = Summary()
    for record in records:
        summary.add(record)
    return {
        "index": index, "documents": summary.documents, "quotes": summary.quotes, "errors": summary.errors,
        "error_kinds": dict(summary.error_kinds), "words": words,
        "error_lines": [f"{r.id}: {r.message}" for r in records if isinstance(r, DocumentError)],
    }


# -- on the client -----------------------------------------------------------


def _check_outdir(outdir: Path, fmt: str, partition_size: int, resume: bool) -> set[int]:
    """Prepare OUTDIR; the partitions already finished there (with ``resume``)."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RunnerError(f"cannot create the output folder {outdir}: {exc.strerror or exc}") from None
    manifest = outdir / MANIFEST
    existing = part_files(outdir)
    wanted = {"format": fmt, "partition_size": partition_size}
    if not resume:
        if existing:
            raise RunnerError(f"{outdir} already holds output parts: use --resume to continue that run, "
                              "or another (empty) folder")
    elif manifest.exists():
        try:
            found = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RunnerError(f"cannot resume: {manifest} is unreadable ({exc})") from None
        for key, value in wanted.items():
            if found.get(key) != value:
                raise RunnerError(f"cannot resume: {outdir} was written with {key} {found.get(key)!r}, "
                                  f"not {value!r}")
    elif existing:
        raise RunnerError(f"cannot resume: {outdir} holds parts but no {MANIFEST}")
    for stale in outdir.glob(".part-*.tmp"):  # left by a worker killed while writing
        try:
            stale.unlink()
        except OSError:
            pass
    write_atomically(manifest, (json.dumps(wanted) + "\n").encode("utf-8"))
    done = set()
    for p in existing:
        m = PART_RE.match(p.name)
        if m and m.group(2) == fmt:
            done.add(int(m.group(1)))
    return done


def start_local_cluster(workers: int, **kwargs):
    """A :class:`distributed.LocalCluster` of ``workers`` processes with one thread each
    (no dashboard), and a client for it: ``(cluster, client)``."""
    from distributed import Client, LocalCluster

    options = dict(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                   silence_logs=logging.ERROR)
    options.update(kwargs)
    cluster = LocalCluster(**options)
    try:
        client = Client(cluster)
    except BaseException:
        cluster.close()
        raise
    return cluster, client


def extract_dask(
    paths: Iterable[str],
    outdir: Union[str, os.PathLike],
    *,
    fmt: str = "jsonl",
    extractor_factory: Optional[Callable[[], Extractor]] = None,
    model_dir: Optional[str] = None,
    offline: Optional[bool] = None,
    scheduler: Optional[str] = None,
    client=None,
    workers: int = 2,
    device: str = "auto",
    partition_size: int = DEFAULT_PARTITION_SIZE,
    retries: int = DEFAULT_RETRIES,
    exporter_options: Optional[dict] = None,
    resume: bool = False,
    progress: Optional[Union[bool, str]] = None,
    quiet: bool = False,
    log: Optional[IO[str]] = None,
    total: Optional[int] = None,
) -> Summary:
    """Extract from ``paths`` on a Dask cluster into one output part per partition in ``outdir``.

    Args:
        paths: inputs as for ``quotes extract`` (.txt files, folders of them, JSON Lines; not ``-``).
        outdir: the output folder (created); parts ``part-NNNNN.<fmt>`` and ``_quotes_dask.json``.
        fmt: exporter name (``json``, ``jsonl``, ``csv``, ``html``); every part is a whole file.
        extractor_factory: picklable zero-argument callable building the extractor on each
            worker; default ``functools.partial(Extractor, model_dir=model_dir, offline=offline)``.
        scheduler: address of a running Dask scheduler; None starts a local cluster.
        client: a connected :class:`distributed.Client` to use instead (not closed here).
        workers: processes of the local cluster (ignored with ``scheduler`` or ``client``).
        device: ``auto``, ``cpu`` or ``gpu``: with ``gpu`` every worker's model goes on one GPU
            (:func:`gpu_index`); a local cluster checks first that this machine has one.
        partition_size: documents per partition.
        retries: Dask retries of a partition whose task raised.
        resume: skip partitions whose part exists (same format and partition size).
        progress, quiet, log, total: as for :func:`quotes.runner.run`.
    """
    paths = list(paths)
    if "-" in paths:
        raise RunnerError("the Dask engine reads files and folders, not standard input (-)")
    if fmt not in FORMATS:
        raise RunnerError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if workers < 1 or partition_size < 1 or retries < 0:
        raise RunnerError("workers and partition size must be at least 1, retries at least 0")
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise RunnerError("the Dask engine needs dask.distributed: pip install 'quotes[dask]' "
                          "(or pip install 'dask[distributed]')") from None
    if device not in ("auto", "cpu", "gpu"):
        raise RunnerError(f"unknown device {device!r}; choose auto, cpu or gpu")
    if device == "gpu" and client is None and not scheduler:
        from .nlp import check_gpu

        check_gpu()  # a local cluster's workers see this machine's GPUs: fail before starting them
    outdir = Path(outdir)
    done = _check_outdir(outdir, fmt, partition_size, resume)
    if extractor_factory is None:
        extractor_factory = functools.partial(Extractor, model_dir=model_dir, offline=offline,
                                              use_gpu={"auto": None, "cpu": False, "gpu": True}[device])
    log_stream = log if log is not None else sys.stderr
    mode = "off" if quiet or progress is False else {None: "auto", True: "bar"}.get(progress, progress)

    cluster = None
    own_client = client is None
    summary = Summary()
    try:
        if client is None:
            if scheduler:
                from distributed import Client

                client = Client(scheduler)
            else:
                cluster, client = start_local_cluster(workers)
        client.register_plugin(ExtractorPlugin(extractor_factory, device), name=PLUGIN_NAME)
        summary = _run(client, paths, outdir, fmt, partition_size, retries, exporter_options, done,
                       mode, quiet, log_stream, total)
    finally:
        if own_client and client is not None:
            try:
                client.close(timeout=30)
            except Exception:  # pragma: no cover - closing is best effort
                pass
        if cluster is not None:
            try:
                cluster.close(timeout=30)
            except Exception:  # pragma: no cover
                pass
    return summary


def _run(client, paths, outdir: Path, fmt, partition_size, retries, exporter_options, done, mode, quiet,
         log_stream, total) -> Summary:
    from distributed import as_completed

    summary = Summary()
    if total is None and mode != "off":
        total = count_inputs(paths)
    nthreads = sum((client.nthreads() or {}).values()) or 1
    max_in_flight = max(2, 2 * nthreads)
    started = time.perf_counter()
    parts = partitions(read_paths(paths), partition_size)
    futures: dict = {}
    pending = as_completed()
    bar: Optional[Progress] = None

    def submit_more() -> None:
        while len(futures) < max_in_flight:
            item = next(parts, None)
            if item is None:
                return
            index, docs = item
            if index in done:
                summary.skipped += len(docs)
                continue
            future = client.submit(run_partition, index, docs, str(outdir), fmt, exporter_options,
                                   key=f"quotes-part-{index:05d}-{os.getpid()}-{id(summary)}",
                                   retries=retries, pure=False)
            futures[future] = len(docs)
            pending.add(future)

    try:
        submit_more()
        skipped = 0 if total is None else sum(max(0, min(partition_size, total - i * partition_size)) for i in done)
        bar = Progress(total, stream=log_stream, mode=mode, initial=min(skipped, total or 0))
        while futures:
            future = next(pending)
            futures.pop(future)
            result = future.result()  # raises once Dask's retries are spent
            summary.documents += result["documents"]
            summary.quotes += result["quotes"]
            summary.errors += result["errors"]
            summary.error_kinds.update(result["error_kinds"])
            summary.words += result["words"]
            if not quiet:
                for line in result["error_lines"]:
                    bar.write(f"quotes: {line}")
            rate = summary.words / max(1e-9, time.perf_counter() - started)
            bar.update(result["documents"],
                       note=f"{rate:,.0f} tok/s, {summary.quotes} quotes, {summary.errors} errors")
            submit_more()
    finally:
        for future in list(futures):
            future.cancel()
        if bar is not None:
            bar.close()
        summary.seconds = time.perf_counter() - started
    return summary

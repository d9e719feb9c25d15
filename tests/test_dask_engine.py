"""``quotes extract --engine dask``: a LocalCluster of two worker processes on this machine.

The records of the Dask run equal the single-process run's; a bad document is an error record;
``--resume`` rewrites only a missing part; a worker killed mid-run (by its process id) still
leaves every document exactly once after ``--resume``. Every cluster is closed in ``finally``,
every wait has a timeout, and the module checks that no process of its own is left.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from quotes.cli import main  # noqa: E402
from quotes.distributed import extract_dask, part_files, start_local_cluster  # noqa: E402
from quotes.extractor import Extractor  # noqa: E402
from quotes.inputs import read_paths  # noqa: E402
from quotes.runner import run  # noqa: E402

pytestmark = pytest.mark.model

WAIT = 240  # seconds: the most any single run here may take

DOCS = [
    ("a", "„Wir werden die Gespräche fortsetzen“, sagte Kremlsprecher Dmitri Peskow."),
    ("b", "Der Minister sagte, die Lage sei ernst. Er wolle nicht zurücktreten."),
    ("c", ""),  # empty: an error record
    ("d", "Laut Polizei wurde niemand verletzt. Die Feuerwehr erklärte, der Brand sei gelöscht."),
    ("e", "This is an English sentence, and it is not German at all, the man said."),  # not_german
    ("f", "Die Sprecherin betonte: „Wir lassen uns nicht einschüchtern.“"),
]


def _write_input(path: Path, docs=DOCS) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return path


def _records(outdir: Path) -> list[dict]:
    out = []
    for part in part_files(outdir):
        with open(part, encoding="utf-8") as fh:
            out.extend(json.loads(line) for line in fh if line.strip())
    return out


def _in_time(fn, seconds: float = WAIT):
    """Run ``fn()`` in a thread; its result, or a failure after ``seconds``."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"no result within {seconds} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _children() -> list:
    """This process's living descendants (a zombie, dead and not yet reaped, is reaped if ours;
    multiprocessing's resource tracker, started once for the whole test process, does not count)."""
    import psutil

    alive = []
    for p in psutil.Process().children(recursive=True):
        try:
            if p.status() == psutil.STATUS_ZOMBIE:
                try:
                    p.wait(timeout=0)
                except (psutil.Error, ChildProcessError):
                    pass
                continue
            if "resource_tracker" not in " ".join(p.cmdline()):  # Python's, lives as long as this process
                alive.append(p)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.fixture(scope="module")
def client(model_dir):
    before = {p.pid for p in _children()}
    cluster, client = start_local_cluster(2)
    try:
        yield client
    finally:
        client.close(timeout=30)
        cluster.close(timeout=30)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and [p for p in _children() if p.pid not in before]:
            time.sleep(0.2)
        left = [p for p in _children() if p.pid not in before]
        for p in left:
            p.kill()
        assert not left, f"processes left behind by the cluster: {[p.pid for p in left]}"


def _factory(model_dir):
    return functools.partial(Extractor, model_dir=str(model_dir), offline=True)


def test_dask_records_equal_the_single_process_run_via_a_scheduler_address(tmp_path, client, extractor, model_dir):
    source = _write_input(tmp_path / "in.jsonl")
    outdir = tmp_path / "out"
    address = client.scheduler.address  # as --scheduler ADDRESS: a cluster this run did not start
    summary = _in_time(lambda: extract_dask([str(source)], outdir, scheduler=address,
                                            extractor_factory=_factory(model_dir), partition_size=2, quiet=True))
    assert len(part_files(outdir)) == 3
    single = tmp_path / "single.jsonl"
    run(read_paths([str(source)]), extractor, fmt="jsonl", output=single, quiet=True)
    expected = [json.loads(line) for line in single.read_text(encoding="utf-8").splitlines()]
    got = _records(outdir)
    assert sorted(got, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    # a document that cannot be processed is an error record, as in a local run
    errors = {r["id"]: r["error"] for r in got if "error" in r}
    assert errors == {"c": "empty", "e": "not_german"}
    assert summary.documents == 6 and summary.errors == 2 and summary.quotes > 0


def test_cli_resume_rewrites_only_the_missing_part_and_archive_imports_the_parts(tmp_path, model_dir, capsys):
    source = _write_input(tmp_path / "in.jsonl")
    outdir = tmp_path / "out"
    args = ["extract", str(source), "--engine", "dask", "--workers", "2", "--partition-size", "2", "-f", "jsonl",
            "-o", str(outdir), "--model-dir", str(model_dir), "--offline", "--quiet"]
    before = {p.pid for p in _children()}
    assert _in_time(lambda: main(args)) == 0
    parts = part_files(outdir)
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    first = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in parts}

    assert main(args) == 2  # a second run into the same folder needs --resume
    assert "--resume" in capsys.readouterr().err

    parts[1].unlink()
    time.sleep(0.05)
    assert _in_time(lambda: main(args + ["--resume"])) == 0
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in part_files(outdir)}
    assert after.keys() == first.keys()
    assert after["part-00000.jsonl"] == first["part-00000.jsonl"]  # untouched
    assert after["part-00002.jsonl"] == first["part-00002.jsonl"]
    assert after["part-00001.jsonl"][1] == first["part-00001.jsonl"][1]  # rewritten, same records
    assert after["part-00001.jsonl"][0] != first["part-00001.jsonl"][0]
    assert sorted(r["id"] for r in _records(outdir)) == ["a", "b", "c", "d", "e", "f"]

    deadline = time.monotonic() + 20  # the command's own LocalCluster is gone
    while time.monotonic() < deadline and [p for p in _children() if p.pid not in before]:
        time.sleep(0.2)
    assert not [p for p in _children() if p.pid not in before]

    db = tmp_path / "a.sqlite"
    assert main(["archive", "add", str(outdir), "--db", str(db), "--quiet"]) == 0
    assert main(["archive", "stats", "-f", "json", "--db", str(db)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 4


def test_a_killed_worker_still_gives_every_document_once_after_resume(tmp_path, client, model_dir):
    docs = [(f"k{i}", text) for i, (_, text) in enumerate(DOCS * 2) if text]
    source = _write_input(tmp_path / "in.jsonl", docs)
    outdir = tmp_path / "out"
    kwargs = dict(client=client, extractor_factory=_factory(model_dir), partition_size=1, quiet=True)
    box: dict = {}

    def first_run():
        try:
            box["summary"] = extract_dask([str(source)], outdir, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - a run may fail when its worker dies; resume follows
            box["error"] = exc

    thread = threading.Thread(target=first_run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and not part_files(outdir) and thread.is_alive():
        time.sleep(0.05)
    assert part_files(outdir), f"no part written ({box.get('error')!r})"
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    thread.join(WAIT)
    assert not thread.is_alive(), "the run did not end after its worker was killed"

    _in_time(lambda: extract_dask([str(source)], outdir, resume=True, **kwargs))
    ids = [r["id"] for r in _records(outdir)]
    assert sorted(ids) == sorted(doc_id for doc_id, _ in docs)  # every document, exactly once
    assert not list(outdir.glob(".part-*.tmp"))


# -- GPU workers (no GPU here: the CPU path, the placement logic and the error) ------------------


def _has_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


@pytest.mark.parametrize("name, count, expected", [
    (0, 2, 0), (1, 2, 1), (2, 2, 0), (3, 4, 3), ("5", 4, 1), (7, 1, 0),
    ("tcp://10.0.0.5:40123", 1, 0),
])
def test_each_local_worker_gets_its_own_gpu(name, count, expected):
    from quotes.distributed import gpu_index

    assert gpu_index(name, count) == expected


def test_a_worker_named_by_its_address_gets_a_stable_gpu():
    from quotes.distributed import gpu_index

    picks = {gpu_index(f"tcp://10.0.0.{i}:8786", 4) for i in range(40)}
    assert picks <= {0, 1, 2, 3} and len(picks) > 1
    assert gpu_index("tcp://10.0.0.1:8786", 4) == gpu_index("tcp://10.0.0.1:8786", 4)


def test_a_gpu_worker_builds_its_model_on_its_gpu(monkeypatch):
    import types

    from quotes import nlp
    from quotes.distributed import ExtractorPlugin

    monkeypatch.setattr(nlp, "check_gpu", lambda device=None: 2)  # as on a machine with two GPUs
    calls = []
    plugin = ExtractorPlugin(lambda **kw: calls.append(kw) or "extractor", device="gpu")
    plugin.setup(types.SimpleNamespace(name=1))
    assert calls == [{"device": "cuda:1"}] and plugin.extractor == "extractor"
    cpu = ExtractorPlugin(lambda **kw: calls.append(kw) or "cpu extractor", device="cpu")
    cpu.setup(types.SimpleNamespace(name=1))
    assert calls[-1] == {} and cpu.extractor == "cpu extractor"  # the CPU path: no device given


@pytest.mark.skipif("_has_gpu()", reason="this machine has a GPU")
def test_a_gpu_worker_without_a_gpu_fails_before_loading_a_model():
    import types

    from quotes.distributed import ExtractorPlugin
    from quotes.nlp import DeviceNotFoundError

    plugin = ExtractorPlugin(lambda **kw: pytest.fail("no model may be loaded"), device="gpu")
    with pytest.raises(DeviceNotFoundError, match="no GPU"):
        plugin.setup(types.SimpleNamespace(name=0))


@pytest.mark.skipif("_has_gpu()", reason="this machine has a GPU")
@pytest.mark.parametrize("engine", [["--engine", "dask", "--workers", "2"], []])
def test_device_gpu_without_a_gpu_is_one_error_line(tmp_path, model_dir, capsys, engine):
    source = _write_input(tmp_path / "in.jsonl", DOCS[:1])
    out = tmp_path / ("out" if engine else "out.jsonl")
    code = main(["extract", str(source), *engine, "--device", "gpu", "-f", "jsonl", "-o", str(out),
                 "--model-dir", str(model_dir), "--offline", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "--device gpu" in err and "Traceback" not in err
    assert not out.exists()  # nothing started, nothing written

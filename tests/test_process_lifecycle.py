"""No process outlives its run (issue 12): a ``quotes extract --workers 2`` whose
parent is killed (SIGTERM, SIGKILL) or interrupted (Ctrl-C) leaves no worker and
no resource tracker behind, and stops within seconds.

The run is the real command line (:func:`quotes.cli.main`) in a child process of
its own session, with a model-free extractor: the first documents take 0.1 s,
the others a minute, so that both workers are deep in a chunk when the signal
comes (a worker that is not stopped would hold the run for that minute). Processes are found in ``/proc``
(Linux only). Whatever happens, the test kills the processes it started, by id.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

STOP_SECONDS = 15.0
"""How long the processes may take to go (they take about one second; a worker left
running would take a minute)."""


# -- the run in the child ----------------------------------------------------


class SlowParser:
    """The stub parser of test_runner: 0.1 s for a text with "Schnell.", else a minute."""

    name = "slow-stub"
    model_dir = "stub"
    stanza_version = None
    fingerprint = "stub"
    identity = "slow-stub-1"
    batch_size = 2

    def parse_many(self, texts):
        from test_runner import stub_parse

        time.sleep(0.1 if all("Schnell." in t for t in texts) else 60)
        return [stub_parse(t) for t in texts]


class SlowFactory:
    """Picklable: the spawned workers import this module."""

    def __call__(self):
        from quotes.extractor import Extractor

        return Extractor(parser=SlowParser())


def drive(argv: list[str]) -> int:
    """``quotes`` with the slow extractor (run in the child process)."""
    from quotes import cli
    from quotes.commands import extract

    extract.extractor_factory = lambda args: SlowFactory()
    return cli.main(argv)


# -- /proc -------------------------------------------------------------------


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, or None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie has ended


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None and stat[1] == pid and alive(int(entry)):
                out.append(int(entry))
    return out


def _wait(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


# -- the test ----------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path) -> Path:
    from test_runner import SENTENCES

    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(40):
            text = SENTENCES[i % len(SENTENCES)] + (" Schnell." if i < 4 else "")
            fh.write(json.dumps({"id": f"d{i:04d}", "text": text}, ensure_ascii=False) + "\n")
    return src


def _start(corpus: Path, out: Path) -> subprocess.Popen:
    argv = ["extract", str(corpus), "-f", "jsonl", "-o", str(out), "--workers", "2", "--chunk-size", "2"]
    code = f"import sys; sys.path[:0] = [{str(HERE)!r}, {str(ROOT)!r}]; import test_process_lifecycle as t; " \
           f"sys.exit(t.drive({argv!r}))"
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL", "Ctrl-C"])
def test_no_worker_survives_its_parent(corpus, tmp_path, how):
    out = tmp_path / "out.jsonl"
    parent = _start(corpus, out)
    started: set[int] = set()
    try:
        # Wait until both workers work: records are coming and the parent has its children
        # (two workers and the resource tracker).
        assert _wait(lambda: out.exists() and out.stat().st_size > 0 and len(children(parent.pid)) >= 3, 60), \
            f"the run did not get going: {parent.poll()=}, {children(parent.pid)=}"
        started = set(children(parent.pid))
        if how == "Ctrl-C":  # a terminal sends SIGINT to the whole foreground group
            os.killpg(parent.pid, signal.SIGINT)
        else:
            os.kill(parent.pid, getattr(signal, how))
        t0 = time.monotonic()
        code = parent.wait(timeout=STOP_SECONDS)
        gone = _wait(lambda: not any(alive(p) for p in started), STOP_SECONDS)
        elapsed = time.monotonic() - t0
        survivors = [p for p in started if alive(p)]
        assert gone, f"{how}: processes {survivors} outlived their parent ({elapsed:.1f} s)"
        stderr = parent.stderr.read() if parent.stderr else ""
        if how == "SIGTERM":
            assert code == 143 and "quotes: terminated" in stderr, (code, stderr)
        elif how == "Ctrl-C":
            assert code == 130 and "quotes: interrupted" in stderr, (code, stderr)
        else:
            assert code == -signal.SIGKILL
        # Whatever was written is whole records, in order, and --resume would continue.
        lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
        if how != "SIGKILL":
            assert all(line.endswith("\n") for line in lines)
        ids = [json.loads(line)["id"] for line in lines if line.endswith("\n")]
        assert ids == [f"d{i:04d}" for i in range(len(ids))]
        print(f"{how}: parent exit {code}, {len(started)} children gone {elapsed:.1f} s after the signal, "
              f"{len(ids)} records written")
    finally:
        started |= set(children(parent.pid))
        for pid in [parent.pid, *started]:
            if alive(pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        parent.wait(timeout=10)
        if parent.stderr:
            parent.stderr.close()

"""Benchmark 6: time and peak memory against input size for pathological input (issue 12).

The input of issue 12 (``Er sagte: `` + thousands of opening quotation
marks in one sentence) took 173 s and 18 GB with 3,000 marks before the
bounds of :mod:`quotes.limits`. Measured here, in one fresh process
(``bounds_run.py``, the parser loaded once, the peak-memory mark reset
before each input), for 1,000, 3,000 and 10,000 marks:

* ``nested``: the issue's input; refused before parsing as ``too_complex``
  (too many marks open at once).
* ``closed``: as many marks closed in pairs (``„a“ „a“ …``): passes the
  checks and is parsed as one sentence of 1.5 words per mark, which the
  parser splits into pieces of at most 250 words.

Reported per input: seconds, CPU seconds, peak memory above the process's
memory before the input, the record; and the growth from 1,000 to 10,000
marks (time per word should stay about the same: linear). Nothing is
asserted about time; the records must be right (``too_complex`` for
``nested``, exact offsets and the quote of the last sentence for
``closed``). Sizes: ``$QUOTES_BENCH_BOUNDS_MARKS`` (``1000,3000,10000``;
``100,300`` with --benchmark-disable); torch threads ``$QUOTES_BENCH_THREADS``
(the figures in README.md are with 1: CPU time is then the parse's own,
whatever the neighbours do).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchutil import ROOT, report, torch_threads

HERE = Path(__file__).resolve().parent


def test_pathological_input_grows_linearly(benchmark, model_dir):
    sizes = os.environ.get("QUOTES_BENCH_BOUNDS_MARKS") or ("100,300" if benchmark.disabled else "1000,3000,10000")
    marks = [int(m) for m in sizes.split(",")]
    inputs = [f"{kind}:{n}" for kind in ("nested", "closed") for n in marks]
    runs = []

    def measure():
        runs.append(subprocess.run([sys.executable, str(HERE / "bounds_run.py"), str(model_dir), str(torch_threads()),
                                    *inputs], capture_output=True, text=True, cwd=ROOT, check=False))

    benchmark.pedantic(measure, rounds=1, iterations=1)
    proc = runs[-1]
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == len(inputs)
    for row in rows:
        assert row["offsets_ok"], row
        if row["kind"] == "nested":
            assert row["outcome"] == "too_complex", row
        else:
            assert row["outcome"] != "too_complex" and row["outcome"].endswith("quotes"), row
        report(benchmark, f"{row['kind']} {row['marks']:,} marks ({row['words']:,} words parsed): "
                          f"{row['seconds']:.2f} s (CPU {row['cpu_seconds']:.2f} s), peak +{row['peak_above_mib']} MiB "
                          f"over {row['rss_before_mib']} MiB, {row['outcome']}",
               **{f"{row['kind']}_{row['marks']}": row})
    closed = [r for r in rows if r["kind"] == "closed"]
    if len(closed) >= 2 and closed[0]["words"]:
        small, large = closed[0], closed[-1]
        per_word = [r["cpu_seconds"] / r["words"] * 1000 for r in (small, large)]
        report(benchmark, f"closed, {small['marks']:,} -> {large['marks']:,} marks: words x{large['words'] / small['words']:.1f}, "
                          f"CPU time x{large['cpu_seconds'] / small['cpu_seconds']:.1f} "
                          f"({per_word[0]:.1f} -> {per_word[1]:.1f} ms per word), peak memory +{small['peak_above_mib']} -> "
                          f"+{large['peak_above_mib']} MiB",
               growth_time=large["cpu_seconds"] / small["cpu_seconds"], growth_words=large["words"] / small["words"])

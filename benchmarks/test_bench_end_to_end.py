"""Benchmark 2: end-to-end ``extract_many`` against a bare Stanza pipeline.

The same ``$QUOTES_BENCH_ARTICLES`` articles (default 200; 3 with
--benchmark-disable), the same loaded pipeline, the same bulk batches
(``$QUOTES_BENCH_BATCH`` documents, default 16), ``$QUOTES_BENCH_THREADS``
torch threads (default 2). Three contestants, timed batch by batch and
interleaved (the order rotating from batch to batch), so that a noisy
neighbour on a shared machine slows all of them alike:

* bare: ``pipeline.bulk_process`` only;
* extract_many: input checks, parse, conversion, rules, speakers, records;
* runner: the same through :func:`quotes.runner.run`, rendered as JSON Lines
  and written per document (what ``quotes extract -f jsonl`` does after
  loading the model).

Reported: words/s of each and the ratio bare / extract_many in wall time
(target ≥ 0.95: the extraction layer adds at most 5 %), and the same ratio
in CPU time of this process (all torch threads), which a busy neighbour
disturbs less. ``QUOTES_BENCH_DEVICE=gpu`` runs
Stanza on the GPU.
"""

from __future__ import annotations

import io
import os
import time

from benchutil import report, size

from quotes.extractor import Extractor
from quotes.inputs import InputDoc
from quotes.runner import run


def test_extract_many_against_bare_stanza(benchmark, parser, articles, tmp_path):
    import stanza

    n = size(benchmark, "QUOTES_BENCH_ARTICLES", 200, 3)
    docs = [InputDoc(i, t) for i, t in articles[:n]]
    extractor = Extractor(parser=parser)
    bs = parser.batch_size
    batches = [docs[i:i + bs] for i in range(0, n, bs)]
    seconds = {"bare": 0.0, "extract_many": 0.0, "runner": 0.0}
    cpu = dict(seconds)
    found = {"bare": 0, "extract_many": 0, "runner": 0}

    def bare(batch, _out):
        done = parser.pipeline.bulk_process([stanza.Document([], text=d.text) for d in batch])
        return sum(len(s.words) for d in done for s in d.sentences)

    def extract(batch, _out):
        return sum(len(r.quotes) for r in extractor.extract_many(batch))

    def through_runner(batch, out):
        return run(batch, extractor, fmt="jsonl", stream=out, chunk_size=bs, log=io.StringIO()).quotes

    contestants = [("bare", bare), ("extract_many", extract), ("runner", through_runner)]
    list(extractor.extract_many(docs[:2]))  # warm up

    def measure():
        with open(tmp_path / "out.jsonl", "w", encoding="utf-8") as out:
            for k, batch in enumerate(batches):
                for name, fn in contestants[k % 3:] + contestants[:k % 3]:
                    start, cpu_start = time.perf_counter(), time.process_time()
                    found[name] += fn(batch, out)
                    seconds[name] += time.perf_counter() - start
                    cpu[name] += time.process_time() - cpu_start

    benchmark.pedantic(measure, rounds=1, iterations=1)
    words = found["bare"]
    ratio = seconds["bare"] / seconds["extract_many"]
    ratio_runner = seconds["bare"] / seconds["runner"]
    ratio_cpu = cpu["bare"] / cpu["extract_many"]
    device = os.environ.get("QUOTES_BENCH_DEVICE", "cpu")
    report(benchmark,
           f"{n} articles, {words:,} words, {device}: bare {seconds['bare']:.1f} s "
           f"({words / seconds['bare']:,.0f} words/s), extract_many {seconds['extract_many']:.1f} s "
           f"({words / seconds['extract_many']:,.0f} words/s), runner {seconds['runner']:.1f} s "
           f"({words / seconds['runner']:,.0f} words/s); ratio {ratio:.3f} (runner {ratio_runner:.3f}, "
           f"CPU time {ratio_cpu:.3f}; target >= 0.95)",
           articles=n, words=words, device=device, bare_s=seconds["bare"], extract_many_s=seconds["extract_many"],
           runner_s=seconds["runner"], ratio=ratio, ratio_runner=ratio_runner, ratio_cpu=ratio_cpu,
           cpu_s=cpu, quotes=found["extract_many"])
    assert found["extract_many"] == found["runner"]

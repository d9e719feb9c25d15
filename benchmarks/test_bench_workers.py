"""Benchmark 5: ``--workers 2`` against 1 (this machine has 2 cores).

``$QUOTES_BENCH_WORKER_ARTICLES`` articles (default 60; 2 with
--benchmark-disable) through the runner's :func:`quotes.runner.process`
in chunks of 4, as ``quotes extract`` does. Configurations:

* 1 worker (in this process) with ``$QUOTES_BENCH_THREADS`` torch threads (default 2);
* 1 worker with 1 torch thread;
* 2 worker processes, one torch thread each.

Measured per configuration: wall time including loading the model (each
worker loads its own, in parallel), and the steady rate from the first chunk
to the last (words/s, start-up excluded). Best of ``$QUOTES_BENCH_ROUNDS``
(default 2) rounds in alternating order. Reported: the speed-ups of 2
workers over 1. The records must be the same, document for document (they
are, unless the rules change on disk while it runs: workers import the code
when they start).
"""

from __future__ import annotations

import functools
import os
import time

from benchutil import report, size, torch_threads

from quotes.extractor import Extractor
from quotes.inputs import InputDoc
from quotes.runner import process


def test_two_workers_against_one(benchmark, model_dir, articles):
    import torch

    n = size(benchmark, "QUOTES_BENCH_WORKER_ARTICLES", 60, 2)
    docs = [InputDoc(i, t) for i, t in articles[:n]]
    factory = functools.partial(Extractor, model_dir=str(model_dir), offline=True)
    threads = torch_threads()
    rounds = 1 if benchmark.disabled else int(os.environ.get("QUOTES_BENCH_ROUNDS", "2"))
    best: dict[str, dict] = {}
    records: dict[str, list] = {}

    def one(name, workers, torch_threads_):
        if torch_threads_:
            torch.set_num_threads(torch_threads_)
        start = time.perf_counter()
        first = None
        words = first_words = 0
        out = []
        for recs, w in process(docs, factory, workers=workers, chunk_size=4 if n >= 8 else 1):
            words += w
            out.extend(r.model_dump() for r in recs)
            if first is None:
                first, first_words = time.perf_counter(), w
        end = time.perf_counter()
        steady = (words - first_words) / (end - first) if words > first_words else float("nan")
        result = {"wall": end - start, "startup": first - start, "steady": steady, "words": words}
        if name not in best or result["wall"] < best[name]["wall"]:
            best[name] = result
        records[name] = out

    def measure():
        order = [("1 worker", 1, threads), ("1 worker, 1 thread", 1, 1), ("2 workers", 2, None)]
        for r in range(rounds):
            for name, workers, torch_threads_ in order if r % 2 == 0 else order[::-1]:
                one(name, workers, torch_threads_)
        torch.set_num_threads(threads)

    benchmark.pedantic(measure, rounds=1, iterations=1)
    one_, one_1t, two = best["1 worker"], best["1 worker, 1 thread"], best["2 workers"]
    words = one_["words"]
    report(benchmark,
           f"{n} articles, {words:,} words: wall (with model loading) 1 worker/{threads} threads "
           f"{one_['wall']:.1f} s, 1 worker/1 thread {one_1t['wall']:.1f} s, 2 workers {two['wall']:.1f} s "
           f"= {one_['wall'] / two['wall']:.2f}x; steady words/s {one_['steady']:,.0f} / {one_1t['steady']:,.0f} / "
           f"{two['steady']:,.0f} = {two['steady'] / one_['steady']:.2f}x over 1 worker/{threads} threads, "
           f"{two['steady'] / one_1t['steady']:.2f}x over 1 thread",
           articles=n, words=words, threads=threads, **{f"{k} {m}": v[m] for k, v in best.items() for m in v},
           speedup_wall=one_["wall"] / two["wall"], speedup_steady=two["steady"] / one_["steady"],
           speedup_steady_over_1_thread=two["steady"] / one_1t["steady"])
    assert records["2 workers"] == records["1 worker"]

"""Benchmark 1: the rule engine alone on pre-parsed documents (tokens/s, one core).

Documents: the news-quotes-de articles from the parse cache (``$QUOTES_BENCH_CACHE``,
default ``../cache``, made with the compact model), else the gold UD German
trees. Timed: :func:`quotes.engine.extract_from_parsed` (rules, speakers, the
learned layer and the validated records), in wall time and in CPU time
(``time.process_time``: what one core does, whatever else runs on the machine),
best of ``$QUOTES_BENCH_ROUNDS`` rounds (default 3), two ways:

* **fresh** (the headline figure): each document is loaded from its serialised
  form just before its extraction (outside the clock) and dropped after it, as
  ``quotes extract`` meets documents from the parse cache: the per-word values
  :class:`quotes.doc.Word` computes once are computed inside the clock, and only
  one document is alive at a time (the garbage collector walks what a real run
  holds, not 850 documents);
* **repeated**: the same loaded documents again and again (the figure reported
  before; the per-word values carry over from the first round).

Target: at least 100,000 tokens/s.
"""

from __future__ import annotations

import json
import os
import time

import pytest
from benchutil import CACHE, UD, bench_model_dir, load_articles, model_identity, report, size

from quotes.doc import ParsedDoc, from_conllu
from quotes.engine import extract_from_parsed


def cached_docs(texts):
    from quotes.cache import ParseCache

    if not CACHE.exists():
        return None
    ident = model_identity(bench_model_dir())
    cache = ParseCache(CACHE)
    docs = [cache.get(t, ident) for t in texts]
    return docs if all(d is not None for d in docs) else None


def gold_docs(limit):
    docs = []
    for path in sorted(UD.glob("de_*.conllu")):
        blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
        for i in range(0, len(blocks), 20):  # documents of 20 sentences
            docs.append(from_conllu("\n\n".join(blocks[i:i + 20])))
    return docs[:limit]


def test_engine_tokens_per_second(benchmark):
    n = size(benchmark, "QUOTES_BENCH_ENGINE_DOCS", 850, 20)
    docs, source = None, ""
    try:
        docs = cached_docs([t for _, t in load_articles()[:n]])
        source = "news-quotes-de, parse cache"
    except (OSError, ValueError, ImportError):
        docs = None
    if not docs:
        if not UD.exists():
            pytest.skip("neither the parse cache of the corpus nor the UD treebanks are available")
        docs, source = gold_docs(n), "UD German gold trees"
    words = sum(d.n_words for d in docs)
    rounds = int(os.environ.get("QUOTES_BENCH_ROUNDS", "3"))
    serialised = [json.dumps(d.to_dict()) for d in docs]
    for i, d in enumerate(docs[:5]):  # warm up: word lists, compiled patterns, packaged models
        extract_from_parsed(d, str(i))
    times: dict[str, list[float]] = {"fresh": [], "repeated": []}
    cpu_times: dict[str, list[float]] = {"fresh": [], "repeated": []}

    def fresh():
        wall = cpu = 0.0
        quotes = 0
        for i, data in enumerate(serialised):
            doc = ParsedDoc.from_dict(json.loads(data))
            start, start_cpu = time.perf_counter(), time.process_time()
            quotes += len(extract_from_parsed(doc, str(i)).quotes)
            wall += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            del doc
        times["fresh"].append(wall)
        cpu_times["fresh"].append(cpu)
        return quotes

    def repeated():
        start, start_cpu = time.perf_counter(), time.process_time()
        quotes = sum(len(extract_from_parsed(d, str(i)).quotes) for i, d in enumerate(docs))
        times["repeated"].append(time.perf_counter() - start)
        cpu_times["repeated"].append(time.process_time() - start_cpu)
        return quotes

    def engine():
        quotes = fresh()
        assert repeated() == quotes  # the same documents give the same quotes, loaded afresh or not
        return quotes

    quotes = benchmark.pedantic(engine, rounds=1 if benchmark.disabled else rounds, iterations=1)
    figures = {}
    for way in ("fresh", "repeated"):
        best, best_cpu = min(times[way]), min(cpu_times[way])
        figures[way] = (best, words / best, best_cpu, words / best_cpu)
    (fw, fr, fc, frc), (rw, rr, rc, rrc) = figures["fresh"], figures["repeated"]
    report(benchmark, f"{len(docs)} docs ({source}), {words:,} tokens, {quotes} quotes: fresh documents best "
                      f"{fc:.2f} s CPU = {frc:,.0f} tokens/s ({fw:.2f} s wall = {fr:,.0f}); repeated documents "
                      f"best {rc:.2f} s CPU = {rrc:,.0f} tokens/s ({rw:.2f} s wall = {rr:,.0f}) (target >= 100,000)",
           docs=len(docs), tokens=words, quotes=quotes, seconds=fw, tokens_per_s=fr, cpu_seconds=fc,
           tokens_per_cpu_s=frc, repeated_seconds=rw, repeated_tokens_per_s=rr, repeated_cpu_seconds=rc,
           repeated_tokens_per_cpu_s=rrc, source=source)
    assert quotes >= 0
